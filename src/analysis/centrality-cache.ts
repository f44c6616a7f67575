/**
 * Exact all-pairs scores saved between runs, so a restart on the same data serves exact values at
 * once. A file is named by the key of the inputs and options it was computed from (see
 * `commands/input-key.ts`) and also records the number of authors and a hash of their ids in order: a
 * file whose key, format version, size or ids do not match is never used.
 *
 * Layout: one line of JSON (the header), then betweenness, closeness and harmonic as little-endian
 * float64 arrays, one value per author in network order. Written with files/atomic-file.ts (a random
 * temporary name created exclusively, mode 0600, then renamed), so a crash never leaves half a file
 * under the real name and a link planted in the directory is never followed.
 *
 * The directory is not trusted: a file that is not a regular file (a FIFO would hang the reader), or
 * whose header or values are not what this code writes (a score that is not finite or out of its
 * range, a date that does not parse), is ignored with a warning and the scores are computed again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularFile, writeFileAtomic } from '../files/atomic-file.ts';
import type { AllPairsScores } from './all-pairs-centrality.ts';

/** Bump when the metrics or the layout change: older files are then ignored. */
const FORMAT_VERSION = 1;

export interface CachedScores {
  readonly scores: AllPairsScores;
  readonly computedAt: Date;
  /** Seconds the exact pass took when it ran. */
  readonly seconds: number;
}

export interface CentralityCache {
  read(): CachedScores | null;
  write(scores: AllPairsScores, computedAt: Date, seconds: number): void;
  readonly file: string;
}

interface Header {
  readonly version: number;
  readonly key: string;
  readonly authors: number;
  readonly idsHash: string;
  readonly computedAt: string;
  readonly seconds: number;
}

export function idsHash(authorIds: readonly string[]): string {
  const hash = createHash('sha256');
  for (const id of authorIds) hash.update(id).update('\n');
  return hash.digest('hex');
}

/**
 * `key` may be given as a function: it is then computed on first use, so a network that never needs
 * the cache (small ones are computed at load) does not read its input files again to hash them.
 */
/** A score read from a file is finite and within what the metric can be on `n` authors (a little rounding allowed). */
function validScores(scores: AllPairsScores, n: number): string | null {
  const ranges: [keyof AllPairsScores, number][] = [['betweenness', 1], ['closeness', 1], ['harmonic', Math.max(0, n - 1)]];
  for (const [metric, max] of ranges) {
    for (const value of scores[metric]) {
      if (!Number.isFinite(value) || value < 0 || value > max * (1 + 1e-9) + 1e-12) return `a ${metric} score of ${value} (expected 0 to ${max})`;
    }
  }
  return null;
}

export function centralityCache(directory: string, key: string | (() => string), authorIds: readonly string[], onWarning: (message: string) => void = (message) => process.emitWarning(message, 'CentralityCacheWarning')): CentralityCache {
  let known: { key: string; file: string; expectedIds: string } | null = null;
  const identity = () => {
    if (known === null) {
      const value = typeof key === 'string' ? key : key();
      known = { key: value, file: join(directory, `centrality-${value}.bin`), expectedIds: idsHash(authorIds) };
    }
    return known;
  };
  const n = authorIds.length;
  return {
    get file() {
      return identity().file;
    },
    read() {
      const { key: expectedKey, file, expectedIds } = identity();
      let bytes: Buffer | null;
      try {
        // Three float64 columns and a header of a few hundred bytes: anything much larger is not ours.
        bytes = readRegularFile(file, { maxBytes: 3 * 8 * n + 64 * 1024 });
      } catch (error) {
        onWarning(`centrality cache ignored: ${(error as Error).message}`);
        return null;
      }
      if (bytes === null) return null;
      const newline = bytes.indexOf(0x0a);
      if (newline < 0) return null;
      let header: Header;
      try {
        header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
      } catch {
        return null;
      }
      if (header.version !== FORMAT_VERSION || header.key !== expectedKey || header.authors !== n || header.idsHash !== expectedIds) return null;
      const body = bytes.subarray(newline + 1);
      if (body.length !== 3 * 8 * n) return null;
      const column = (i: number) => {
        const values = new Float64Array(n);
        for (let v = 0; v < n; v += 1) values[v] = body.readDoubleLE((i * n + v) * 8);
        return values;
      };
      const scores = { betweenness: column(0), closeness: column(1), harmonic: column(2) };
      const computedAt = new Date(typeof header.computedAt === 'string' ? header.computedAt : Number.NaN);
      const problem = validScores(scores, n)
        ?? (Number.isNaN(computedAt.getTime()) ? `a date that does not parse (${JSON.stringify(header.computedAt)})` : null)
        ?? (typeof header.seconds === 'number' && Number.isFinite(header.seconds) && header.seconds >= 0 ? null : `a duration of ${JSON.stringify(header.seconds)} seconds`);
      if (problem !== null) {
        onWarning(`centrality cache ignored: ${file} holds ${problem}; the scores are computed again`);
        return null;
      }
      return { scores, computedAt, seconds: header.seconds };
    },
    write(scores, computedAt, seconds) {
      const { key: expectedKey, file, expectedIds } = identity();
      const header: Header = { version: FORMAT_VERSION, key: expectedKey, authors: n, idsHash: expectedIds, computedAt: computedAt.toISOString(), seconds };
      const body = Buffer.alloc(3 * 8 * n);
      [scores.betweenness, scores.closeness, scores.harmonic].forEach((values, i) => {
        for (let v = 0; v < n; v += 1) body.writeDoubleLE(values[v] as number, (i * n + v) * 8);
      });
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      writeFileAtomic(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]), { mode: 0o600 });
    },
  };
}
