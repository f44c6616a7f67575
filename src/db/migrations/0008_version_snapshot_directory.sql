-- The end of each shared snapshot's archive (its ZIP directory and end records: from where the
-- directory starts to the end of the file, about a kilobyte) with its own SHA-256, kept in the
-- snapshot's row. A replica joining the version reads where every table lies with the row, so its
-- first COPY brings the parts a start needs, rather than first the whole last part (8 MiB) for the
-- directory in it (src/db/snapshot-download.ts). Snapshots saved before this migration have none:
-- their replicas read the directory from the last part, as before.

ALTER TABLE version_snapshots ADD COLUMN directory bytea;
ALTER TABLE version_snapshots ADD COLUMN directory_sha256 bytea;
ALTER TABLE version_snapshots ADD CONSTRAINT version_snapshots_directory_sha256 CHECK (
  (directory IS NULL) = (directory_sha256 IS NULL) AND (directory_sha256 IS NULL OR length(directory_sha256) = 32)
);
