-- Projection "reports": histograms of stage visit lengths per UTC day and per UTC month in which the visits ended, so
-- the stage-durations report sums a few rows per stage instead of sorting every visit of its range; and open visits
-- per day they began, so its openOverdue does not count every open deal one by one.

-- The bucket of a visit length in milliseconds, exactly as io.dealflow.query.report.DurationHistogram computes it:
-- one bucket per millisecond below 128 ms, then 64 buckets of equal width per power of two (at most 1/64 of the
-- bucket's lower bound wide). Integer arithmetic only, so SQL and Java never disagree at a bucket's edge.
-- A single expression without FROM, so PostgreSQL inlines it into the query that calls it.
CREATE FUNCTION read_model.report_duration_bucket(millis BIGINT) RETURNS INT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE WHEN millis < 128 THEN greatest(millis, 0)::int
                ELSE ((58 - position('1' IN millis::bit(64)::text)) * 64
                      + (millis >> (58 - position('1' IN millis::bit(64)::text))))::int END
$$;

-- Ended, not deleted visits of a stage, per UTC day (grain 'day', period that day) and per UTC month (grain 'month',
-- period its first day) of their end. visits and total_millis are exact; buckets lists the bucket numbers holding
-- visits in ascending order and bucket_visits how many each holds. Rows stay short enough to be stored inline.
CREATE TABLE read_model.report_stage_duration (
    pipeline_id   VARCHAR(64) NOT NULL,
    grain         VARCHAR(5)  NOT NULL,
    period        DATE        NOT NULL,
    stage_id      VARCHAR(64) NOT NULL,
    visits        BIGINT      NOT NULL,
    total_millis  BIGINT      NOT NULL,
    buckets       INT[]       NOT NULL,
    bucket_visits INT[]       NOT NULL,
    PRIMARY KEY (pipeline_id, grain, period, stage_id)
) WITH (toast_tuple_target = 8160);

-- A database migrated with visits already in it: count them as the projection would have.
INSERT INTO read_model.report_stage_duration (pipeline_id, grain, period, stage_id, visits, total_millis, buckets,
                                              bucket_visits)
SELECT pipeline_id, grain, period, stage_id, sum(visits), sum(total_millis), array_agg(bucket ORDER BY bucket),
       array_agg(visits ORDER BY bucket)
FROM (SELECT pipeline_id, grain.name AS grain,
             CASE grain.name WHEN 'day' THEN (left_at AT TIME ZONE 'UTC')::date
                             ELSE date_trunc('month', left_at AT TIME ZONE 'UTC')::date END AS period,
             stage_id, read_model.report_duration_bucket(millis) AS bucket, count(*)::int AS visits,
             sum(millis) AS total_millis
      FROM (SELECT pipeline_id, stage_id, left_at,
                   (extract(epoch FROM left_at) * 1000 - extract(epoch FROM entered_at) * 1000)::bigint AS millis
            FROM read_model.report_stage_visit WHERE left_at IS NOT NULL AND NOT deleted) visit
      CROSS JOIN (VALUES ('day'), ('month')) AS grain (name)
      GROUP BY 1, 2, 3, 4, 5) bucket
GROUP BY 1, 2, 3, 4;

-- Open, not deleted visits per stage and UTC day they began, so openOverdue counts whole days from here and reads
-- only the visits of the one day its threshold falls on.
CREATE TABLE read_model.report_open_visit_day (
    pipeline_id VARCHAR(64) NOT NULL,
    stage_id    VARCHAR(64) NOT NULL,
    day         DATE        NOT NULL,
    visits      BIGINT      NOT NULL,
    PRIMARY KEY (pipeline_id, stage_id, day)
);

INSERT INTO read_model.report_open_visit_day (pipeline_id, stage_id, day, visits)
SELECT pipeline_id, stage_id, (entered_at AT TIME ZONE 'UTC')::date, count(*)
FROM read_model.report_stage_visit WHERE left_at IS NULL AND NOT deleted
GROUP BY 1, 2, 3;

-- The partial days at the edges of a range read only index entries (no table rows): the visits that ended then, and
-- the deals created then (conversion and funnel).
DROP INDEX read_model.report_stage_visit_ended;
CREATE INDEX report_stage_visit_ended ON read_model.report_stage_visit (pipeline_id, left_at)
    INCLUDE (stage_id, entered_at) WHERE left_at IS NOT NULL AND NOT deleted;
DROP INDEX read_model.report_deal_created;
CREATE INDEX report_deal_created ON read_model.report_deal (location_id, created_at)
    INCLUDE (pipeline_id, furthest_stage_id, status) WHERE NOT deleted;
