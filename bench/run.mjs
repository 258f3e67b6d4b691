// `npm run bench`: the static benchmark (whole corpus and one-file PR, against squawk when installed)
// and the dry-run benchmark (cold, warm cache, a psql loop; pglite start), one after the other.
// Benchmarks print figures and ratios; they are not timed tests and never fail on a slow machine.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let failed = false;
for (const script of ['static.mjs', 'dryrun.mjs']) {
  console.log(`\n=== bench/${script} ===`);
  const r = spawnSync(process.execPath, [join(here, script), ...process.argv.slice(2)], { stdio: 'inherit' });
  failed ||= r.status !== 0;
}
process.exitCode = failed ? 1 : 0;
