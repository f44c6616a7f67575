/** `coauthor-graph schema`: print the SDL, write it (`--out`), or fail when a file is stale (`--check`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { printSortedSchema } from '../api/schema.ts';
import { schemaConfig } from '../config.ts';
import type { CommandIO } from './io.ts';

export function schemaCommand(args: readonly string[], io: CommandIO): number {
  const config = schemaConfig(args);
  const sdl = printSortedSchema();
  if (config.check !== null) {
    let current = '';
    try {
      current = readFileSync(config.check, 'utf8');
    } catch {
      current = '';
    }
    if (current !== sdl) {
      io.err(`${config.check} is out of date with the code: run "npm run schema:print" and commit the result\n`);
      return 1;
    }
    io.out(`${config.check} is up to date\n`);
    return 0;
  }
  if (config.out !== null) {
    writeFileSync(config.out, sdl);
    io.out(`wrote ${config.out}\n`);
    return 0;
  }
  io.out(sdl);
  return 0;
}
