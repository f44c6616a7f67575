import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { bundledApp, failure, query } from '../helpers/app.ts';
import { SEED_DATA_FILE } from '../helpers/networks.ts';

const withoutAliases = createApp({
  data: analyzeNetwork(buildNetwork(loadFiles({ files: [SEED_DATA_FILE] }).catalog)),
  logging: false,
});

const CANDIDATES = `{
  duplicateAuthorCandidates(first: 5) { nodes {
    authors { id name }
    score nameScore nameEvidence
    sharedCoauthors { name }
    sharedVenues overlappingYears { from to } jointPaperCount
    suggestedAlias { variant canonical }
  } }
}`;

describe('duplicateAuthorCandidates', () => {
  it("puts the seed's two spellings of Jonathan Lorraine first when no alias file merges them, with the evidence", async () => {
    const {
      duplicateAuthorCandidates: {
        nodes: [top],
      },
    } = await query(withoutAliases, CANDIDATES);
    expect(top).toEqual({
      authors: [
        { id: 'jonathan-lorraine', name: 'Jonathan Lorraine' },
        { id: 'jon-lorraine', name: 'Jon Lorraine' },
      ],
      // name 0.8 (a known short form) × (0.35 + 0.65 × (1 − 0.5³)) for three shared co-authors; no years or venues in the list.
      score: 0.735,
      nameScore: 0.8,
      nameEvidence: ['first names "jonathan" / "jon": a known short form'],
      sharedCoauthors: [{ name: 'David Duvenaud' }, { name: 'Paul Vicol' }, { name: 'Roger Grosse' }],
      sharedVenues: [],
      overlappingYears: null,
      jointPaperCount: 0,
      suggestedAlias: { variant: 'Jon Lorraine', canonical: 'Jonathan Lorraine' },
    });
  });

  it('suggests nothing for the pair once the alias file has merged it', async () => {
    const {
      duplicateAuthorCandidates: { nodes: duplicateAuthorCandidates },
    } = await query(bundledApp(), CANDIDATES);
    expect(
      duplicateAuthorCandidates.flatMap((candidate: { authors: { name: string }[] }) =>
        candidate.authors.map((author) => author.name),
      ),
    ).not.toContain('Jon Lorraine');
  });

  it('rejects a page size above 100', async () => {
    expect(await failure(withoutAliases, '{ duplicateAuthorCandidates(first: 101) { nodes { score } } }')).toEqual([
      { code: 'BAD_USER_INPUT', message: '"first" must be between 0 and 100; got 101.', argument: 'first' },
    ]);
  });
});

describe('Author identity fields', () => {
  it('lists every spelling with its count and why it was merged, and the records the author came from', async () => {
    const { author } = await query(
      bundledApp(),
      `{
      author(id: "jonathan-lorraine") { nameVariantCounts { name count mergedBy } externalIds { scheme } sourceCount sources { file line spelling } }
    }`,
    );
    expect(author).toEqual({
      nameVariantCounts: [
        { name: 'Jonathan Lorraine', count: 1, mergedBy: 'NAME' },
        { name: 'Jon Lorraine', count: 1, mergedBy: 'ALIAS' },
      ],
      externalIds: [],
      sourceCount: 2,
      sources: [
        { file: 'duvenaud-publications.txt', line: 4, spelling: 'Jonathan Lorraine' },
        { file: 'duvenaud-publications.txt', line: 28, spelling: 'Jon Lorraine' },
      ],
    });
  });
});
