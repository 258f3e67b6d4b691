// The unique keys of a table as the migrations so far leave it, and the columns an INSERT fills: ON CONFLICT
// stops a second run's rows only when a key it fires on (any key, or the one its target names) gets the same values again.
// One fold reads them, statement by statement, for the file linted and for the migrations before it (earlier.ts);
// it keeps the names of the table's other constraints too, for a DROP CONSTRAINT on a table the file makes.

import { asArray, columnsRead, nodeOf, qualifiedName, rangeVarName, sameName, stringsOf, unwrap, type AstNode, type QualifiedName } from '../../sql/ast.js';
import { nested, runDeep, type Deep } from '../../sql/walk.js';
import type { Problem } from './analyze.js';
import type { Spelling } from '../spelling.js';
import { typeRef, type TypeRef } from '../enum-literals.js';

/** A PRIMARY KEY, UNIQUE, EXCLUDE or unique index: its columns (null stands for an expression), and whether two NULLs in it conflict. */
export interface Key {
  columns: Array<string | null>;
  /** NULLS NOT DISTINCT (PostgreSQL 15): otherwise a NULL never conflicts with anything. */
  nullsConflict: boolean;
  /** The constraint's or index's name, as given or as PostgreSQL makes it up, for a DROP or RENAME that names it. */
  name: string;
  /** A unique index with a WHERE: bare ON CONFLICT fires on it only for rows the WHERE matches, a conflict target without one never. */
  partial: boolean;
  /** A PRIMARY KEY, UNIQUE or EXCLUDE constraint, which DROP CONSTRAINT names; false for a unique index. */
  constraint: boolean;
}

/** A CHECK, foreign key or NOT NULL constraint: its name, and the columns whose DROP COLUMN takes it along. */
export interface Constraint {
  name: string;
  columns: string[];
}

/** A table's columns, keys and other constraints as the statements so far leave it, and where they come from (the advice says so). */
export interface TableKeys {
  /** As the statement that made it (or moved it into place) writes it. */
  table: QualifiedName;
  /** Columns in the order the statements add them: a VALUES row without a column list fills them in this order. */
  columns: string[];
  /** Each column's type as declared (where a literal becomes an enum value, for transaction-unsafe). */
  types: Record<string, TypeRef>;
  keys: Key[];
  /** Its CHECK, foreign key and NOT NULL constraints (its key constraints are keys), for a DROP CONSTRAINT that names one. */
  constraints: Constraint[];
  /** Columns a default fills anew on every run: serial, identity, a DEFAULT that is not a constant. */
  generated: string[];
  /** Other columns never NULL where an INSERT leaves them out: a constant default, NOT NULL, PRIMARY KEY, GENERATED ... STORED. */
  valued: string[];
  /** The file whose CREATE TABLE made it (null: the one linted), whether that CREATE may meet a table made before (IF NOT EXISTS, a handler), and whether another file changed it since. */
  made: { file: string | null; guarded: boolean; changed: boolean };
}

/** A table as statements leave it: null when there is none of that name, undefined when they do not show all its keys (LIKE, INHERITS, ...). */
export type TableState = TableKeys | null | undefined;

/** Where a statement runs, for the fold. */
export interface StepContext {
  /** Its migration file; null for the file linted. */
  file: string | null;
  /** Whether a failure of its CREATE TABLE is caught (IF NOT EXISTS, a DO block's handler): an existing table then stays as it is. */
  guarded: boolean;
  /** A table's state just before this statement: what a RENAME or SET SCHEMA moves into the table's place. */
  prior(table: QualifiedName): TableState;
}

/** What a statement does to one table: its state after, from the state before. */
export type Change = (before: TableState) => TableState;

