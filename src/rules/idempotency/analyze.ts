// What one statement does to which object, and why it would fail or apply twice on a second run
// of its file. Pure reading of the parse tree; the rule weighs these against the rest of the file.

import {
  asArray,
  columnsRead,
  formatName,
  nodeOf,
  parseOne,
  stringOf,
  qualifiedName,
  quoteIdent,
  rangeVarName,
  sameName,
  sameTree,
  scanTokens,
  searchPathKnown,
  stringsOf,
  unwrap,
  withoutComments,
  type AstNode,
  type QualifiedName,
} from '../../sql/ast.js';
import { someInTree, walkTree } from '../../sql/walk.js';
import { constraintName, insertFills, type Conflict, type Insert } from './keys.js';
import type { Spelling } from '../spelling.js';
import { typeRef, type TypeRef } from '../enum-literals.js';

export type ObjectKind =
  | 'table'
  | 'view'
  | 'materialized view'
  | 'index'
  | 'sequence'
  | 'schema'
  | 'extension'
  | 'type'
  | 'function'
  | 'trigger'
  | 'policy'
  | 'role'
  | 'column'
  | 'constraint'
  | 'enum value'
  | 'foreign table'
  | 'server'
  | 'aggregate'
  | 'operator'
  | 'collation'
  | 'cast'
  | 'publication'
  | 'statistics'
  | 'event trigger'
  | 'foreign-data wrapper'
  | 'conversion'
  | 'text search configuration'
  | 'text search dictionary'
  | 'text search parser'
  | 'text search template'
  | 'access method'
  | 'operator class'
  | 'operator family'
  | 'user mapping'
  | 'rule'
  | 'language'
  | 'transform'
  | 'partition'
  | 'parent'
  | 'identity'
  | 'publication table'
  | 'publication schema'
  | 'default';

/** A database object; `on` is the table (or type) a trigger, policy, column, constraint, enum value or column default belongs to. */
export interface ObjectRef {
  kind: ObjectKind;
  name: QualifiedName;
  on?: QualifiedName;
  /** A function's input argument types (see `argTypes`), where the statement names them: overloads are other functions. */
  signature?: string;
  /** A function's kind of routine, where the statement says it (DROP ROUTINE does not): DROP PROCEDURE fails on a function. */
  routine?: 'function' | 'procedure';
}

/** A text edit that makes the statement idempotent, checked by re-parsing before it is offered unless the grammar or its own construction makes it right. */
export type Edit =
  /**
   * Insert `words` at the token where the parser then sets `flag` (found by trying token boundaries). `column`: an ADD COLUMN's,
   * the `location` of its column's name (a byte offset in the parse's input), right before which the grammar puts the guard.
   */
  | { kind: 'insert'; words: 'IF NOT EXISTS' | 'IF EXISTS' | 'OR REPLACE'; flag: (node: AstNode) => boolean; column?: number }
  /** Insert a DROP ... IF EXISTS statement before this one; `quoted` when quoteIdent wrote every name in it, so it parses as built. */
  | { kind: 'drop-first'; drop: string; quoted: boolean }
  /** Append ON CONFLICT DO NOTHING (before RETURNING). */
  | { kind: 'on-conflict' };

export interface Problem {
  /** The clause at fault, e.g. 'CREATE INDEX idx_x', 'ADD COLUMN email'. */
  what: string;
  /** What a second run does; `kept`: IF NOT EXISTS keeps the object that is there, which lacks a part the first run gave it. */
  outcome: 'exists' | 'missing' | 'twice' | 'kept';
  /** The object the second run collides with or misses. */
  object: ObjectRef | null;
  /** SQLSTATE the second run raises (null when it silently applies twice). */
  sqlstate: string | null;
  /** The object this statement changes in place (ALTER, INSERT): moot when that object is re-created by this file. */
  changes?: ObjectRef;
  /** The object whose DROP removes this one too (a table for its index, trigger or policy). */
  owner?: ObjectRef;
  edit?: Edit;
  /** The fix in words when no edit is offered (or in addition to it). */
  advice?: string;
  /** A DROP: harmless where the second run finds the object there: made again or renamed into place by the file, and not dropped again after. */
  dropping?: true;
  /** A RENAME: the object's new name (what collides when the file brings the old name back). */
  renamedTo?: ObjectRef;
  /** A RENAME or SET SCHEMA under IF EXISTS: skipped where the second run finds no object of the old name, so a problem only where it collides. */
  skipsMissing?: true;
  /** What the second run meets, in words, where the outcome's stock phrase would be wrong. */
  reason?: string;
  /** An INSERT: its table's keys decide whether it applies twice (with ON CONFLICT, whether it is a problem at all). */
  insert?: Insert;
  /** ADD ... USING INDEX: the second run misses the index when this ADD renamed it or a DROP of the constraint took it, unless the file makes it again first. */
  usingIndex?: Adoption;
  /** The second run finds the constraint gone with its index: an IF that checks for the constraint runs the statement all the same. */
  passesIf?: true;
  /** An UPDATE whose second run hangs on its columns' types (a jsonb merge): the problem once they are known, null when it changes nothing. */
  typed?: (declared: DeclaredType) => Problem | null;
  /**
   * A CREATE's DROP ... IF EXISTS (of a function's signature, taking `args` arguments, `t.c%TYPE` the type of each of `columns` when it
   * runs; with CASCADE when `cascade`), for a second run that meets the object as a statement further down defined it: OR REPLACE or
   * IF NOT EXISTS would keep that definition.
   */
  remake?: { drop: (cascade: boolean) => Edit; args?: number; columns?: ObjectRef[] };
  /** An ADD COLUMN's ALTER TABLE ... DROP COLUMN IF EXISTS (with CASCADE when `cascade`), for a fix that makes the column anew. */
  dropFirst?: (cascade: boolean) => Edit;
  /** An OR REPLACE: a problem only where a statement further down leaves the object defined otherwise, which OR REPLACE cannot turn back. */
  ifRedefined?: true;
  /**
   * A command of an ALTER TABLE that has several: its index, every command as an ALTER TABLE of its own (null where they cannot be cut
   * out exactly), and the guard `edit` takes in its own statement. A fix that guards some commands in place and leaves others to a DO block
   * would run the block's command twice, or lose the others: the statement is split instead.
   */
  split?: { index: number; commands: () => string[] | null; guard?: Edit };
}

/** What OR REPLACE compares when it replaces an object: a view's query and the columns it gives (undefined for a `*`), a function's arguments and result. */
export interface Definition {
  tree: unknown;
  /** Read only where the file defines the view again, which few files do. */
  columns?: () => ViewColumn[] | undefined;
}

/** A view's column as OR REPLACE compares it: its name and what fixes its type, each undefined where the file does not tell. */
export interface ViewColumn {
  name?: string;
  /** A cast's type, a column reference's table and column, or an expression that reads no column. */
  type?: unknown;
}

/** Whether OR REPLACE with the definition `own` takes the object as `other` defines it: the same, or a view whose first columns are other's, by name and type. */
export function replaces(own: Definition, other: Definition): boolean {
  if (sameTree(own.tree, other.tree)) return true;
  const [mine, theirs] = [own.columns?.(), other.columns?.()];
  return mine !== undefined && theirs !== undefined && theirs.length <= mine.length && theirs.every((c, i) => sameColumn(c, mine[i]!));
}

/** Columns the file shows to be the same: a name and a type known on both sides, and equal. */
const sameColumn = (a: ViewColumn, b: ViewColumn) => a.name !== undefined && a.name === b.name && a.type !== undefined && b.type !== undefined && sameTree(a.type, b.type);

/** A column's type as the migrations so far declare it; undefined when they do not tell. */
type DeclaredType = (column: string) => TypeRef | undefined;

const DEPENDED_ON_KINDS = ['table', 'column', 'type', 'function', 'schema'] as const;

/** The kinds of object a Dependency names: a DROP of any other kind takes nothing the file creates along (a table stands for any relation). */
export const DEPENDED_ON: ReadonlySet<ObjectKind> = new Set(DEPENDED_ON_KINDS);

/** An object another one depends on: PostgreSQL drops the dependent with it, always when `auto` (an index with its column), else only under CASCADE. */
export interface Dependency {
  ref: ObjectRef & { kind: (typeof DEPENDED_ON_KINDS)[number] };
  auto?: true;
  /** A function's: the arguments the call passes; a DROP FUNCTION of a signature with another number leaves it. */
  args?: number;
  /** The part of the new object that depends (a new table's constraint or column, a column's default): CASCADE drops that part, not the object. */
  via?: ObjectRef;
}

/** A DROP as it treats what depends on its object: CASCADE drops that too, and without it PostgreSQL refuses while something does (2BP01). */
export interface DropBehavior {
  ref: ObjectRef;
  /** The clause in findings, e.g. 'DROP FUNCTION f'. */
  what: string;
  cascade: boolean;
  /** A DROP FUNCTION's number of arguments, where it gives a signature. */
  args?: number;
  /** DROP's own words for the kind, e.g. 'MATERIALIZED VIEW', 'PROCEDURE'; a DROP of a table's column or constraint has none. */
  word?: string;
}

export interface Analysis {
  /** Objects this statement creates, whether it guards against them existing, and what each depends on (read only for a file that drops something). */
  creates: Array<{ ref: ObjectRef; guarded: boolean; uses?: () => Dependency[]; definition?: Definition }>;
  /** Objects this statement makes depend on others without creating them (ALTER SEQUENCE ... OWNED BY). */
  attaches?: Array<{ ref: ObjectRef; uses: Dependency[] }>;
  /** Objects this statement drops (with or without IF EXISTS). */
  drops: ObjectRef[];
  /** Of `drops`, those whose dependents the file may create: how each DROP treats them. */
  behaviors?: DropBehavior[];
  /** A table whose rows this statement deletes (DELETE, TRUNCATE): a later INSERT into it is a re-seed. */
  clears?: QualifiedName;
  /** Of a DELETE whose WHERE picks rows by constants of one column (`c = 1`, `c IN (1, 2)`): those rows, which an INSERT of them re-seeds. */
  picks?: Picked;
  /** Names this statement moves an object between (guarded or not): a later CREATE of the old name, say, is then safe. */
  renames?: Array<{ from: ObjectRef; to: ObjectRef }>;
  /** Indexes an ADD CONSTRAINT ... USING INDEX renames: names moved like `renames`, and a duplicate index on a second run. */
  adopts?: Adoption[];
  /**
   * The tables it needs on a second run: those it acts on (its `what` names them), and those it reads, read when asked, as
   * only a file that drops or renames a table needs them. `missing` is what a second run that finds the tables `gone` meets
   * instead of `problems` (null under ALTER TABLE IF EXISTS, which skips the statement).
   */
  needs?: { tables: Relation[]; reads?: () => Relation[]; missing: ((gone: ObjectRef[]) => Problem) | null };
  /** Temporary objects it creates: gone when the session ends, and a second run (a retry, `psql -f` again) is a session of its own. */
  temporary?: ObjectRef[];
  problems: Problem[];
}

const REGCLASS_KINDS = ['table', 'index', 'sequence', 'view', 'materialized view', 'foreign table'] as const;

/** An object to_regclass() finds: a statement needs these alone to be there on a second run. */
export type Relation = ObjectRef & { kind: (typeof REGCLASS_KINDS)[number] };

/** Whether `x` is a Relation, so a statement may need it. */
export const isRelation = (x: ObjectRef): x is Relation => (REGCLASS_KINDS as readonly ObjectKind[]).includes(x.kind);

/** Rows of `table` picked by constants of one column, as the parse writes each constant. */
export interface Picked {
  table: QualifiedName;
  column: string;
  values: string[];
}

/** A constant as the parse writes it: a number, a string or a boolean; undefined for anything else (a cast, an expression, NULL). */
export function constantText(expr: unknown): string | undefined {
  const c = nodeOf(expr, 'A_Const');
  if (!c) return undefined;
  // A zero, an empty string or false leaves its inner field out.
  const zero: Record<string, string> = { ival: '0', fval: '0', sval: '', boolval: 'false' };
  const kind = Object.keys(zero).find((k) => c[k] && typeof c[k] === 'object');
  return kind === undefined ? undefined : String((c[kind] as AstNode)[kind] ?? zero[kind]);
}

/** The rows a DELETE's WHERE picks by constants of one column; undefined for any other WHERE. */
function picked(table: QualifiedName, where: unknown): Picked | undefined {
  const op = nodeOf(where, 'A_Expr');
  if (!op || stringsOf(op.name).join() !== '=' || (op.kind !== 'AEXPR_OP' && op.kind !== 'AEXPR_IN')) return undefined;
  const column = stringsOf(nodeOf(op.lexpr, 'ColumnRef')?.fields).pop();
  const values = (op.kind === 'AEXPR_IN' ? asArray(nodeOf(op.rexpr, 'List')?.items ?? op.rexpr) : [op.rexpr]).map(constantText);
  return column !== undefined && values.length && values.every((v) => v !== undefined) ? { table, column, values: values as string[] } : undefined;
}

/** ADD CONSTRAINT ... USING INDEX under another name: PostgreSQL renames the index `from` to the constraint's name, `to`. */
export interface Adoption {
  from: ObjectRef;
  to: ObjectRef;
  table: QualifiedName;
}

/** SQLSTATEs a second run raises, and the PL/pgSQL condition names for them. */
export const CONDITIONS: Record<string, string> = {
  duplicate_table: '42P07',
  duplicate_object: '42710',
  duplicate_schema: '42P06',
  duplicate_function: '42723',
  duplicate_column: '42701',
  invalid_table_definition: '42P16',
  invalid_function_definition: '42P13',
  undefined_table: '42P01',
  undefined_object: '42704',
  undefined_function: '42883',
  undefined_column: '42703',
  invalid_schema_name: '3F000',
  unique_violation: '23505',
  dependent_objects_still_exist: '2BP01',
  invalid_parameter_value: '22023',
  wrong_object_type: '42809',
  ambiguous_function: '42725',
  object_not_in_prerequisite_state: '55000',
  // Class-wide conditions catch every SQLSTATE of their class.
  syntax_error_or_access_rule_violation: '42000',
  integrity_constraint_violation: '23000',
};

