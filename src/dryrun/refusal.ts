// A file its runner refuses to read runs none of it, nor any migration after it: the dry-run skips it, saying why in the
// runner's words (its syntax-error finding, or Flyway's transaction-unsafe one, says the same, with the fix). A file name
// the runner refuses (its invalid-name finding) stops it while it lists the folder: none of the folder's migrations run.
// A folder Prisma cannot read the script of (its unreadable-file finding) stops it there: the migrations after it do not run;
// diesel refuses such a folder while it lists them, as a name. A folder whose migrations taken together the runner refuses
// before it runs any (two of one version; graphile-migrate's unsigned files or broken Previous chain) runs none of them either.
// A runner that records each file's version in its transaction runs the later of two files of one version, and fails on
// its history row (dbmate, the Supabase CLI, sqlx): the dry-run skips it, and the migrations after it, where the runner stops.

import { posix } from 'node:path';
import { decodeSql } from '../discover/decode.js';
import { versioning } from '../discover/version-order.js';
import { refusalReason, type RefusedName } from '../discover/naming.js';
import { gooseFile, runsUnderGoose } from '../discover/goose-split.js';
import { readDbmate, runsUnderDbmate } from '../discover/sections.js';
import type { Migration } from '../migration.js';
import type { GateOptions, PresetName } from '../options.js';
import { LineIndex } from '../sql/lines.js';
import type { Plan } from './plan.js';
import { PRESET_TABLE } from '../config/presets.js';
import { flywayMixedAt, flywayRunsOutside } from '../rules/transaction-unsafe.js';
import { refusedVersions } from '../rules/duplicate-version.js';
import { byFolder } from '../rules/migration-set.js';
import { committedRefusal, hashRefused } from '../discover/graphile.js';
import { headerLine } from '../rules/graphile-signatures.js';

export interface Refusal {
  runner: 'goose' | 'dbmate' | 'Flyway' | 'graphile-migrate';
  line: number;
  message: string;
}

/** What the runner refuses while it lists `migration`'s folder, so it applies none of the folder's migrations; undefined if nothing. */
export function folderRefused(migration: Migration, refused: readonly RefusedName[]): RefusedName | undefined {
  return refused.find((r) => r.folder === migration.folder && !r.stops);
}

/** Why the runner applies no migration of `migration`'s folder: a file name there it refuses while it lists the folder; null if none. */
export function folderRefusal(migration: Migration, refused: readonly RefusedName[], options: GateOptions): string | null {
  const name = folderRefused(migration, refused);
  return name ? refusalReason(name, options.preset) : null;
}

/** Why the runner applies no migration of a folder, by folder: what it refuses in the folder's migrations taken together. */
export function setRefusals(migrations: Migration[], options: GateOptions): Map<string, string> {
  const refusals = refusedVersions(migrations, options.preset);
  if (options.preset !== 'graphile-migrate') return refusals;
  for (const folder of byFolder(migrations, options.preset)) {
    const said = committedRefusal(folder);
    if (said) refusals.set(folder[0]!.folder, `graphile-migrate refuses the folder's committed migrations ("${said}"), before it applies any migration`);
  }
  return refusals;
}

/**
 * The runners that apply each file of a version their history lacks and insert its row in the file's transaction (dbmate
 * Migrate, pkg/migration ApplyMigrations' ExecBatch, sqlx Migrator::run), by the primary key that row fails on.
 */
const HISTORY_KEYS: Partial<Record<PresetName, string>> = { dbmate: 'schema_migrations_pkey', supabase: 'schema_migrations_pkey', sqlx: '_sqlx_migrations_pkey' };

/** What the runner does with a pending migration whose version an earlier one took: why it is not run, and why the runner stops there (null if it goes on). */
export interface TakenVersion {
  reason: string;
  stops: string | null;
}

/**
 * The pending migrations whose version an earlier migration of their folder holds, applied (`baseline`) or pending before
 * them, and what the runner does with each. Pending after a twin, it runs the file and fails on its history row, and stops.
 * Applied, dbmate takes the version for applied (FindMigrations) and never runs it; sqlx takes an identical file for
 * applied and refuses another before it runs it; the Supabase CLI still pushes it, and it fails on its history row.
 */
