-- Pool states "as of" a point (libs/pricing pool-state.repository.ts) and the tick changes
-- of a window (range status, position health) read a pool's Swap/Initialize rows in chain
-- order. "PoolEvent_pool_blockNumber_idx" lacks "logIndex", so each lookup sorted the
-- pool's whole history before the point; this index answers it by one backward step.
-- Partial: only the rows that carry a price. Adding an index leaves the production
-- table's columns and data as they are (as 0003's).
CREATE INDEX IF NOT EXISTS lpe_pool_event_price_order ON "PoolEvent" (pool, "blockNumber", "logIndex")
  WHERE "eventName" IN ('Swap', 'Initialize');
