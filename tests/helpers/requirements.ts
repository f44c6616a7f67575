/**
 * Tests that need something outside Node.js (PostgreSQL, Chromium, Debian's NetworkX) ask here first.
 * On a machine without it they are skipped with one loud line saying what to install; with
 * COAUTHOR_GRAPH_REQUIRE_ALL=1 (set by .ci/run) a missing requirement fails instead, so CI always runs them.
 */
export const requireAll = process.env['COAUTHOR_GRAPH_REQUIRE_ALL'] === '1';

const announced = new Set<string>();

/** True when the tests may run; false (after one warning) when they are to be skipped; throws under CI. */
export function requirement(what: string, available: boolean, install: string): boolean {
  if (available) return true;
  const message = `${what} is not available: these tests are SKIPPED. ${install}`;
  if (requireAll) throw new Error(`${message} (COAUTHOR_GRAPH_REQUIRE_ALL=1 turns this skip into a failure)`);
  if (!announced.has(what)) {
    announced.add(what);
    process.stderr.write(`\n*** ${message}\n`);
  }
  return false;
}
