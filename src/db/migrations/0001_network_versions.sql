-- The versions of the network a deployment serves. A version is the papers of one import with the
-- identity decisions (curation) up to a point; it becomes visible when the transaction that creates
-- it commits, so an import or a curation that fails midway leaves no version behind.
-- New versions are announced with NOTIFY on the channel coauthor_graph_versions (payload: the id).

CREATE TABLE imports (
  id bigserial PRIMARY KEY,
  -- Hash of the input files' contents and the options that shape the network (src/commands/input-key.ts).
  input_key text NOT NULL,
  -- The files as given: [{ "file": ..., "bytes": ..., "sha256": ... }], and the alias file.
  files jsonb NOT NULL,
  paper_count integer NOT NULL CHECK (paper_count >= 0),
  -- What changed against the previous import (papers added, removed, changed).
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE network_versions (
  id bigserial PRIMARY KEY,
  import_id bigint NOT NULL REFERENCES imports (id),
  -- The identity decisions applied: every decision with an id up to this one (0: none).
  curation_through bigint NOT NULL DEFAULT 0 CHECK (curation_through >= 0),
  reason text NOT NULL CHECK (reason IN ('import', 'curation', 'revert')),
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX network_versions_import ON network_versions (import_id);
