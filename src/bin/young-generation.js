// The young generations of a process serving a snapshot: kept from growing.
//
// V8 grows a thread's young generation (doubling its semi-spaces) each time as many bytes have
// survived scavenges as it holds. Starting the server allocates mostly objects that live for good
// (the modules, the schema, yoga, the snapshot's column views): each survives a scavenge once, so the
// main thread's young generation had grown to 16 MB before ready though it then held a few MB of live
// objects, and each request worker's to 8 MB. Serving a snapshot parses nothing, so it has no mass of
// short-lived garbage for a larger young generation to spare scavenges on. With V8's growth factor at 1
// the main thread's young generation is 8 MB at ready where it was 16 (V8 still sizes it up at times):
// on the ACL Anthology the start takes the same CPU time and the process is 8–12 MB smaller at ready
// (README, "Serving from a snapshot").
//
// V8 reads the growth factor each time it would grow a young generation, so setting it as the
// process starts applies to every thread, the workers started later included. The command sets it
// (coauthor-graph.js) before any module of the server is loaded: loading them is what grew them. A
// load from raw files keeps V8's default: parsing makes much short-lived garbage, for which a larger
// young generation is worth its memory.
import { setFlagsFromString } from 'node:v8';

/** The V8 flag that stops every young generation of the process from growing. */
export const NO_YOUNG_GENERATION_GROWTH = '--semi-space-growth-factor=1';

/** Whether the command's arguments ask to serve a snapshot (`serve ... --snapshot FILE` or `--snapshot=FILE`). */
export function servesSnapshot(args) {
  return args[0] === 'serve' && args.some((arg) => arg === '--snapshot' || arg.startsWith('--snapshot='));
}

/** Stops the young generations' growth when `args` (the command's, without node and the script) serve a snapshot; says whether it did. */
export function holdYoungGenerationFor(args) {
  if (!servesSnapshot(args)) return false;
  setFlagsFromString(NO_YOUNG_GENERATION_GROWTH);
  return true;
}
