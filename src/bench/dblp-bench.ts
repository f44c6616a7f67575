/**
 * `npm run bench -- --only dblp`: a seeded synthetic corpus shaped like DBLP (synthetic-corpus.ts,
 * `DBLP_SHAPE`), built to a snapshot with `coauthor-graph build` and served from it.
 *
 * Opt-in because of its size (7.5 M papers by default: a 1.3 GB file, minutes of generation). For
 * each size in `--dblp-papers`: build time and peak memory (VmHWM), then start to ready serving the
 * snapshot, resident memory at ready, and whether the first betweenness ranking is served at once
 * from the snapshot's estimates. The targets are for DBLP's size; when only smaller corpora were
 * run, the last two sizes are extrapolated linearly to 7.5 M papers (shown without a verdict).
 *
 * A size is skipped, saying so, while the machine has less than `MIN_AVAILABLE_KB` available: the
 * machine is shared, and a build that runs it out of memory would take other work down with it.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Comparison } from './report.ts';
import { buildCommand, runCommand, startServer } from './serve-process.ts';
import { DBLP_PAPERS, DBLP_SHAPE, writeSyntheticCorpus } from './synthetic-corpus.ts';
import { errorMessage } from '../error-message.ts';

/** The issue's targets at DBLP's size; gigabytes decimal, as the figures print (12·10⁹ and 5·10⁹ bytes). */
export const DBLP_TARGETS = {
  buildSeconds: 6 * 60,
  buildPeakKb: 12e9 / 1024,
  readySeconds: 30,
  residentKb: 5e9 / 1024,
} as const;

/** Below this much available memory (MemAvailable) a size is not started: 14 GB. */
export const MIN_AVAILABLE_KB = 14 * 1024 * 1024;

const RANKING =
  '{ centralityRanking(metric: BETWEENNESS, first: 10) { nodes { rank score exact sampleSize author { id } } } }';

interface RankingAnswer {
  readonly centralityRanking: { readonly nodes: readonly { exact: boolean; sampleSize: number | null }[] };
}

/** One size's figures. */
export interface DblpRun {
  readonly papers: number;
  readonly authors: number;
  readonly authorships: number;
  readonly buildSeconds: number;
  readonly buildPeakKb: number | null;
  readonly readySeconds: number;
  readonly residentKb: number | null;
  /** The first ranking after ready came from the snapshot's estimates (not exact, with a sample size). */
  readonly estimatesServed: boolean;
  readonly firstRankingSeconds: number;
}

/** MemAvailable in kB from /proc/meminfo text; null when absent. */
export function availableKb(meminfo: string): number | null {
  const match = /^MemAvailable:\s+(\d+)\s+kB\s*$/mu.exec(meminfo);
  return match === null ? null : Number(match[1]);
}

function machineAvailableKb(): number | null {
  try {
    return availableKb(readFileSync('/proc/meminfo', 'utf8'));
  } catch {
    return null;
  }
}

/**
 * A figure at `target` papers from the two largest runs (linear in papers, as every part of the load
 * is); null with fewer than two sizes or when the largest already reaches the target.
 */
export function extrapolate(
  points: readonly (readonly [papers: number, value: number])[],
  target: number,
): number | null {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const last = sorted.at(-1);
  const before = sorted.at(-2);
  if (last === undefined || before === undefined || last[0] >= target || last[0] === before[0]) return null;
  const slope = (last[1] - before[1]) / (last[0] - before[0]);
  return last[1] + slope * (target - last[0]);
}

export async function dblpSection(
  sizes: readonly number[],
  options: { readonly seed: string; readonly maxAuthorsPerPaper: number },
  scratch: string,
  log: (line: string) => void,
): Promise<Comparison[]> {
  const runs: DblpRun[] = [];
  const rows: Comparison[] = [];
  for (const papers of sizes) {
    const label = `${papers.toLocaleString('en')} DBLP-shaped papers`;
    const available = machineAvailableKb();
    if (available !== null && available < MIN_AVAILABLE_KB) {
      rows.push(
        skipped(
          label,
          `skipped: ${Math.round(available / 1024 / 1024)} GB available, ${MIN_AVAILABLE_KB / 1024 / 1024} GB needed`,
        ),
      );
      continue;
    }
    const file = join(scratch, `dblp-${papers}.jsonl`);
    const snapshot = join(scratch, `dblp-${papers}.cgsnap`);
    try {
      log(`  generating ${label}`);
      const corpus = await writeSyntheticCorpus(file, { papers, seed: options.seed, ...DBLP_SHAPE });
      log(`  building the snapshot of ${label}`);
      const build = await runCommand(buildCommand(file, options.maxAuthorsPerPaper, snapshot), 7200);
      rmSync(file, { force: true });
      log(`  serving the snapshot of ${label}`);
      const server = await startServer({ data: { snapshot }, maxAuthorsPerPaper: null, timeoutSeconds: 1800 });
      try {
        const started = process.hrtime.bigint();
        const answer = await server.query<RankingAnswer>(RANKING);
        const firstRankingSeconds = Number(process.hrtime.bigint() - started) / 1e9;
        const first = answer.centralityRanking.nodes[0];
        await new Promise((resolve) => setTimeout(resolve, 500));
        runs.push({
          papers,
          authors: corpus.authors,
          authorships: corpus.authorships,
          buildSeconds: build.seconds,
          buildPeakKb: build.peakKb,
          readySeconds: server.readySeconds,
          residentKb: server.rssKb(),
          estimatesServed: first !== undefined && !first.exact && (first.sampleSize ?? 0) > 0,
          firstRankingSeconds,
        });
      } finally {
        await server.stop();
      }
    } catch (error) {
      const reason = errorMessage(error);
      log(`  ${label} failed: ${reason}`);
      rows.push(skipped(label, `failed: ${reason.length > 200 ? `${reason.substring(0, 200)}…` : reason}`));
    } finally {
      rmSync(file, { force: true });
      rmSync(snapshot, { force: true });
    }
  }
  rows.unshift(...dblpRows(runs));
  return rows;
}

