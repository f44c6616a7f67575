/**
 * One error catalog: every coded error the server raises is defined in src/api/errors.ts (code, HTTP
 * status, message template, extensions), nothing else builds one, its status agrees with the catalog
 * the README is checked against, and every error class names itself.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ErrorDefinition, codedError, errorCatalog, errors } from '../../src/api/errors.ts';

const src = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
const sources = sourceFiles(src).map((path) => ({ path: relative(src, path), text: readFileSync(path, 'utf8') }));

describe('the error definitions', () => {
  const definitions = Object.entries(errors) as [string, ErrorDefinition<never>][];

  it('give each code a status the catalog (and so the README) agrees with', () => {
    for (const [name, definition] of definitions) {
      const catalogued = errorCatalog[definition.code].http;
      if (definition.http !== undefined) expect(catalogued, name).toContain(String(definition.http.status));
      else expect(catalogued.startsWith('200'), name).toBe(true);
    }
  });

  it('build the error a client gets: message from the template, code, extensions and status', () => {
    const error = codedError(errors.queryTooDeep, { limit: 10, found: 11 });
    expect(error.message).toBe('The query is nested 11 levels deep; the limit is 10.');
    expect(error.extensions).toEqual({
      code: 'QUERY_TOO_DEEP',
      limit: 10,
      found: 11,
      http: { status: 400, spec: true },
    });
    const timeout = codedError(errors.timeout, { budgetMs: 1500 });
    expect(timeout.message).toContain('time budget of 1500 ms');
    expect(timeout.extensions).toEqual({ code: 'TIMEOUT', budgetMs: 1500, http: { status: 504 } });
    expect(codedError(errors.exportTooLarge, { authors: 9, maxExportAuthors: 5 }).extensions).toEqual({
      code: 'EXPORT_TOO_LARGE',
      authors: 9,
      maxExportAuthors: 5,
    });
  });

  it('are the only place a coded GraphQL error is built', () => {
    // client-errors.ts and introspection.ts re-create an error already made (shortened, without
    // suggestions), keeping its code; nothing else constructs GraphQLErrors or names a code.
    const building = sources
      .filter(({ text }) => /new GraphQLError\(|ErrorCode\.\w+/u.test(text))
      .map(({ path }) => path)
      .sort();
    expect(building).toEqual(['api/errors.ts', 'http/client-errors.ts', 'http/introspection.ts']);
  });
});

describe('error classes', () => {
  const declared = sources.flatMap(({ path, text }) =>
    [...text.matchAll(/^export class (\w+) extends (\w*Error)\b/gmu)].map((match) => ({ path, name: match[1]! })),
  );

  it('are all found (the scan works)', () => {
    expect(declared.map(({ name }) => name)).toEqual(expect.arrayContaining(['ConfigError', 'SnapshotFormatError']));
  });

  it.each(declared.filter(({ path }) => !path.startsWith('web/')))(
    '$name ($path) sets its name',
    async ({ path, name }) => {
      const module = (await import(join(src, path))) as Record<string, new (message: string) => Error>;
      const ErrorClass = module[name];
      expect(ErrorClass).toBeDefined();
      const error = new ErrorClass!('what went wrong');
      expect(error.name).toBe(name);
      expect(String(error)).toBe(`${name}: what went wrong`);
    },
  );

  it('in the browser code set their names too', () => {
    for (const { path, name } of declared.filter(({ path }) => path.startsWith('web/'))) {
      const text = sources.find((source) => source.path === path)?.text ?? '';
      expect(text, name).toContain(`override readonly name = '${name}';`);
    }
  });
});
