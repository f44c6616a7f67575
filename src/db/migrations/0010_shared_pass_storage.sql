-- The shared pass's plans, partial sums and combined values are stored as they are, not compressed:
-- pglz costs the writer more than it saves the reader. On the ACL papers of 2016–2019 a plan of
-- 0.7 MB took 20 ms to write compressed and 7 ms uncompressed (pglz halves it), and the combined
-- values, three float64 arrays, 12 ms against 5 ms; a replica waiting for the plan, and every replica
-- waiting for the combined values, waited for that, and each chunk's write took the server's core
-- from the pass threads. Applies to rows written from now on.

ALTER TABLE shared_pass_plans ALTER COLUMN plan SET STORAGE EXTERNAL;
ALTER TABLE shared_pass_chunks ALTER COLUMN partial SET STORAGE EXTERNAL;
ALTER TABLE version_metrics
  ALTER COLUMN betweenness SET STORAGE EXTERNAL,
  ALTER COLUMN closeness SET STORAGE EXTERNAL,
  ALTER COLUMN harmonic SET STORAGE EXTERNAL;
