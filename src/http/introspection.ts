/**
 * Introspection off: `__schema` and `__type` are refused (graphql-js's own rule, with our code), and
 * error messages stop suggesting names ("Did you mean "name"?"), which would otherwise let a client
 * rebuild the schema by guessing. `__typename` stays: clients need it and it reveals nothing.
 */
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, rejection } from '../api/errors.ts';

/** graphql-js's rule, its reports given our code. */
const noIntrospection: ValidationRule = (context) => {
  const recoded = Object.create(context) as ValidationContext;
  recoded.reportError = (error) => context.reportError(Object.assign(rejection(ErrorCode.introspectionDisabled, `${error.message.replace(/\.$/u, '')}: introspection is turned off on this server.`), { nodes: error.nodes }));
  return NoSchemaIntrospectionCustomRule(recoded);
};

const SUGGESTION = / ?Did you mean [^?]*\?/gu;

function withoutSuggestions<E extends Error>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError) || !error.message.includes('Did you mean')) return error;
  return new GraphQLError(error.message.replace(SUGGESTION, '').trim(), {
    nodes: error.nodes ?? null, source: error.source ?? null, positions: error.positions ?? null, path: error.path ?? null, originalError: error.originalError ?? null, extensions: error.extensions,
  });
}

export function useIntrospectionOff(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noIntrospection);
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map(withoutSuggestions));
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if ('errors' in result && result.errors !== undefined) setResult({ ...result, errors: result.errors.map(withoutSuggestions) });
        },
      };
    },
  };
}
