// out-of-order: a migration that is new against the history but versioned before the newest one
// already applied. Most runners refuse it or never apply it, so it breaks the next deploy.
//
// Default severity error, because that is what it means for most runners: Flyway fails validation
// (outOfOrder=false by default), goose stops on "missing migrations", the Supabase CLI refuses to push
// without --include-all, node-pg-migrate stops on its order check, and golang-migrate records only the
// latest version, so it silently never applies the file. Under the dbmate, prisma, sqlx and diesel presets
// the runner applies it (after migrations written later), so there it is a warning. Versions sort as the
// runner sorts them: Prisma's folder names in its name order, diesel's versions as text, node-pg-migrate's file names
// by their number, then by name (so a new 003_a before 003_b, already run, stops it: the numbers tie).

import type { Draft, Severity } from '../report/finding.js';
import { pathIn, type Migration } from '../migration.js';
import { fromGit, type History, type HistoryEntry } from '../history/history.js';
import type { PresetName } from '../options.js';
import { versioning } from '../discover/version-order.js';
import { appliedTest, byFolder, local } from './migration-set.js';
import { planCommands, plannedVersions, planVersions, renameCommands, type PlannedVersions } from './renumber.js';
import { brokenChains } from './graphile-signatures.js';
import { journalPath, whenFix } from '../discover/drizzle-journal.js';
import type { SetRule } from './rule.js';

/** What the preset's runner does with such a file (in its own words, given the file's name and the one already run that it names), and the runner's own way to accept it. */
const RUNNERS: Record<PresetName, { does: string | ((name: string, ran: string) => string); allow?: string; severity: Severity }> = {
  generic: { does: 'A runner that tracks only the latest version never applies it; one that applies every missing file runs it after migrations it was not written against.', severity: 'error' },
  flyway: { does: 'Flyway refuses to migrate: with outOfOrder=false (the default) validation fails on a resolved migration not applied to the database.', allow: 'set outOfOrder=true', severity: 'error' },
  'golang-migrate': { does: 'golang-migrate records only the latest version, so it will never apply this file, and says nothing.', severity: 'error' },
  goose: { does: 'goose stops with "found 1 missing migrations".', allow: 'run goose with -allow-missing', severity: 'error' },
  supabase: { does: '`supabase db push` refuses to insert a migration before the last one on the remote database.', allow: 'push with `supabase db push --include-all`', severity: 'error' },
  // runner.ts checkOrder compares the names already run, in the order they ran, with the files' names, in its order, position by position.
  'node-pg-migrate': {
    does: (name, ran) => `node-pg-migrate stops on its order check: "Not run migration ${name} is preceding already run migration ${ran}".`,
    allow: 'run it with --no-check-order',
    severity: 'error',
  },
  dbmate: { does: 'dbmate applies it, after migrations that were written later.', severity: 'warning' },
  // apply_migrations.rs runs every folder _prisma_migrations lacks, in name order, without a word; `migrate dev` too (DatabaseIsBehind).
  prisma: { does: '`prisma migrate deploy` applies it without a warning, after migrations that were written later.', severity: 'warning' },
  sqlx: { does: 'sqlx applies it, after migrations that were written later.', severity: 'warning' },
  diesel: { does: 'diesel applies it, after migrations that were written later.', severity: 'warning' },
  'graphile-migrate': { does: 'graphile-migrate runs only migrations numbered after the last one it ran, so it never applies this file.', severity: 'error' },
  // sql/migrate/migrate.go Pending: a file with no revision between the first and the last one applied is a HistoryNonLinearError
  // under the default --exec-order linear; linear-skip passes it over, non-linear runs it first.
  atlas: {
    does: '`atlas migrate apply` refuses to apply anything: "migration file … was added out of order" (its default --exec-order linear).',
    allow: 'run `atlas migrate apply --exec-order non-linear`',
    severity: 'error',
  },
  // dialect.ts migrate(): only a migration whose `when` is above the created_at of the last row runs, the rest are passed over.
  drizzle: {
    does: "drizzle's migrate() runs only migrations whose journal `when` is above the newest one it applied, so it never applies this file, and says nothing.",
    severity: 'error',
  },
  // Plan.pm chains each change's ID to the one before it; Engine.pm _sync_plan looks up the database's latest change ID in the plan.
  sqitch: {
    does: (name, ran) =>
      `Each change's ID depends on the change planned before it, so every deployed change planned after ${name} gets a new ID: \`sqitch deploy\` fails on every database that deployed ${ran}, its latest change ("Cannot find change … (${ran}) in sqitch.plan"), and deploys nothing.`,
    severity: 'error',
  },
};

