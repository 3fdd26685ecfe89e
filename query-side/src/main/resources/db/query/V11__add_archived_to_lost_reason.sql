-- Lost reasons can be archived: lists offer only the live ones unless asked for all.
ALTER TABLE read_model.lost_reason ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;
