import { describe, expect, it } from 'vitest';
import { fileChunks, fileLines } from '../../src/ingest/file-chunks.ts';
import { parseJsonLinesFile } from '../../src/ingest/json-papers.ts';
import { tempFiles } from '../helpers/files.ts';

const MiB = 1 << 20;

describe('fileChunks and fileLines', () => {
  it('reads a large file in pieces of at most 1 MiB, reporting progress, and joins characters split between pieces', () => {
    // "é" is two bytes: with 1 MiB - 1 ASCII bytes first, it straddles the first boundary.
    const text = `${'a'.repeat(MiB - 1)}é${'b'.repeat(2 * MiB)}`;
    const { big } = tempFiles({ big: text });
    const progress: number[] = [];
    const chunks = [...fileChunks(big as string, { onProgress: (read) => progress.push(read) })];
    expect(chunks.length).toBeGreaterThan(2);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(MiB);
    expect(chunks.join('')).toBe(text);
    expect(progress.at(-1)).toBe(Buffer.byteLength(text));
  });

  it('splits lines on LF, CRLF and CR, also when a CRLF straddles two pieces', () => {
    const first = 'x'.repeat(MiB - 1);
    const { lines } = tempFiles({ lines: `${first}\r\nsecond\rthird\nlast` });
    expect(
      [...fileLines(lines as string)].map(({ text, line }) => [text.length > 10 ? text.length : text, line]),
    ).toEqual([
      [MiB - 1, 1],
      ['second', 2],
      ['third', 3],
      ['last', 4],
    ]);
  });

  it('streams JSON Lines with the same papers and problems as reading the text whole', () => {
    const { 'papers.jsonl': papers } = tempFiles({
      'papers.jsonl':
        '\uFEFF{"title": "A", "authors": ["Ann Lee"]}\r\n\r\nnot json\r\n{"title": "B", "authors": ["Bo Chen", "Ann Lee"], "year": 2020}',
    });
    const result = parseJsonLinesFile(papers as string);
    expect(result.papers.map((paper) => [paper.title, paper.source.line])).toEqual([
      ['A', 1],
      ['B', 4],
    ]);
    expect(result.problems.map((problem) => [problem.line, problem.severity])).toEqual([[3, 'error']]);
  });
});
