/** The Pothos schema builder: configuration only; the types live one per file beside it. */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { Curator } from '../curation/curator.ts';
import type { Role } from '../curation/tokens.ts';
import type { LargeStrings } from '../work/encoded-json-string.ts';
import type { RequestWork } from '../work/request-work.ts';
import { DEFAULT_LIST_MULTIPLIER } from './complexity.ts';

export interface Context {
  /** The network being served, with its precomputed metrics. */
  readonly data: AnalyzedNetwork;
  /** Where heavy work (layouts, exports, duplicate candidates) runs: worker threads in the server. */
  readonly work: RequestWork;
  /** Fires when the request's time budget runs out or its client goes away: stop working for it. */
  readonly signal: AbortSignal;
  /** Whole-network exports of larger networks are refused (they are files to make with the export command). */
  readonly maxExportAuthors: number;
  /** Stands in for strings a worker already encoded for the response. */
  readonly largeStrings: LargeStrings;
  /** Curation (mutations and the log); absent when the server does not curate (a snapshot file). */
  readonly curator?: Curator | null;
  /** Who is writing: set by the HTTP layer (curation-auth.ts) for a mutation with a valid bearer token. */
  readonly writer?: { readonly id: string; readonly role: Role } | null;
}

export interface SchemaTypes {
  Context: Context;
  DefaultFieldNullability: false;
}

/**
 * Fields are non-null unless they say otherwise: absence is data only where a field allows it.
 * Each field has a cost (see complexity.ts); the limit on a query's cost is applied by the server.
 */
export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [ComplexityPlugin],
  defaultFieldNullability: false,
  complexity: { defaultComplexity: 1, defaultListMultiplier: DEFAULT_LIST_MULTIPLIER },
});

builder.queryType({
  description:
    'Questions about a scholarly co-authorship network: papers, authors, collaboration paths and centrality.',
});
