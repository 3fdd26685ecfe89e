-- A job that cannot go on ends 'failed' with the reason in problem. stalled_at / stalled_attempts count how often in a
-- row the same item (operation position, import row number) met an unexpected error, across restarts: at
-- dealflow.bulk.max-item-attempts the job fails instead of trying that item forever.
ALTER TABLE bulk.operation
    ADD COLUMN problem          TEXT,
    ADD COLUMN stalled_at       INT,
    ADD COLUMN stalled_attempts INT NOT NULL DEFAULT 0;

ALTER TABLE bulk.import
    ADD COLUMN problem          TEXT,
    ADD COLUMN stalled_at       INT,
    ADD COLUMN stalled_attempts INT NOT NULL DEFAULT 0;
