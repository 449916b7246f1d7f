-- The production source tables (DESIGN.md section 2), for databases that do not have
-- them yet (tests, demos). Our users' databases already have them: there this file
-- must change nothing. So each table is created together with its constraints and
-- indexes only when the table is missing, and an existing table is never touched
-- (not even by adding an index).
--
-- What is created is exactly the production DDL, as Prisma wrote it (the oracle is
-- test/fixtures/production-ddl.sql, compared by test/production/production-ddl.int-spec.ts):
-- same column order, types, nullability and defaults — "updatedAt" has NO default (Prisma
-- sets it: every insert gives it), symbols and names may be NULL — and the Prisma names
-- "<Table>_pkey", "<Table>_<cols>_key", "<Table>_<cols>_idx", "<Table>_<col>_fkey".
--
-- Edited in place (no checksum is kept of applied files, and this file only acts where a
-- table is missing): a database created by its earlier text keeps that earlier shape
-- (NOT NULL symbols, defaults on "updatedAt"), which every writer also satisfies.

DO $$
BEGIN
  IF to_regtype('"PositionEventType"') IS NULL THEN
    CREATE TYPE "PositionEventType" AS ENUM ('MINT', 'INCREASE', 'DECREASE', 'COLLECT', 'BURN', 'SWAP', 'OTHER');
  END IF;
END
$$;

DO $$
BEGIN
  IF to_regclass('"PositionEvent"') IS NULL THEN
    CREATE TABLE "PositionEvent" (
      "id"             TEXT                NOT NULL,  -- "txHash:logIndex"
      "tokenId"        TEXT                NOT NULL,
      "pool"           TEXT                NOT NULL,  -- 'unknown' when not known
      "blockNumber"    INTEGER             NOT NULL,
      "txHash"         TEXT                NOT NULL,
      "logIndex"       INTEGER             NOT NULL,
      "timestamp"      INTEGER             NOT NULL,  -- epoch seconds
      "eventType"      "PositionEventType" NOT NULL,
      "sender"         TEXT,
      "owner"          TEXT,
      "recipient"      TEXT,
      "tickLower"      INTEGER,
      "tickUpper"      INTEGER,
      "tick"           INTEGER,
      "liquidityDelta" TEXT,                          -- decimal strings
      "amount0"        TEXT,
      "amount1"        TEXT,
      "sqrtPriceX96"   TEXT,
      "price1Per0"     DOUBLE PRECISION,
      "usdValue"       DOUBLE PRECISION,
      "metadata"       JSONB,
      CONSTRAINT "PositionEvent_pkey" PRIMARY KEY ("id")
    );
    CREATE UNIQUE INDEX "PositionEvent_txHash_logIndex_key" ON "PositionEvent" ("txHash", "logIndex");
    CREATE INDEX "PositionEvent_tokenId_blockNumber_idx" ON "PositionEvent" ("tokenId", "blockNumber");
    CREATE INDEX "PositionEvent_pool_blockNumber_idx" ON "PositionEvent" ("pool", "blockNumber");
  END IF;
END
$$;

DO $$
BEGIN
  IF to_regclass('"PoolEvent"') IS NULL THEN
    CREATE TABLE "PoolEvent" (
      "id"           TEXT    NOT NULL,
      "pool"         TEXT    NOT NULL,
      "blockNumber"  INTEGER NOT NULL,
      "txHash"       TEXT    NOT NULL,
      "logIndex"     INTEGER NOT NULL,
      "timestamp"    INTEGER NOT NULL,
      "eventName"    TEXT    NOT NULL,  -- Swap, Mint, Burn, Collect, PoolCreated, Unknown, ...
      "sender"       TEXT,
      "owner"        TEXT,
      "recipient"    TEXT,
      "tickLower"    INTEGER,
      "tickUpper"    INTEGER,
      "amount"       TEXT,              -- decimal strings
      "amount0"      TEXT,
      "amount1"      TEXT,
      "sqrtPriceX96" TEXT,
      "liquidity"    TEXT,
      "tick"         INTEGER,
      CONSTRAINT "PoolEvent_pkey" PRIMARY KEY ("id")
    );
    CREATE UNIQUE INDEX "PoolEvent_txHash_logIndex_key" ON "PoolEvent" ("txHash", "logIndex");
    CREATE INDEX "PoolEvent_pool_blockNumber_idx" ON "PoolEvent" ("pool", "blockNumber");
  END IF;
