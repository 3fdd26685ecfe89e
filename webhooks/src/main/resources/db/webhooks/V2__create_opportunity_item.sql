-- The notes and tasks of opportunities as note and task deliveries show them, folded from their events: a task's
-- completion or deletion event carries only its id, the delivery the whole task. A deleted note's or task's row goes.
-- kind: 'note' or 'task'. state: the JSON of the payload's note or task object.
CREATE TABLE webhooks.opportunity_item (
    opportunity_id VARCHAR(255) NOT NULL,
    kind           VARCHAR(8)   NOT NULL,
    item_id        VARCHAR(255) NOT NULL,
    state          TEXT         NOT NULL,
    PRIMARY KEY (opportunity_id, kind, item_id)
);
