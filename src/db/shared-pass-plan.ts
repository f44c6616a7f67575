/**
 * The shared pass's plan (chunked-pass.ts: the network renumbered in locality order, the exact plan,
 * the fingerprint), made once per version by the first process to join its pass and read from the store
 * by the others (migration 0009), instead of every process making the same plan: about 0.25 s of CPU per
 * process on the ACL papers of 2016–2019, 0.65 s on the whole ACL Anthology.
 *
 * - A plan row is keyed by the version, a digest of the network (its compact graph's arrays) and the
 *   planner's format (`PASS_FORMAT`): a process reads only a plan made from the same network by the
 *   same planner, which is the plan it would have made itself.
 * - The first process inserts the row and holds it, uncommitted, while it plans; then it goes on with its
 *   plan while the same transaction writes it (the v8 serialization, as a thread's message carries it:
 *   typed arrays copied as they are) and commits. Another process's insert of the same row waits for
 *   that commit, then it reads the plan (a binary `COPY`: a plain SELECT brings bytea as hex text, four
 *   times slower). Waiting is cheaper than planning alongside: on a machine whose cores share their
 *   physical core, two plans at once each take longer than one plan alone (the bench machine's two: 0.22–0.26 s
 *   each, against 0.17 s for one; waiting costs the rest of the planner's plan and about 0.05 s more). A planner that dies, fails or
 *   is cancelled rolls back (PostgreSQL ends a dead client's transaction when its connection drops): its
 *   row is gone, and the next waiter's insert goes through, so it plans.
 * - A waiter gives up after `waitSeconds` (a stuck planner) and plans for itself; a plan read is used
 *   only when its fingerprint, recomputed, is the one it carries and it has the network's authors; any
 *   trouble with the store and the process plans for itself, without storing: the store only saves work.
 * - A plan larger than `maxBytes` is not stored (the row says so with a NULL plan: the others plan for
 *   themselves rather than wait again). Plans are deleted when the version's pass is combined.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { type ChunkedPass, PASS_FORMAT, passFingerprint } from '../analysis/chunked-pass.ts';
import type { PassGraph } from '../analysis/shortest-path-pass.ts';
import { copyByteaColumn } from './copy-bytea.ts';
import { type Database, type DatabaseClient, inTransaction } from './database.ts';

/** Largest plan stored (the ACL papers of 2016–2019: 2.6 MB; the whole ACL Anthology about 15 MB). */
export const MAX_SHARED_PLAN_BYTES = 256 * 1024 * 1024;
/** How long a process waits for another's plan before it plans for itself. */
export const DEFAULT_PLAN_WAIT_SECONDS = 60;

export interface SharedPlanOptions {
  readonly maxBytes?: number;
  readonly waitSeconds?: number;
}

/** Where a process's plan came from. */
export interface SharedPlan {
  readonly pass: ChunkedPass;
  /**
   * planned: made here first (stored for the others when it fit); stored: read from the store; local:
   * made here as well (the stored one too large to share or unusable, or the store failed).
   */
  readonly origin: 'planned' | 'stored' | 'local';
  /**
   * Settles (never rejects) once a plan made here is stored and committed for the others, or could
   * not be: await it before the pass's plans are deleted, so that none is stored after.
   */
  readonly stored: Promise<void>;
}

/** SHA-256 of a network's compact graph: equal digests, equal networks (and equal plans by one planner). */
export function networkDigest(graph: PassGraph): string {
  const bytes = (array: Int32Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  return createHash('sha256')
    .update(`${graph.order} ${graph.neighbors.length}\n`)
    .update(bytes(graph.offsets))
    .update(bytes(graph.neighbors))
    .digest('hex');
}

/** A stored plan, when it is whole and of a network of `order` authors; null otherwise. */
function readPlan(bytes: Buffer, order: number): ChunkedPass | null {
  try {
    const pass = deserialize(bytes) as ChunkedPass;
    return pass.graph.order === order && passFingerprint(pass.graph, pass.plan) === pass.fingerprint ? pass : null;
  } catch {
    return null;
  }
}

class PlanningFailed extends Error {
  override readonly name = 'PlanningFailed';
  constructor(readonly error: unknown) {
    super('shared pass: planning failed');
  }
}

/**
 * The version's plan over `graph`: read from the store when another process made it, else made with
 * `makePlan` (and stored for the others, when it fits, while the caller goes on with it). Rejects only
 * when `makePlan` does.
 */
export async function sharedPassPlan(
  database: Database,
  versionId: string,
  graph: PassGraph,
  makePlan: () => Promise<ChunkedPass>,
  options: SharedPlanOptions = {},
): Promise<SharedPlan> {
  const key = [versionId, networkDigest(graph), PASS_FORMAT];
  const maxBytes = options.maxBytes ?? MAX_SHARED_PLAN_BYTES;
  const waitSeconds = options.waitSeconds ?? DEFAULT_PLAN_WAIT_SECONDS;
  // The plan made here, handed over as soon as it is made; the transaction then stores it and commits.
  let handOver: (pass: ChunkedPass) => void = () => undefined;
  const planned = new Promise<ChunkedPass>((resolve) => {
    handOver = resolve;
  });
  const transaction = inTransaction(database, async (client: DatabaseClient) => {
    // PostgreSQL's lock_timeout 0 would mean no limit: at least a millisecond.
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(waitSeconds * 1000))}`);
    // Waits (up to waitSeconds) while another process holds the same row uncommitted: it is planning.
    const inserted = await client.query(
      `INSERT INTO shared_pass_plans (version_id, network_digest, format) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      key,
    );
    if (inserted.rowCount === 1) {
      let pass: ChunkedPass;
      try {
        pass = await makePlan();
      } catch (error) {
        throw new PlanningFailed(error);
      }
      handOver(pass);
      const bytes = serialize(pass);
      if (bytes.byteLength <= maxBytes)
        await client.query(
          'UPDATE shared_pass_plans SET plan = $4 WHERE version_id = $1 AND network_digest = $2 AND format = $3',
          [...key, bytes],
        );
      return null;
    }
    // COPY takes no parameters: the key's values go in as literals.
    const [version, digest, format] = key.map((value) => client.escapeLiteral(value));
    const [plan] = await copyByteaColumn(
      client,
      `SELECT plan FROM shared_pass_plans WHERE version_id = ${version} AND network_digest = ${digest} AND format = ${format}`,
    );
    return plan ?? null;
  });
  const first = await Promise.race([
    planned.then((pass) => ({ pass })),
    transaction.then(
      (bytes) => ({ bytes }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if ('pass' in first) {
    // Made here: the store's trouble from now on only means the others plan for themselves.
    return { pass: first.pass, origin: 'planned', stored: transaction.then(noop, noop) };
  }
  if ('error' in first && first.error instanceof PlanningFailed) throw first.error.error;
  // Read from the store; or the store failed us (a lock wait that timed out, a lost connection): plan here.
  const pass = 'bytes' in first && first.bytes !== null ? readPlan(first.bytes, graph.order) : null;
  if (pass !== null) return { pass, origin: 'stored', stored: Promise.resolve() };
  return { pass: await makePlan(), origin: 'local', stored: Promise.resolve() };
}

function noop(): void {}

/** Forgets a version's plans (its pass is combined: nobody needs them again). */
export async function deleteSharedPassPlans(database: Database | DatabaseClient, versionId: string): Promise<void> {
  await database.query('DELETE FROM shared_pass_plans WHERE version_id = $1', [versionId]);
}
