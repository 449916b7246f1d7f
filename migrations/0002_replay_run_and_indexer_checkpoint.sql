-- The project's own first tables (snake_case, unlike the production tables).

-- One row per replay run: the producer's durable state. Steps' progress is not kept
-- here; it is their consumer groups' committed offsets compared with end_offsets.
CREATE TABLE replay_run (
  id            bigserial   PRIMARY KEY,
  state         text        NOT NULL,
  started_at    timestamptz,
  finished_at   timestamptz,
  -- Epoch seconds, the unit of the source tables' "timestamp": time-based steps
  -- (snapshots, vesting, health) finish as of this time.
  as_of_time    bigint,
  -- Where the producer is in each source table: the last (blockNumber, logIndex)
  -- it wrote, e.g. {"PositionEvent": {"blockNumber": 123, "logIndex": 4}}.
  cursor        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  rows_total    bigint,
  rows_produced bigint      NOT NULL DEFAULT 0,
  -- The end offset of every partition the run wrote, per topic:
  -- {"<topic>": {"<partition>": "<offset>"}}. A step is complete for the run when
  -- its group's committed offsets reach these.
  end_offsets   jsonb       NOT NULL DEFAULT '{}'::jsonb,
  -- The steps this run feeds (all when started without a list).
  steps         text[]      NOT NULL DEFAULT '{}',
  last_error    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- How far an indexer has scanned the chain, one row per indexer (e.g. per DEX).
CREATE TABLE indexer_checkpoint (
  name       text        PRIMARY KEY,
  last_block bigint      NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
