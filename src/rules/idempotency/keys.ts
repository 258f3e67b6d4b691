// The unique keys of a table as the file creates it, and the columns an INSERT fills: ON CONFLICT
// stops a second run's rows only when a key it fires on (any key, or the one its target names) gets the same values again.

import { asArray, nodeOf, stringsOf, unwrap, type AstNode, type QualifiedName } from '../../sql/ast.js';
import type { Problem } from './analyze.js';
import type { Spelling } from '../spelling.js';

/** A PRIMARY KEY, UNIQUE, EXCLUDE or unique index: its columns (null stands for an expression), and whether two NULLs in it conflict. */
export interface Key {
  columns: Array<string | null>;
  /** NULLS NOT DISTINCT (PostgreSQL 15): otherwise a NULL never conflicts with anything. */
  nullsConflict: boolean;
}

/** What one statement adds to a table: CREATE TABLE all of it, ALTER TABLE and CREATE UNIQUE INDEX a part. */
export interface TableKeys {
  table: QualifiedName;
  /** Columns in the order the statement adds them: a VALUES row without a column list fills them in this order. */
  columns: string[];
  keys: Key[];
  /** Columns a default fills anew on every run: serial, identity, a DEFAULT that is not a constant. */
  generated: string[];
  /** Other columns never NULL where an INSERT leaves them out: a constant default, NOT NULL, PRIMARY KEY, GENERATED ... STORED. */
  valued: string[];
}

/** A table's keys as the file makes it up to a statement; `guarded` when its CREATE TABLE may find a table made before, with keys of its own. */
export type MadeTable = TableKeys & { guarded: boolean };

/** What one statement gives a table's keys, read only when an INSERT into that table needs them. */
export interface KeySource {
  table: QualifiedName;
  /** undefined when the statement does not show them all (see createdKeys). */
  read(): TableKeys | undefined;
}

/** A KeySource that reads its statement once, however many INSERTs into the table ask. */
export function keySource(table: QualifiedName, read: () => TableKeys | undefined): KeySource {
  let keys: { value: TableKeys | undefined } | undefined;
  return { table, read: () => (keys ??= { value: read() }).value };
}

/** An INSERT's target column: by name when it lists them, else by position. */
export type Target = string | number;

const SERIAL = new Set(['smallserial', 'serial2', 'serial', 'serial4', 'bigserial', 'serial8']);
const KEY_CONSTRAINTS = new Set(['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_EXCLUSION']);
/** Column constraints that keep a column an INSERT leaves out from being NULL (or make the INSERT fail). */
const NEVER_NULL = new Set(['CONSTR_DEFAULT', 'CONSTR_NOTNULL', 'CONSTR_PRIMARY', 'CONSTR_GENERATED']);

const empty = (table: QualifiedName): TableKeys => ({ table, columns: [], keys: [], generated: [], valued: [] });

/** Whether a DEFAULT gives the same value on every run: a constant, possibly cast. */
function constant(expr: unknown): boolean {
  const u = unwrap(expr);
  return u !== null && (u[0] === 'A_Const' || (u[0] === 'TypeCast' && constant(u[1].arg)));
}

const indexColumn = (elem: unknown): string | null => {
  const name = nodeOf(elem, 'IndexElem')?.name;
  return typeof name === 'string' ? name : null;
};

/** A key constraint's key; null for other constraints and USING INDEX (that index's CREATE counts). */
function constraintKey(con: AstNode): Key | null {
  if (!KEY_CONSTRAINTS.has(String(con.contype))) return null;
  if (con.contype === 'CONSTR_EXCLUSION') {
    return { columns: asArray(con.exclusions).map((pair) => indexColumn(asArray(nodeOf(pair, 'List')?.items)[0])), nullsConflict: false };
  }
  const keys = stringsOf(con.keys);
  return keys.length ? { columns: keys, nullsConflict: con.nulls_not_distinct === true } : null;
}

