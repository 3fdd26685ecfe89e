-- Bulk operations: one row per operation, one per item (a deal). An item's outcome is written in the transaction that
-- appends its events, so after a crash an item either has its events and its outcome, or neither.
CREATE TABLE bulk.operation (
    operation_id     VARCHAR(36)  PRIMARY KEY,
    location_id      VARCHAR(64)  NOT NULL,
    action           VARCHAR(32)  NOT NULL,
    params           JSONB        NOT NULL,
    undo_of          VARCHAR(36),
    status           VARCHAR(16)  NOT NULL,
    total            INT          NOT NULL,
    succeeded        INT          NOT NULL DEFAULT 0,
    unchanged        INT          NOT NULL DEFAULT 0,
    failed           INT          NOT NULL DEFAULT 0,
    cancel_requested BOOLEAN      NOT NULL DEFAULT FALSE,
    metadata         JSONB        NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    lease_owner      VARCHAR(64),
    lease_until      TIMESTAMPTZ,
    -- commit order of creation: the list's keyset (created_at alone can tie)
    created_seq      BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX operation_location ON bulk.operation (location_id, created_seq DESC);
CREATE INDEX operation_running ON bulk.operation (created_seq) WHERE status = 'running';
-- one undo per operation: a second undo request finds the first
CREATE UNIQUE INDEX operation_undo_once ON bulk.operation (undo_of) WHERE undo_of IS NOT NULL;

CREATE TABLE bulk.operation_item (
    operation_id   VARCHAR(36)  NOT NULL REFERENCES bulk.operation (operation_id) ON DELETE CASCADE,
    position       INT          NOT NULL,
    opportunity_id VARCHAR(255) NOT NULL,
    outcome        VARCHAR(16),
    -- the deal's version just before and just after this item (succeeded items): what an undo puts back, and how
    -- it sees that nothing else changed the deal since
    version_before BIGINT,
    version_after  BIGINT,
    problem_status INT,
    problem_title  TEXT,
    PRIMARY KEY (operation_id, position)
);
CREATE INDEX operation_item_pending ON bulk.operation_item (operation_id, position) WHERE outcome IS NULL;

-- CSV imports: the rows are kept as read (the request streams them in), then applied one by one like bulk items.
CREATE TABLE bulk.import (
    import_id    VARCHAR(36)  PRIMARY KEY,
    location_id  VARCHAR(64)  NOT NULL,
    pipeline_id  VARCHAR(64)  NOT NULL,
    dry_run      BOOLEAN      NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    columns      JSONB        NOT NULL,
    rows         INT          NOT NULL,
    created      INT          NOT NULL DEFAULT 0,
    updated      INT          NOT NULL DEFAULT 0,
    unchanged    INT          NOT NULL DEFAULT 0,
    failed       INT          NOT NULL DEFAULT 0,
    metadata     JSONB        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ,
    lease_owner  VARCHAR(64),
    lease_until  TIMESTAMPTZ,
    created_seq  BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX import_running ON bulk.import (created_seq) WHERE status = 'running';

CREATE TABLE bulk.import_row (
    import_id  VARCHAR(36) NOT NULL REFERENCES bulk.import (import_id) ON DELETE CASCADE,
    row_number INT         NOT NULL,
    -- the row's cells as a JSON array of strings, in the file's column order
    cells      TEXT        NOT NULL,
    outcome    VARCHAR(16),
    PRIMARY KEY (import_id, row_number)
);
CREATE INDEX import_row_pending ON bulk.import_row (import_id, row_number) WHERE outcome IS NULL;

CREATE TABLE bulk.import_error (
    import_id  VARCHAR(36) NOT NULL REFERENCES bulk.import (import_id) ON DELETE CASCADE,
    row_number INT         NOT NULL,
    seq        INT         NOT NULL,
    column_name TEXT,
    message    TEXT        NOT NULL,
    PRIMARY KEY (import_id, row_number, seq)
);

-- Which deal an externalId of a location names: a re-import updates that deal instead of creating another. Written in
-- the transaction that appends the deal's creation.
CREATE TABLE bulk.external_id (
    location_id    VARCHAR(64)  NOT NULL,
    external_id    VARCHAR(255) NOT NULL,
    opportunity_id VARCHAR(36)  NOT NULL,
    PRIMARY KEY (location_id, external_id)
);
CREATE INDEX external_id_opportunity ON bulk.external_id (opportunity_id);
