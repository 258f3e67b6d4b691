// missing-migration: a migration in the history that has no file any more. Deleted, databases that
// ran it keep its changes while new ones never get them; renamed, runners see a new migration and run
// it again. A rename is recognised by identical bytes (or recorded checksum), else by the same version
// or the same name at another path, and reported as "renamed to X" on the new file. "The same version" as
// the runner reads it: Prisma's is the whole folder name, diesel's the text before the first `_`.

import type { Draft, Severity } from '../report/finding.js';
import { posix } from 'node:path';
import { pathIn, type Migration } from '../migration.js';
import { FOLDER_SQL_FILES } from '../discover/naming.js';
import { fromGit, type HistoryEntry } from '../history/history.js';
import { checksum } from '../checksum/index.js';
import { versioning, type Versioning } from '../discover/version-order.js';
import { shellQuote } from '../shell.js';
import { local } from './migration-set.js';
import type { SetRule } from './rule.js';
import type { PresetName } from '../options.js';

/** What the preset's runner does with a history row it has no file for, in its own words (read in its source). */
const MISSING_STOPS: Partial<Record<PresetName, (version: string) => string>> = {
  // Migrator::run: validate_applied_migrations, before it applies anything, unless told to ignore missing ones.
  sqlx: (v) => `\`sqlx migrate run\` stops before it applies anything ("migration ${BigInt(v)} was previously applied but is missing in the resolved migrations"), unless run with --ignore-missing.`,
  // AppliedMigration validate (ErrorCode.APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED); a version above every file's is "future", ignored by default.
  flyway: (v) => `Flyway's validation fails on it ("Detected applied migration not resolved locally: ${v.replace(/_/g, '.')}") once a migration sorts after it.`,
  // migrate.ts runs the files after the last one it ran, without comparing its history with them.
  'graphile-migrate': () => 'graphile-migrate does not check its history against the files, but refuses a file committed on top of the missing one (its Previous chain breaks).',
  // UpToContext looks for the files goose_db_version lacks, never for the files of the versions it holds.
  goose: () => 'goose never notices: `goose up` compares its files with goose_db_version, not goose_db_version with its files.',
  // FindMigrations lists the files and marks each applied by its version: a row without a file is never listed.
  dbmate: () => 'dbmate never notices: `dbmate migrate` and `dbmate status` list only the files.',
  // schema_migrations holds one row, the current version; readUp checks that version has a file (versionExists) before anything.
  'golang-migrate': (v) => `golang-migrate keeps only its current version: while that is ${BigInt(v)}, every \`migrate up\` fails ("no migration found for version ${BigInt(v)}"); an older one it never looks for.`,
  // runner.ts checkOrder compares the names run, in order, with the files'; getMigrationsToRun (down) needs each one's file.
  'node-pg-migrate': (name) =>
    `node-pg-migrate stops on its order check once a file takes its place ("Not run migration … is preceding already run migration ${name}"), and a \`migrate down\` reaching it fails ("Definitions of migrations ${name} have been deleted.").`,
  // apply_migrations applies the folders _prisma_migrations lacks without looking at its rows; migrate dev diagnoses the history first.
  prisma: () => '`prisma migrate deploy` ignores it and applies the folders it has not run; `prisma migrate dev` asks to reset the database.',
  // 0.x dialect.ts migrate() compares the newest created_at with the journal's `when`s; 1.0 runs the folders no row names.
  drizzle: () => "drizzle never notices: drizzle-orm 0.x compares only the newest created_at with its journal, and 1.0 runs the folders its table does not name.",
  // Pending compares its revisions with the files only for a last revision partially applied (MissingMigrationError).
  atlas: () =>
    "Atlas refuses the folder until `atlas migrate hash` drops its atlas.sum line; after that it never notices, unless it is the last revision and was partially applied: then `atlas migrate apply` fails (\"revision … is partially applied but migration file was not found\").",
  // Engine.pm _sync_plan looks the database's latest change ID up in the plan, and each ID chains to the change planned before it.
  sqitch: () =>
    '`sqitch deploy` fails on every database that deployed it ("Cannot find change … in sqitch.plan"), and deploys nothing: their latest change is this one, or one planned after it, whose ID changed with it (each change ID depends on the change planned before it).',
  // pending_migrations leaves out the applied versions; revert_last_migration looks for the latest applied one's folder.
  diesel: (v) => `\`diesel migration run\` ignores it, but while it is the latest applied, \`diesel migration revert\` fails ("Unable to find migration version ${v} to revert in the migrations directory.").`,
  // FindPendingMigrations (pkg/migration/apply.go) fails on a remote version with no local file, before it applies any.
  supabase: () => '`supabase db push` stops before it applies anything ("Remote migration versions not found in local migrations directory.").',
};

