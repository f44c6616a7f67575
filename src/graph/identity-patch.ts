/**
 * One identity decision applied to a network's columns without building the network again: what a
 * replica does when a curator merges, splits or renames an author (a full build of the ACL
 * Anthology takes tens of seconds; this takes a fraction of one).
 *
 * Two steps:
 * 1. `decisionPatch`: the decision applied, by the one implementation of its meaning
 *    (ingest/identity-decisions.ts), to the part of the network it touches: the authors it names
 *    and their papers, decoded from the columns. What changed is an `AuthorPatch` (authors removed,
 *    replaced in place, inserted after another; papers whose byline changed), and so is its inverse,
 *    which undoes it (a revert of the newest decision in effect).
 * 2. `patchColumns`: the columns of the network with the patch applied. Every column of a row that
 *    did not change is copied (author rows renumbered); what depends on a changed author (its own
 *    lists, the ties of everyone on a changed byline, the id and name indexes, the listing orders,
 *    the name search index) is recomputed for those rows only.
 *
 * The result equals, column for column, the columns built from scratch from the catalog with every
 * decision applied (tests/graph/identity-patch.test.ts), because a decision's effect on the authors'
 * order follows from the order before it (a merge removes the others, a split inserts the new
 * author right after the one it was split from).
 */
import type { Catalog, CatalogAuthor, CatalogPaper } from '../ingest/catalog.ts';
import {
  type DecisionAction,
  type IdentityDecision,
  applyIdentityDecisions,
  authorsTouched,
  effectiveDecisions,
  identityFromDecisions,
} from '../ingest/identity-decisions.ts';
import { searchKey } from '../ingest/names.ts';
import { type Utf8Column, findUtf8, sharedArray, toShared, utf8At, utf8Length } from './columns.ts';
import { type NetworkColumns, compareIds, mergeReasons } from './network-columns.ts';
import { type CoauthorNetwork, networkOf } from './network.ts';
import { type PostingArrays, PostingWriter, type SearchIndex, asUnsigned, postingList } from './search-index.ts';

export interface AuthorPatch {
  /** Ids of authors whose rows go. */
  readonly removed: readonly string[];
  /** Authors that keep their id and row, with their new data. */
  readonly replaced: readonly CatalogAuthor[];
  /** New rows, each right after the author `after` (null: first), in this order. */
  readonly inserted: readonly { readonly after: string | null; readonly author: CatalogAuthor }[];
  /** Paper row → its new byline (author ids). */
  readonly bylines: ReadonlyMap<number, readonly string[]>;
}

export interface DecisionPatch {
  readonly patch: AuthorPatch;
  /** The inverse: applied to the patched network, gives back the network the patch was made on. */
  readonly undo: AuthorPatch;
}

/** What one decision does to a network: its patch, or why it does not apply, and the authors it results in. */
export interface DecisionOutcome {
  /** Null when it changes no column (a rejected pair, a revert, or a problem). */
  readonly patch: DecisionPatch | null;
  /** Why it does not apply (no such author, a split that moves no paper or every paper, ...), else null. */
  readonly problem: string | null;
  /** The author ids it resulted in (a split: both parts, the original first); null for a revert, a rejected pair or a problem. */
  readonly authorIds: readonly string[] | null;
}

/**
 * The patch decision `decision` makes to `network`, whose merged-away ids are `redirects`; null when
 * it changes no column (a rejected pair, or a decision that does not apply: no such author, ...).
 */
export function decisionPatch(
  network: CoauthorNetwork,
  decision: IdentityDecision,
  redirects: ReadonlyMap<string, string>,
): DecisionPatch | null {
  return decisionOutcome(network, decision, redirects).patch;
}

/**
 * `decisionPatch` with whether the decision applies and what it results in: the decision applied to
 * the part of the network it touches gives the problems and results it gives applied to the whole
 * catalog (the part holds every author it names and all their papers), without the catalog.
 */
export function decisionOutcome(
  network: CoauthorNetwork,
  decision: IdentityDecision,
  redirects: ReadonlyMap<string, string>,
): DecisionOutcome {
  const resolve = (id: string) => redirects.get(id) ?? id;
  const action = resolvedAction(decision.action, resolve);
  if (action.kind === 'revert') return { patch: null, problem: null, authorIds: null };
  const rows = [...new Set(authorsTouched(action).flatMap((id) => network.authorIndex.get(id) ?? []))].sort(
    (a, b) => a - b,
  );
  const before: CatalogAuthor[] = rows.map((row) => plainAuthor(network.authorAt(row)));
  const paperRows = [
    ...new Set(
      rows.flatMap((row) =>
        Array.from(
          network.columns.authorPapers.subarray(
            network.columns.authorPaperOffsets[row] as number,
            network.columns.authorPaperOffsets[row + 1] as number,
          ),
        ),
      ),
    ),
  ].sort((a, b) => a - b);
  const papers: CatalogPaper[] = paperRows.map((row) => network.paperAt(row));
  const part: Catalog = { papers, authors: before, duplicatesMerged: 0, problems: [] };
  const isTaken = (id: string) =>
    network.authorIndex.has(id) || network.paperIndex.has(id) || network.paperIdAliases.has(id) || redirects.has(id);
  const curated = applyIdentityDecisions(part, [{ id: decision.id, action }], { isTaken });
  const problem = curated.problems[0];
  if (problem !== undefined) return { patch: null, problem: problem.message, authorIds: null };
  const authorIds = curated.identity.results.get(decision.id) ?? null;
  if (action.kind === 'reject' || rows.length === 0) return { patch: null, problem: null, authorIds };

  const beforeIds = new Set(before.map((author) => author.id));
  const after = curated.catalog.authors;
  const afterIds = new Set(after.map((author) => author.id));
  const bylines = new Map<number, readonly string[]>();
  const oldBylines = new Map<number, readonly string[]>();
  curated.catalog.papers.forEach((paper, k) => {
    const original = papers[k] as CatalogPaper;
    if (paper !== original) {
      bylines.set(paperRows[k] as number, paper.authorIds);
      oldBylines.set(paperRows[k] as number, original.authorIds);
    }
  });
  const inserted = after.flatMap((author, k) =>
    beforeIds.has(author.id) ? [] : [{ after: k === 0 ? null : (after[k - 1] as CatalogAuthor).id, author }],
  );
  const removed = before.filter((author) => !afterIds.has(author.id));
  const removedIds = new Set(removed.map((author) => author.id));
  const patch: AuthorPatch = {
    removed: [...removedIds],
    replaced: after.filter((author) => beforeIds.has(author.id)),
    inserted,
    bylines,
  };
  const undo: AuthorPatch = {
    removed: inserted.map(({ author }) => author.id),
    replaced: before.filter((author) => afterIds.has(author.id)),
    // Back where they were: after the author that preceded them (itself put back first when removed too).
    inserted: removed.map((author) => {
      const row = network.authorIndex.get(author.id) as number;
      return { after: row === 0 ? null : network.authorIdAt(row - 1), author };
    }),
    bylines: oldBylines,
  };
  return { patch: { patch, undo }, problem: null, authorIds };
}

