-- The command side's lookup: the few cross-aggregate facts command handlers check (which stages a pipeline has,
-- which pipeline names are taken, which deals are open in a stage, which lost reasons exist). Updated in the same
-- transaction as the events it follows, never read by the query side.

CREATE TABLE command_model.pipeline_lookup (
    pipeline_id VARCHAR(64)  PRIMARY KEY,
    location_id VARCHAR(64)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    deleted     BOOLEAN      NOT NULL DEFAULT FALSE
);
-- Pipeline names are unique per location, case-insensitively; this index settles races between concurrent creates.
CREATE UNIQUE INDEX pipeline_lookup_name ON command_model.pipeline_lookup (location_id, lower(name)) WHERE NOT deleted;

CREATE TABLE command_model.stage_lookup (
    stage_id    VARCHAR(64) PRIMARY KEY,
    pipeline_id VARCHAR(64) NOT NULL REFERENCES command_model.pipeline_lookup (pipeline_id),
    position    INT         NOT NULL,
    removed     BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX stage_lookup_pipeline ON command_model.stage_lookup (pipeline_id);

CREATE TABLE command_model.opportunity_lookup (
    opportunity_id VARCHAR(64) PRIMARY KEY,
    location_id    VARCHAR(64) NOT NULL,
    pipeline_id    VARCHAR(64) NOT NULL,
    stage_id       VARCHAR(64) NOT NULL,
    status         VARCHAR(16) NOT NULL,
    deleted        BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX opportunity_lookup_open_in_stage ON command_model.opportunity_lookup (pipeline_id, stage_id)
    WHERE status = 'open' AND NOT deleted;

CREATE TABLE command_model.lost_reason_lookup (
    lost_reason_id VARCHAR(64)  PRIMARY KEY,
    location_id    VARCHAR(64)  NOT NULL,
    name           VARCHAR(255) NOT NULL
);
CREATE UNIQUE INDEX lost_reason_lookup_name ON command_model.lost_reason_lookup (location_id, lower(name));
