import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { query } from '../helpers/app.ts';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const appFor = (...files: string[]) =>
  createApp({
    data: analyzeNetwork(buildNetwork(loadFiles({ files: files.map(fixture) }).catalog)),
    logging: false,
    graphiql: false,
  });

describe('identity in the schema', () => {
  it('exposes a byline cut short by "and others" and the DOI', async () => {
    const { papers } = await query(
      appFor('formats/pitfalls.bib'),
      '{ papers(first: 10) { nodes { title doi authorListIncomplete authorCount } } }',
    );
    expect(papers.nodes).toEqual([
      { title: 'Still Read After the Broken Ones', doi: null, authorListIncomplete: false, authorCount: 2 },
      { title: 'Name Orders, von Parts and Corporate Authors', doi: null, authorListIncomplete: true, authorCount: 4 },
      { title: 'Four Spellings of Öne Name', doi: '10.5555/accents.1', authorListIncomplete: false, authorCount: 1 },
    ]);
  });

  it('lists external ids with links, and every spelling an id brought in', async () => {
    const { author } = await query(
      appFor('three-papers/dblp-person.xml', 'three-papers/openalex.json'),
      `{
      author(id: "ricky-t-q-chen") { nameVariantCounts { name count mergedBy } externalIds { scheme value url } sourceCount }
    }`,
    );
    expect(author).toEqual({
      nameVariantCounts: [
        { name: 'Ricky T. Q. Chen', count: 3, mergedBy: 'NAME' },
        { name: 'Tian Qi Chen', count: 1, mergedBy: 'EXTERNAL_ID' },
      ],
      externalIds: [
        { scheme: 'DBLP', value: '126/4542', url: 'https://dblp.org/pid/126/4542' },
        { scheme: 'OPENALEX', value: 'A5000000001', url: 'https://openalex.org/A5000000001' },
      ],
      sourceCount: 4,
    });
    const { author: page } = await query(
      appFor('three-papers/dblp-person.xml'),
      '{ author(id: "ricky-t-q-chen") { sources(first: 1, offset: 1) { line spelling } } }',
    );
    expect(page.sources).toEqual([{ line: 33, spelling: 'Tian Qi Chen' }]);
  });
});