const SERIAL = new Set(['smallserial', 'serial2', 'serial', 'serial4', 'bigserial', 'serial8']);
const KEY_CONSTRAINTS = new Set(['CONSTR_PRIMARY', 'CONSTR_UNIQUE', 'CONSTR_EXCLUSION']);
/** Column constraints that keep a column an INSERT leaves out from being NULL (or make the INSERT fail). */
const NEVER_NULL = new Set(['CONSTR_DEFAULT', 'CONSTR_NOTNULL', 'CONSTR_PRIMARY', 'CONSTR_GENERATED']);
/** The suffix PostgreSQL ends a made-up constraint or index name with. */
const SUFFIX: Record<string, string> = { CONSTR_PRIMARY: 'pkey', CONSTR_UNIQUE: 'key', CONSTR_EXCLUSION: 'excl', index: 'idx' };

/** The name PostgreSQL gives an unnamed key: <table>_pkey, else <table>_<columns>_key (or _excl, _idx); `expr` for an expression. */
function madeUpName(table: QualifiedName, columns: Array<string | null>, kind: string): string {
  return kind === 'CONSTR_PRIMARY' ? `${table.name}_pkey` : [table.name, ...columns.map((c) => c ?? 'expr'), SUFFIX[kind]].join('_');
}

/** Whether a DEFAULT gives the same value on every run: a constant, possibly cast (however many times). */
function constant(expr: unknown): boolean {
  let u = unwrap(expr);
  while (u?.[0] === 'TypeCast') u = unwrap(u[1].arg);
  return u?.[0] === 'A_Const';
}

const indexColumn = (elem: unknown): string | null => {
  const name = nodeOf(elem, 'IndexElem')?.name;
  return typeof name === 'string' ? name : null;
};

/** A key constraint's key; null for other constraints and USING INDEX (that index's CREATE counts). */
function constraintKey(table: QualifiedName, con: AstNode): Key | null {
  if (!KEY_CONSTRAINTS.has(String(con.contype))) return null;
  const columns =
    con.contype === 'CONSTR_EXCLUSION' ? asArray(con.exclusions).map((pair) => indexColumn(asArray(nodeOf(pair, 'List')?.items)[0])) : stringsOf(con.keys);
  if (!columns.length) return null;
  const name = typeof con.conname === 'string' ? con.conname : madeUpName(table, columns, String(con.contype));
  return { columns, nullsConflict: con.nulls_not_distinct === true, name, partial: false, constraint: true };
}

/**
 * The name PostgreSQL gives a CHECK, foreign key or NOT NULL constraint of `table` (on `column`, written in its definition) that
 * has none: `t_c_check`, `t_check`, `t_c_fkey`, `t_c_not_null` (PostgreSQL 18 names NOT NULL constraints).
 */
export function constraintName(table: QualifiedName, con: AstNode, column?: string): string {
  if (typeof con.conname === 'string') return con.conname;
  if (con.contype === 'CONSTR_FOREIGN') return `${table.name}_${(column ? [column] : stringsOf(con.fk_attrs)).join('_')}_fkey`;
  if (con.contype === 'CONSTR_NOTNULL') return `${table.name}_${column ?? stringsOf(con.keys)[0]}_not_null`;
  // A CHECK is named for its column when its expression reads exactly one, wherever it is written.
  const read = [...columnsRead(con.raw_expr)];
  return `${table.name}_${read.length === 1 ? `${read[0]}_` : ''}check`;
}

const OTHER_CONSTRAINTS = new Set(['CONSTR_CHECK', 'CONSTR_FOREIGN', 'CONSTR_NOTNULL']);