/** drizzle 1.0's folders (`<14 digits>_<name>/migration.sql`), which its migrator runs by name when the history lacks them (migrator.utils.ts). */
const DRIZZLE_FOLDERS = { does: 'drizzle 1.0 applies it, after migrations that were written later.', severity: 'warning' as const };

export const outOfOrder: SetRule = {
  id: 'out-of-order',
  scope: 'set',
  defaultSeverity: 'error',
  description:
    'A migration new against the base sorts before the newest one already applied: most runners refuse it or silently never apply it.',
  // A drizzle journal's version is its entry's `when`, which no rename changes.
  renumbers: ({ migrations, history, options }) =>
    history ? lateFolders(migrations, history, options.preset).flatMap((f) => (f.unnumbered ? [] : f.late.filter((m) => m.listed === undefined))) : [],
  check(ctx) {
    const { migrations, history, options } = ctx;
    const drafts: Array<Draft & PlannedVersions> = brokenChains(migrations);
    if (!history) return drafts;
    const runner = RUNNERS[options.preset];
    const versions = versioning(options.preset);
    const renumbered = plannedVersions(ctx, outOfOrder);
    for (const { late, applied, newest, unnumbered, versionOf, compare } of lateFolders(migrations, history, options.preset)) {
      const last = versionOf(newest);
      const where = (e: HistoryEntry) => `${fromGit(history) ? 'on the base' : 'applied'}${e.file ? ` (${e.file})` : ''}`;
      for (const m of late) {
        // A drizzle journal's migration has no rename to plan: its fix is in the journal.
        const listed = m.listed !== undefined;
        const renames = listed ? '' : unnumbered ? renameCommands(m, last).join(' && ') : planCommands(renumbered, m);
        // node-pg-migrate names the migration already run at this one's place in its order: the first that sorts after it.
        const ran = versions.noun === 'name' ? firstAfter(versionOf(m), applied, versionOf, compare) : newest;
        // drizzle 1.0 knows its folders by name, and runs a late one.
        const { does: said, severity } = options.preset === 'drizzle' && !listed ? DRIZZLE_FOLDERS : runner;
        const sqitch = m.sqitch !== undefined;
        const does = typeof said === 'string' ? said : sqitch ? said(m.name, ran.name ?? versionOf(ran)) : said(versionOf(m), versionOf(ran));
        drafts.push({
          rule: 'out-of-order',
          severity,
          file: m.file,
          line: 0,
          column: 0,
          message:
            (sqitch
              ? `${local(m)} is new, but sqitch.plan puts ${m.name} before ${newest.name}, already ${where(newest)}. `
              : versions.noun === 'folder name'
              ? `${local(m)} is new but its folder name sorts before ${last}, the last migration already ${where(newest)}. `
              : versions.noun === 'name'
                ? `${local(m)} is new but its name ${versionOf(m)} sorts before ${versionOf(ran)}, already ${where(ran)}. `
                : `${local(m)} is new but its version ${m.version} sorts before ${last}, the newest version already ${where(newest)}. `) + does,
          suggestion: sqitch
            ? `Move the ${m.name} line of sqitch.plan below ${newest.name}'s, the last change ${where(newest)}, before any database deploys it: the plan's order is the deploy order.`
            : listed
              ? `${whenFix(journalPath(m.folder), m.name, Number(last))}, so that drizzle applies it where the base ran.`
              : versions.noun === 'folder name'
              ? unnumbered
                ? `No numbered folder name sorts after ${last}. If it does not depend on the order, leave it: on a database that has the others ` +
                  `it runs last. Otherwise rename its folder to sort after ${last} before any database applies it (Prisma would run it again ` +
                  `under the new name): ${renames}.`
                : `Rename its folder to sort after ${last} before any database applies it (Prisma would run it again under the new name): ${renames}.`
              : `Give it a version ${versions.noun === 'name' ? 'that sorts ' : ''}after ${last}: ${renames}` +
                (runner.allow ? `; or, if it does not depend on the order, ${runner.allow}.` : '.'),
          // Past a folder named without a number the plan has no version: that rename is not the plan's.
          ...(!unnumbered && !listed && { renumbers: planVersions(renumbered, m) }),
        });
      }
    }
    return drafts;
  },
};

