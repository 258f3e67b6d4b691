// Reads a version and a name out of a migration's file (or folder) name, per naming scheme.

import { posix } from 'node:path';
import type { CodeLanguage, MigrationKind, SchemeId } from '../migration.js';
import type { PresetName } from '../options.js';
import { PRESET_TABLE } from '../config/presets.js';

export interface ParsedName {
  scheme: SchemeId;
  kind: MigrationKind;
  version: string;
  name: string;
  /** up-down scheme: which half this file is. */
  direction?: 'up' | 'down';
  /** A migration written in code (readCodeName). */
  language?: CodeLanguage;
}

/** Most specific first: a Flyway or up/down name would also look sequential. */
const FILE_PATTERNS: Array<{ scheme: SchemeId; re: RegExp; build(m: RegExpMatchArray): ParsedName; forcedOnly?: true }> = [
  {
    scheme: 'flyway',
    re: /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/,
    build: (m) => ({ scheme: 'flyway', kind: m[1] === 'U' ? 'undo' : 'versioned', version: m[2]!, name: m[3]! }),
  },
  {
    scheme: 'flyway',
    re: /^R__(.+)\.sql$/,
    build: (m) => ({ scheme: 'flyway', kind: 'repeatable', version: '', name: m[1]! }),
  },
  {
    scheme: 'up-down',
    re: /^(\d+)_(.+)\.(up|down)\.sql$/,
    build: (m) => ({ scheme: 'up-down', kind: 'versioned', version: m[1]!, name: m[2]!, direction: m[3] as 'up' | 'down' }),
  },
  {
    scheme: 'timestamp',
    re: /^(\d{14})[_-](.+)\.sql$/,
    build: (m) => ({ scheme: 'timestamp', kind: 'versioned', version: m[1]!, name: m[2]! }),
  },
  {
    scheme: 'date',
    re: /^((?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))[_-](.+)\.sql$/,
    build: (m) => ({ scheme: 'date', kind: 'versioned', version: m[1]!, name: m[2]! }),
  },
  {
    scheme: 'sequential',
    re: /^(\d+)[_-](.+)\.sql$/,
    build: (m) => ({ scheme: 'sequential', kind: 'versioned', version: m[1]!, name: m[2]! }),
  },
  // graphile-migrate's committed files (its migrationFilename.ts): a bare number is a name only that runner takes.
  {
    scheme: 'graphile',
    re: /^(\d+)(?:-([-\w]*))?\.sql$/,
    build: (m) => ({ scheme: 'graphile', kind: 'versioned', version: m[1]!, name: m[2] ?? '' }),
    forcedOnly: true,
  },
];

/** Parses a .sql file name; null when it fits no scheme (or not the forced one). */
export function parseFileName(base: string, forced?: SchemeId): ParsedName | null {
  for (const p of FILE_PATTERNS) {
    if (p.forcedOnly && forced !== p.scheme) continue;
    const m = base.match(p.re);
    if (!m) continue;
    const parsed = p.build(m);
    if (!forced || forced === parsed.scheme) return parsed;
    // A forced scheme reads names of its own kind only: a forced 'sequential' folder still accepts 20240101_x.sql.
    if (forced === 'sequential' && (parsed.scheme === 'date' || parsed.scheme === 'timestamp')) {
      return { ...parsed, scheme: 'sequential' };
    }
    if ((forced === 'dbmate' || forced === 'goose') && parsed.kind === 'versioned' && !parsed.direction) {
      return { ...parsed, scheme: forced };
    }
  }
  return null;
}

/** The version and name a runner with a naming rule of its own reads in a file name, and which half of an up/down pair it is. */
interface RunnerReading {
  version: string;
  name: string;
  direction?: 'up' | 'down';
  language?: CodeLanguage;
}

/**
 * What a runner does with a file outside its rule: skips the name (silently, or with the warning it `said`), fails with
 * its message (and so applies nothing), or never reads the file at all, as it sits where the runner does not look.
 */
