// Turns the files of one migration folder (from disk or from a git tree) into Migrations, with a
// finding for each file that is not a migration the runner can read.

import { posix } from 'node:path';
import type { Draft } from '../report/finding.js';
import { pathIn, type Migration, type SchemeId } from '../migration.js';
import type { PresetName } from '../options.js';
import { PRESET_TABLE } from '../config/presets.js';
import { skipTrivia } from '../sql/split.js';
import { decodeSql, type Decoded } from './decode.js';
import { folderSqlFiles, invalidName, parseRunnerFileName, readMigrationFolder, scriptlessFolder, unreadPlace, type NameProblem, type ParsedName, type RefusedName } from './naming.js';
import { isScriptConfig, readScriptConfig, scriptConfigOf } from './script-config.js';
import { readSignature } from './graphile.js';
import { dieselRunsInTransaction, isDieselMetadata } from './diesel-metadata.js';
import { sqlxNoTransaction, supabaseNoTransaction, upSection, type UpSection } from './sections.js';
import { envsubRegions } from './goose-split.js';
import { LineIndex } from '../sql/lines.js';
import { sortMigrations } from './version-order.js';
import { isDrizzleJournal, journalName, journalOf } from './drizzle-journal.js';
import { atlasTxMode, checkAtlasSum, isAtlasSum } from './atlas-sum.js';
import { isSqitchPlan, planOf } from './sqitch-project.js';

export interface SourceFile {
  /** Repo-relative POSIX path. */
  path: string;
  bytes?: Buffer;
  /** Why the file could not be read (a symlink out of the repository, permissions). */
  problem?: { message: string; fix: string };
}

export interface FolderListing {
  /** Repo-relative POSIX path of the folder. */
  folder: string;
  /** Its .sql files, the Flyway script config files beside them (.sql.conf), and the SQL file of each folder-per-migration one level down (under Flyway, the .sql and .sql.conf files of every subfolder instead). */
  files: SourceFile[];
  /** Its subfolders that hold none of the runner's folder-per-migration SQL files (repo-relative), which Prisma and diesel still take for migrations. */
  scriptless?: string[];
}

export interface Discovery {
  migrations: Migration[];
  findings: Draft[];
  /** Names the runner refuses while it lists their folder, before it applies any migration there. */
  refusedNames: RefusedName[];
}

