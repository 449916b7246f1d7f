-- Step 6 (position snapshots): a position's state after each of its events ('event'), at
-- each UTC day end while it is open ('day-end') and at the run's as-of time ('as-of').
--
-- Key (position_manager, token_id, kind, snapshot_time, block_number, log_index):
--  'event'   snapshot_time = the event's timestamp, (block_number, log_index) = the event's
--            log, so events of one second never collide;
--  'day-end' snapshot_time = the midnight (UTC, epoch s) ending the day; block_number = the
--            newest block with a timestamp before it (state at the END of that block);
--  'as-of'   snapshot_time = the run's as-of time; block_number = the newest block at or before it.
-- log_index is -1 for the block-end kinds ("after every log of block_number").
-- Every column is a function of chain facts at a fixed point, so any replay writes the same row.
CREATE TABLE position_snapshot (
  position_manager text           NOT NULL,
  token_id         text           NOT NULL,
  kind             text           NOT NULL CHECK (kind IN ('event', 'day-end', 'as-of')),
  snapshot_time    integer        NOT NULL,
  block_number     integer        NOT NULL,
  log_index        integer        NOT NULL,
  event_id         text,
  pool             text           NOT NULL,
  -- Sum of the liquidity deltas up to the point.
  liquidity        numeric(78, 0) NOT NULL,
  -- Exact v3 amounts of that liquidity at the pool's price at the point.
  amount0          numeric(78, 0) NOT NULL,
  amount1          numeric(78, 0) NOT NULL,
  price0_usd       double precision,
  price1_usd       double precision,
  value_usd        double precision,
  -- What collect(max) would pay at the end of rpc_block (chain state has no finer grain).
  unclaimed0       numeric(78, 0) NOT NULL,
  unclaimed1       numeric(78, 0) NOT NULL,
  unclaimed_usd    double precision,
  tick             integer,
  -- 'IN_RANGE' iff tick_lower <= tick < tick_upper, else 'OUT_OF_RANGE'.
  range_status     text,
  -- Cumulative raw amounts: MINT/INCREASE paid in, DECREASE principal released, COLLECT paid out.
  deposited0       numeric(78, 0) NOT NULL,
  deposited1       numeric(78, 0) NOT NULL,
  withdrawn0       numeric(78, 0) NOT NULL,
  withdrawn1       numeric(78, 0) NOT NULL,
  collected0       numeric(78, 0) NOT NULL,
  collected1       numeric(78, 0) NOT NULL,
  rpc_block        integer        NOT NULL,
  -- Why a USD value is missing, or that the position is burned.
  note             text,
  PRIMARY KEY (position_manager, token_id, kind, snapshot_time, block_number, log_index)
);
CREATE INDEX position_snapshot_time ON position_snapshot (snapshot_time);
