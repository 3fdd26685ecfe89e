-- The custom fields each location defines: what command handlers check custom field values against. Archived
-- fields stay (their key is taken for good) but no longer check anything.
CREATE TABLE command_model.custom_field_lookup (
    location_id VARCHAR(64)  NOT NULL,
    field_key   VARCHAR(64)  NOT NULL,
    type        VARCHAR(16)  NOT NULL,
    options     TEXT[]       NOT NULL DEFAULT '{}',
    archived    BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (location_id, field_key)
);
