import { readFileSync } from 'node:fs';
import { parseFile } from './ingest/load.ts';
import { parseJsonPapers } from './ingest/json-papers.ts';
const [mode, file] = process.argv.slice(2);
const t = Date.now();
const result = mode === 'whole' ? parseJsonPapers(readFileSync(file!, 'utf8'), file!, 'jsonl') : parseFile(file!);
console.log(mode, result.papers.length, 'papers', Date.now() - t, 'ms');
