/**
 * Debian's Python at /usr/bin/python3 and the modules the reference tests read exports with (NetworkX):
 * tests that run it ask here first (see requirements.ts).
 */
import { spawnSync } from 'node:child_process';
import { requirement } from './requirements.ts';

export const PYTHON = '/usr/bin/python3';

/** Whether `PYTHON` runs and imports `module` (`''`: whether it runs at all). */
export function pythonHas(module: string, python = PYTHON): boolean {
  const result = spawnSync(python, ['-c', module === '' ? 'pass' : `import ${module}`], { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/** Whether tests that run Python's standard library run here. */
export function pythonAvailable(): boolean {
  return requirement(`Python 3 at ${PYTHON}`, pythonHas(''), "Install Debian's Python (apt-get install python3).");
}

/** Whether tests that read exports back with NetworkX (the project's reference) run here. */
export function networkxAvailable(): boolean {
  return requirement(
    `NetworkX for ${PYTHON}`,
    pythonHas('networkx'),
    "Install Debian's NetworkX (apt-get install python3-networkx).",
  );
}
