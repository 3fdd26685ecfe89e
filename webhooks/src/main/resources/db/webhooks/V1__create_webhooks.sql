-- Webhook subscriptions, the outbox of webhook events, their deliveries, the stale trigger and the processor tokens.
-- Times are timestamptz. JSON is kept as text: bodies are signed byte for byte, and jsonb would reorder custom fields.

CREATE TABLE webhooks.token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- starts_after: the event store's head position when the subscription was created; live delivery starts after it.
-- previous_secret stays valid (deliveries carry both signatures) until previous_secret_expires_at.
CREATE TABLE webhooks.subscription (
    subscription_id            VARCHAR(64)   PRIMARY KEY,
    location_id                VARCHAR(64)   NOT NULL,
    url                        VARCHAR(2048) NOT NULL,
    event_types                TEXT[]        NOT NULL,
    pipeline_id                VARCHAR(255),
    stage_id                   VARCHAR(255),
    status                     VARCHAR(16),
    secret                     VARCHAR(255)  NOT NULL,
    previous_secret            VARCHAR(255),
    previous_secret_expires_at TIMESTAMPTZ,
    starts_after               BIGINT        NOT NULL,
    created_at                 TIMESTAMPTZ   NOT NULL,
    updated_at                 TIMESTAMPTZ   NOT NULL
);

CREATE INDEX subscription_location ON webhooks.subscription (location_id, created_at);

-- What the HighLevel-shaped payload needs, folded from the opportunity's events; also the stale trigger's input.
-- stale_notified_at: when OpportunityWentStale was recorded since the last stage change (null: armed).
CREATE TABLE webhooks.opportunity_snapshot (
    opportunity_id        VARCHAR(255) PRIMARY KEY,
    location_id           VARCHAR(64)  NOT NULL,
    pipeline_id           VARCHAR(255) NOT NULL,
    status                VARCHAR(16)  NOT NULL,
    deleted               BOOLEAN      NOT NULL,
    last_stage_change_at  TIMESTAMPTZ  NOT NULL,
    stale_notified_at     TIMESTAMPTZ,
    state                 TEXT         NOT NULL
);

CREATE INDEX opportunity_snapshot_stale
    ON webhooks.opportunity_snapshot (location_id, pipeline_id, last_stage_change_at)
    WHERE status = 'open' AND NOT deleted AND stale_notified_at IS NULL;

-- One row per webhook-worthy event (domain events and stale triggers), body frozen when it happened: the source of
-- live deliveries and of replays. position orders them as they were recorded.
CREATE TABLE webhooks.webhook_event (
    event_id             VARCHAR(255) PRIMARY KEY,
    position             BIGINT       GENERATED ALWAYS AS IDENTITY UNIQUE,
    global_index         BIGINT,
    location_id          VARCHAR(64)  NOT NULL,
    opportunity_id       VARCHAR(255) NOT NULL,
    event_type           VARCHAR(64)  NOT NULL,
    occurred_at          TIMESTAMPTZ  NOT NULL,
    pipeline_id          VARCHAR(255),
    stage_id             VARCHAR(255),
    previous_pipeline_id VARCHAR(255),
    previous_stage_id    VARCHAR(255),
    status               VARCHAR(16),
    body                 TEXT         NOT NULL
);

CREATE INDEX webhook_event_location_time ON webhooks.webhook_event (location_id, occurred_at);
CREATE INDEX webhook_event_global_index ON webhooks.webhook_event (global_index);

-- queue_position orders the deliveries of one (subscription, opportunity): only the first pending one is sent.
-- A resend moves a delivery to the back of its queue. lease_* mark a delivery being sent by one dispatcher.
CREATE SEQUENCE webhooks.delivery_queue_position;

CREATE TABLE webhooks.delivery (
    delivery_id      BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  VARCHAR(64)  NOT NULL REFERENCES webhooks.subscription ON DELETE CASCADE,
    event_id         VARCHAR(255) NOT NULL REFERENCES webhooks.webhook_event,
    opportunity_id   VARCHAR(255) NOT NULL,
    event_type       VARCHAR(64)  NOT NULL,
    replay           BOOLEAN      NOT NULL,
    queue_position   BIGINT       NOT NULL DEFAULT nextval('webhooks.delivery_queue_position'),
    status           VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ  NOT NULL,
    cycle_started_at TIMESTAMPTZ  NOT NULL,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    lease_owner      VARCHAR(64),
    lease_until      TIMESTAMPTZ,
    last_status_code INTEGER,
    last_error       VARCHAR(500),
    last_latency_ms  INTEGER,
    last_attempt_at  TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ
);

-- A live event is delivered once per subscription; replays add rows of their own.
CREATE UNIQUE INDEX delivery_live_once ON webhooks.delivery (subscription_id, event_id) WHERE NOT replay;
CREATE INDEX delivery_queue ON webhooks.delivery (subscription_id, opportunity_id, queue_position)
    WHERE status = 'pending';
CREATE INDEX delivery_leased ON webhooks.delivery (lease_until) WHERE lease_until IS NOT NULL;
CREATE INDEX delivery_log ON webhooks.delivery (subscription_id, delivery_id);
CREATE INDEX delivery_event ON webhooks.delivery (subscription_id, event_id);

CREATE TABLE webhooks.stale_setting (
    location_id      VARCHAR(64)  NOT NULL,
    pipeline_id      VARCHAR(255) NOT NULL,
    stale_after_days INTEGER      NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (location_id, pipeline_id)
);
