-- The shared pass's plan (the network renumbered in locality order, the exact plan and its fingerprint:
-- src/analysis/chunked-pass.ts), made once by the first process to join a version's pass and read by the
-- others instead of each making the same plan again: src/db/shared-pass-plan.ts.
--
-- One row per version, network (network_digest: SHA-256 of the compact graph's arrays) and planner
-- (format: the plan's format, changed whenever planning changes), so a process reads only a plan made
-- from its own network by its own planner. The row is inserted by the planner in the transaction that
-- writes the plan, and held (uncommitted) while it plans: other processes wait for that commit; a
-- planner that dies rolls the row back and the next one plans. plan is the v8 serialization of the
-- plan; NULL when it was too large to share (each process then plans for itself). Deleted once the
-- version's pass is combined.
CREATE TABLE shared_pass_plans (
  version_id bigint NOT NULL REFERENCES network_versions (id) ON DELETE CASCADE,
  network_digest text NOT NULL,
  format text NOT NULL,
  plan bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version_id, network_digest, format)
);
