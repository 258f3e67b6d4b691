// out-of-order: a migration that is new against the history but versioned before the newest one
// already applied. Most runners refuse it or never apply it, so it breaks the next deploy.
//
// Default severity error, because that is what it means for most runners: Flyway fails validation
// (outOfOrder=false by default), goose stops on "missing migrations", the Supabase CLI refuses to push
// without --include-all, node-pg-migrate stops on its order check, and golang-migrate records only the
// latest version, so it silently never applies the file. Under the dbmate, prisma and sqlx presets the
// runner applies it (after migrations written later), so there it is a warning.

import type { Severity } from '../report/finding.js';
import type { Migration } from '../migration.js';
import { fromGit, type History, type HistoryEntry } from '../history/history.js';
import type { PresetName } from '../options.js';
import { canonicalVersion, folderVersionComparator } from '../discover/version-order.js';
import { appliedTest, byFolder, local } from './migration-set.js';
import { renameCommands, versionAllocator } from './renumber.js';
import { brokenChains } from './graphile-signatures.js';
import type { SetRule } from './rule.js';

/** What the preset's runner does with such a file, and the runner's own way to accept it. */
const RUNNERS: Record<PresetName, { does: string; allow?: string; severity: Severity }> = {
  generic: { does: 'A runner that tracks only the latest version never applies it; one that applies every missing file runs it after migrations it was not written against.', severity: 'error' },
  flyway: { does: 'Flyway refuses to migrate: with outOfOrder=false (the default) validation fails on a resolved migration not applied to the database.', allow: 'set outOfOrder=true', severity: 'error' },
  'golang-migrate': { does: 'golang-migrate records only the latest version, so it will never apply this file, and says nothing.', severity: 'error' },
  goose: { does: 'goose stops with "found 1 missing migrations".', allow: 'run goose with -allow-missing', severity: 'error' },
  supabase: { does: '`supabase db push` refuses to insert a migration before the last one on the remote database.', allow: 'push with `supabase db push --include-all`', severity: 'error' },
  'node-pg-migrate': { does: 'node-pg-migrate stops: a not-run migration precedes an already run one.', allow: 'run it with --no-check-order', severity: 'error' },
  dbmate: { does: 'dbmate applies it, after migrations that were written later.', severity: 'warning' },
  prisma: { does: '`prisma migrate deploy` applies it, after migrations that were written later.', severity: 'warning' },
  sqlx: { does: 'sqlx applies it, after migrations that were written later.', severity: 'warning' },
  diesel: { does: 'diesel applies it, after migrations that were written later.', severity: 'warning' },
  'graphile-migrate': { does: 'graphile-migrate runs only migrations numbered after the last one it ran, so it never applies this file.', severity: 'error' },
};

export const outOfOrder: SetRule = {
  id: 'out-of-order',
  scope: 'set',
  defaultSeverity: 'error',
  description:
    'A migration new against the base sorts before the newest one already applied: most runners refuse it or silently never apply it.',
  check({ migrations, history, options }) {
    const drafts = brokenChains(migrations);
    if (!history) return drafts;
    const runner = RUNNERS[options.preset];
    const onBase = appliedTest(history);
    for (const folder of byFolder(migrations)) {
      const applied = appliedEntries(history, folder[0]!.folder);
      const taken = new Set(applied.map((e) => canonicalVersion(e.version)));
      const isNew = (m: Migration) => (history.matchBy === 'file' ? !onBase(m) : !taken.has(canonicalVersion(m.version)));
      const compare = folderVersionComparator([...folder.map((m) => m.version), ...applied.map((e) => e.version)]);
      const newest = applied.reduce<HistoryEntry | null>((a, e) => (a && compare(a.version, e.version) >= 0 ? a : e), null);
      if (!newest) continue;
      const allocate = versionAllocator(folder);
      for (const m of folder) {
        // A new file that reuses an applied version is a duplicate-version finding, not this one.
        if (m.kind !== 'versioned' || !isNew(m) || taken.has(canonicalVersion(m.version))) continue;
        if (compare(m.version, newest.version) >= 0) continue;
        const version = allocate();
        drafts.push({
          rule: 'out-of-order',
          severity: runner.severity,
          file: m.file,
          line: 0,
          column: 0,
          message:
            `${local(m)} is new but its version ${m.version} sorts before ${newest.version}, the newest version already ` +
            `${fromGit(history) ? 'on the base' : 'applied'}${newest.file ? ` (${newest.file})` : ''}. ${runner.does}`,
          suggestion:
            `Give it a version after ${newest.version}: ${renameCommands(m, version).join(' && ')}` +
            (runner.allow ? `; or, if it does not depend on the order, ${runner.allow}.` : '.'),
        });
      }
    }
    return drafts;
  },
};

/** The history entries that belong to a folder: by path for a git base, all of them for a history table. */
function appliedEntries(history: History, folder: string): HistoryEntry[] {
  return history.entries.filter(
    (e) => e.version !== '' && (history.matchBy === 'version' || (e.file !== undefined && e.file.startsWith(`${folder}/`))),
  );
}
