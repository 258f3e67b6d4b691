// Discovery: the configured migration folders on disk → Migrations in apply order, plus findings for
// files that are not migrations a runner could read.

import type { GateOptions } from '../options.js';
import { classifyFolder, type Discovery } from './classify.js';
import { listFolder } from './files.js';

export type { Discovery } from './classify.js';

export function discover(options: GateOptions): Discovery {
  const out: Discovery = { migrations: [], findings: [] };
  for (const folder of options.folders) {
    const found = classifyFolder(listFolder(options.root, folder.path), folder.scheme, options.preset);
    out.migrations.push(...found.migrations);
    out.findings.push(...found.findings);
  }
  return out;
}
