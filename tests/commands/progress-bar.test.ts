import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/commands/load-data.ts';
import { progressBar } from '../../src/commands/progress-bar.ts';
import { checkConfig } from '../../src/config.ts';
import { tempFiles } from '../helpers/files.ts';

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return {
    writes,
    stream: {
      isTTY,
      columns: 100,
      write: (text: string) => {
        writes.push(text);
      },
    },
  };
}

describe('progressBar', () => {
  it('draws on a terminal for a large input, at most once per interval, always at 100%, and clears itself', () => {
    const { writes, stream } = terminal(true);
    let time = 0;
    const bar = progressBar(stream, { minBytes: 100, interval: 100, now: () => time });
    bar.update({ file: 'big.jsonl', bytesRead: 50, totalBytes: 200 });
    time = 50;
    bar.update({ file: 'big.jsonl', bytesRead: 100, totalBytes: 200 }); // too soon: not drawn
    time = 60;
    bar.update({ file: 'big.jsonl', bytesRead: 200, totalBytes: 200 }); // the end is always drawn
    bar.done();
    expect(writes).toEqual([
      `\rloading big.jsonl [########----------------------]  25% 0.0/0.0 MB\u001b[K`,
      `\rloading big.jsonl [##############################] 100% 0.0/0.0 MB\u001b[K`,
      '\r\u001b[K',
    ]);
  });

  it('stays quiet when not a terminal, and for small inputs', () => {
    const pipe = terminal(false);
    const notTerminal = progressBar(pipe.stream, { minBytes: 0 });
    notTerminal.update({ file: 'x', bytesRead: 1, totalBytes: 1 });
    notTerminal.done();
    const small = terminal(true);
    const smallBar = progressBar(small.stream, { minBytes: 1000 });
    smallBar.update({ file: 'x', bytesRead: 10, totalBytes: 10 });
    smallBar.done();
    expect([pipe.writes, small.writes]).toEqual([[], []]);
  });

  it('hears the loader read a streamed file to its end', () => {
    const line = `${JSON.stringify({ title: 'A Paper', authors: ['Ann Lee', 'Bo Chen'] })}\n`;
    const { 'big.jsonl': file } = tempFiles({ 'big.jsonl': line.repeat(40_000) });
    const { writes, stream } = terminal(true);
    const loaded = loadData(
      { ...checkConfig(['--data', file as string]) },
      progressBar(stream, { minBytes: 0, interval: 0 }),
    );
    expect(loaded.load?.recordCount).toBe(40_000);
    expect(writes.length).toBeGreaterThan(2);
    expect(writes.at(-2)).toContain('100%');
    expect(writes.at(-1)).toBe('\r\u001b[K');
  });
});
