import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import {
  type IdentityDecision,
  applyIdentityDecisions,
  effectiveDecisions,
  pairKey,
  parseDecisionAction,
} from '../../src/ingest/identity-decisions.ts';
import type { PaperRecord } from '../../src/ingest/records.ts';

let line = 0;
function paper(id: string, authors: string[]): PaperRecord {
  line += 1;
  return {
    id,
    title: `Title ${id}`,
    authors,
    abstract: null,
    year: 2020,
    venue: null,
    url: null,
    source: { file: 'f.jsonl', line },
  };
}

// Ann Lee (p1, p2) wrote with Bob Ray; "A. Lee" (p3) is the same person; "Jo Kim" on p4 and p5 is two people.
const records = [
  paper('p1', ['Ann Lee', 'Bob Ray']),
  paper('p2', ['Ann Lee', 'Cy Dow']),
  paper('p3', ['A. Lee', 'Bob Ray']),
  paper('p4', ['Jo Kim', 'Bob Ray']),
  paper('p5', ['Jo Kim', 'Cy Dow']),
  paper('p6', ['J. Kim', 'Cy Dow']),
];
const catalog = buildCatalog(records);
const decide = (...actions: IdentityDecision['action'][]): IdentityDecision[] =>
  actions.map((action, index) => ({ id: index + 1, action }));
const author = (c: typeof catalog, id: string) => c.authors.find((a) => a.id === id);

