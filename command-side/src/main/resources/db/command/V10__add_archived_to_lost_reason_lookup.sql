-- Lost reasons can be archived: new losses may no longer name them. An archived reason's name is free again for a
-- new reason, so names are unique among the live ones only.
ALTER TABLE command_model.lost_reason_lookup ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;
DROP INDEX command_model.lost_reason_lookup_name;
CREATE UNIQUE INDEX lost_reason_lookup_name ON command_model.lost_reason_lookup (location_id, lower(name))
    WHERE NOT archived;
