-- Projection "history", continued: a task over time, as far as the board's cards show it (whether it is open, and
-- its due date), so the board as of an instant counts the tasks open then. Versions as in card_version: each valid
-- over [valid) and from the event at from_index up to (not including) the one at to_index (null: the current
-- version). A deleted task's last version simply ends; a title or assignee change opens no version.
CREATE TABLE read_model.task_version (
    opportunity_id VARCHAR(64) COLLATE "C" NOT NULL,
    task_id        VARCHAR(64) COLLATE "C" NOT NULL,
    status         VARCHAR(16) NOT NULL,
    due_at         TIMESTAMPTZ,
    from_index     BIGINT      NOT NULL,
    to_index       BIGINT,
    valid          TSTZRANGE   NOT NULL,
    -- Leads with the deal: the as-of board reads the versions of each card it shows by this key.
    PRIMARY KEY (opportunity_id, task_id, from_index)
);
