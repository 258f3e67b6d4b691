// Version order: the one documented, deterministic order in which a folder's migrations apply.
//
// The rule of ordering (copied into the README):
//
// 1. Versions compare as numbers, part by part, never as text: `00010` comes after `0009`, and
//    `003` equals `3`. Flyway versions split on `.` or `_` (`1_1` is `1.1`), so `1.2.10` comes after
//    `1.2.9`; missing trailing parts count as 0 (`1` equals `1.0`, as Flyway has it).
// 2. In a folder that mixes date versions (`YYYYMMDD`) with timestamp versions (`YYYYMMDDHHMMSS`, or
//    `YYYYMMDDHH` / `YYYYMMDDHHMM`), every date-shaped version is read as a timestamp padded with zeros
//    (`20240201` as `20240201000000`), because numerically every 8-digit date would sort before every
//    14-digit timestamp, which is wrong in time. A version is date-shaped when its first 8 digits are
//    a calendar date in 1900–2199 and it has 8, 10, 12 or 14 digits.
// 3. Sequential versions (`004`) keep their numeric value, so in a folder that mixes them with dates or
//    timestamps they come first — which is also what a sort by name gives for them.
// 4. Equal versions are ordered by file path (code-unit order, independent of locale), so the order
//    is total; a Flyway undo file (U) follows the versioned file (V) of the same version.
// 5. Repeatable migrations (Flyway `R__`) come after all versioned ones, by description (the name, `_` read as
//    a space) as Flyway orders them, then by path.
// 6. Folders are ordered by path; each folder's migrations stay together.
//
// dbmate and the Supabase CLI apply a folder's files in the order of their names (code units), and under their presets
// that is the order; both match versions as written, as text (name-order compares their order with the numbers).
// Three runners have no numeric version, and under their presets rules 1 and 2 give way to theirs:
// Prisma knows a migration by its whole folder name and applies the folders in `localeCompare` order
// of those names (prisma/prisma packages/migrate/src/utils/listMigrations.ts); diesel's version is
// the folder name's text before its first `_` without dashes, matched and sorted as text
// (migrations_internals::version_from_string, MigrationVersion's derived Ord); node-pg-migrate knows a
// migration by its file name without the extension (Migration.name, stored in pgmigrations.name) and
// sorts the file names by their leading number, then by `localeCompare` (utils/comparators.ts).

import { posix } from 'node:path';
import { stem, type Migration, type MigrationKind } from '../migration.js';
import type { PresetName } from '../options.js';

/** Compares two versions numerically, part by part (see the rule of ordering above). */
export function compareVersions(a: string, b: string): number {
  return compareKeys(versionKey(a), versionKey(b));
}

/** One spelling per version, so equal versions are equal strings: `003` → `3`, `1_1.0` → `1.1`. */
export function canonicalVersion(version: string): string {
  if (DIGITS.test(version)) return version.replace(LEADING_ZEROS, '');
  const parts = versionParts(version).map((p) => (DIGITS.test(p) ? p.replace(LEADING_ZEROS, '') : p));
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts.join('.');
}

/**
 * A comparator for the versions of one folder: numeric, with date-shaped versions read as timestamps
 * when the folder mixes date-shaped versions of different lengths (rule 2). Transitive by construction,
 * because every version gets one key before any comparison.
 */
export function folderVersionComparator(versions: Iterable<string>): (a: string, b: string) => number {
  const asTime = mixesDateLengths(versions);
  // Rules compare one folder's versions against each other again and again: each is split once.
  const keys = new Map<string, VersionKey>();
  const keyOf = (v: string) => {
    let key = keys.get(v);
    if (!key) keys.set(v, (key = versionKey(asTime ? asTimestamp(v) : v)));
    return key;
  };
  return (a, b) => compareKeys(keyOf(a), keyOf(b));
}

function mixesDateLengths(versions: Iterable<string>): boolean {
  const lengths = new Set<number>();
  for (const v of versions) if (isDateShaped(v)) lengths.add(v.length);
  return lengths.size > 1;
}

