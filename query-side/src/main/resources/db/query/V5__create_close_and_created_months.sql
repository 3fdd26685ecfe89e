-- Projection "reports": the close and creation aggregates per UTC month beside the day rows, so a report over a year
-- sums about a dozen month rows per group instead of 365 day rows (whole days at the edges still come from the day
-- rows, partial days from the deals). Each month is counted per pipeline and, under pipeline_id '', across every
-- pipeline, for the reports asked without a pipeline. month is the first day of the month.

-- As report_close_day, per month.
CREATE TABLE read_model.report_close_month (
    location_id  VARCHAR(64)    NOT NULL,
    dimension    VARCHAR(8)     NOT NULL,
    month        DATE           NOT NULL,
    pipeline_id  VARCHAR(64)    NOT NULL,
    dim_key      VARCHAR(255)   NOT NULL,
    currency     VARCHAR(3)     NOT NULL,
    status       VARCHAR(16)    NOT NULL,
    deals        BIGINT         NOT NULL,
    total_value  NUMERIC(21, 2) NOT NULL,
    cycle_millis BIGINT         NOT NULL,
    PRIMARY KEY (location_id, dimension, pipeline_id, month, dim_key, currency, status)
);

-- As report_created_day, per month; the rows across every pipeline leave the furthest stage out ('').
CREATE TABLE read_model.report_created_month (
    location_id       VARCHAR(64) NOT NULL,
    pipeline_id       VARCHAR(64) NOT NULL,
    month             DATE        NOT NULL,
    furthest_stage_id VARCHAR(64) NOT NULL,
    won               BOOLEAN     NOT NULL,
    deals             BIGINT      NOT NULL,
    PRIMARY KEY (location_id, pipeline_id, month, furthest_stage_id, won)
);

-- A database migrated with deals already in it: count the months from the day rows.
INSERT INTO read_model.report_close_month (location_id, dimension, month, pipeline_id, dim_key, currency, status,
                                           deals, total_value, cycle_millis)
SELECT location_id, dimension, date_trunc('month', day)::date, scope.pipeline_id, dim_key, currency, status,
       sum(deals), sum(total_value), sum(cycle_millis)
FROM read_model.report_close_day
CROSS JOIN LATERAL (VALUES (report_close_day.pipeline_id), ('')) AS scope (pipeline_id)
GROUP BY 1, 2, 3, 4, 5, 6, 7
HAVING sum(deals) <> 0 OR sum(total_value) <> 0 OR sum(cycle_millis) <> 0;

INSERT INTO read_model.report_created_month (location_id, pipeline_id, month, furthest_stage_id, won, deals)
SELECT location_id, scope.pipeline_id, date_trunc('month', day)::date, scope.furthest_stage_id, won, sum(deals)
FROM read_model.report_created_day
CROSS JOIN LATERAL (VALUES (report_created_day.pipeline_id, report_created_day.furthest_stage_id), ('', ''))
    AS scope (pipeline_id, furthest_stage_id)
GROUP BY 1, 2, 3, 4, 5
HAVING sum(deals) <> 0;
