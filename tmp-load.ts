import { loadFiles } from './src/ingest/load.ts';
const load = loadFiles({ files: ['/work/shared/datasets/acl-anthology-2025-11.jsonl'], aliasFile: null, format: null });
console.log(load.catalog.papers.length);
