// Renumbering: the next free versions of a folder in the folder's own format, and the `git mv`
// commands that give a migration one of them. Shared by the rules that suggest a new version: one plan
// for all of them, so that two suggestions in one report never hand out one version.

import { posix } from 'node:path';
import type { Migration } from '../migration.js';
import { FOLDER_SQL_FILES } from '../discover/naming.js';
import type { PresetName } from '../options.js';
import { compareVersions, isDateShaped, versioning } from '../discover/version-order.js';
import { shellQuote } from '../shell.js';
import { appliedTest, byFolder, local } from './migration-set.js';
import type { History } from '../history/history.js';
import type { SetContext, SetRule } from './rule.js';

/** Where a renumbered migration moves: its new version, and the migrations that move along with it. */
export interface Renumbering {
  version: string;
  /** New migrations that no rule renumbers but that sort after it: moved to the end, it would overtake them, so they move too, after it. */
  along: Migration[];
}

/**
 * The new version of each migration that `rules` renumber (see SetRule.renumbers), and of each new migration written to
 * run after one of them: one allocator per folder hands them out in the folder's apply order, so they are distinct and
 * sort after everything in it, in the order the files were written to run. Migrations already applied never move.
 */
export function newVersions(ctx: SetContext, rules: SetRule[]): ReadonlyMap<Migration, Renumbering> {
  const moving = new Set(rules.flatMap((rule) => rule.renumbers?.(ctx) ?? []));
  const plan = new Map<Migration, Renumbering>();
  if (moving.size === 0) return plan;
  const isNew = newTest(ctx.history, ctx.options.preset);
  for (const folder of byFolder(ctx.migrations, ctx.options.preset)) {
    // Made on the folder's first such file only: finding the newest version reads every one of them.
    let allocate: (() => string) | undefined;
    // The last migration moved so far: a new one after it moves along with it.
    let carrier: Renumbering | undefined;
    for (const m of folder) {
      if (moving.has(m)) plan.set(m, (carrier = { version: (allocate ??= versionAllocator(folder, ctx.options.preset))(), along: [] }));
      else if (carrier && m.kind === 'versioned' && isNew(m)) {
        carrier.along.push(m);
        plan.set(m, { version: allocate!(), along: [] });
      }
    }
  }
  return plan;
}

/** The new versions the rule engine planned for every set rule; a rule run on its own plans only its own. */
export function plannedVersions(ctx: SetContext, rule: SetRule): ReadonlyMap<Migration, Renumbering> {
  return ctx.newVersions ?? newVersions(ctx, [rule]);
}

/**
 * The `git mv` commands that give `m` its planned version and then move the migrations along with it, as one line to
 * paste (every target is a version no file has), and why those others move.
 */
export function planCommands(plan: ReadonlyMap<Migration, Renumbering>, m: Migration): string {
  const { along } = plan.get(m)!;
  const commands = [m, ...along].flatMap((o) => renameCommands(o, plan.get(o)!.version)).join(' && ');
  if (along.length === 0) return commands;
  const [are, them] = along.length === 1 ? ['is', 'it'] : ['are', 'them'];
  return `${commands} (${along.map(local).join(', ')} ${are} new too and written to run after it: moving ${them} along keeps that order)`;
}

/** What a finding whose suggestion follows the plan carries to the report (as ReportMigration.renumberTo): the versions it gives, by path. */
export interface PlannedVersions {
  renumbers?: Readonly<Record<string, string>>;
}

/** The versions planCommands(plan, m) gives `m` and the migrations moving along with it, by path. */
export function planVersions(plan: ReadonlyMap<Migration, Renumbering>, m: Migration): Record<string, string> {
  const { along } = plan.get(m)!;
  return Object.fromEntries([m, ...along].map((o) => [o.file, plan.get(o)!.version]));
}

/**
 * Whether the history does not know `m`: by its path on a git base, by its version in a history table (which may record
 * no file name). Without a history nothing is known to be new, so nothing moves along.
 */
