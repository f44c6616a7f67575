-- The exact all-pairs pass of a version, shared by every process that holds its network (replicas and
-- `coauthor-graph centrality-worker` processes): src/db/shared-pass.ts.
--
-- shared_passes: one row per version, created once by whichever process comes first, with the chunks in
-- the same transaction. The fingerprint is that of the renumbered network and its plan
-- (src/analysis/chunked-pass.ts): a process whose network differs is refused instead of mixing sums.
-- combined_at is set, exactly once, by the process that combines the chunks (under this row's lock).
CREATE TABLE shared_passes (
  version_id bigint PRIMARY KEY REFERENCES network_versions (id) ON DELETE CASCADE,
  fingerprint text NOT NULL,
  authors integer NOT NULL CHECK (authors >= 0),
  sources integer NOT NULL CHECK (sources >= 0),
  chunk_sources integer NOT NULL CHECK (chunk_sources >= 1),
  chunk_count integer NOT NULL CHECK (chunk_count >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  combined_at timestamptz
);

-- One row per chunk of sources [first_source, end_source) of the plan. A chunk is pending, leased (a
-- process computes it and renews lease_expires_at while it does; an expired lease may be claimed again),
-- or done (partial holds its sums, see encodePartial). attempts counts claims.
CREATE TABLE shared_pass_chunks (
  version_id bigint NOT NULL REFERENCES shared_passes (version_id) ON DELETE CASCADE,
  chunk integer NOT NULL CHECK (chunk >= 0),
  first_source integer NOT NULL,
  end_source integer NOT NULL CHECK (end_source >= first_source),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'leased', 'done')),
  lease_owner text,
  lease_expires_at timestamptz,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  partial bytea,
  computed_by text,
  compute_seconds double precision,
  finished_at timestamptz,
  PRIMARY KEY (version_id, chunk),
  CHECK ((state = 'done') = (partial IS NOT NULL)),
  CHECK (state <> 'leased' OR (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
);

-- Chunks still to do, for the claim query.
CREATE INDEX shared_pass_chunks_open ON shared_pass_chunks (version_id, chunk) WHERE state <> 'done';

-- The exact values of a version, stored once its pass is combined: per author in the network's own
-- author order (float64 little-endian arrays), and the largest component's path figures.
-- Announced with NOTIFY on the channel coauthor_graph_metrics (payload: the version id).
CREATE TABLE version_metrics (
  version_id bigint PRIMARY KEY REFERENCES network_versions (id) ON DELETE CASCADE,
  fingerprint text NOT NULL,
  authors integer NOT NULL CHECK (authors >= 0),
  betweenness bytea NOT NULL,
  closeness bytea NOT NULL,
  harmonic bytea NOT NULL,
  average_shortest_path_length double precision NOT NULL,
  diameter integer NOT NULL,
  chunk_count integer NOT NULL,
  -- CPU seconds over all chunks, and the wall time from the pass's creation to its combination.
  compute_seconds double precision NOT NULL,
  elapsed_seconds double precision NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now()
);