export type NameProblem = { ignored: true; said?: string } | { refused: string } | { unread: UnreadPlace };

/** A file in a subfolder of the migrations folder, or one directly in it. */
export type UnreadPlace = 'subfolder' | 'file';

/** A file whose name the runner refuses while it lists `folder`: it applies none of the folder's migrations. */
export interface RefusedName {
  folder: string;
  file: string;
  /** The runner's message. */
  refused: string;
  /** The runner applies the folder's migrations before this one and stops at it (Prisma): only those after it are not run. */
  stops?: true;
  /** A migration folder the runner cannot read: the script it misses there (Prisma's migration.sql, diesel's up.sql). */
  missing?: string;
  /** What to do about it, as the unreadable-file finding suggests. */
  fix?: string;
  /** Why the runner applies nothing, where that is no name it refuses (drizzle's journal, Atlas's atlas.sum): the finding's words. */
  reason?: string;
}

interface RunnerNames {
  /** The names it takes, for the invalid-name advice. */
  expected: string;
  /** The command that reads the folder, as the refusal names it. */
  command: string;
  /** `base` is the file's name, `path` its path as the runner names it in an error. */
  read(base: string, path: string): RunnerReading | NameProblem;
}

/** Text as Go's strconv.ParseInt and Rust's i64::from_str read it: the number, or why it is none (Go's words). */
function int64(text: string): bigint | 'invalid syntax' | 'value out of range' {
  if (!/^[+-]?\d+$/.test(text)) return 'invalid syntax';
  const n = BigInt(text);
  return n < 2n ** 63n && n >= -(2n ** 63n) ? n : 'value out of range';
}

/** A name that starts with digits, its version those digits (dbmate's migrationFileRegexp, node-pg-migrate's getNumericPrefix). */
function digitsFirst(base: string): RunnerReading | null {
  const m = /^(\d+)(.*)\.sql$/.exec(base);
  return m ? { version: m[1]!, name: m[2]!.replace(/^[_-]/, '') } : null;
}

/**
 * The runners that read a file name by a rule of their own, read in their source: sqlx (sqlx-core migrate/source.rs:
 * `splitn(2, '_')`, a description ending in `.sql`, else the file is skipped; a version that is no i64 is an error),
 * golang-migrate (source/parse.go `^([0-9]+)_(.*)\.(down|up)\.(.*)$`, a uint64; source/iofs skips what does not parse),
 * dbmate (`^(\d+).*\.sql$`, the leading digits its version; FindMigrations skips the rest), goose (NumericComponent:
 * an int64 before the first `_`, at least 1; collectMigrationsFS fails on any other .sql file), the Supabase CLI
 * (pkg/migration/file.go `^([0-9]+)_(.*)\.sql$`; ListLocalMigrations skips the rest with a warning) and node-pg-migrate
 * 9 (getMigrationFilePaths takes every file not starting with `.`, sorted by getNumericPrefix, which throws on a name
 * without leading digits, so loadMigrations fails).
 * graphile-migrate (getAllMigrations keeps the names current.ts VALID_FILE_REGEX takes, `^([0-9]+)(-[-_a-zA-Z0-9]*)?\.sql$`:
 * FILE_PATTERNS' graphile one) skips the rest of its committed folder.
 * Each reads only the files directly in its folder: sqlx and golang-migrate's iofs skip directories, dbmate's
 * FindMigrations too, goose globs `<dir>/*.sql`, the Supabase CLI's ListLocalMigrations and node-pg-migrate's readdir
 * filter keep files only, and graphile-migrate reads no folder inside its committed one.
 */
