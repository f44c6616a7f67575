/**
 * The PostgreSQL server the store and shared-pass benches make their scratch databases on:
 * `BENCH_DATABASE_URL`, else the tests' `PG_TEST_ADMIN_URL`, else the local server.
 */
export const benchDatabaseAdminUrl =
  process.env['BENCH_DATABASE_URL'] ??
  process.env['PG_TEST_ADMIN_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';
