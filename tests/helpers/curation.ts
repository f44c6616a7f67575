/** A curated server over a small data set, for the curation tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/app.ts';
import { createApp } from '../../src/app.ts';
import { loadServableData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import type { Curator } from '../../src/curation/curator.ts';
import { type CurationSetup, curatorOver, openCuration } from '../../src/curation/setup.ts';
import type { Database } from '../../src/db/database.ts';

/** Ann Lee and "A. Lee" are one person; "Jo Kim" is two people (p4 with Bob Ray, p5 with Cy Dow). */
export const CURATION_PAPERS = [
  { id: 'p1', title: 'One', authors: ['Ann Lee', 'Bob Ray'], year: 2019 },
  { id: 'p2', title: 'Two', authors: ['Ann Lee', 'Cy Dow'], year: 2020 },
  { id: 'p3', title: 'Three', authors: ['A. Lee', 'Bob Ray'], year: 2021 },
  { id: 'p4', title: 'Four', authors: ['Jo Kim', 'Bob Ray'], year: 2021 },
  { id: 'p5', title: 'Five', authors: ['Jo Kim', 'Cy Dow', 'Di Fox'], year: 2022 },
  { id: 'p6', title: 'Six', authors: ['Di Fox', 'Ed Gu'], year: 2022 },
];

export interface CuratedServer {
  readonly app: App;
  readonly curator: Curator;
  readonly setup: CurationSetup;
  readonly dataFile: string;
  readonly directory: string;
}

export async function curatedServer(
  options: { database?: Database | null; directory?: string; maxMutationsPerMinute?: number } = {},
): Promise<CuratedServer> {
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'coauthor-graph-curation-'));
  const dataFile = join(directory, 'papers.jsonl');
  writeFileSync(dataFile, `${CURATION_PAPERS.map((paper) => JSON.stringify(paper)).join('\n')}\n`);
  const config = {
    ...checkConfig(['--data', dataFile]),
    curationFile: null,
    tokenFile: join(directory, 'tokens.json'),
  };
  const setup = (await openCuration(config, options.database ?? null)) as CurationSetup;
  const served = loadServableData({ ...config, decisions: setup.decisions });
  if ('failure' in served) throw new Error(served.failure);
  const curator = curatorOver(setup, served, config);
  const app = createApp({
    data: served.data,
    logging: false,
    curation: { curator, tokens: setup.tokens, maxMutationsPerMinute: options.maxMutationsPerMinute ?? 60 },
  });
  return { app, curator, setup, dataFile, directory };
}

export async function post(
  app: App,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: any }[] };
}> {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
}