const RUNNER_NAMES: Partial<Record<PresetName, RunnerNames>> = {
  sqlx: {
    expected: '<version>_<description>.sql (or .up.sql and .down.sql)',
    command: 'sqlx migrate run',
    read(base) {
      const cut = base.indexOf('_');
      const rest = base.slice(cut + 1);
      if (cut < 0 || !rest.endsWith('.sql')) return { ignored: true };
      const head = base.slice(0, cut);
      if (typeof int64(head) !== 'bigint') {
        return { refused: `error parsing migration filename "${base}"; expected integer version prefix (e.g. \`01_foo.sql\`)` };
      }
      const direction = /\.(up|down)\.sql$/.exec(rest)?.[1] as 'up' | 'down' | undefined;
      return { version: head.replace(/^\+/, ''), name: rest.slice(0, rest.length - (direction ? direction.length + 5 : 4)), ...(direction && { direction }) };
    },
  },
  'golang-migrate': {
    expected: '<version>_<name>.up.sql and <version>_<name>.down.sql',
    command: 'migrate up',
    read(base) {
      const m = /^([0-9]+)_(.*)\.(down|up)\.(.*)$/.exec(base);
      if (!m || BigInt(m[1]!) >= 2n ** 64n) return { ignored: true };
      return { version: m[1]!, name: m[2]!, direction: m[3] as 'up' | 'down' };
    },
  },
  dbmate: {
    expected: '<version><anything>.sql, its leading digits the version',
    command: 'dbmate up',
    read: (base) => digitsFirst(base) ?? { ignored: true },
  },
  goose: {
    expected: '<version>_<name>.sql, its version a number from 1',
    command: 'goose up',
    read(base, path) {
      const cut = base.indexOf('_');
      const head = base.slice(0, cut);
      const n = int64(head);
      const problem =
        cut < 0
          ? "no filename separator '_' found"
          : typeof n !== 'bigint'
            ? `failed to parse version from migration file: ${base}: strconv.ParseInt: parsing "${head}": ${n}`
            : n < 1n
              ? 'migration version must be greater than zero'
              : null;
      if (problem) return { refused: `could not parse SQL migration file "${path}": ${problem}` };
      return { version: head.replace(/^\+/, ''), name: base.slice(cut + 1, -4) };
    },
  },
  supabase: {
    expected: '<version>_<name>.sql, its version only digits (such as a timestamp)',
    command: 'supabase db push',
    read(base) {
      const m = /^([0-9]+)_(.*)\.sql$/.exec(base);
      return m
        ? { version: m[1]!, name: m[2]! }
        : { ignored: true, said: `Skipping migration ${base}... (file name must match pattern "<timestamp>_name.sql")` };
    },
  },
  'node-pg-migrate': {
    expected: '<version><anything>.sql, its leading digits the version',
    command: 'node-pg-migrate up',
    // Its default ignorePattern `^\..*` leaves out a hidden file; a .down.sql is a migration of its own to the default loader.
    read: (base) =>
      base.startsWith('.')
        ? { ignored: true }
        : (digitsFirst(base) ?? { refused: `Error loading migration files: Cannot determine numeric prefix for "${base}"` }),
  },
  // dir.go LocalFile.Version and Desc: the text before the first `_` and after it, `.sql` trimmed; LocalDir.Files takes every
  // `*.sql` file directly in the folder, so no name is skipped or refused.
  atlas: {
    expected: '<version>_<name>.sql, such as the 14-digit time `atlas migrate new` gives',
    command: 'atlas migrate apply',
    read(base) {
      const stem = base.slice(0, -'.sql'.length);
      const cut = stem.indexOf('_');
      return cut < 0 ? { version: stem, name: '' } : { version: stem.slice(0, cut), name: stem.slice(cut + 1) };
    },
  },
  'graphile-migrate': {
    expected: 'NNNNNN.sql or NNNNNN-message.sql',
    command: 'graphile-migrate migrate',
    read(base) {
      const parsed = parseFileName(base, 'graphile');
      return parsed ? { version: parsed.version, name: parsed.name } : { ignored: true };
    },
  },
};

