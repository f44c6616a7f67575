/** Resident memory of a process from /proc/PID/status, and the soak's verdict on its growth. */
import { readFileSync } from 'node:fs';

/** A `Vm...:  123 kB` field of /proc/PID/status text, in kB; null when absent. */
export function parseStatusKb(status: string, field: 'VmRSS' | 'VmHWM' | 'VmSize'): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB\\s*$`, 'mu').exec(status);
  return match === null ? null : Number(match[1]);
}

/** VmRSS of a process in kB (threads included), or null where /proc is not available or it has exited. */
export function residentKb(pid: number): number | null {
  try {
    return parseStatusKb(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
  } catch {
    return null;
  }
}

export interface RssSample {
  /** Seconds since the soak started (after its warm-up). */
  readonly seconds: number;
  readonly kb: number;
}

export interface SoakVerdict {
  readonly startKb: number;
  readonly endKb: number;
  readonly peakKb: number;
  /** (end − start) / start, in percent. */
  readonly growthPercent: number;
  readonly limitPercent: number;
  readonly passed: boolean;
}

/** Start is the first sample, end the last; passes when growth stays under the limit. */
export function judgeSoak(samples: readonly RssSample[], limitPercent: number): SoakVerdict | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) return null;
  const growthPercent = ((last.kb - first.kb) / first.kb) * 100;
  return {
    startKb: first.kb,
    endKb: last.kb,
    peakKb: Math.max(...samples.map((sample) => sample.kb)),
    growthPercent,
    limitPercent,
    passed: growthPercent < limitPercent,
  };
}
