-- Step 9 (rFLR vesting): per position and as-of time (epoch seconds: each event's timestamp,
-- and the run's as-of time from the end-of-replay marker), recomputed from rflr_allocation.
-- Each allocation vests linearly over 360 days from its month_start; claimable now =
-- vested + 50 % of what is still locked. Raw rFLR base units (18 decimals), exact.
CREATE TABLE position_rflr_vesting (
  position_manager text           NOT NULL,
  token_id         text           NOT NULL,
  as_of            integer        NOT NULL,
  -- Allocations with month_start <= as_of.
  allocations      integer        NOT NULL,
  earned_raw       numeric(78, 0) NOT NULL,
  vested_raw       numeric(78, 0) NOT NULL,
  locked_raw       numeric(78, 0) NOT NULL,
  claimable_raw    numeric(78, 0) NOT NULL,
  -- rFLR priced 1:1 with wrapped FLR as of the end of price_block; NULL (reason in note) without a price.
  rflr_price_usd   double precision,
  earned_usd       double precision,
  vested_usd       double precision,
  locked_usd       double precision,
  claimable_usd    double precision,
  price_block      integer        NOT NULL,
  note             text,
  PRIMARY KEY (position_manager, token_id, as_of)
);

-- Step 10 (position health): a 0–100 score per position and as-of time (docs/health-score.md),
-- each component beside it; a NULL component had no data and its weight is left out.
CREATE TABLE position_health (
  position_manager text             NOT NULL,
  token_id         text             NOT NULL,
  as_of            integer          NOT NULL,
  pool             text             NOT NULL,
  -- The chain point the state is read as of (strictly before it).
  block_number     integer          NOT NULL,
  log_index        integer          NOT NULL,
  tick             integer,
  tick_lower       integer          NOT NULL,
  tick_upper       integer          NOT NULL,
  -- (a) seconds in range / seconds open within the 7 days up to as_of.
  window_seconds_in_range integer   NOT NULL,
  window_seconds_open     integer   NOT NULL,
  time_in_range_score     double precision,
  -- (b) distance of the tick to the nearest edge relative to half the width.
  edge_distance_score     double precision,
  -- (c) collected fees (fee part) vs impermanent loss, both in USD at the as-of prices.
  fees_usd                double precision,
  il_usd                  double precision,
  fees_vs_il_score        double precision,
  score                   double precision,
  note                    text,
  PRIMARY KEY (position_manager, token_id, as_of)
);