/** A table constraint (or `column`'s own): a key, a primary key's columns NOT NULL, or another constraint. */
function addConstraint(out: TableKeys, con: AstNode, column?: string): void {
  if (typeof con.indexname === 'string') {
    // ADD ... USING INDEX makes the unique index the constraint, renamed to the constraint's name.
    const name = typeof con.conname === 'string' ? con.conname : con.indexname;
    out.keys = out.keys.map((k) => (k.name === con.indexname ? { ...k, name, constraint: true } : k));
    return;
  }
  if (OTHER_CONSTRAINTS.has(String(con.contype))) {
    const own = column ? [column] : [...stringsOf(con.fk_attrs), ...stringsOf(con.keys)];
    out.constraints.push({ name: constraintName(out.table, con, column), columns: [...new Set([...own, ...columnsRead(con.raw_expr)])] });
    return;
  }
  const key = constraintKey(out.table, column ? { ...con, keys: [{ String: { sval: column } }] } : con);
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
  out.types[name] = typeRef(def.typeName);
  if (serial || filled) out.generated.push(name);
  if (constraints.some((c) => NEVER_NULL.has(String(c.contype)))) out.valued.push(name);
  for (const c of constraints) addConstraint(out, c, name);
}

/** A CREATE TABLE's columns and keys; undefined when LIKE, INHERITS, PARTITION OF or OF <type> may bring more. */
function created(table: QualifiedName, node: AstNode, made: TableKeys['made']): TableState {
  const elements = asArray(node.tableElts);
  if (asArray(node.inhRelations).length || node.partbound || node.ofTypename || elements.some((e) => nodeOf(e, 'TableLikeClause'))) return undefined;
  const out: TableKeys = { table, columns: [], types: {}, keys: [], constraints: [], generated: [], valued: [], made };
  for (const e of elements) {
    const column = nodeOf(e, 'ColumnDef');
    if (column) addColumn(out, column);
    addConstraint(out, nodeOf(e, 'Constraint') ?? {});
  }
  return out;
}

/** A copy to change: the state before stays as the fold of an earlier statement left it. */
const copy = (t: TableKeys, file: string | null): TableKeys => ({
  ...t,
  columns: [...t.columns],
  types: { ...t.types },
  keys: [...t.keys],
  constraints: [...t.constraints],
  generated: [...t.generated],
  valued: [...t.valued],
  made: { ...t.made, changed: t.made.changed || file !== t.made.file },
});

const without = (list: string[], column: string) => list.filter((c) => c !== column);

/** What ALTER TABLE does: columns and key constraints added or dropped, defaults, identities or NOT NULL set on a column. */
function altered(before: TableKeys, cmds: unknown[], file: string | null): TableKeys {
  const out = copy(before, file);
  for (const c of cmds) {
    const cmd = nodeOf(c, 'AlterTableCmd') ?? {};
    const column = nodeOf(cmd.def, 'ColumnDef');
    const name = String(cmd.name);
    if (cmd.subtype === 'AT_AddColumn' && column) addColumn(out, column);
    else if (cmd.subtype === 'AT_AddConstraint') addConstraint(out, nodeOf(cmd.def, 'Constraint') ?? {});
    else if (cmd.subtype === 'AT_AddIdentity') out.generated.push(name);
    else if (cmd.subtype === 'AT_ColumnDefault' && cmd.def) (constant(cmd.def) ? out.valued : out.generated).push(name);
    else if (cmd.subtype === 'AT_SetNotNull') out.valued.push(name);
    else if (cmd.subtype === 'AT_AlterColumnType' && column) out.types[name] = typeRef(column.typeName);
    else if (cmd.subtype === 'AT_DropConstraint') {
      out.keys = out.keys.filter((k) => k.name !== name);
      out.constraints = out.constraints.filter((c) => c.name !== name);
    } else if (cmd.subtype === 'AT_DropColumn') {
      // Every index and constraint on the column goes with it, a multi-column one too.
      Object.assign(out, { columns: without(out.columns, name), generated: without(out.generated, name), valued: without(out.valued, name) });
      delete out.types[name];
      out.keys = out.keys.filter((k) => !k.columns.includes(name));
      out.constraints = out.constraints.filter((c) => !c.columns.includes(name));
    }
  }
  return out;
}

