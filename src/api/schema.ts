/** The GraphQL schema: imports every type file and builds. Defines nothing itself. */
import './node.ts';
import './author.ts';
import './author-identity.ts';
import './duplicate-candidates.ts';
import './paper.ts';
import './centrality.ts';
import './collaboration-path.ts';
import './collaboration-network.ts';
import './graph-stats.ts';
import './network-export.ts';
import './network-version.ts';
import './curation-log.ts';
import './curation-mutations.ts';
import './timeline.ts';
import './centrality-progress.ts';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';

export const schema = builder.toSchema();

/** The schema without its mutations: what a server that does not curate serves (a mutation is refused before it runs). */
export const queryOnlySchema = new GraphQLSchema({ ...schema.toConfig(), mutation: null });

/** The SDL as checked in at schema/schema.graphql: sorted, so diffs show real changes only. */
export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
