// The HistoryTable contract: how one runner's history table is recognised, read into a History, and
// written when migration-gate applies a migration in that runner's place.
//
// Every table format resolves its rows to the files the runner itself would take them for (by file
// name, folder name or version, as that runner keys them), so a History read from a table matches by
// file: two files sharing a version stay apart when the runner records names.

import type pg from 'pg';
import type { Migration } from '../../migration.js';
import type { HistoryEntry } from '../history.js';
import type { HistoryFormat } from '../../options.js';
import type { Draft } from '../../report/finding.js';
import { compareVersions } from '../../discover/version-order.js';
import { quoted as quoteIdent } from '../../sql/quoted.js';
import { UserError } from '../../errors.js';

export type TableFormat = Exclude<HistoryFormat, 'auto'>;

/** A table found in the catalog (or the place one will be created). */
export interface TableRef {
  schema: string;
  name: string;
}

/** Column name → type as format_type() prints it. */
export type Columns = Map<string, string>;

export type Db = Pick<pg.Client, 'query'>;

export interface ReadContext {
  db: Db;
  table: TableRef;
  columns: Columns;
  migrations: Migration[];
  /** Where a recorded migration without a file would have lived, for findings about it. */
  folder: string;
  /** The migration apply just failed and recorded, and what of it stays, so its repair step says exactly what to do. */
  failed?: FailedRun;
}

/** A failed migration as apply saw it: how many of its statements stay applied (0 when it rolled back; null when not known). */
export interface FailedRun {
  file: string;
  kept: number | null;
}

/** The server's error that failed a migration (no sqlstate when it came from elsewhere, a lost connection, say). */
export interface RunError {
  sqlstate?: string;
  message: string;
  detail?: string;
  hint?: string;
}

export interface TableRows {
  entries: HistoryEntry[];
  /** dirty-history drafts: failed, dirty or unfinished rows, each with the runner's own repair step. */
  findings: Draft[];
}

export interface RecordContext {
  db: Db;
  table: TableRef;
  columns: Columns;
  migration: Migration;
  /** How long the migration ran (when it started is the server's now(), in its own time zone, as the runners record it). */
  executionMs: number;
  /** The statements as they ran (Supabase records them). */
  statements: string[];
  /** The migration failed, and the runner records that failure (HistoryTable.recordsFailure): the error it failed with. */
  failed?: RecordedFailure;
}

/** A failure as the row records it: the error, and how many of `statements` ran before the one that failed (null: not known). */
export interface RecordedFailure extends RunError {
  kept: number | null;
}

export interface HistoryTable {
  format: TableFormat;
  /** Where the runner keeps its table when not configured otherwise (schema: the search path's). */
  defaultTable: { schema?: string; name: string };
  /** Whether a table with these columns is this runner's. */
  fits(columns: Columns): boolean;
  /** When two formats fit one table (a bare schema_migrations), whether the rows say it is this one. */
  confirm?(db: Db, table: TableRef): Promise<boolean>;
  read(ctx: ReadContext): Promise<TableRows>;
  /**
   * The failed migration the runner leaves a row for, which stops its next run until repaired: every one where it writes the
   * row before the file runs (golang-migrate's dirty version, Prisma's unfinished row), or one that failed outside a
   * transaction (Flyway's success = false); `as`, how the row says so; `next`, what the runner's next run does with it when it
   * does not just stop there (Atlas resumes the file).
   */
  recordsFailure?: { when: 'always' | 'outside-transaction'; as: string; next?: string };
  /** Writes the row for `migration`, in the transaction that ran it. */
  record(ctx: RecordContext): Promise<void>;
  /** The CREATE TABLE for a runner whose table migration-gate may create (seed-runner only). */
  create?(table: TableRef): string;
  /** How a user makes the runner's missing table without migrating (its plain run would apply every pending migration unchecked). */
  createOnly?(table: string): string;
}

export function qualified(table: TableRef): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

/** `schema.table` or `table`, each part optionally double-quoted; unquoted parts fold to lower case as PostgreSQL does. */
export function nameParts(name: string): string[] {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^."]+))\s*(?:\.|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < name.length && (m = re.exec(name))) parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.trim().toLowerCase());
  if (parts.length < 1 || parts.length > 2) throw new UserError(`history-table "${name}" must be "table" or "schema.table".`);
  return parts;
}

/** `schema.table` as the report names it. */
export function tableName(table: TableRef): string {
  return `${table.schema}.${table.name}`;
}