/** A unique index's columns, as one more key of its table. */
function indexed(before: TableKeys, node: AstNode, file: string | null): TableKeys {
  const out = copy(before, file);
  const columns = asArray(node.indexParams).map(indexColumn);
  const name = typeof node.idxname === 'string' ? node.idxname : madeUpName(before.table, columns, 'index');
  out.keys.push({ columns, nullsConflict: node.nulls_not_distinct === true, name, partial: node.whereClause !== undefined, constraint: false });
  return out;
}

/** The state with `keys` changed; unchanged (the same object) when it has no key `keys` changes. */
function rekeyed(before: TableState, keys: (k: Key[]) => Key[], file: string | null): TableState {
  if (!before) return before;
  const next = keys(before.keys);
  return next.length === before.keys.length && next.every((k, i) => k === before.keys[i]) ? before : { ...copy(before, file), keys: next };
}

/** Whether DROP or ALTER INDEX `index` names key `k` of `table`: an index lives in its table's schema. */
const namesKey = (index: QualifiedName, table: QualifiedName, k: Key) => k.name === index.name && sameName(index, { schema: table.schema, name: index.name });

/** A table moved to `table` by a RENAME or SET SCHEMA: its keys, under its new name. */
const moved = (from: TableState, table: QualifiedName, file: string | null): TableState => from && { ...copy(from, file), table };

/**
 * What a statement does to `table`, or null when it leaves it alone (names compare as sameName does: an unqualified
 * one matches the same name in any schema, since the runner's search_path decides). CREATE (a guarded one leaves
 * a table that is there as it is), CREATE TABLE AS, ALTER, CREATE UNIQUE INDEX, DROP TABLE / INDEX, RENAME of the
 * table, a column, a constraint or an index, SET SCHEMA. Its state before is read only when the change needs it (an unguarded CREATE does not).
 */
/** Whether keyChange can see a change in statement `kind`: it reads these alone, and a SELECT only with INTO. */
export function mayChangeKeys(kind: string, node: AstNode): boolean {
  return KEY_KINDS.has(kind) && (kind !== 'SelectStmt' || node.intoClause !== undefined);
}

const KEY_KINDS = new Set(['CreateStmt', 'CreateTableAsStmt', 'SelectStmt', 'AlterTableStmt', 'IndexStmt', 'DropStmt', 'RenameStmt', 'AlterObjectSchemaStmt']);

