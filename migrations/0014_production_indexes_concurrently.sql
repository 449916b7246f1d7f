-- lpe:no-transaction
-- Every index we add to a production table, built CONCURRENTLY: a plain CREATE INDEX takes
-- a lock that blocks the live indexer's inserts into "PositionEvent"/"PoolEvent" until the
-- build ends (minutes on large tables); CONCURRENTLY lets writes go on. CONCURRENTLY cannot
-- run in a transaction, hence the first line: the runner (libs/db/src/migrate.ts) runs this
-- file statement by statement, outside one. Each statement is IF NOT EXISTS, so a database
-- where 0003, 0011 and 0013 created them plainly (they used to) keeps its indexes, and a
-- run cut short is simply run again. A failed concurrent build leaves an INVALID index of
-- that name: drop it (DROP INDEX CONCURRENTLY <name>) before running again — the runner's
-- error names it. These are the only changes our migrations make to a production table
-- (docs/database.md, "What touches a production table"); no column is ever altered or added.

-- The replay reads the source tables in chain order by keyset pagination (was 0003).
CREATE INDEX CONCURRENTLY IF NOT EXISTS lpe_position_event_chain_order ON "PositionEvent" ("blockNumber", "logIndex");
CREATE INDEX CONCURRENTLY IF NOT EXISTS lpe_pool_event_chain_order ON "PoolEvent" ("blockNumber", "logIndex");

-- A pool's price-carrying rows in chain order: pool states "as of" a point (was 0011).
CREATE INDEX CONCURRENTLY IF NOT EXISTS lpe_pool_event_price_order ON "PoolEvent" (pool, "blockNumber", "logIndex")
  WHERE "eventName" IN ('Swap', 'Initialize');

-- APR by time: a pool's Swaps of a UTC day, and the last block before a day's end (was 0013).
CREATE INDEX CONCURRENTLY IF NOT EXISTS lpe_pool_event_swap_time ON "PoolEvent" (pool, timestamp)
  WHERE "eventName" = 'Swap';
CREATE INDEX CONCURRENTLY IF NOT EXISTS lpe_pool_event_time ON "PoolEvent" (timestamp, "blockNumber");