function resolvedAction(action: DecisionAction, resolve: (id: string) => string): DecisionAction {
  switch (action.kind) {
    case 'merge':
    case 'accept':
    case 'reject':
      return { ...action, authorIds: action.authorIds.map(resolve) };
    case 'split':
    case 'rename':
      return { ...action, authorId: resolve(action.authorId) };
    case 'revert':
      return action;
  }
}

/** An author decoded from the columns as plain data (its occurrences read now, not on first use). */
function plainAuthor(author: CatalogAuthor): CatalogAuthor {
  return {
    id: author.id,
    name: author.name,
    nameVariants: author.nameVariants,
    paperIds: author.paperIds,
    externalIds: author.externalIds,
    occurrences: author.occurrences,
  };
}

export interface PatchedColumns {
  readonly columns: NetworkColumns;
  /** Old author row → new row (−1: removed). */
  readonly oldToNew: Int32Array;
  /** New rows of the authors inserted or replaced. */
  readonly changedRows: readonly number[];
  /** New rows whose ties were recomputed (every author on a changed byline, and the changed authors). */
  readonly tieRows: readonly number[];
}

/** Appends pieces of UTF-8 columns and new strings into one new column (runs of copied rows are copied at once). */
class Utf8Builder {
  private readonly pieces: ({ column: Utf8Column; start: number; end: number } | string)[] = [];
  private count = 0;

  copy(column: Utf8Column, start: number, end: number): void {
    if (column.validity !== null) throw new Error('identity patch: author strings are never missing');
    if (end <= start) return;
    const last = this.pieces.at(-1);
    if (last !== undefined && typeof last !== 'string' && last.column === column && last.end === start) last.end = end;
    else this.pieces.push({ column, start, end });
    this.count += end - start;
  }

  push(value: string): void {
    this.pieces.push(value);
    this.count += 1;
  }

  build(): Utf8Column {
    let total = 0;
    for (const piece of this.pieces)
      total +=
        typeof piece === 'string'
          ? Buffer.byteLength(piece, 'utf8')
          : (piece.column.offsets[piece.end] as number) - (piece.column.offsets[piece.start] as number);
    const offsets = sharedArray(Int32Array, this.count + 1);
    const bytes = sharedArray(Uint8Array, total);
    const target = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    let row = 0;
    for (const piece of this.pieces) {
      if (typeof piece === 'string') {
        at += target.write(piece, at, 'utf8');
        row += 1;
        offsets[row] = at;
      } else {
        const { column, start, end } = piece;
        const from = column.offsets[start] as number;
        bytes.set(column.bytes.subarray(from, column.offsets[end] as number), at);
        for (let k = start; k < end; k += 1) {
          row += 1;
          offsets[row] = at + (column.offsets[k + 1] as number) - from;
        }
        at += (column.offsets[end] as number) - from;
      }
    }
    return { offsets, bytes, validity: null };
  }
}

/** Appends ranges of typed arrays and new values into one new shared array (runs of copied ranges at once). */
class ArrayBuilder<T extends Int32Array | Int8Array | Float64Array> {
  private readonly pieces: ({ values: T; start: number; end: number } | number[])[] = [];
  private length = 0;

  constructor(private readonly Kind: { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }) {}

  copy(values: T, start: number, end: number): void {
    if (end <= start) return;
    const last = this.pieces.at(-1);
    if (last !== undefined && !Array.isArray(last) && last.values === values && last.end === start) last.end = end;
    else this.pieces.push({ values, start, end });
    this.length += end - start;
  }

  push(value: number): void {
    const last = this.pieces.at(-1);
    if (Array.isArray(last)) last.push(value);
    else this.pieces.push([value]);
    this.length += 1;
  }

  build(): T {
    const array = sharedArray(this.Kind, this.length);
    let at = 0;
    for (const piece of this.pieces) {
      if (Array.isArray(piece)) {
        array.set(piece, at);
        at += piece.length;
      } else {
        array.set(piece.values.subarray(piece.start, piece.end) as ArrayLike<number> & T, at);
        at += piece.end - piece.start;
      }
    }
    return array;
  }
}

