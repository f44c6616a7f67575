import { readFileSync } from 'node:fs';
import { computeAllPairsCentrality, computeAllPairsCentralitySync } from '../analysis/all-pairs-centrality.ts';
import { openPassThreads } from '../work/pass-threads.ts';
const bytes = readFileSync('/tmp/passspeed/g.bin');
const words = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
const order = words[0] as number;
const graph = { order, offsets: words.slice(1, order + 2), neighbors: words.slice(order + 2) };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let r = 0; r < 3; r++) {
  let a = cpu(); let w = performance.now();
  computeAllPairsCentralitySync(graph);
  console.log(`in thread: ${(cpu() - a).toFixed(0)} ms CPU, ${(performance.now() - w).toFixed(0)} ms wall`);
  a = cpu(); w = performance.now();
  await computeAllPairsCentrality(graph).result;
  console.log(`2 threads, own pool: ${(cpu() - a).toFixed(0)} ms CPU, ${(performance.now() - w).toFixed(0)} ms wall`);
  const pool = openPassThreads(2);
  a = cpu(); w = performance.now();
  await computeAllPairsCentrality(graph, { pool, threads: 2 }).result;
  console.log(`2 threads, cold given pool: ${(cpu() - a).toFixed(0)} ms CPU, ${(performance.now() - w).toFixed(0)} ms wall`);
  a = cpu(); w = performance.now();
  await computeAllPairsCentrality(graph, { pool, threads: 2 }).result;
  console.log(`2 threads, warm pool: ${(cpu() - a).toFixed(0)} ms CPU, ${(performance.now() - w).toFixed(0)} ms wall`);
  await pool.close();
}
process.exit(0);
