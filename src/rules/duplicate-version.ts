// duplicate-version: two or more migrations in one folder share a version. A runner applies one of
// them and then skips the other (it records the version as done) or refuses to run at all.
// "Share" as the runner reads versions: `003` and `3` are one version to most, two to diesel (text),
// and Prisma, which knows a migration by its whole folder name, has no shared versions at all. node-pg-migrate knows one by
// its file name without the extension, so only a JavaScript and an SQL file of one name share it (a new one that sorts
// before one already run is out-of-order's). goose's Go migrations share versions with its SQL files.

import type { Draft } from '../report/finding.js';
import type { Migration } from '../migration.js';
import { capital } from '../report/plural.js';
import { compareText, versioning, type Versioning } from '../discover/version-order.js';
import { appliedTest, byFolder, local } from './migration-set.js';
import { planCommands, plannedVersions, planVersions, type PlannedVersions } from './renumber.js';
import type { SetRule } from './rule.js';
import type { PresetName } from '../options.js';
import { PRESET_TABLE } from '../config/presets.js';
import { committedOrder } from '../discover/graphile.js';
import { commitAgain } from './graphile-signatures.js';

/** What the preset's runner does with two migrations of one version, in its own words (read in its source). */
const RUNNERS: Partial<Record<PresetName, (version: string) => string>> = {
  // ResolvedMigrationComparator ties on the version: validate fails before anything runs. MigrationVersion prints the
  // version with its `_` read as `.` (getVersion), so V1_0__x.sql's is 1.0.
  flyway: (v) => `Flyway refuses to migrate: "Found more than one migration with version ${v.replace(/_/g, '.')}".`,
  // source/iofs Init: Migrations.Append refuses a second file of a version, and no command gets past opening the folder.
  'golang-migrate': () => 'golang-migrate refuses to read the folder ("duplicate migration file"), so every command fails.',
  // Migrations.Less panics with the int64 version, printed without its zeros.
  goose: (v) => `goose refuses to run: "duplicate version ${BigInt(v)} detected".`,
  // FindMigrations marks a file applied by its version: the second fails on its history row, then counts as applied.
  dbmate: () =>
    'dbmate runs both on a database that has neither: the second fails on its history row (duplicate key value violates unique constraint "schema_migrations_pkey") and is rolled back; from then on dbmate takes the version as applied and never runs it.',
  supabase: () =>
    'The Supabase CLI applies the first; the second stays pending, and pushing it fails on its history row (duplicate key value violates unique constraint "schema_migrations_pkey").',
  // runner.ts getMigrationsToRun leaves out every file whose name pgmigrations holds: a database that ran one takes the other for run.
  'node-pg-migrate': (name) =>
    `node-pg-migrate runs both on a database that has neither, recording ${name} twice; on one that ran either, it takes the other for run and never runs it.`,
  // Migrator::run applies each file of a version _sqlx_migrations lacks, its row in the file's transaction, and compares
  // the checksum of each file of a version it has.
  sqlx: (v) =>
    `sqlx runs both on a database that has neither: the second fails on its history row (duplicate key value violates unique constraint "_sqlx_migrations_pkey"), is rolled back, and \`sqlx migrate run\` stops there; on one that ran either, it refuses the other ("migration ${BigInt(v)} was previously applied but has been modified").`,
  // Revisions are keyed by version (migrate.go Execute reads the version's revision): the second file finds the first's and
  // compares its statements with the first's partial_hashes; Pending takes every file of a version at or below the last for applied.
  atlas: () =>
    'Atlas keys its revisions by version: on a database that has neither it runs the first, then fails on the second ("history changed: statement 1 from file … changed"); on one that ran either, it takes the other for applied and never runs it.',
  // getMigrationsAfter runs only the files whose number.sql sorts after the last one graphile_migrate.migrations holds.
  'graphile-migrate': (v) =>
    `graphile-migrate knows both as ${v}.sql and runs only migrations numbered after the last one it ran: a database that ran one never runs the other.`,
};

/** The runners that refuse a folder holding two migrations of one version, before they run any of it. */
const REFUSE_THE_FOLDER = new Set<PresetName>(['flyway', 'golang-migrate', 'goose']);