export function hasColumns(columns: Columns, names: string[]): boolean {
  return names.every((n) => columns.has(n));
}

/** Whether every column is one of `allowed` (a runner's whole table, nothing more). */
export function onlyColumns(columns: Columns, allowed: string[]): boolean {
  return [...columns.keys()].every((c) => allowed.includes(c));
}

/** A row as the format read it, before it is tied to files. */
export interface RecordedRow {
  version: string;
  name?: string;
  checksum?: HistoryEntry['checksum'];
  appliedAt?: string;
  executionMs?: number;
  state: HistoryEntry['state'];
}

/**
 * One entry per file the row stands for; a row whose file is gone keeps `fallbackFile` (the path the
 * runner recorded, when it records one), so missing-migration can name it.
 */
export function entriesFor(row: RecordedRow, files: Migration[], fallbackFile?: string): HistoryEntry[] {
  const base: HistoryEntry = { version: row.version, state: row.state };
  if (row.name !== undefined) base.name = row.name;
  if (row.checksum) base.checksum = row.checksum;
  if (row.appliedAt) base.appliedAt = row.appliedAt;
  if (row.executionMs !== undefined) base.executionMs = row.executionMs;
  // Readers join the folder and the recorded name: a file of the root folder `.` is its name alone, as discovery gives it.
  if (files.length === 0) return [fallbackFile ? { ...base, file: fallbackFile.replace(/^\.\//, '') } : base];
  return files.map((m) => ({ ...base, version: m.version, file: m.file }));
}

/** The versioned files a runner keyed by version takes a recorded version for (`003` is `3`, `1_1` is `1.1`; to diesel, text). */
export function filesWithVersion(migrations: Migration[], version: string, format?: TableFormat): Migration[] {
  return migrations.filter((m) => m.kind === 'versioned' && m.version !== '' && sameVersion(m.version, version, format));
}

/** Text-keyed runners: diesel's `00000000000000` is not `000000000000000`, nor dbmate's (or Supabase's) `003` its `3`. */
const TEXT_VERSIONS: ReadonlySet<TableFormat> = new Set(['diesel', 'dbmate', 'supabase']);

/** Whether the runner of `format` holds two versions equal: as numbers, but as text where it keys them so. */
export function sameVersion(a: string, b: string, format?: TableFormat): boolean {
  if (format && TEXT_VERSIONS.has(format)) return a === b;
  return /^[\d._]+$/.test(a) && /^[\d._]+$/.test(b) ? compareVersions(a, b) === 0 : a === b;
}

/**
 * `column` as the instant it holds. A `timestamp` without time zone keeps the wall-clock time the writer's session zone gave
 * now(), which is the database's own zone unless the runner's driver sets another: read back in that zone.
 */
export function instant(columns: Columns, column: string): string {
  const name = quoteIdent(column);
  return /^timestamp(\(\d\))? without time zone$/.test(columns.get(column) ?? '') ? `${name} AT TIME ZONE current_setting('TimeZone')` : name;
}

export function isoTime(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

export function num(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** What of a failed file stays applied: `The first statement of <what> stays applied`, or the first `kept` of them. */
export function keptStatements(kept: number, what: string): string {
  return kept === 1 ? `The first statement of ${what} stays applied` : `The first ${kept} statements of ${what} stay applied`;
}

/** A dirty-history draft about a row, pinned to the file it stands for (or the migrations folder). */
export function dirtyDraft(file: string, message: string, suggestion: string): Draft {
  return { rule: 'dirty-history', file, line: 0, column: 0, message, suggestion };
}

/** Inserts the columns of `values` that the table has (runners' tables vary a little between versions). */
export async function insertRow(ctx: RecordContext, values: Record<string, unknown>, sqlValues: Record<string, string> = {}): Promise<void> {
  const names: string[] = [];
  const params: unknown[] = [];
  const exprs: string[] = [];
  for (const [column, value] of Object.entries(values)) {
    if (!ctx.columns.has(column)) continue;
    names.push(quoteIdent(column));
    params.push(value);
    exprs.push(`$${params.length}`);
  }
  for (const [column, expr] of Object.entries(sqlValues)) {
    if (!ctx.columns.has(column)) continue;
    names.push(quoteIdent(column));
    exprs.push(expr);
  }
  await ctx.db.query(`INSERT INTO ${qualified(ctx.table)} (${names.join(', ')}) VALUES (${exprs.join(', ')})`, params);
}