END
$$;

DO $$
BEGIN
  IF to_regclass('"PositionTransfer"') IS NULL THEN
    CREATE TABLE "PositionTransfer" (
      "id"          TEXT    NOT NULL,
      "tokenId"     TEXT    NOT NULL,
      "from"        TEXT    NOT NULL,
      "to"          TEXT    NOT NULL,
      "blockNumber" INTEGER NOT NULL,
      "txHash"      TEXT    NOT NULL,
      "logIndex"    INTEGER NOT NULL,
      "timestamp"   INTEGER NOT NULL,
      "metadata"    JSONB,
      "nfpmAddress" TEXT,               -- the position manager that emitted the Transfer
      CONSTRAINT "PositionTransfer_pkey" PRIMARY KEY ("id")
    );
    CREATE UNIQUE INDEX "PositionTransfer_txHash_logIndex_key" ON "PositionTransfer" ("txHash", "logIndex");
    CREATE INDEX "PositionTransfer_tokenId_blockNumber_idx" ON "PositionTransfer" ("tokenId", "blockNumber");
    CREATE INDEX "PositionTransfer_nfpmAddress_idx" ON "PositionTransfer" ("nfpmAddress");
  END IF;
END
$$;

DO $$
BEGIN
  IF to_regclass('"Pool"') IS NULL THEN
    CREATE TABLE "Pool" (
      "address"        TEXT         NOT NULL,  -- lowercase
      "token0"         TEXT         NOT NULL,
      "token1"         TEXT         NOT NULL,
      "fee"            INTEGER      NOT NULL,
      "token0Symbol"   TEXT,                   -- symbols, names, decimals: NULL in some real rows
      "token1Symbol"   TEXT,
      "token0Name"     TEXT,
      "token1Name"     TEXT,
      "token0Decimals" INTEGER,
      "token1Decimals" INTEGER,
      "factory"        TEXT         NOT NULL,
      "blockNumber"    INTEGER      NOT NULL,
      "txHash"         TEXT         NOT NULL,
      "createdAt"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
      "updatedAt"      TIMESTAMP(3) NOT NULL,  -- no default: Prisma sets it, every insert gives it
      CONSTRAINT "Pool_pkey" PRIMARY KEY ("address")
    );
  END IF;
END
$$;

-- After "Pool": "PoolIncentive" references it.
DO $$
BEGIN
  IF to_regclass('"PoolIncentive"') IS NULL THEN
    CREATE TABLE "PoolIncentive" (
      "id"                SERIAL         NOT NULL,
      "poolAddress"       TEXT           NOT NULL,
      "dex"               TEXT           NOT NULL,
      "rewardToken"       TEXT           NOT NULL,
      "rewardTokenSymbol" TEXT,
      "rewardPerDay"      DECIMAL(38,18) NOT NULL,
      "rewardUsdPerDay"   DECIMAL(38,18),
      "programName"       TEXT,
      "startDate"         TIMESTAMP(3)   NOT NULL,
      "endDate"           TIMESTAMP(3),
      "sourceUrl"         TEXT,
      "sourceType"        TEXT           NOT NULL DEFAULT 'on-chain',
      "stakingContract"   TEXT,
      "isActive"          BOOLEAN        NOT NULL DEFAULT true,
      "verified"          BOOLEAN        NOT NULL DEFAULT false,
      "createdAt"         TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP,
      "updatedAt"         TIMESTAMP(3)   NOT NULL,  -- no default (Prisma sets it)
      CONSTRAINT "PoolIncentive_pkey" PRIMARY KEY ("id")
    );
    CREATE UNIQUE INDEX "PoolIncentive_poolAddress_rewardToken_startDate_key"
      ON "PoolIncentive" ("poolAddress", "rewardToken", "startDate");
    ALTER TABLE "PoolIncentive" ADD CONSTRAINT "PoolIncentive_poolAddress_fkey"
      FOREIGN KEY ("poolAddress") REFERENCES "Pool" ("address") ON DELETE CASCADE ON UPDATE CASCADE;
  END IF;
END
$$;