export function keyChange(kind: string, node: AstNode, table: QualifiedName, ctx: StepContext): Change | null {
  const file = ctx.file;
  switch (kind) {
    case 'CreateStmt': {
      if (!sameName(rangeVarName(node.relation), table)) return null;
      // Read when the fold applies it: a caller may only ask whether this statement changes the table.
      const made = () => created(rangeVarName(node.relation), node, { file, guarded: node.if_not_exists === true || ctx.guarded, changed: false });
      return node.if_not_exists || ctx.guarded ? (before) => (before === null ? made() : before) : made;
    }
    case 'CreateTableAsStmt':
    case 'SelectStmt': {
      // CREATE TABLE AS and SELECT INTO make a table whose columns the statement does not spell out.
      const into = (kind === 'SelectStmt' ? node.intoClause : node.objtype === 'OBJECT_TABLE' && node.into) as AstNode | undefined;
      return into && sameName(rangeVarName(into.rel), table) ? () => undefined : null;
    }
    case 'AlterTableStmt':
      return node.objtype === 'OBJECT_TABLE' && sameName(rangeVarName(node.relation), table) ? (before) => before && altered(before, asArray(node.cmds), file) : null;
    case 'IndexStmt':
      return node.unique && sameName(rangeVarName(node.relation), table) ? (before) => before && indexed(before, node, file) : null;
    case 'DropStmt': {
      const names = asArray(node.objects).map((o) => qualifiedName(stringsOf(nodeOf(o, 'List')?.items)));
      if (node.removeType === 'OBJECT_TABLE') return names.some((n) => sameName(n, table)) ? () => null : null;
      if (node.removeType !== 'OBJECT_INDEX') return null;
      return (before) => rekeyed(before, (keys) => keys.filter((k) => !names.some((n) => namesKey(n, table, k))), file);
    }
    case 'RenameStmt': {
      const newname = String(node.newname);
      if (node.renameType === 'OBJECT_TABLE') {
        const from = rangeVarName(node.relation);
        const to = { ...from, name: newname };
        if (sameName(to, table)) return () => moved(ctx.prior(from), to, file);
        return sameName(from, table) ? () => null : null;
      }
      if (node.renameType === 'OBJECT_INDEX') {
        const index = rangeVarName(node.relation);
        return (before) => rekeyed(before, (keys) => keys.map((k) => (namesKey(index, table, k) ? { ...k, name: newname } : k)), file);
      }
      if (!sameName(rangeVarName(node.relation), table)) return null;
      const old = String(node.subname);
      if (node.renameType === 'OBJECT_TABCONSTRAINT') {
        const named = <T extends { name: string }>(list: T[]) => list.map((c) => (c.name === old ? { ...c, name: newname } : c));
        // Unchanged (the same object) when it has no constraint of that name, as `rekeyed` leaves it.
        return (before) => (before && [...before.keys, ...before.constraints].some((c) => c.name === old) ? { ...copy(before, file), keys: named(before.keys), constraints: named(before.constraints) } : before);
      }
      if (node.renameType !== 'OBJECT_COLUMN') return null;
      const rename = <T extends string | null>(list: T[]) => list.map((c) => (c === old ? newname : c));
      return (before) =>
        before && {
          ...copy(before, file),
          columns: rename(before.columns),
          types: Object.fromEntries(Object.entries(before.types).map(([c, t]) => [c === old ? newname : c, t])),
          generated: rename(before.generated),
          valued: rename(before.valued),
          keys: before.keys.map((k) => ({ ...k, columns: rename(k.columns) })),
          constraints: before.constraints.map((c) => ({ ...c, columns: rename(c.columns) })),
        };
    }
    case 'AlterObjectSchemaStmt': {
      if (node.objectType !== 'OBJECT_TABLE') return null;
      const from = rangeVarName(node.relation);
      // Into the table's place first: an unqualified name matches both ends of the move.
      const to = { schema: String(node.newschema), name: from.name };
      if (sameName(to, table)) return () => moved(ctx.prior(from), to, file);
      return sameName(from, table) ? () => null : null;
    }
    default:
      return null;
  }
}

/** An INSERT's target column: by name when it lists them, else by position. */
export type Target = string | number;

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

// nextval() counts up: an integer type keeps its values apart too (nextval('s')::int).
const COUNTING = new Set(['int2', 'int4', 'int8', 'numeric']);

const exact = (type: AstNode, names: Set<string>) => !asArray(type.typmods).length && !asArray(type.arrayBounds).length && names.has(stringsOf(type.names).pop() ?? '');

// Operators and calls whose value stays new when one operand is and the others are constants: 'evt-' || gen_random_uuid(),
// now() + interval '1 day', nextval('s') + 1000, md5(random()::text). date_trunc() and arithmetic into an int repeat.
const SHIFTS = new Set(['||', '+', '-']);
const KEEPING = new Set(['md5', 'concat']);

/** The volatile call among `operands` when every other one is a constant; null for anything else. */
function* keptNew(operands: unknown[]): Deep<string | null> {
  const calls: Array<string | null> = [];
  for (const o of operands) calls.push(yield* nested(volatileCall(o)));
  const call = calls.find((c) => c !== null);
  return call && operands.every((o, i) => calls[i] !== null || (constant(o) && !nullConstant(o))) ? call : null;
}

/**
 * The volatile call a cell is, as SQL writes it, e.g. `gen_random_uuid()`, seen through casts and the expressions that keep it new
 * (`'x' || ...` thousands deep: keptNew and this call each other through runDeep); null for anything else.
 */