describe('identity decisions', () => {
  it('start from the catalog the records give', () => {
    expect(catalog.authors.map((a) => a.id)).toEqual(['ann-lee', 'bob-ray', 'cy-dow', 'a-lee', 'jo-kim', 'j-kim']);
    expect(applyIdentityDecisions(catalog, []).catalog).toBe(catalog);
  });

  it('merge: one person, the first id kept, the others redirect to it, bylines follow', () => {
    const {
      catalog: curated,
      identity,
      problems,
    } = applyIdentityDecisions(catalog, decide({ kind: 'merge', authorIds: ['ann-lee', 'a-lee'], name: 'Ann B. Lee' }));
    expect(problems).toEqual([]);
    expect(author(curated, 'a-lee')).toBeUndefined();
    const ann = author(curated, 'ann-lee');
    expect(ann?.name).toBe('Ann B. Lee');
    expect(ann?.paperIds).toEqual(['p1', 'p2', 'p3']);
    expect(ann?.nameVariants.map((v) => [v.name, v.count])).toEqual([
      ['Ann Lee', 2],
      ['A. Lee', 1],
    ]);
    expect(curated.papers.find((p) => p.id === 'p3')?.authorIds).toEqual(['ann-lee', 'bob-ray']);
    expect(identity.redirects.get('a-lee')).toBe('ann-lee');
  });

  it('merge of a merged id follows the redirect; merged-away ids redirect to the final person', () => {
    const { catalog: curated, identity } = applyIdentityDecisions(
      catalog,
      decide(
        { kind: 'merge', authorIds: ['jo-kim', 'j-kim'], name: null },
        { kind: 'merge', authorIds: ['ann-lee', 'j-kim'], name: null },
      ),
    );
    expect(identity.redirects.get('j-kim')).toBe('ann-lee');
    expect(identity.redirects.get('jo-kim')).toBe('ann-lee');
    expect(author(curated, 'ann-lee')?.paperIds).toEqual(['p1', 'p2', 'p4', 'p5', 'p6']);
  });

  it('a paper on which two merged authors both appear lists the person once', () => {
    const both = buildCatalog([paper('q1', ['Ann Lee', 'A. Lee', 'Bob Ray'])]);
    const { catalog: curated } = applyIdentityDecisions(
      both,
      decide({ kind: 'merge', authorIds: ['ann-lee', 'a-lee'], name: null }),
    );
    expect(curated.papers[0]?.authorIds).toEqual(['ann-lee', 'bob-ray']);
  });

  it('split by papers: the original id stays with the part keeping the canonical name', () => {
    const {
      catalog: curated,
      identity,
      problems,
    } = applyIdentityDecisions(
      catalog,
      decide({ kind: 'split', authorId: 'jo-kim', spellings: null, paperIds: ['p5'], name: 'Jo-Ann Kim' }),
    );
    expect(problems).toEqual([]);
    expect(author(curated, 'jo-kim')?.paperIds).toEqual(['p4']);
    expect(author(curated, 'jo-kim')?.name).toBe('Jo Kim');
    expect(author(curated, 'jo-ann-kim')?.paperIds).toEqual(['p5']);
    expect(author(curated, 'jo-ann-kim')?.nameVariants).toEqual([{ name: 'Jo Kim', count: 1, mergedBy: 'name' }]);
    expect(curated.papers.find((p) => p.id === 'p5')?.authorIds).toEqual(['jo-ann-kim', 'cy-dow']);
    expect(identity.results.get(1)).toEqual(['jo-kim', 'jo-ann-kim']);
  });

  it('split by spellings after a merge undoes the conflation; named as the canonical name, the split part keeps the id', () => {
    const merged = decide(
      { kind: 'merge', authorIds: ['ann-lee', 'a-lee'], name: null },
      { kind: 'split', authorId: 'a-lee', spellings: ['A. Lee'], paperIds: null, name: 'Alan Lee' },
    );
    const { catalog: curated } = applyIdentityDecisions(catalog, merged);
    expect(author(curated, 'ann-lee')?.paperIds).toEqual(['p1', 'p2']);
    expect(author(curated, 'alan-lee')?.paperIds).toEqual(['p3']);

    const keep = applyIdentityDecisions(
      catalog,
      decide({ kind: 'split', authorId: 'jo-kim', spellings: null, paperIds: ['p5'], name: 'jo kim' }),
    ).catalog;
    expect(author(keep, 'jo-kim')?.paperIds).toEqual(['p5']);
    expect(author(keep, 'jo-kim')?.name).toBe('jo kim');
    // The rest gets a new id: the slug of its most frequent spelling, made unique.
    expect(author(keep, 'jo-kim-2')?.paperIds).toEqual(['p4']);
  });

  it('split that would move nothing or everything is a problem, and the network is still built', () => {
    const { catalog: curated, problems } = applyIdentityDecisions(
      catalog,
      decide(
        { kind: 'split', authorId: 'jo-kim', spellings: ['Nobody'], paperIds: null, name: 'X' },
        { kind: 'split', authorId: 'jo-kim', spellings: ['Jo Kim'], paperIds: null, name: 'X' },
        { kind: 'rename', authorId: 'gone', name: 'X' },
      ),
    );
    expect(problems.map((p) => p.decisionId)).toEqual([1, 2, 3]);
    expect(problems[1]?.message).toMatch(/every paper/u);
    expect(curated.authors.map((a) => a.id)).toEqual(catalog.authors.map((a) => a.id));
  });

  it('rename keeps the id', () => {
    const { catalog: curated } = applyIdentityDecisions(
      catalog,
      decide({ kind: 'rename', authorId: 'bob-ray', name: ' Robert  Ray ' }),
    );
    expect(author(curated, 'bob-ray')?.name).toBe('Robert Ray');
  });

  it('accept merges; reject records the pair under the current ids', () => {
    const { catalog: curated, identity } = applyIdentityDecisions(
      catalog,
      decide(
        { kind: 'accept', authorIds: ['jo-kim', 'j-kim'] },
        { kind: 'reject', authorIds: ['ann-lee', 'a-lee'] },
        { kind: 'merge', authorIds: ['bob-ray', 'ann-lee'], name: null },
      ),
    );
    expect(author(curated, 'j-kim')).toBeUndefined();
    expect([...identity.rejectedPairs]).toEqual([pairKey('bob-ray', 'a-lee')]);
  });

  it('revert undoes a decision; a revert reverted restores it', () => {
    const decisions = decide(
      { kind: 'merge', authorIds: ['ann-lee', 'a-lee'], name: null },
      { kind: 'revert', decisionId: 1 },
    );
    expect(applyIdentityDecisions(catalog, decisions).catalog).toBe(catalog);
    const again = [...decisions, { id: 3, action: { kind: 'revert', decisionId: 2 } } satisfies IdentityDecision];
    expect(effectiveDecisions(again).map((d) => d.id)).toEqual([1]);
    expect(author(applyIdentityDecisions(catalog, again).catalog, 'a-lee')).toBeUndefined();
  });

  it('the same decisions give the same catalog, whatever order they are listed in', () => {
    const decisions = decide(
      { kind: 'merge', authorIds: ['ann-lee', 'a-lee'], name: null },
      { kind: 'split', authorId: 'jo-kim', spellings: null, paperIds: ['p5'], name: 'Jo-Ann Kim' },
    );
    const one = applyIdentityDecisions(catalog, decisions).catalog;
    const two = applyIdentityDecisions(catalog, [...decisions].reverse()).catalog;
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('decisions read from storage are checked', () => {
    expect(parseDecisionAction({ kind: 'rename', authorId: 'a', name: 'B' })).toEqual({
      kind: 'rename',
      authorId: 'a',
      name: 'B',
    });
    expect(() => parseDecisionAction({ kind: 'merge', authorIds: 'a' })).toThrow(/authorIds/u);
    expect(() => parseDecisionAction({ kind: 'explode' })).toThrow(/unknown decision kind/u);
  });
});