export function conditionName(sqlstate: string): string {
  return Object.keys(CONDITIONS).find((k) => CONDITIONS[k] === sqlstate) ?? `SQLSTATE '${sqlstate}'`;
}

const EXISTS_STATE: Partial<Record<ObjectKind, string>> = {
  table: '42P07',
  'foreign table': '42P07',
  aggregate: '42723',
  operator: '42723',
  view: '42P07',
  'materialized view': '42P07',
  index: '42P07',
  sequence: '42P07',
  schema: '42P06',
  function: '42723',
  column: '42701',
  // A second text search object trips the catalog's unique index rather than a duplicate_object check.
  'text search configuration': '23505',
  'text search dictionary': '23505',
  'text search parser': '23505',
  'text search template': '23505',
  partition: '42809',
  parent: '42P07',
  identity: '55000',
};

const MISSING_STATE: Partial<Record<ObjectKind, string>> = {
  table: '42P01',
  'foreign table': '42P01',
  aggregate: '42883',
  operator: '42883',
  view: '42P01',
  'materialized view': '42P01',
  sequence: '42P01',
  schema: '3F000',
  function: '42883',
  column: '42703',
  partition: '42P01',
  parent: '42P01',
};

/** The SQLSTATE a second CREATE of an object of this kind raises. */
export const existsState = (k: ObjectKind) => EXISTS_STATE[k] ?? '42710';
const missingState = (k: ObjectKind) => MISSING_STATE[k] ?? '42704';

const DROP_KINDS: Record<string, ObjectKind> = {
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_INDEX: 'index',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_SCHEMA: 'schema',
  OBJECT_EXTENSION: 'extension',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'type',
  OBJECT_FUNCTION: 'function',
  OBJECT_PROCEDURE: 'function',
  OBJECT_ROUTINE: 'function',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_POLICY: 'policy',
  OBJECT_FOREIGN_TABLE: 'foreign table',
  OBJECT_FOREIGN_SERVER: 'server',
  OBJECT_AGGREGATE: 'aggregate',
  OBJECT_OPERATOR: 'operator',
  OBJECT_COLLATION: 'collation',
  OBJECT_PUBLICATION: 'publication',
  OBJECT_STATISTIC_EXT: 'statistics',
  OBJECT_EVENT_TRIGGER: 'event trigger',
  OBJECT_FDW: 'foreign-data wrapper',
  OBJECT_CONVERSION: 'conversion',
  OBJECT_TSCONFIGURATION: 'text search configuration',
  OBJECT_TSDICTIONARY: 'text search dictionary',
  OBJECT_TSPARSER: 'text search parser',
  OBJECT_TSTEMPLATE: 'text search template',
  OBJECT_ACCESS_METHOD: 'access method',
  OBJECT_OPCLASS: 'operator class',
  OBJECT_OPFAMILY: 'operator family',
  OBJECT_RULE: 'rule',
  OBJECT_LANGUAGE: 'language',
  OBJECT_CAST: 'cast',
  OBJECT_TRANSFORM: 'transform',
};

/** DROP's own word where the kind it drops goes by another: a domain is a type, a procedure or routine a function. */
const DROP_WORDS: Record<string, string> = { OBJECT_DOMAIN: 'DOMAIN', OBJECT_PROCEDURE: 'PROCEDURE', OBJECT_ROUTINE: 'ROUTINE' };

const KEYWORDS: Partial<Record<ObjectKind, string>> = {
  'materialized view': 'MATERIALIZED VIEW',
  'foreign table': 'FOREIGN TABLE',
  'event trigger': 'EVENT TRIGGER',
  'foreign-data wrapper': 'FOREIGN DATA WRAPPER',
};

/** DefineStmt kinds: which object, and whether CREATE OR REPLACE exists for it (aggregates, since PostgreSQL 12). */
const DEFINE_KINDS: Record<string, { kind: ObjectKind; replace?: true; ifNotExists?: true }> = {
  OBJECT_AGGREGATE: { kind: 'aggregate', replace: true },
  OBJECT_OPERATOR: { kind: 'operator' },
  OBJECT_COLLATION: { kind: 'collation', ifNotExists: true },
  OBJECT_TSCONFIGURATION: { kind: 'text search configuration' },
  OBJECT_TSDICTIONARY: { kind: 'text search dictionary' },
  OBJECT_TSPARSER: { kind: 'text search parser' },
  OBJECT_TSTEMPLATE: { kind: 'text search template' },
};
const keyword = (k: ObjectKind) => KEYWORDS[k] ?? k.toUpperCase();

const flagged = (key: string) => (node: AstNode) => node[key] === true;
const ifNotExists: Edit = { kind: 'insert', words: 'IF NOT EXISTS', flag: flagged('if_not_exists') };
const ifExists: Edit = { kind: 'insert', words: 'IF EXISTS', flag: flagged('missing_ok') };
const orReplace: Edit = { kind: 'insert', words: 'OR REPLACE', flag: flagged('replace') };

/** CREATE USER and CREATE GROUP are CREATE ROLE with other defaults; findings use the statement's own word. */
const ROLE_WORDS: Record<string, string> = { ROLESTMT_ROLE: 'ROLE', ROLESTMT_USER: 'USER', ROLESTMT_GROUP: 'GROUP' };

const LANGUAGE_AS_EXTENSION = /^create\s+(?:trusted\s+)?(?:procedural\s+)?language\b/i;

const none = (): Analysis => ({ creates: [], drops: [], problems: [] });

/** Creation of a named object: guarded by `guardKey`, else a problem fixed by `edit` or `advice`. */
function creation(
  ref: ObjectRef,
  node: AstNode,
  guardKey: string,
  what: () => string,
  fix: { edit?: Edit; advice?: string },
  owner?: ObjectRef,
): Analysis {
  const guarded = node[guardKey] === true;
  const problems: Problem[] = guarded
    ? []
    : [{ what: what(), outcome: 'exists', object: ref, sqlstate: existsState(ref.kind), owner, ...fix }];
  return { creates: [{ ref, guarded }], drops: [], problems };
}

/** `DROP <word> IF EXISTS <name><signature>;`, the name as the file writes it, with CASCADE when asked. */
const dropAnew =
  (word: string, name: QualifiedName, w: Spelling, signature = '') =>
  (cascade: boolean): Edit => ({
    kind: 'drop-first',
    drop: `DROP ${word} IF EXISTS ${w.name(name)}${signature}${cascade ? ' CASCADE' : ''};`,
    quoted: w.name(name) === formatName(name),
  });

/**
 * `made` (one CREATE) with how its fix makes the object anew, and for an OR REPLACE (`replacing`: what it says and the SQLSTATE of
 * a definition it cannot replace) the definition it must match: a problem the rule keeps only where one further down differs.
 */
function remakable(
  made: Analysis,
  remake: NonNullable<Problem['remake']>,
  replacing?: { definition: Definition; what: () => string; sqlstate: string },
): Analysis {
  const [create] = made.creates;
  if (!create) return made;
  const problems: Problem[] = made.problems.map((p) => ({ ...p, remake }));
  if (replacing && create.guarded) problems.push({ what: replacing.what(), outcome: 'exists', object: create.ref, sqlstate: replacing.sqlstate, remake, ifRedefined: true });
  return { ...made, creates: [{ ...create, definition: replacing?.definition }], problems };
}

/** A view's columns, named by its column list where it has one; undefined where a `*` takes them from its tables. */
function viewColumns(query: unknown, aliases: unknown): ViewColumn[] | undefined {
  const names = stringsOf(aliases);
  return queryColumns(query)?.map((c, i) => (names[i] !== undefined ? { ...c, name: names[i] } : c));
}

/** The columns a query gives; undefined where a `*` takes them from its tables. */
function queryColumns(query: unknown): ViewColumn[] | undefined {
  let select = nodeOf(query, 'SelectStmt');
  // A set operation gives the names of its first query, and types resolved over all of them.
  let setOperation = false;
  while (select?.larg) {
    select = nodeOf({ SelectStmt: select.larg }, 'SelectStmt');
    setOperation = true;
  }
  if (!select) return undefined;
  return setOperation ? selectColumns(select)?.map((c) => ({ name: c.name })) : selectColumns(select);
}

/** The columns a query that is no set operation gives; undefined where a `*` takes them from its tables. */
function selectColumns(select: AstNode): ViewColumn[] | undefined {
  const values = asArray(select.valuesLists);
  if (values.length) return asArray(nodeOf(values[0], 'List')?.items).map(() => ({}));
  const targets = asArray(select.targetList).map((t) => nodeOf(t, 'ResTarget') ?? {});
  if (targets.some((t) => asArray(nodeOf(t.val, 'ColumnRef')?.fields).some((f) => nodeOf(f, 'A_Star')))) return undefined;
  const from = select.withClause ? null : relationsIn(select.fromClause);
  return targets.map((t) => ({ name: typeof t.name === 'string' ? t.name : outputName(t.val), type: typeOf(t.val, from) }));
}

/** The name PostgreSQL gives a select-list item without AS, where it is a column's (cast or not) or a function's. */
function outputName(val: unknown): string | undefined {
  const cast = nodeOf(val, 'TypeCast');
  const ref = nodeOf(cast ? cast.arg : val, 'ColumnRef');
  if (ref) return stringsOf(ref.fields).pop();
  return cast ? undefined : stringsOf(nodeOf(val, 'FuncCall')?.funcname).pop();
}

/** The tables a FROM list names, by the name a column reference qualifies them with, and the one table an unqualified reference reads where it names no other item. */
interface Relations {
  by: Map<string, QualifiedName>;
  only?: QualifiedName;
}

function relationsIn(fromClause: unknown): Relations {
  const by = new Map<string, QualifiedName>();
  let items = 0;
  // Joins nest one in another as deep as they chain: unfolded from a stack, left before right.
  const pending = [...asArray(fromClause)].reverse();
  while (pending.length) {
    const item = pending.pop();
    const join = nodeOf(item, 'JoinExpr');
    if (join) {
      pending.push(join.rarg, join.larg);
      continue;
    }
    items++;
    const table = nodeOf(item, 'RangeVar');
    if (table) by.set(String((table.alias as AstNode | undefined)?.aliasname ?? table.relname), rangeVarName(table));
  }
  return { by, only: items === 1 && by.size === 1 ? [...by.values()][0] : undefined };
}

/**
 * What fixes a select-list item's type as far as the file tells: a cast's type, a column reference's table and column, or the
 * expression itself where it reads no column; undefined otherwise, and for a column of a query in WITH (`from` null).
 */
function typeOf(val: unknown, from: Relations | null): unknown {
  const cast = nodeOf(val, 'TypeCast');
  if (cast) return { cast: cast.typeName };
  const ref = nodeOf(val, 'ColumnRef');
  if (!ref) return someInTree(val, (_, key) => key === 'ColumnRef') ? undefined : { expression: val };
  // column, table.column or schema.table.column.
  const parts = stringsOf(ref.fields);
  if (parts.length > 3) return undefined;
  const column = parts.pop();
  const [schema, table] = parts.length === 2 ? parts : [undefined, parts[0]];
  const relation = table === undefined ? from?.only : from?.by.get(table);
  return relation && (schema === undefined || relation.schema === schema) ? { table: relation, column } : undefined;
}

/** SQL's names for the types the grammar reads as pg_catalog's (`int` as pg_catalog.int4): findings write them as SQL does. */
const SQL_TYPE_NAMES: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  float4: 'real',
  float8: 'double precision',
  bool: 'boolean',
  varchar: 'character varying',
  bpchar: 'character',
  varbit: 'bit varying',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
};

/** An argument's type as DROP FUNCTION writes it (not its length or precision, which a signature ignores); `t.c%TYPE` as written. */
function argTypeText(t: AstNode): string {
  if (t.pct_type === true) return `${stringsOf(t.names).map(quoteIdent).join('.')}%TYPE`;
  const name = qualifiedName(stringsOf(t.names));
  const sql = name.schema === undefined || name.schema === 'pg_catalog' ? SQL_TYPE_NAMES[name.name] : undefined;
  // The grammar's other pg_catalog types (numeric, interval) go by their own plain names.
  return (sql ?? (name.schema === 'pg_catalog' ? name.name : formatName(name))) + '[]'.repeat(asArray(t.arrayBounds).length);
}

/**
 * Input argument types as a signature tells functions apart: one key for `int`, `integer` and `int4`, and for a type in public
 * written with or without it. Undefined with a `t.c%TYPE`, whose type the file does not tell.
 */
function argTypes(types: AstNode[]): string | undefined {
  if (types.some((t) => t.pct_type === true)) return undefined;
  return types.map((t) => argTypeText(t).replace(/^public\./, '')).join(',');
}

/** A function's input argument types: as DROP FUNCTION lists them, as a signature key, how many, and the columns its `t.c%TYPE` arguments name. */
function signature(node: AstNode): { text: string; key?: string; args: number; columns: ObjectRef[] } {
  const inputs = asArray(node.parameters)
    .map((p) => nodeOf(p, 'FunctionParameter') ?? {})
    .filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE')
    .map((p) => (p.argType ?? {}) as AstNode);
  // DROP FUNCTION resolves `t.c%TYPE` to the column's type, as CREATE FUNCTION did: the same function while the column keeps its type.
  const types = inputs.map(argTypeText);
  const columns = inputs.flatMap((t): ObjectRef[] => {
    const parts = stringsOf(t.names);
    return t.pct_type === true && parts.length > 1 ? [{ kind: 'column', name: { name: parts[parts.length - 1]! }, on: qualifiedName(parts.slice(0, -1)) }] : [];
  });
  const key = argTypes(inputs);
  return { text: `(${types.join(', ')})`, ...(key !== undefined && { key }), args: inputs.length, columns };
}

/** A function an ObjectWithArgs names: by its signature where it lists one (DROP FUNCTION f without parentheses names f alone). */
function routineRef(object: AstNode, routine?: ObjectRef['routine']): ObjectRef {
  const key = object.args_unspecified === true ? undefined : argTypes(asArray(object.objargs).map((t) => nodeOf(t, 'TypeName') ?? {}));
  return { kind: 'function', name: qualifiedName(stringsOf(object.objname)), ...(key !== undefined && { signature: key }), ...(routine && { routine }) };
}

