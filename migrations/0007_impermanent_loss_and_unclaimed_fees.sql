-- Step 4 (impermanent loss): one row per attributed position event, as of that event
-- (after it; prices as of the logs strictly before it). Amounts are raw integers; USD
-- values are doubles rounded once from exact ratios. il_pct is a fraction of the HODL
-- value (-0.0572 = -5.72 %), NULL when the HODL value is zero.
CREATE TABLE position_impermanent_loss (
  id                 text           PRIMARY KEY,
  position_manager   text           NOT NULL,
  token_id           text           NOT NULL,
  pool               text           NOT NULL,
  block_number       integer        NOT NULL,
  log_index          integer        NOT NULL,
  -- Sum of the liquidity deltas up to and including the event.
  liquidity          numeric(78, 0) NOT NULL,
  -- Principal of that liquidity at the pool's price as of the event (exact v3 amounts, fees excluded).
  amount0            numeric(78, 0) NOT NULL,
  amount1            numeric(78, 0) NOT NULL,
  -- MINT/INCREASE amounts minus DECREASE principal; may be negative for one token.
  net_deposit0       numeric(78, 0) NOT NULL,
  net_deposit1       numeric(78, 0) NOT NULL,
  price0_usd         double precision NOT NULL,
  price1_usd         double precision NOT NULL,
  value_position_usd double precision NOT NULL,
  value_hodl_usd     double precision NOT NULL,
  il_usd             double precision NOT NULL,
  il_pct             double precision
);
CREATE INDEX position_impermanent_loss_position ON position_impermanent_loss (position_manager, token_id, block_number, log_index);

-- Step 5 (unclaimed fees): what collect(max) would pay the owner at the end of the event's
-- block (rpc_block): chain state has no finer grain than a block. tokensOwed +
-- L·(feeGrowthInside − feeGrowthInsideLast)/2^128 per token, from the manager's positions()
-- and the pool's fee growth read at that block. A position already burned by then has
-- unclaimed 0 and a note.
CREATE TABLE position_unclaimed_fees (
  id               text           PRIMARY KEY,
  position_manager text           NOT NULL,
  token_id         text           NOT NULL,
  pool             text           NOT NULL,
  block_number     integer        NOT NULL,
  log_index        integer        NOT NULL,
  liquidity        numeric(78, 0) NOT NULL,
  tokens_owed0     numeric(78, 0) NOT NULL,
  tokens_owed1     numeric(78, 0) NOT NULL,
  unclaimed0       numeric(78, 0) NOT NULL,
  unclaimed1       numeric(78, 0) NOT NULL,
  -- At prices as of the end of rpc_block; NULL (with the reason in note) when a price is missing.
  unclaimed_usd    double precision,
  rpc_block        integer        NOT NULL,
  note             text
);
CREATE INDEX position_unclaimed_fees_position ON position_unclaimed_fees (position_manager, token_id, block_number, log_index);
