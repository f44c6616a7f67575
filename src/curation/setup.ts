/**
 * Curation for `serve`: where decisions, the log and tokens live (PostgreSQL with `--database`, else
 * the curation file beside the data and the token file), and the curator over the served network.
 */
import { type AnalysisOptions, analyzeNetwork } from '../analysis/analyzed-network.ts';
import { servingPreviousAllPairs } from '../analysis/stale-centrality.ts';
import type { ServableData } from '../commands/load-data.ts';
import type { AnalysisConfig, DataConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { IdentityDecision } from '../ingest/identity-decisions.ts';
import { loadFiles } from '../ingest/load.ts';
import { type Curator, createCurator } from './curator.ts';
import { fileCurationStore } from './file-store.ts';
import type { CurationStore } from './store.ts';
import { type TokenStore, defaultTokenFile, fileTokenStore, postgresTokenStore } from './tokens.ts';

export interface CurationSetup {
  readonly store: CurationStore;
  readonly tokens: TokenStore;
  readonly decisions: IdentityDecision[];
  /** Where curation is kept, for the start-up message. */
  readonly where: string;
}

/** The curation file of a data set: beside its first data file. */
export function defaultCurationFile(config: DataConfig): string | null {
  const first = config.files[0];
  return first === undefined ? null : `${first}.curation.json`;
}

export async function openCuration(
  config: DataConfig & { readonly curationFile?: string | null; readonly tokenFile?: string | null },
  database: Database | null = null,
): Promise<CurationSetup | null> {
  if (config.snapshotFile != null) return null; // a snapshot is served as it was built
  if (database !== null) {
    // The store's modules only with a database: they load the PostgreSQL driver (about 0.1 s of a start).
    const { postgresCurationStore } = await import('./pg-store.ts');
    const store = postgresCurationStore(database);
    return { store, tokens: postgresTokenStore(database), decisions: await store.decisions(), where: 'the database' };
  }
  const file = config.curationFile ?? defaultCurationFile(config);
  if (file === null) return null;
  const store = fileCurationStore(file);
  const tokenFile = config.tokenFile ?? defaultTokenFile();
  return {
    store,
    tokens: fileTokenStore(tokenFile),
    decisions: await store.decisions(),
    where: `${file} (tokens in ${tokenFile})`,
  };
}

export function curatorOver(
  setup: CurationSetup,
  served: ServableData,
  config: DataConfig & Partial<AnalysisConfig> & { readonly analysisMode?: AnalysisOptions['mode'] },
  analysis: Pick<AnalysisOptions, 'onSettled'> = {},
  onSwap?: (milliseconds: number) => void,
): Curator {
  return createCurator({
    store: setup.store,
    initial: served.data,
    initialDecisions: setup.decisions,
    // Kept from the first load; parsed once when the network came from the snapshot cache.
    baseCatalog: () =>
      served.loaded.load?.catalog ??
      loadFiles({ files: config.files, aliasFile: config.aliasFile, format: config.inputFormat }).catalog,
    maxAuthorsPerPaper: config.maxAuthorsPerPaper,
    // The previous version's all-pairs values serve, marked stale, until the new pass is in.
    analyze: (network, previous, local) =>
      servingPreviousAllPairs(
        analyzeNetwork(network, {
          ...analysis,
          ...local,
          ...(config.threads == null ? {} : { threads: config.threads }),
          ...(config.exactThreads == null ? {} : { exactThreads: config.exactThreads }),
          ...(config.sampleSize == null ? {} : { sampleSize: config.sampleSize }),
          ...(config.firstSampleSize == null ? {} : { firstSampleSize: config.firstSampleSize }),
          ...(config.analysisMode === undefined ? {} : { mode: config.analysisMode }),
          ...(config.exactWindows === undefined ? {} : { exactWindows: config.exactWindows }),
        }),
        previous,
      ),
    ...(onSwap === undefined ? {} : { onSwap: (_next, milliseconds) => onSwap(milliseconds) }),
  });
}
