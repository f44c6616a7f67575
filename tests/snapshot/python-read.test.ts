/**
 * The README's Python example reads a snapshot with pyarrow. It runs here when pyarrow can be
 * imported by /usr/bin/python3 (Debian has no package for it; `pip install pyarrow` elsewhere); without
 * it the test is skipped, and says so. What needs no pyarrow (the container read by Python's own
 * zipfile) is checked in snapshot-file.test.ts either way.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCentrality } from '../../src/analysis/centrality.ts';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import { writeSnapshotFile } from '../../src/snapshot/snapshot-file.ts';
import { snapshotMetricsOf } from '../../src/snapshot/snapshot-metrics.ts';
import { loadSeedNetwork } from '../helpers/networks.ts';

const PYTHON = '/usr/bin/python3';
const hasPyarrow = spawnSync(PYTHON, ['-c', 'import pyarrow'], { stdio: 'ignore' }).status === 0;
if (!hasPyarrow)
  console.warn(
    "snapshot/python-read: skipped: pyarrow is not installed for /usr/bin/python3 (pip install pyarrow to run the README's example)",
  );

function readmeExample(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const after = readme.slice(readme.indexOf('**Reading it from Python**'));
  const match = /```python\n([\s\S]*?)```/u.exec(after);
  if (match === null) throw new Error('README: no Python example after "Reading it from Python"');
  return match[1] as string;
}

describe.skipIf(!hasPyarrow)('the README reads a snapshot from Python with pyarrow', () => {
  it('prints the network version and the top authors by PageRank', () => {
    const network = loadSeedNetwork();
    const directory = mkdtempSync(join(tmpdir(), 'snapshot-python-'));
    const file = join(directory, 'acl.cgsnap');
    const manifest = writeSnapshotFile(file, {
      inputKey: null,
      columns: network.columns,
      stats: computeGraphStats(network),
      duplicatesMerged: 0,
      metrics: snapshotMetricsOf(computeCentrality(network).columns()),
    });
    writeFileSync(join(directory, 'example.py'), readmeExample());
    const output = execFileSync(PYTHON, ['example.py'], { cwd: directory, encoding: 'utf8' });
    expect(output).toContain(manifest.networkVersion);
    expect(output).toContain('David Duvenaud');
  });
});

describe("the README's Python example", () => {
  it('is there and names the tables it reads', () => {
    const example = readmeExample();
    for (const name of ['manifest.json', 'authors.arrow', 'metrics.arrow']) expect(example).toContain(name);
  });
});
