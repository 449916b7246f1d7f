-- The production source tables (DESIGN.md section 2), for databases that do not have
-- them yet (tests, demos). Our users' databases already have them: there this file
-- must change nothing. So each table is created together with its constraints and
-- indexes only when the table is missing, and an existing table is never touched
-- (not even by adding an index). Names follow the production (Prisma) style:
-- quoted camelCase identifiers, "<Table>_pkey", "<Table>_<cols>_key", "<Table>_<cols>_idx".

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
      "id"             text                NOT NULL,  -- "txHash:logIndex"
      "tokenId"        text                NOT NULL,
      "pool"           text                NOT NULL,  -- 'unknown' when not known
      "blockNumber"    integer             NOT NULL,
      "txHash"         text                NOT NULL,
      "logIndex"       integer             NOT NULL,
      "timestamp"      integer             NOT NULL,  -- epoch seconds
      "eventType"      "PositionEventType" NOT NULL,
      "sender"         text,
      "owner"          text,
      "recipient"      text,
      "tickLower"      integer,
      "tickUpper"      integer,
      "tick"           integer,
      "liquidityDelta" text,                          -- decimal strings
      "amount0"        text,
      "amount1"        text,
      "sqrtPriceX96"   text,
      "price1Per0"     double precision,
      "usdValue"       double precision,
      "metadata"       jsonb,
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
      "id"           text    NOT NULL,
      "pool"         text    NOT NULL,
      "blockNumber"  integer NOT NULL,
      "txHash"       text    NOT NULL,
      "logIndex"     integer NOT NULL,
      "timestamp"    integer NOT NULL,
      "eventName"    text,              -- Swap, Mint, Burn, Collect, Initialize, ...
      "sender"       text,
      "owner"        text,
      "recipient"    text,
      "tickLower"    integer,
      "tickUpper"    integer,
      "amount"       text,              -- decimal strings
      "amount0"      text,
      "amount1"      text,
      "sqrtPriceX96" text,
      "liquidity"    text,
      "tick"         integer,
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
      "id"          text    NOT NULL,
      "tokenId"     text    NOT NULL,
      "from"        text    NOT NULL,
      "to"          text    NOT NULL,
      "blockNumber" integer NOT NULL,
      "txHash"      text    NOT NULL,
      "logIndex"    integer NOT NULL,
      "timestamp"   integer NOT NULL,
      "metadata"    jsonb,
      "nfpmAddress" text,               -- the position manager that emitted the Transfer
      CONSTRAINT "PositionTransfer_pkey" PRIMARY KEY ("id")
    );
    CREATE UNIQUE INDEX "PositionTransfer_txHash_logIndex_key" ON "PositionTransfer" ("txHash", "logIndex");
    CREATE INDEX "PositionTransfer_tokenId_blockNumber_idx" ON "PositionTransfer" ("tokenId", "blockNumber");
  END IF;
END
$$;

DO $$
BEGIN
  IF to_regclass('"Pool"') IS NULL THEN
    CREATE TABLE "Pool" (
      "address"        text         NOT NULL,  -- lowercase
      "token0"         text         NOT NULL,
      "token1"         text         NOT NULL,
      "fee"            integer      NOT NULL,
      "token0Symbol"   text         NOT NULL,
      "token1Symbol"   text         NOT NULL,
      "token0Name"     text         NOT NULL,
      "token1Name"     text         NOT NULL,
      "token0Decimals" integer,                -- missing in some real rows
      "token1Decimals" integer,
      "factory"        text         NOT NULL,
      "blockNumber"    integer      NOT NULL,
      "txHash"         text         NOT NULL,
      "createdAt"      timestamp(3) NOT NULL DEFAULT now(),
      "updatedAt"      timestamp(3) NOT NULL DEFAULT now(),
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
      "id"                serial         NOT NULL,
      "poolAddress"       text           NOT NULL,
      "dex"               text           NOT NULL,
      "rewardToken"       text           NOT NULL,
      "rewardTokenSymbol" text           NOT NULL,
      "rewardPerDay"      numeric(38,18) NOT NULL,
      "rewardUsdPerDay"   numeric(38,18) NOT NULL,
      "programName"       text           NOT NULL,
      "startDate"         timestamp(3)   NOT NULL,
      "endDate"           timestamp(3),
      "isActive"          boolean        NOT NULL DEFAULT true,
      "createdAt"         timestamp(3)   NOT NULL DEFAULT now(),
      "updatedAt"         timestamp(3)   NOT NULL DEFAULT now(),
      CONSTRAINT "PoolIncentive_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "PoolIncentive_poolAddress_fkey" FOREIGN KEY ("poolAddress") REFERENCES "Pool" ("address")
    );
    CREATE UNIQUE INDEX "PoolIncentive_poolAddress_rewardToken_startDate_key"
      ON "PoolIncentive" ("poolAddress", "rewardToken", "startDate");
  END IF;
END
$$;
