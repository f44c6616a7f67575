/**
 * Relay's compiler (the real `relay-compiler` binary) accepts the checked-in schema's connections for
 * `@connection` + `@refetchable` pagination in both directions: it refuses a connection without
 * `last`/`before` (or a list that is not a connection) with "Unknown argument" or "has no field edges".
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const relayCli = join(dirname(createRequire(import.meta.url).resolve('relay-compiler/package.json')), 'cli.js');
const schemaFile = resolve(import.meta.dirname, '../../schema/schema.graphql');

/** One bidirectional pagination fragment per connection a Relay app would page with `usePaginationFragment`. */
const fragments: Record<string, { on: string; field: string; selection: string }> = {
  Ranking: {
    on: 'Query',
    field: 'centralityRanking(metric: PAGERANK, first: $first, after: $after, last: $last, before: $before)',
    selection: 'edges { node { id rank score author { id name } } }',
  },
  Paths: {
    on: 'Query',
    field:
      'collaborationPaths(from: "matthew-mackay", to: "fabian-pedregosa", first: $first, after: $after, last: $last, before: $before)',
    selection: 'totalCount edges { node { id length steps { id from { id } to { id } } } }',
  },
  Candidates: {
    on: 'Query',
    field: 'duplicateAuthorCandidates(first: $first, after: $after, last: $last, before: $before)',
    selection: 'edges { node { id score authors { id name } } }',
  },
  Coauthors: {
    on: 'Author',
    field: 'coauthors(first: $first, after: $after, last: $last, before: $before)',
    selection: 'edges { id jointPaperCount node { id name } }',
  },
  Authors: {
    on: 'Query',
    field: 'authors(search: "chen", first: $first, after: $after, last: $last, before: $before)',
    selection: 'edges { node { id name } }',
  },
};

function source(name: string, fragment: { on: string; field: string; selection: string }): string {
  const owner = fragment.on === 'Query' ? 'query' : fragment.on.toLowerCase();
  return `import { graphql } from 'relay-runtime';
export const fragment = graphql\`
  fragment ${name}_${owner} on ${fragment.on}
  @refetchable(queryName: "${name}PaginationQuery")
  @argumentDefinitions(
    first: { type: "Int", defaultValue: 10 }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    ${fragment.field} @connection(key: "${name}__${fragment.field.slice(0, fragment.field.indexOf('('))}") {
      ${fragment.selection}
    }
  }
\`;
`;
}

const project = mkdtempSync(join(tmpdir(), 'coauthor-graph-relay-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('relay-compiler against schema/schema.graphql', () => {
  it('compiles a @connection @refetchable fragment on every long list, paginated forward and backward', async () => {
    mkdirSync(join(project, 'src'));
    writeFileSync(
      join(project, 'relay.config.json'),
      JSON.stringify({ src: './src', schema: schemaFile, language: 'typescript' }),
    );
    for (const [name, fragment] of Object.entries(fragments))
      writeFileSync(join(project, 'src', `${name}.ts`), source(name, fragment));
    const { stdout, stderr } = await run(process.execPath, [relayCli], { cwd: project });
    expect(`${stdout}${stderr}`).not.toMatch(/ERROR/u);
    for (const [name, fragment] of Object.entries(fragments)) {
      const owner = fragment.on === 'Query' ? 'query' : fragment.on.toLowerCase();
      const artifact = readFileSync(join(project, 'src', '__generated__', `${name}_${owner}.graphql.ts`), 'utf8');
      // Relay's metadata for usePaginationFragment: loadNext uses (first, after), loadPrevious (last, before).
      expect(artifact).toContain('"direction": "bidirectional"');
      expect(artifact).toMatch(/"forward": \{\s*"count": "first",\s*"cursor": "after"\s*\}/u);
      expect(artifact).toMatch(/"backward": \{\s*"count": "last",\s*"cursor": "before"\s*\}/u);
      expect(artifact).toContain(`${name}PaginationQuery`);
    }
  });
});
