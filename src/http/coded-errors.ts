/**
 * Codes for the two refusals graphql-js words but does not code:
 * - a mutation where the schema has none: refused before it runs with `OPERATION_NOT_SUPPORTED`
 *   (graphql-js would say "Schema is not configured to execute mutation operation." with no code;
 *   the one subscription, centralityProgress, runs over server-sent events). The curation mutations are the only writes, and
 *   curation-auth.ts lets only a bearer token with a curator role run them;
 * - variables that do not coerce to their declared types (missing, `null` for a non-null type, a
 *   string for an `Int`): `BAD_USER_INPUT` with `extensions.variable` naming the variable, status 400.
 * The variables are coerced here with graphql-js's own `getVariableValues`, as execution would.
 */
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  OperationTypeNode,
  getOperationAST,
  getVariableValues,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { codedError, errors } from '../api/errors.ts';

function unsupported(operation: OperationDefinitionNode): GraphQLError {
  return codedError(errors.operationNotSupported, { operation: operation.operation }, operation);
}

export function useCodedErrors(): Plugin {
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: unknown };
    setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
  }) => {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation == null) return; // execution says why (no such operation)
    if (operation.operation === OperationTypeNode.MUTATION && args.schema.getMutationType() == null) {
      setResultAndStopExecution({ errors: [unsupported(operation)] });
      return;
    }
    const coerced = getVariableValues(
      args.schema,
      operation.variableDefinitions ?? [],
      (args.variableValues ?? {}) as Record<string, unknown>,
      { maxErrors: 50 },
    );
    if (coerced.errors !== undefined) {
      setResultAndStopExecution({
        errors: coerced.errors.map((error) => {
          // graphql-js points each error at the variable's definition (or its type): the name comes from there.
          const node = error.nodes?.[0];
          const definition = operation.variableDefinitions?.find((d) => d === node || d.type === node);
          const variable = definition?.variable.name.value;
          return codedError(errors.badVariable, { reason: error.message, variable }, node);
        }),
      });
    }
  };
  return { onExecute: check, onSubscribe: check };
}
