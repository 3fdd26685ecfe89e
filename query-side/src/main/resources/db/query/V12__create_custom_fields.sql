-- Projection "workspace" (continued): the custom field definitions of each location, and every custom field value
-- of every deal as typed rows, so GET /opportunities can filter by cf.<key> (equality) and cf.<key>.min/.max
-- (number and date ranges) through b-tree indexes instead of reading each deal's JSON.

CREATE TABLE read_model.custom_field (
    location_id VARCHAR(64)  NOT NULL,
    field_key   VARCHAR(64)  COLLATE "C" NOT NULL,
    name        VARCHAR(255) NOT NULL,
    type        VARCHAR(16)  NOT NULL,
    options     TEXT[]       NOT NULL DEFAULT '{}',
    archived    BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (location_id, field_key)
);

-- One row per value (a list gives one row per element): text and booleans (as 'true'/'false') in text_value, numbers
-- in number_value; a date is text 'YYYY-MM-DD', whose code point order is date order.
CREATE TABLE read_model.opportunity_custom_value (
    opportunity_id VARCHAR(64)    COLLATE "C" NOT NULL,
    location_id    VARCHAR(64)    NOT NULL,
    field_key      VARCHAR(100)   COLLATE "C" NOT NULL,
    text_value     TEXT           COLLATE "C",
    number_value   NUMERIC
);
CREATE INDEX opportunity_custom_value_text ON read_model.opportunity_custom_value
    (location_id, field_key, text_value, opportunity_id) WHERE text_value IS NOT NULL;
CREATE INDEX opportunity_custom_value_number ON read_model.opportunity_custom_value
    (location_id, field_key, number_value, opportunity_id) WHERE number_value IS NOT NULL;
CREATE INDEX opportunity_custom_value_deal ON read_model.opportunity_custom_value (opportunity_id);
