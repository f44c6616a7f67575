/**
 * Exact all-pairs scores saved between runs, so a restart on the same data serves exact values at
 * once. A file is named by the key of the inputs and options it was computed from (see
 * `commands/input-key.ts`) and also records the number of authors and a hash of their ids in order: a
 * file whose key, format version, size or ids do not match is never used.
 *
 * Layout: one line of JSON (the header, which also holds the largest component's path figures), then
 * betweenness, closeness and harmonic as little-endian float64 arrays, one value per author in network
 * order. Written to a temporary file and renamed, so a crash never leaves half a file under the real name.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AllPairsScores, PathFigures } from './all-pairs-centrality.ts';

/** Bump when the metrics or the layout change: older files are then ignored (2: path figures in the header). */
const FORMAT_VERSION = 2;

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
  readonly figures?: PathFigures;
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
export function centralityCache(directory: string, key: string | (() => string), authorIds: readonly string[]): CentralityCache {
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
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        return null;
      }
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
      return {
        scores: { betweenness: column(0), closeness: column(1), harmonic: column(2), ...(header.figures === undefined ? {} : { figures: header.figures }) },
        computedAt: new Date(header.computedAt),
        seconds: header.seconds,
      };
    },
    write(scores, computedAt, seconds) {
      const { key: expectedKey, file, expectedIds } = identity();
      const header: Header = { version: FORMAT_VERSION, key: expectedKey, authors: n, idsHash: expectedIds, computedAt: computedAt.toISOString(), seconds, ...(scores.figures === undefined ? {} : { figures: scores.figures }) };
      const body = Buffer.alloc(3 * 8 * n);
      [scores.betweenness, scores.closeness, scores.harmonic].forEach((values, i) => {
        for (let v = 0; v < n; v += 1) body.writeDoubleLE(values[v] as number, (i * n + v) * 8);
      });
      mkdirSync(directory, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
      renameSync(temporary, file);
    },
  };
}
