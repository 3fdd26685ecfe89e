-- API keys: only the SHA-256 hash of a key is stored; the key itself is shown once, at creation.
CREATE TABLE api_key (
    id                 text        PRIMARY KEY,
    name               text        NOT NULL,
    key_hash           text        NOT NULL UNIQUE,
    locations          text[]      NOT NULL,
    scopes             text[]      NOT NULL,
    rate_limit_per_10s integer,
    created_at         timestamptz NOT NULL,
    last_used_at       timestamptz,
    revoked_at         timestamptz
);

COMMENT ON COLUMN api_key.locations IS 'location ids the key may act on; {*} for all';
COMMENT ON COLUMN api_key.rate_limit_per_10s IS 'requests allowed per 10 seconds; null for unlimited (operator keys)';