/** A table constraint's key, if it is one; a primary key makes its columns NOT NULL. */
function addKey(out: TableKeys, con: AstNode): void {
  const key = constraintKey(con);
  if (!key) return;
  out.keys.push(key);
  if (con.contype === 'CONSTR_PRIMARY') out.valued.push(...key.columns.filter((c): c is string => c !== null));
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
  if (constraints.some((c) => NEVER_NULL.has(String(c.contype)))) out.valued.push(name);
  const key = constraints.find((c) => c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE');
  if (key) out.keys.push({ columns: [name], nullsConflict: key.nulls_not_distinct === true });
}

/** A CREATE TABLE's columns and keys; undefined when LIKE, INHERITS, PARTITION OF or OF <type> may bring more. */
export function createdKeys(table: QualifiedName, node: AstNode): TableKeys | undefined {
  const elements = asArray(node.tableElts);
  if (asArray(node.inhRelations).length || node.partbound || node.ofTypename || elements.some((e) => nodeOf(e, 'TableLikeClause'))) return undefined;
  const out = empty(table);
  for (const e of elements) {
    const column = nodeOf(e, 'ColumnDef');
    if (column) addColumn(out, column);
    addKey(out, nodeOf(e, 'Constraint') ?? {});
  }
  return out;
}

/** What ALTER TABLE adds: columns, key constraints, and defaults, identities or NOT NULL set on a column. */
export function alteredKeys(table: QualifiedName, cmds: unknown[]): TableKeys {
  const out = empty(table);
  for (const c of cmds) {
    const cmd = nodeOf(c, 'AlterTableCmd') ?? {};
    const column = nodeOf(cmd.def, 'ColumnDef');
    if (cmd.subtype === 'AT_AddColumn' && column) addColumn(out, column);
    else if (cmd.subtype === 'AT_AddConstraint') addKey(out, nodeOf(cmd.def, 'Constraint') ?? {});
    else if (cmd.subtype === 'AT_AddIdentity') out.generated.push(String(cmd.name));
    else if (cmd.subtype === 'AT_ColumnDefault' && cmd.def) (constant(cmd.def) ? out.valued : out.generated).push(String(cmd.name));
    else if (cmd.subtype === 'AT_SetNotNull') out.valued.push(String(cmd.name));
  }
  return out;
}

/** A unique index's columns, as one more key of its table. */
export const indexKeys = (table: QualifiedName, node: AstNode): TableKeys => ({
  ...empty(table),
  keys: [{ columns: asArray(node.indexParams).map(indexColumn), nullsConflict: node.nulls_not_distinct === true }],
});

/** The columns an INSERT fills: with the same values on every run (`given`), a volatile call's new one (`fresh`), or NULL in some row. */
export interface Fills {
  given: Target[];
  /** `call` as SQL writes it, e.g. `gen_random_uuid()` or `CURRENT_TIMESTAMP`. */
  fresh: Array<{ target: Target; call: string }>;
  nulls: Target[];
}

/** An ON CONFLICT clause: the columns its target names (only a key on just those fires it; null: any key does), and its action. */
export interface Conflict {
  target: string[] | null;
  action: 'DO NOTHING' | 'DO UPDATE';
}

/** An INSERT as its table's keys judge it: what it fills (undefined when it cannot tell), and its ON CONFLICT clause (null: none). */
export interface Insert {
  fills: Fills | undefined;
  conflict: Conflict | null;
}

// Calls that give a new value on every run, in any schema (Supabase writes extensions.uuid_generate_v4()); now() differs between runs.
const VOLATILE = new Set([
  'gen_random_uuid', 'uuidv4', 'uuidv7', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'nextval', 'random',
  'clock_timestamp', 'now', 'statement_timestamp', 'transaction_timestamp',
]);
// The SQL functions without parentheses that tell the time, as now() does (CURRENT_DATE stays the same all day).
const CLOCKS = new Set(['CURRENT_TIMESTAMP', 'LOCALTIMESTAMP', 'CURRENT_TIME', 'LOCALTIME']);
// Types a new value keeps apart in, without a length or precision: now()::date repeats all day, random()::int mostly.
const LOSSLESS = new Set(['text', 'varchar', 'uuid', 'timestamp', 'timestamptz']);

const lossless = (type: AstNode) => !asArray(type.typmods).length && !asArray(type.arrayBounds).length && LOSSLESS.has(stringsOf(type.names).pop() ?? '');

/** The volatile call a cell is, as SQL writes it, e.g. `gen_random_uuid()`, seen through casts that keep it new; null for anything else. */
function volatileCall(cell: unknown): string | null {
  const cast = nodeOf(cell, 'TypeCast');
  if (cast) return lossless((cast.typeName ?? {}) as AstNode) ? volatileCall(cast.arg) : null;
  const name = stringsOf(nodeOf(cell, 'FuncCall')?.funcname).pop();
  if (name !== undefined) return VOLATILE.has(name) ? `${name}()` : null;
  const clock = String(nodeOf(cell, 'SQLValueFunction')?.op).replace(/^SVFOP_/, '').replace(/_N$/, '');
  return CLOCKS.has(clock) ? clock : null;
}

const nullConstant = (cell: unknown) => nodeOf(cell, 'A_Const')?.isnull === true;
const isStar = (cell: unknown) => asArray(nodeOf(cell, 'ColumnRef')?.fields).some((f) => nodeOf(f, 'A_Star'));

/** The rows a query gives, each as its cells: VALUES rows, a SELECT's target list, both sides of a UNION; null when `*` hides them. */
function rowsOf(select: AstNode): unknown[][] | null {
  if (select.larg && select.rarg) {
    const [left, right] = [rowsOf(select.larg as AstNode), rowsOf(select.rarg as AstNode)];
    return left && right ? [...left, ...right] : null;
  }
  if (select.valuesLists) return asArray(select.valuesLists).map((r) => asArray(nodeOf(r, 'List')?.items));
  const cells = asArray(select.targetList).map((t) => nodeOf(t, 'ResTarget')?.val);
  return cells.some(isStar) ? null : [cells];
}

/** The columns an INSERT lists, or else the first ones its rows fill; undefined when it cannot tell (SELECT * without a list). */
export function insertFills(node: AstNode): Fills | undefined {
  const fills: Fills = { given: [], fresh: [], nulls: [] };
  const select = nodeOf(node.selectStmt, 'SelectStmt');
  if (!select) return fills; // DEFAULT VALUES
  const rows = rowsOf(select);
  const listed = asArray(node.cols).map((c) => String(nodeOf(c, 'ResTarget')?.name));
  if (!listed.length && !rows) return undefined;
  const targets: Target[] = listed.length ? listed : (rows?.[0] ?? []).map((_, i) => i);
  targets.forEach((target, i) => {
    const cells = (rows ?? []).map((r) => r[i]);
    const call = cells.map(volatileCall).find((c) => c !== null);
    if (call) fills.fresh.push({ target, call });
    else if (cells.some(nullConstant)) fills.nulls.push(target);
    else if (!cells.some((c) => nodeOf(c, 'SetToDefault'))) fills.given.push(target);
  });
  return fills;
}

/** The keys a file gives a table up to a statement: its CREATE TABLE first, then what later statements add. */
export function merged(parts: TableKeys[], guarded: boolean): MadeTable {
  return {
    table: parts[0]!.table,
    columns: parts.flatMap((p) => p.columns),
    keys: parts.flatMap((p) => p.keys),
    generated: parts.flatMap((p) => p.generated),
    valued: parts.flatMap((p) => p.valued),
    guarded,
  };
}

const LEFT_NULL = 'left NULL by this INSERT';

/** How a second run's rows get past ON CONFLICT: why, and whether a key the conflict target does not name then stops them (23505). */
interface Slip {
  why: string;
  blocked: boolean;
}

const sameColumns = (k: Key, target: string[]) => k.columns.length === target.length && target.every((c) => k.columns.includes(c));

/** Why ON CONFLICT would let a second run's rows through; null when a key it fires on sees them. */
function rerunSlipsPast(table: MadeTable, fills: Fills, target: string[] | null, names: Spelling): Slip | null {
  const column = (t: Target): string | undefined => (typeof t === 'number' ? table.columns[t] : t);
  const given = fills.given.map(column);
  const nulls = fills.nulls.map(column);
  const calls = new Map(fills.fresh.map((f) => [column(f.target), f.call]));
  // More values than the columns it knows: the table is not as this file shows it.
  if (given.includes(undefined) || nulls.includes(undefined) || calls.has(undefined)) return null;
  const leftOut = (c: string) => !given.includes(c) && !nulls.includes(c) && !calls.has(c);
  const isNew = (c: string) => calls.has(c) || (leftOut(c) && table.generated.includes(c));
  const isNull = (c: string) => nulls.includes(c) || (leftOut(c) && table.columns.includes(c) && !table.generated.includes(c) && !table.valued.includes(c));
  const slipping = (k: Key) => k.columns.filter((c): c is string => c !== null && (isNew(c) || (!k.nullsConflict && isNull(c))));
  // A conflict target fires only on a key of just its columns: no such key as the file shows the table, and the file does not tell.
  const arbiters = target ? table.keys.filter((k) => sameColumns(k, target)) : table.keys;
  if (target && !arbiters.length) return null;
  if (arbiters.some((k) => !slipping(k).length)) return null;
  const blocked = table.keys.some((k) => !arbiters.includes(k) && !slipping(k).length);
  const how = (c: string) => (calls.has(c) ? `filled by ${calls.get(c)}` : isNull(c) ? LEFT_NULL : 'generated by its default');
  return { why: slipWords(table, new Map(arbiters.flatMap(slipping).map((c) => [c, how(c)])), blocked, names), blocked };
}

/** The reason in words, from how each key column that slips past gets its value; `blocked` leaves out what follows, as another key stops the rows. */
function slipWords(table: MadeTable, how: Map<string, string>, blocked: boolean, names: Spelling): string {
  // A guarded CREATE may meet a table made before the file ran, with other keys: the reason says whose keys it read.
  const name = `${names.name(table.table)}${table.guarded ? ', as this file creates it,' : ''}`;
  if (!table.keys.length) return `${name} has no primary key or unique constraint, so nothing conflicts`;
  const nulled = [...how.values()].includes(LEFT_NULL);
  const [[column, way]] = [...how];
  const why =
    how.size === 1
      ? `the key ${names.name(column)} of ${name} is ${way}`
      : `the keys of ${name} ${nulled ? 'never repeat' : 'get new values on every run'} (${[...how].map(([c, w]) => `${names.name(c)} ${w}`).join(', ')})`;
  const then = blocked ? '' : nulled ? ', so every run inserts the rows again' : ', so every run inserts new keys';
  return `${why}${nulled ? ', and NULLs never conflict' : ''}${then}`;
}

/** An ON CONFLICT clause in words: `target` its columns (empty: none), then the INSERT's action or DO NOTHING. */
const clauseWords = (target: string, conflict: Conflict | null) => `ON CONFLICT${target && ` (${target})`} ${conflict?.action ?? 'DO NOTHING'}`;

/** An INSERT against its table's keys (undefined when the file does not show them); null when its ON CONFLICT does stop it. */
export function onKeys(p: Problem, insert: Insert, table: MadeTable | undefined, names: Spelling): Problem | null {
  const slip = table && insert.fills ? rerunSlipsPast(table, insert.fills, insert.conflict?.target ?? null, names) : null;
  if (!table || !slip) return insert.conflict ? null : p;
  const target = insert.conflict?.target?.map((c) => names.name(c)).join(', ') ?? '';
  const why = `${clauseWords(target, insert.conflict)} ${insert.conflict ? 'cannot fire' : 'would not stop it'}: ${slip.why}`;
  const base = { what: p.what, object: null, changes: p.changes };
  return { ...base, ...(slip.blocked ? failsOnAnotherKey(why, insert.conflict) : insertedAgain(why, names.name(table.table), insert.conflict)) };
}

type Outcome = Pick<Problem, 'outcome' | 'sqlstate' | 'reason' | 'advice'>;

/** The second run's rows, past the key the target names, meet another that holds them: unique_violation. */
function failsOnAnotherKey(why: string, conflict: Conflict | null): Outcome {
  const bare = conflict?.action === 'DO NOTHING' ? ', or leave the target out: ON CONFLICT DO NOTHING skips the rows whatever key holds them' : '';
  return {
    outcome: 'exists',
    sqlstate: '23505',
    reason: 'a unique key the conflict target does not name already holds the rows',
    advice: `${why}. Name a key this INSERT fills in the conflict target${bare}.`,
  };
}

/** The second run's rows go in again, into the table named `table`. */
function insertedAgain(why: string, table: string, conflict: Conflict | null): Outcome {
  return {
    outcome: 'twice',
    sqlstate: null,
    reason: 'the rows are inserted again',
    advice:
      `${why}. Insert only the rows that are missing, ` +
      `INSERT INTO ${table} (...) SELECT ... WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE <natural key columns match>), ` +
      `or add a unique constraint on the natural key and write ${clauseWords('<its columns>', conflict)}.`,
  };
}
