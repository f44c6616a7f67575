import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledApp, graphql } from './helpers/app.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/gu)].map((match) => match[1]!);

/** The README without its fenced code blocks (a `#` comment in a shell block is not a heading). */
const prose = readme.replace(/^```[^\n]*\n[\s\S]*?^```$/gmu, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, title] of text.matchAll(/^#{1,6} (.+)$/gmu)) {
    const base = title!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /gu, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

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

  it('names the two set-up commands on its first screen (the first 40 lines)', () => {
    const firstScreen = readme.split('\n').slice(0, 40).join('\n');
    expect(firstScreen).toContain('npm install && npm start');
    expect(firstScreen).toContain('npm test');
    expect(firstScreen).toContain('](src/web/screenshot.png)');
  });

  it('gives a first query on its first screen that answers on the bundled data', async () => {
    const firstScreen = readme.split('\n').slice(0, 40).join('\n');
    const query = /^```\n(\{[\s\S]*?)^```$/mu.exec(firstScreen)?.[1];
    expect(query).toBeDefined();
    const result = await graphql(bundledApp(), query!);
    expect(result.errors).toBeUndefined();
    expect(result.data?.['collaborationPath']).toMatchObject({ length: 2 });
  });

  it('has a table of contents that links every top-level section, right after the first screen', () => {
    const start = prose.indexOf('\n## Contents\n');
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(0, readme.indexOf('\n## Contents\n')).split('\n').length).toBeLessThanOrEqual(41);
    const contents = prose.slice(start + 1, prose.indexOf('\n## ', start + 1));
    const linked = new Set([...contents.matchAll(/\]\(#([^)]+)\)/gu)].map((match) => match[1]!));
    const sections = [...anchors(prose.replace(/^#{3,6} .*$/gmu, ''))].filter(
      (anchor) => anchor !== 'contents' && anchor !== 'coauthor-graph',
    );
    expect(sections.length).toBeGreaterThanOrEqual(9);
    for (const section of sections) expect(linked, `## ${section}`).toContain(section);
  });

  it('runs only npm scripts that package.json has', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const named = new Set([...readme.matchAll(/\bnpm run ([\w:.-]+)/gu)].map((match) => match[1]!));
    expect(named.size).toBeGreaterThanOrEqual(10);
    for (const script of named) expect(Object.keys(scripts), `npm run ${script}`).toContain(script);
  });

  it('names only files and folders of the repository that exist (prose and code blocks alike)', () => {
    const built = ['src/web/dist/']; // written by `npm run build:web`, not committed
    const paths = new Set(
      [...readme.matchAll(/(?<![\w./-])((?:src|tests|schema|data|\.ci)\/[\w./*-]*)/gu)].map((match) =>
        match[1]!.replace(/[.,:;]+$/u, ''),
      ),
    );
    expect(paths.size).toBeGreaterThanOrEqual(30);
    for (const path of paths) {
      if (built.some((folder) => path.startsWith(folder))) continue;
      const fixed = path.split('/*')[0]!; // a glob: its folder
      expect(existsSync(new URL(`../${fixed}`, import.meta.url)), path).toBe(true);
    }
  });

  it('links only to headings that exist and to files that exist', () => {
    const targets = anchors(prose);
    for (const [, link] of prose.matchAll(/\]\(([^)\s]+)\)/gu)) {
      if (/^[a-z]+:/u.test(link!)) continue; // https:, mailto:
      if (link!.startsWith('#')) expect(targets, link).toContain(link!.slice(1));
      else expect(existsSync(new URL(`../${link!.split('#')[0]}`, import.meta.url)), link).toBe(true);
    }
  });
});
