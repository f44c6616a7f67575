/**
 * A server curating without a database (file mode): the curator over a network loaded from `dataFile`,
 * with the curation file in `directory`, and the network a new server would build from the data file
 * and the curation file as they are now, to compare the served one with.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadServableData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import type { Curator } from '../../src/curation/curator.ts';
import { type CurationSetup, curatorOver, openCuration } from '../../src/curation/setup.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { expectSameColumns } from './network-contents.ts';

export interface FileModeServer {
  readonly curator: Curator;
  /** The network a new server builds from the data file and the curation file as they are now (its passes stopped). */
  built(): Promise<CoauthorNetwork>;
}

export async function fileModeServer(directory: string, dataFile: string): Promise<FileModeServer> {
  const config = {
    ...checkConfig(['--data', dataFile]),
    curationFile: join(directory, 'curation.json'),
    tokenFile: join(directory, 'tokens.json'),
  };
  const setup = (await openCuration(config, null)) as CurationSetup;
  const served = loadServableData({ ...config, decisions: setup.decisions });
  if ('failure' in served) throw new Error(served.failure);
  const curator = curatorOver(setup, served, config);
  const built = async () => {
    const fresh = loadServableData({ ...config, decisions: await setup.store.decisions() });
    if ('failure' in fresh) throw new Error(fresh.failure);
    fresh.data.dispose();
    return fresh.data.network;
  };
  return { curator, built };
}

/** The served network equals, by version and in every column, the one built from the files. */
export async function expectBuilt(server: FileModeServer): Promise<CoauthorNetwork> {
  const network = server.curator.current().network;
  const scratch = await server.built();
  expect(network.version).toBe(scratch.version);
  expectSameColumns(network.columns, scratch.columns);
  return scratch;
}
