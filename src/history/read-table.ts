// Deploy mode's history: finds the runner's history table in the target database (configured, or
// detected by the table shapes present), and reads it in a READ ONLY transaction into a History.

import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import type { Draft } from '../report/finding.js';
import type { History } from './history.js';
import { UserError } from '../errors.js';
import { connectTarget, targetUrl, type Target } from '../deploy/target.js';
import { HISTORY_TABLES, historyTable } from './tables/index.js';
import { dirtyDraft, nameParts, tableName, type Columns, type Db, type HistoryTable, type TableRef } from './tables/table.js';

/** Where the history is (or, when absent, would be) and in which runner's format. */
export interface LocatedTable {
  format: HistoryTable;
  table: TableRef;
  /** Empty when the table does not exist yet. */
  columns: Columns;
  exists: boolean;
}

export async function readHistoryTable(options: GateOptions, migrations: Migration[]): Promise<{ history: History; findings: Draft[]; located: LocatedTable }> {
  const target = await connectTarget(targetUrl(options));
  try {
    await target.client.query('BEGIN TRANSACTION READ ONLY');
    const read = await readHistoryWith(target, options, migrations);
    await target.client.query('COMMIT');
    return read;
  } finally {
    await target.client.end().catch(() => undefined);
  }
}

/** Reads the history over an open connection (apply reads it again under its lock). */
export async function readHistoryWith(
  target: Target,
  options: GateOptions,
  migrations: Migration[],
): Promise<{ history: History; findings: Draft[]; located: LocatedTable }> {
  return guarded(target, async () => {
    const located = await locateHistoryTable(target.client, options);
    const folder = migrations[0]?.folder ?? options.folders[0]?.path ?? '.';
    if (!located.exists) {
      const findings = await unrecordedTables(target.client, located, folder);
      return { history: { source: `table:${tableName(located.table)}`, matchBy: 'file', entries: [] }, findings, located };
    }
    const rows = await located.format.read({ db: target.client, table: located.table, columns: located.columns, migrations, folder });
    const history: History = { source: `table:${tableName(located.table)}`, matchBy: 'file', entries: rows.entries };
    return { history, findings: rows.findings, located };
  });
}

/** Finds the configured table, or the one runner table present; absent means nothing is applied yet. */
export async function locateHistoryTable(db: Db, options: GateOptions): Promise<LocatedTable> {
  const configured = options.history.format === 'auto' ? null : historyTable(options.history.format);
  const formats = configured ? [configured] : HISTORY_TABLES;
  const candidates = options.history.table
    ? [options.history.table]
    : unique(formats.map((f) => (f.defaultTable.schema ? `${f.defaultTable.schema}.${f.defaultTable.name}` : f.defaultTable.name)));

  const found: LocatedTable[] = [];
  for (const candidate of candidates) {
    const exact = asQuoted(candidate);
    const table = (await lookUp(db, candidate)) ?? (exact ? await lookUp(db, exact) : null);
    if (!table) continue;
    const columns = await columnsOf(db, table.oid);
    let fitting = formats.filter((f) => f.fits(columns));
    if (fitting.length > 1) {
      const confirmed: HistoryTable[] = [];
      for (const f of fitting) if (!f.confirm || (await f.confirm(db, table.ref))) confirmed.push(f);
      fitting = confirmed.length > 0 ? confirmed.slice(0, 1) : fitting.slice(0, 1);
    }
    if (fitting.length === 0) {
      // A default name taken by some other table (a Rails schema_migrations, say) is only an error when it is the only lead.
      if (options.history.table || configured) throw unknownShape(table.ref, columns, configured);
      continue;
    }
    if (!table.readable) {
      throw new UserError(
        `The database role cannot read the history table ${tableName(table.ref)}: grant it SELECT on that table ` +
          `(GRANT SELECT ON ${tableName(table.ref)} TO <role>) and USAGE on schema ${table.ref.schema}.`,
      );
    }
    found.push({ format: fitting[0]!, table: table.ref, columns, exists: true });
  }

  if (found.length > 1) {
    const list = found.map((f) => `${tableName(f.table)} (${f.format.format})`).join(', ');
    throw new UserError(`Found more than one migration history table: ${list}. Set history (the format) and history-table to the one this deploy uses.`);
  }
  if (found[0]) return found[0];
  if (!options.history.table && !configured && candidates.length > 0) {
    const shapes = await presentButUnknown(db, candidates);
    if (shapes) throw unknownShape(shapes.ref, shapes.columns, null);
  }
  const format = configured ?? historyTable('seed-runner');
  const wanted = options.history.table ?? (format.defaultTable.schema ? `${format.defaultTable.schema}.${format.defaultTable.name}` : format.defaultTable.name);
  return { format, table: await placeFor(db, wanted), columns: new Map(), exists: false };
}