function* volatileCall(cell: unknown): Deep<string | null> {
  const cast = nodeOf(cell, 'TypeCast');
  if (cast) {
    const call = yield* nested(volatileCall(cast.arg));
    const type = (cast.typeName ?? {}) as AstNode;
    return call && (exact(type, LOSSLESS) || (call === 'nextval()' && exact(type, COUNTING))) ? call : null;
  }
  const op = nodeOf(cell, 'A_Expr');
  if (op) return op.kind === 'AEXPR_OP' && SHIFTS.has(stringsOf(op.name).pop() ?? '') ? yield* nested(keptNew([op.lexpr, op.rexpr].filter((o) => o !== undefined))) : null;
  const call = nodeOf(cell, 'FuncCall');
  const name = stringsOf(call?.funcname).pop();
  if (name !== undefined) return VOLATILE.has(name) ? `${name}()` : KEEPING.has(name) ? yield* nested(keptNew(asArray(call!.args))) : null;
  const clock = String(nodeOf(cell, 'SQLValueFunction')?.op).replace(/^SVFOP_/, '').replace(/_N$/, '');
  return CLOCKS.has(clock) ? clock : null;
}

/** The first volatile call among `cells`, as volatileCall gives it; a constant, most cells, starts no computation. */
function firstCall(cells: unknown[]): string | undefined {
  for (const cell of cells) {
    const call = nodeOf(cell, 'A_Const') ? null : runDeep(volatileCall(cell));
    if (call !== null) return call;
  }
  return undefined;
}

const nullConstant = (cell: unknown) => nodeOf(cell, 'A_Const')?.isnull === true;
const isStar = (cell: unknown) => asArray(nodeOf(cell, 'ColumnRef')?.fields).some((f) => nodeOf(f, 'A_Star'));

/** The rows a query gives, each as its cells: VALUES rows, a SELECT's target list, both sides of a UNION; null when `*` hides them. */
function rowsOf(select: AstNode): unknown[][] | null {
  const rows: unknown[][] = [];
  // Left side first, from a stack: a chain of thousands of UNIONs nests as deep.
  for (const pending = [select]; pending.length; ) {
    const s = pending.pop()!;
    if (s.larg && s.rarg) pending.push(s.rarg as AstNode, s.larg as AstNode);
    else if (s.valuesLists) for (const r of asArray(s.valuesLists)) rows.push(asArray(nodeOf(r, 'List')?.items));
    else {
      const cells = asArray(s.targetList).map((t) => nodeOf(t, 'ResTarget')?.val);
      if (cells.some(isStar)) return null;
      rows.push(cells);
    }
  }
  return rows;
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
    const call = firstCall(cells);
    if (call) fills.fresh.push({ target, call });
    else if (cells.some(nullConstant)) fills.nulls.push(target);
    else if (!cells.some((c) => nodeOf(c, 'SetToDefault'))) fills.given.push(target);
  });
  return fills;
}

const LEFT_NULL = 'left NULL by this INSERT';

/** How a second run's rows get past ON CONFLICT: why, and whether a key the conflict target does not name then stops them (23505). */
interface Slip {
  why: string;
  blocked: boolean;
}

/** Only a partial unique index sees the rows: ON CONFLICT DO NOTHING skips those its WHERE matches, which the rule cannot tell. */
const PARTIAL = 'partial';

const sameColumns = (k: Key, target: string[]) => k.columns.length === target.length && target.every((c) => k.columns.includes(c));