export function classifyFolder(listing: FolderListing, scheme: SchemeId | undefined, preset: PresetName): Discovery {
  const findings: Draft[] = [];
  const migrations: Migration[] = [];
  const refusedNames: RefusedName[] = [];
  const downs: Array<{ file: string; version: string }> = [];
  // Only Flyway reads a script config file; for any other runner it is an inert file beside the migration.
  const configs = new Map(preset === 'flyway' ? listing.files.filter((f) => isScriptConfig(f.path)).map((f) => [f.path, f] as const) : []);
  const named = scheme ?? PRESET_TABLE[preset].scheme;
  // diesel reads a metadata.toml beside up.sql; no other runner does.
  const metadata = new Map(preset === 'diesel' ? listing.files.filter((f) => isDieselMetadata(f.path)).map((f) => [posix.dirname(f.path), f] as const) : []);
  for (const dir of listing.scriptless ?? []) {
    const problem = scriptlessFolder(dir, listing.folder, preset);
    if (!problem) continue;
    findings.push({ rule: 'unreadable-file', file: dir, line: 0, column: 0, message: problem.message, suggestion: problem.refusal.fix });
    refusedNames.push(problem.refusal);
  }
  // drizzle runs what its journal lists, in its order, each known by its `when`.
  const journal = preset === 'drizzle' ? journalOf(listing) : null;
  if (journal) {
    findings.push(...journal.findings);
    refusedNames.push(...journal.refusedNames);
  }
  // Atlas runs nothing while atlas.sum disagrees with the folder's files.
  const sum = preset === 'atlas' ? checkAtlasSum(listing) : null;
  if (sum) {
    findings.push(...sum.findings);
    refusedNames.push(...sum.refusedNames);
  }
  // Sqitch deploys what its plan lists, in its order.
  const plan = preset === 'sqitch' ? planOf(listing) : null;
  if (plan) {
    findings.push(...plan.findings);
    refusedNames.push(...plan.refusedNames);
  }
  for (const source of listing.files) {
    if (
      isScriptConfig(source.path) ||
      isDieselMetadata(source.path) ||
      (journal && isDrizzleJournal(listing.folder, source.path)) ||
      (sum && isAtlasSum(listing.folder, source.path)) ||
      (plan && isSqitchPlan(listing.folder, source.path))
    ) {
      continue;
    }
    const entry = journal?.entryOf.get(source.path);
    // A file the journal does not list has its finding already, unless drizzle cannot read the journal at all.
    if (journal?.readable && !entry) continue;
    const planned = plan?.nameOf.get(source.path);
    const change = plan?.changeOf.get(source.path);
    // A deploy script the plan does not name has its finding already; one missing its change's plan is read by its path.
    if (plan && !planned) continue;
    const config = configs.size ? configs.get(scriptConfigOf(source.path)) : undefined;
    const toml = metadata.size ? metadata.get(posix.dirname(source.path)) : undefined;
    const inTransaction = toml ? dieselRunsInTransaction(toml.bytes?.toString('utf8') ?? '') : null;
    const settings = { folder: listing.folder, preset, scheme: named, config: config?.bytes, inTransaction, entry: entry ? `${entry.index}:${entry.when}` : change ? `${change.index}:${change.id}` : planned?.version };
    const known = source.bytes && classified.get(source.bytes);
    if (known && known.path === source.path && sameSettings(known.settings, settings)) {
      if (known.down) downs.push({ file: source.path, version: known.down });
      else {
        const { downFile: _, ...migration } = known.migration!;
        migrations.push(migration);
        findings.push(...known.findings);
      }
      continue;
    }
    // Listed paths sit inside the folder: a prefix cut, not posix.relative's normalisation, per file.
    const rel = pathIn(listing.folder, source.path) ?? posix.relative(listing.folder, source.path);
    const parsed = entry ? journalName(entry) : planned ?? parseRelative(rel, source.path, named, journal ? 'generic' : preset);
    if (!parsed || !('kind' in parsed)) {
      findings.push({ rule: 'invalid-name', file: source.path, line: 0, column: 0, ...invalidName(rel, listing.folder, named, preset, parsed) });
      if (parsed && 'refused' in parsed) refusedNames.push({ folder: listing.folder, file: source.path, refused: parsed.refused });
      continue;
    }
    if (parsed.direction === 'down' || parsed.kind === 'undo') {
      downs.push({ file: source.path, version: parsed.version });
      if (source.bytes) classified.set(source.bytes, { path: source.path, settings, down: parsed.version, findings: [] });
      continue;
    }
    const from = findings.length;
    const migration = toMigration(listing.folder, source, parsed, preset, findings, config, inTransaction);
    if (entry) migration.listed = entry.index;
    if (change) {
      migration.listed = change.index;
      migration.sqitch = { project: plan!.plan!.project, ...(plan!.plan!.uri !== undefined && { uri: plan!.plan!.uri }), change };
    }
    migrations.push(migration);
    if (source.bytes) classified.set(source.bytes, { path: source.path, settings, migration, findings: findings.slice(from) });
  }
  attachDowns(migrations, downs, findings);
  // Copies, so that the classification kept per byte buffer holds no other folder's hash.
  const hashed = sum ? migrations.map((m) => ({ ...m, atlasHash: sum.hashOf.get(m.file) ?? '' })) : migrations;
  return { migrations: sortMigrations(hashed, preset), findings, refusedNames };
}

/**
 * A runner that reads subfolders (Flyway) names a migration by its file name in whichever subfolder it sits; one that
 * reads only the folder's files never sees a subfolder's, and Prisma and diesel, which read only its folders, never a file.
 */
export function parseRelative(rel: string, path: string, scheme: SchemeId | undefined, preset: PresetName): ParsedName | NameProblem | null {
  const parts = rel.split('/');
  if (PRESET_TABLE[preset].nested) return parseRunnerFileName(parts[parts.length - 1]!, path, preset, scheme);
  const place = parts.length === 1 ? 'file' : 'subfolder';
  if (unreadPlace(preset) === place) return { unread: place };
  if (parts.length === 1) return parseRunnerFileName(parts[0]!, path, preset, scheme);
  if (parts.length !== 2 || !folderSqlFiles(preset).includes(parts[1]!)) return null;
  if (scheme && scheme !== 'folder') return null;
  return readMigrationFolder(parts[0]!, parts[1]!, preset);
}

