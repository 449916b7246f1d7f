-- Step 2 (fees USD): every COLLECT valued at the prices as of the event, split into the
-- principal released by the position's earlier decreases and the fees (the rest).
CREATE TABLE collect_fee (
  id               text             PRIMARY KEY,  -- the "PositionEvent" id of the COLLECT
  position_manager text             NOT NULL,
  token_id         text             NOT NULL,
  pool             text             NOT NULL,
  block_number     integer          NOT NULL,
  log_index        integer          NOT NULL,
  collected0       numeric(78, 0)   NOT NULL,
  collected1       numeric(78, 0)   NOT NULL,
  principal0       numeric(78, 0)   NOT NULL,
  principal1       numeric(78, 0)   NOT NULL,
  fee0             numeric(78, 0)   NOT NULL,
  fee1             numeric(78, 0)   NOT NULL,
  price0_usd       double precision NOT NULL,  -- USD per whole token0 as of the event
  price1_usd       double precision NOT NULL,
  usd_value        double precision NOT NULL,  -- collected0·p0 + collected1·p1 (also "PositionEvent"."usdValue")
  fee_usd_value    double precision NOT NULL,  -- fee0·p0 + fee1·p1
  price_via        text             NOT NULL   -- pools of each price, "token0 route|token1 route" ("usd": a stablecoin)
);
CREATE INDEX collect_fee_position ON collect_fee (position_manager, token_id, block_number, log_index);

-- Step 3 (range status): for every position event, the pool tick as of the event and
-- whether the position was in range then (tickLower <= tick < tickUpper), with the
-- seconds it spent in range since its MINT.
CREATE TABLE position_range_status (
  id               text    PRIMARY KEY,  -- the "PositionEvent" id
  position_manager text    NOT NULL,
  token_id         text    NOT NULL,
  pool             text    NOT NULL,
  block_number     integer NOT NULL,
  log_index        integer NOT NULL,
  timestamp        integer NOT NULL,
  tick             integer NOT NULL,
  tick_lower       integer NOT NULL,
  tick_upper       integer NOT NULL,
  status           text    NOT NULL CHECK (status IN ('IN_RANGE', 'OUT_OF_RANGE')),
  seconds_in_range bigint  NOT NULL,
  seconds_open     bigint  NOT NULL
);
CREATE INDEX position_range_status_position ON position_range_status (position_manager, token_id, block_number, log_index);
