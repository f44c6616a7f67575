-- A snapshot's parts are stored as they are, not compressed: most of a snapshot is numbers packed
-- in Arrow tables, which PostgreSQL's pglz shrinks little (112 MB to 83 MB on the ACL Anthology), and
-- every replica joining a version paid the decompression, on the server's core, before its first
-- byte could be served. Applies to parts saved from now on.

ALTER TABLE version_snapshot_parts ALTER COLUMN bytes SET STORAGE EXTERNAL;
