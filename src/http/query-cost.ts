/**
 * The limit on a query's cost (the cost model is in src/api/complexity.ts): computed from the
 * operation and its variables when execution starts, before any resolver runs. Not a validation rule,
 * because the cost depends on the variables (`first: $n`) while validation results are cached per
 * document; an operation without variables has its cost remembered with its (cached) document.
 *
 * Meta fields (`__typename`, `__schema`, `__type`) are free: Apollo Client and urql add `__typename`
 * to every selection, and a query must cost the same from them as from GraphiQL or curl.
 */
import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  getOperationAST,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../api/builder.ts';
import { costContext } from '../api/complexity.ts';
import { codedError, errors } from '../api/errors.ts';

/**
 * The cost of the operation that will run; null when it cannot be known here (no such operation,
 * variables that do not fit their types): execution then refuses the request before any resolver runs.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | null | undefined,
  context: Pick<Context, 'data'>,
): number | null {
  const operation = getOperationAST(document, operationName);
  if (operation == null) return null;
  const fragments = document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  const priced: DocumentNode = withoutMetaFields({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] });
  try {
    return complexityFromQuery(priced, { schema, ctx: costContext(context, priced, operation, variables), variables })
      .complexity;
  } catch (error) {
    if (error instanceof GraphQLError) return null; // variables that do not coerce: execution says which
    throw error;
  }
}

/** The document without its meta fields (`__typename`, `__schema`, `__type`), which cost nothing. */
function withoutMetaFields(document: DocumentNode): DocumentNode {
  return visit(document, { Field: (node) => (node.name.value.startsWith('__') ? null : undefined) });
}

export function useQueryCostLimit(maxCost: number): Plugin {
  // Per document and per network served (prices depend on the network: a reload may change them).
  const withoutVariables = new WeakMap<DocumentNode, WeakMap<object, Map<string, number | null>>>();
  const costOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown>,
    operationName: string | null | undefined,
    context: Pick<Context, 'data'>,
  ) => {
    const operation = getOperationAST(document, operationName);
    if (operation != null && (operation.variableDefinitions?.length ?? 0) > 0)
      return queryCost(schema, document, variables, operationName, context);
    let byNetwork = withoutVariables.get(document);
    if (byNetwork === undefined) withoutVariables.set(document, (byNetwork = new WeakMap()));
    let costs = byNetwork.get(context.data);
    if (costs === undefined) byNetwork.set(context.data, (costs = new Map<string, number | null>()));
    const key = operationName ?? '';
    if (!costs.has(key)) costs.set(key, queryCost(schema, document, variables, operationName, context));
    return costs.get(key) ?? null;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = costOf(
        args.schema as GraphQLSchema,
        args.document as DocumentNode,
        (args.variableValues ?? {}) as Record<string, unknown>,
        args.operationName as string | null | undefined,
        args.contextValue as unknown as Pick<Context, 'data'>,
      );
      if (cost !== null && cost > maxCost) {
        setResultAndStopExecution({
          errors: [codedError(errors.queryTooComplex, { limit: maxCost, cost })],
        });
      }
    },
  };
}
