-- Step 7 (pool volume): every Swap valued once, at the input token's price as of the swap.
-- The hourly aggregates are recomputed from these facts, never incremented.
CREATE TABLE swap_volume (
  id           text           PRIMARY KEY,  -- the "PoolEvent" id of the Swap
  pool         text           NOT NULL,
  block_number integer        NOT NULL,
  log_index    integer        NOT NULL,
  timestamp    integer        NOT NULL,
  hour_start   timestamptz    NOT NULL,     -- the UTC hour of timestamp
  token_in     text           NOT NULL,     -- the token that went into the pool (the positive side)
  amount_in    numeric(78, 0) NOT NULL,     -- raw units
  price_usd    double precision NOT NULL,   -- USD per whole token_in as of the swap (for reading; sums use volume_usd)
  volume_usd   numeric(48, 18) NOT NULL,    -- amount_in × price, rounded once to 1e-18
  fees_usd     numeric(48, 18) NOT NULL,    -- volume × fee tier / 1e6, rounded once to 1e-18
  price_via    text           NOT NULL      -- the pools the price went through ("usd": a stablecoin)
);
CREATE INDEX swap_volume_pool_hour ON swap_volume (pool, hour_start);

-- Per pool and UTC hour: the hour's own figures and the rolling 24h ones (the hour and
-- the 23 before it). A row exists for every hour whose 24h window holds a valued swap.
CREATE TABLE pool_volume_hourly (
  pool           text            NOT NULL,
  hour_start     timestamptz     NOT NULL,
  volume_usd     numeric(48, 18) NOT NULL,
  volume_24h_usd numeric(48, 18) NOT NULL,
  fees_usd       numeric(48, 18) NOT NULL,
  fees_24h_usd   numeric(48, 18) NOT NULL,
  swaps          integer         NOT NULL,
  swaps_24h      integer         NOT NULL,
  PRIMARY KEY (pool, hour_start)
);
CREATE INDEX pool_volume_hourly_hour ON pool_volume_hourly (hour_start);

-- Step 8 (APR): per pool and UTC day, TVL from the pool's token balances at the day's end
-- (folded from its events), the day's fees, and the APRs. No TVL (or no price for it) →
-- the APR columns are NULL and `reason` says why.
CREATE TABLE pool_apr_daily (
  pool          text             NOT NULL,
  day           date             NOT NULL,
  end_block     integer,                     -- the last block with a pool event before the day's end: prices are as of its end
  balance0      numeric(78, 0)   NOT NULL,   -- raw token0 held by the pool at the day's end
  balance1      numeric(78, 0)   NOT NULL,
  price0_usd    double precision,
  price1_usd    double precision,
  tvl_usd       numeric(48, 18),
  fees_usd      numeric(48, 18)  NOT NULL,   -- LP fees of the day's valued swaps (= Σ pool_volume_hourly.fees_usd of its hours)
  incentive_usd_per_day numeric(48, 18) NOT NULL, -- "PoolIncentive" programmes running that day
  rflr_usd_per_day      numeric(48, 18),          -- the pool's positions' rFLR of the month / days of the month, at the day-end price
  fee_apr       double precision,
  incentive_apr double precision,            -- programmes + rFLR (rflr_apr is the rFLR part of it)
  rflr_apr      double precision,
  total_apr     double precision,            -- fee_apr + incentive_apr
  reason        text,                        -- why there is no APR (no TVL, no price); NULL when there is one
  PRIMARY KEY (pool, day)
);
CREATE INDEX pool_apr_daily_day ON pool_apr_daily (day);
