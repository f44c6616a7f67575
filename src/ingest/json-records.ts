/**
 * The records of a JSON document with the line each starts on, for readers of JSON-shaped sources
 * (CSL-JSON, OpenAlex). jsonc-parser's syntax tree keeps offsets; a syntax error anywhere means the
 * structure cannot be trusted, so it is one error and nothing loads.
 */
import { type Node, getNodeValue } from 'jsonc-parser';
import { parseJsonTree } from './json-tree.ts';
import { lineLocator } from './line-locator.ts';
import type { PaperRecord, Problem, SourceLocation } from './records.ts';

/** What reading one record gives: a paper, or why it was not loaded. */
export type RecordReading = PaperRecord | { readonly severity: Problem['severity']; readonly message: string };

export interface JsonDocument {
  readonly root: Node;
  readonly lineOf: (offset: number) => number;
}

/** The parsed tree, or the one error that stops the file from loading. */
export function parseJsonDocument(text: string, file: string): JsonDocument | Problem {
  const body = text.replace(/^\uFEFF/u, '');
  const lineOf = lineLocator(body);
  const tree = parseJsonTree(body);
  if ('error' in tree) {
    return {
      severity: 'error',
      file,
      line: lineOf(tree.error.offset),
      message: `invalid JSON, nothing loaded: ${tree.error.what}`,
    };
  }
  return { root: tree.root, lineOf };
}

/** The value of a property of an object node, or undefined. */
export function propertyNode(node: Node, key: string): Node | undefined {
  if (node.type !== 'object') return undefined;
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name?.value === key) return value;
  }
  return undefined;
}

/** Reads every element of an array node with `read`, collecting papers and problems ("record N", from 1). */
export function readArrayRecords(
  list: Node,
  document: JsonDocument,
  file: string,
  read: (value: unknown, source: SourceLocation) => RecordReading,
): { papers: PaperRecord[]; problems: Problem[] } {
  const papers: PaperRecord[] = [];
  const problems: Problem[] = [];
  (list.children ?? []).forEach((node, index) => {
    const line = document.lineOf(node.offset);
    const result = read(getNodeValue(node), { file, line });
    if ('severity' in result)
      problems.push({ severity: result.severity, file, line, message: `record ${index + 1} ${result.message}` });
    else papers.push(result);
  });
  return { papers, problems };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, cleaned of nothing but surrounding space, or null when absent, null or not a string. */
export function stringField(object: Record<string, unknown>, key: string): string | null {
  const value = object[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