/** `out` with what the object it creates depends on. */
const dependingOn = (out: Analysis, uses: () => Dependency[]): Analysis => ({ ...out, creates: out.creates.map((c) => ({ ...c, uses })) });

/** The table an index, trigger, policy, rule or owned sequence belongs to: dropping the table drops it, CASCADE or not. */
const ownedUse = (table: QualifiedName): Dependency => ({ ref: { kind: 'table', name: table }, auto: true });

/** Columns of `table` as an index, constraint, trigger or view depends on them. */
const columnsOf = (table: QualifiedName, names: Iterable<string>, auto?: true): Dependency[] =>
  [...new Set(names)].map((name) => {
    const ref = { kind: 'column' as const, name: { name }, on: table };
    return auto ? { ref, auto } : { ref };
  });

/** The columns index elements name or read: `(c)`, `((lower(c)))`. */
const elementColumns = (elems: unknown): string[] =>
  asArray(elems).flatMap((e) => {
    const elem = nodeOf(e, 'IndexElem');
    return typeof elem?.name === 'string' ? [elem.name] : [...columnsRead(elem?.expr)];
  });

/** A column's or domain's type, which DROP TYPE ... CASCADE takes the column or domain with. */
const typeUse = (typeName: unknown): Dependency => ({ ref: { kind: 'type', name: qualifiedName(stringsOf((typeName as AstNode | undefined)?.names)) } });

/** The functions `expr` calls, each with the number of arguments the call passes. */
function callsIn(expr: unknown): Dependency[] {
  const out: Dependency[] = [];
  walkTree(expr, (node, key) => {
    const call = key === 'FuncCall' ? (node as AstNode) : undefined;
    if (call) out.push({ ref: { kind: 'function', name: qualifiedName(stringsOf(call.funcname)) }, args: asArray(call.args).length });
  });
  return out;
}

/** A view's relations, the functions it calls and, when it reads one relation alone, the columns it reads of it (with several, a column's table is not known). */
function viewUses(node: AstNode, skip: string): Dependency[] {
  const tables = tablesRead(node, [skip]);
  const columns = tables.length === 1 ? columnsOf(tables[0]!.name, columnsRead(node.query)) : [];
  return [...tables.map((ref) => ({ ref })), ...columns, ...callsIn(node.query)];
}

/** A function's argument and result types (not a `t.c%TYPE`, which PostgreSQL resolves once) and what a BEGIN ATOMIC body calls; a body in quotes is only text to it. */
function functionUses(node: AstNode): Dependency[] {
  const types = [...asArray(node.parameters).map((p) => nodeOf(p, 'FunctionParameter')?.argType), node.returnType] as Array<AstNode | undefined>;
  return [...types.filter((t) => t && t.pct_type !== true).map(typeUse), ...callsIn(node.sql_body)];
}

/** A sequence OWNED BY a column goes with the column and its table, CASCADE or not (OWNED BY NONE names no column). */
function ownedBy(options: unknown): Dependency[] {
  const owner = asArray(options).find((o) => nodeOf(o, 'DefElem')?.defname === 'owned_by');
  const parts = stringsOf(nodeOf(nodeOf(owner, 'DefElem')?.arg, 'List')?.items);
  if (parts.length < 2) return [];
  const table = qualifiedName(parts.slice(0, -1));
  return [ownedUse(table), ...columnsOf(table, parts.slice(-1), true)];
}

/** `DROP <kind> IF EXISTS name ON table;` for an object named per table, its names as the file writes them. */
function dropFirst(kind: 'TRIGGER' | 'POLICY', name: string, table: QualifiedName, w: Spelling): Edit {
  const [object, on] = [w.name(name), w.name(table)];
  // A placeholder as the file writes it (`${schema}`) need not be SQL: only quoteIdent's names are well-formed by construction.
  return { kind: 'drop-first', drop: `DROP ${kind} IF EXISTS ${object} ON ${on};`, quoted: object === quoteIdent(name) && on === formatName(table) };
}

/** The DO block's quote: one the wrapped statement does not use itself. */
const dollarTag = (statement: string) => (statement.includes('$$') ? '$do$' : '$$');

/** A DO block that swallows the error a second run raises: for statements without IF [NOT] EXISTS. */
function doBlockAdvice(statement: string, sqlstate: string, ignoring = 'the object already existing'): string {
  const tag = dollarTag(statement);
  return (
    `Wrap it in a block that ignores ${ignoring}:\n` +
    `DO ${tag} BEGIN\n  ${statement.replace(/\n/g, '\n  ')};\nEXCEPTION WHEN ${conditionName(sqlstate)} THEN NULL;\nEND ${tag};`
  );
}

/** A DO block that runs `statement` only while the catalog `condition` holds. */
function onlyIf(why: string, condition: string, statement: string): string {
  const tag = dollarTag(statement);
  return `${why}:\nDO ${tag} BEGIN\n  IF ${condition} THEN\n    ${statement.replace(/\n/g, '\n    ')};\n  END IF;\nEND ${tag};`;
}

/** A name as a SQL string literal, for to_regclass() and catalog lookups. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * A statement that acts on `tables` (and reads those `reads` finds) and has no IF EXISTS for them: a second run that
 * finds one gone (a later statement dropped it or renamed it away) fails with 42P01, so the fix runs it only while
 * they are there: in a DO block, where the statement reads as `inBlock`, or in words with `noBlock`, why it cannot go in one.
 */
function needing(
  out: Analysis,
  what: string,
  tables: Relation[],
  w: Spelling,
  { reads = () => [], inBlock = w.text, noBlock }: { reads?: () => Relation[]; inBlock?: string; noBlock?: string } = {},
): Analysis {
  const missing = (gone: ObjectRef[]): Problem => {
    const names = gone.map((t) => w.name(t.name));
    const why = `Run it only while ${names.join(' and ')} ${names.length > 1 ? 'are' : 'is'} there`;
    const condition = names.map((n) => `to_regclass(${literal(n)}) IS NOT NULL`).join(' AND ');
    const advice = noBlock ? `${why} (${condition}); ${noBlock}` : onlyIf(why, condition, inBlock);
    return { what, outcome: 'missing', object: gone[0]!, sqlstate: '42P01', advice };
  };
  return { ...out, needs: { tables, reads, missing } };
}

/** CREATE INDEX CONCURRENTLY cannot run inside a DO block (a transaction): its check comes in words. */
const concurrently = (node: AstNode) => (node.concurrent === true ? { noBlock: 'CREATE INDEX CONCURRENTLY cannot run inside a DO block.' } : {});

/**
 * The tables a statement reads in its fields but `skip` (its own target): FROM, JOIN and USING items and subqueries'.
 * A name a WITH query of the statement takes is that query's, not a table's.
 */
function tablesRead(node: AstNode, skip: readonly string[] = []): Array<ObjectRef & { kind: 'table' }> {
  const found = new Map<string, QualifiedName>();
  const queries = new Set<string>();
  const read = (node: object, key: string | undefined): boolean => {
    if (key === 'RangeVar') {
      const name = rangeVarName(node);
      found.set(`${name.schema ?? ''}\0${name.name}`, name);
      return false;
    }
    if (key === 'CommonTableExpr') queries.add(String((node as AstNode).ctename));
    return true;
  };
  for (const key in node) if (!skip.includes(key)) walkTree(node[key], read);
  return [...found.values()].filter((name) => name.schema !== undefined || !queries.has(name.name)).map((name) => ({ kind: 'table', name }));
}

/** INSERT, UPDATE or DELETE: what `out` says of the statement, and the table it writes and those it reads, which the second run needs. */
function writing(out: Analysis, verb: string, node: AstNode, w: Spelling): Analysis {
  const table = rangeVarName(node.relation);
  return needing(out, `${verb} ${w.name(table)}`, [{ kind: 'table', name: table }], w, { reads: () => tablesRead(node, ['relation']) });
}

/** COMMENT ON a relation or a column of one: a second run needs the relation. */
function comment(node: AstNode, w: Spelling): Analysis {
  const parts = stringsOf(nodeOf(node.object, 'List')?.items);
  const column = node.objtype === 'OBJECT_COLUMN';
  const kind = column ? 'table' : RELATION_KINDS[String(node.objtype)];
  if (!kind || parts.length < (column ? 2 : 1)) return none();
  const table: Relation = { kind, name: qualifiedName(column ? parts.slice(0, -1) : parts) };
  const what = column ? `COMMENT ON COLUMN ${w.name(table.name)}.${w.name(parts[parts.length - 1]!)}` : `COMMENT ON ${keyword(kind)} ${w.name(table.name)}`;
  return needing(none(), what, [table], w);
}

/** The relations of a list of RangeVars (GRANT, TRUNCATE, LOCK, CREATE STATISTICS ... FROM), as tables. */
const tablesIn = (list: unknown): Relation[] =>
  asArray(list).flatMap((r) => {
    const relation = nodeOf(r, 'RangeVar');
    return relation ? [{ kind: 'table' as const, name: rangeVarName(relation) }] : [];
  });

/** A temporary table made ON COMMIT DROP is gone when the file's transaction ends, so every run makes it anew. */
const droppedAtCommit = (ref: ObjectRef, onCommit: unknown): ObjectRef[] => (onCommit === 'ONCOMMIT_DROP' ? [ref] : []);

/** `made` with its object as temporary where CREATE TEMP made it (`relation`, the RangeVar it names). */
const temporaryIf = (made: Analysis, ref: ObjectRef, relation: unknown): Analysis =>
  (relation as AstNode | undefined)?.relpersistence === 't' ? { ...made, temporary: [ref] } : made;

/** A type as SQL names it, e.g. `public.celsius` or `pg_catalog.int4`. */
const typeText = (typeName: unknown) => formatName(qualifiedName(stringsOf((typeName as AstNode | undefined)?.names)));

/** How a user mapping is named: `FOR <role> SERVER <server>`. */
function userMappingName(node: AstNode): string {
  const role = (node.user ?? {}) as AstNode;
  const who = typeof role.rolename === 'string' ? quoteIdent(role.rolename) : String(role.roletype ?? '').replace('ROLESPEC_', '');
  return `FOR ${who} SERVER ${quoteIdent(String(node.servername))}`;
}

const transformName = (typeName: unknown, lang: unknown) => `FOR ${typeText(typeName)} LANGUAGE ${quoteIdent(String(lang))}`;

/**
 * How the statement writes a cast's types, `(int AS text)`, or a transform's, `FOR int LANGUAGE plpython3u`, on one line: its name
 * has them as the parse reads them (pg_catalog.int4). Undefined where the statement does not have them in that shape.
 */
function typesWritten(text: string, kind: 'cast' | 'transform'): string | undefined {
  const tokens = scanTokens(text);
  const first = tokens.findIndex((t) => (kind === 'cast' ? t.text === '(' : t.keyword === 'FOR'));
  if (first < 0) return undefined;
  let last = first;
  if (kind === 'cast') {
    for (let depth = 0; last < tokens.length; last++) {
      depth += tokens[last]!.text === '(' ? 1 : tokens[last]!.text === ')' ? -1 : 0;
      if (depth === 0) break;
    }
  } else last = tokens.findIndex((t, i) => i > first && t.keyword === 'LANGUAGE') + 1;
  if (last <= first || last >= tokens.length) return undefined;
  return withoutComments(text.slice(tokens[first]!.start, tokens[last]!.end)).replace(/\s+/g, ' ');
}

/** An object as SQL writes it after its keyword: `(a AS b)` for a cast, `name USING btree` for an operator class. */
function shown(ref: ObjectRef, w: Spelling): string {
  switch (ref.kind) {
    case 'cast':
      return typesWritten(w.text, 'cast') ?? `(${ref.name.name})`;
    case 'transform':
      return typesWritten(w.text, 'transform') ?? ref.name.name;
    case 'operator class':
    case 'operator family':
      return `${w.name(ref.name)} USING ${w.name(ref.on?.name ?? '')}`;
    case 'user mapping':
      return ref.name.name;
    case 'operator':
      // Symbols, not an identifier: shown as written, never quoted.
      return ref.name.schema !== undefined ? `${ref.name.schema}.${ref.name.name}` : ref.name.name;
    default:
      return w.name(ref.name) + (ref.on ? ` ON ${w.name(ref.on)}` : '');
  }
}

