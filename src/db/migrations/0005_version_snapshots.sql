-- Snapshots of network versions, shared through the store: the first replica that builds a version
-- from its rows saves the snapshot file it wrote to its own cache here, in parts; a replica joining
-- later downloads it instead of building the network again (and gets the centrality values with it).
-- A snapshot is usable only once its row in version_snapshots exists: the parts and that row are
-- written in one transaction.

CREATE TABLE version_snapshots (
  version_id bigint PRIMARY KEY REFERENCES network_versions (id) ON DELETE CASCADE,
  parts integer NOT NULL CHECK (parts > 0),
  bytes bigint NOT NULL CHECK (bytes > 0),
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE version_snapshot_parts (
  version_id bigint NOT NULL,
  part integer NOT NULL CHECK (part >= 0),
  bytes bytea NOT NULL,
  PRIMARY KEY (version_id, part)
);
