// Discovery: the configured migration folders on disk → Migrations in apply order, plus findings for
// files that are not migrations a runner could read.

import type { GateOptions } from '../options.js';
import { classifyFolder, type Discovery } from './classify.js';
import { folderEntries, listFolder } from './files.js';

export type { Discovery } from './classify.js';

/**
 * Discovers every configured folder. `beforeReading` learns how many entries the folders hold once
 * they are listed and before any file is read (the gate starts its lint workers on it).
 */
export function discover(options: GateOptions, beforeReading?: (entries: number) => void): Discovery {
  const out: Discovery = { migrations: [], findings: [], refusedNames: [] };
  const listed = options.folders.map((folder) => ({ folder, entries: folderEntries(options.root, folder.path) }));
  beforeReading?.(listed.reduce((n, l) => n + l.entries.length, 0));
  for (const { folder, entries } of listed) {
    const listing = listFolder(options.root, folder.path, entries, options.preset);
    const found = classifyFolder(listing, folder.scheme, options.preset);
    out.migrations.push(...found.migrations);
    out.findings.push(...found.findings);
    out.refusedNames.push(...found.refusedNames);
  }
  return out;
}
