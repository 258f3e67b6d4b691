// Renumbering: the next free versions of a folder in the folder's own format, and the `git mv`
// commands that give a migration one of them. Shared by the rules that suggest a new version: one plan
// for all of them, so that two suggestions in one report never hand out one version.

import { posix } from 'node:path';
import type { Migration } from '../migration.js';
import { FOLDER_SQL_FILES } from '../discover/naming.js';
import type { PresetName } from '../options.js';
import { compareVersions, isDateShaped, versioning } from '../discover/version-order.js';
import { shellQuote } from '../shell.js';
import { byFolder, local } from './migration-set.js';
import type { SetContext, SetRule } from './rule.js';

/**
 * The new version of each migration that `rules` renumber (see SetRule.renumbers): one allocator per folder hands
 * them out in the folder's apply order, so they are distinct and sort after everything in it, in the order the
 * files were written to run.
 */
export function newVersions(ctx: SetContext, rules: SetRule[]): ReadonlyMap<Migration, string> {
  const moving = new Set(rules.flatMap((rule) => rule.renumbers?.(ctx) ?? []));
  const versions = new Map<Migration, string>();
  if (moving.size === 0) return versions;
  for (const folder of byFolder(ctx.migrations, ctx.options.preset)) {
    // Made on the folder's first such file only: finding the newest version reads every one of them.
    let allocate: (() => string) | undefined;
    for (const m of folder) if (moving.has(m)) versions.set(m, (allocate ??= versionAllocator(folder, ctx.options.preset))());
  }
  return versions;
}

/** The new versions the rule engine planned for every set rule; a rule run on its own plans only its own. */
export function plannedVersions(ctx: SetContext, rule: SetRule): ReadonlyMap<Migration, string> {
  return ctx.newVersions ?? newVersions(ctx, [rule]);
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
