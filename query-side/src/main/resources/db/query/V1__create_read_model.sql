-- The query side's read model: one table group per projection, plus the token store the projections' processors
-- share. Rows and tokens live in the same database so a batch of events and its token commit together.
-- Every projected row carries "version" = sequence number of the last event applied + 1, which makes replays and
-- redeliveries idempotent and equals the write side's aggregate version.

CREATE TABLE read_model.token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- Projection "pipelines".
CREATE TABLE read_model.pipeline (
    pipeline_id VARCHAR(64)  PRIMARY KEY,
    location_id VARCHAR(64)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    deleted     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL
);
CREATE INDEX pipeline_location ON read_model.pipeline (location_id, created_at, pipeline_id) WHERE NOT deleted;

CREATE TABLE read_model.pipeline_stage (
    pipeline_id     VARCHAR(64)  NOT NULL REFERENCES read_model.pipeline (pipeline_id) ON DELETE CASCADE,
    stage_id        VARCHAR(64)  NOT NULL,
    name            VARCHAR(255) NOT NULL,
    position        INT          NOT NULL,
    win_probability INT          NOT NULL,
    PRIMARY KEY (pipeline_id, stage_id)
);

-- Projection "lost-reasons".
CREATE TABLE read_model.lost_reason (
    lost_reason_id VARCHAR(64)  PRIMARY KEY,
    location_id    VARCHAR(64)  NOT NULL,
    name           VARCHAR(255) NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX lost_reason_location ON read_model.lost_reason (location_id, lower(name));

-- Projection "board": one card per opportunity and the per-stage totals of open, not deleted cards, kept by the
-- projection so a board never sums deals on request.
CREATE TABLE read_model.board_card (
    opportunity_id       VARCHAR(64)    COLLATE "C" PRIMARY KEY,
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
    deleted              BOOLEAN        NOT NULL DEFAULT FALSE,
    version              BIGINT         NOT NULL
);
-- Cards of a stage, newest arrival first: the board's page order.
CREATE INDEX board_card_stage ON read_model.board_card
    (pipeline_id, stage_id, last_stage_change_at DESC, opportunity_id DESC) WHERE status = 'open' AND NOT deleted;
CREATE INDEX board_card_owner ON read_model.board_card (pipeline_id, assigned_to)
    WHERE status = 'open' AND NOT deleted;
CREATE INDEX board_card_source ON read_model.board_card (pipeline_id, source)
    WHERE status = 'open' AND NOT deleted;
CREATE INDEX board_card_tags ON read_model.board_card USING GIN (tags)
    WHERE status = 'open' AND NOT deleted;

CREATE TABLE read_model.board_stage_total (
    pipeline_id VARCHAR(64)    NOT NULL,
    stage_id    VARCHAR(64)    NOT NULL,
    currency    VARCHAR(3)     NOT NULL,
    open_count  BIGINT         NOT NULL,
    total_value NUMERIC(21, 2) NOT NULL,
    PRIMARY KEY (pipeline_id, stage_id, currency)
);

-- Projection "opportunities": detail and search.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE read_model.opportunity (
    opportunity_id        VARCHAR(64)    COLLATE "C" PRIMARY KEY,
    location_id           VARCHAR(64)    NOT NULL,
    name                  VARCHAR(255)   NOT NULL,
    pipeline_id           VARCHAR(64)    NOT NULL,
    stage_id              VARCHAR(64)    NOT NULL,
    status                VARCHAR(16)    NOT NULL,
    monetary_value        NUMERIC(19, 2) NOT NULL,
    currency              VARCHAR(3)     NOT NULL,
    contact_id            VARCHAR(255),
    contact_name          VARCHAR(255),
    contact_email         VARCHAR(255),
    contact_phone         VARCHAR(255),
    contact_company       VARCHAR(255),
    source                VARCHAR(255),
    assigned_to           VARCHAR(255),
    followers             TEXT[]         NOT NULL DEFAULT '{}',
    tags                  TEXT[]         NOT NULL DEFAULT '{}',
    custom_fields         JSONB          NOT NULL DEFAULT '{}',
    lost_reason_id        VARCHAR(64),
    lost_reason           TEXT,
    created_at            TIMESTAMPTZ    NOT NULL,
    updated_at            TIMESTAMPTZ    NOT NULL,
    last_stage_change_at  TIMESTAMPTZ    NOT NULL,
    last_status_change_at TIMESTAMPTZ,
    deleted               BOOLEAN        NOT NULL DEFAULT FALSE,
    version               BIGINT         NOT NULL,
    -- Sort key of "name": case-insensitive, in code point order whatever the database's locale (so are ids, the
    -- tie-breaker of every keyset order).
    name_key              TEXT COLLATE "C" GENERATED ALWAYS AS (lower(name)) STORED,
    -- What "q" searches: name and the contact's name, email and company. The separator keeps matches within a field.
    search_text           TEXT GENERATED ALWAYS AS (name || chr(10) || coalesce(contact_name, '') || chr(10)
        || coalesce(contact_email, '') || chr(10) || coalesce(contact_company, '')) STORED
);
-- Keyset pagination: one index per sort key, each ending in the id that breaks ties.
CREATE INDEX opportunity_by_created ON read_model.opportunity (location_id, created_at, opportunity_id)
    WHERE NOT deleted;
CREATE INDEX opportunity_by_updated ON read_model.opportunity (location_id, updated_at, opportunity_id)
    WHERE NOT deleted;
CREATE INDEX opportunity_by_value ON read_model.opportunity (location_id, monetary_value, opportunity_id)
    WHERE NOT deleted;
CREATE INDEX opportunity_by_stage_change ON read_model.opportunity
    (location_id, last_stage_change_at, opportunity_id) WHERE NOT deleted;
CREATE INDEX opportunity_by_name ON read_model.opportunity (location_id, name_key, opportunity_id)
    WHERE NOT deleted;
-- Status filters and the count of a location's open deals (an index-only scan).
CREATE INDEX opportunity_status ON read_model.opportunity (location_id, status) WHERE NOT deleted;
CREATE INDEX opportunity_in_stage ON read_model.opportunity (pipeline_id, stage_id) WHERE NOT deleted;
CREATE INDEX opportunity_owner ON read_model.opportunity (location_id, assigned_to) WHERE NOT deleted;
CREATE INDEX opportunity_contact ON read_model.opportunity (location_id, contact_id) WHERE NOT deleted;
CREATE INDEX opportunity_source ON read_model.opportunity (location_id, source) WHERE NOT deleted;
CREATE INDEX opportunity_tags ON read_model.opportunity USING GIN (tags) WHERE NOT deleted;
CREATE INDEX opportunity_search ON read_model.opportunity USING GIN (search_text public.gin_trgm_ops)
    WHERE NOT deleted;
