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
import { Lexer, type ParseOptions, Source, TokenKind, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type ErrorDefinition, codedError, errors } from '../api/errors.ts';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxTokens: number;
}

/**
 * One of graphql-armor's rules, with armor counting and us judging: given no limit of its own, armor
 * hands its count to `onAccept` for every operation (as a number, not inside a message to be parsed
 * back), and the rule reports our error when the count is over `limit`.
 */
function armorRule(
  rule: (options: {
    n: number;
    propagateOnRejection: boolean;
    onAccept: ((context: ValidationContext | null, details: { readonly n: number }) => void)[];
  }) => ValidationRule,
  limit: number,
  definition: ErrorDefinition<{ limit: number; found: number }>,
): ValidationRule {
  return rule({
    n: Number.POSITIVE_INFINITY,
    propagateOnRejection: false,
    onAccept: [
      (context, { n: found }) => {
        if (found > limit) context?.reportError(codedError(definition, { limit, found }));
      },
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
    armorRule(maxDepthRule, limits.maxDepth, errors.queryTooDeep),
    armorRule(maxAliasesRule, limits.maxAliases, errors.tooManyAliases),
    armorRule(maxDirectivesRule, limits.maxDirectives, errors.tooManyDirectives),
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
      throw codedError(errors.tooManyTokens, { limit: limits.maxTokens, found });
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