/** The offsets (length rows + 1) of lists of the given lengths. */
function offsetsOf(lengths: ArrayLike<number>): Int32Array {
  const offsets = sharedArray(Int32Array, lengths.length + 1);
  for (let i = 0; i < lengths.length; i += 1) offsets[i + 1] = (offsets[i] as number) + (lengths[i] as number);
  return offsets;
}

function authorKeys(name: string, spellings: readonly string[]): Set<string> {
  return new Set([name, ...spellings].map(searchKey));
}

/** The columns of `old`'s network with `patch` applied (see the header). */
export function patchColumns(old: NetworkColumns, patch: AuthorPatch): PatchedColumns {
  const oldCount = utf8Length(old.authorId);
  const paperCount = utf8Length(old.paperId);
  const oldRowOf = (id: string) => {
    const row = findUtf8(old.authorId, old.authorIdIndex, id);
    if (row < 0) throw new Error(`identity patch: no author ${JSON.stringify(id)}`);
    return row;
  };
  const paperRowOf = (id: string) => {
    const row = findUtf8(old.paperId, old.paperIdIndex, id);
    if (row < 0) throw new Error(`identity patch: no paper ${JSON.stringify(id)}`);
    return row;
  };

  // 1. The new rows: old rows kept (some with new data), new authors after their anchors.
  const removedRows = new Set(patch.removed.map(oldRowOf));
  const replacedAt = new Map<number, CatalogAuthor>();
  for (const author of patch.replaced) replacedAt.set(oldRowOf(author.id), author);
  const afterOldRow = new Map<number, CatalogAuthor[]>();
  const afterNew = new Map<string | null, CatalogAuthor[]>();
  const insertedIds = new Set(patch.inserted.map(({ author }) => author.id));
  for (const { after, author } of patch.inserted) {
    const list = (anchor: CatalogAuthor[] | undefined, set: (list: CatalogAuthor[]) => void) => {
      if (anchor) anchor.push(author);
      else set([author]);
    };
    if (after === null || insertedIds.has(after)) list(afterNew.get(after), (created) => afterNew.set(after, created));
    else {
      const row = oldRowOf(after);
      list(afterOldRow.get(row), (created) => afterOldRow.set(row, created));
    }
  }
  const sourceRow: number[] = []; // old row, or −1 for an inserted author
  const newData: (CatalogAuthor | null)[] = [];
  const emit = (authors: readonly CatalogAuthor[] | undefined) => {
    for (const author of authors ?? []) {
      sourceRow.push(-1);
      newData.push(author);
      emit(afterNew.get(author.id));
    }
  };
  emit(afterNew.get(null));
  for (let row = 0; row < oldCount; row += 1) {
    if (!removedRows.has(row)) {
      sourceRow.push(row);
      newData.push(replacedAt.get(row) ?? null);
    }
    emit(afterOldRow.get(row));
  }
  const count = sourceRow.length;
  const oldToNew = new Int32Array(oldCount).fill(-1);
  const changedRows: number[] = [];
  const newRowOfId = new Map<string, number>();
  for (let row = 0; row < count; row += 1) {
    const from = sourceRow[row] as number;
    if (from >= 0) oldToNew[from] = row;
    const data = newData[row];
    if (data != null) {
      changedRows.push(row);
      newRowOfId.set(data.id, row);
    }
  }
  const changed = new Set(changedRows);
  const rowOfId = (id: string) => newRowOfId.get(id) ?? (oldToNew[oldRowOf(id)] as number);

  // 2. The authors' own columns.
  const files: string[] = Array.from({ length: utf8Length(old.files) }, (_, i) => utf8At(old.files, i));
  const fileRow = new Map(files.map((file, i) => [file, i]));
  const fileOf = (file: string) => {
    let row = fileRow.get(file);
    if (row === undefined) {
      row = files.length;
      files.push(file);
      fileRow.set(file, row);
    }
    return row;
  };
  const authorId = new Utf8Builder();
  const authorName = new Utf8Builder();
  const spelling = new Utf8Builder();
  const externalId = new Utf8Builder();
  const authorPapers = new ArrayBuilder<Int32Array>(Int32Array);
  const spellingCount = new ArrayBuilder<Int32Array>(Int32Array);
  const spellingReason = new ArrayBuilder<Int8Array>(Int8Array);
  const occurrenceSpelling = new ArrayBuilder<Int32Array>(Int32Array);
  const occurrenceFile = new ArrayBuilder<Int32Array>(Int32Array);
  const occurrenceLine = new ArrayBuilder<Int32Array>(Int32Array);
  const paperLengths = new Int32Array(count);
  const spellingLengths = new Int32Array(count);
  const externalLengths = new Int32Array(count);
  const occurrenceLengths = new Int32Array(count);
  const range = (offsets: Int32Array, row: number): [number, number] => [
    offsets[row] as number,
    offsets[row + 1] as number,
  ];
  const lengths = (offsets: Int32Array, into: Int32Array, row: number, from: number, to: number) => {
    for (let k = from; k < to; k += 1) into[row + k - from] = (offsets[k + 1] as number) - (offsets[k] as number);
  };
  for (let row = 0; row < count;) {
    const data = newData[row];
    if (data == null) {
      // A run of unchanged rows whose old rows follow each other: copied at once.
      const from = sourceRow[row] as number;
      let end = row + 1;
      while (end < count && newData[end] == null && sourceRow[end] === from + end - row) end += 1;
      const to = from + end - row;
      authorId.copy(old.authorId, from, to);
      authorName.copy(old.authorName, from, to);
      authorPapers.copy(old.authorPapers, old.authorPaperOffsets[from] as number, old.authorPaperOffsets[to] as number);
      lengths(old.authorPaperOffsets, paperLengths, row, from, to);
      const s0 = old.spellingOffsets[from] as number;
      const s1 = old.spellingOffsets[to] as number;
      spelling.copy(old.spelling, s0, s1);
      spellingCount.copy(old.spellingCount, s0, s1);
      spellingReason.copy(old.spellingReason, s0, s1);
      lengths(old.spellingOffsets, spellingLengths, row, from, to);
      externalId.copy(old.externalId, old.externalIdOffsets[from] as number, old.externalIdOffsets[to] as number);
      lengths(old.externalIdOffsets, externalLengths, row, from, to);
      const o0 = old.occurrenceOffsets[from] as number;
      const o1 = old.occurrenceOffsets[to] as number;
      occurrenceSpelling.copy(old.occurrenceSpelling, o0, o1);
      occurrenceFile.copy(old.occurrenceFile, o0, o1);
      occurrenceLine.copy(old.occurrenceLine, o0, o1);
      lengths(old.occurrenceOffsets, occurrenceLengths, row, from, to);
      row = end;
      continue;
    }
    authorId.push(data.id);
    authorName.push(data.name);
    for (const id of data.paperIds) authorPapers.push(paperRowOf(id));
    paperLengths[row] = data.paperIds.length;
    for (const variant of data.nameVariants) {
      spelling.push(variant.name);
      spellingCount.push(variant.count);
      spellingReason.push(mergeReasons.indexOf(variant.mergedBy));
    }
    spellingLengths[row] = data.nameVariants.length;
    for (const id of data.externalIds) externalId.push(`${id.scheme}:${id.value}`);
    externalLengths[row] = data.externalIds.length;
    const spellingIndex = new Map(data.nameVariants.map((variant, k) => [variant.name, k]));
    for (const occurrence of data.occurrences) {
      occurrenceSpelling.push(spellingIndex.get(occurrence.spelling) ?? -1);
      occurrenceFile.push(fileOf(occurrence.source.file));
      occurrenceLine.push(occurrence.source.line);
    }
    occurrenceLengths[row] = data.occurrences.length;
    row += 1;
  }
  const newAuthorId = authorId.build();
  const newAuthorName = authorName.build();
  const authorPaperOffsets = offsetsOf(paperLengths);
  const newAuthorPapers = authorPapers.build();
  let newOccurrenceFile = occurrenceFile.build();

  // 3. Bylines: changed ones from the patch, the others renumbered.
  const bylineLengths = new Int32Array(paperCount);
  for (let paper = 0; paper < paperCount; paper += 1)
    bylineLengths[paper] =
      patch.bylines.get(paper)?.length ??
      (old.bylineOffsets[paper + 1] as number) - (old.bylineOffsets[paper] as number);
  const bylineOffsets = offsetsOf(bylineLengths);
  const byline = sharedArray(Int32Array, bylineOffsets[paperCount] as number);
  const tieRowSet = new Set<number>(changedRows);
  for (let paper = 0; paper < paperCount; paper += 1) {
    let at = bylineOffsets[paper] as number;
    const given = patch.bylines.get(paper);
    if (given !== undefined) {
      for (let k = old.bylineOffsets[paper] as number; k < (old.bylineOffsets[paper + 1] as number); k += 1) {
        const row = oldToNew[old.byline[k] as number] as number;
        if (row >= 0) tieRowSet.add(row);
      }
      for (const id of given) {
        const row = rowOfId(id);
        byline[at++] = row;
        tieRowSet.add(row);
      }
    } else {
      for (let k = old.bylineOffsets[paper] as number; k < (old.bylineOffsets[paper + 1] as number); k += 1)
        byline[at++] = oldToNew[old.byline[k] as number] as number;
    }
  }
  const limit = old.maxAuthorsPerPaper ?? Number.POSITIVE_INFINITY;
  let papersOverAuthorLimit = 0;
  if (old.maxAuthorsPerPaper !== null)
    for (let paper = 0; paper < paperCount; paper += 1)
      if ((bylineLengths[paper] as number) > limit) papersOverAuthorLimit += 1;

  // 4. Ties: recomputed for the rows on changed bylines (as compact-graph.ts builds them: co-authors in
  // order of their first joint paper, then of byline position), copied and renumbered for the others.
  const tieRows = [...tieRowSet].sort((a, b) => a - b);
  const recomputed = new Map<number, { neighbors: number[]; papers: number[][] }>();
  for (const row of tieRows) {
    const slot = new Map<number, number>();
    const neighbors: number[] = [];
    const papers: number[][] = [];
    for (let k = authorPaperOffsets[row] as number; k < (authorPaperOffsets[row + 1] as number); k += 1) {
      const paper = newAuthorPapers[k] as number;
      const start = bylineOffsets[paper] as number;
      const end = bylineOffsets[paper + 1] as number;
      if (end - start < 2 || end - start > limit) continue;
      for (let b = start; b < end; b += 1) {
        const other = byline[b] as number;
        if (other === row) continue;
        let at = slot.get(other);
        if (at === undefined) {
          at = neighbors.length;
          slot.set(other, at);
          neighbors.push(other);
          papers.push([]);
        }
        (papers[at] as number[]).push(paper);
      }
    }
    recomputed.set(row, { neighbors, papers });
  }
  const degrees = new Int32Array(count);
  let tiePaperTotal = 0;
  for (let row = 0; row < count; row += 1) {
    const mine = recomputed.get(row);
    if (mine !== undefined) {
      degrees[row] = mine.neighbors.length;
      for (const list of mine.papers) tiePaperTotal += list.length;
    } else {
      const from = sourceRow[row] as number;
      const j0 = old.offsets[from] as number;
      const j1 = old.offsets[from + 1] as number;
      degrees[row] = j1 - j0;
      tiePaperTotal += (old.tiePaperOffsets[j1] as number) - (old.tiePaperOffsets[j0] as number);
    }
  }
  const offsets = offsetsOf(degrees);
  const entries = offsets[count] as number;
  const neighbors = sharedArray(Int32Array, entries);
  const weights = sharedArray(Uint32Array, entries);
  const tiePaperOffsets = sharedArray(Int32Array, entries + 1);
  const tiePapers = sharedArray(Int32Array, tiePaperTotal);
  let entry = 0;
  let tiePaperAt = 0;
  for (let row = 0; row < count;) {
    const mine = recomputed.get(row);
    if (mine !== undefined) {
      mine.neighbors.forEach((neighbor, k) => {
        const list = mine.papers[k] as number[];
        neighbors[entry] = neighbor;
        weights[entry] = list.length;
        tiePapers.set(list, tiePaperAt);
        tiePaperAt += list.length;
        entry += 1;
        tiePaperOffsets[entry] = tiePaperAt;
      });
      row += 1;
      continue;
    }
    // A run of rows copied (their co-authors renumbered) at once.
    const from = sourceRow[row] as number;
    let end = row + 1;
    while (end < count && !recomputed.has(end) && sourceRow[end] === from + end - row) end += 1;
    const j0 = old.offsets[from] as number;
    const j1 = old.offsets[from + end - row] as number;
    const q0 = old.tiePaperOffsets[j0] as number;
    const q1 = old.tiePaperOffsets[j1] as number;
    tiePapers.set(old.tiePapers.subarray(q0, q1), tiePaperAt);
    weights.set(old.weights.subarray(j0, j1), entry);
    for (let j = j0; j < j1; j += 1) {
      neighbors[entry] = oldToNew[old.neighbors[j] as number] as number;
      entry += 1;
      tiePaperOffsets[entry] = tiePaperAt + (old.tiePaperOffsets[j + 1] as number) - q0;
    }
    tiePaperAt += q1 - q0;
    row = end;
  }

  // 5. Files in order of first appearance (authors' occurrences, then papers' sources), as built from scratch.
  let sourceFile = old.sourceFile;
  const firstSeen = new Int32Array(files.length).fill(-1);
  let seen = 0;
  const see = (array: Int32Array) => {
    for (let k = 0; k < array.length && seen < files.length; k += 1) {
      const file = array[k] as number;
      if (firstSeen[file] === -1) firstSeen[file] = seen++;
    }
  };
  see(newOccurrenceFile);
  see(old.sourceFile);
  let filesColumn = old.files;
  if (files.length !== utf8Length(old.files) || firstSeen.some((rank, file) => rank !== file && rank !== -1)) {
    for (let file = 0; file < files.length; file += 1) if (firstSeen[file] === -1) firstSeen[file] = seen++;
    const remap = (array: Int32Array) => {
      const copy = sharedArray(Int32Array, array.length);
      for (let k = 0; k < array.length; k += 1) copy[k] = firstSeen[array[k] as number] as number;
      return copy;
    };
    newOccurrenceFile = remap(newOccurrenceFile);
    sourceFile = remap(old.sourceFile);
    const ordered: string[] = [];
    files.forEach((file, k) => {
      ordered[firstSeen[k] as number] = file;
    });
    const builder = new Utf8Builder();
    for (const file of ordered) builder.push(file);
    filesColumn = builder.build();
  }

  // 6. The id index: old entries renumbered, new ids placed by binary search.
  const idAt = (row: number) => utf8At(newAuthorId, row);
  const byId = (a: number, b: number) => compareIds(idAt(a), idAt(b));
  const authorIdIndex = reorder(
    old.authorIdIndex,
    oldToNew,
    count,
    patch.inserted.map(({ author }) => newRowOfId.get(author.id) as number),
    byId,
  );

  // 7. Search keys of every spelling → authors (by id): the keys of changed authors are recomputed.
  const affectedKeys = new Set<string>();
  const keysOfNew = new Map<number, Set<string>>();
  for (const row of [...removedRows, ...replacedAt.keys()]) {
    const [s0, s1] = range(old.spellingOffsets, row);
    const spellings = Array.from({ length: s1 - s0 }, (_, k) => utf8At(old.spelling, s0 + k));
    for (const key of authorKeys(utf8At(old.authorName, row), spellings)) affectedKeys.add(key);
  }
  for (const row of changedRows) {
    const data = newData[row] as CatalogAuthor;
    const keys = authorKeys(
      data.name,
      data.nameVariants.map((variant) => variant.name),
    );
    keysOfNew.set(row, keys);
    for (const key of keys) affectedKeys.add(key);
  }
  const oldKeyCount = utf8Length(old.nameKey);
  const listFor = (key: string, at: number): number[] => {
    const members: number[] = [];
    if (at >= 0)
      for (let k = old.nameKeyAuthorOffsets[at] as number; k < (old.nameKeyAuthorOffsets[at + 1] as number); k += 1) {
        const row = oldToNew[old.nameKeyAuthors[k] as number] as number;
        if (row >= 0 && !changed.has(row)) members.push(row);
      }
    for (const [row, keys] of keysOfNew) if (keys.has(key)) members.push(row);
    return members.sort(byId);
  };
  // Each affected key where it goes among the old keys (before old key `at`, or at it when it is old).
  const events = [...affectedKeys]
    .map((key) => {
      const at = lowerBound(old.nameKey, key);
      const exists = at < oldKeyCount && utf8At(old.nameKey, at) === key;
      return { key, at, exists, members: listFor(key, exists ? at : -1) };
    })
    .sort((x, y) => x.at - y.at || Number(x.exists) - Number(y.exists) || compareIds(x.key, y.key));
  const nameKey = new Utf8Builder();
  const keyLengths: number[] = [];
  /** Old key → new key (−1: gone); new keys that were not old keys, by new number. */
  const oldKeyToNew = new Int32Array(oldKeyCount).fill(-1);
  const addedKeys: { readonly at: number; readonly key: string }[] = [];
  const memberRuns: (number[] | [from: number, to: number, run: true])[] = [];
  let nextOld = 0;
  const copyOldKeys = (to: number) => {
    if (to <= nextOld) return;
    nameKey.copy(old.nameKey, nextOld, to);
    for (let at = nextOld; at < to; at += 1) {
      oldKeyToNew[at] = keyLengths.length;
      keyLengths.push((old.nameKeyAuthorOffsets[at + 1] as number) - (old.nameKeyAuthorOffsets[at] as number));
    }
    memberRuns.push([old.nameKeyAuthorOffsets[nextOld] as number, old.nameKeyAuthorOffsets[to] as number, true]);
    nextOld = to;
  };
  for (const event of events) {
    copyOldKeys(event.at);
    if (event.exists) nextOld = event.at + 1;
    if (event.members.length === 0) continue;
    if (event.exists) oldKeyToNew[event.at] = keyLengths.length;
    else addedKeys.push({ at: keyLengths.length, key: event.key });
    nameKey.push(event.key);
    keyLengths.push(event.members.length);
    memberRuns.push(event.members);
  }
  copyOldKeys(oldKeyCount);
  const newNameKey = nameKey.build();
  const nameKeyAuthorOffsets = offsetsOf(keyLengths);
  const nameKeyAuthors = sharedArray(Int32Array, nameKeyAuthorOffsets[keyLengths.length] as number);
  {
    let at = 0;
    for (const run of memberRuns) {
      if (run.length === 3 && run[2] === true) {
        for (let k = run[0]; k < run[1]; k += 1)
          nameKeyAuthors[at++] = oldToNew[old.nameKeyAuthors[k] as number] as number;
      } else for (const row of run as number[]) nameKeyAuthors[at++] = row;
    }
  }

  // 8. The listing orders: the rows whose sort key changed are taken out and put back by binary search.
  const nameKeys = new Map<number, string>();
  const nameKeyOfRow = (row: number) => {
    let key = nameKeys.get(row);
    if (key === undefined) nameKeys.set(row, (key = searchKey(utf8At(newAuthorName, row))));
    return key;
  };
  const byName = (a: number, b: number) => compareIds(nameKeyOfRow(a), nameKeyOfRow(b)) || byId(a, b);
  const paperCountOf = (row: number) => paperLengths[row] as number;
  const degreeChanged = tieRows.filter((row) => {
    const from = sourceRow[row] as number;
    return from < 0 || (old.offsets[from + 1] as number) - (old.offsets[from] as number) !== degrees[row];
  });
  const authorsByName = reorder(old.authorsByName, oldToNew, count, changedRows, byName);
  const authorsByPaperCount = reorder(
    old.authorsByPaperCount,
    oldToNew,
    count,
    changedRows,
    (a, b) => paperCountOf(b) - paperCountOf(a) || byName(a, b),
  );
  const authorsByCoauthorCount = reorder(
    old.authorsByCoauthorCount,
    oldToNew,
    count,
    [...new Set([...changedRows, ...degreeChanged])],
    (a, b) => (degrees[b] as number) - (degrees[a] as number) || byName(a, b),
  );

  // 9. The name search index: each trigram's keys renumbered, the added keys' trigrams added; its keys
  // and owners are the name keys' column and author lists (seen as unsigned, as the build makes them).
  const authorSearch = {
    ...patchSearchKeys(old.authorSearch, newNameKey, oldKeyToNew, addedKeys),
    ownerCount: count,
    ownerOffsets: asUnsigned(nameKeyAuthorOffsets),
    owners: asUnsigned(nameKeyAuthors),
  };

  const columns: NetworkColumns = {
    ...old,
    papersOverAuthorLimit,
    files: filesColumn,
    authorId: newAuthorId,
    authorName: newAuthorName,
    authorPaperOffsets,
    authorPapers: newAuthorPapers,
    spellingOffsets: offsetsOf(spellingLengths),
    spelling: spelling.build(),
    spellingCount: spellingCount.build(),
    spellingReason: spellingReason.build(),
    externalIdOffsets: offsetsOf(externalLengths),
    externalId: externalId.build(),
    occurrenceOffsets: offsetsOf(occurrenceLengths),
    occurrenceSpelling: occurrenceSpelling.build(),
    occurrenceFile: newOccurrenceFile,
    occurrenceLine: occurrenceLine.build(),
    offsets,
    neighbors,
    weights,
    tiePaperOffsets,
    tiePapers,
    bylineOffsets,
    byline,
    sourceFile,
    authorIdIndex,
    nameKey: newNameKey,
    nameKeyAuthorOffsets,
    nameKeyAuthors,
    authorsByName,
    authorsByPaperCount,
    authorsByCoauthorCount,
    authorSearch,
  };
  return { columns, oldToNew, changedRows, tieRows };
}

