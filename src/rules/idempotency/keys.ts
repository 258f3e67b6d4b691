// The unique keys of a table as the file creates it, and the columns an INSERT fills: ON CONFLICT
// DO NOTHING stops a second run's rows only when some key of the table gets the same values again.

import { asArray, formatName, nodeOf, quoteIdent, stringsOf, unwrap, type AstNode, type QualifiedName } from '../../sql/ast.js';
import type { Problem } from './analyze.js';

/** What one statement adds to a table: CREATE TABLE all of it, ALTER TABLE and CREATE UNIQUE INDEX a part. */
export interface TableKeys {
  table: QualifiedName;
  /** Columns in the order the statement adds them: a VALUES row without a column list fills them in this order. */
  columns: string[];
  /** Each PRIMARY KEY, UNIQUE, EXCLUDE or unique index by its columns; null stands for an expression. */
  keys: Array<Array<string | null>>;
  /** Columns a default fills anew on every run: serial, identity, a DEFAULT that is not a constant. */
  generated: string[];
}

/** What one statement gives a table's keys, read only when an INSERT into that table needs them. */
export interface KeySource {
  table: QualifiedName;
  /** undefined when the statement does not show them all (see createdKeys). */
  read(): TableKeys | undefined;
}

/** An INSERT's target column: by name when it lists them, else by position. */
export type Target = string | number;

const SERIAL = new Set(['smallserial', 'serial2', 'serial', 'serial4', 'bigserial', 'serial8']);
const KEY_CONSTRAINTS = new Set(['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_EXCLUSION']);

const empty = (table: QualifiedName): TableKeys => ({ table, columns: [], keys: [], generated: [] });

/** Whether a DEFAULT gives the same value on every run: a constant, possibly cast. */
function constant(expr: unknown): boolean {
  const u = unwrap(expr);
  return u !== null && (u[0] === 'A_Const' || (u[0] === 'TypeCast' && constant(u[1].arg)));
}

const indexColumn = (elem: unknown): string | null => {
  const name = nodeOf(elem, 'IndexElem')?.name;
  return typeof name === 'string' ? name : null;
};

/** A key constraint's columns; null for other constraints and USING INDEX (that index's CREATE counts). */
function constraintKey(con: AstNode): Array<string | null> | null {
  if (!KEY_CONSTRAINTS.has(String(con.contype))) return null;
  if (con.contype === 'CONSTR_EXCLUSION') return asArray(con.exclusions).map((pair) => indexColumn(asArray(nodeOf(pair, 'List')?.items)[0]));
  const keys = stringsOf(con.keys);
  return keys.length ? keys : null;
}