/** Analyses one statement: `text` is its SQL as parsed, `w` how findings write it and its names. */
export function analyze(kind: string, node: AstNode, text: string, w: Spelling): Analysis {
  switch (kind) {
    case 'CreateStmt': {
      const ref: ObjectRef = { kind: 'table', name: rangeVarName(node.relation) };
      const made = creation(ref, node, 'if_not_exists', () => `CREATE TABLE ${w.name(ref.name)}`, { edit: ifNotExists });
      const uses = () =>
        asArray(node.tableElts).flatMap((e) => {
          const def = nodeOf(e, 'ColumnDef');
          const con = nodeOf(e, 'Constraint');
          return def ? columnUses(ref.name, def, true) : con ? constraintPart(ref.name, con) : [];
        });
      const remade = remakable({ ...made, drops: droppedAtCommit(ref, node.oncommit) }, { drop: dropAnew('TABLE', ref.name, w) });
      return temporaryIf(dependingOn(remade, uses), ref, node.relation);
    }
    case 'CreateTableAsStmt': {
      const matview = node.objtype === 'OBJECT_MATVIEW';
      const into = node.into as AstNode | undefined;
      const ref: ObjectRef = { kind: matview ? 'materialized view' : 'table', name: rangeVarName(into?.rel) };
      const what = () => `CREATE ${keyword(ref.kind)} ${w.name(ref.name)}`;
      // IF NOT EXISTS does not spare the query: PostgreSQL reads it, and its tables, before it looks for the table.
      const made = creation(ref, node, 'if_not_exists', what, { edit: ifNotExists });
      // A materialized view depends on what it reads; a table made AS SELECT keeps only the rows.
      const uses = () => (matview ? viewUses(node, 'into') : []);
      const remade = remakable({ ...made, drops: droppedAtCommit(ref, into?.onCommit) }, { drop: dropAnew(keyword(ref.kind), ref.name, w) });
      return temporaryIf(needing(dependingOn(remade, uses), what(), [], w, { reads: () => tablesRead(node, ['into']) }), ref, into?.rel);
    }
    case 'IndexStmt': {
      const table = rangeVarName(node.relation);
      const owner: Relation = { kind: 'table', name: table };
      if (typeof node.idxname !== 'string') {
        const problem: Problem = {
          what: `CREATE INDEX on ${w.name(table)} without a name`,
          outcome: 'twice',
          object: null,
          sqlstate: null,
          owner,
          advice: 'Name the index so IF NOT EXISTS can find it: CREATE INDEX IF NOT EXISTS <name> ON ...',
        };
        return needing({ creates: [], drops: [], problems: [problem] }, problem.what, [owner], w, concurrently(node));
      }
      const ref: ObjectRef = { kind: 'index', name: { schema: table.schema, name: node.idxname } };
      // An index lives in its table's schema; CREATE INDEX names it without one.
      const what = () => `CREATE ${node.unique ? 'UNIQUE ' : ''}INDEX ${w.name(ref.name.name)}`;
      const columns = () => [...elementColumns(node.indexParams), ...elementColumns(node.indexIncludingParams), ...columnsRead(node.whereClause)];
      const made = dependingOn(creation(ref, node, 'if_not_exists', what, { edit: ifNotExists }, owner), () => [ownedUse(table), ...columnsOf(table, columns(), true)]);
      return needing(made, what(), [owner], w, concurrently(node));
    }
    case 'CreateSeqStmt': {
      const ref: ObjectRef = { kind: 'sequence', name: rangeVarName(node.sequence) };
      const made = dependingOn(creation(ref, node, 'if_not_exists', () => `CREATE SEQUENCE ${w.name(ref.name)}`, { edit: ifNotExists }), () => ownedBy(node.options));
      return temporaryIf(made, ref, node.sequence);
    }
    case 'AlterSeqStmt': {
      const uses = ownedBy(node.options);
      return uses.length ? { ...none(), attaches: [{ ref: { kind: 'sequence', name: rangeVarName(node.sequence) }, uses }] } : none();
    }
    case 'CreateSchemaStmt': {
      const name = typeof node.schemaname === 'string' ? node.schemaname : String((node.authrole as AstNode | undefined)?.rolename ?? '');
      const ref: ObjectRef = { kind: 'schema', name: { name } };
      return creation(ref, node, 'if_not_exists', () => `CREATE SCHEMA ${w.name(name)}`, { edit: ifNotExists });
    }
    case 'CreateExtensionStmt': {
      // The grammar reads CREATE [OR REPLACE] LANGUAGE without a handler as CREATE EXTENSION [IF NOT EXISTS].
      if (LANGUAGE_AS_EXTENSION.test(text)) {
        const ref: ObjectRef = { kind: 'language', name: { name: String(node.extname) } };
        const edit: Edit = { kind: 'insert', words: 'OR REPLACE', flag: flagged('if_not_exists') };
        return creation(ref, node, 'if_not_exists', () => `CREATE LANGUAGE ${w.name(ref.name.name)}`, { edit });
      }
      const ref: ObjectRef = { kind: 'extension', name: { name: String(node.extname) } };
      return creation(ref, node, 'if_not_exists', () => `CREATE EXTENSION ${w.name(ref.name.name)}`, { edit: ifNotExists });
    }
    case 'ViewStmt': {
      const ref: ObjectRef = { kind: 'view', name: rangeVarName(node.view) };
      const what = () => `CREATE VIEW ${w.name(ref.name)}`;
      const replacing = {
        definition: { tree: [node.query, node.aliases], columns: () => viewColumns(node.query, node.aliases) },
        what: () => `CREATE OR REPLACE VIEW ${w.name(ref.name)}`,
        sqlstate: '42P16',
      };
      const made = remakable(creation(ref, node, 'replace', what, { edit: orReplace }), { drop: dropAnew('VIEW', ref.name, w) }, replacing);
      return temporaryIf(needing(dependingOn(made, () => viewUses(node, 'view')), what(), [], w, { reads: () => tablesRead(node, ['view']) }), ref, node.view);
    }
    case 'CreateFunctionStmt': {
      const args = signature(node);
      const routine = node.is_procedure ? 'procedure' : 'function';
      const ref: ObjectRef = { kind: 'function', name: qualifiedName(stringsOf(node.funcname)), ...(args.key !== undefined && { signature: args.key }), routine };
      const word = node.is_procedure ? 'PROCEDURE' : 'FUNCTION';
      const what = () => `CREATE ${word} ${w.name(ref.name)}`;
      const made = creation(ref, node, 'replace', what, { edit: orReplace });
      // OR REPLACE keeps the arguments' names, defaults and types and the result type; the body it replaces.
      const replacing = { definition: { tree: [node.parameters, node.returnType] }, what: () => `CREATE OR REPLACE ${word} ${w.name(ref.name)}`, sqlstate: '42P13' };
      const remake = { drop: dropAnew(word, ref.name, w, args.text), args: args.args, columns: args.columns };
      return dependingOn(remakable(made, remake, replacing), () => functionUses(node));
    }
    case 'CreateTrigStmt': {
      const table = rangeVarName(node.relation);
      const ref: ObjectRef = { kind: 'trigger', name: { name: String(node.trigname) }, on: table };
      const drop = dropFirst('TRIGGER', ref.name.name, table, w);
      const advice = node.isconstraint ? undefined : 'On PostgreSQL 14 and newer, CREATE OR REPLACE TRIGGER does the same.';
      const owner: Relation = { kind: 'table', name: table };
      const what = () => `CREATE ${node.isconstraint ? 'CONSTRAINT ' : ''}TRIGGER ${w.name(ref.name.name)}`;
      const fn: Dependency['ref'] = { kind: 'function', name: qualifiedName(stringsOf(node.funcname)) };
      const uses = () => [ownedUse(table), { ref: fn, args: 0 }, ...columnsOf(table, [...stringsOf(node.columns), ...columnsRead(node.whenClause)])];
      return needing(dependingOn(creation(ref, node, 'replace', what, { edit: drop, advice }, owner), uses), what(), [owner], w);
    }
    case 'CreatePolicyStmt': {
      const table = rangeVarName(node.table);
      const ref: ObjectRef = { kind: 'policy', name: { name: String(node.policy_name) }, on: table };
      const drop = dropFirst('POLICY', ref.name.name, table, w);
      const owner: Relation = { kind: 'table', name: table };
      const what = () => `CREATE POLICY ${w.name(ref.name.name)}`;
      return needing(dependingOn(creation(ref, node, '-', what, { edit: drop }, owner), () => [ownedUse(table)]), what(), [owner], w);
    }
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
    case 'CreateDomainStmt':
    case 'CompositeTypeStmt': {
      // A domain's typeName is its base type; its own name is domainname.
      const names = kind === 'CreateDomainStmt' ? node.domainname : node.typeName;
      const parts = kind === 'CompositeTypeStmt' ? rangeVarName(node.typevar) : qualifiedName(stringsOf(names));
      const ref: ObjectRef = { kind: 'type', name: parts };
      const what = () => `CREATE ${kind === 'CreateDomainStmt' ? 'DOMAIN' : 'TYPE'} ${w.name(parts)}`;
      // No IF NOT EXISTS for types, and DROP TYPE would fail (or CASCADE away columns) once a table uses it.
      const made = creation(ref, node, '-', what, { advice: doBlockAdvice(w.text, '42710') });
      return kind === 'CreateDomainStmt' ? dependingOn(made, () => [typeUse(node.typeName)]) : made;
    }
    case 'CreateForeignTableStmt': {
      // CREATE FOREIGN TABLE wraps a CreateStmt: the guard lives in `base`.
      const base = (node.base ?? {}) as AstNode;
      const ref: ObjectRef = { kind: 'foreign table', name: rangeVarName(base.relation) };
      const edit: Edit = { kind: 'insert', words: 'IF NOT EXISTS', flag: (n) => (n.base as AstNode | undefined)?.if_not_exists === true };
      return creation(ref, base, 'if_not_exists', () => `CREATE FOREIGN TABLE ${w.name(ref.name)}`, { edit });
    }
    case 'CreateForeignServerStmt': {
      const ref: ObjectRef = { kind: 'server', name: { name: String(node.servername) } };
      return creation(ref, node, 'if_not_exists', () => `CREATE SERVER ${w.name(ref.name.name)}`, { edit: ifNotExists });
    }
    case 'CreateStatsStmt': {
      const ref: ObjectRef = { kind: 'statistics', name: qualifiedName(stringsOf(node.defnames)) };
      const what = () => `CREATE STATISTICS ${w.name(ref.name)}`;
      return needing(creation(ref, node, 'if_not_exists', what, { edit: ifNotExists }), what(), tablesIn(node.relations), w);
    }
    case 'DefineStmt': {
      const define = DEFINE_KINDS[String(node.kind)];
      if (!define) return none();
      const ref: ObjectRef = { kind: define.kind, name: qualifiedName(stringsOf(node.defnames)) };
      const what = () => `CREATE ${keyword(define.kind)} ${shown(ref, w)}`;
      if (define.replace) return creation(ref, node, 'replace', what, { edit: orReplace });
      if (define.ifNotExists) return creation(ref, node, 'if_not_exists', what, { edit: ifNotExists });
      return creation(ref, node, '-', what, { advice: doBlockAdvice(w.text, existsState(define.kind)) });
    }
    case 'CreateCastStmt': {
      const ref: ObjectRef = { kind: 'cast', name: { name: `${typeText(node.sourcetype)} AS ${typeText(node.targettype)}` } };
      return creation(ref, node, '-', () => `CREATE CAST ${shown(ref, w)}`, { advice: doBlockAdvice(w.text, '42710') });
    }
    case 'CreatePublicationStmt':
    case 'CreateEventTrigStmt': {
      const publication = kind === 'CreatePublicationStmt';
      const ref: ObjectRef = { kind: publication ? 'publication' : 'event trigger', name: { name: String(publication ? node.pubname : node.trigname) } };
      return creation(ref, node, '-', () => `CREATE ${keyword(ref.kind)} ${w.name(ref.name.name)}`, { advice: doBlockAdvice(w.text, '42710') });
    }
    case 'CreateRoleStmt': {
      const ref: ObjectRef = { kind: 'role', name: { name: String(node.role) } };
      const word = ROLE_WORDS[String(node.stmt_type)] ?? 'ROLE';
      return creation(ref, node, '-', () => `CREATE ${word} ${w.name(ref.name.name)}`, { advice: doBlockAdvice(w.text, '42710') });
    }
    case 'CreateFdwStmt':
    case 'CreateAmStmt': {
      const fdw = kind === 'CreateFdwStmt';
      const ref: ObjectRef = { kind: fdw ? 'foreign-data wrapper' : 'access method', name: { name: String(fdw ? node.fdwname : node.amname) } };
      return creation(ref, node, '-', () => `CREATE ${keyword(ref.kind)} ${w.name(ref.name.name)}`, { advice: doBlockAdvice(w.text, '42710') });
    }
    case 'CreateConversionStmt': {
      const ref: ObjectRef = { kind: 'conversion', name: qualifiedName(stringsOf(node.conversion_name)) };
      return creation(ref, node, '-', () => `CREATE CONVERSION ${w.name(ref.name)}`, { advice: doBlockAdvice(w.text, '42710') });
    }
    case 'CreateOpClassStmt':
    case 'CreateOpFamilyStmt': {
      const family = kind === 'CreateOpFamilyStmt';
      const name = qualifiedName(stringsOf(family ? node.opfamilyname : node.opclassname));
      const ref: ObjectRef = { kind: family ? 'operator family' : 'operator class', name, on: { name: String(node.amname) } };
      return creation(ref, node, '-', () => `CREATE ${keyword(ref.kind)} ${shown(ref, w)}`, { advice: doBlockAdvice(w.text, '42710') });
    }
    case 'CreateUserMappingStmt': {
      const ref: ObjectRef = { kind: 'user mapping', name: { name: userMappingName(node) } };
      return creation(ref, node, 'if_not_exists', () => `CREATE USER MAPPING ${shown(ref, w)}`, { edit: ifNotExists });
    }
    case 'RuleStmt': {
      const table = rangeVarName(node.relation);
      const ref: ObjectRef = { kind: 'rule', name: { name: String(node.rulename) }, on: table };
      const owner: Relation = { kind: 'table', name: table };
      const what = () => `CREATE RULE ${w.name(ref.name.name)}`;
      return needing(dependingOn(creation(ref, node, 'replace', what, { edit: orReplace }, owner), () => [ownedUse(table)]), what(), [owner], w);
    }
    case 'CreatePLangStmt': {
      const ref: ObjectRef = { kind: 'language', name: { name: String(node.plname) } };
      return creation(ref, node, 'replace', () => `CREATE LANGUAGE ${w.name(ref.name.name)}`, { edit: orReplace });
    }
    case 'CreateTransformStmt': {
      const ref: ObjectRef = { kind: 'transform', name: { name: transformName(node.type_name, node.lang) } };
      return creation(ref, node, 'replace', () => `CREATE TRANSFORM ${shown(ref, w)}`, { edit: orReplace });
    }
    case 'SelectStmt': {
      const into = node.intoClause as AstNode | undefined;
      const reads = () => tablesRead(node, ['intoClause']);
      // In a DO block a SELECT runs as PERFORM, and SELECT ... INTO fills variables.
      if (!into) return needing(none(), 'SELECT', [], w, /^select\b/i.test(w.text) ? { reads, inBlock: w.text.replace(/^\w+/, 'PERFORM') } : { reads, noBlock: 'PERFORM it in a DO block.' });
      const ref: ObjectRef = { kind: 'table', name: rangeVarName(into.rel) };
      const advice = `Write it as CREATE TABLE IF NOT EXISTS ${w.name(ref.name)} AS SELECT ..., which skips the table once it exists.`;
      const what = () => `SELECT ... INTO ${w.name(ref.name)}`;
      return needing(creation(ref, node, '-', what, { advice }), what(), [], w, { reads, noBlock: 'write it as CREATE TABLE ... AS SELECT in a DO block, where SELECT ... INTO fills variables.' });
    }
    case 'AlterTableStmt':
      return alterTable(node, w);
    case 'AlterDomainStmt':
      return alterDomain(node, w);
    case 'RenameStmt':
      return rename(node, w);
    case 'AlterObjectSchemaStmt':
      return setSchema(node, w);
    case 'AlterEnumStmt': {
      if (typeof node.newVal !== 'string') return none();
      const type = qualifiedName(stringsOf(node.typeName));
      if (typeof node.oldVal === 'string') return renameValue(type, node.oldVal, node.newVal, w);
      if (node.skipIfNewValExists) return none();
      const problem: Problem = {
        what: `ALTER TYPE ${w.name(type)} ADD VALUE ${literal(node.newVal)}`,
        outcome: 'exists',
        object: { kind: 'enum value', name: { name: node.newVal }, on: type },
        sqlstate: '42710',
        changes: { kind: 'type', name: type },
        edit: { kind: 'insert', words: 'IF NOT EXISTS', flag: flagged('skipIfNewValExists') },
      };
      return { creates: [], drops: [], problems: [problem] };
    }
    case 'AlterPublicationStmt':
      return alterPublication(node, w);
    case 'DropStmt':
      return drop(node, w);
    case 'DropRoleStmt':
      return dropRole(node, text, w);
    case 'DropUserMappingStmt': {
      const ref: ObjectRef = { kind: 'user mapping', name: { name: userMappingName(node) } };
      if (node.missing_ok) return { creates: [], drops: [ref], problems: [] };
      const problem: Problem = { what: `DROP USER MAPPING ${shown(ref, w)}`, outcome: 'missing', object: ref, sqlstate: '42704', edit: ifExists, dropping: true };
      return { creates: [], drops: [ref], problems: [problem] };
    }
    case 'InsertStmt':
      return writing(insert(node, w), 'INSERT INTO', node, w);
    case 'UpdateStmt':
      return writing(update(node, w), 'UPDATE', node, w);
    case 'DeleteStmt': {
      // Only a DELETE without WHERE or USING empties the table: one with them leaves rows an INSERT may meet again, unless it picks those rows.
      const table = rangeVarName(node.relation);
      const using = asArray(node.usingClause).length > 0;
      const picks = using || !node.whereClause ? undefined : picked(table, node.whereClause);
      const out: Analysis = using || node.whereClause ? { ...none(), ...(picks && { picks }) } : { ...none(), clears: table };
      return writing(out, 'DELETE FROM', node, w);
    }
    case 'TruncateStmt':
    case 'LockStmt': {
      const tables = tablesIn(node.relations);
      const verb = kind === 'TruncateStmt' ? 'TRUNCATE' : 'LOCK TABLE';
      const out = kind === 'TruncateStmt' && tables[0] ? { ...none(), clears: tables[0].name } : none();
      return needing(out, `${verb} ${tables.map((t) => w.name(t.name)).join(', ')}`, tables, w);
    }
    case 'GrantStmt': {
      if (node.targtype !== 'ACL_TARGET_OBJECT' || node.objtype !== 'OBJECT_TABLE') return none();
      const tables = tablesIn(node.objects);
      return needing(none(), `${node.is_grant ? 'GRANT' : 'REVOKE'} ... ON ${tables.map((t) => w.name(t.name)).join(', ')}`, tables, w);
    }
    case 'CommentStmt':
      return comment(node, w);
    default:
      return none();
  }
}

