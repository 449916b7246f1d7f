-- Input data of the rFLR vesting step (DESIGN.md §5, step 9): the rFLR each position was
-- allocated per month. In production it comes from the DEX's rFLR statistics, in tests
-- from the scenario; `npm run import-inputs` upserts it. A position is
-- (position_manager, token_id): token ids overlap between the two DEXes.
CREATE TABLE rflr_allocation (
  position_manager text          NOT NULL,  -- lowercase address of the emitting manager
  token_id         text          NOT NULL,  -- decimal, as "PositionEvent"."tokenId"
  -- UTC first day of the month the allocation was assigned; it vests linearly over
  -- 12 months of 30 days from this day.
  month_start      date          NOT NULL CHECK (extract(day FROM month_start) = 1),
  amount_raw       numeric(78,0) NOT NULL CHECK (amount_raw >= 0),  -- rFLR base units (18 decimals)
  source           text          NOT NULL,  -- where the figure came from (file, manifest, statistics export)
  PRIMARY KEY (position_manager, token_id, month_start)
);
