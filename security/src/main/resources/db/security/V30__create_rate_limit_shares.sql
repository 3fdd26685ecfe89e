-- Cluster-wide rate limits (several api nodes on one database). Nothing here is written per request.

-- A key's current 10-second window, opened by the first node that needed one; the others join it.
CREATE TABLE rate_limit_window (
    key_id    text        PRIMARY KEY,
    opened_at timestamptz NOT NULL
);

-- What each node admitted and reserved in a key's window (window_start: the window's opened_at in epoch
-- milliseconds). Upserted when a node opens a window or uses up its share, and about once a second.
CREATE TABLE rate_limit_share (
    node_id      text    NOT NULL,
    key_id       text    NOT NULL,
    window_start bigint  NOT NULL,
    reserved     integer NOT NULL,
    requests     integer NOT NULL,
    PRIMARY KEY (node_id, key_id)
);

-- The api nodes alive now: each upserts its row once a second; shares are split among the rows seen lately.
CREATE TABLE rate_limit_node (
    node_id text        PRIMARY KEY,
    seen_at timestamptz NOT NULL
);
