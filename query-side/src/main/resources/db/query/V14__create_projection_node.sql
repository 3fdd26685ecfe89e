-- The nodes whose read-model processors claim segments (the projections role). Each upserts its row every second;
-- a node holding more than its share of the segments among the live ones releases the excess (SegmentBalancer).
CREATE TABLE read_model.projection_node (
    node_id text        PRIMARY KEY,
    seen_at timestamptz NOT NULL
);
