-- Durable state of the pipeline beside the replay run: the offsets a run started at
-- (so `reset` can rewind a step to them), what each step instance last reported, and
-- every record a step sent to the dead-letter topic.

ALTER TABLE replay_run ADD COLUMN start_offsets jsonb NOT NULL DEFAULT '{}'::jsonb;

-- One row per running step instance, upserted on every batch (no counters: each
-- field is the instance's latest value, so a replayed write changes nothing).
CREATE TABLE step_instance (
  step          text        NOT NULL,
  instance_id   text        NOT NULL,
  host          text,
  pid           integer,
  started_at    timestamptz NOT NULL DEFAULT now(),
  seen_at       timestamptz NOT NULL DEFAULT now(),
  last_error    text,
  last_error_at timestamptz,
  PRIMARY KEY (step, instance_id)
);

-- A dead letter is identified by where it came from; publishing it twice (a batch
-- retried after the DLQ write) keeps one row.
CREATE TABLE dead_letter (
  step         text        NOT NULL,
  topic        text        NOT NULL,
  partition    integer     NOT NULL,
  "offset"     bigint      NOT NULL,
  error        text        NOT NULL,
  record_key   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (step, topic, partition, "offset")
);

-- The replay's chain-order indexes on "PositionEvent" and "PoolEvent"
-- (lpe_position_event_chain_order, lpe_pool_event_chain_order) were created here by a plain
-- CREATE INDEX, which blocks the live indexer's inserts on a large production table while
-- it builds. They moved to 0014, which builds them CONCURRENTLY outside a transaction;
-- where this file already ran they exist and 0014 leaves them (IF NOT EXISTS).
