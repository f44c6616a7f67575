/**
 * The exact all-pairs pass of a network version, computed once for the whole deployment: every process
 * that holds the version's network (replicas, `coauthor-graph centrality-worker` processes) claims
 * chunks of sources from PostgreSQL, computes them in its threads and writes their partial sums; the
 * last one combines them, stores the exact values with the version and announces them.
 *
 * - Plan: made by the first process to come and read by the others (shared-pass-plan.ts).
 * - Chunks (migration 0004): created once per version, by whichever process comes first, in one
 *   transaction with the pass row (`INSERT … ON CONFLICT DO NOTHING`: a second process waits for the
 *   first's commit, then finds the chunks there). Every process checks that its network has the pass's
 *   fingerprint, so sums of different networks are never mixed.
 * - Claims: `FOR UPDATE SKIP LOCKED` on the first chunk that is pending or whose lease expired, so
 *   concurrent claims never wait on each other nor take the same chunk. The owner renews its lease
 *   every third of its length while it computes; a process that dies loses only its chunk, which is
 *   claimable again when the lease expires (attempts counts the claims).
 * - A chunk's partial sums are the same bits whoever computes them (chunked-pass.ts), so a late result
 *   from a process whose lease had expired is accepted as long as the chunk is not done yet.
 * - Combining: the process that finds every chunk done combines them in chunk order, under the pass
 *   row's lock, exactly once (`combined_at`), stores the values in `version_metrics` and sends NOTIFY on
 *   `coauthor_graph_metrics` (payload: the version id) in the same transaction.
 * - Waiting: a process with nothing left to claim waits for that notification, polling meanwhile (an
 *   expired lease is claimed by the next poll; a lost notification costs one poll interval).
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { type AllPairsScores, type PathFigures, PassCancelled, sharedPlan } from '../analysis/all-pairs-centrality.ts';
import {
  type ChunkRunner,
  type ChunkedPass,
  type PassChunk,
  combineEncodedChunks,
  defaultPartition,
  partition,
} from '../analysis/chunked-pass.ts';
import { littleEndianBytes, readLittleEndian } from '../analysis/little-endian.ts';
import type { PassGraph } from '../analysis/shortest-path-pass.ts';
import { planExactPass } from '../work/pass-plan.ts';
import {
  type ComputedChunk,
  type PassThreads,
  combineChunksOnPassThread,
  computeChunkOnPassThreads,
  openPassThreads,
  plansInThread,
} from '../work/pass-threads.ts';
import { copyByteaColumn } from './copy-bytea.ts';
import { type Database, type DatabaseClient, inTransaction, withClient } from './database.ts';
import { type SharedPlan, deleteSharedPassPlans, sharedPassPlan } from './shared-pass-plan.ts';

export const METRICS_CHANNEL = 'coauthor_graph_metrics';
export const DEFAULT_LEASE_SECONDS = 60;

/** What a process holds of a version: its compact graph (a `CoauthorNetwork` has it as `compact`). */
export type PassNetwork = PassGraph | { readonly compact: PassGraph };
/** The network, or how to load it (called only when the version's values are not stored yet). */
export type PassNetworkSource = PassNetwork | ((versionId: string) => Promise<PassNetwork>);

export interface SharedPassProgress {
  readonly versionId: string;
  readonly chunksDone: number;
  readonly chunksTotal: number;
  /** Chunks this process computed (and wrote) so far. */
  readonly computedHere: number;
}

export interface SharedPassOptions {
  /** Chunks computed at once by this process, one per worker thread (default 1). */
  readonly threads?: number;
  /** Stops this process's share: its leased chunks are released, the promise rejects with `PassCancelled`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SharedPassProgress) => void;
  /** Lease length (default 60 s); renewed every third of it while a chunk is computed. */
  readonly leaseSeconds?: number;
  /** While waiting for other processes' chunks: how often to look again (default: a quarter lease, 0.2–5 s). */
  readonly pollSeconds?: number;
  /** Sources per chunk, when this process creates the pass (default: chunks of equal work, `defaultPartition`). */
  readonly chunkSources?: number;
  /** The network prepared already (`prepareChunkedPass`), to save planning it again. */
  readonly prepared?: ChunkedPass;
  /**
   * Pass threads open already (a replica's, where its estimates ran), to plan and compute on instead of
   * starting threads for this call; left open. Default: a pool of `threads`, opened for this call (when
   * it first needs a thread) and closed when it ends.
   */
  readonly pool?: PassThreads;
  /** How this process names itself in lease_owner (default host:pid:random). */
  readonly owner?: string;
}

