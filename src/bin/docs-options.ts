// `npm run docs:options`: writes the option tables (src/options.ts) into the README between its
// <!-- options:begin --> and <!-- options:end --> markers; `--check` exits 1 when they differ instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { withOptionTables } from '../commands/help.ts';

const readme = new URL('../../README.md', import.meta.url);
const text = readFileSync(readme, 'utf8');
const updated = withOptionTables(text);
if (process.argv.includes('--check')) {
  if (updated !== text) {
    process.stderr.write('README.md: the option tables differ from src/options.ts; run npm run docs:options\n');
    process.exitCode = 1;
  }
} else if (updated !== text) {
  writeFileSync(readme, updated);
  process.stdout.write('README.md: option tables written\n');
}
