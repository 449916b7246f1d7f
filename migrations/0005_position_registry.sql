-- Step 1 (pool attribution): every position the pipeline has seen, identified by the
-- manager that emitted its events and its token id (ids overlap between DEXes).
CREATE TABLE position_registry (
  position_manager text    NOT NULL,
  token_id         text    NOT NULL,
  dex              text    NOT NULL,
  pool             text    NOT NULL,
  token0           text    NOT NULL,
  token1           text    NOT NULL,
  fee              integer NOT NULL,
  tick_lower       integer NOT NULL,
  tick_upper       integer NOT NULL,
  -- 'positions' (the manager's positions() at the event's block) or 'mint-log'.
  source           text    NOT NULL,
  PRIMARY KEY (position_manager, token_id)
);
CREATE INDEX position_registry_pool ON position_registry (pool);

-- Every attributed position event: the source row's facts with the position made
-- explicit. Later steps read a position's history from here (one indexed query per
-- batch) instead of from "PositionEvent", whose rows may lack the manager.
CREATE TABLE attributed_event (
  id               text        PRIMARY KEY,
  position_manager text        NOT NULL,
  token_id         text        NOT NULL,
  dex              text        NOT NULL,
  pool             text        NOT NULL,
  block_number     integer     NOT NULL,
  log_index        integer     NOT NULL,
  timestamp        integer     NOT NULL,
  event_type       text        NOT NULL,
  liquidity_delta  numeric(78, 0),
  amount0          numeric(78, 0),
  amount1          numeric(78, 0),
  recipient        text,
  owner            text
);
CREATE INDEX attributed_event_position ON attributed_event (position_manager, token_id, block_number, log_index);
CREATE INDEX attributed_event_pool ON attributed_event (pool, block_number, log_index);
