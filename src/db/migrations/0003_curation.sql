-- Curation: identity decisions (what curators decided about who is who), the audit log of every
-- attempt, the duplicate-candidate pairs rejected, and the API tokens that may write.
-- A curation mutation is one transaction: the decision, its log entry and a new network_versions row
-- (curation_through = the decision's id), then NOTIFY coauthor_graph_versions.

CREATE TABLE identity_decisions (
  id bigserial PRIMARY KEY,
  -- The decision as data (src/ingest/identity-decisions.ts: merge, split, rename, accept, reject, revert).
  action jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The last decision about each author id: two curators changing one author at once conflict here.
CREATE TABLE curated_authors (
  author_id text PRIMARY KEY,
  last_decision bigint NOT NULL REFERENCES identity_decisions (id)
);

CREATE TABLE rejected_candidate_pairs (
  author_a text NOT NULL,
  author_b text NOT NULL,
  decision_id bigint NOT NULL REFERENCES identity_decisions (id),
  PRIMARY KEY (author_a, author_b, decision_id),
  CHECK (author_a < author_b)
);

CREATE TABLE api_tokens (
  id bigserial PRIMARY KEY,
  -- SHA-256 of the token: the token itself is shown once, when it is made, and never stored.
  token_hash text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('curator', 'admin')),
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Every curation attempt: who (a token's id and role, never the token), when, what, why, and how it ended.
CREATE TABLE curation_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  action jsonb NOT NULL,
  note text,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'conflict')),
  message text,
  decision_id bigint REFERENCES identity_decisions (id),
  network_version_id bigint REFERENCES network_versions (id)
);
