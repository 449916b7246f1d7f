-- The BURN records of a replay run (issue 12): production writes no BURN rows to
-- "PositionEvent" (a position's burn is its "PositionTransfer" to the zero address), the full
-- shape does. The replay's prepare phase copies each burn transfer that has no "PositionEvent"
-- row of the same id here, once per run, and every position page merges these rows in chain
-- order by this table's primary key: the pages stay keyset-paged and never rescan
-- "PositionTransfer" (no index is added to a production table).
CREATE TABLE replay_burn (
  run_id        bigint  NOT NULL,
  "blockNumber" integer NOT NULL,
  "logIndex"    integer NOT NULL,
  id            text    NOT NULL,  -- the transfer's id (txHash:logIndex), as the full shape's BURN row
  "tokenId"     text    NOT NULL,
  "txHash"      text    NOT NULL,
  owner         text    NOT NULL,  -- the transfer's "from"
  "nfpmAddress" text,
  PRIMARY KEY (run_id, "blockNumber", "logIndex")
);