/** `metadataInTransaction`: what a diesel metadata.toml says (null: there is none), which decides as a Flyway script config does. */
function toMigration(
  folder: string,
  source: SourceFile,
  parsed: ParsedName,
  preset: PresetName,
  findings: Draft[],
  config?: SourceFile,
  metadataInTransaction: boolean | null = null,
): Migration {
  const bytes = source.bytes ?? Buffer.alloc(0);
  const script = config && readScriptConfig(config, source.path);
  if (script) findings.push(...script.findings);
  const base: Migration = {
    file: source.path,
    folder,
    version: parsed.version,
    name: parsed.name,
    scheme: parsed.scheme,
    kind: parsed.kind,
    bytes,
    sql: '',
    lineOffset: 0,
    transactional: true,
    runnerWraps: PRESET_TABLE[preset].wrapsInTransaction,
    ...(parsed.language && { language: parsed.language }),
  };
  const unreadable = (line: number, column: number, message: string, fix: string): Migration => {
    findings.push({ rule: 'unreadable-file', file: source.path, line, column, message, suggestion: fix });
    return base;
  };
  if (source.problem) return unreadable(0, 0, source.problem.message, source.problem.fix);
  // Its runner runs its code: there is no SQL to read, and a statement rule has nothing to see.
  if (parsed.language) return base;
  const { decoded, section } = readText(bytes, preset);
  if (!decoded.ok) return unreadable(decoded.line, decoded.column, `${posix.basename(source.path)} ${decoded.problem}`, decoded.fix);
  const inTransaction = script?.executeInTransaction ?? metadataInTransaction;
  const signed = parsed.scheme === 'graphile' ? readSignature(decoded.text) : null;
  if (signed && 'problem' in signed) {
    findings.push({
      rule: 'unreadable-file',
      file: source.path,
      line: signed.line,
      column: 1,
      message: `graphile-migrate refuses to read ${posix.basename(source.path)}, and so runs no migration at all: ${signed.problem}`,
      suggestion: 'commit migrations with `graphile-migrate commit`, which writes the `--! Previous:` and `--! Hash:` headers and an empty line after them',
    });
  }
  const signature = signed && 'signature' in signed ? signed.signature : undefined;
  const txmode = preset === 'atlas' ? atlasTxMode(bytes.toString('utf8'), source.path) : null;
  if (txmode && typeof txmode === 'object') {
    findings.push({
      rule: 'unreadable-file',
      file: source.path,
      line: 1,
      column: 1,
      message: `\`atlas migrate apply\` fails when it reaches ${posix.basename(source.path)}: ${txmode.problem}`,
      suggestion: 'keep one `-- atlas:txmode none` (or `file`) line in its header',
    });
  }
  const optedOut =
    txmode === 'none' ||
    section.transactional === false ||
    (preset === 'sqlx' && sqlxNoTransaction(bytes)) ||
    (preset === 'supabase' && supabaseNoTransaction(decoded.text)) ||
    inTransaction === false ||
    signature?.noTransaction === true;
  const migration: Migration = {
    ...base,
    scheme: section.tool === 'dbmate' || section.tool === 'goose' ? section.tool : parsed.scheme,
    sql: section.sql,
    lineOffset: section.lineOffset,
    ...(preset === 'goose' && { envsub: envsubOf(decoded.text, section) }),
    transactional: !optedOut && !PRESET_TABLE[preset].autocommit,
    // executeInTransaction=true makes Flyway wrap the file whatever its statements.
    runnerWraps: inTransaction ?? (!optedOut && base.runnerWraps),
    ...(signature && { signature }),
  };
  // drizzle and Atlas send the file's text as read, a BOM in front of the first statement, where PostgreSQL takes it for part of a word.
  const bomStops = BOM_STOPS[preset];
  if (bomStops && bytes.subarray(0, 3).equals(UTF8_BOM)) {
    findings.push({
      rule: 'syntax-error',
      severity: 'error',
      file: source.path,
      line: 1,
      column: 1,
      message: `${posix.basename(source.path)} starts with a byte-order mark, which ${PRESET_TABLE[preset].runner.name} sends along with the first statement: PostgreSQL reads it as part of the first word and fails with a syntax error, and ${bomStops}`,
      suggestion: 'save the file as UTF-8 without a byte-order mark',
    });
  }
  // diesel refuses a zero-byte up.sql (run_sql_from_file: sql.is_empty()), and stops there; white space or a comment it runs.
  if (preset === 'diesel' && bytes.length === 0) {
    findings.push({
      rule: 'empty-migration',
      severity: 'error',
      file: source.path,
      line: 0,
      column: 0,
      message: `${posix.basename(source.path)} is empty, and diesel refuses it: "Failed to run ${posix.basename(posix.dirname(source.path))} with: Attempted to run an empty migration."`,
      suggestion: 'add the statements, or a comment such as `-- nothing to do` if it is meant to be empty',
    });
  } else if (skipTrivia(section.sql, 0) === section.sql.length) {
    findings.push({
      rule: 'empty-migration',
      file: source.path,
      line: 0,
      column: 0,
      message: `${posix.basename(source.path)} has no SQL${section.tool ? ` in its ${section.tool} up section` : ''}: the runner records it as applied and nothing changes`,
      suggestion: 'add the statements, or delete the file if it was created by mistake',
    });
  }
  return migration;
}

