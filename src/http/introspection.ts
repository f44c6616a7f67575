/**
 * Introspection off: `__schema` and `__type` are refused (graphql-js's own rule, with our code), and
 * error messages stop suggesting names ("Did you mean "name"?"), which would otherwise let a client
 * rebuild the schema by guessing. `__typename` stays: clients need it and it reveals nothing.
 */
import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { codedError, errors } from '../api/errors.ts';

/** `__schema` and `__type` are the only ways into the schema's description (as graphql-js's NoSchemaIntrospectionCustomRule, one error per way in). */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(codedError(errors.introspectionDisabled, { field: node.name.value }, node));
    }
  },
});

const SUGGESTION = / ?Did you mean [^?]*\?/gu;

function withoutSuggestions<E extends Error>(error: E): E | GraphQLError {
  if (!(error instanceof GraphQLError) || !error.message.includes('Did you mean')) return error;
  return new GraphQLError(error.message.replace(SUGGESTION, '').trim(), {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    originalError: error.originalError ?? null,
    extensions: error.extensions,
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
          if ('errors' in result && result.errors !== undefined)
            setResult({ ...result, errors: result.errors.map(withoutSuggestions) });
        },
      };
    },
  };
}