/** The combined exact values of a version, per author in the network's own author order. */
export interface ExactMetrics {
  readonly versionId: string;
  readonly fingerprint: string;
  readonly betweenness: Float64Array;
  readonly closeness: Float64Array;
  readonly harmonic: Float64Array;
  readonly figures: PathFigures;
  readonly chunkCount: number;
  /** Thread time over all chunks, and wall time from the pass's creation to its combination. */
  readonly computeSeconds: number;
  readonly elapsedSeconds: number;
  readonly computedAt: Date;
}

export class SharedPassMismatch extends Error {
  override readonly name = 'SharedPassMismatch';
}

export function processOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

function graphOf(network: PassNetwork): PassGraph {
  return 'compact' in network ? network.compact : network;
}

interface PassRow {
  readonly fingerprint: string;
  readonly authors: number;
  readonly sources: number;
  readonly chunkSources: number;
  readonly chunkCount: number;
  readonly combined: boolean;
}

async function passRow(database: Database | DatabaseClient, versionId: string): Promise<PassRow | null> {
  const { rows } = await database.query<{
    fingerprint: string;
    authors: number;
    sources: number;
    chunk_sources: number;
    chunk_count: number;
    combined_at: Date | null;
  }>(
    'SELECT fingerprint, authors, sources, chunk_sources, chunk_count, combined_at FROM shared_passes WHERE version_id = $1',
    [versionId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    fingerprint: row.fingerprint,
    authors: row.authors,
    sources: row.sources,
    chunkSources: row.chunk_sources,
    chunkCount: row.chunk_count,
    combined: row.combined_at !== null,
  };
}

/**
 * Creates the version's pass and its chunks unless they exist (idempotent, safe when several processes
 * do it at once); refuses a network whose fingerprint differs from the pass's.
 */
export async function ensureSharedPass(
  database: Database,
  versionId: string | number,
  pass: ChunkedPass,
  chunkSources?: number,
): Promise<PassRow> {
  const version = String(versionId);
  const chunks = chunkSources === undefined ? defaultPartition(pass) : partition(pass.sources, chunkSources);
  // The most sources in one chunk (the default partition's chunks hold equal work, not equal sources).
  const largest = chunks.reduce((most, chunk) => Math.max(most, chunk.to - chunk.from), 1);
  const row = await inTransaction(database, async (client) => {
    const inserted = await client.query(
      `INSERT INTO shared_passes (version_id, fingerprint, authors, sources, chunk_sources, chunk_count)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version_id) DO NOTHING`,
      [version, pass.fingerprint, pass.graph.order, pass.sources, largest, chunks.length],
    );
    if (inserted.rowCount === 1) {
      await client.query(
        `INSERT INTO shared_pass_chunks (version_id, chunk, first_source, end_source)
         SELECT $1, chunk, first_source, end_source
         FROM unnest($2::int[], $3::int[], $4::int[]) AS c (chunk, first_source, end_source)`,
        [version, chunks.map((c) => c.index), chunks.map((c) => c.from), chunks.map((c) => c.to)],
      );
    }
    return passRow(client, version);
  });
  if (row === null) throw new Error(`shared pass: the pass of version ${version} vanished while it was created`);
  if (row.fingerprint !== pass.fingerprint || row.authors !== pass.graph.order || row.sources !== pass.sources) {
    throw new SharedPassMismatch(
      `shared pass: this process's network is not version ${version}'s (${pass.graph.order} authors, fingerprint ${pass.fingerprint.slice(0, 12)}; the pass has ${row.authors} authors, fingerprint ${row.fingerprint.slice(0, 12)})`,
    );
  }
  return row;
}

/** Claims the first chunk that is pending or whose lease expired; null when none is left to claim. */
async function claimChunk(
  database: Database,
  versionId: string,
  owner: string,
  leaseSeconds: number,
): Promise<(PassChunk & { attempts: number }) | null> {
  const { rows } = await database.query<{ chunk: number; first_source: number; end_source: number; attempts: number }>(
    `UPDATE shared_pass_chunks c
        SET state = 'leased', lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3),
            attempts = c.attempts + 1
      WHERE (c.version_id, c.chunk) = (
              SELECT version_id, chunk FROM shared_pass_chunks
               WHERE version_id = $1
                 AND (state = 'pending' OR (state = 'leased' AND lease_expires_at < now()))
               ORDER BY chunk
               LIMIT 1
                 FOR UPDATE SKIP LOCKED)
  RETURNING c.chunk, c.first_source, c.end_source, c.attempts`,
    [versionId, owner, leaseSeconds],
  );
  const row = rows[0];
  return row === undefined
    ? null
    : { index: row.chunk, from: row.first_source, to: row.end_source, attempts: row.attempts };
}

/** Renews a lease; false when this process no longer holds it. */
async function renewLease(
  database: Database,
  versionId: string,
  chunk: number,
  owner: string,
  leaseSeconds: number,
): Promise<boolean> {
  const { rowCount } = await database.query(
    `UPDATE shared_pass_chunks SET lease_expires_at = now() + make_interval(secs => $4)
      WHERE version_id = $1 AND chunk = $2 AND lease_owner = $3 AND state = 'leased'`,
    [versionId, chunk, owner, leaseSeconds],
  );
  return rowCount === 1;
}

/** Writes a chunk's partial sums, unless another process wrote the same chunk first. */
async function completeChunk(
  database: Database,
  versionId: string,
  chunk: number,
  owner: string,
  partial: Uint8Array,
  seconds: number,
): Promise<boolean> {
  const { rowCount } = await database.query(
    `UPDATE shared_pass_chunks
        SET state = 'done', partial = $3, computed_by = $4, compute_seconds = $5, finished_at = now(),
            lease_owner = NULL, lease_expires_at = NULL
      WHERE version_id = $1 AND chunk = $2 AND state <> 'done'`,
    [versionId, chunk, Buffer.from(partial.buffer, partial.byteOffset, partial.byteLength), owner, seconds],
  );
  return rowCount === 1;
}

/** Gives back every chunk this process holds of the version (on cancellation). */
export async function releaseChunks(database: Database, versionId: string, owner: string): Promise<number> {
  const { rowCount } = await database.query(
    `UPDATE shared_pass_chunks SET state = 'pending', lease_owner = NULL, lease_expires_at = NULL
      WHERE version_id = $1 AND lease_owner = $2 AND state = 'leased'`,
    [versionId, owner],
  );
  return rowCount ?? 0;
}

async function chunkCounts(database: Database, versionId: string): Promise<{ done: number; total: number }> {
  const { rows } = await database.query<{ done: number; total: number }>(
    `SELECT count(*) FILTER (WHERE state = 'done')::int AS done, count(*)::int AS total
       FROM shared_pass_chunks WHERE version_id = $1`,
    [versionId],
  );
  return rows[0] ?? { done: 0, total: 0 };
}

/** Values as stored (float64, little-endian): the array's own bytes on a little-endian machine. */
function floats(values: Float64Array): Buffer {
  const bytes = littleEndianBytes(values);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readFloats(bytes: Buffer, length: number, what: string): Float64Array {
  if (bytes.length !== length * 8)
    throw new Error(`shared pass: stored ${what} has ${bytes.length / 8} values, not ${length}`);
  return readLittleEndian(bytes, new Float64Array(length));
}

/**
 * Partials this process wrote, kept (while they fit in `budget` bytes) for combining here: a combining
 * process reads only the other processes' partials from the store.
 */
class KeptPartials {
  private readonly partials = new Map<number, Uint8Array>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  add(chunk: number, partial: Uint8Array): void {
    if (this.bytes + partial.byteLength > this.budget) return;
    this.partials.set(chunk, partial);
    this.bytes += partial.byteLength;
  }

  chunks(): number[] {
    return [...this.partials.keys()];
  }

  get(chunk: number): Uint8Array | undefined {
    return this.partials.get(chunk);
  }
}

/**
 * The pass's last chunks, claimed only by a thread with nothing else to do (not claimed ahead while
 * another chunk computes): they go to whichever process is free first, so the processes end together.
 */
export const CLAIMED_AT_THE_END = 4;

/** Bytes of its own partials a process keeps for combining (the ACL papers of 2016–2019: 2.7 MB in all). */
export const KEPT_PARTIAL_BYTES = 64 * 1024 * 1024;

/**
 * Combines the chunks when every one is done and the pass is not combined yet: under the pass row's
 * lock, so exactly one process does it. Returns the values when this call combined them, true when
 * another process had, false while chunks are open. Partials this process kept are not read again.
 */
async function combineIfComplete(
  database: Database,
  versionId: string,
  pass: ChunkedPass,
  kept: KeptPartials,
  combine: (partials: readonly Uint8Array[]) => Promise<AllPairsScores>,
): Promise<ExactMetrics | boolean> {
  return inTransaction(database, async (client) => {
    const { rows } = await client.query<{ combined_at: Date | null; elapsed: number }>(
      `SELECT combined_at, extract(epoch FROM now() - created_at)::float8 AS elapsed
         FROM shared_passes WHERE version_id = $1 FOR UPDATE`,
      [versionId],
    );
    const row = rows[0];
    if (row === undefined) throw new Error(`shared pass: version ${versionId} has no pass`);
    if (row.combined_at !== null) return true;
    const open = await client.query(
      `SELECT 1 FROM shared_pass_chunks WHERE version_id = $1 AND state <> 'done' LIMIT 1`,
      [versionId],
    );
    if ((open.rowCount ?? 0) > 0) return false;
    const chunks = await client.query<{ chunk: number; compute_seconds: number | null }>(
      'SELECT chunk, compute_seconds FROM shared_pass_chunks WHERE version_id = $1 ORDER BY chunk',
      [versionId],
    );
    // The other processes' partials, in chunk order, by a binary COPY (no parameters: literals).
    const keptChunks = kept.chunks();
    const read = await copyByteaColumn(
      client,
      `SELECT partial FROM shared_pass_chunks WHERE version_id = ${client.escapeLiteral(versionId)}
          AND chunk <> ALL (${client.escapeLiteral(`{${keptChunks.join(',')}}`)}::int[]) ORDER BY chunk`,
    );
    let next = 0;
    const partials = chunks.rows.map((chunk) => {
      const bytes = kept.get(chunk.chunk) ?? read[next++];
      if (bytes === undefined || bytes === null)
        throw new Error(`shared pass: chunk ${chunk.chunk} of version ${versionId} has no partial`);
      return bytes;
    });
    if (next !== read.length) throw new Error(`shared pass: version ${versionId} has partials of no chunk`);
    const scores = await combine(partials);
    const figures = scores.figures ?? { averageShortestPathLength: 0, diameter: 0, exact: true };
    const computeSeconds = chunks.rows.reduce((sum, chunk) => sum + (chunk.compute_seconds ?? 0), 0);
    const inserted = await client.query<{ computed_at: Date }>(
      `INSERT INTO version_metrics (version_id, fingerprint, authors, betweenness, closeness, harmonic,
         average_shortest_path_length, diameter, chunk_count, compute_seconds, elapsed_seconds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING computed_at`,
      [
        versionId,
        pass.fingerprint,
        pass.graph.order,
        floats(scores.betweenness),
        floats(scores.closeness),
        floats(scores.harmonic),
        figures.averageShortestPathLength,
        figures.diameter,
        partials.length,
        computeSeconds,
        row.elapsed,
      ],
    );
    await client.query('UPDATE shared_passes SET combined_at = now() WHERE version_id = $1', [versionId]);
    await deleteSharedPassPlans(client, versionId);
    await client.query('SELECT pg_notify($1, $2)', [METRICS_CHANNEL, versionId]);
    // The values as stored (float64 bytes both ways): no need to read them back.
    return {
      versionId,
      fingerprint: pass.fingerprint,
      betweenness: scores.betweenness,
      closeness: scores.closeness,
      harmonic: scores.harmonic,
      figures: {
        averageShortestPathLength: figures.averageShortestPathLength,
        diameter: figures.diameter,
        exact: true,
      },
      chunkCount: partials.length,
      computeSeconds,
      elapsedSeconds: row.elapsed,
      computedAt: (inserted.rows[0] as { computed_at: Date }).computed_at,
    };
  });
}

/** The exact values stored for a version, or null while its pass is unfinished (for replicas that only read). */
export async function storedExactMetrics(database: Database, versionId: string | number): Promise<ExactMetrics | null> {
  const version = String(versionId);
  const { rows } = await database.query<{
    fingerprint: string;
    authors: number;
    lengths: number[];
    average_shortest_path_length: number;
    diameter: number;
    chunk_count: number;
    compute_seconds: number;
    elapsed_seconds: number;
    computed_at: Date;
  }>(
    `SELECT fingerprint, authors, ARRAY[octet_length(betweenness), octet_length(closeness), octet_length(harmonic)] AS lengths,
            average_shortest_path_length, diameter, chunk_count, compute_seconds, elapsed_seconds, computed_at
       FROM version_metrics WHERE version_id = $1`,
    [version],
  );
  const row = rows[0];
  if (row === undefined) return null;
  // The three arrays as one value, by a binary COPY (a SELECT brings bytea as hex text); the row is
  // never changed once written.
  const values = await withClient(database, (client) =>
    copyByteaColumn(
      client,
      `SELECT betweenness || closeness || harmonic FROM version_metrics WHERE version_id = ${client.escapeLiteral(version)}`,
    ),
  );
  const bytes = values[0];
  if (bytes === undefined || bytes === null) return null;
  const [betweenness, closeness, harmonic] = (['betweenness', 'closeness', 'harmonic'] as const).map((what, i) => {
    const length = row.lengths[i] as number;
    const from = row.lengths.slice(0, i).reduce((sum, part) => sum + part, 0);
    return readFloats(bytes.subarray(from, from + length), row.authors, what);
  }) as [Float64Array, Float64Array, Float64Array];
  return {
    versionId: version,
    fingerprint: row.fingerprint,
    betweenness,
    closeness,
    harmonic,
    figures: { averageShortestPathLength: row.average_shortest_path_length, diameter: row.diameter, exact: true },
    chunkCount: row.chunk_count,
    computeSeconds: row.compute_seconds,
    elapsedSeconds: row.elapsed_seconds,
    computedAt: row.computed_at,
  };
}

/** Versions whose pass exists but is not combined yet (oldest first). */
export async function unfinishedPasses(database: Database): Promise<string[]> {
  const { rows } = await database.query<{ version_id: string }>(
    'SELECT version_id FROM shared_passes WHERE combined_at IS NULL ORDER BY version_id',
  );
  return rows.map((row) => row.version_id);
}

function cancelled(signal: AbortSignal): PassCancelled {
  return new PassCancelled(`shared pass: cancelled (${String(signal.reason ?? 'aborted')})`);
}

/**
 * Waits for a NOTIFY on the metrics channel about this version, the poll interval, or the signal.
 * One listening connection per call to `joinSharedPass`, held only while it waits.
 */
class MetricsListener {
  private client: DatabaseClient | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly database: Database,
    private readonly versionId: string,
  ) {}

  async wait(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.client === null) {
      try {
        const client = await this.database.connect();
        client.on('notification', (message) => {
          if (message.channel === METRICS_CHANNEL && message.payload === this.versionId) this.wake?.();
        });
        client.on('error', () => this.drop());
        await client.query(`LISTEN ${METRICS_CHANNEL}`);
        this.client = client;
      } catch {
        // Polling alone still finishes the pass.
        this.drop();
      }
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, milliseconds);
      signal?.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    client?.release(true);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client === null) return;
    try {
      await client.query(`UNLISTEN ${METRICS_CHANNEL}`);
      client.release();
    } catch {
      client.release(true);
    }
  }
}