/** The ENVSUB regions of goose file `text`, as offsets in its up section. */
function envsubOf(text: string, section: UpSection): Array<[number, number]> {
  const at = section.tool ? new LineIndex(text).lineStart(section.lineOffset + 1) : 0;
  return envsubRegions(text, at, at + section.sql.length);
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** What a BOM's syntax error stops, under the runners that send it (Atlas's lexer skips only unicode.IsSpace, which it is not). */
const BOM_STOPS: Partial<Record<PresetName, string>> = { drizzle: "drizzle's whole run rolls back", atlas: '`atlas migrate apply` stops there' };

/** What decides how a file classifies, besides its path and bytes. */
interface Settings {
  folder: string;
  preset: PresetName;
  scheme: SchemeId | undefined;
  /** The bytes of its Flyway script config file, if it has one. */
  config: Buffer | undefined;
  inTransaction: boolean | null;
  /** The place and `when` drizzle's journal gives it. */
  entry: string | undefined;
}

function sameSettings(a: Settings, b: Settings): boolean {
  return (
    a.folder === b.folder && a.preset === b.preset && a.scheme === b.scheme && a.config === b.config && a.inTransaction === b.inTransaction && a.entry === b.entry
  );
}

/**
 * Each file's classification, by its byte buffer: a git base hands over the head's own buffer for every unchanged file, which
 * then classifies as it did in the head (same path, bytes and settings), read off here instead of again (PR case: ~10 ms).
 * `migration` is as classified, before a down file is attached; `down` is the version a down file undoes.
 */
const classified = new WeakMap<Buffer, { path: string; settings: Settings; migration?: Migration; down?: string; findings: Draft[] }>();

/** Decoded text per byte buffer: a git base hands over the head's own buffer for every unchanged file, decoded once. */
const texts = new WeakMap<Buffer, { decoded: Decoded; section: UpSection; preset: PresetName }>();

function readText(bytes: Buffer, preset: PresetName): { decoded: Decoded; section: UpSection } {
  let read = texts.get(bytes);
  if (read?.preset !== preset) {
    const decoded = read?.decoded ?? decodeSql(bytes);
    read = { decoded, section: upSection(decoded.ok ? decoded.text : '', preset), preset };
    texts.set(bytes, read);
  }
  return read;
}

function attachDowns(migrations: Migration[], downs: Array<{ file: string; version: string }>, findings: Draft[]): void {
  const upOf = new Map<string, Migration>();
  for (const m of migrations) if (m.kind === 'versioned' && !upOf.has(m.version)) upOf.set(m.version, m);
  for (const down of downs) {
    const up = upOf.get(down.version);
    if (up) {
      up.downFile = down.file;
      continue;
    }
    findings.push({
      rule: 'invalid-name',
      file: down.file,
      line: 0,
      column: 0,
      message: `${posix.basename(down.file)} undoes version ${down.version}, but no migration has that version`,
      suggestion: 'add the up migration it belongs to, or delete the orphan down file',
    });
  }
}
