// Helpers for rules that look at the migration set: folders, names as people read them, and what
// the history already holds.

import { pathIn, type Migration } from '../migration.js';
import type { History, HistoryEntry } from '../history/history.js';
import type { PresetName } from '../options.js';
import { canonicalVersion, sortMigrations } from '../discover/version-order.js';

/** byFolder's answer per migration set: the set rules all ask about the same, unchanging set. */
const folders = new WeakMap<Migration[], { length: number; preset: PresetName; folders: Migration[][] }>();

/** The migrations of each folder, each folder in the preset's runner's apply order (callers must not change the lists). */
export function byFolder(migrations: Migration[], preset: PresetName): Migration[][] {
  const known = folders.get(migrations);
  if (known && known.length === migrations.length && known.preset === preset) return known.folders;
  const out: Migration[][] = [];
  for (const m of sortMigrations(migrations, preset)) {
    const last = out[out.length - 1];
    if (last && last[0]!.folder === m.folder) last.push(m);
    else out.push([m]);
  }
  folders.set(migrations, { length: migrations.length, preset, folders: out });
  return out;
}

/** The file's path inside its migration folder, as a person names it. */
export function local(m: Migration): string {
  return pathIn(m.folder, m.file) ?? m.file;
}

/** Whether a migration is already on the base or in the history table (by file, or by version and name). */
export function appliedTest(history: History | null): (m: Migration) => boolean {
  if (!history) return () => false;
  if (history.matchBy === 'file') {
    const files = new Set(history.entries.map((e) => e.file));
    return (m) => files.has(m.file);
  }
  // Indexed by version once: every set rule asks this of every migration, and a history table may hold thousands of rows.
  const byVersion = new Map<string, HistoryEntry[]>();
  for (const e of history.entries) {
    const key = canonicalVersion(e.version);
    const same = byVersion.get(key);
    if (same) same.push(e);
    else byVersion.set(key, [e]);
  }
  // A version shared by two files is ambiguous in a history table: only a recorded file or name tells which.
  return (m) =>
    (byVersion.get(canonicalVersion(m.version)) ?? []).some((e) => e.file === m.file || (e.name !== undefined && e.name === m.name));
}
