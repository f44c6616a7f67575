-- Each part of a shared snapshot with its own SHA-256, so that a replica joining a version can check
-- a part, and use it, as soon as it arrives: the parts holding what a start needs are downloaded
-- first, the replica serves from them, and the others follow (src/db/snapshot-download.ts). The
-- whole file's SHA-256 in version_snapshots is still checked once every part is in. Parts saved
-- before this migration get theirs here.

ALTER TABLE version_snapshot_parts ADD COLUMN sha256 bytea;
UPDATE version_snapshot_parts SET sha256 = sha256(bytes);
ALTER TABLE version_snapshot_parts ALTER COLUMN sha256 SET NOT NULL;
ALTER TABLE version_snapshot_parts ADD CONSTRAINT version_snapshot_parts_sha256_length CHECK (length(sha256) = 32);
