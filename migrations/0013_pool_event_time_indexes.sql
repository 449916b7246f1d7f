-- APR (step 8) reads by time: the Swaps of a pool's UTC day, and the last block before a
-- day's end. The pool and chain-order indexes order by block, so each lookup filtered a
-- pool's (or the table's) history: at 1.5M pool events, seconds a batch. Adding indexes
-- leaves the production table's columns and data as they are (as 0003's and 0011's).
CREATE INDEX IF NOT EXISTS lpe_pool_event_swap_time ON "PoolEvent" (pool, timestamp)
  WHERE "eventName" = 'Swap';
CREATE INDEX IF NOT EXISTS lpe_pool_event_time ON "PoolEvent" (timestamp, "blockNumber");
