-- Projection "workspace": the notes and tasks of each deal, and every task of a location for "my open tasks".
-- Deleted notes and tasks leave no row (their events stay in the history); tasks of a deleted deal stay, flagged, and
-- come back when it is restored.

-- The deals the workspace knows: whether a deal exists in a location, and the name its tasks show.
CREATE TABLE read_model.workspace_deal (
    opportunity_id VARCHAR(64)  COLLATE "C" PRIMARY KEY,
    location_id    VARCHAR(64)  NOT NULL,
    name           VARCHAR(255) NOT NULL,
    deleted        BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE TABLE read_model.opportunity_note (
    opportunity_id VARCHAR(64)  COLLATE "C" NOT NULL,
    note_id        VARCHAR(64)  COLLATE "C" NOT NULL,
    location_id    VARCHAR(64)  NOT NULL,
    body           TEXT         NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    created_by     VARCHAR(255),
    updated_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (opportunity_id, note_id)
);
-- A deal's notes, newest first: the note list's page order.
CREATE INDEX opportunity_note_newest ON read_model.opportunity_note (opportunity_id, created_at DESC, note_id DESC);

CREATE TABLE read_model.opportunity_task (
    opportunity_id      VARCHAR(64)  COLLATE "C" NOT NULL,
    task_id             VARCHAR(64)  COLLATE "C" NOT NULL,
    location_id         VARCHAR(64)  NOT NULL,
    opportunity_name    VARCHAR(255) NOT NULL,
    opportunity_deleted BOOLEAN      NOT NULL DEFAULT FALSE,
    title               VARCHAR(255) NOT NULL,
    due_at              TIMESTAMPTZ,
    assigned_to         VARCHAR(255),
    status              VARCHAR(16)  NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    completed_at        TIMESTAMPTZ,
    -- Sort key of "soonest due first": tasks without a due date come last.
    due_key             TIMESTAMPTZ  GENERATED ALWAYS AS (coalesce(due_at, 'infinity'::timestamptz)) STORED,
    PRIMARY KEY (opportunity_id, task_id)
);
-- GET /tasks: a location's tasks by status, or by assignee and status, soonest due first (keyset pages).
CREATE INDEX opportunity_task_due ON read_model.opportunity_task
    (location_id, status, due_key, opportunity_id, task_id) WHERE NOT opportunity_deleted;
CREATE INDEX opportunity_task_assignee_due ON read_model.opportunity_task
    (location_id, assigned_to, status, due_key, opportunity_id, task_id) WHERE NOT opportunity_deleted;