/** The names the other runners take, for the invalid-name advice; every scheme where the runner is not known. */
const EXPECTED: Partial<Record<PresetName, string>> = {
  flyway: 'V<version>__name.sql (U<version>__name.sql to undo one, R__name.sql for a repeatable one)',
  prisma: '<name>/migration.sql',
  diesel: '<version>_<name>/up.sql',
};
/**
 * Flyway's ResourceNameValidator on a .sql file in its location that no prefix reads: by default (validateMigrationNaming
 * false) it only logs, at INFO; with validateMigrationNaming true it fails, before it migrates.
 */
const FLYWAY_SKIPS =
  'by default Flyway skips it, logging only "SQL migrations were detected but not run because they did not follow the filename convention", so it is never applied; ' +
  'with validateMigrationNaming=true, `flyway migrate` fails on it with "Invalid SQL filenames found", before it applies any migration';
const ANY_SCHEME =
  'one of NNN_name.sql, YYYYMMDDHHMMSS_name.sql, V<version>__name.sql, R__name.sql, <version>_name.up.sql/.down.sql, or <version>_<name>/migration.sql';

/**
 * Parses a migration file's name (`base`, at `path`) as the preset's runner reads it, where the runner has a rule of its
 * own; else as parseFileName does. A forced scheme still decides which names the folder takes.
 */
export function parseRunnerFileName(base: string, path: string, preset: PresetName, forced?: SchemeId): ParsedName | NameProblem | null {
  const code = readCodeName(base, preset);
  const reading = code ?? RUNNER_NAMES[preset]?.read(base, path);
  // A code migration's name fits a scheme as the same name ending in .sql would.
  const fits = parseFileName(code ? `${base.slice(0, base.length - posix.extname(base).length)}.sql` : base, forced);
  if (!reading || !('version' in reading)) return reading ?? fits;
  if (forced && !fits) return null;
  // The scheme tells dates from timestamps in the version order; the runner's reading gives the version and the direction.
  const scheme = reading.direction ? 'up-down' : fits && fits.scheme !== 'up-down' ? fits.scheme : 'sequential';
  return { scheme, kind: 'versioned', ...reading };
}

/**
 * The invalid-name finding for `rel` in `folder`: a name the preset's runner skips or refuses, or a file where it never looks
 * (`problem`), or a name no scheme takes.
 */
export function invalidName(
  rel: string,
  folder: string,
  named: SchemeId | undefined,
  preset: PresetName,
  problem: NameProblem | null,
): { message: string; suggestion: string } {
  const runner = RUNNER_NAMES[preset];
  const who = PRESET_TABLE[preset].runner.name;
  const expected = named === 'graphile' ? RUNNER_NAMES['graphile-migrate']!.expected : (runner?.expected ?? EXPECTED[preset] ?? ANY_SCHEME);
  if (problem && 'unread' in problem) {
    const where =
      problem.unread === 'subfolder' ? `in a subfolder, and ${who} reads only the files directly in ${folder}` : `directly in ${folder}, and ${who} reads only the folders in it`;
    return { message: `${rel} is ${where}: it is never applied`, suggestion: `make it ${folder}/${expected}, or move it out of ${folder}` };
  }
  const suggestion = `rename it to ${expected}, or move it out of ${folder}`;
  if (problem && 'refused' in problem) return { message: refusedName(rel, preset, problem.refused), suggestion };
  if (problem?.said) return { message: `${rel} is not a migration name to ${who} (${expected}): \`${runner!.command}\` skips it with "${problem.said}", so it is never applied`, suggestion };
  if (problem) return { message: `${rel} is not a migration name to ${who} (${expected}), so ${who} ignores it: it is never applied`, suggestion };
  if (preset === 'flyway') return { message: `${rel} is not a migration name to Flyway (${expected}): ${FLYWAY_SKIPS}`, suggestion };
  // Roundcube-style `2018021600.sql`: a name some runners read, which the gate reads as they do once told which runner.
  const bare = preset === 'generic' && !named && /^\d+\.sql$/.test(posix.basename(rel));
  return {
    message: `${rel} fits no migration naming scheme${named ? ` (this folder is configured as ${named})` : ''}, so a runner would skip or reject it`,
    suggestion: bare ? `${suggestion}; if your runner reads a bare version (dbmate, node-pg-migrate and graphile-migrate do), set its preset (--preset or \`preset:\` in .migration-gate.yml)` : suggestion,
  };
}