function newTest(history: History | null, preset: PresetName): (m: Migration) => boolean {
  if (!history) return () => false;
  if (history.matchBy === 'file') {
    const applied = appliedTest(history);
    return (m) => !applied(m);
  }
  const versions = versioning(preset);
  // Versions are read in the migration's folder (Prisma's are folder names), once per folder.
  const taken = new Map<string, Set<string>>();
  return (m) => {
    let keys = taken.get(m.folder);
    if (!keys) taken.set(m.folder, (keys = new Set(history.entries.map((e) => versions.key(versions.of(e, m.folder))))));
    return !keys.has(versions.key(versions.of(m, m.folder)));
  };
}

/**
 * Hands out versions after the newest one in `folder` (the migrations of one folder), one per call,
 * in the format of that newest migration: the same digit width for sequential versions, the next
 * day / hour / minute / second for date and timestamp versions, the last part bumped for Flyway
 * dotted versions. A renumbered file therefore sorts after everything already there, in the order of
 * the preset's runner (as text for Prisma and diesel).
 */
export function versionAllocator(folder: Array<Pick<Migration, 'kind' | 'version'>>, preset: PresetName): () => string {
  const versions = folder.filter((m) => m.kind !== 'repeatable').map((m) => m.version);
  const compare = versioning(preset).comparator(versions);
  let newest = versions.reduce((a, b) => (compare(a, b) >= 0 ? a : b), '0');
  const template = newest;
  // Dates compare with timestamps on one time line, so the clock starts at the latest of either.
  let clock = versions.filter(isDateShaped).reduce((a, b) => (compareVersions(a.padEnd(14, '0'), b.padEnd(14, '0')) >= 0 ? a : b), '');
  return () => {
    if (isDateShaped(template)) {
      clock = nextInstant(clock || template, template.length);
      return clock;
    }
    const next = bumpLastPart(newest);
    // As text, a wider number can sort first (10 before 9): a digit more on the newest sorts after it.
    newest = compare(next, newest) > 0 ? next : `${newest}1`;
    return newest;
  };
}

/** The `git mv` commands that move migration `m` to `version` (its down file and its folder too, when it has them). */
export function renameCommands(m: Migration, version: string): string[] {
  const inner = local(m).split('/')[1];
  // A folder-per-migration moves with its folder; a file in a subfolder (Flyway) moves alone.
  const inOwnFolder = inner !== undefined && FOLDER_SQL_FILES.includes(inner);
  const moves = [inOwnFolder ? posix.dirname(m.file) : m.file];
  if (!inOwnFolder && m.downFile) moves.push(m.downFile);
  return moves.map((from) => {
    const dir = from.slice(0, from.lastIndexOf('/') + 1);
    const base = from.slice(dir.length);
    return `git mv ${shellQuote(from)} ${shellQuote(dir + withVersion(base, m.version, version))}`;
  });
}

/** Replaces the version as written in a name (digits, possibly with diesel's dashes) by `next`, written alike. */
function withVersion(name: string, version: string, next: string): string {
  const written = new RegExp(version.split('').map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('-?'));
  return name.replace(written, (found) => {
    if (found.length === version.length || next.length !== version.length) return next;
    // Keep the dashes where they were: 2024-01-01-120000 stays 2024-01-01-120001.
    let i = 0;
    return found.replace(/[^-]/g, () => next[i++]!);
  });
}

/** One unit (day for YYYYMMDD, hour, minute or second) after `latest`, written with `length` digits. */
export function nextInstant(latest: string, length: number): string {
  const t = latest.padEnd(14, '0');
  const at = Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14));
  const unit = { 8: 86_400_000, 10: 3_600_000, 12: 60_000, 14: 1_000 }[length] ?? 1_000;
  const d = new Date(Math.floor(at / unit) * unit + unit);
  const two = (n: number) => String(n).padStart(2, '0');
  const full = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  return full.slice(0, length);
}

/** 010 → 011, 1.2.10 → 1.2.11, 1_9 → 1_10: the last numeric part plus one, at least as wide as before. */
function bumpLastPart(version: string): string {
  const m = version.match(/^(.*?)(\d+)$/);
  if (!m) return `${version}.1`;
  const next = (BigInt(m[2]!) + 1n).toString().padStart(m[2]!.length, '0');
  return m[1]! + next;
}
