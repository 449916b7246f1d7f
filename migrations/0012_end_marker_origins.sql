-- The end-of-replay markers a step has met per run and partition (libs/consumer
-- marker-gate.ts). Step 1 forwards each of its input partitions' markers to every
-- partition of its output; a step downstream acts on a run's end in a partition only
-- once every origin's marker is there, i.e. once step 1 has attributed every input
-- partition. A row per origin, inserted ON CONFLICT DO NOTHING: redelivery adds nothing,
-- and "complete?" is a count.
CREATE TABLE end_marker_origin (
  step       text        NOT NULL,
  run_id     text        NOT NULL,
  topic      text        NOT NULL,
  partition  integer     NOT NULL,
  origin     integer     NOT NULL,
  seen_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (step, run_id, topic, partition, origin)
);