/** A column definition's name, whether a default makes its value, and its own PRIMARY KEY or UNIQUE. */
function addColumn(out: TableKeys, def: AstNode): void {
  const name = String(def.colname);
  const constraints = asArray(def.constraints).map((c) => nodeOf(c, 'Constraint') ?? {});
  const type = stringsOf((def.typeName as AstNode | undefined)?.names);
  const serial = type.length === 1 && SERIAL.has(type[0]!);
  const filled = constraints.some((c) => c.contype === 'CONSTR_IDENTITY' || (c.contype === 'CONSTR_DEFAULT' && !constant(c.raw_expr)));
  out.columns.push(name);
  if (serial || filled) out.generated.push(name);
  if (constraints.some((c) => c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE')) out.keys.push([name]);
}

/** A CREATE TABLE's columns and keys; undefined when LIKE, INHERITS, PARTITION OF or OF <type> may bring more. */
export function createdKeys(table: QualifiedName, node: AstNode): TableKeys | undefined {
  const elements = asArray(node.tableElts);
  if (asArray(node.inhRelations).length || node.partbound || node.ofTypename || elements.some((e) => nodeOf(e, 'TableLikeClause'))) return undefined;
  const out = empty(table);
  for (const e of elements) {
    const column = nodeOf(e, 'ColumnDef');
    if (column) addColumn(out, column);
    const key = constraintKey(nodeOf(e, 'Constraint') ?? {});
    if (key) out.keys.push(key);
  }
  return out;
}

/** What ALTER TABLE adds: columns, key constraints, and defaults or identities set on a column. */
export function alteredKeys(table: QualifiedName, cmds: unknown[]): TableKeys {
  const out = empty(table);
  for (const c of cmds) {
    const cmd = nodeOf(c, 'AlterTableCmd') ?? {};
    const column = nodeOf(cmd.def, 'ColumnDef');
    const key = constraintKey(nodeOf(cmd.def, 'Constraint') ?? {});
    if (cmd.subtype === 'AT_AddColumn' && column) addColumn(out, column);
    else if (cmd.subtype === 'AT_AddConstraint' && key) out.keys.push(key);
    else if (cmd.subtype === 'AT_AddIdentity' || (cmd.subtype === 'AT_ColumnDefault' && cmd.def && !constant(cmd.def))) out.generated.push(String(cmd.name));
  }
  return out;
}

/** A unique index's columns, as one more key of its table. */
export const indexKeys = (table: QualifiedName, node: AstNode): TableKeys => ({ ...empty(table), keys: [asArray(node.indexParams).map(indexColumn)] });

/** The columns an INSERT fills: with the same values on every run (`given`), or with a volatile call's new one (`fresh`). */
export interface Fills {
  given: Target[];
  fresh: Array<{ target: Target; call: string }>;
}

/** An INSERT as its table's keys judge it: what it fills (undefined when it cannot tell), and whether it says ON CONFLICT DO NOTHING. */
export interface Insert {
  fills: Fills | undefined;
  onConflict: boolean;
}

// Calls that give a new value on every run, in any schema (Supabase writes extensions.uuid_generate_v4()); now() differs between runs.
const VOLATILE = new Set(['gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v4', 'nextval', 'random', 'clock_timestamp', 'now']);

/** The volatile function a VALUES cell is a direct call of, e.g. `gen_random_uuid`; null for anything else. */
function volatileCall(cell: unknown): string | null {
  const name = stringsOf(nodeOf(cell, 'FuncCall')?.funcname).pop();
  return name !== undefined && VOLATILE.has(name) ? name : null;
}

/** The columns an INSERT lists, or else the first ones a VALUES row fills; undefined when it cannot tell (SELECT without a list). */
export function insertFills(node: AstNode): Fills | undefined {
  const fills: Fills = { given: [], fresh: [] };
  const select = nodeOf(node.selectStmt, 'SelectStmt');
  if (!select) return fills; // DEFAULT VALUES
  const rows = asArray(select.valuesLists).map((r) => asArray(nodeOf(r, 'List')?.items));
  const listed = asArray(node.cols).map((c) => String(nodeOf(c, 'ResTarget')?.name));
  if (!listed.length && !rows.length) return undefined;
  const targets: Target[] = listed.length ? listed : (rows[0] ?? []).map((_, i) => i);
  targets.forEach((target, i) => {
    const cells = rows.map((r) => r[i]);
    const call = cells.map(volatileCall).find((c) => c !== null);
    if (call) fills.fresh.push({ target, call });
    else if (!cells.some((c) => nodeOf(c, 'SetToDefault'))) fills.given.push(target);
  });
  return fills;
}

/** The keys a file gives a table up to a statement: its CREATE TABLE first, then what later statements add. */
export function merged(parts: TableKeys[]): TableKeys {
  return {
    table: parts[0]!.table,
    columns: parts.flatMap((p) => p.columns),
    keys: parts.flatMap((p) => p.keys),
    generated: parts.flatMap((p) => p.generated),
  };
}

/** Why ON CONFLICT DO NOTHING would let a second run insert the rows again; null when a key of the table sees them. */
function rerunSlipsPast(table: TableKeys, fills: Fills): string | null {
  const column = (t: Target): string | undefined => (typeof t === 'number' ? table.columns[t] : t);
  const given = fills.given.map(column);
  const calls = new Map(fills.fresh.map((f) => [column(f.target), f.call]));
  // More values than the columns it knows: the table is not as this file shows it.
  if (given.includes(undefined) || calls.has(undefined)) return null;
  const isNew = (c: string | null): c is string => c !== null && (calls.has(c) || (!given.includes(c) && table.generated.includes(c)));
  if (table.keys.some((k) => !k.some(isNew))) return null;
  const name = formatName(table.table);
  if (!table.keys.length) return `${name} has no primary key or unique constraint, so nothing conflicts`;
  const columns = [...new Set(table.keys.flatMap((k) => k.filter(isNew)))];
  const how = (c: string) => (calls.has(c) ? `filled by ${calls.get(c)}()` : 'generated by its default');
  return columns.length === 1
    ? `the key ${quoteIdent(columns[0]!)} of ${name} is ${how(columns[0]!)}, so every run inserts new keys`
    : `the keys of ${name} get new values on every run (${columns.map((c) => `${quoteIdent(c)} ${how(c)}`).join(', ')}), so every run inserts new keys`;
}

/** An INSERT against its table's keys (undefined when the file does not show them); null when ON CONFLICT DO NOTHING does stop it. */
export function onKeys(p: Problem, insert: Insert, table: TableKeys | undefined): Problem | null {
  const why = table && insert.fills ? rerunSlipsPast(table, insert.fills) : null;
  if (!table || !why) return insert.onConflict ? null : p;
  const name = formatName(table.table);
  return {
    what: p.what,
    outcome: 'twice',
    object: null,
    sqlstate: null,
    changes: p.changes,
    reason: 'the rows are inserted again',
    advice:
      `ON CONFLICT DO NOTHING ${insert.onConflict ? 'cannot fire' : 'would not stop it'}: ${why}. Insert only the rows that are missing, ` +
      `INSERT INTO ${name} (...) SELECT ... WHERE NOT EXISTS (SELECT 1 FROM ${name} WHERE <natural key columns match>), ` +
      'or add a unique constraint on the natural key and write ON CONFLICT (<its columns>) DO NOTHING.',
  };
}
