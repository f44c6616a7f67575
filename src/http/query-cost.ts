/**
 * The limit on a query's cost (the cost model is in src/api/complexity.ts): computed from the
 * document and its variables once the operation is known, before any resolver runs. It is checked at
 * the start of execution rather than as a validation rule because the cost depends on the variables
 * (`first: $n`), and validation results are cached per document.
 */
import { createComplexityRule } from '@pothos/plugin-complexity';
import { type DocumentNode, type GraphQLError, type GraphQLSchema, validate } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, rejection } from '../api/errors.ts';

export function queryCostErrors(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null | undefined, context: object, maxCost: number): readonly GraphQLError[] {
  const rule = createComplexityRule({
    context,
    variableValues: variables,
    operationName: operationName ?? undefined,
    validate: ({ complexity }, report) => {
      if (complexity > maxCost) report(rejection(ErrorCode.queryTooComplex, `The query costs ${complexity}; the limit is ${maxCost}. Lists cost their page size (first, maxNodes) times what is selected under them: ask for smaller pages or fewer nested lists.`, { extensions: { limit: maxCost, cost: complexity } }));
    },
  });
  return validate(schema, document, [rule]);
}

export function useQueryCostLimit(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = queryCostErrors(args.schema, args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName, args.contextValue as object, maxCost);
      if (errors.length > 0) setResultAndStopExecution({ errors });
    },
  };
}