/** What a runner takes for a migration's version, and how it matches and orders versions. */
export interface Versioning {
  /** What the runner's version is, in a message. */
  noun: 'version' | 'folder name' | 'name';
  /** The runner's version of a migration, or of a history entry, in `folder`. */
  of(m: { version: string; file?: string | undefined }, folder: string): string;
  /** One key per version: the runner holds two versions equal when their keys are. */
  key(version: string): string;
  /** A comparator for the versions of one folder (all of them given, as folderVersionComparator takes them). */
  comparator(versions: Iterable<string>): (a: string, b: string) => number;
  /** Whether the runner applies a folder's files in the order of their names, whatever their versions say. */
  byFileName?: true;
}

const NUMERIC: Versioning = {
  noun: 'version',
  of: (m) => m.version,
  key: canonicalVersion,
  comparator: folderVersionComparator,
};

// Prisma's listMigrations sorts with a bare `localeCompare`; a fixed locale gives its usual (ICU root) order on every machine.
// Made on first use: loading ICU's collation costs ~15 ms, which a run that is not Prisma's need not pay.
let prismaNames: Intl.Collator | undefined;

// node-pg-migrate's localeCompare takes the machine's locale; a fixed one gives its usual order everywhere, made on first use.
let nodePgMigrateNames: Intl.Collator | undefined;

/**
 * node-pg-migrate's order of two migration names (compareMigrationFileNames, which loadMigrationUnits applies to the file
 * names, extension included): by getNumericPrefix, the leading digits as a number and 17 of them as a UTC time in
 * milliseconds, then by localeCompare with numbers read as numbers and punctuation ignored. So `003_ab` runs before `003_a`
 * (`003absql` before `003asql`), `003_a9` before `003_a10`, `20250126_x` before `20240101000000_y`. A name is compared as
 * its .sql file's: for a JavaScript or TypeScript migration the extension differs, which can decide only between two names
 * of one number where one, punctuation aside, begins the other.
 */
function compareNodePgMigrate(a: string, b: string): number {
  const [x, y] = [`${a}.sql`, `${b}.sql`];
  // A 17-digit prefix that is no date is NaN to it too, and NaN || … falls through to the names, as in its comparator.
  return (
    numericPrefix(x) - numericPrefix(y) ||
    (nodePgMigrateNames ??= new Intl.Collator('en', { usage: 'sort', numeric: true, sensitivity: 'variant', ignorePunctuation: true })).compare(x, y)
  );
}

/** node-pg-migrate's getNumericPrefix (utils/fileNameUtils.ts), for a name it accepts. */
function numericPrefix(file: string): number {
  const digits = /^\d*/.exec(file)![0];
  return digits.length === 17 ? Date.parse(digits.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)/, '$1-$2-$3T$4:$5:$6.') + 'Z') : Number(digits);
}

/** Versions matched as written and sorted as text. */
const TEXT: Versioning = { noun: 'version', of: (m) => m.version, key: (version) => version, comparator: () => compareText };

const VERSIONING: Partial<Record<PresetName, Versioning>> = {
  prisma: {
    noun: 'folder name',
    // A folder per migration: the folder's name; a file directly in the folder is no Prisma migration, and keeps its version.
    of: (m, folder) => (m.file && posix.dirname(m.file) !== folder ? posix.basename(posix.dirname(m.file)) : m.version),
    key: (version) => version,
    comparator: () => (prismaNames ??= new Intl.Collator('en')).compare,
  },
  diesel: TEXT,
  // dbmate's version is the file name's leading digits as a string (migrationFileRegexp), applied by that exact text, and
  // FindMigrations sorts the files by name: `10_b.sql` runs before `1_a.sql`, `20240101000000_b.sql` before `20240101_a.sql`.
  dbmate: { ...TEXT, byFileName: true },
  // The Supabase CLI matches local and remote versions as strings (migration.FindPendingMigrations), and applies the files
  // in the order fs.ReadDir lists them, by name (ListLocalMigrations).
  supabase: { ...TEXT, byFileName: true },
  // Atlas sorts the files by name (dir.go LocalDir.Files) and compares versions as strings (migrate.go Pending).
  atlas: { ...TEXT, byFileName: true },
  // drizzle runs its journal's entries in their order, which is their tags' (drizzle-kit starts each with its index), and keys
  // each by its `when`, the version here (readMigrationFiles, dialect.ts migrate()).
  drizzle: { ...NUMERIC, byFileName: true },
  'node-pg-migrate': {
    noun: 'name',
    of: (m) => (m.file ? stem(m.file) : m.version),
    key: (name) => name,
    comparator: () => compareNodePgMigrate,
  },
};

