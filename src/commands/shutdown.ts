/**
 * How `serve` stops. The first SIGTERM or SIGINT turns `/ready` to 503 and drains the server (see
 * http/graceful-drain.ts) for at most the grace period: requests still running shortly before its end
 * (half a second, or a quarter of the period if shorter) are cut so that disposal fits in it. Then the
 * app and the network are disposed (worker threads ended) and the command returns 0.
 *
 * Whatever might still hold the process open after that (a leaked worker, timer or socket) does not:
 * an unref'd timer armed at the first signal calls `exit(0)` when the grace period is over. A second
 * signal during the drain stops at once, with 128 + the signal's number (130 for SIGINT, 143 for
 * SIGTERM), as a process killed by that signal reports in a shell, so a forced stop is told apart from
 * a drained one.
 */
import { constants } from 'node:os';
import type { RunningServer } from '../server.ts';
import type { CommandIO } from './io.ts';

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface ShutdownOptions {
  readonly server: Pick<RunningServer, 'close' | 'cut' | 'inFlight'>;
  /** Grace period in milliseconds. */
  readonly graceMs: number;
  readonly io: CommandIO;
  /** Called on the first signal, before anything else: `/ready` answers 503 from then on. */
  readonly notReady: () => void;
  /** Runs after the drain: disposes the network (and its worker threads), watchers and so on. */
  readonly dispose: () => void | Promise<void>;
  /** Where signals come from (default: the process). */
  readonly signals?: SignalSource;
  /** Ends the process when something holds it open (default: `process.exit`). */
  readonly exit?: (code: number) => void;
  /**
   * Runs once the signal handlers are in place: `serve` prints its ready lines here, so that a signal
   * sent on seeing them (an orchestrator, a test) is always drained, never the default kill.
   */
  readonly listening?: () => void;
}

const stopSignals = ['SIGTERM', 'SIGINT'] as const;

/** The part of the grace period requests may use; the rest is left for disposal. */
export function drainWindow(graceMs: number): number {
  // A quarter of a short period: ending the worker threads took over 0.1 s on a busy machine.
  return graceMs - Math.min(500, graceMs / 4);
}

const requests = (count: number) => `${count} request${count === 1 ? '' : 's'}`;

/** Resolves with the exit code once a signal has stopped the server and everything is disposed. */
export function untilShutdown(options: ShutdownOptions): Promise<number> {
  const { server, io } = options;
  const signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const seconds = `${options.graceMs / 1000} s`;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const finish = (code: number) => {
      for (const signal of stopSignals) signals.off(signal, onSignal);
      resolve(code);
    };
    function onSignal(signal: NodeJS.Signals) {
      if (stopping) {
        io.out(`${signal} received again: stopping now; ${requests(server.inFlight())} in flight cut\n`);
        server.cut();
        exit(128 + constants.signals[signal]);
        return;
      }
      stopping = true;
      options.notReady();
      io.out(
        `${signal} received: /ready answers 503, new requests are refused; finishing ${requests(server.inFlight())} in flight (grace period ${seconds}; a second SIGINT or SIGTERM stops at once)\n`,
      );
      setTimeout(() => {
        io.err(`still running ${seconds} after ${signal} (something holds the process open): exiting now\n`);
        exit(0);
      }, options.graceMs).unref();
      void (async () => {
        try {
          const { cut } = await server.close(drainWindow(options.graceMs));
          io.out(
            cut === 0
              ? 'every request in flight finished; stopped\n'
              : `grace period over: ${requests(cut)} still running cut; stopped\n`,
          );
          await options.dispose();
          finish(0);
        } catch (error) {
          io.err(`shutdown failed: ${(error as Error).stack ?? String(error)}\n`);
          finish(1);
        }
      })();
    }
    for (const signal of stopSignals) signals.on(signal, onSignal);
    options.listening?.();
  });
}