/** Whether the `i`th command of a re-parsed ALTER carries its IF [NOT] EXISTS. */
const cmdMissingOk = (i: number) => (n: AstNode) => nodeOf(asArray(n.cmds)[i], 'AlterTableCmd')?.missing_ok === true;

/** ALTER TYPE ... ADD ATTRIBUTE has no IF NOT EXISTS; DROP ATTRIBUTE has IF EXISTS. */
function alterType(node: AstNode, w: Spelling): Analysis {
  const type = rangeVarName(node.relation);
  const changes: ObjectRef = { kind: 'type', name: type };
  const out: Analysis = { creates: [], drops: [], problems: [] };
  asArray(node.cmds).forEach((c, i) => {
    const cmd = nodeOf(c, 'AlterTableCmd');
    if (cmd?.subtype === 'AT_AddColumn') {
      const ref: ObjectRef = { kind: 'column', name: { name: String(nodeOf(cmd.def, 'ColumnDef')?.colname ?? '') }, on: type };
      out.creates.push({ ref, guarded: false });
      const advice = doBlockAdvice(w.text, '42701');
      out.problems.push({ what: `ADD ATTRIBUTE ${w.name(ref.name.name)}`, outcome: 'exists', object: ref, sqlstate: '42701', changes, advice });
    } else if (cmd?.subtype === 'AT_DropColumn') {
      const ref: ObjectRef = { kind: 'column', name: { name: String(cmd.name) }, on: type };
      out.drops.push(ref);
      if (cmd.missing_ok) return;
      const edit: Edit = { kind: 'insert', words: 'IF EXISTS', flag: cmdMissingOk(i) };
      out.problems.push({ what: `DROP ATTRIBUTE ${w.name(ref.name.name)}`, outcome: 'missing', object: ref, sqlstate: '42703', changes, edit, dropping: true });
    }
  });
  return out;
}

/** ALTER DOMAIN ... ADD CONSTRAINT has no IF NOT EXISTS (PostgreSQL names an unnamed one anew each time); DROP CONSTRAINT has IF EXISTS. */
function alterDomain(node: AstNode, w: Spelling): Analysis {
  const domain = qualifiedName(stringsOf(node.typeName));
  const changes: ObjectRef = { kind: 'type', name: domain };
  if (node.subtype === 'C') {
    const conname = nodeOf(node.def, 'Constraint')?.conname;
    if (typeof conname !== 'string') {
      const advice = 'Name the constraint, and add it in a block that ignores it already existing.';
      return { ...none(), problems: [{ what: `ALTER DOMAIN ${w.name(domain)} ADD CONSTRAINT without a name`, outcome: 'twice', object: null, sqlstate: null, changes, advice }] };
    }
    const ref: ObjectRef = { kind: 'constraint', name: { name: conname }, on: domain };
    const problem: Problem = { what: `ADD CONSTRAINT ${w.name(conname)}`, outcome: 'exists', object: ref, sqlstate: '42710', changes, advice: doBlockAdvice(w.text, '42710') };
    return { creates: [{ ref, guarded: false }], drops: [], problems: [problem] };
  }
  if (node.subtype !== 'X') return none();
  const ref: ObjectRef = { kind: 'constraint', name: { name: String(node.name) }, on: domain };
  const what = `DROP CONSTRAINT ${w.name(ref.name.name)}`;
  if (node.missing_ok) return { ...none(), drops: [ref] };
  const edit: Edit = { kind: 'insert', words: 'IF EXISTS', flag: flagged('missing_ok') };
  return { creates: [], drops: [ref], problems: [{ what, outcome: 'missing', object: ref, sqlstate: '42704', changes, edit, dropping: true }] };
}

/** Whether `child` inherits from (or is a partition of) `parent`, as a catalog condition. */
const inherits = (child: QualifiedName, parent: QualifiedName, w: Spelling) =>
  `EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass(${literal(w.name(child))}) AND inhparent = to_regclass(${literal(w.name(parent))}))`;

/**
 * ATTACH/DETACH PARTITION, INHERIT/NO INHERIT and ADD IDENTITY: no IF [NOT] EXISTS in the grammar,
 * so the advice checks the catalog first. `single` is this command as a statement of its own, where it can be written.
 */
function linkCommand(table: QualifiedName, cmd: AstNode, single: () => string | null, changes: ObjectRef, w: Spelling): Problem | null {
  const name = w.name(table);
  const run = (clause: string) => single() ?? `ALTER TABLE ${name} ${clause}`;
  switch (cmd.subtype) {
    case 'AT_AttachPartition':
    case 'AT_DetachPartition': {
      const partitionCmd = nodeOf(cmd.def, 'PartitionCmd') ?? {};
      const partition = rangeVarName(partitionCmd.name);
      const object: ObjectRef = { kind: 'partition', name: partition, on: table };
      if (cmd.subtype === 'AT_AttachPartition') {
        const advice = onlyIf('Attach it only while it is not attached', `NOT ${inherits(partition, table, w)}`, run(`ATTACH PARTITION ${w.name(partition)} FOR VALUES ...`));
        return { what: `ATTACH PARTITION ${w.name(partition)}`, outcome: 'exists', object, sqlstate: '42809', changes, advice };
      }
      // CONCURRENTLY cannot run inside a DO block (a transaction), so that form gets the check in words.
      const advice = partitionCmd.concurrent
        ? `Run it only while ${w.name(partition)} is still a partition of ${name} (pg_inherits); DETACH ... CONCURRENTLY cannot run inside a DO block.`
        : onlyIf('Detach it only while it is attached', inherits(partition, table, w), run(`DETACH PARTITION ${w.name(partition)}`));
      return { what: `DETACH PARTITION ${w.name(partition)}`, outcome: 'missing', object, sqlstate: '42P01', changes, advice };
    }
    case 'AT_AddInherit':
    case 'AT_DropInherit': {
      const parent = rangeVarName(nodeOf(cmd.def, 'RangeVar'));
      const object: ObjectRef = { kind: 'parent', name: parent, on: table };
      if (cmd.subtype === 'AT_AddInherit') {
        const advice = onlyIf('Inherit only while it does not yet', `NOT ${inherits(table, parent, w)}`, run(`INHERIT ${w.name(parent)}`));
        return { what: `INHERIT ${w.name(parent)}`, outcome: 'exists', object, sqlstate: '42P07', changes, advice };
      }
      const advice = onlyIf('Remove the parent only while it is one', inherits(table, parent, w), run(`NO INHERIT ${w.name(parent)}`));
      return { what: `NO INHERIT ${w.name(parent)}`, outcome: 'missing', object, sqlstate: '42P01', changes, advice };
    }
    case 'AT_AddIdentity': {
      const column = String(cmd.name);
      const object: ObjectRef = { kind: 'identity', name: { name: column }, on: table };
      const condition = `NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(${literal(name)}) AND attname = ${literal(w.raw(column))} AND attidentity <> '')`;
      const advice = onlyIf('Add it only while the column is not an identity yet', condition, run(`ALTER COLUMN ${w.name(column)} ADD GENERATED ... AS IDENTITY`));
      return { what: `ALTER COLUMN ${w.name(column)} ADD ... AS IDENTITY`, outcome: 'exists', object, sqlstate: '55000', changes, advice };
    }
    default:
      return null;
  }
}

function alterTable(node: AstNode, w: Spelling): Analysis {
  if (node.objtype === 'OBJECT_TYPE') return alterType(node, w);
  if (node.objtype !== 'OBJECT_TABLE' && node.objtype !== 'OBJECT_FOREIGN_TABLE') return none();
  const table = rangeVarName(node.relation);
  const changes: ObjectRef = { kind: 'table', name: table };
  const cmds = asArray(node.cmds);
  const relation: Relation = { kind: node.objtype === 'OBJECT_TABLE' ? 'table' : 'foreign table', name: table };
  const missing: Problem | null = node.missing_ok
    ? null
    : { what: `ALTER ${keyword(relation.kind)} ${w.name(table)}`, outcome: 'missing', object: relation, sqlstate: '42P01', edit: ifExists };
  const out: Analysis = { creates: [], drops: [], needs: { tables: [relation], missing: missing && (() => missing) }, problems: [] };
  let cut: { statements: string[] | null } | undefined;
  const commands = () => (cut ??= { statements: commandStatements(node, w) }).statements;
  cmds.forEach((c, i) => {
    const cmd = nodeOf(c, 'AlterTableCmd');
    if (!cmd) return;
    const cmdFlag = cmdMissingOk(i);
    const single = () => (cmds.length === 1 ? w.text : (commands()?.[i] ?? null));
    const problems = out.problems.length;
    // Each command's problem, in a statement of several, with that command as a statement of its own.
    const split = (guard?: Extract<Edit, { kind: 'insert' }>) => {
      if (cmds.length > 1) for (const p of out.problems.slice(problems)) p.split = { index: i, commands, ...(guard && { guard: { ...guard, flag: cmdMissingOk(0) } }) };
    };
    switch (cmd.subtype) {
      case 'AT_AddColumn': {
        const def = nodeOf(cmd.def, 'ColumnDef');
        const column = String(def?.colname ?? '');
        const ref: ObjectRef = { kind: 'column', name: { name: column }, on: table };
        out.creates.push({ ref, guarded: cmd.missing_ok === true, uses: () => columnUses(table, def, false) });
        if (cmd.missing_ok) return;
        const location = typeof def?.location === 'number' ? def.location : undefined;
        const edit: Edit = { kind: 'insert', words: 'IF NOT EXISTS', flag: cmdFlag, column: location };
        const dropFirst = (cascade: boolean): Edit => ({
          kind: 'drop-first',
          drop: `ALTER TABLE ${w.name(table)} DROP COLUMN IF EXISTS ${w.name(column)}${cascade ? ' CASCADE' : ''};`,
          quoted: w.name(table) === formatName(table) && w.name(column) === quoteIdent(column),
        });
        out.problems.push({ what: `ADD COLUMN ${w.name(column)}`, outcome: 'exists', object: ref, sqlstate: '42701', changes, edit, dropFirst });
        split({ kind: 'insert', words: 'IF NOT EXISTS', flag: cmdFlag });
        return;
      }
      case 'AT_DropColumn':
      case 'AT_DropConstraint': {
        const column = cmd.subtype === 'AT_DropColumn';
        const ref: ObjectRef = { kind: column ? 'column' : 'constraint', name: { name: String(cmd.name) }, on: table };
        const what = `DROP ${column ? 'COLUMN' : 'CONSTRAINT'} ${w.name(ref.name.name)}`;
        out.drops.push(ref);
        (out.behaviors ??= []).push({ ref, what, cascade: cmd.behavior === 'DROP_CASCADE' });
        if (cmd.missing_ok) return;
        const edit = { kind: 'insert', words: 'IF EXISTS', flag: cmdFlag } as const;
        out.problems.push({ what, outcome: 'missing', object: ref, sqlstate: column ? '42703' : '42704', changes, edit, dropping: true });
        split(edit);
        return;
      }
      case 'AT_DropIdentity': {
        if (cmd.missing_ok) return;
        const column = String(cmd.name);
        const object: ObjectRef = { kind: 'identity', name: { name: column }, on: table };
        const edit = { kind: 'insert', words: 'IF EXISTS', flag: cmdFlag } as const;
        out.problems.push({ what: `ALTER COLUMN ${w.name(column)} DROP IDENTITY`, outcome: 'missing', object, sqlstate: '55000', changes, edit });
        split(edit);
        return;
      }
      case 'AT_ColumnDefault':
        // ALTER COLUMN ... DROP DEFAULT: what its default called no longer depends on it.
        if (!cmd.def) out.drops.push({ kind: 'default', name: { name: String(cmd.name) }, on: table });
        return;
      case 'AT_AddConstraint': {
        const con = nodeOf(cmd.def, 'Constraint') ?? {};
        const problem = addConstraint(table, con, single(), changes, w);
        out.problems.push(problem);
        split();
        if (problem.object) out.creates.push({ ref: problem.object, guarded: false, uses: () => constraintUses(table, con) });
        if (problem.usingIndex && problem.usingIndex.from.name.name !== problem.usingIndex.to.name.name) (out.adopts ??= []).push(problem.usingIndex);
        return;
      }
      default: {
        const problem = linkCommand(table, cmd, single, changes, w);
        if (problem) out.problems.push(problem);
        split();
      }
    }
  });
  return out;
}

