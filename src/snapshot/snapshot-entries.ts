/**
 * Which table of a snapshot holds which columns, and which tables `serve` reads at start: no Arrow
 * code, so a request worker, which is given columns the main thread has read, loads none
 * (snapshot-tables.ts reads and writes the tables).
 */
import type { NetworkColumns } from '../graph/network-columns.ts';

/** The columns each table gives, in the order the file holds them. */
export const ENTRY_COLUMNS = {
  'authors.arrow': ['authorId', 'authorName', 'authorPaperOffsets', 'authorPapers', 'offsets', 'neighbors'],
  'ties.arrow': ['weights'],
  'papers.arrow': ['paperId', 'year', 'incomplete', 'bylineOffsets', 'byline'],
  'author-orders.arrow': ['authorIdIndex', 'authorsByName', 'authorsByPaperCount', 'authorsByCoauthorCount'],
  'paper-orders.arrow': ['paperIdIndex', 'papersByRecency'],
  'author-names.arrow': [
    'spellingOffsets',
    'spelling',
    'spellingCount',
    'spellingReason',
    'externalIdOffsets',
    'externalId',
  ],
  'author-provenance.arrow': ['occurrenceOffsets', 'occurrenceSpelling', 'occurrenceFile', 'occurrenceLine'],
  'tie-papers.arrow': ['tiePaperOffsets', 'tiePapers'],
  'paper-text.arrow': ['title', 'abstract', 'venue', 'url', 'doi'],
  'paper-sources.arrow': ['alternateIdOffsets', 'alternateId', 'sourceOffsets', 'sourceFile', 'sourceLine'],
  'files.arrow': ['files'],
  'alternate-id-order.arrow': ['alternateIdIndex'],
  'name-keys.arrow': ['nameKey', 'nameKeyAuthorOffsets', 'nameKeyAuthors'],
  'author-search.arrow': ['authorSearch'],
  'paper-search.arrow': ['paperSearch'],
} as const satisfies Record<string, readonly (keyof NetworkColumns)[]>;

export type NetworkEntry = keyof typeof ENTRY_COLUMNS;
/** A column of the network held in a table (all but the author limit's two numbers, which the manifest holds). */
export type TableColumn = (typeof ENTRY_COLUMNS)[NetworkEntry][number];
export type EntryColumns = Partial<Pick<NetworkColumns, TableColumn>>;

/** Read at start: what answering `/ready` and the first rankings needs. */
export const EAGER_ENTRIES = [
  'authors.arrow',
  'ties.arrow',
  'papers.arrow',
  'author-orders.arrow',
  'paper-orders.arrow',
] as const satisfies readonly NetworkEntry[];

/** Read when first used. */
export const LAZY_ENTRIES = [
  'author-names.arrow',
  'author-provenance.arrow',
  'tie-papers.arrow',
  'paper-text.arrow',
  'paper-sources.arrow',
  'files.arrow',
  'alternate-id-order.arrow',
  'name-keys.arrow',
  'author-search.arrow',
  'paper-search.arrow',
] as const satisfies readonly NetworkEntry[];

export type LazyEntry = (typeof LAZY_ENTRIES)[number];

/** The table holding each column. */
export const ENTRY_OF_COLUMN = Object.fromEntries(
  Object.entries(ENTRY_COLUMNS).flatMap(([entry, keys]) => keys.map((key) => [key, entry])),
) as Record<TableColumn, NetworkEntry>;
