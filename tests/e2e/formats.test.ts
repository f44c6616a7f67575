/**
 * The real command in plain Node (not vitest's resolver) reads every format: the parsers' packages
 * (@retorquere/bibtex-parser, saxes) must load as a user runs them.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('coauthor-graph check on every format', () => {
  it('reads the three papers from BibTeX, CSL-JSON, DBLP XML and OpenAlex as one network', () => {
    const files = ['papers.bib', 'papers.csl.json', 'dblp-person.xml', 'openalex.json'].flatMap((name) => [
      '--data',
      `tests/fixtures/three-papers/${name}`,
    ]);
    const output = execFileSync(process.execPath, ['src/bin/coauthor-graph.js', 'check', ...files], {
      encoding: 'utf8',
    });
    expect(output).toContain('records read: 12\n');
    expect(output).toContain('authors: 5\n');
    expect(output).toContain('collaborations: 8\n');
    expect(output).toContain('problems: 0 error(s), 0 warning(s)');
  }, 30_000);
});