/** The runner's own repair for a history row with no file, where it prints one (the Supabase CLI's suggestRevertHistory). */
const MISSING_REPAIRS: Partial<Record<PresetName, (version: string) => string>> = {
  supabase: (v) => `; if it is gone for good, the Supabase CLI's fix is \`supabase migration repair --status reverted ${v}\` (then \`supabase db pull\`)`,
};

export const missingMigration: SetRule = {
  id: 'missing-migration',
  scope: 'set',
  defaultSeverity: 'error',
  description: 'A migration already applied has no file any more: deleted (new databases miss it) or renamed (runners run it again).',
  check({ migrations, history, options }) {
    if (!history) return [];
    const byFile = history.matchBy === 'file';
    const git = fromGit(history);
    const runner = versioning(options.preset);
    // A history table's entries are the rows of the one folder it was read against.
    const tableFolder = migrations[0]?.folder ?? options.folders[0]?.path ?? '.';
    const idOf = (x: Migration | HistoryEntry, folder: string) => versionId(runner, x, folder);
    const versions = new Set(migrations.map((m) => idOf(m, m.folder)));
    const files = new Set(migrations.map((m) => m.file));
    const missing = history.entries.filter((e) =>
      byFile ? e.file !== undefined && !files.has(e.file) : e.version !== '' && !versions.has(idOf(e, tableFolder)),
    );
    if (missing.length === 0) return [];
    const known = new Set(history.entries.map((e) => (byFile ? e.file : idOf(e, tableFolder))));
    const fresh = migrations.filter((m) => !known.has(byFile ? m.file : idOf(m, m.folder)));
    const ref = history.source.replace(/^git:/, '');
    const drafts: Draft[] = [];
    for (const entry of missing) {
      const target = takeRenameTarget(entry, fresh, runner);
      const old = entry.file ?? `version ${entry.version}${entry.name ? ` (${entry.name})` : ''}`;
      if (target) {
        drafts.push(renamed(entry, old, target, migrations, runner, options.preset));
        continue;
      }
      const shown = runner.of(entry, tableFolder);
      drafts.push({
        rule: 'missing-migration',
        file: entry.file ?? options.folders[0]?.path ?? '.',
        line: 0,
        column: 0,
        message:
          `${old} is ${git ? `on ${ref}` : `recorded in ${history.source.replace(/^table:/, '')}`} but no longer exists. ` +
          `Databases that ran it keep its changes, new databases will not get them, and ${MISSING_STOPS[options.preset]?.(shown) ?? 'runners that validate their history (Flyway) stop on it.'}`,
        suggestion:
          (git && entry.file ? `Restore it (\`git checkout ${shellQuote(ref)} -- ${shellQuote(entry.file)}\`)` : 'Restore the file') +
          `; to take its changes back, add a new migration that reverses them${MISSING_REPAIRS[options.preset]?.(shown) ?? ''}.`,
      });
    }
    return drafts;
  },
};

/** The new file this entry most likely became: same bytes, else same checksum, else same version, else same name. */
function takeRenameTarget(entry: HistoryEntry, fresh: Migration[], runner: Versioning): Migration | undefined {
  const tests: Array<(m: Migration) => boolean> = [
    (m) => entry.bytes !== undefined && entry.bytes.equals(m.bytes),
    (m) => entry.checksum !== undefined && checksum(entry.checksum.algorithm, m.bytes).toLowerCase() === entry.checksum.value.toLowerCase(),
    (m) => entry.version !== '' && sameVersion(entry, m, runner) && sameFolder(entry, m),
    (m) => entry.name !== undefined && entry.name === m.name && sameFolder(entry, m),
  ];
  for (const test of tests) {
    const i = fresh.findIndex(test);
    if (i >= 0) return fresh.splice(i, 1)[0];
  }
  return undefined;
}