/**
 * diesel (diesel_migrations FileBasedMigrations::from_path) takes every folder whose name does not start with `.` for a
 * migration, of any name, and fails on one without up.sql (valid_sql_migration_directory) with this message, while it
 * lists them, before it runs any.
 */
const DIESEL = {
  command: 'diesel migration run',
  refused: "Invalid migration directory, the directory's name should be <timestamp>_<name_of_migration>, and it should only contain up.sql and down.sql.",
};

/** Why the preset's runner applies none of a folder's migrations, for `refusal`: its own reason, else the name it refuses. */
export function refusalReason(refusal: RefusedName, preset: PresetName): string {
  return refusal.reason ?? refusedName(refusal.file, preset, refusal.refused);
}

/**
 * Why the preset's runner applies nothing: `name` is a file name it refuses, with its message `refused`; under diesel,
 * which reads any name, a folder without up.sql.
 */
export function refusedName(name: string, preset: PresetName, refused: string): string {
  const [what, command] =
    preset === 'diesel'
      ? [`${name}/ holds no up.sql, and diesel refuses it`, DIESEL.command]
      : [`${name} is a name ${PRESET_TABLE[preset].runner.name} refuses`, RUNNER_NAMES[preset]!.command];
  return `${what}: \`${command}\` fails on it with "${refused}", before it applies any migration`;
}

/**
 * Where in its folder the preset's runner never looks: the runners with a naming rule of their own (RUNNER_NAMES) read
 * only the files directly in it, Prisma and diesel only the folders in it (listMigrations keeps directories,
 * migrations_internals::migrations_directories skips files); null where the runner is unknown or reads both.
 */
export function unreadPlace(preset: PresetName): UnreadPlace | null {
  return RUNNER_NAMES[preset] ? 'subfolder' : preset === 'prisma' || preset === 'diesel' || preset === 'drizzle' ? 'file' : null;
}

/** The file a folder-per-migration keeps its SQL in: Prisma's migration.sql or diesel's up.sql. */
export const FOLDER_SQL_FILES = ['migration.sql', 'up.sql'];

/**
 * Whether the runner loads a file of its folder that is no .sql file and fails on its name: node-pg-migrate takes every
 * file not starting with `.` (a README.md too) and throws on one without a numeric prefix before it runs anything. Its
 * numbered JS or TS migrations it runs (readCodeName).
 */
export function failsOnOtherFile(name: string, preset: PresetName): boolean {
  return preset === 'node-pg-migrate' && !name.endsWith('.sql') && !name.startsWith('.') && !/^\d/.test(name);
}

/**
 * A migration written in code that the preset's runner takes from its folder, its version and name as the runner reads
 * them; null for any other file, and under the other presets. goose (migrate.go collectGoMigrations, provider_collect.go
 * collectFilesystemSources) takes a `.go` file whose NumericComponent reads (an int64 from 1 before the first `_`) and skips
 * `_test.go` files and any other `.go` file (a helpers.go). node-pg-migrate's loadMigrations imports every file of its folder
 * that is no .sql file: its JavaScript and TypeScript migrations, known by their leading digits (getNumericPrefix).
 */
