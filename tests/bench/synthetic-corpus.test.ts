import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ACL_TEAM_SIZE_COUNTS,
  DBLP_SHAPE,
  syntheticAuthorName,
  syntheticPapers,
  teamSizeFor,
  writeSyntheticCorpus,
} from '../../src/bench/synthetic-corpus.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { identityKey } from '../../src/ingest/names.ts';

const papers = (count: number, seed?: string) => [
  ...syntheticPapers({ papers: count, ...(seed === undefined ? {} : { seed }) }),
];

describe('synthetic co-authorship corpus', () => {
  const directory = mkdtempSync(join(tmpdir(), 'synthetic-corpus-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('is the same for the same seed and different for another seed', () => {
    expect(papers(500)).toEqual(papers(500));
    expect(papers(500, 'other')).not.toEqual(papers(500));
    // A prefix of a larger corpus is the smaller corpus, so sizes are comparable.
    expect(papers(2000).slice(0, 500)).toEqual(papers(500));
  });

  it('gives every author number a distinct name, also after case folding', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => syntheticAuthorName(i));
    expect(new Set(names.map(identityKey)).size).toBe(names.length);
    expect(syntheticAuthorName(0)).toBe('Ada Ka');
  });

  it('maps uniform numbers onto team sizes with ACL frequencies', () => {
    const total = 61_328;
    // The cumulative counts of ACL team sizes are the break points.
    let cumulative = 0;
    ACL_TEAM_SIZE_COUNTS.forEach((count, index) => {
      expect(teamSizeFor((cumulative + 0.5) / total)).toBe(index + 1);
      cumulative += count;
      expect(teamSizeFor((cumulative - 0.5) / total)).toBe(index + 1);
    });
    expect(teamSizeFor(cumulative / total + 1e-9)).toBe(16);
    expect(teamSizeFor(1 - 1e-12)).toBeGreaterThan(50);
  });

  it('draws team sizes like ACL: a quarter with three authors, few alone, a thin tail above 50', () => {
    const corpus = papers(20_000);
    const share = (predicate: (size: number) => boolean) =>
      corpus.filter((paper) => predicate(paper.authors.length)).length / corpus.length;
    expect(share((size) => size === 1)).toBeCloseTo(0.061, 1);
    expect(share((size) => size === 2)).toBeCloseTo(0.192, 1);
    expect(share((size) => size === 3)).toBeCloseTo(0.236, 1);
    expect(share((size) => size === 4)).toBeCloseTo(0.19, 1);
    expect(share((size) => size > 15)).toBeLessThan(0.01);
    expect(share((size) => size > 50)).toBeGreaterThan(0);
    const mean = corpus.reduce((sum, paper) => sum + paper.authors.length, 0) / corpus.length;
    expect(mean).toBeGreaterThan(3.8);
    expect(mean).toBeLessThan(4.5);
    for (const paper of corpus) expect(new Set(paper.authors).size, paper.id).toBe(paper.authors.length);
  });

  it('has heavy-tailed productivity and repeated collaborations', () => {
    const corpus = papers(20_000);
    const perAuthor = new Map<string, number>();
    const perPair = new Map<string, number>();
    let authorships = 0;
    for (const paper of corpus) {
      authorships += paper.authors.length;
      for (const name of paper.authors) perAuthor.set(name, (perAuthor.get(name) ?? 0) + 1);
      const [first, ...others] = paper.authors;
      for (const other of others) perPair.set(`${first}|${other}`, (perPair.get(`${first}|${other}`) ?? 0) + 1);
    }
    const counts = [...perAuthor.values()].sort((a, b) => b - a);
    const distinctPerAuthorship = perAuthor.size / authorships;
    expect(distinctPerAuthorship).toBeGreaterThan(0.25);
    expect(distinctPerAuthorship).toBeLessThan(0.4);
    expect(counts.filter((count) => count === 1).length / counts.length).toBeGreaterThan(0.35);
    expect(counts[0]).toBeGreaterThan(50); // a few very productive authors
    expect([...perPair.values()].filter((count) => count > 1).length).toBeGreaterThan(1000);
  });

  it('shaped like DBLP, has about 0.49 distinct authors per paper (3.7 M over 7.5 M), from the same seed', () => {
    const corpus = [...syntheticPapers({ papers: 50_000, ...DBLP_SHAPE })];
    const authors = new Set(corpus.flatMap((paper) => paper.authors));
    // 0.495 for this seed (0.485 at 200,000 papers with a share of 0.056); the ACL defaults give 1.33.
    expect(authors.size / corpus.length).toBeGreaterThan(0.47);
    expect(authors.size / corpus.length).toBeLessThan(0.52);
    expect([...syntheticPapers({ papers: 500, ...DBLP_SHAPE })]).toEqual(corpus.slice(0, 500));
  });

  it('writes JSON Lines that the loader reads without a problem, every author kept apart', async () => {
    const file = join(directory, 'corpus.jsonl');
    const written = await writeSyntheticCorpus(file, { papers: 3000, seed: 'file' });
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(3000);
    const { catalog, problems } = loadFiles({ files: [file], aliasFile: null });
    expect(problems).toEqual([]);
    expect(catalog.papers).toHaveLength(written.papers);
    expect(catalog.authors).toHaveLength(written.authors);
    expect(catalog.papers.reduce((sum, paper) => sum + paper.authorIds.length, 0)).toBe(written.authorships);
  });
});