function sameFolder(entry: HistoryEntry, m: Migration): boolean {
  return entry.file === undefined || pathIn(m.folder, entry.file) !== null;
}

/** One key per version as the runner reads it, for a migration or history entry of `folder`. */
function versionId(runner: Versioning, x: Migration | HistoryEntry, folder: string): string {
  return runner.key(runner.of(x, folder));
}

/** Whether the runner takes `entry` and `m` for one version (an entry of `m`'s folder). */
function sameVersion(entry: HistoryEntry, m: Migration, runner: Versioning): boolean {
  return versionId(runner, entry, m.folder) === versionId(runner, m, m.folder);
}

/** What moves back from `now` to `was`: a folder-per-migration (Prisma, diesel) moves with its folder, its down.sql and all. */
function movedPath(now: string, was: string): string {
  const inFolder = (path: string) => FOLDER_SQL_FILES.includes(posix.basename(path));
  const [from, to] = inFolder(now) && inFolder(was) && posix.basename(now) === posix.basename(was) ? [posix.dirname(now), posix.dirname(was)] : [now, was];
  return `${shellQuote(from)} ${shellQuote(to)}`;
}

/**
 * What the runner does with a renamed applied migration. node-pg-migrate compares the names it ran, in order, with its files'
 * (runner.ts checkOrder): the applied name is gone from its place, so it stops there, and runs the file again only when told
 * not to check the order.
 */
const RENAMED_RUNS: Partial<Record<PresetName, (was: string, now: string) => string>> = {
  'node-pg-migrate': (was, now) =>
    `so node-pg-migrate no longer finds ${was}, already run, in its place among the files and stops on its order check ` +
    `("Not run migration … is preceding already run migration …"); with --no-check-order it would run it again as ${now}.`,
};

function renamed(entry: HistoryEntry, old: string, m: Migration, migrations: Migration[], runner: Versioning, preset: PresetName): Draft {
  const edited = entry.bytes !== undefined && !entry.bytes.equals(m.bytes) ? ' and edited' : '';
  const kept = sameVersion(entry, m, runner);
  // The seed 001 fix for a duplicate: the old version stays with the other file, this one moves on.
  const keeper = kept ? undefined : migrations.find((o) => o !== m && o.folder === m.folder && sameVersion(entry, o, runner));
  const back = entry.file ? `git mv ${movedPath(m.file, entry.file)}` : `rename ${m.file} back`;
  let message: string;
  let suggestion: string;
  let severity: Severity | undefined;
  if (keeper) {
    severity = 'warning';
    message =
      `${old} was renamed${edited} to ${m.file}, resolving duplicate version ${entry.version} (${local(keeper)} keeps it). ` +
      `A database that applied this file as version ${entry.version} will run it again as ${m.version}.`;
    suggestion = `Check which of the two files each database applied as ${entry.version}; if it was this one, undo the rename (\`${back}\`) and renumber ${local(keeper)} instead.`;
  } else if (kept) {
    message =
      `${old} was renamed${edited} to ${m.file} (same version ${m.version}). Runners that record file names ` +
      '(node-pg-migrate, name-keyed schema_migrations) see a new migration and run it again; Flyway fails validation on the changed description.';
    suggestion = `Keep the name it was applied under: \`${back}\`.`;
  } else {
    const [was, now] = [runner.of(entry, m.folder), runner.of(m, m.folder)];
    message =
      `${old} was renamed${edited} to ${m.file}: ${runner.noun} ${was} became ${now}, ` +
      (RENAMED_RUNS[preset]?.(was, now) ?? `so databases that applied ${was} will run it again as ${now}.`);
    suggestion = `Keep the name it was applied under: \`${back}\`.`;
  }
  return { rule: 'missing-migration', ...(severity ? { severity } : {}), file: m.file, line: 0, column: 0, message, suggestion };
}
