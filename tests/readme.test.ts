import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledApp, graphql } from './helpers/app.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/gu)].map((match) => match[1]!);

describe('README', () => {
  it('has the six example queries', () => {
    expect(examples).toHaveLength(6);
  });

  it.each(examples.map((example, i) => [i + 1, example]))(
    'example query %i runs on the bundled data without errors',
    async (_n, example) => {
      const result = await graphql(bundledApp(), example as string);
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data ?? {}).every((value) => value !== null)).toBe(true);
    },
  );

  it('names the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
