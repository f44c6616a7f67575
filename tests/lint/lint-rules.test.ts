/**
 * The linter's type-aware rules catch the bugs they are there for (a typo in eslint.config.js would
 * silently turn them off): a promise nobody awaits, a promise handed to a callback that ignores it, a
 * switch that forgets a member of a union, an object literal asserted to a type it does not have.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('fixtures/bug-patterns.ts', import.meta.url));

describe('npm run lint', () => {
  it('reports the four bug patterns the project asked for, each where it is', async () => {
    // The fixture is in the linter's ignores (it is wrong on purpose): lint it here with them lifted.
    const eslint = new ESLint({ cwd: root, ignore: false });
    const [result] = await eslint.lintFiles([fixture]);
    const lines = readFileSync(fixture, 'utf8').split('\n');
    const found = (result?.messages ?? []).map((message) => [message.ruleId, lines[message.line - 1]?.trim()]);
    expect(found).toEqual([
      ['@typescript-eslint/no-floating-promises', 'later();'],
      ['@typescript-eslint/no-misused-promises', 'callbacks.push(async () => {'],
      ['@typescript-eslint/switch-exhaustiveness-check', 'switch (phase) {'],
      ['@typescript-eslint/consistent-type-assertions', 'export const shape = { a: 1 } as Shape;'],
      ['@typescript-eslint/consistent-type-assertions', 'export const angle = <Shape>{ a: 1, b: 2 };'],
    ]);
  }, 120_000);
});
