/**
 * Messages are written once, where the error is: nobody reads an unknown thrown value by casting it
 * (`errorMessage` in src/error-message.ts does), and no module rewrites another module's message with
 * string operations (a loader says why; the command says what it refuses: "refusing to serve: ...",
 * "cannot report: ...").
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/error-message.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'dist' ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const files = sources('src').map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('error messages', () => {
  it('are read from unknown thrown values by errorMessage, not by a cast', () => {
    expect(files.filter(({ text }) => /as Error\)\??\.message/u.test(text)).map(({ file }) => file)).toEqual([]);
    expect(errorMessage(new RangeError('too far'))).toBe('too far');
    expect(errorMessage('a string was thrown')).toBe('a string was thrown');
    expect(errorMessage(42)).toBe('42');
  });

  it('are not rewritten with string operations by another module', () => {
    const rewrites = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\b(message|failure)\.(replace|replaceAll|slice|substring)\(/gu)].map(() => file),
    );
    // The one exception: with introspection off, graphql-js's validation messages lose their "Did you
    // mean ...?" suggestions (graphql-js 16 has no option for it; graphql-armor's block-field-suggestions
    // does the same).
    expect(rewrites).toEqual([join('src', 'http', 'introspection.ts')]);
  });
});