export function readCodeName(base: string, preset: PresetName): (RunnerReading & { language: CodeLanguage }) | null {
  if (preset === 'goose') {
    const m = /^([^_]*)_(.*)\.go$/.exec(base);
    const n = m && !base.endsWith('_test.go') ? int64(m[1]!) : null;
    return typeof n === 'bigint' && n >= 1n ? { version: m![1]!.replace(/^\+/, ''), name: m![2]!, language: 'go' } : null;
  }
  if (preset !== 'node-pg-migrate') return null;
  const m = /^(\d+)(.*)\.([cm]?)([jt])s$/.exec(base);
  return m ? { version: m[1]!, name: m[2]!.replace(/^[_-]/, ''), language: m[4] === 't' ? 'typescript' : 'javascript' } : null;
}

/** The one a folder-per-migration runner runs (Prisma and drizzle only migration.sql, diesel only up.sql); either where the runner is unknown. */
export function folderSqlFiles(preset: PresetName): string[] {
  return preset === 'prisma' || preset === 'drizzle' ? ['migration.sql'] : preset === 'diesel' ? ['up.sql'] : FOLDER_SQL_FILES;
}

/**
 * What the preset's runner does with subfolder `dir` of `folder` that holds none of its SQL files, and where it refuses
 * it: Prisma takes it for a migration and stops at it (listMigrations.ts reads its migration.sql; apply_migrations fails
 * there), diesel refuses the whole folder (FileBasedMigrations::from_path), unless its name starts with `.`; null where
 * the runner reads no folders as migrations.
 */
export function scriptlessFolder(dir: string, folder: string, preset: PresetName): { message: string; refusal: RefusedName } | null {
  if (preset !== 'prisma' && (preset !== 'diesel' || posix.basename(dir).startsWith('.'))) return null;
  const missing = folderSqlFiles(preset)[0]!;
  const refusal = { folder, file: dir, missing, fix: `add its ${missing}, or move the folder out of ${folder}` };
  if (preset === 'diesel') return { message: refusedName(dir, preset, DIESEL.refused), refusal: { ...refusal, refused: DIESEL.refused } };
  return {
    message: `${dir}/ holds no ${missing}: Prisma takes every folder in ${folder}/ for a migration, fails to read this one's script, and \`prisma migrate deploy\` stops there`,
    // The schema engine's ReadMigrationScriptError (apply_migrations), after the migrations before it are applied.
    refusal: { ...refusal, refused: 'Failed to read migration script', stops: true },
  };
}

/**
 * Parses a folder-per-migration name: `20240101120000_init` (Prisma), `2024-01-01-120000_init` (diesel) or
 * `2024-01-01-120000-0000_init` (diesel_cli 2.2+ adds a sub-version); the version without its dashes, as diesel reads it.
 */
export function parseFolderName(dir: string): ParsedName | null {
  const m = dir.match(/^(\d{4}-\d{2}-\d{2}-\d{6}(?:-\d{4})?|\d+)_(.+)$/);
  if (!m) return null;
  return { scheme: 'folder', kind: 'versioned', version: m[1]!.replace(/-/g, ''), name: m[2]! };
}

/**
 * A folder-per-migration (`dir/file`) as the preset's runner reads it, or why it does not. Prisma runs every folder that
 * holds migration.sql whatever its name, known by that whole name (listMigrations.ts), so a folder without a leading
 * version is a migration too, its name its version. diesel takes any name not starting with `.` (it skips those): its
 * version is the text before the first `_` (all of it without one), dashes removed (migrations_internals::version_from_string).
 */
export function readMigrationFolder(dir: string, file: string, preset: PresetName): ParsedName | NameProblem | null {
  if (preset === 'diesel') {
    if (dir.startsWith('.')) return { ignored: true };
    const cut = dir.indexOf('_');
    return { scheme: 'folder', kind: 'versioned', version: (cut < 0 ? dir : dir.slice(0, cut)).replace(/-/g, ''), name: cut < 0 ? '' : dir.slice(cut + 1) };
  }
  const parsed = parseFolderName(dir);
  if (parsed || preset !== 'prisma' || file !== 'migration.sql') return parsed;
  return { scheme: 'folder', kind: 'versioned', version: dir, name: dir };
}