/**
 * Each command of an ALTER TABLE of several as an ALTER TABLE of its own, cut at the commas between them (comments left out); null
 * where a cut does not re-parse as that command alone.
 */
function commandStatements(node: AstNode, w: Spelling): string[] | null {
  const cmds = asArray(node.cmds);
  const text = withoutComments(w.text).replace(/;\s*$/, '');
  const tokens = scanTokens(text);
  const commas: number[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
    else if (t.text === ',' && depth === 0) commas.push(t.start);
  }
  if (commas.length !== cmds.length - 1) return null;
  const relation = (node.relation ?? {}) as AstNode;
  const head = `ALTER ${node.objtype === 'OBJECT_FOREIGN_TABLE' ? 'FOREIGN ' : ''}TABLE ${node.missing_ok ? 'IF EXISTS ' : ''}${relation.inh === false ? 'ONLY ' : ''}${w.name(rangeVarName(relation))}`;
  const alone = (i: number, from: number, to: number) => {
    const statement = `${head} ${text.slice(from, to).trim()}`;
    const parsed = parseOne(statement);
    const own = parsed?.[0] === 'AlterTableStmt' ? asArray(parsed[1].cmds) : [];
    return own.length === 1 && sameTree(own[0], cmds[i]) ? statement : null;
  };
  // The first command starts at the token after the table's name: the first start from which it re-parses as itself.
  let first: string | null = null;
  for (const t of tokens) if (t.start < (commas[0] ?? text.length) && (first = alone(0, t.start, commas[0] ?? text.length))) break;
  const rest = commas.map((at, k) => alone(k + 1, at + 1, commas[k + 1] ?? text.length));
  return first !== null && rest.every((r) => r !== null) ? [first, ...(rest as string[])] : null;
}

const CONSTRAINT_WORDS: Record<string, string> = {
  CONSTR_PRIMARY: 'PRIMARY KEY',
  CONSTR_UNIQUE: 'UNIQUE',
  CONSTR_CHECK: 'CHECK',
  CONSTR_FOREIGN: 'FOREIGN KEY',
  CONSTR_EXCLUSION: 'EXCLUDE',
};

/** Advice to run `statement` only while pg_constraint has no constraint `name` on `table`. */
const whileNoConstraint = (table: QualifiedName, name: string, statement: string, w: Spelling) =>
  onlyIf(
    'Add it only when it is missing',
    `NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = ${literal(w.raw(name))} AND conrelid = ${literal(w.name(table))}::regclass)`,
    statement,
  );

/**
 * What a constraint depends on: the columns of its table it involves, which take it along when dropped, and for a foreign
 * key the table and columns it references, which PostgreSQL drops only under CASCADE while it is there.
 */
function constraintUses(table: QualifiedName, con: AstNode): Dependency[] {
  const excluded = asArray(con.exclusions).map((pair) => nodeOf(asArray(nodeOf(pair, 'List')?.items)[0], 'IndexElem'));
  const own = [...stringsOf(con.keys), ...stringsOf(con.including), ...stringsOf(con.fk_attrs), ...columnsRead(con.raw_expr)];
  const named = excluded.flatMap((e) => (typeof e?.name === 'string' ? [e.name] : []));
  // The columns of an exclusion's expressions and WHERE are its index's: PostgreSQL drops the constraint with them only under CASCADE.
  const read = [...excluded.flatMap((e) => [...columnsRead(e?.expr)]), ...columnsRead(con.where_clause)];
  return [...columnsOf(table, [...own, ...named], true), ...columnsOf(table, read), ...outsideUses(con)];
}

/** What a constraint or default depends on beyond its own table: the functions its expression calls, the table and columns a foreign key references. */
function outsideUses(con: AstNode): Dependency[] {
  const calls = callsIn(con.raw_expr);
  if (!con.pktable) return calls;
  const referenced = rangeVarName(con.pktable);
  return [...calls, { ref: { kind: 'table', name: referenced } }, ...columnsOf(referenced, stringsOf(con.pk_attrs))];
}

/** A CHECK's or foreign key's outside dependencies in a CREATE TABLE: CASCADE drops the constraint (on `column`, written in its definition), not the table. */
function constraintPart(table: QualifiedName, con: AstNode, column?: string): Dependency[] {
  if (con.contype !== 'CONSTR_CHECK' && con.contype !== 'CONSTR_FOREIGN') return [];
  const via: ObjectRef = { kind: 'constraint', name: { name: constraintName(table, con, column) }, on: table };
  return outsideUses(con).map((use) => ({ ...use, via }));
}

/**
 * What a column definition depends on: its type, what its default calls and its constraints call or reference. In a
 * CREATE TABLE (`inTable`) the type is the column's: DROP TYPE ... CASCADE takes the column, not the table.
 */
function columnUses(table: QualifiedName, def: AstNode | null, inTable: boolean): Dependency[] {
  const column: ObjectRef = { kind: 'column', name: { name: String(def?.colname ?? '') }, on: table };
  const parts = asArray(def?.constraints).flatMap((c) => {
    const con = nodeOf(c, 'Constraint');
    if (con?.contype !== 'CONSTR_DEFAULT') return con ? constraintPart(table, con, column.name.name) : [];
    const via: ObjectRef = { ...column, kind: 'default' };
    return outsideUses(con).map((use) => ({ ...use, via }));
  });
  const type = typeUse(def?.typeName);
  return [inTable ? { ...type, via: column } : type, ...parts];
}

/** `single` is the statement when it holds this command alone: the advice then wraps it whole, ready to paste. */
function addConstraint(table: QualifiedName, con: AstNode, single: string | null, changes: ObjectRef, w: Spelling): Problem {
  const words = CONSTRAINT_WORDS[String(con.contype)] ?? 'constraint';
  if (typeof con.indexname === 'string') return usingIndex(table, con, con.indexname, words, single, changes, w);
  const primary = con.contype === 'CONSTR_PRIMARY';
  // PostgreSQL names an unnamed primary key <table>_pkey; other unnamed constraints get a new name each run.
  const name = typeof con.conname === 'string' ? con.conname : primary ? `${table.name}_pkey` : null;
  const sqlstate = primary ? '42P16' : con.contype === 'CONSTR_UNIQUE' || con.contype === 'CONSTR_EXCLUSION' ? '42P07' : '42710';
  if (name === null) {
    return {
      what: `ADD ${words} without a constraint name`,
      outcome: 'twice',
      object: null,
      sqlstate: null,
      changes,
      advice: `Name it (ADD CONSTRAINT <name> ${words} ...) and add it only when pg_constraint has no constraint of that name on ${w.name(table)}.`,
    };
  }
  const advice = whileNoConstraint(table, name, single ?? `ALTER TABLE ${w.name(table)} ADD CONSTRAINT ${w.name(name)} ${words} ...`, w);
  const label = typeof con.conname === 'string' ? `ADD CONSTRAINT ${w.name(name)}` : `ADD ${words} (named ${w.name(name)})`;
  return { what: label, outcome: 'exists', object: { kind: 'constraint', name: { name }, on: table }, sqlstate, changes, advice };
}

/** ADD [CONSTRAINT c] ... USING INDEX i: unnamed, the constraint is named i; named c, PostgreSQL renames i to c (see `indexGone`). */
function usingIndex(table: QualifiedName, con: AstNode, index: string, words: string, single: string | null, changes: ObjectRef, w: Spelling): Problem {
  const named = typeof con.conname === 'string';
  const name = named ? String(con.conname) : index;
  const clause = `${named ? `CONSTRAINT ${w.name(name)} ` : ''}${words} USING INDEX ${w.name(index)}`;
  const problem: Problem = {
    what: named ? `ADD CONSTRAINT ${w.name(name)}` : `ADD ${clause}`,
    outcome: 'exists',
    object: { kind: 'constraint', name: { name }, on: table },
    sqlstate: '55000',
    changes,
    reason: `the index ${w.name(index)} is already associated with a constraint`,
    advice: whileNoConstraint(table, name, single ?? `ALTER TABLE ${w.name(table)} ADD ${clause}`, w),
    usingIndex: adoption(table, index, name),
  };
  if (!named) return { ...problem, advice: `Without a constraint name the constraint takes the index's name, ${w.name(index)}. ${problem.advice}` };
  if (name === index) return problem;
  const reason = `the index ${w.name(name)} already exists: the first run renamed ${w.name(index)} to it, and the new ${w.name(index)} cannot take its name`;
  return { ...problem, sqlstate: '42P07', reason };
}

/** ADD [CONSTRAINT c] ... USING INDEX i: the index i, and its name once it is the constraint's (c, or i when unnamed). */
function adoption(table: QualifiedName, from: string, to: string): Adoption {
  // An index lives in its table's schema.
  const index = (name: string): ObjectRef => ({ kind: 'index', name: { schema: table.schema, name } });
  return { from: index(from), to: index(to), table };
}

/** How the index an ADD ... USING INDEX takes is gone when the second run reaches it. */
export type IndexLoss = 'renamed' | 'dropped with its constraint' | 'gone';

/**
 * ADD ... USING INDEX i with no CREATE of i again before it: the second run finds no index i (42704).
 * With `remake` the constraint is gone too, so a guard on pg_constraint would run the ADD: make the index again instead.
 */
export function indexGone(p: Problem, a: Adoption, loss: IndexLoss, remake: boolean, w: Spelling): Problem {
  const index = w.name(a.from.name.name);
  const constraint = w.name(a.to.name.name);
  const reasons: Record<IndexLoss, string | undefined> = {
    renamed: `the first run renamed the index ${index} to ${constraint}, so there is no index ${index} to use`,
    'dropped with its constraint': `the index ${index} became part of the constraint ${index}, and dropping the constraint dropped the index too, so there is no index ${index} to use`,
    gone: undefined,
  };
  const gone: Problem = { ...p, outcome: 'missing', object: a.from, sqlstate: '42704', reason: reasons[loss] };
  if (!remake) return gone;
  const advice = `Make the index again right before this statement, CREATE UNIQUE INDEX IF NOT EXISTS ${index} ON ${w.name(a.table)} (...): dropping the constraint ${constraint} takes its index with it.`;
  return { ...gone, advice, passesIf: true };
}

/** The CREATE of an index a later ADD CONSTRAINT ... USING INDEX renames: a second run finds no index of its name and builds another. */
export function adoptedIndex(a: Adoption, w: Spelling): Problem {
  const index = w.name(a.from.name.name);
  const constraint = w.name(a.to.name.name);
  return {
    what: `CREATE UNIQUE INDEX ${index}`,
    outcome: 'twice',
    object: a.from,
    sqlstate: null,
    owner: { kind: 'table', name: a.table },
    reason: `ADD CONSTRAINT ${constraint} renamed the index to ${constraint}, so the second run finds no index ${index} and builds a duplicate index`,
    advice:
      `Name the index ${constraint}, like the constraint: CREATE UNIQUE INDEX IF NOT EXISTS ${constraint} then finds it on a second run. ` +
      'Or create the index inside the same guard as the ADD CONSTRAINT (its DO block, or its IF NOT EXISTS check on pg_constraint).',
  };
}

/**
 * A DROP of `object`, which a later RENAME (`rename`, `line` on one line) makes of `from` while nothing brings `from` back:
 * the second run drops what the first run's rename put there and finds nothing to rename. Null where to_regclass() cannot guard it.
 */
export function dropsRenamed(object: ObjectRef, from: ObjectRef, rename: { text: string; line: string }, w: Spelling): Problem | null {
  if (!isRelation(object)) return null;
  const name = w.name(object.name);
  const old = w.name(from.name);
  return {
    what: `DROP ${keyword(object.kind)} ${name}`,
    outcome: 'twice',
    object,
    sqlstate: null,
    reason: `it drops the ${object.kind} ${name} that the first run's \`${rename.line}\` made of ${old}, with everything in it, and the rename then finds no ${old}`,
    advice: onlyIf(`Drop and rename only while ${old} is there`, `to_regclass(${literal(old)}) IS NOT NULL`, `${w.text};\n${rename.text}`),
  };
}

/** An object with its kind and, for one named per table, its table: `the trigger t_f on t`, `the column m of t`. */
export const described = (x: ObjectRef, w: Spelling) =>
  x.kind === 'default'
    ? `the default of the column ${w.name(x.name)} of ${w.name(x.on!)}`
    : `the ${x.kind} ${w.name(x.name)}${x.on ? ` ${x.kind === 'column' ? 'of' : 'on'} ${w.name(x.on)}` : ''}`;

/** A DROP without CASCADE that a second run makes while `dependents`, created further down on the first run, depend on its object. */
export function dependedOn(drop: DropBehavior, dependents: ObjectRef[], w: Spelling): Problem {
  // A DROP SCHEMA may have a long list: three name the case.
  const names = dependents.slice(0, 3).map((x) => described(x, w));
  const more = dependents.length - names.length;
  const list = more ? `${names.join(', ')} and ${more} more` : names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]!;
  return {
    what: drop.what,
    outcome: 'exists',
    object: null,
    sqlstate: '2BP01',
    reason: `${list}, which the first run created further down, ${dependents.length > 1 ? 'depend' : 'depends'} on it`,
    advice: `Drop ${list} before it, or add CASCADE, which drops ${dependents.length > 1 ? 'them' : 'it'} too, and every other object that depends on it.`,
  };
}

