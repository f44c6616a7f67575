/**
 * Operations on a network served from a snapshot whose tables are read when first used
 * (snapshot/lazy-snapshot.ts): a resolver that touches a column not read yet cannot wait for it, so
 * the access starts the read and throws. This runs the operation, and when any access missed a table
 * while it ran (even one whose error was caught on the way), waits for the reads and runs it again:
 * queries only read, so running one again is safe. Mutations and subscriptions get every table read
 * before they start. A table that cannot be read (the file changed since start) answers
 * `UNAVAILABLE` saying so, never a value from another file.
 */
import { type DocumentNode, type ExecutionResult, GraphQLError, OperationTypeNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { codedErrorInPlaceOf, errors } from '../api/errors.ts';
import type { LazyTables } from '../snapshot/lazy-snapshot.ts';
import { SnapshotFormatError } from '../snapshot/zip-store.ts';

/** More runs than there are lazy tables would mean a table that never reads: stop there. */
const MAX_RUNS = 12;

/**
 * `tablesOf`: the lazy tables of the network an operation is answered from (its context), or null
 * when that network is held whole; a replica serves one version after another, each its own file.
 * Null for an app that never serves a lazily read network: no plugin.
 */
export function useLazyColumns<Context>(tablesOf: ((context: Context) => LazyTables | null) | null): Plugin {
  if (tablesOf === null) return {};
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const tables = tablesOf(args.contextValue as Context);
      if (tables === null) return;
      const operation = getOperationAST(args.document as DocumentNode, args.operationName as string | undefined);
      const readsOnly = operation?.operation === OperationTypeNode.QUERY;
      setExecuteFn(async (executionArgs) => {
        if (!readsOnly) await tables.loadAll().catch(() => {});
        let result!: ExecutionResult;
        for (let run = 0; run < MAX_RUNS; run += 1) {
          const misses = tables.misses();
          result = (await executeFn(executionArgs)) as ExecutionResult;
          if (tables.misses() === misses) break;
          await tables.settled();
        }
        return withUnreadableCoded(result);
      });
    },
  };
}

/** A table that could not be read, as the coded error it is (not a masked "Unexpected error"). */
function withUnreadableCoded(result: ExecutionResult): ExecutionResult {
  if (result.errors === undefined) return result;
  let changed = false;
  const coded = result.errors.map((error) => {
    const original = error instanceof GraphQLError ? error.originalError : null;
    if (!(original instanceof SnapshotFormatError)) return error;
    changed = true;
    return codedErrorInPlaceOf(errors.snapshotUnreadable, { reason: original.message }, error);
  });
  return changed ? { ...result, errors: coded } : result;
}