/** The rows for the runs made: each figure beside its target (judged at DBLP's size only), then the extrapolation. */
export function dblpRows(runs: readonly DblpRun[]): Comparison[] {
  const rows: Comparison[] = [];
  const atSize = (papers: number, target: number) => (papers >= DBLP_PAPERS ? target : null);
  for (const run of runs) {
    const size = `${run.papers.toLocaleString('en')} papers`;
    const scaleNote = run.papers >= DBLP_PAPERS ? '' : `; the target is for ${DBLP_PAPERS.toLocaleString('en')} papers`;
    rows.push(
      {
        what: `build (parse, network, local metrics, estimates, write), ${size}`,
        unit: 'seconds',
        ours: run.buildSeconds,
        peer: null,
        theirs: null,
        target: atSize(run.papers, DBLP_TARGETS.buildSeconds),
        note: `${run.authors.toLocaleString('en')} authors, ${run.authorships.toLocaleString('en')} authorships${scaleNote}`,
      },
      {
        what: `build peak memory, ${size}`,
        unit: 'kilobytes',
        ours: run.buildPeakKb,
        peer: null,
        theirs: null,
        target: atSize(run.papers, DBLP_TARGETS.buildPeakKb),
      },
      {
        what: `start to ready serving the snapshot, ${size}`,
        unit: 'seconds',
        ours: run.readySeconds,
        peer: null,
        theirs: null,
        target: atSize(run.papers, DBLP_TARGETS.readySeconds),
      },
      {
        what: `resident memory at ready serving the snapshot, ${size}`,
        unit: 'kilobytes',
        ours: run.residentKb,
        peer: null,
        theirs: null,
        target: atSize(run.papers, DBLP_TARGETS.residentKb),
      },
      {
        what: `first betweenness ranking served from the snapshot's estimates, ${size}`,
        unit: 'seconds',
        ours: run.firstRankingSeconds,
        peer: null,
        theirs: null,
        target: null,
        met: run.estimatesServed,
      },
    );
  }
  const figures: [string, 'seconds' | 'kilobytes', (run: DblpRun) => number | null, number][] = [
    ['build', 'seconds', (run) => run.buildSeconds, DBLP_TARGETS.buildSeconds],
    ['build peak memory', 'kilobytes', (run) => run.buildPeakKb, DBLP_TARGETS.buildPeakKb],
    ['start to ready serving the snapshot', 'seconds', (run) => run.readySeconds, DBLP_TARGETS.readySeconds],
    ['resident memory at ready', 'kilobytes', (run) => run.residentKb, DBLP_TARGETS.residentKb],
  ];
  for (const [what, unit, value, target] of figures) {
    const points = runs.flatMap((run) => {
      const figure = value(run);
      return figure === null ? [] : [[run.papers, figure] as const];
    });
    const estimate = extrapolate(points, DBLP_PAPERS);
    if (estimate === null) continue;
    rows.push({
      what: `${what}, ${DBLP_PAPERS.toLocaleString('en')} papers (extrapolated)`,
      unit,
      ours: estimate,
      peer: null,
      theirs: null,
      target: null,
      note: `linear from the two largest sizes run; target ${unit === 'seconds' ? `${target} s` : `${(target * 1024) / 1e9} GB`}, ${estimate <= target ? 'would be met' : 'would be missed'}`,
    });
  }
  return rows;
}

function skipped(label: string, note: string): Comparison {
  return {
    what: `build and serve ${label}`,
    unit: 'seconds',
    ours: null,
    peer: null,
    theirs: null,
    target: null,
    note,
  };
}
