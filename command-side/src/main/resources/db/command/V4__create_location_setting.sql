-- Settings of a location that command rules read. A plain table, not events: a setting is configuration of the
-- location, not a fact about a deal, and no read model needs its history. Who changed it last, and when, is kept.
CREATE TABLE command_model.location_setting (
    location_id                 VARCHAR(64)  PRIMARY KEY,
    -- Null: never set; the HighLevel door then refuses duplicates (HighLevel's default) and the native door allows
    -- them (its contract predates the setting).
    allow_duplicate_opportunity BOOLEAN,
    updated_at                  TIMESTAMPTZ  NOT NULL,
    updated_by                  VARCHAR(255) NOT NULL
);
