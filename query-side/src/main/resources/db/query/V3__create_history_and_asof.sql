-- Projection "history": what auditors and as-of queries read besides the event store itself. Pipelines, stages and
-- board cards are kept as versions, each valid over [valid) and from the event at from_index up to (not including)
-- the one at to_index (null: the current version), so the past is answered by indexed queries, never by replaying
-- the store.

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

-- One row per stored event: the location it belongs to (the event table has no such column) and who caused it.
-- Payloads stay in the event store and are joined by global_index.
CREATE TABLE read_model.audit_event (
    global_index BIGINT       PRIMARY KEY,
    location_id  VARCHAR(64)  NOT NULL,
    aggregate_id VARCHAR(255) NOT NULL,
    sequence     BIGINT       NOT NULL,
    type         VARCHAR(255) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(255)
);
CREATE INDEX audit_event_location ON read_model.audit_event (location_id, global_index);
CREATE INDEX audit_event_aggregate ON read_model.audit_event (location_id, aggregate_id, global_index);
CREATE INDEX audit_event_type ON read_model.audit_event (location_id, type, global_index);
CREATE INDEX audit_event_actor ON read_model.audit_event (location_id, actor, global_index);

CREATE TABLE read_model.pipeline_version (
    pipeline_id VARCHAR(64)  NOT NULL,
    location_id VARCHAR(64)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    deleted     BOOLEAN      NOT NULL,
    from_index  BIGINT       NOT NULL,
    to_index    BIGINT,
    valid       TSTZRANGE    NOT NULL,
    PRIMARY KEY (pipeline_id, from_index)
);
CREATE INDEX pipeline_version_valid ON read_model.pipeline_version USING GIST (pipeline_id, valid);

-- A stage's name, place and win probability over time; a removed stage's last version simply ends.
CREATE TABLE read_model.stage_version (
    pipeline_id     VARCHAR(64)  NOT NULL,
    stage_id        VARCHAR(64)  NOT NULL,
    name            VARCHAR(255) NOT NULL,
    position        INT          NOT NULL,
    win_probability INT          NOT NULL,
    from_index      BIGINT       NOT NULL,
    to_index        BIGINT,
    valid           TSTZRANGE    NOT NULL,
    PRIMARY KEY (pipeline_id, stage_id, from_index)
);
CREATE INDEX stage_version_valid ON read_model.stage_version USING GIST (pipeline_id, valid);
CREATE INDEX stage_version_current ON read_model.stage_version (pipeline_id) WHERE to_index IS NULL;

-- A board card over time: where an opportunity stood, with what status, value and owner.
CREATE TABLE read_model.card_version (
    opportunity_id       VARCHAR(64)    COLLATE "C" NOT NULL,
    location_id          VARCHAR(64)    NOT NULL,
    pipeline_id          VARCHAR(64)    NOT NULL,
    stage_id             VARCHAR(64)    NOT NULL,
    name                 VARCHAR(255)   NOT NULL,
    status               VARCHAR(16)    NOT NULL,
    monetary_value       NUMERIC(19, 2) NOT NULL,
    currency             VARCHAR(3)     NOT NULL,
    contact_id           VARCHAR(255),
    contact_name         VARCHAR(255),
    contact_email        VARCHAR(255),
    contact_phone        VARCHAR(255),
    contact_company      VARCHAR(255),
    source               VARCHAR(255),
    assigned_to          VARCHAR(255),
    tags                 TEXT[]         NOT NULL DEFAULT '{}',
    last_stage_change_at TIMESTAMPTZ    NOT NULL,
    deleted              BOOLEAN        NOT NULL,
    from_index           BIGINT         NOT NULL,
    to_index             BIGINT,
    valid                TSTZRANGE      NOT NULL,
    PRIMARY KEY (opportunity_id, from_index)
);
-- The board as of an instant: the open, visible versions of a pipeline's stage valid then.
CREATE INDEX card_version_board ON read_model.card_version USING GIST (pipeline_id, stage_id, valid)
    WHERE status = 'open' AND NOT deleted;
CREATE INDEX card_version_current ON read_model.card_version (opportunity_id) WHERE to_index IS NULL;