/** Why ON CONFLICT would let a second run's rows through; null when a key it fires on sees them. */
function rerunSlipsPast(table: TableKeys, fills: Fills, target: string[] | null, names: Spelling): Slip | typeof PARTIAL | null {
  const column = (t: Target): string | undefined => (typeof t === 'number' ? table.columns[t] : t);
  const given = fills.given.map(column);
  const nulls = fills.nulls.map(column);
  const calls = new Map(fills.fresh.map((f) => [column(f.target), f.call]));
  // More values than the columns it knows: the table is not as the migrations show it.
  if (given.includes(undefined) || nulls.includes(undefined) || calls.has(undefined)) return null;
  const leftOut = (c: string) => !given.includes(c) && !nulls.includes(c) && !calls.has(c);
  const isNew = (c: string) => calls.has(c) || (leftOut(c) && table.generated.includes(c));
  const isNull = (c: string) => nulls.includes(c) || (leftOut(c) && table.columns.includes(c) && !table.generated.includes(c) && !table.valued.includes(c));
  const slipping = (k: Key) => k.columns.filter((c): c is string => c !== null && (isNew(c) || (!k.nullsConflict && isNull(c))));
  // A conflict target fires only on a key of just its columns, never a partial one without its WHERE: no such key, and the file does not tell.
  const arbiters = target ? table.keys.filter((k) => !k.partial && sameColumns(k, target)) : table.keys;
  if (target && !arbiters.length) return null;
  const stopping = arbiters.filter((k) => !slipping(k).length);
  if (stopping.length) return stopping.every((k) => k.partial) ? PARTIAL : null;
  const blocked = table.keys.some((k) => !k.partial && !arbiters.includes(k) && !slipping(k).length);
  const how = (c: string) => (calls.has(c) ? `filled by ${calls.get(c)}` : isNull(c) ? LEFT_NULL : 'generated by its default');
  return { why: slipWords(table, new Map(arbiters.flatMap(slipping).map((c) => [c, how(c)])), blocked, names), blocked };
}

/** Whose keys the reason read: a guarded CREATE may meet a table made before the file ran, and an earlier file's may have changed since. */
function madeBy(table: TableKeys): string {
  const { file, guarded, changed } = table.made;
  if (file === null) return guarded ? ', as this file creates it,' : '';
  return changed ? `, as ${file} and later files leave it,` : `, as ${file} creates it,`;
}

/** The reason in words, from how each key column that slips past gets its value; `blocked` leaves out what follows, as another key stops the rows. */
function slipWords(table: TableKeys, how: Map<string, string>, blocked: boolean, names: Spelling): string {
  const name = `${names.name(table.table)}${madeBy(table)}`;
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

/**
 * An INSERT against its table's keys as the migrations up to it leave them; null when its ON CONFLICT does stop it. A table
 * no migration makes (an extension's, Supabase's auth.users) or whose keys they do not show keeps the ON CONFLICT fix, hedged.
 */
export function onKeys(p: Problem, insert: Insert, table: TableState, names: Spelling): Problem | null {
  const slip = table && insert.fills ? rerunSlipsPast(table, insert.fills, insert.conflict?.target ?? null, names) : null;
  if (insert.conflict && (!slip || slip === PARTIAL)) return null;
  if (table === null) {
    const written = names.name(p.changes!.name);
    return {
      ...p,
      advice:
        `Neither this file nor an earlier migration creates ${written}, so its keys are not known here: ON CONFLICT DO NOTHING skips the rows ` +
        `only if a primary key or unique key of ${written} is one this INSERT fills (a default, serial or identity gives a new value on every run); ` +
        `else insert only the missing rows, WHERE NOT EXISTS (SELECT 1 FROM ${written} WHERE <natural key columns match>).`,
    };
  }
  if (!table || !slip) return p;
  const name = names.name(table.table);
  if (slip === PARTIAL) return { ...p, advice: `ON CONFLICT DO NOTHING skips a row only where a partial unique index of ${name}${madeBy(table)} sees it: one its WHERE matches.` };
  const target = insert.conflict?.target?.map((c) => names.name(c)).join(', ') ?? '';
  const why = `${clauseWords(target, insert.conflict)} ${insert.conflict ? 'cannot fire' : 'would not stop it'}: ${slip.why}`;
  const base = { what: p.what, object: null, changes: p.changes };
  return { ...base, ...(slip.blocked ? failsOnAnotherKey(why, insert.conflict) : insertedAgain(why, name, insert.conflict)) };
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
