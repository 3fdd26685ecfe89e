-- Answers of commands sent with an Idempotency-Key, so a retry gets the first answer instead of a second effect.
-- A row is inserted (pending) before the command runs; a concurrent retry with the same key finds it and waits for
-- nothing: it is told the first request is still in progress.
CREATE TABLE command_model.idempotency_key (
    request_path     VARCHAR(512) NOT NULL,
    idempotency_key  VARCHAR(200) NOT NULL,
    request_hash     CHAR(64)     NOT NULL,
    status           INT,
    content_type     VARCHAR(255),
    location         VARCHAR(1024),
    consistency_token VARCHAR(64),
    body             BYTEA,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (request_path, idempotency_key)
);
CREATE INDEX idempotency_key_created_at ON command_model.idempotency_key (created_at);