/**
 * A sorted order of old rows renumbered (`oldToNew`), with the rows `moved` (new numbers; their sort
 * keys changed, or they are new) taken out and put back where `compare` places them.
 */
function reorder(
  order: Int32Array,
  oldToNew: Int32Array,
  count: number,
  moved: readonly number[],
  compare: (a: number, b: number) => number,
): Int32Array {
  const out = new Uint8Array(count);
  for (const row of moved) out[row] = 1;
  const kept = new Int32Array(order.length);
  let keptCount = 0;
  for (let k = 0; k < order.length; k += 1) {
    const row = oldToNew[order[k] as number] as number;
    if (row >= 0 && out[row] === 0) kept[keptCount++] = row;
  }
  const result = sharedArray(Int32Array, count);
  let from = 0;
  let at = 0;
  for (const row of [...new Set(moved)].sort(compare)) {
    let low = from;
    let high = keptCount;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(kept[middle] as number, row) < 0) low = middle + 1;
      else high = middle;
    }
    result.set(kept.subarray(from, low), at);
    at += low - from;
    result[at++] = row;
    from = low;
  }
  result.set(kept.subarray(from, keptCount), at);
  return result;
}

/** The first row of a sorted column whose string is not below `key`. */
function lowerBound(column: Utf8Column, key: string): number {
  let low = 0;
  let high = utf8Length(column);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (utf8At(column, middle) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

const TRIGRAM = 3;

/**
 * The trigram lists of a search index over `keys`, from the index over the old keys: every list
 * renumbered (`oldKeyToNew`, order-preserving; −1 drops a key), the keys added (by new number) put
 * into the lists of their trigrams, lists left empty dropped. What `buildSearchIndex` gives for the
 * new keys, without going over every key's bytes again: each list is decoded, renumbered and merged
 * twice, to size it and then to write it through the builder's own `PostingWriter`.
 */
function patchSearchKeys(
  index: SearchIndex,
  keys: Utf8Column,
  oldKeyToNew: Int32Array,
  added: readonly { readonly at: number; readonly key: string }[],
): Pick<SearchIndex, 'keyCount' | 'keyBytes' | 'keyOffsets'> & PostingArrays {
  const keyCount = utf8Length(keys);
  const keyOffsets = asUnsigned(keys.offsets);
  const addedByGram = new Map<number, number[]>();
  const encoder = new TextEncoder();
  for (const { at, key } of added) {
    const bytes = encoder.encode(key);
    const seen = new Set<number>();
    for (let i = 0; i + TRIGRAM <= bytes.length; i += 1) {
      const gram = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
      if (seen.has(gram)) continue;
      seen.add(gram);
      const list = addedByGram.get(gram);
      if (list) list.push(at);
      else addedByGram.set(gram, [at]);
    }
  }
  const newGrams = [...addedByGram.keys()].filter((gram) => findGram(index.grams, gram) < 0).sort((a, b) => a - b);
  const gramCount = index.grams.length + newGrams.length;
  let longest = 0;
  for (let g = 0; g < index.grams.length; g += 1)
    longest = Math.max(longest, (index.gramOffsets[g + 1] as number) - (index.gramOffsets[g] as number));
  const old = new Uint32Array(longest);
  const merged = new Uint32Array(longest + added.length);
  // Each list in trigram order, as `merged[0 … length)`, to `visit`; returns how many there are.
  const eachList = (visit: (list: number, gram: number, length: number) => void): number => {
    let lists = 0;
    const emit = (gram: number, g: number) => {
      const from = g < 0 ? old.subarray(0, 0) : postingList(index, g, old);
      const extra = addedByGram.get(gram);
      let length = 0;
      let e = 0;
      for (const oldKey of from) {
        const key = oldKeyToNew[oldKey] as number;
        if (key < 0) continue;
        while (extra !== undefined && e < extra.length && (extra[e] as number) < key)
          merged[length++] = extra[e++] as number;
        merged[length++] = key;
      }
      while (extra !== undefined && e < extra.length) merged[length++] = extra[e++] as number;
      if (length > 0) visit(lists++, gram, length);
    };
    let nextNew = 0;
    for (let g = 0; g < index.grams.length; g += 1) {
      const gram = index.grams[g] as number;
      while (nextNew < newGrams.length && (newGrams[nextNew] as number) < gram) emit(newGrams[nextNew++] as number, -1);
      emit(gram, g);
    }
    while (nextNew < newGrams.length) emit(newGrams[nextNew++] as number, -1);
    return lists;
  };
  const grams = new Uint32Array(gramCount);
  const writer = new PostingWriter(gramCount);
  const lists = eachList((list, gram, length) => {
    grams[list] = gram;
    for (let i = 0; i < length; i += 1) writer.size(list, merged[i] as number);
  });
  writer.layout(Uint32Array.from({ length: lists }, (_, list) => list));
  eachList((list, _gram, length) => {
    for (let i = 0; i < length; i += 1) writer.write(list, merged[i] as number);
  });
  return {
    keyCount,
    keyBytes: keys.bytes,
    keyOffsets,
    grams: toShared(grams.slice(0, lists)),
    ...writer.finish(),
  };
}

function findGram(grams: Uint32Array, gram: number): number {
  let low = 0;
  let high = grams.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((grams[middle] as number) < gram) low = middle + 1;
    else high = middle;
  }
  return low < grams.length && grams[low] === gram ? low : -1;
}

/** Per decision in effect, what undoes its change to the columns (null: it changed none). */
export type UndoRecords = ReadonlyMap<number, AuthorPatch | null>;

export interface CurationStep {
  readonly columns: NetworkColumns;
  readonly undo: UndoRecords;
  /** Row in the network before → row after (−1: gone); over every decision applied. */
  readonly oldToNew: Int32Array;
  /** Rows (after) whose ties or own data changed. */
  readonly touchedRows: readonly number[];
  /** How many patches were applied to the columns (a revert patched directly: one). */
  readonly patches: number;
}

/** More decisions than this to apply or undo at once: a full build is as quick. */
const MAX_STEPS = 64;

/**
 * The columns of the network curated by `next` decisions, from `network`, curated by `previous`:
 * the decisions in effect in both stay; those only in `previous` are undone, newest first (each needs
 * its undo record); those only in `next` are applied in order. Null when that cannot be done here (an
 * undo record is missing: the network was loaded, not curated, in this process), so the caller builds.
 *
 * A revert of a decision that no newer decision in effect touches (`revertsDirectly`) is one patch:
 * the reverted decision's undo record, applied to the network as it is, with the newer decisions left
 * in place, instead of undoing them and applying them again.
 */
export function curationStep(
  network: CoauthorNetwork,
  previous: readonly IdentityDecision[],
  next: readonly IdentityDecision[],
  undo: UndoRecords,
): CurationStep | null {
  const before = effectiveDecisions(previous);
  const after = effectiveDecisions(next);
  let common = 0;
  while (
    common < before.length &&
    common < after.length &&
    (before[common] as IdentityDecision).id === (after[common] as IdentityDecision).id
  )
    common += 1;
  if (before.length - common + after.length - common > MAX_STEPS) return null;
  const records = new Map(undo);
  for (let k = before.length - 1; k >= common; k -= 1)
    if (!records.has((before[k] as IdentityDecision).id)) return null;
  const direct = revertsDirectly(before, after, common, records);

  let current = network;
  let columns = network.columns;
  let oldToNew = Int32Array.from({ length: network.compact.order }, (_, row) => row);
  const touched = new Set<number>();
  let patches = 0;
  const step = (patch: AuthorPatch) => {
    patches += 1;
    const patched = patchColumns(columns, patch);
    columns = patched.columns;
    current = networkOf(columns, { version: network.version });
    oldToNew = oldToNew.map((row) => (row < 0 ? -1 : (patched.oldToNew[row] as number)));
    const moved = [...touched].map((row) => patched.oldToNew[row] as number).filter((row) => row >= 0);
    touched.clear();
    for (const row of [...moved, ...patched.tieRows, ...patched.changedRows]) touched.add(row);
  };
  if (direct !== null) {
    records.delete(direct.id);
    step(direct.undo);
    return { columns, undo: records, oldToNew, touchedRows: [...touched].sort((a, b) => a - b), patches };
  }
  for (let k = before.length - 1; k >= common; k -= 1) {
    const id = (before[k] as IdentityDecision).id;
    const record = records.get(id);
    records.delete(id);
    if (record != null) step(record);
  }
  for (let k = common; k < after.length; k += 1) {
    const decision = after[k] as IdentityDecision;
    const { redirects } = identityFromDecisions(after.slice(0, k));
    const made = decisionPatch(current, decision, redirects);
    records.set(decision.id, made?.undo ?? null);
    if (made !== null) step(made.patch);
  }
  return { columns, undo: records, oldToNew, touchedRows: [...touched].sort((a, b) => a - b), patches };
}

/**
 * The decision `next` leaves out of `previous` (their only difference, both as `effectiveDecisions`
 * lists, from position `common` on) with its undo record, when that record alone undoes it: no newer
 * decision touches what the record touches. Null otherwise (the caller undoes the newer decisions and
 * applies them again).
 *
 * What a record touches (`footprint`): the authors it removes, replaces or inserts, the authors it
 * inserts after (their neighbours in the authors' order) and the papers whose bylines it sets. Two
 * records with disjoint footprints commute: each restores rows, bylines and positions the other does
 * not change, so either order gives the columns of a build. One more dependence: a split's new id is
 * the first free one from its name (`name`, `name-2`, ...); a newer split given an id of the same root
 * may have got another one had the reverted decision not been made, so that case is left to the long way.
 */
function revertsDirectly(
  previous: readonly IdentityDecision[],
  next: readonly IdentityDecision[],
  common: number,
  records: ReadonlyMap<number, AuthorPatch | null>,
): { readonly id: number; readonly undo: AuthorPatch } | null {
  if (next.length !== previous.length - 1 || common >= previous.length) return null;
  for (let k = common; k < next.length; k += 1)
    if ((next[k] as IdentityDecision).id !== (previous[k + 1] as IdentityDecision).id) return null;
  const id = (previous[common] as IdentityDecision).id;
  const undo = records.get(id);
  if (undo == null) return null;
  const reverted = footprint(undo);
  const roots = new Set(undo.removed.map(idRoot));
  for (let k = common + 1; k < previous.length; k += 1) {
    const newer = records.get((previous[k] as IdentityDecision).id);
    if (newer === undefined) return null;
    if (newer === null) continue;
    const touched = footprint(newer);
    if ([...touched.authors].some((author) => reverted.authors.has(author))) return null;
    if ([...touched.papers].some((paper) => reverted.papers.has(paper))) return null;
    if (newer.removed.some((inserted) => roots.has(idRoot(inserted)))) return null;
  }
  return { id, undo };
}

function footprint(patch: AuthorPatch): { authors: Set<string>; papers: Set<number> } {
  const authors = new Set<string>(patch.removed);
  for (const author of patch.replaced) authors.add(author.id);
  for (const { after, author } of patch.inserted) {
    authors.add(author.id);
    if (after !== null) authors.add(after);
  }
  return { authors, papers: new Set(patch.bylines.keys()) };
}

/** An author id without the `-N` a new id may have been given to be unique. */
function idRoot(id: string): string {
  return id.replace(/-\d+$/, '');
}