/** A folder's new migrations that sort before the newest one already applied there, and what they are compared with. */
interface LateFolder {
  late: Migration[];
  applied: HistoryEntry[];
  newest: HistoryEntry;
  /** The newest is a folder named without a number, which sorts after every numbered one: no timestamp gets past it. */
  unnumbered: boolean;
  versionOf: (m: Migration | HistoryEntry) => string;
  compare: (a: string, b: string) => number;
}

/** The folders holding a new migration versioned before the newest one already applied, in the runner's order. */
function lateFolders(migrations: Migration[], history: History, preset: PresetName): LateFolder[] {
  const versions = versioning(preset);
  const onBase = appliedTest(history);
  return byFolder(migrations, preset).flatMap((folder) => {
    const path = folder[0]!.folder;
    const versionOf = (m: Migration | HistoryEntry) => versions.of(m, path);
    const applied = appliedEntries(history, path);
    const taken = new Set(applied.map((e) => versions.key(versionOf(e))));
    const isNew = (m: Migration) => (history.matchBy === 'file' ? !onBase(m) : !taken.has(versions.key(versionOf(m))));
    const compare = versions.comparator([...folder.map(versionOf), ...applied.map(versionOf)]);
    // Sqitch's version is a place in its plan, which a change planned before a deployed one shifts: the deployed change planned last is the mark.
    const lastPlanned = preset === 'sqitch' ? folder.findLast(onBase) : undefined;
    const newest = lastPlanned
      ? applied.find((e) => e.file === lastPlanned.file) ?? null
      : applied.reduce<HistoryEntry | null>((a, e) => (a && compare(versionOf(a), versionOf(e)) >= 0 ? a : e), null);
    if (!newest) return [];
    const last = versionOf(newest);
    // A new file that reuses an applied version is a duplicate-version finding, not this one; one that drizzle's journal lists
    // after a migration with a later `when` has the journal's own finding.
    const before = (m: Migration) =>
      lastPlanned ? m.listed! < lastPlanned.listed! : !taken.has(versions.key(versionOf(m))) && compare(versionOf(m), last) < 0;
    const late = folder.filter(
      (m) =>
        m.kind === 'versioned' &&
        isNew(m) &&
        before(m) &&
        !(m.listed !== undefined && !lastPlanned && folder.some((e) => e.listed! < m.listed! && compare(versionOf(e), versionOf(m)) >= 0)),
    );
    const unnumbered = versions.noun === 'folder name' && !/^\d/.test(last);
    return late.length > 0 ? [{ late, applied, newest, unnumbered, versionOf, compare }] : [];
  });
}

/** The first of the entries, in the runner's order, that sorts after `version` (there is one: the newest does). */
function firstAfter(
  version: string,
  entries: HistoryEntry[],
  versionOf: (e: HistoryEntry) => string,
  compare: (a: string, b: string) => number,
): HistoryEntry {
  const after = entries.filter((e) => compare(versionOf(e), version) > 0);
  return after.reduce((a, e) => (compare(versionOf(e), versionOf(a)) < 0 ? e : a));
}

/** The history entries that belong to a folder: by path for a git base, all of them for a history table. */
function appliedEntries(history: History, folder: string): HistoryEntry[] {
  return history.entries.filter(
    (e) => e.version !== '' && (!fromGit(history) || (e.file !== undefined && pathIn(folder, e.file) !== null)),
  );
}
