-- The shared pass's plans, partial sums and combined values are compressed with lz4 rather than
-- PostgreSQL's default pglz: on the ACL papers of 2016–2019 a plan of 0.7 MB took 18–23 ms to write
-- with pglz (to 328 kB), 6 ms with lz4 (to 311 kB), and 7 ms uncompressed. Every process waiting for
-- the plan, and every replica waiting for the combined values, waited for those writes. Left
-- uncompressed instead, each new version's plan (15 MB for the whole ACL Anthology) doubled the WAL a
-- replica wrote as a version arrived, and curation mutations made meanwhile were seen later on the
-- other replica (`npm run bench -- --only m`, slowest of six: 1.94 s at the median of ten runs, against
-- 1.57 s of five runs with pglz). A server built without lz4 keeps pglz for the plans and partial sums
-- and stores the combined values uncompressed. Applies to values written from now on.

DO $$
BEGIN
  ALTER TABLE shared_pass_plans ALTER COLUMN plan SET COMPRESSION lz4;
  ALTER TABLE shared_pass_chunks ALTER COLUMN partial SET COMPRESSION lz4;
  ALTER TABLE version_metrics
    ALTER COLUMN betweenness SET COMPRESSION lz4,
    ALTER COLUMN closeness SET COMPRESSION lz4,
    ALTER COLUMN harmonic SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  ALTER TABLE version_metrics
    ALTER COLUMN betweenness SET STORAGE EXTERNAL,
    ALTER COLUMN closeness SET STORAGE EXTERNAL,
    ALTER COLUMN harmonic SET STORAGE EXTERNAL;
END
$$;
