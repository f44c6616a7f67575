/**
 * Every GraphQL request gets a time budget. When it runs out, the client gets an error with code
 * `TIMEOUT` (HTTP 504) at once, and the request's `AbortSignal` fires so the work it started is
 * abandoned: a layout or export in a worker thread is stopped by terminating that worker. The signal
 * also fires when the client goes away.
 *
 * Work on the event loop itself cannot be interrupted; it is kept short by the query limits, and
 * everything that can take long runs in worker threads (see `src/work/request-work.ts`).
 */
import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../api/errors.ts';

export interface RequestBudget {
  /** Fires when the budget runs out or the client disconnects. */
  readonly signal: AbortSignal;
  /** The result of `work`, or the TIMEOUT error when the budget runs out first. */
  race(work: Promise<ExecutionResult>): Promise<ExecutionResult>;
}

export function timeoutError(milliseconds: number): GraphQLError {
  return new GraphQLError(`The request took longer than its time budget of ${formatBudget(milliseconds)} and was stopped; narrow it (smaller first, maxNodes or depth) or try again later.`, {
    extensions: { code: ErrorCode.timeout, budgetMs: milliseconds, http: { status: 504 } },
  });
}

function formatBudget(milliseconds: number): string {
  return milliseconds % 1000 === 0 ? `${milliseconds / 1000} s` : `${milliseconds} ms`;
}

/** A budget starting now; `clientGone` is the request's own signal. */
export function requestBudget(milliseconds: number, clientGone?: AbortSignal): RequestBudget {
  const controller = new AbortController();
  const signal = clientGone === undefined ? controller.signal : AbortSignal.any([controller.signal, clientGone]);
  return {
    signal,
    race(work) {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<ExecutionResult>((resolve) => {
        timer = setTimeout(() => {
          controller.abort(new Error(`time budget of ${formatBudget(milliseconds)} exceeded`));
          resolve({ errors: [timeoutError(milliseconds)] });
        }, milliseconds);
      });
      return Promise.race([work, expired]).finally(() => clearTimeout(timer));
    },
  };
}

/** Races each execution against the budget the context carries. */
export function useTimeBudget(): Plugin<{ budget: RequestBudget }> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const { budget } = args.contextValue;
      setExecuteFn((executionArgs) => budget.race(Promise.resolve(executeFn(executionArgs)) as Promise<ExecutionResult>));
    },
  };
}