export function takenVersions(baseline: Migration[], pending: Migration[], options: GateOptions): Map<Migration, TakenVersion> {
  const taken = new Map<Migration, TakenVersion>();
  // Another runner's history table (seed 002's own script on Supabase) is not the preset's runner's: its ways are not known.
  const pkey = [PRESET_TABLE[options.preset].history, 'auto'].includes(options.history.format) ? HISTORY_KEYS[options.preset] : undefined;
  if (!pkey) return taken;
  const runner = versioning(options.preset);
  const name = PRESET_TABLE[options.preset].runner.name;
  const first = new Map<string, Migration>();
  const keyOf = (m: Migration) => `${m.folder}\0${runner.key(runner.of(m, m.folder))}`;
  for (const m of baseline) if (m.kind === 'versioned' && !first.has(keyOf(m))) first.set(keyOf(m), m);
  const applied = new Set(first.values());
  for (const m of pending) {
    if (m.kind !== 'versioned') continue;
    const twin = first.get(keyOf(m));
    if (!twin) {
      first.set(keyOf(m), m);
      continue;
    }
    const version = runner.of(m, m.folder);
    if (applied.has(twin) && options.preset === 'dbmate') {
      taken.set(m, { reason: `not run: dbmate takes version ${version} for applied (by ${twin.file}) and never runs it`, stops: null });
    } else if (applied.has(twin) && options.preset === 'sqlx') {
      taken.set(
        m,
        twin.bytes.equals(m.bytes)
          ? { reason: `not run: sqlx takes it for the applied ${twin.file}, whose checksum it has`, stops: null }
          : { reason: `sqlx refuses it ("migration ${BigInt(version)} was previously applied but has been modified"), so it runs none of it`, stops: `sqlx refuses the earlier migration ${m.file}` },
      );
    } else {
      // Non-transactional, its SQL commits before its row fails: the row then leaves it unrecorded.
      const undone = m.transactional ? 'rolled back' : 'left unrecorded, its changes kept';
      taken.set(m, {
        reason: `${name} runs it after ${twin.file}, and it fails on its history row (duplicate key value violates unique constraint "${pkey}"), so it is ${undone}`,
        stops: `${name} stops at the earlier migration ${m.file}, which fails on its history row`,
      });
    }
  }
  return taken;
}

/** Where the runner stops (Prisma: at the first folder, in its order, whose script it cannot read), in `folder` or any; undefined where it runs them all. */
export function runnerStop(refused: readonly RefusedName[], options: GateOptions, folder?: string): RefusedName | undefined {
  const compare = versioning(options.preset).comparator([]);
  const stops = refused.filter((r) => r.stops && (folder === undefined || r.folder === folder));
  return stops.sort((a, b) => compare(posix.basename(a.file), posix.basename(b.file)))[0];
}

/** Why the runner does not run `migration`: it stops at a folder before it; null when it gets there. */
export function stoppedBefore(migration: Migration, refused: readonly RefusedName[], options: GateOptions): string | null {
  const at = runnerStop(refused, options, migration.folder);
  const runner = versioning(options.preset);
  if (!at || runner.comparator([])(runner.of(migration, migration.folder), posix.basename(at.file)) < 0) return null;
  return `${PRESET_TABLE[options.preset].runner.name} stops at the earlier ${at.file}/, which holds no ${at.missing} ("${at.refused}")`;
}

/** Why the runner refuses the planned migration; null when it reads it. */
export function runnerRefusal(plan: Plan, options: GateOptions): Refusal | null {
  const { migration } = plan;
  if (runsUnderGoose(migration, options.preset)) {
    const error = gooseFile(migration)?.error;
    return error ? { runner: 'goose', line: error.line, message: error.message } : null;
  }
  // runCommittedMigration checks the Hash of each migration it is about to run, after running those before it.
  const signed = migration.signature;
  if (signed && hashRefused(signed)) {
    const file = posix.basename(migration.file);
    const message = signed.allowInvalidHash
      ? `Invalid hash allowed for ${file}; but hash matches.`
      : `Hash for ${file} does not match - ${signed.computed} !== ${signed.hash}; has the file been tampered with?`;
    return { runner: 'graphile-migrate', line: headerLine(migration, signed.allowInvalidHash ? 'AllowInvalidHash' : 'Hash'), message };
  }
  if (runsUnderDbmate(migration, options.preset) && decodeSql(migration.bytes).ok) {
    // Go's string(bytes): a BOM stays.
    const text = migration.bytes.toString('utf8');
    const error = readDbmate(text).error;
    return error ? { runner: 'dbmate', line: new LineIndex(text).position(error.at).line, message: error.message } : null;
  }
  // Flyway reads the statements to pick the transaction when no script config file sets executeInTransaction; with mixed
  // it takes the mix and runs the migration outside a transaction (plan.ts runs it statement by statement).
  if (options.preset === 'flyway' && !options.mixed && migration.transactional && !migration.runnerWraps) {
    // No runner cuts a Flyway file: the plan's parse is the file's.
    const at = plan.parsed.error ? null : flywayMixedAt(plan.parsed.statements);
    if (!at) return null;
    const line = plan.template.position(at.start).line;
    const kind = flywayRunsOutside(at) ? ' [non-transactional]' : '';
    const message = `Detected both transactional and non-transactional statements within the same migration (even though mixed is false). Offending statement found at line ${line}: ${at.text}${kind}`;
    return { runner: 'Flyway', line, message };
  }
  return null;
}
