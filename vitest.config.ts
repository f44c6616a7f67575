import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

const SEQUENTIAL = 'tests/**/*.sequential.test.ts';

/**
 * The test files that replace modules (`vi.mock`, `vi.doMock`): each gets a module registry of its own.
 * Every other file shares its worker's modules with the files that ran there before it (`isolate:
 * false`): with every file isolated, vitest counted 291 s of imports beside 718 s of tests in one run.
 * Read from the files themselves, wherever vitest is started from, so a new one is never left out.
 */
const TESTS = fileURLToPath(new URL('tests/', import.meta.url));
const mockingFiles = readdirSync(TESTS, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.test.ts') && !name.endsWith('.sequential.test.ts'))
  .filter((name) => /\bvi\.(?:doMock|mock)\(/u.test(readFileSync(join(TESTS, name), 'utf8')))
  .map((name) => `tests/${name}`);

export default defineConfig({
  resolve: {
    // graphql 16 ships both index.js and index.mjs. Node (and so yoga and Pothos) loads index.js;
    // Vite would hand our sources index.mjs, and a GraphQLError from one copy is not an instance of
    // the other's, so yoga would mask every error we raise. One copy for all, as in production.
    alias: [{ find: /^graphql$/u, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 30_000,
    // The server bundle, built once for the whole run (see the file): child processes run it.
    globalSetup: ['tests/helpers/server-bundle.global.ts'],
    // Worker threads of the code under test load that bundle's build of their entry (src/bin/bundle.js)
    // instead of compiling the sources through tsx each time one starts.
    env: { COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE: '1' },
    // Many files wait on child processes (servers, replicas, workers, PostgreSQL) more than they compute:
    // at least two files at once keeps a 2-core machine busy (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['tests/**/*.test.ts'],
          exclude: [SEQUENTIAL, ...mockingFiles],
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      // Left out while no file mocks, rather than given nothing to include.
      ...(mockingFiles.length === 0
        ? []
        : [{ extends: true as const, test: { name: 'isolated', include: mockingFiles, sequence: { groupOrder: 0 } } }]),
      // Files that measure how fast the server answers while it works hard run alone, after all others,
      // so that other test files do not take the CPU they measure.
      {
        extends: true,
        test: {
          name: 'sequential',
          include: [SEQUENTIAL],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
