/**
 * Turns the records of every input file into one catalog of distinct papers and distinct authors.
 *
 * This is the one place where identity is decided:
 * - Authors with external ids (ORCID, DBLP person id, OpenAlex id): one occurrence's ids are one
 *   person, so ids seen together join (an OpenAlex author with an ORCID is one person with both), and
 *   every spelling carried by an id belongs to that person. Different ids of one registry with the
 *   same name stay different people: ids disambiguate namesakes. Ids of different registries under
 *   one name (a DBLP pid, an OpenAlex id) join (see `resolvePeople`).
 * - Names without ids: spellings with the same `identityKey` (NFC, case, whitespace, accents and the
 *   punctuation of initials folded), after the alias table, are one person. Such a name joins the
 *   person with ids who was seen under it when there is exactly one; when several people with ids
 *   share it, it stays a person of its own and a warning says so.
 * - The display name is the alias file's canonical name, else the most frequent spelling (the first
 *   seen on a tie). The same person twice on one byline counts once. Every author keeps each
 *   spelling with its count and each record it came from (provenance).
 * - Papers: a record with the same explicit id, or the same normalized title and author list, as an
 *   earlier one is the same paper: it is merged (missing fields filled in, every source kept), not
 *   added twice. When a repeated id comes with a different title or byline, the first record is
 *   kept and a warning names both places.
 * - Ids: papers keep their source id, else get a slug of the title; authors get a slug of their name.
 *   Paper and author ids never collide, so one `node(id)` lookup is unambiguous.
 */
import { type AliasTable, noAliases } from './aliases.ts';
import { assignIds } from './catalog-ids.ts';
import { materialize } from './catalog-materialize.ts';
import { resolveAndMerge } from './catalog-merge.ts';
import type { ExternalId, Problem, PaperRecord, SourceLocation } from './records.ts';

export interface CatalogPaper {
  readonly id: string;
  readonly title: string;
  abstract: string | null;
  year: number | null;
  venue: string | null;
  url: string | null;
  doi: string | null;
  /** Author ids in byline order, each once. */
  readonly authorIds: readonly string[];
  /** True when a source says the byline is cut short (`and others`, a truncated list). */
  readonly authorListIncomplete: boolean;
  /** The first record that gave this paper. */
  readonly source: SourceLocation;
  /** Every record merged into this paper, in input order. */
  readonly sources: SourceLocation[];
  /** Other source ids of the records merged into this paper; they find it too. */
  readonly alternateIds: readonly string[];
}

/** How a spelling came to belong to an author. */
export type MergeReason = 'name' | 'alias' | 'external-id';

export interface NameVariant {
  readonly name: string;
  /** How many bylines used this spelling for this author. */
  readonly count: number;
  /** `name`: same name up to case, accents, spacing and initials' punctuation as the display name;
   * `alias`: the alias file maps it; `external-id`: an external id carried it. */
  readonly mergedBy: MergeReason;
}

/** One byline position this author was read from. */
export interface AuthorOccurrence {
  readonly spelling: string;
  readonly source: SourceLocation;
}

export interface CatalogAuthor {
  readonly id: string;
  readonly name: string;
  /** Every spelling seen in the sources, in order of first appearance, with how often it was seen. */
  readonly nameVariants: readonly NameVariant[];
  /** Paper ids in input order. */
  readonly paperIds: readonly string[];
  /** ORCID, DBLP and OpenAlex ids seen for this person, in order of first appearance. */
  readonly externalIds: readonly ExternalId[];
  /** Every record (file and line) this author was read from, with the spelling used there. */
  readonly occurrences: readonly AuthorOccurrence[];
}

export interface Catalog {
  readonly papers: readonly CatalogPaper[];
  readonly authors: readonly CatalogAuthor[];
  /** How many records were merged into an earlier record of the same paper. */
  readonly duplicatesMerged: number;
  readonly problems: readonly Problem[];
}

/**
 * The catalog in three passes, each a module of its own: resolve who is who and merge repeated records
 * (src/ingest/catalog-merge.ts), assign ids (src/ingest/catalog-ids.ts), then materialize the papers
 * and authors (src/ingest/catalog-materialize.ts).
 */
export function buildCatalog(records: readonly PaperRecord[], aliases: AliasTable = noAliases): Catalog {
  const merged = resolveAndMerge(records, aliases);
  return materialize(merged, assignIds(merged), aliases);
}