/** How the preset's runner reads and orders versions (numerically, as the rule of ordering says, unless it has its own way). */
export function versioning(preset: PresetName): Versioning {
  return VERSIONING[preset] ?? NUMERIC;
}

/**
 * The apply order: by folder, then versioned (and undo) by version and file, then repeatable by file;
 * versions as the preset's runner orders them, or by file where it applies files in name order.
 */
export function sortMigrations(ms: Migration[], preset: PresetName = 'generic'): Migration[] {
  const runner = versioning(preset);
  const byFolder = new Map<string, Migration[]>();
  for (const m of ms) {
    const list = byFolder.get(m.folder);
    if (list) list.push(m);
    else byFolder.set(m.folder, [m]);
  }
  const out: Migration[] = [];
  for (const folder of [...byFolder.keys()].sort(compareText)) {
    const list = byFolder.get(folder)!;
    const keyed = list.map((m) => ({ m, version: runner.of(m, folder), rank: KIND_RANK[m.kind] }));
    // The comparator parses each version once: sorting 1,500 files compares ~16,000 pairs.
    const compare = runner.comparator(keyed.filter((k) => k.rank !== REPEATABLE).map((k) => k.version));
    keyed.sort(
      (a, b) =>
        Number(a.rank === REPEATABLE) - Number(b.rank === REPEATABLE) ||
        (a.rank === REPEATABLE ? compareText(description(a.m), description(b.m)) : runner.byFileName ? compareText(a.m.file, b.m.file) : compare(a.version, b.version)) ||
        a.rank - b.rank ||
        compareText(a.m.file, b.m.file),
    );
    for (const k of keyed) out.push(k.m);
  }
  return out;
}

/** Whether a version reads as YYYYMMDD, optionally followed by HH, HHMM or HHMMSS. */
export function isDateShaped(version: string): boolean {
  return /^(?:19|20|21)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:\d{2}){0,3}$/.test(version);
}

/** Code-unit order, the same on every machine and locale (what `ls` in the C locale and Go's sort give). */
/** Flyway orders repeatable migrations by description, its name with `_` read as a space, wherever the file sits (ResolvedMigrationComparator). */
function description(m: Migration): string {
  return m.name.replace(/_/g, ' ');
}

/** Code-point order: the same on every machine whatever its locale, and no ICU collator to load. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const KIND_RANK: Record<MigrationKind, number> = { versioned: 0, undo: 1, repeatable: 2, current: 3 };
const REPEATABLE = KIND_RANK.repeatable;

function asTimestamp(version: string): string {
  return isDateShaped(version) ? version.padEnd(14, '0') : version;
}

function versionParts(version: string): string[] {
  return version.split(/[._]/);
}

/** A version split into parts; numeric parts without leading zeros, so they compare by length, then text. */
type VersionKey = Array<{ numeric: boolean; text: string }>;

const DIGITS = /^\d+$/;
const LEADING_ZEROS = /^0+(?=\d)/;

function versionKey(version: string): VersionKey {
  // Most versions are one run of digits (NNN, dates, timestamps): no split needed.
  if (DIGITS.test(version)) return [{ numeric: true, text: version.replace(LEADING_ZEROS, '') }];
  return versionParts(version).map((p) => (DIGITS.test(p) ? { numeric: true, text: p.replace(LEADING_ZEROS, '') } : { numeric: false, text: p }));
}

const ZERO = { numeric: true, text: '0' };

/** Part by part; a missing trailing part counts as 0; numbers by value (any length, no overflow), anything else as text. */
function compareKeys(a: VersionKey, b: VersionKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? ZERO;
    const y = b[i] ?? ZERO;
    const c = x.numeric && y.numeric ? Math.sign(x.text.length - y.text.length) || compareText(x.text, y.text) : compareText(x.text, y.text);
    if (c !== 0) return c;
  }
  return 0;
}