/** The relation kinds that share one name space (pg_class), and the relkinds each is. */
export const CLASS_KINDS: Partial<Record<ObjectKind, string>> = {
  table: "relkind IN ('r', 'p')",
  view: "relkind = 'v'",
  'materialized view': "relkind = 'm'",
  'foreign table': "relkind = 'f'",
  index: "relkind IN ('i', 'I')",
  sequence: "relkind = 'S'",
};

const article = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

/** A function's signature as DROP FUNCTION writes it, from its key (see `argTypes`). */
const withSignature = (ref: ObjectRef, w: Spelling) => `${w.name(ref.name)}(${(ref.signature ?? '').split(',').filter((t) => t).join(', ')})`;

/**
 * A DROP whose name the second run finds held by another kind of object (`holder`): a table where it drops a view, a function where
 * it drops a procedure; IF EXISTS does not skip it (42809). `made` says which statement made the holder. The fix drops only that kind.
 */
export function wrongKind(drop: DropBehavior, holder: ObjectRef, made: string, single: boolean, w: Spelling): Problem {
  const routine = drop.ref.kind === 'function';
  const [theirs, ours] = routine ? [holder.routine!, drop.ref.routine!] : [holder.kind, drop.ref.kind];
  const name = w.name(drop.ref.name);
  const condition = routine
    ? `EXISTS (SELECT 1 FROM pg_proc WHERE oid = ${drop.ref.signature === undefined ? `to_regproc(${literal(name)})` : `to_regprocedure(${literal(withSignature(drop.ref, w))})`} AND prokind = '${ours === 'procedure' ? 'p' : 'f'}')`
    : `EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass(${literal(name)}) AND ${CLASS_KINDS[ours as ObjectKind]})`;
  const statement = single ? w.text : `DROP ${drop.word} IF EXISTS ${routine && drop.ref.signature !== undefined ? withSignature(drop.ref, w) : name}`;
  return {
    what: drop.what,
    outcome: 'exists',
    object: null,
    sqlstate: '42809',
    reason: `${name} is ${article(theirs)}, not ${article(ours)}: ${made}, and IF EXISTS skips only a name nothing holds`,
    advice: onlyIf(`Drop it only while it is ${article(ours)}`, condition, statement),
  };
}

/** A DROP FUNCTION without argument types where the second run finds `overloads` of the name, which the file makes (42725). */
export function ambiguousDrop(drop: DropBehavior, overloads: ObjectRef[], w: Spelling): Problem {
  const drops = overloads.map((o) => `DROP ${drop.word} IF EXISTS ${o.signature === undefined ? `${w.name(o.name)}(<argument types>)` : withSignature(o, w)}${drop.cascade ? ' CASCADE' : ''};`);
  return {
    what: drop.what,
    outcome: 'exists',
    object: null,
    sqlstate: '42725',
    reason: `the function name ${w.name(drop.ref.name)} is not unique: the first run made ${overloads.length} functions of that name, and a DROP without argument types takes only a name that has one`,
    advice: `Name each signature: \`${drops.join(' ')}\``,
  };
}

/** Relations whose ALTER ... RENAME and SET SCHEMA take IF EXISTS; a second run misses them with 42P01. */
const RELATION_KINDS: Record<string, Relation['kind']> = {
  OBJECT_TABLE: 'table',
  OBJECT_INDEX: 'index',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_FOREIGN_TABLE: 'foreign table',
};

/** Other objects whose rename or move has no IF EXISTS: the SQLSTATE a second run raises, to catch in a DO block. */
const OTHER_KINDS: Record<string, { kind: ObjectKind; sqlstate: string }> = {
  OBJECT_TYPE: { kind: 'type', sqlstate: '42704' },
  OBJECT_DOMAIN: { kind: 'type', sqlstate: '42704' },
  OBJECT_SCHEMA: { kind: 'schema', sqlstate: '3F000' },
  OBJECT_FUNCTION: { kind: 'function', sqlstate: '42883' },
  OBJECT_PROCEDURE: { kind: 'function', sqlstate: '42883' },
  OBJECT_ROUTINE: { kind: 'function', sqlstate: '42883' },
  OBJECT_TRIGGER: { kind: 'trigger', sqlstate: '42704' },
  OBJECT_POLICY: { kind: 'policy', sqlstate: '42704' },
  OBJECT_ROLE: { kind: 'role', sqlstate: '42704' },
};

/** The name of the object an ALTER ... RENAME or SET SCHEMA acts on, for the kinds in OTHER_KINDS. */
function otherName(node: AstNode, kind: ObjectKind): Omit<ObjectRef, 'kind'> {
  if (kind === 'schema' || kind === 'role') return { name: { name: String(node.subname) } };
  if (kind === 'trigger' || kind === 'policy') return { name: { name: String(node.subname) }, on: rangeVarName(node.relation) };
  const object = nodeOf(node.object, 'ObjectWithArgs');
  if (object) {
    const { name, signature } = routineRef(object);
    return signature === undefined ? { name } : { name, signature };
  }
  return { name: qualifiedName(stringsOf(nodeOf(node.object, 'List')?.items ?? node.object)) };
}

function rename(node: AstNode, w: Spelling): Analysis {
  const newName = String(node.newname);
  const relation = RELATION_KINDS[String(node.renameType)];
  if (relation) {
    const name = rangeVarName(node.relation);
    const object: ObjectRef = { kind: relation, name };
    const renamedTo: ObjectRef = { kind: relation, name: { ...name, name: newName } };
    const renames = [{ from: object, to: renamedTo }];
    const what = `RENAME ${keyword(relation)} ${w.name(name)} TO ${w.name(newName)}`;
    const problem: Problem = { what, outcome: 'missing', object, sqlstate: '42P01', changes: object, renamedTo };
    return { creates: [], drops: [], renames, problems: [node.missing_ok ? { ...problem, skipsMissing: true } : { ...problem, edit: ifExists }] };
  }
  const other = OTHER_KINDS[String(node.renameType)];
  if (other) {
    const word = String(node.renameType).replace('OBJECT_', '');
    const object: ObjectRef = { kind: other.kind, ...otherName(node, other.kind) };
    const renamedTo: ObjectRef = { ...object, name: { ...object.name, name: newName } };
    const what = `RENAME ${word} ${shown(object, w)} TO ${w.name(newName)}`;
    const advice = doBlockAdvice(w.text, other.sqlstate, 'the old name being gone already');
    const problem: Problem = { what, outcome: 'missing', object, sqlstate: other.sqlstate, changes: object, advice, renamedTo };
    return { creates: [], drops: [], renames: [{ from: object, to: renamedTo }], problems: [problem] };
  }
  if (node.renameType !== 'OBJECT_COLUMN' && node.renameType !== 'OBJECT_TABCONSTRAINT') return none();
  const table = rangeVarName(node.relation);
  const column = node.renameType === 'OBJECT_COLUMN';
  const old = w.name(String(node.subname));
  const object: ObjectRef = { kind: column ? 'column' : 'constraint', name: { name: String(node.subname) }, on: table };
  const catalog = column
    ? // By the table's oid: a table of the same name in another schema (Supabase's auth.users) must not answer for it.
      `pg_attribute WHERE attrelid = to_regclass(${literal(w.name(table))}) AND attname = ${literal(w.raw(String(node.subname)))} AND NOT attisdropped`
    : `pg_constraint WHERE conrelid = ${literal(w.name(table))}::regclass AND conname = ${literal(w.raw(String(node.subname)))}`;
  const statement = `ALTER TABLE ${w.name(table)} RENAME ${column ? 'COLUMN' : 'CONSTRAINT'} ${old} TO ${w.name(newName)}`;
  const advice = onlyIf('Rename only while the old name is there', `EXISTS (SELECT 1 FROM ${catalog})`, statement);
  const what = `RENAME ${column ? 'COLUMN' : 'CONSTRAINT'} ${old} TO ${w.name(newName)}`;
  const renamedTo: ObjectRef = { ...object, name: { name: newName } };
  const changes: ObjectRef = { kind: 'table', name: table };
  const problem: Problem = { what, outcome: 'missing', object, sqlstate: column ? '42703' : '42704', changes, advice, renamedTo };
  return { creates: [], drops: [], renames: [{ from: object, to: renamedTo }], problems: [problem] };
}

/** ALTER TYPE ... RENAME VALUE: a second run no longer finds the old label (22023). */
function renameValue(type: QualifiedName, oldVal: string, newVal: string, w: Spelling): Analysis {
  const condition = `EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = to_regtype(${literal(w.name(type))}) AND enumlabel = ${literal(oldVal)})`;
  const problem: Problem = {
    what: `ALTER TYPE ${w.name(type)} RENAME VALUE ${literal(oldVal)} TO ${literal(newVal)}`,
    outcome: 'missing',
    object: { kind: 'enum value', name: { name: oldVal }, on: type },
    sqlstate: '22023',
    changes: { kind: 'type', name: type },
    advice: onlyIf('Rename it only while the old label is there', condition, w.text),
    renamedTo: { kind: 'enum value', name: { name: newVal }, on: type },
  };
  return { creates: [], drops: [], renames: [{ from: problem.object!, to: problem.renamedTo! }], problems: [problem] };
}

/** ALTER ... SET SCHEMA: a second run looks for the object where it no longer is. */
function setSchema(node: AstNode, w: Spelling): Analysis {
  const schema = String(node.newschema);
  const relation = RELATION_KINDS[String(node.objectType)];
  if (relation) {
    const name = rangeVarName(node.relation);
    // Moved into public, an unqualified name still resolves on the second run and the move is a no-op.
    if (name.schema === undefined && schema === 'public') return none();
    const object: ObjectRef = { kind: relation, name };
    const what = `ALTER ${keyword(relation)} ${w.name(name)} SET SCHEMA ${w.name(schema)}`;
    const problem: Problem = { what, outcome: 'missing', object, sqlstate: '42P01', changes: object };
    return moved(node.missing_ok ? { ...problem, skipsMissing: true } : { ...problem, edit: ifExists }, schema);
  }
  const other = OTHER_KINDS[String(node.objectType)];
  if (!other || other.kind === 'schema' || other.kind === 'trigger' || other.kind === 'policy') return none();
  const object: ObjectRef = { kind: other.kind, ...otherName(node, other.kind) };
  if (object.name.schema === undefined && schema === 'public') return none();
  const what = `ALTER ${String(node.objectType).replace('OBJECT_', '')} ${shown(object, w)} SET SCHEMA ${w.name(schema)}`;
  const advice = doBlockAdvice(w.text, other.sqlstate, 'the object having moved already');
  return moved({ what, outcome: 'missing', object, sqlstate: other.sqlstate, changes: object, advice }, schema);
}

/**
 * A SET SCHEMA as a rename into `schema`, so a second run that finds the object back collides there. Unqualified under an
 * unknown search_path, the schema it leaves is unknown: no rename for the file's other statements to weigh, but the
 * collision where the file makes it again.
 */
function moved(problem: Problem, schema: string): Analysis {
  const from = problem.object!;
  const to: ObjectRef = { ...from, name: { schema, name: from.name.name } };
  const renames = from.name.schema === undefined && !searchPathKnown() ? [] : [{ from, to }];
  return { creates: [], drops: [], renames, problems: [{ ...problem, renamedTo: to }] };
}

/** The kind of routine DROP FUNCTION and DROP PROCEDURE name; DROP ROUTINE names either. */
const ROUTINES: Record<string, ObjectRef['routine']> = { OBJECT_FUNCTION: 'function', OBJECT_PROCEDURE: 'procedure' };

/** The objects a DROP names, in our ObjectRef form. */
function dropTargets(node: AstNode, kind: ObjectKind): ObjectRef[] {
  return asArray(node.objects).map((o): ObjectRef => {
    const u = unwrap(o);
    if (!u) return { kind, name: { name: '' } };
    const [k, f] = u;
    if (k === 'String') return { kind, name: { name: String(f.sval) } };
    if (k === 'TypeName') return { kind, name: qualifiedName(stringsOf(f.names)) };
    if (k === 'ObjectWithArgs') return kind === 'function' ? routineRef(f, ROUTINES[String(node.removeType)]) : { kind, name: qualifiedName(stringsOf(f.objname)) };
    const items = asArray(f.items);
    // Named as their CREATE names them, so that a file's CREATE and DROP of one object pair up.
    if (kind === 'cast') return { kind, name: { name: `${typeText(nodeOf(items[0], 'TypeName'))} AS ${typeText(nodeOf(items[1], 'TypeName'))}` } };
    if (kind === 'transform') return { kind, name: { name: transformName(nodeOf(items[0], 'TypeName'), stringOf(items[1])) } };
    const parts = stringsOf(items);
    if (kind === 'operator class' || kind === 'operator family') return { kind, name: qualifiedName(parts.slice(1)), on: { name: parts[0] ?? '' } };
    if (kind === 'trigger' || kind === 'policy' || kind === 'rule') {
      return { kind, name: { name: parts[parts.length - 1] ?? '' }, on: qualifiedName(parts.slice(0, -1)) };
    }
    return { kind, name: qualifiedName(parts) };
  });
}

function drop(node: AstNode, w: Spelling): Analysis {
  const kind = DROP_KINDS[String(node.removeType)];
  if (!kind) return none();
  const drops = dropTargets(node, kind);
  const word = DROP_WORDS[String(node.removeType)] ?? keyword(kind);
  const what = (ref: ObjectRef) => `DROP ${word} ${shown(ref, w)}`;
  const objects = asArray(node.objects);
  const behaviors = drops.map((ref, i): DropBehavior => {
    const behavior: DropBehavior = { ref, what: what(ref), cascade: node.behavior === 'DROP_CASCADE', word };
    // DROP FUNCTION f without parentheses names the one function f, whatever its arguments.
    const signature = nodeOf(objects[i], 'ObjectWithArgs');
    return signature && signature.args_unspecified !== true ? { ...behavior, args: asArray(signature.objargs).length } : behavior;
  });
  if (node.missing_ok) return { creates: [], drops, behaviors, problems: [] };
  const problems = drops.map(
    (ref): Problem => ({
      what: what(ref),
      outcome: 'missing',
      object: ref,
      sqlstate: missingState(kind),
      edit: ifExists,
      dropping: true,
    }),
  );
  return { creates: [], drops, behaviors, problems };
}

