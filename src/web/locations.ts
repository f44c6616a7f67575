/**
 * Where the explorer's files are: its sources (src/web) and the bundle built from them (src/web/dist,
 * written by `npm run build:web`, which `npm install` runs). Shared by the build script and the server,
 * which only reads what was built: it never bundles anything itself.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * src/web: this file's folder when it runs from the sources; the package's src/web when it runs inside
 * the server's bundle in .build/ (src/bin/build-server.js), one level below the package root.
 */
export const webDirectory = existsSync(join(here, 'index.html')) ? here : join(here, '..', 'src', 'web');
export const bundleDirectory = join(webDirectory, 'dist');

/** What to run to make the bundle, for messages that find it missing. */
export const BUILD_COMMAND = 'npm run build:web';

/** The HTML report's chart script in the bundle folder (src/web/report-charts.ts with Chart.js), which `report --html` inlines. */
export const REPORT_CHARTS_FILE = 'report-charts.js';
