-- Projection "reports": one row per deal with what the reports group and sum by, its stage visits, and aggregates
-- per UTC day that the projection keeps up to date, so a report sums a range of day rows (plus the deals of at most
-- two partial days at its edges) and never scans all deals or events.

-- The projection's own copy of pipelines and stages: stage order and win probability as the reports processor has
-- seen them, in the same order as the deal events it folds.
CREATE TABLE read_model.report_pipeline (
    pipeline_id VARCHAR(64) PRIMARY KEY,
    location_id VARCHAR(64) NOT NULL,
    deleted     BOOLEAN     NOT NULL DEFAULT FALSE,
    version     BIGINT      NOT NULL
);

CREATE TABLE read_model.report_stage (
    pipeline_id     VARCHAR(64)  NOT NULL,
    stage_id        VARCHAR(64)  NOT NULL,
    name            VARCHAR(255) NOT NULL,
    position        INT          NOT NULL,
    win_probability INT          NOT NULL,
    PRIMARY KEY (pipeline_id, stage_id)
);

-- One row per deal: its current facts. closed_at is the time of its latest close while it is closed, null while open.
-- furthest_stage_id: of the stages of its current pipeline it was ever in, the one placed last (null when none is
-- left).
CREATE TABLE read_model.report_deal (
    opportunity_id    VARCHAR(64)    COLLATE "C" PRIMARY KEY,
    location_id       VARCHAR(64)    NOT NULL,
    pipeline_id       VARCHAR(64)    NOT NULL,
    stage_id          VARCHAR(64)    NOT NULL,
    furthest_stage_id VARCHAR(64),
    status            VARCHAR(16)    NOT NULL,
    monetary_value    NUMERIC(19, 2) NOT NULL,
    currency          VARCHAR(3)     NOT NULL,
    assigned_to       VARCHAR(255),
    source            VARCHAR(255),
    created_at        TIMESTAMPTZ    NOT NULL,
    closed_at         TIMESTAMPTZ,
    deleted           BOOLEAN        NOT NULL DEFAULT FALSE,
    version           BIGINT         NOT NULL
);
-- The partial days at the edges of a range are summed from deals.
CREATE INDEX report_deal_created ON read_model.report_deal (location_id, created_at) WHERE NOT deleted;
CREATE INDEX report_deal_closed ON read_model.report_deal (location_id, closed_at)
    WHERE closed_at IS NOT NULL AND NOT deleted;
-- Recomputing a pipeline's funnel rows after its stages were reordered or removed.
CREATE INDEX report_deal_pipeline ON read_model.report_deal (pipeline_id);

-- Every stage a deal was ever in (open or closed), for the funnel.
CREATE TABLE read_model.report_reached_stage (
    opportunity_id VARCHAR(64) COLLATE "C" NOT NULL,
    pipeline_id    VARCHAR(64) NOT NULL,
    stage_id       VARCHAR(64) NOT NULL,
    PRIMARY KEY (opportunity_id, pipeline_id, stage_id)
);

-- A stretch of time a deal spent open in one stage: from entering it (or being created or reopened in it) to leaving
-- it (moving on or being closed). left_at is null while it lasts. "sequence" is the event that started it.
CREATE TABLE read_model.report_stage_visit (
    opportunity_id VARCHAR(64) COLLATE "C" NOT NULL,
    sequence       BIGINT       NOT NULL,
    location_id    VARCHAR(64)  NOT NULL,
    pipeline_id    VARCHAR(64)  NOT NULL,
    stage_id       VARCHAR(64)  NOT NULL,
    entered_at     TIMESTAMPTZ  NOT NULL,
    left_at        TIMESTAMPTZ,
    started_by     VARCHAR(255),
    deleted        BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (opportunity_id, sequence)
);
CREATE INDEX report_stage_visit_ended ON read_model.report_stage_visit (pipeline_id, left_at)
    WHERE left_at IS NOT NULL AND NOT deleted;
CREATE INDEX report_stage_visit_open ON read_model.report_stage_visit (pipeline_id, stage_id, entered_at)
    WHERE left_at IS NULL AND NOT deleted;

-- Closed, not deleted deals per day of their latest close, three times over: by pipeline alone (dim_key ''), by owner
-- and by source (dim_key the owner or source, '' for none), so each groupBy sums rows of one grain.
-- cycle_millis sums closed_at - created_at, for the velocity's average cycle.
CREATE TABLE read_model.report_close_day (
    location_id  VARCHAR(64)    NOT NULL,
    dimension    VARCHAR(8)     NOT NULL,
    day          DATE           NOT NULL,
    pipeline_id  VARCHAR(64)    NOT NULL,
    dim_key      VARCHAR(255)   NOT NULL,
    currency     VARCHAR(3)     NOT NULL,
    status       VARCHAR(16)    NOT NULL,
    deals        BIGINT         NOT NULL,
    total_value  NUMERIC(21, 2) NOT NULL,
    cycle_millis BIGINT         NOT NULL,
    PRIMARY KEY (location_id, dimension, day, pipeline_id, dim_key, currency, status)
);

-- Not deleted deals per day of creation, by current pipeline, furthest stage ('' for none) and whether won now.
CREATE TABLE read_model.report_created_day (
    location_id       VARCHAR(64) NOT NULL,
    day               DATE        NOT NULL,
    pipeline_id       VARCHAR(64) NOT NULL,
    furthest_stage_id VARCHAR(64) NOT NULL,
    won               BOOLEAN     NOT NULL,
    deals             BIGINT      NOT NULL,
    PRIMARY KEY (location_id, day, pipeline_id, furthest_stage_id, won)
);
CREATE INDEX report_created_day_pipeline ON read_model.report_created_day (pipeline_id);

-- Open, not deleted deals per stage and currency, for the forecast and the velocity's open count.
CREATE TABLE read_model.report_open_stage (
    pipeline_id VARCHAR(64)    NOT NULL,
    stage_id    VARCHAR(64)    NOT NULL,
    currency    VARCHAR(3)     NOT NULL,
    location_id VARCHAR(64)    NOT NULL,
    deals       BIGINT         NOT NULL,
    total_value NUMERIC(21, 2) NOT NULL,
    PRIMARY KEY (pipeline_id, stage_id, currency)
);
CREATE INDEX report_open_stage_location ON read_model.report_open_stage (location_id);