/** DROP ROLE, USER or GROUP (one parse node for all three, so the word comes from the text): a second run fails with 42704 without IF EXISTS. */
function dropRole(node: AstNode, text: string, w: Spelling): Analysis {
  const word = /^\s*drop\s+(role|user|group)\b/i.exec(withoutComments(text))?.[1]?.toUpperCase() ?? 'ROLE';
  const drops = asArray(node.roles).flatMap((r): ObjectRef[] => {
    const name = nodeOf(r, 'RoleSpec')?.rolename;
    return typeof name === 'string' ? [{ kind: 'role', name: { name } }] : [];
  });
  if (node.missing_ok) return { creates: [], drops, problems: [] };
  const problems = drops.map((ref): Problem => ({ what: `DROP ${word} ${w.name(ref.name.name)}`, outcome: 'missing', object: ref, sqlstate: '42704', edit: ifExists, dropping: true }));
  return { creates: [], drops, problems };
}

/** INSERT ... SELECT ... WHERE NOT EXISTS (...) (or NOT IN): the author only inserts what is missing. */
function insertsOnlyMissing(select: AstNode | null): boolean {
  const where = select?.whereClause;
  return someInTree(where, (node) => (node as AstNode).boolop === 'NOT_EXPR') && someInTree(where, (_, key) => key === 'SubLink');
}

/** An ON CONFLICT clause as keys judge it (null: none); undefined when they cannot: ON CONSTRAINT, or an expression or WHERE in its target. */
function conflictOf(clause: AstNode | undefined): Conflict | null | undefined {
  if (!clause) return null;
  const action = clause.action === 'ONCONFLICT_NOTHING' ? 'DO NOTHING' : 'DO UPDATE';
  const infer = clause.infer as AstNode | undefined;
  if (!infer) return { target: null, action };
  const target = asArray(infer.indexElems).map((e) => nodeOf(e, 'IndexElem')?.name);
  const columns = target.filter((c): c is string => typeof c === 'string');
  return infer.conname || infer.whereClause || !columns.length || columns.length < target.length ? undefined : { target: columns, action };
}

function insert(node: AstNode, w: Spelling): Analysis {
  const table = rangeVarName(node.relation);
  const conflict = conflictOf(node.onConflictClause as AstNode | undefined);
  if (conflict === undefined) return none();
  const select = nodeOf(node.selectStmt, 'SelectStmt');
  if (insertsOnlyMissing(select)) return none();
  const base = { what: `INSERT INTO ${w.name(table)}`, outcome: 'twice' as const, object: null, changes: { kind: 'table' as const, name: table } };
  const facts: Insert = { fills: insertFills(node), conflict };
  if (conflict) return { creates: [], drops: [], problems: [{ ...base, sqlstate: null, insert: facts }] };
  const problem: Problem = {
    ...base,
    sqlstate: '23505',
    edit: { kind: 'on-conflict' },
    insert: facts,
    advice: Array.isArray(select?.valuesLists)
      ? 'ON CONFLICT DO NOTHING skips rows whose primary key or unique key is already there (the table needs one).'
      : 'ON CONFLICT DO NOTHING needs a primary key or unique key on the table; without one, add WHERE NOT EXISTS (SELECT 1 FROM ... WHERE <key matches>) to the SELECT.',
  };
  return { creates: [], drops: [], problems: [problem] };
}

/** Operators whose result moves away from their operand on every run: x + 1, x * 100, -x, x || '_old'. */
const ACCUMULATING = new Set(['+', '-', '*', '/', '||']);

/** Whether `expr` computes `column` from itself by an operator that moves it again on each run. */
function accumulates(expr: unknown, column: string): boolean {
  const op = nodeOf(expr, 'A_Expr');
  if (!op || op.kind !== 'AEXPR_OP' || !ACCUMULATING.has(stringsOf(op.name).pop() ?? '')) return false;
  return columnsRead(op.lexpr).has(column) || columnsRead(op.rexpr).has(column);
}

/** `expr` without a cast to `type` around it, and whether it had one. */
function castTo(expr: unknown, type: string): { inner: unknown; cast: boolean } {
  const cast = nodeOf(expr, 'TypeCast');
  return cast && typeRef(cast.typeName).name === type && !typeRef(cast.typeName).array ? { inner: cast.arg, cast: true } : { inner: expr, cast: false };
}

const isColumn = (expr: unknown, column: string) => stringsOf(nodeOf(expr, 'ColumnRef')?.fields).pop() === column;

function stringConst(expr: unknown): string | undefined {
  const value = (nodeOf(expr, 'A_Const')?.sval as AstNode | undefined)?.sval;
  return typeof value === 'string' ? value : undefined;
}

/** A JSON object as a literal, or jsonb_build_object(...); `typed` when the statement itself says it is jsonb. */
function jsonObject(expr: unknown): { typed: boolean } | null {
  const { inner, cast } = castTo(expr, 'jsonb');
  const call = stringsOf(nodeOf(inner, 'FuncCall')?.funcname).pop();
  if (call === 'jsonb_build_object' || call === 'jsonb_object') return { typed: true };
  const text = stringConst(inner);
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? { typed: cast } : null;
  } catch {
    return null;
  }
}

/** Keys as `jsonb - <keys>` takes them: a string, a text[] (ARRAY['a'] or '{a}'::text[]); `typed` when only jsonb has that operator. */
function jsonKeys(expr: unknown): { typed: boolean } | null {
  const cast = nodeOf(expr, 'TypeCast');
  if (cast) {
    const type = typeRef(cast.typeName);
    return (type.name === 'text' || type.name === 'varchar') && stringConst(cast.arg) !== undefined ? { typed: true } : null;
  }
  const array = nodeOf(expr, 'A_ArrayExpr');
  if (array) return asArray(array.elements).every((e) => stringConst(e) !== undefined) ? { typed: true } : null;
  // A bare literal takes its operand's type: `n - '1'` on an integer counts down.
  return stringConst(expr) !== undefined ? { typed: false } : null;
}

/**
 * Whether `expr` sets `column` to the same value again on a second run, being jsonb: an object merged in
 * (`props || '{"k": 1}'::jsonb`, either side) or keys taken out (`props - 'legacy'`). jsonb by `declared`,
 * the column's type as the migrations declare it, where they tell; else by the statement's own casts and calls.
 * An array in the column would take the object as one more element: a merge of an object says it holds objects.
 */
function jsonbNoOp(expr: unknown, column: string, declared: TypeRef | undefined): boolean {
  const op = nodeOf(expr, 'A_Expr')!;
  const left = castTo(op.lexpr, 'jsonb');
  const right = castTo(op.rexpr, 'jsonb');
  const symbol = stringsOf(op.name).pop();
  let form: { typed: boolean } | null = null;
  if (symbol === '||' && isColumn(left.inner, column)) form = jsonObject(op.rexpr);
  else if (symbol === '||' && isColumn(right.inner, column)) form = jsonObject(op.lexpr);
  else if (symbol === '-' && isColumn(left.inner, column)) form = jsonKeys(op.rexpr);
  if (!form) return false;
  return declared === undefined ? form.typed || left.cast || right.cast : declared.name === 'jsonb' && !declared.array;
}

/** The UPDATE problem for the first of `targets` that a second run changes again, given the columns' declared types; null when none. */
function recomputed(table: QualifiedName, targets: Array<{ column: string; value: unknown }>, declared: DeclaredType, w: Spelling): Problem | null {
  const again = targets.find((t) => accumulates(t.value, t.column) && !jsonbNoOp(t.value, t.column, declared(t.column)));
  if (!again) return null;
  return {
    what: `UPDATE ${w.name(table)}`,
    outcome: 'twice',
    object: null,
    sqlstate: null,
    changes: { kind: 'table', name: table },
    reason: `${w.name(again.column)} is computed from itself, so a second run changes every row again`,
    advice:
      `Make a second run find nothing to change: add a WHERE that only the rows not yet updated match ` +
      `(a marker column the same UPDATE sets, or a condition on ${w.name(again.column)}), or set an absolute value instead.`,
  };
}

/**
 * UPDATE ... SET price = price * 100 (a backfill in a migration): a second run multiplies again. Only where the
 * WHERE reads none of the columns the UPDATE sets: `WHERE NOT migrated` beside `SET migrated = true` guards it.
 */
function update(node: AstNode, w: Spelling): Analysis {
  const targets = asArray(node.targetList).flatMap((t) => {
    const target = nodeOf(t, 'ResTarget');
    return target && typeof target.name === 'string' ? [{ column: target.name, value: target.val }] : [];
  });
  const read = columnsRead(node.whereClause);
  if (targets.some((t) => read.has(t.column))) return none();
  const table = rangeVarName(node.relation);
  // Every column computed from itself counts until the rule reads the columns' types (`typed`).
  const problem = recomputed(table, targets, () => ({ name: null, array: false }), w);
  if (!problem) return none();
  return { creates: [], drops: [], problems: [{ ...problem, typed: (declared) => recomputed(table, targets, declared, w) }] };
}

/** A table or schema of ALTER PUBLICATION ... ADD/DROP: its membership, the catalog rows that show it, and the clause naming it (`label` short, `clause` whole). */
interface Member {
  ref: ObjectRef;
  owner?: ObjectRef;
  /** The member in words, e.g. `table public.t`. */
  noun: string;
  rows: string;
  label: string;
  clause: string;
}

function publicationMember(publication: string, spec: AstNode, w: Spelling): Member | null {
  const on = { name: publication };
  const pubname = `pubname = ${literal(w.raw(publication))}`;
  const table = spec.pubtable as AstNode | undefined;
  if (spec.pubobjtype === 'PUBLICATIONOBJ_TABLE' && table) {
    const relation = (table.relation ?? {}) as AstNode;
    const name = rangeVarName(relation);
    // An unqualified table is the one CREATE TABLE put in current_schema(), as a file that makes it then publishes it means.
    const schema = name.schema === undefined ? 'current_schema()' : literal(w.raw(name.schema));
    const columns = stringsOf(table.columns).map((c) => w.name(c));
    const label = `TABLE ${relation.inh !== true ? 'ONLY ' : ''}${w.name(name)}`;
    return {
      ref: { kind: 'publication table', name, on },
      owner: { kind: 'table', name },
      noun: `table ${w.name(name)}`,
      rows: `pg_publication_tables WHERE ${pubname} AND schemaname = ${schema} AND tablename = ${literal(w.raw(name.name))}`,
      label,
      clause: `${label}${columns.length ? ` (${columns.join(', ')})` : ''}${table.whereClause ? ' WHERE (...)' : ''}`,
    };
  }
  const current = spec.pubobjtype === 'PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA';
  if (!current && spec.pubobjtype !== 'PUBLICATIONOBJ_TABLES_IN_SCHEMA') return null;
  const schema = current ? 'CURRENT_SCHEMA' : w.name(String(spec.name));
  const label = `TABLES IN SCHEMA ${schema}`;
  return {
    ref: { kind: 'publication schema', name: { name: current ? 'CURRENT_SCHEMA' : String(spec.name) }, on },
    owner: current ? undefined : { kind: 'schema', name: { name: String(spec.name) } },
    noun: `schema ${schema}`,
    rows: `pg_publication_namespace JOIN pg_publication ON pg_publication.oid = pnpubid WHERE ${pubname} AND pnnspid = ${current ? 'current_schema()' : literal(schema)}::regnamespace`,
    label,
    clause: label,
  };
}

/** ALTER PUBLICATION ... ADD/DROP TABLE or TABLES IN SCHEMA has no IF [NOT] EXISTS, so each member gets a catalog check; SET replaces the list and is idempotent. */
function alterPublication(node: AstNode, w: Spelling): Analysis {
  const out = none();
  const adding = node.action === 'AP_AddObjects';
  if (!adding && node.action !== 'AP_DropObjects') return out;
  const publication = String(node.pubname);
  const changes: ObjectRef = { kind: 'publication', name: { name: publication } };
  const members = asArray(node.pubobjects).flatMap((o) => {
    const spec = nodeOf(o, 'PublicationObjSpec');
    const member = spec && publicationMember(publication, spec, w);
    return member ? [member] : [];
  });
  const verb = adding ? 'ADD' : 'DROP';
  for (const { ref, owner, noun, rows, label, clause } of members) {
    // A lone member: the statement itself goes in the block, ready to paste; several: one block each.
    const statement = members.length === 1 ? w.text : `ALTER PUBLICATION ${w.name(publication)} ${verb} ${clause}`;
    const problem = { what: `${verb} ${label}`, object: ref, changes, owner };
    if (adding) {
      out.creates.push({ ref, guarded: false });
      const advice = onlyIf('Add it only while it is not a member', `NOT EXISTS (SELECT 1 FROM ${rows})`, statement);
      out.problems.push({ ...problem, outcome: 'exists', sqlstate: '42710', reason: `${noun} is already a member of publication ${w.name(publication)}`, advice });
    } else {
      out.drops.push(ref);
      const advice = onlyIf('Drop it only while it is a member', `EXISTS (SELECT 1 FROM ${rows})`, statement);
      out.problems.push({ ...problem, outcome: 'missing', sqlstate: '42704', reason: `${noun} is not a member of publication ${w.name(publication)}`, advice, dropping: true });
    }
  }
  return out;
}

/** Whether `a` names the same object as `b`: an unqualified name matches one in a schema of the search_path (sameName). */
export function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  if (a.kind !== b.kind || !sameName(a.name, b.name)) return false;
  if (a.signature !== undefined && b.signature !== undefined && a.signature !== b.signature) return false;
  if (a.routine !== undefined && b.routine !== undefined && a.routine !== b.routine) return false;
  if (!a.on || !b.on) return !a.on && !b.on;
  return sameName(a.on, b.on);
}

