// name-order: a folder where plain file-name order and version order disagree. Runners that apply
// files "in alphabetical order" (seed 002's runner, dbmate, Prisma, the Supabase CLI, psql loops over
// `ls`) would then run them in another order than their versions say: `00010-x.sql` before `0009-y.sql`.
// Runners that parse and sort versions (Flyway, golang-migrate, goose, sqlx, node-pg-migrate, which sorts by
// the leading number before the name, and drizzle, which follows its journal) are not affected, so the
// rule stays quiet under those presets and in Flyway-named folders. Under the prisma, diesel, dbmate and
// supabase presets the runner's own order (folder names, versions as text, file names) is compared with the
// numbers in the names, and renames are offered only for migrations not yet applied: those runners know a
// migration by its name or its version as written.

import type { Draft } from '../report/finding.js';
import type { Migration } from '../migration.js';
import type { PresetName } from '../options.js';
import { compareText, folderVersionComparator, isDateShaped } from '../discover/version-order.js';
import { plural } from '../report/plural.js';
import { appliedTest, byFolder, local } from './migration-set.js';
import { nextInstant, plannedVersions, renameCommands, type Renumbering } from './renumber.js';
import type { SetRule } from './rule.js';

const SORTS_BY_VERSION: ReadonlySet<PresetName> = new Set(['flyway', 'golang-migrate', 'goose', 'sqlx', 'node-pg-migrate', 'drizzle', 'sqitch']);
const MAX_RENAMES = 10;

/** Runners that record a migration by its name as written: a renamed one is a new migration to them, and runs again. */
const RECORDS_NAME: Partial<Record<PresetName, { order: string; records: string }>> = {
  prisma: { order: 'Prisma applies the folders in name order', records: 'Prisma records each migration by its folder name' },
  diesel: { order: 'diesel sorts versions as text', records: 'diesel records each version as text' },
  dbmate: { order: 'dbmate applies the files in name order', records: 'dbmate records each version as written' },
  atlas: { order: 'Atlas applies the files in name order', records: 'Atlas records each version as written' },
  supabase: { order: 'The Supabase CLI applies the files in name order', records: 'the Supabase CLI records each version as written' },
};

export const nameOrder: SetRule = {
  id: 'name-order',
  scope: 'set',
  defaultSeverity: 'warning',
  description: 'File-name order and version order disagree: a runner that sorts by name applies the migrations in another order.',
  check(ctx) {
    const { migrations, history, options } = ctx;
    if (SORTS_BY_VERSION.has(options.preset)) return [];
    const byText = RECORDS_NAME[options.preset];
    const applied = appliedTest(history);
    const renumbered = plannedVersions(ctx, nameOrder);
    const drafts: Draft[] = [];
    for (const folder of byFolder(migrations, options.preset)) {
      const listed = folder.filter((m) => m.kind === 'versioned' && m.scheme !== 'flyway');
      // A runner that orders by text already gave its order; the numbers' order keeps it among equal versions.
      const compare = folderVersionComparator(listed.map((m) => m.version));
      const byVersion = byText ? [...listed].sort((a, b) => compare(a.version, b.version)) : listed;
      const byName = byText ? listed : [...listed].sort((a, b) => compareText(local(a), local(b)));
      const i = byName.findIndex((m, k) => m !== byVersion[k]);
      if (i < 0) continue;
      const early = byName[i]!;
      const late = byVersion[i]!;
      const renames = uniformNames(byVersion, renumbered);
      // Without a history nothing is known to be applied, and the suggestion says which ones not to rename.
      const safe = byText ? renames.filter((r) => !applied(r.m)) : renames;
      const commands = safe.flatMap((r) => r.commands);
      drafts.push({
        rule: 'name-order',
        file: early.file,
        line: 0,
        column: 0,
        message: byText
          ? `${byText.order}, which disagrees with their numbers in ${early.folder}/: ${local(early)} (version ${early.version}) ` +
            `runs before ${local(late)} (version ${late.version}).`
          : `File-name order and version order disagree in ${early.folder}/: sorted by name, ${local(early)} (version ${early.version}) ` +
            `runs before ${local(late)} (version ${late.version}); by version, ${local(late)} runs first.`,
        suggestion: byText
          ? textSuggestion(byText.records, commands, renames.length - safe.length)
          : commands.length > 0
            ? `Write every version in one width so that names sort as versions do (rename only files no database has applied ` +
              `under their old name, if your runner records file names): ${firstRenames(commands)}`
            : 'Rename the files so that their names sort in version order, or run them with a runner that sorts by version.',
      });
    }
    return drafts;
  },
};

/** The advice for a runner that records names: renames only for what no database has applied (`applied` of them are left out). */
function textSuggestion(records: string, commands: string[], applied: number): string {
  const why = `${records}, so a database that applied one under its old name runs it again under the new one`;
  if (commands.length > 0) {
    const kept = applied > 0 ? `; ${plural(applied, 'applied migration')} ${applied === 1 ? 'keeps its name' : 'keep their names'}` : '';
    return `Write every version in one width so that names sort as versions do, renaming only migrations no database has applied (${why})${kept}: ${firstRenames(commands)}`;
  }
  return applied > 0
    ? `Leave the applied migrations as they are (${why}), and make sure each runs after the ones before it in this order, as a fresh database runs them.`
    : `Rename the migrations that no database has applied so that they sort after the ones they depend on (${why}).`;
}

/** At most MAX_RENAMES commands, and how many more there are. */
function firstRenames(commands: string[]): string {
  return commands.slice(0, MAX_RENAMES).join(' && ') + (commands.length > MAX_RENAMES ? ` (and ${commands.length - MAX_RENAMES} more)` : '');
}

/**
 * Renames that give a folder one version format: sequential versions padded to the folder's usual
 * width (the most common one, the wider on a tie), dates padded to the folder's timestamp length.
 * A migration another rule renumbers moves there instead, and its new version is taken.
 */
function uniformNames(ms: Migration[], renumbered: ReadonlyMap<Migration, Renumbering>): Array<{ m: Migration; commands: string[] }> {
  const dateLength = Math.max(0, ...ms.filter((m) => isDateShaped(m.version)).map((m) => m.version.length));
  const widths = new Map<number, number>();
  for (const m of ms) if (!isDateShaped(m.version)) widths.set(m.version.length, (widths.get(m.version.length) ?? 0) + 1);
  const [width] = [...widths].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0];
  const out: Array<{ m: Migration; commands: string[] }> = [];
  const taken = new Set([...ms.map((m) => m.version), ...ms.flatMap((m) => renumbered.get(m)?.version ?? [])]);
  for (const m of ms) {
    if (renumbered.has(m)) continue;
    const value = m.version.replace(/^0+(?=\d)/, '');
    let next = isDateShaped(m.version) ? m.version.padEnd(dateLength, '0') : value.length <= width ? value.padStart(width, '0') : m.version;
    // A date padded to a timestamp another migration has (`20240101` beside `20240101000000`) takes the next second free.
    while (next !== m.version && isDateShaped(m.version) && taken.has(next)) next = nextInstant(next, next.length);
    if (next === m.version) continue;
    taken.add(next);
    out.push({ m, commands: renameCommands(m, next) });
  }
  return out;
}