/**
 * No history table, yet the schemas on the search path hold tables: the runner would take the database for one where
 * nothing ran and apply every migration over them (Flyway refuses a non-empty schema outright). More likely the table
 * is elsewhere (another schema, a quoted name, a schema the role lacks USAGE on), or the database was set up another way.
 */
async function unrecordedTables(db: Db, located: LocatedTable, folder: string): Promise<Draft[]> {
  const { rows } = await db.query(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (current_schemas(false))
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
      ORDER BY 1, 2`,
  );
  if (rows.length === 0) return [];
  const runner = located.format.format;
  const shown = rows.slice(0, 3).map((r) => `${r.schema}.${r.name}`).join(', ') + (rows.length > 3 ? `, and ${rows.length - 3} more` : '');
  const draft = dirtyDraft(
    folder,
    `The target has no history table ${tableName(located.table)}, yet it holds ${rows.length} table${rows.length === 1 ? '' : 's'} (${shown}): ` +
      (runner === 'flyway'
        ? 'Flyway refuses to migrate a non-empty schema without its history table.'
        : `${runner} would take it for a database where nothing ran and apply every migration over them.`),
    "If this database is migrated, point history-table (and history) at its table: check the schema, the name's letter case " +
      `(quote it: '"MyHistory"') and that the role has USAGE on that schema. If its tables were made another way, record what they ` +
      "already hold first, with the runner's baseline (`flyway baseline`) or by inserting the rows of the migrations they stand for.",
  );
  // Flyway stops there itself; the others run on, so it is a warning that a first deploy onto a shared schema may accept.
  return [{ ...draft, severity: runner === 'flyway' ? 'error' : 'warning' }];
}

/** A default-named table that fits no format, when no runner table was found at all. */
async function presentButUnknown(db: Db, candidates: string[]): Promise<{ ref: TableRef; columns: Columns } | null> {
  for (const candidate of candidates) {
    const table = await lookUp(db, candidate);
    if (table) return { ref: table.ref, columns: await columnsOf(db, table.oid) };
  }
  return null;
}

function unknownShape(table: TableRef, columns: Columns, configured: HistoryTable | null): UserError {
  const shape = [...columns].map(([n, t]) => `${n} ${t}`).join(', ');
  const expected = configured
    ? `it does not look like ${configured.format}'s history table`
    : `its columns match none of the known formats (${HISTORY_TABLES.map((f) => f.format).join(', ')})`;
  return new UserError(
    `The history table ${tableName(table)} has columns (${shape}): ${expected}. ` +
      `Set history to the runner that writes it, or history-table to the right table.`,
  );
}

async function lookUp(db: Db, name: string): Promise<{ oid: number; ref: TableRef; readable: boolean } | null> {
  let rows;
  try {
    ({ rows } = await db.query(
      `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, has_table_privilege(c.oid, 'SELECT') AS readable
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
      [name],
    ));
  } catch (e) {
    // to_regclass raises only for a malformed name ("a.b.c.d", an unterminated quote).
    if ((e as { code?: string }).code === '42501') throw e;
    throw new UserError(`history-table "${name}" is not a valid table name: ${(e as Error).message}.`);
  }
  const r = rows[0];
  return r ? { oid: r.oid, ref: { schema: r.schema, name: r.name }, readable: r.readable } : null;
}

async function columnsOf(db: Db, oid: number): Promise<Columns> {
  const { rows } = await db.query(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [oid],
  );
  return new Map(rows.map((r) => [String(r.name), String(r.type)]));
}

/** Where a table that does not exist yet would be created: its schema, or the first on the search path. */
async function placeFor(db: Db, name: string): Promise<TableRef> {
  const { rows } = await db.query(`SELECT current_schema() AS schema`);
  const parts = nameParts(name);
  return parts.length === 2 ? { schema: parts[0]!, name: parts[1]! } : { schema: String(rows[0]?.schema ?? 'public'), name: parts[0]! };
}

/** `MyHistory` as the runners create it, quoting the configured name (Flyway, golang-migrate): `"MyHistory"`. */
function asQuoted(name: string): string | null {
  return /[A-Z]/.test(name) && !name.includes('"') ? name.split('.').map((part) => `"${part.trim()}"`).join('.') : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Query errors a user can cause (no privilege, a table that vanished) become UserErrors without the password. */
async function guarded<T>(target: Target, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UserError) throw e;
    const err = e as { code?: string; message?: string };
    if (err.code === '42501') {
      throw new UserError(
        `The database role cannot read the migration history (${target.redact(err.message ?? '')}): grant it SELECT on the history table and USAGE on its schema.`,
      );
    }
    if (err.code && /^(08|57P)/.test(err.code)) {
      throw new UserError(`The connection to ${target.display} failed while reading the history: ${target.redact(err.message ?? '')}.`);
    }
    throw e;
  }
}
