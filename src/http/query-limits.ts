/**
 * Limits on the shape of a query, checked while it is parsed and validated, before anything runs:
 * depth, aliases, directives (graphql-armor's validation rules) and tokens (graphql-armor's counting
 * parser). Each rejection is a GraphQL error with its own code and a message giving the limit and
 * what the query had.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import {
  type GraphQLError,
  Lexer,
  type ParseOptions,
  Source,
  TokenKind,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, type ErrorCodeValue, rejection } from '../api/errors.ts';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxTokens: number;
}

/** graphql-armor's message ends with "…, found N."; the count is what the query had. */
function foundIn(error: GraphQLError): number | null {
  const match = /found (\d+)/u.exec(error.message);
  return match ? Number(match[1]) : null;
}

/**
 * One of graphql-armor's rules, reporting our error instead of its own: armor calls `onReject` with
 * the validation context and its error, and (with `propagateOnRejection: false`) reports nothing itself.
 */
function armorRule(
  rule: (options: {
    n: number;
    propagateOnRejection: boolean;
    onReject: ((context: ValidationContext | null, error: GraphQLError) => void)[];
  }) => ValidationRule,
  limit: number,
  code: ErrorCodeValue,
  describe: (limit: number, found: number | null) => string,
): ValidationRule {
  return rule({
    n: limit,
    propagateOnRejection: false,
    onReject: [
      (context, error) =>
        context?.reportError(
          rejection(code, describe(limit, foundIn(error)), { extensions: { limit, found: foundIn(error) } }),
        ),
    ],
  });
}

/** Counts every token of a query, to say how many a rejected one had (the body limit bounds the work). */
function countTokens(source: string | Source): number {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A syntax error further on: the count so far is still more than the limit.
  }
  return count;
}

export function useQueryLimits(limits: QueryLimits): Plugin {
  const rules = [
    armorRule(
      maxDepthRule,
      limits.maxDepth,
      ErrorCode.queryTooDeep,
      (limit, found) => `The query is nested ${found} levels deep; the limit is ${limit}.`,
    ),
    armorRule(
      maxAliasesRule,
      limits.maxAliases,
      ErrorCode.tooManyAliases,
      (limit, found) => `The query uses ${found} aliases; the limit is ${limit}.`,
    ),
    armorRule(
      maxDirectivesRule,
      limits.maxDirectives,
      ErrorCode.tooManyDirectives,
      (limit, found) => `The query uses ${found} directives; the limit is ${limit}.`,
    ),
  ];
  const parseWithTokenLimit = (source: string | Source, options?: ParseOptions) => {
    let rejected = false;
    const parser = new MaxTokensParserWLexer(source, {
      ...options,
      n: limits.maxTokens,
      onReject: [
        () => {
          rejected = true;
        },
      ],
      propagateOnRejection: true,
    } as never);
    try {
      return parser.parseDocument();
    } catch (error) {
      if (!rejected) throw error;
      const found = countTokens(source);
      throw rejection(ErrorCode.tooManyTokens, `The query has ${found} tokens; the limit is ${limits.maxTokens}.`, {
        extensions: { limit: limits.maxTokens, found },
      });
    }
  };
  return {
    onParse({ setParseFn }) {
      setParseFn(parseWithTokenLimit);
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}