/**
 * Takes part in the version's shared pass: computes chunks until none is left to claim, then resolves
 * with the combined exact values, waiting for other processes' last chunks when needed. Resolves at
 * once when the values are stored already (the network is then not even loaded).
 */
export async function joinSharedPass(
  database: Database,
  versionId: string | number,
  network: PassNetworkSource,
  options: SharedPassOptions = {},
): Promise<ExactMetrics> {
  const version = String(versionId);
  const { signal } = options;
  if (signal?.aborted) throw cancelled(signal);
  const stored = await storedExactMetrics(database, version);
  if (stored !== null) return stored;

  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  if (!(leaseSeconds > 0)) throw new RangeError(`shared pass: leaseSeconds must be positive, got ${leaseSeconds}`);
  const pollSeconds = options.pollSeconds ?? Math.min(5, Math.max(0.2, leaseSeconds / 4));
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const owner = options.owner ?? processOwner();

  const graph = graphOf(typeof network === 'function' ? await network(version) : network);
  // The pass threads: the caller's, or opened to plan the pass (a large network) or on the first chunk
  // claimed; each chunk's task carries the plan's shared arrays.
  let pool: PassThreads | null = options.pool ?? null;
  const closeOwnPool = async (): Promise<void> => {
    if (options.pool === undefined) await pool?.close();
  };
  // The plan: made once for all processes (shared-pass-plan.ts), on a pass thread for a large network.
  const shared =
    options.prepared === undefined
      ? await sharedPassPlan(database, version, graph, () =>
          planExactPass(graph, () => (pool ??= openPassThreads(threads)), signal),
        ).catch(async (error: unknown) => {
          await closeOwnPool();
          throw signal?.aborted === true ? cancelled(signal) : error;
        })
      : null;
  const pass = options.prepared ?? (shared as SharedPlan).pass;
  // A plan made here is stored while the pass starts; combining (which deletes the plans) waits for it.
  const planStored = shared?.stored ?? Promise.resolve();
  if (pass.graph.order !== graph.order) {
    await closeOwnPool();
    throw new SharedPassMismatch('shared pass: the prepared pass is not of the network given');
  }
  let row;
  try {
    row = await ensureSharedPass(database, version, pass, options.chunkSources);
  } catch (error) {
    await closeOwnPool();
    throw error;
  }

  let runner: ChunkRunner | null = null;
  const listener = new MetricsListener(database, version);
  let computedHere = 0;
  let failure: unknown = null;
  const report = async () => {
    if (options.onProgress === undefined) return;
    const counts = await chunkCounts(database, version);
    options.onProgress({ versionId: version, chunksDone: counts.done, chunksTotal: counts.total, computedHere });
  };

  // The partials this process wrote, up to a budget, so that combining here reads only the others'.
  const kept = new KeptPartials(KEPT_PARTIAL_BYTES);
  // Progress after each write, one query at a time; off the threads' way.
  let reporting: Promise<void> | null = null;
  let reportAgain = false;
  const reportSoon = (): void => {
    if (reporting !== null) {
      reportAgain = true;
      return;
    }
    reporting = report()
      .catch(() => undefined)
      .finally(() => {
        reporting = null;
        if (reportAgain) {
          reportAgain = false;
          reportSoon();
        }
      });
  };
  const reportsDone = async (): Promise<void> => {
    while (reporting !== null) await reporting;
  };
  const fail = (error: unknown): void => {
    // A cancelled pass abandons its threads' chunks: that is no failure of the pass.
    if (signal?.aborted !== true) failure ??= error;
  };

  /** A chunk claimed, its task queued on the pass threads, its lease renewed until its write is done. */
  interface Started {
    readonly chunk: PassChunk;
    readonly renewal: ReturnType<typeof setInterval>;
    readonly computing: Promise<ComputedChunk>;
  }
  const start = async (): Promise<Started | null> => {
    if (signal?.aborted || failure !== null) return null;
    const chunk = await claimChunk(database, version, owner, leaseSeconds);
    if (chunk === null) return null;
    pool ??= openPassThreads(Math.min(threads, row.chunkCount));
    runner ??= { graph: { order: pass.graph.order }, plan: sharedPlan(pass.plan) };
    const renewal = setInterval(
      () => {
        renewLease(database, version, chunk.index, owner, leaseSeconds).catch(() => undefined);
      },
      (leaseSeconds * 1000) / 3,
    );
    const computing = computeChunkOnPassThreads(
      pool,
      pass.fingerprint,
      runner,
      chunk,
      signal === undefined ? {} : { signal },
    );
    // Heard at once: a chunk claimed ahead is not awaited when its slot stops first.
    computing.catch(() => undefined);
    return { chunk, renewal, computing };
  };
  const stop = (started: Started | null): void => {
    if (started !== null) clearInterval(started.renewal);
  };

  // One slot per thread: claim, compute (renewing the lease), write; until nothing is left to claim.
  // While a chunk computes, the slot claims the next and queues it behind, so the thread goes straight
  // on to it (but for the pass's last chunks, which go to whichever thread is free first); a chunk's
  // write goes on meanwhile. A chunk queued behind one that failed finishes on its thread, unused.
  const slot = async (): Promise<void> => {
    let writing: Promise<void> = Promise.resolve();
    let current: Started | null = null;
    let following: Promise<Started | null> | null = null;
    try {
      current = await start();
      while (current !== null) {
        if (current.chunk.index < row.chunkCount - CLAIMED_AT_THE_END) {
          following = start();
          // Heard at once (a claim that fails while this chunk computes); awaited below all the same.
          following.catch(() => undefined);
        }
        const computed = await current.computing;
        if (signal?.aborted) return;
        const done = current;
        current = null;
        const previous = writing;
        writing = (async () => {
          try {
            await previous;
            if (await completeChunk(database, version, done.chunk.index, owner, computed.partial, computed.seconds)) {
              computedHere += 1;
              kept.add(done.chunk.index, computed.partial);
            }
          } finally {
            clearInterval(done.renewal);
          }
          reportSoon();
        })().catch(fail);
        current = await (following ?? start());
        following = null;
      }
    } finally {
      stop(current);
      if (following !== null) stop(await following.catch(() => null));
      await writing;
    }
  };

  try {
    reportSoon();
    for (;;) {
      const slots = Array.from({ length: Math.min(threads, row.chunkCount) }, () => slot().catch(fail));
      await Promise.all(slots);
      await reportsDone();
      if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
      if (signal?.aborted) throw cancelled(signal);
      await planStored;
      const combined = await combineIfComplete(database, version, pass, kept, (partials) =>
        // Decoding and adding every chunk's sums held the event loop for 77–170 ms on the ACL
        // Anthology: a pass thread does it (one is opened when this process computed no chunk),
        // but for a network small enough to plan here.
        pool === null && plansInThread(graph)
          ? Promise.resolve(combineEncodedChunks(pass, partials))
          : combineChunksOnPassThread((pool ??= openPassThreads(1)), pass, partials),
      );
      if (combined !== false) {
        const metrics = combined === true ? await storedExactMetrics(database, version) : combined;
        if (metrics === null) throw new Error(`shared pass: version ${version} is combined but its values are missing`);
        return metrics;
      }
      // Others hold the last chunks: wait for their results (or for an expired lease to claim).
      await listener.wait(pollSeconds * 1000, signal);
      if (signal?.aborted) throw cancelled(signal);
    }
  } catch (error) {
    await releaseChunks(database, version, owner).catch(() => undefined);
    throw error;
  } finally {
    await closeOwnPool();
    await listener.close();
  }
}