export const duplicateVersion: SetRule = {
  id: 'duplicate-version',
  scope: 'set',
  defaultSeverity: 'error',
  description: 'Two or more migrations in one folder share a version: the runner applies one and skips or rejects the others.',
  // graphile-migrate's fix is a new commit on top, not a rename.
  renumbers: ({ migrations, history, options }) => {
    if (options.preset === 'graphile-migrate') return [];
    const onBase = appliedTest(history);
    return byFolder(migrations, options.preset).flatMap((folder) => newerOnes(folder, onBase, versioning(options.preset)).map(({ m }) => m));
  },
  check(ctx) {
    const { migrations, history, options } = ctx;
    const onBase = appliedTest(history);
    const runner = versioning(options.preset);
    // A history table other than the preset's runner's is another runner's (seed 002's own script on Supabase): its words are not known.
    const known = [PRESET_TABLE[options.preset].history, 'auto'].includes(options.history.format) ? options.preset : null;
    const renumbered = plannedVersions(ctx, duplicateVersion);
    const drafts: Array<Draft & PlannedVersions> = [];
    for (const folder of byFolder(migrations, options.preset)) {
      if (options.preset === 'flyway') drafts.push(...sameDescription(folder.filter((m) => m.kind === 'repeatable')));
      for (const { m, keeper, group } of newerOnes(folder, onBase, runner)) {
        const says = known ? RUNNERS[known] : undefined;
        const shared = runner.of(m, m.folder);
        const does = says ? ` ${says(shared)}` : '';
        // A rename leaves graphile-migrate's Previous header pointing at the file it was committed on: it must be signed again.
        const last = options.preset === 'graphile-migrate' ? committedOrder(folder.filter((o) => o !== m)).at(-1) : undefined;
        drafts.push({
          rule: 'duplicate-version',
          file: m.file,
          line: 0,
          column: 0,
          message:
            `${capital(runner.noun)} ${shared} is used by ${group.length} migrations in ${m.folder}/: ${group.map((g) => local(g)).join(', ')}. ` +
            `${local(m)} is the newer one (${onBase(m) ? 'later by file name; all are on the base' : onBase(keeper) ? 'not on the base' : 'later by file name'}).${does}`,
          suggestion:
            (last ? commitAgain(m, last).replace(/\.$/, '') : `Give ${local(m)} the next free version ${renumbered.get(m)!.version}: ${planCommands(renumbered, m)}`) +
            (onBase(m)
              ? `. All of them are already on the base: renumber only one that no database has applied yet (check the history table first).`
              : onBase(keeper)
                ? ` (${local(keeper)} is on the base and keeps ${keeper.version}).`
                : ''),
          ...(!last && { renumbers: planVersions(renumbered, m) }),
        });
      }
    }
    return drafts;
  },
};

/** Why the preset's runner applies no migration of a folder (by folder): it refuses two of one version before it runs any. */
export function refusedVersions(migrations: Migration[], preset: PresetName): Map<string, string> {
  const refusals = new Map<string, string>();
  const says = REFUSE_THE_FOLDER.has(preset) ? RUNNERS[preset] : undefined;
  if (!says) return refusals;
  const runner = versioning(preset);
  for (const folder of byFolder(migrations, preset)) {
    const group = sameVersionGroups(folder.filter((m) => m.kind === 'versioned'), runner)[0];
    if (!group) continue;
    refusals.set(group[0]!.folder, `${group.map((m) => local(m)).join(' and ')} share a ${runner.noun}: ${says(runner.of(group[0]!, group[0]!.folder)).replace(/\.$/, '')}`);
  }
  return refusals;
}

/**
 * Flyway refuses two repeatable migrations with one description (its name, `_` read as a space), wherever in the
 * location they sit: `R__views.sql` beside `2024/R__views.sql` stops every migrate.
 */
function sameDescription(repeatables: Migration[]): Draft[] {
  const byDescription = new Map<string, Migration[]>();
  for (const m of repeatables) {
    const description = m.name.replace(/_/g, ' ');
    byDescription.set(description, [...(byDescription.get(description) ?? []), m]);
  }
  return [...byDescription].flatMap(([description, group]) =>
    group.slice(1).map((m) => ({
      rule: 'duplicate-version' as const,
      file: m.file,
      line: 0,
      column: 0,
      message:
        `Repeatable migrations ${group.map((g) => local(g)).join(', ')} share the description "${description}": Flyway refuses to migrate ` +
        `("Found more than one repeatable migration with description ${description}").`,
      suggestion: `Merge them into one file, or give ${local(m)} a description of its own (its name after R__).`,
    })),
  );
}

/** The migrations of a folder that share a version with an older one (the one on the base, else the first by file name), which keeps it. */
function newerOnes(folder: Migration[], onBase: (m: Migration) => boolean, runner: Versioning): Array<{ m: Migration; keeper: Migration; group: Migration[] }> {
  return sameVersionGroups(folder.filter((m) => m.kind === 'versioned'), runner).flatMap((group) => {
    const [keeper, ...rest] = [...group].sort((a, b) => Number(onBase(b)) - Number(onBase(a)) || compareText(a.file, b.file));
    return rest.map((m) => ({ m, keeper: keeper!, group }));
  });
}

/** Groups of two or more migrations whose versions the runner holds equal, in order. */
function sameVersionGroups(ms: Migration[], runner: Versioning): Migration[][] {
  const groups = new Map<string, Migration[]>();
  for (const m of ms) {
    const key = runner.key(runner.of(m, m.folder));
    const group = groups.get(key);
    if (group) group.push(m);
    else groups.set(key, [m]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
