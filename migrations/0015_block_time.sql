-- The time of every block the source tables mention (issue 12): production's
-- "PositionEvent"/"PositionTransfer" timestamps are the middle of the writer's scan
-- window, hours off, and some "PoolEvent" rows carry the time they were indexed. An
-- event's time is its block's timestamp; every step that buckets or ages by time reads
-- it here, never the rows' timestamp column. Filled once per distinct block from block
-- headers (any full node; libs/indexer fillBlockTimes), or written by a loader that
-- knows the block times (the scale dataset).
CREATE TABLE block_time (
  block_number integer NOT NULL PRIMARY KEY,
  timestamp    integer NOT NULL,  -- epoch seconds
  -- Where the time came from: 'header' (eth_getBlockByNumber), 'indexer' (our indexer
  -- read the header while indexing), 'dataset' (the scale dataset's generator).
  source       text    NOT NULL DEFAULT 'header'
);
CREATE INDEX block_time_timestamp ON block_time (timestamp, block_number);
