/**
 * A JSON document as jsonc-parser's syntax tree (which keeps every value's offset, for line numbers),
 * parsed strictly: no comments, no trailing commas.
 *
 * jsonc-parser builds the tree by recursion, so a few thousand nested brackets (`[[[[…`, a 10 kB
 * file) would overflow the stack and crash the load. Nesting is therefore measured first, by its
 * scanner, which does not recurse; a document nested deeper than any paper record could need is
 * refused with the offset where it goes too deep.
 */
import { type Node, type ParseError, createScanner, parseTree, printParseErrorCode } from 'jsonc-parser';

/** Far deeper than any record needs (papers nest three levels, OpenAlex works five), far below the stack's limit. */
export const MAX_JSON_DEPTH = 256;

// jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot read).
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/** Why the text is not a document: jsonc-parser's error in words ("comma expected"), and where. */
export interface JsonSyntaxError {
  readonly what: string;
  readonly offset: number;
}

export function parseJsonTree(text: string): { readonly root: Node } | { readonly error: JsonSyntaxError } {
  const tooDeep = excessiveNesting(text);
  if (tooDeep >= 0) return { error: { what: `nested deeper than ${MAX_JSON_DEPTH} levels`, offset: tooDeep } };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const syntaxError = errors[0];
  if (syntaxError !== undefined)
    return { error: { what: describeParseError(syntaxError), offset: syntaxError.offset } };
  if (root === undefined) return { error: { what: 'no value', offset: 0 } };
  return { root };
}

/** The offset of the bracket that first opens level MAX_JSON_DEPTH + 1, or -1. */
function excessiveNesting(text: string): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return scanner.getTokenOffset();
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

/** "CommaExpected" → "comma expected". */
function describeParseError(error: ParseError): string {
  return printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/gu, '$1 $2')
    .toLowerCase();
}
