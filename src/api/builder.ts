/** The Pothos schema builder: configuration only; the types live one per file beside it. */
import SchemaBuilder from '@pothos/core';
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';

export interface Context {
  /** The network being served, with its precomputed metrics. */
  readonly data: AnalyzedNetwork;
}

export interface SchemaTypes {
  Context: Context;
  DefaultFieldNullability: false;
}

/** Fields are non-null unless they say otherwise: absence is data only where a field allows it. */
export const builder = new SchemaBuilder<SchemaTypes>({ defaultFieldNullability: false });

builder.queryType({
  description: 'Questions about a scholarly co-authorship network: papers, authors, collaboration paths and centrality.',
});
