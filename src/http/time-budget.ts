/**
 * Every GraphQL request gets a time budget. When it runs out, the client gets an error with code
 * `TIMEOUT` (HTTP 504) at once, and the request's `AbortSignal` fires so the work it started is
 * abandoned: a layout or export in a worker thread is stopped by terminating that worker. The signal
 * also fires when the client goes away.
 *
 * Work on the event loop itself cannot be interrupted; it is kept short by the query limits, graph
 * searches run in slices that check the signal (src/analysis/search-slices.ts), and everything that
 * can take long runs in worker threads (see `src/work/request-work.ts`). Whatever held the event loop,
 * an answer that is ready only after the budget ran out is TIMEOUT, never data: the timer could not
 * fire while the loop was held, so the deadline is checked when the work settles too.
 */
import type { ExecutionResult } from 'graphql';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { codedError, errors, formatBudget } from '../api/errors.ts';

export interface RequestBudget {
  /** Fires when the budget runs out or the client disconnects. */
  readonly signal: AbortSignal;
  /** The result of `work` (started here, so the budget counts what it does on the event loop), or the TIMEOUT error when the budget runs out first. */
  race(work: () => Promise<ExecutionResult>): Promise<ExecutionResult>;
}

export function timeoutError(milliseconds: number): GraphQLError {
  return codedError(errors.timeout, { budgetMs: milliseconds });
}

/** A budget starting now; `clientGone` is the request's own signal. */
export function requestBudget(milliseconds: number, clientGone?: AbortSignal): RequestBudget {
  const controller = new AbortController();
  const signal = clientGone === undefined ? controller.signal : AbortSignal.any([controller.signal, clientGone]);
  return {
    signal,
    race(work) {
      const deadline = performance.now() + milliseconds;
      let timer: NodeJS.Timeout | undefined;
      const expire = (): ExecutionResult => {
        if (!controller.signal.aborted)
          controller.abort(new Error(`time budget of ${formatBudget(milliseconds)} exceeded`));
        return { errors: [timeoutError(milliseconds)] };
      };
      const expired = new Promise<ExecutionResult>((resolve) => {
        timer = setTimeout(() => resolve(expire()), milliseconds);
      });
      const inTime = work().then((result) => (performance.now() >= deadline ? expire() : result));
      return Promise.race([inTime, expired]).finally(() => clearTimeout(timer));
    },
  };
}

/** Races each execution against the budget the context carries. */
export function useTimeBudget(): Plugin<{ budget: RequestBudget }> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const { budget } = args.contextValue;
      setExecuteFn((executionArgs) =>
        budget.race(async () => executeFn(executionArgs) as Promise<ExecutionResult> | ExecutionResult),
      );
    },
  };
}
