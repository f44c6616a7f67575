/** Temporary data files for command tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempFiles(files: Record<string, string>): Record<string, string> {
  const directory = mkdtempSync(join(tmpdir(), 'coauthor-graph-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const path = join(directory, name);
      writeFileSync(path, text);
      return [name, path];
    }),
  );
}

/** Captures what a command writes. */
export function captureIO() {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => {
      io.stdout += text;
    },
    err: (text: string) => {
      io.stderr += text;
    },
  };
  return io;
}
