// Where a string literal becomes a value of an enum type: PostgreSQL gives an untyped literal the type its
// place asks for (a cast, the other side of a comparison, the column it is assigned or inserted to) and only
// then runs the enum's input function, which refuses a value added in the same transaction (55P04). Each
// place below was checked on PostgreSQL 15 and PGlite. Column types come from the tables, domains and enums the
// file declares (DeclaredSchema), falling back on a Schema of what the migrations before it left, where one is given.

import { asArray, nodeOf, qualifiedName, rangeVarName, stringOf, stringsOf, unwrap, type AstNode, type QualifiedName } from '../sql/ast.js';
import { pg } from '../sql/parser.js';
import { nested, runDeep, type Deep } from '../sql/walk.js';
import type { EarlierTables } from './idempotency/earlier.js';

/** A type as the parser names it (its last name part, and its schema where written), and whether it is an array of it; name null: it cannot be told. */
export interface TypeRef {
  name: string | null;
  schema?: string;
  array: boolean;
}

export interface Column {
  name: string;
  type: TypeRef;
}

/** A table's columns in order; complete false where statements show only some of them (ADD COLUMN on a table made elsewhere, LIKE, INHERITS). */
export interface Table {
  columns: Column[];
  complete: boolean;
}

/** What is known of the schema a statement runs against. */
export interface Schema {
  table(name: QualifiedName): Table | undefined;
  /** The base type of a domain, undefined when `type` is not a known domain. */
  domainBase(type: QualifiedName): TypeRef | undefined;
  /** Values an enum is known to hold (not necessarily all of them). */
  enumValues(type: QualifiedName): ReadonlySet<string> | undefined;
  /** Whether enumValues holds every value of the type. */
  enumComplete?(type: QualifiedName): boolean;
}

export const typeRef = (typeName: unknown): TypeRef => {
  const t = (typeName ?? {}) as AstNode;
  const { schema, name } = qualifiedName(stringsOf(t.names));
  return { name: name || null, ...(schema !== undefined && { schema }), array: asArray(t.arrayBounds).length > 0 };
};

/** Where a type or table is kept: an unqualified name in public, where the default search_path most plausibly puts it. */
const keyOf = (q: { schema?: string; name: string | null }): string => `${q.schema ?? 'public'}.${q.name ?? ''}`;

/**
 * Whether a place of type `t` is of `type`: certain when the schemas match, or one is unwritten and the other is public;
 * 'maybe' when one is unwritten and the other another schema (the search_path decides); never for two different schemas.
 */
function sameType(t: TypeRef, type: QualifiedName): ValueUse | null {
  if (t.name !== type.name) return null;
  if (t.schema !== undefined && type.schema !== undefined) return t.schema === type.schema ? 'enum' : null;
  return (t.schema ?? type.schema ?? 'public') === 'public' ? 'enum' : 'maybe';
}

/**
 * The tables and enums the migrations before the file leave (columns' declared types, an enum's values). Their domains are
 * not read. An enum is looked up only when asked, which only a file that adds a value does.
 */
export function earlierSchema(earlier: EarlierTables): Schema {
  return {
    table(name) {
      const t = earlier.table(name);
      // A type renamed since (Prisma's enum swap renames Role_new to Role) is the column's type under its new name.
      const type = (c: string): TypeRef => (t?.types[c] ? earlier.renamedType(t.types[c]) : { name: null, array: false });
      return t ? { columns: t.columns.map((c) => ({ name: c, type: type(c) })), complete: true } : undefined;
    },
    domainBase: () => undefined,
    enumValues: (type) => earlier.enumType(type)?.values,
    enumComplete: (type) => earlier.enumType(type)?.complete === true,
  };
}

/**
 * The tables, domains and enums the statements so far declare, learnt one statement at a time, over what `before`
 * knows. Read only when asked: `before` (the earlier migrations, a text search away) is not consulted for a file that
 * never asks, which is nearly every file (only one that adds an enum value does).
 */
export class DeclaredSchema implements Schema {
  private readonly learned: Array<[string, AstNode]> = [];
  private state: Declared | null = null;

  constructor(private readonly before?: Schema) {}

  learn(kind: string, node: AstNode): void {
    this.learned.push([kind, node]);
    this.state = null;
  }

  table(name: QualifiedName): Table | undefined {
    return this.read().table(name);
  }

  domainBase(type: QualifiedName): TypeRef | undefined {
    return this.read().domainBase(type);
  }

  enumValues(type: QualifiedName): ReadonlySet<string> | undefined {
    return this.read().enumValues(type);
  }

  /** Whether enumValues holds every value of the type: the file or an earlier migration made it, where a type made elsewhere may hold more. */
  enumComplete(type: QualifiedName): boolean {
    return this.read().enumComplete(type);
  }

  private read(): Declared {
    if (!this.state) {
      this.state = new Declared(this.before);
      for (const [kind, node] of this.learned) this.state.learn(kind, node);
    }
    return this.state;
  }
}

/** DeclaredSchema's state, built statement by statement over `before`. */
class Declared implements Schema {
  private readonly tables = new Map<string, Table>();
  private readonly domains = new Map<string, TypeRef>();
  private readonly enums = new Map<string, Set<string>>();
  /** The enums the file makes, or renames from one whose values are all known, under their names so far: their values are all known. */
  private readonly made = new Set<string>();
  /** The names the file renames a type away from, or to: what `before` knows under them is another type's. */
  private readonly gone = new Set<string>();
  /** The types the file renames so far, in order: a column of `before` holds its type under the name it had there. */
  private readonly renames: Array<[string, QualifiedName]> = [];

  constructor(private readonly before?: Schema) {}

  table(name: QualifiedName): Table | undefined {
    const before = this.tables.has(keyOf(name)) ? undefined : this.before?.table(name);
    return this.tables.get(keyOf(name)) ?? (before && { columns: before.columns.map((c) => ({ name: c.name, type: this.renamed(c.type) })), complete: before.complete });
  }

  domainBase(type: QualifiedName): TypeRef | undefined {
    return this.domains.get(keyOf(type)) ?? this.before?.domainBase(type);
  }

  enumValues(type: QualifiedName): ReadonlySet<string> | undefined {
    return this.enums.get(keyOf(type)) ?? this.beforeValues(type);
  }

  enumComplete(type: QualifiedName): boolean {
    return this.made.has(keyOf(type)) || (!this.gone.has(keyOf(type)) && this.before?.enumComplete?.(type) === true);
  }

  private beforeValues(type: QualifiedName): ReadonlySet<string> | undefined {
    return this.gone.has(keyOf(type)) ? undefined : this.before?.enumValues(type);
  }

  private renamed(type: TypeRef): TypeRef {
    let out = type;
    for (const [from, to] of this.renames) if (keyOf(out) === from) out = { ...to, array: out.array };
    return out;
  }

  /** The table or enum to change, copied from `before` the first time so that it stays as it was. */
  private ownTable(name: QualifiedName): Table {
    const known = this.table(name);
    const own = this.tables.get(keyOf(name)) ?? { columns: (known?.columns ?? []).map((c) => ({ ...c })), complete: known?.complete ?? false };
    this.tables.set(keyOf(name), own);
    return own;
  }

  private ownEnum(type: QualifiedName): Set<string> {
    const own = this.enums.get(keyOf(type)) ?? new Set(this.beforeValues(type));
    this.enums.set(keyOf(type), own);
    return own;
  }

  learn(kind: string, node: AstNode): void {
    switch (kind) {
      case 'CreateStmt': {
        const elts = asArray(node.tableElts);
        const columns = elts.flatMap((e) => {
          const def = nodeOf(e, 'ColumnDef');
          return def ? [{ name: String(def.colname), type: typeRef(def.typeName) }] : [];
        });
        // LIKE, INHERITS, PARTITION OF and OF <type> bring columns the statement does not list.
        const complete = !elts.some((e) => nodeOf(e, 'TableLikeClause')) && !asArray(node.inhRelations).length && !node.ofTypename;
        if (node.if_not_exists && this.table(rangeVarName(node.relation))) return;
        this.tables.set(keyOf(rangeVarName(node.relation)), { columns, complete });
        return;
      }
      case 'AlterTableStmt': {
        const table = this.ownTable(rangeVarName(node.relation));
        for (const c of asArray(node.cmds)) {
          const cmd = nodeOf(c, 'AlterTableCmd');
          const def = nodeOf(cmd?.def, 'ColumnDef');
          const at = table.columns.findIndex((col) => col.name === cmd?.name);
          if (cmd?.subtype === 'AT_AddColumn' && def && !table.columns.some((col) => col.name === def.colname)) {
            table.columns.push({ name: String(def.colname), type: typeRef(def.typeName) });
          } else if (cmd?.subtype === 'AT_DropColumn' && at >= 0) {
            table.columns.splice(at, 1);
          } else if (cmd?.subtype === 'AT_AlterColumnType' && def && at >= 0) {
            table.columns[at] = { name: table.columns[at]!.name, type: typeRef(def.typeName) };
          }
        }
        return;
      }
      case 'RenameStmt': {
        const name = rangeVarName(node.relation);
        if (node.renameType === 'OBJECT_COLUMN' && this.table(name)) {
          const column = this.ownTable(name).columns.find((c) => c.name === node.subname);
          if (column) column.name = String(node.newname);
        } else if (node.renameType === 'OBJECT_TABLE' && this.table(name)) {
          this.tables.set(keyOf({ schema: name.schema, name: String(node.newname) }), this.ownTable(name));
          this.tables.delete(keyOf(name));
        } else if (node.renameType === 'OBJECT_TYPE' || node.renameType === 'OBJECT_DOMAIN') {
          // Columns, domains and values follow the type (they hold its oid), under its new name.
          const old = qualifiedName(stringsOf(nodeOf(node.object, 'List')?.items));
          const to = { ...(old.schema !== undefined && { schema: old.schema }), name: String(node.newname) };
          const values = this.enumValues(old);
          if (values) this.enums.set(keyOf(to), new Set(values));
          const base = this.domainBase(old);
          if (base) this.domains.set(keyOf(to), base);
          const complete = this.enumComplete(old);
          for (const key of [keyOf(old), keyOf(to)]) {
            this.made.delete(key);
            this.gone.add(key);
          }
          if (complete) this.made.add(keyOf(to));
          this.enums.delete(keyOf(old));
          this.domains.delete(keyOf(old));
          this.renames.push([keyOf(old), to]);
          for (const table of this.tables.values()) for (const c of table.columns) if (keyOf(c.type) === keyOf(old)) c.type = { ...to, array: c.type.array };
          for (const [domain, t] of this.domains) if (keyOf(t) === keyOf(old)) this.domains.set(domain, { ...to, array: t.array });
        }
        return;
      }
      case 'DropStmt':
        if (node.removeType === 'OBJECT_TABLE') for (const o of asArray(node.objects)) this.tables.delete(keyOf(qualifiedName(stringsOf(nodeOf(o, 'List')?.items))));
        return;
      case 'CreateDomainStmt':
        this.domains.set(keyOf(qualifiedName(stringsOf(node.domainname))), typeRef(node.typeName));
        return;
      case 'CreateEnumStmt':
        this.enums.set(keyOf(qualifiedName(stringsOf(node.typeName))), new Set(asArray(node.vals).map(stringOf).filter((v): v is string => v !== undefined)));
        this.made.add(keyOf(qualifiedName(stringsOf(node.typeName))));
        return;
      case 'AlterEnumStmt': {
        const values = this.ownEnum(qualifiedName(stringsOf(node.typeName)));
        if (typeof node.oldVal === 'string') values.delete(node.oldVal);
        if (typeof node.newVal === 'string') values.add(node.newVal);
        return;
      }
    }
  }
}

/** How a statement uses a value: as the enum for certain, through a function that reads every value of the enum, or in a place whose type the file does not tell. */
export type ValueUse = 'enum' | 'range' | 'maybe';

const TEXT: TypeRef = { name: 'text', array: false };
const BOOL: TypeRef = { name: 'bool', array: false };
const UNKNOWN: TypeRef = { name: null, array: false };
const STRING_TYPES = new Set(['text', 'varchar', 'bpchar', 'name', 'citext']);
/** Functions that take their string arguments as text (or "any", which a literal never turns into an enum) and return text. */
const TEXT_FUNCTIONS = new Set([
  'lower', 'upper', 'initcap', 'btrim', 'ltrim', 'rtrim', 'replace', 'translate', 'substr', 'substring', 'overlay', 'left', 'right',
  'lpad', 'rpad', 'split_part', 'repeat', 'reverse', 'concat', 'concat_ws', 'format', 'quote_ident', 'quote_literal', 'quote_nullable',
  'md5', 'regexp_replace', 'similar_to_escape',
]);
/** Functions that take their string arguments as text and return something else. */
const TEXT_ARGUMENTS = new Set([
  'length', 'char_length', 'octet_length', 'position', 'strpos', 'starts_with', 'regexp_like', 'regexp_match', 'regexp_matches',
  'regexp_split_to_array', 'regexp_split_to_table', 'string_to_array',
]);
/** Pattern matching operators: both sides are text (a column of an enum type has none of them). */
const MATCH_OPERATORS = new Set(['~~', '~~*', '!~~', '!~~*', '~', '~*', '!~', '!~*']);
const BOOL_KINDS = new Set(['AEXPR_LIKE', 'AEXPR_ILIKE', 'AEXPR_SIMILAR', 'AEXPR_IN', 'AEXPR_OP_ANY', 'AEXPR_OP_ALL', 'AEXPR_DISTINCT', 'AEXPR_NOT_DISTINCT', 'AEXPR_BETWEEN', 'AEXPR_NOT_BETWEEN', 'AEXPR_BETWEEN_SYM', 'AEXPR_NOT_BETWEEN_SYM']);
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);

/** The elements of an array literal ('{a,"b c"}'), empty for any other text. */
function arrayElements(text: string): string[] {
  if (!/^\s*\{[\s\S]*\}\s*$/.test(text)) return [];
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|[^{},\s][^{},]*/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[0].trim()));
}

interface Rel {
  name: string;
  table: Table;
}

interface Scope {
  rels: Rel[];
  ctes: Map<string, Table>;
  outer: Scope | null;
}

const UNKNOWN_TABLE: Table = { columns: [], complete: false };
/** A statement's own table (a bare RangeVar's fields) as a FROM item. */
const rangeVar = (fields: unknown) => ({ RangeVar: fields });
const columnOf = (table: Table, name: unknown): TypeRef => table.columns.find((c) => c.name === name)?.type ?? UNKNOWN;

/**
 * How `statement` (a `{ Kind: fields }` node) uses `value` of enum `type`: 'enum' where PostgreSQL turns it into
 * that type, 'maybe' where the file cannot tell, null where every literal holding it is provably of another type.
 */
export function valueUse(statement: unknown, value: string, type: QualifiedName, schema: Schema): ValueUse | null {
  const uses = new Set<ValueUse>();

  const resolve = (t: TypeRef): TypeRef => {
    let out = t;
    // A domain over the enum (or over such a domain) takes the enum's input function too.
    for (let depth = 0; out.name !== null && sameType(out, type) !== 'enum' && depth < 8; depth++) {
      const base = schema.domainBase({ ...out, name: out.name });
      if (!base) break;
      out = { ...base, array: out.array || base.array };
    }
    return out;
  };

  const literal = (text: string, expect: TypeRef): void => {
    const element = arrayElements(text).includes(value);
    if (!(expect.array ? element : text === value || (expect.name === null && element))) return;
    const t = resolve(expect);
    const use = t.name === null ? 'maybe' : sameType(t, type);
    if (use) uses.add(use);
  };

  const tableOf = (rv: unknown, scope: Scope | null): Table => {
    const name: QualifiedName = rangeVarName(rv);
    for (let s = scope; s && name.schema === undefined; s = s.outer) {
      const cte = s.ctes.get(name.name);
      if (cte) return cte;
    }
    return schema.table(name) ?? UNKNOWN_TABLE;
  };

  // Scopes and types are read from queries and expressions that nest as deep as PostgreSQL takes them: the functions
  // that read them call each other through runDeep (see Deep), and the walk keeps what it has still to walk on a stack.

  /** The tables a FROM item brings into scope, each under its alias or name. */
  function* relsOf(item: unknown, scope: Scope | null): Deep<Rel[]> {
    const rels: Rel[] = [];
    // A join's tables are its left side's, then its right side's, however deep joins chain.
    const pending = [item];
    while (pending.length) {
      const u = unwrap(pending.pop());
      if (!u) continue;
      const [kind, f] = u;
      if (kind === 'JoinExpr') {
        pending.push(f.rarg, f.larg);
        continue;
      }
      const alias = (f.alias ?? {}) as AstNode;
      const renamed = (table: Table): Table => {
        const names = stringsOf(alias.colnames);
        if (!names.length) return table;
        return { columns: table.columns.map((c, i) => ({ name: names[i] ?? c.name, type: c.type })), complete: table.complete };
      };
      const aliasName = typeof alias.aliasname === 'string' ? alias.aliasname : undefined;
      if (kind === 'RangeVar') rels.push({ name: aliasName ?? rangeVarName(f).name, table: renamed(tableOf(f, scope)) });
      else if (kind === 'RangeSubselect') rels.push({ name: aliasName ?? '', table: renamed(yield* nested(outputOf(f.subquery, scope))) });
      else rels.push({ name: aliasName ?? '', table: UNKNOWN_TABLE });
    }
    return rels;
  }

  function* frame(outer: Scope | null, items: unknown[], withClause: unknown): Deep<Scope> {
    const scope: Scope = { rels: [], ctes: new Map(), outer };
    for (const c of asArray((withClause as AstNode | undefined)?.ctes)) {
      const cte = nodeOf(c, 'CommonTableExpr');
      if (cte) scope.ctes.set(String(cte.ctename), yield* nested(outputOf(cte.ctequery, scope)));
    }
    const rels: Rel[] = [];
    for (const item of items) for (const rel of yield* nested(relsOf(item, scope))) rels.push(rel);
    scope.rels = rels;
    return scope;
  }

  const selectScope = (s: AstNode, outer: Scope | null) => frame(outer, asArray(s.fromClause), s.withClause);

  /** The columns a query gives, by name and type (a literal alone is text). */
  function* outputOf(query: unknown, scope: Scope | null): Deep<Table> {
    let s = nodeOf(query, 'SelectStmt');
    // A set operation gives its first query's.
    while (s && s.op !== 'SETOP_NONE') s = nodeOf({ SelectStmt: s.larg }, 'SelectStmt');
    if (!s) return UNKNOWN_TABLE;
    const inner = yield* nested(selectScope(s, scope));
    const columns: Column[] = [];
    for (const [i, t] of asArray(s.targetList).entries()) {
      const rt = nodeOf(t, 'ResTarget') ?? {};
      const name = typeof rt.name === 'string' ? rt.name : (stringsOf(nodeOf(rt.val, 'ColumnRef')?.fields).pop() ?? `?column${i}?`);
      columns.push({ name, type: (yield* nested(typeOf(rt.val, inner))) ?? TEXT });
    }
    const star = asArray(s.targetList).some((t) => asArray(nodeOf(nodeOf(t, 'ResTarget')?.val, 'ColumnRef')?.fields).some((x) => nodeOf(x, 'A_Star')));
    return { columns, complete: !star };
  }

  const columnType = (fields: unknown, scope: Scope | null): TypeRef => {
    const names = stringsOf(fields);
    if (names.length !== asArray(fields).length || !names.length) return UNKNOWN;
    const column = names[names.length - 1]!;
    const qualifier = names.length > 1 ? names[names.length - 2] : undefined;
    for (let s = scope; s; s = s.outer) {
      const rels = qualifier === undefined ? s.rels : s.rels.filter((r) => r.name === qualifier);
      for (const r of rels) {
        const c = r.table.columns.find((col) => col.name === column);
        if (c) return c.type;
      }
      // A table whose columns are not all known may hold it; a table named by the qualifier ends the search.
      if (rels.some((r) => !r.table.complete) || (qualifier !== undefined && rels.length)) return UNKNOWN;
    }
    return UNKNOWN;
  };

  /** Types worked out so far, by node, with the scope each was worked out in: the walk down `a || b || ...` asks for each at every step. */
  const types = new WeakMap<object, { scope: Scope | null; type: TypeRef | undefined }>();

  /** The type PostgreSQL gives `node`; undefined for an untyped literal (a string constant or NULL), which takes its type from its place. */
  function* typeOf(node: unknown, scope: Scope | null): Deep<TypeRef | undefined> {
    if (!node || typeof node !== 'object') return UNKNOWN;
    const known = types.get(node);
    if (known?.scope === scope) return known.type;
    const type = yield* readType(node, scope);
    types.set(node, { scope, type });
    return type;
  }

  function* readType(node: unknown, scope: Scope | null): Deep<TypeRef | undefined> {
    const u = unwrap(node);
    if (!u) return UNKNOWN;
    const [kind, f] = u;
    switch (kind) {
      case 'A_Const':
        if ('sval' in f || f.isnull) return undefined;
        return { name: 'ival' in f ? 'int4' : 'fval' in f ? 'numeric' : 'boolval' in f ? 'bool' : 'bit', array: false };
      case 'TypeCast':
        return typeRef(f.typeName);
      case 'ColumnRef':
        return columnType(f.fields, scope);
      case 'A_Expr': {
        const op = stringsOf(f.name).pop() ?? '';
        if (BOOL_KINDS.has(String(f.kind)) || (f.kind === 'AEXPR_OP' && COMPARISONS.has(op))) return BOOL;
        if (f.kind === 'AEXPR_NULLIF') return yield* nested(typeOf(f.lexpr, scope));
        if (op === '||') return [yield* nested(typeOf(f.lexpr, scope)), yield* nested(typeOf(f.rexpr, scope))].find((t) => t?.array) ?? TEXT;
        if (op === '->>' || op === '#>>') return TEXT;
        return MATCH_OPERATORS.has(op) ? BOOL : UNKNOWN;
      }
      case 'FuncCall':
        return TEXT_FUNCTIONS.has(stringsOf(f.funcname).pop() ?? '') ? TEXT : UNKNOWN;
      case 'CoalesceExpr':
      case 'MinMaxExpr':
        return yield* nested(common(asArray(f.args), scope));
      case 'CaseExpr':
        return yield* nested(common(caseResults(f), scope));
      case 'A_ArrayExpr':
        return { name: (yield* nested(common(asArray(f.elements), scope))).name, array: true };
      case 'BoolExpr':
      case 'NullTest':
      case 'BooleanTest':
        return BOOL;
      case 'SubLink':
        if (f.subLinkType === 'EXPR_SUBLINK') return (yield* nested(outputOf(f.subselect, scope))).columns[0]?.type ?? UNKNOWN;
        return f.subLinkType === 'ARRAY_SUBLINK' ? UNKNOWN : BOOL;
      default:
        return UNKNOWN;
    }
  }

  const caseResults = (f: AstNode): unknown[] => [...asArray(f.args).map((w) => nodeOf(w, 'CaseWhen')?.result), ...(f.defresult ? [f.defresult] : [])];

  /** The type untyped literals take beside `exprs` (CASE, COALESCE, IN, UNION, VALUES): the first typed one's, text when none is. */
  function* common(exprs: unknown[], scope: Scope | null): Deep<TypeRef> {
    let unknown = false;
    for (const e of exprs) {
      const t = yield* nested(typeOf(e, scope));
      if (t?.name) return t;
      if (t) unknown = true;
    }
    return unknown ? UNKNOWN : TEXT;
  }

  /** What is left to walk: nodes, each with the type a literal in it takes and its scope. */
  const pending: Array<[unknown, TypeRef, Scope | null]> = [];

  /** Walks `node`, a literal in which takes the type `expect`. */
  const walk = (node: unknown, expect: TypeRef, scope: Scope | null): void => void pending.push([node, expect, scope]);

  /** Walks `node` itself: the nodes in it go on the stack (which is walked in no particular order, as all it finds is uses). */
  function visit(node: unknown, expect: TypeRef, scope: Scope | null): void {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, expect, scope);
      return;
    }
    const u = unwrap(node);
    if (!u) {
      if (node && typeof node === 'object') fields(node as AstNode, scope);
      return;
    }
    const [kind, f] = u;
    switch (kind) {
      case 'A_Const':
        if (typeof (f.sval as AstNode | undefined)?.sval === 'string') literal((f.sval as AstNode).sval as string, expect);
        return;
      case 'TypeCast': {
        const to = typeRef(f.typeName);
        const inner = nodeOf(f.arg, 'TypeCast');
        // 'v'::text::e still reaches the enum's input function; ARRAY['v']::e[] types its elements as e.
        if (inner && nodeOf(inner.arg, 'A_Const') && STRING_TYPES.has(typeRef(inner.typeName).name ?? '')) walk(inner.arg, to, scope);
        else if (nodeOf(f.arg, 'A_ArrayExpr') && to.array) castArray(f.arg, { name: to.name, array: false }, scope);
        else walk(f.arg, to, scope);
        return;
      }
      case 'A_Expr':
        return expr(f, scope);
      case 'FuncCall': {
        const name = stringsOf(f.funcname).pop() ?? '';
        // enum_range(x) reads every value of x's type, whatever x holds (checked on PostgreSQL 15).
        const args = asArray(f.args);
        if (name === 'enum_range' && args.length === 1) {
          const t = resolve(runDeep(typeOf(args[0], scope)) ?? UNKNOWN);
          if (t.name !== null && !t.array && sameType(t, type)) uses.add(sameType(t, type) === 'enum' ? 'range' : 'maybe');
        }
        walk(f.args, TEXT_FUNCTIONS.has(name) || TEXT_ARGUMENTS.has(name) ? TEXT : UNKNOWN, scope);
        return fields(f, scope, ['args']);
      }
      case 'CoalesceExpr':
      case 'MinMaxExpr':
        return walk(f.args, runDeep(common(asArray(f.args), scope)), scope);
      case 'CaseExpr': {
        const whens = asArray(f.args).map((w) => nodeOf(w, 'CaseWhen')?.expr);
        if (f.arg) walk([f.arg, ...whens], runDeep(common([f.arg, ...whens], scope)), scope);
        else walk(whens, BOOL, scope);
        return walk(caseResults(f), runDeep(common(caseResults(f), scope)), scope);
      }
      case 'A_ArrayExpr':
        return walk(f.elements, runDeep(common(asArray(f.elements), scope)), scope);
      case 'BoolExpr':
      case 'NullTest':
      case 'BooleanTest':
        return walk(f.args ?? f.arg, BOOL, scope);
      case 'SubLink':
        // x IN (SELECT ...), x = (SELECT ...): the left side takes the type of the query's column.
        walk(f.testexpr, runDeep(outputOf(f.subselect, scope)).columns[0]?.type ?? UNKNOWN, scope);
        return walk(f.subselect, UNKNOWN, scope);
      case 'SelectStmt':
        return select(f, scope);
      case 'InsertStmt':
        return insert(f, scope);
      case 'UpdateStmt': {
        const inner = runDeep(frame(scope, [rangeVar(f.relation), ...asArray(f.fromClause)], f.withClause));
        assignments(f.targetList, inner.rels[0]!.table, inner);
        return fields(f, inner, ['targetList']);
      }
      case 'DeleteStmt':
        return fields(f, runDeep(frame(scope, [rangeVar(f.relation), ...asArray(f.usingClause)], f.withClause)));
      case 'CreateStmt':
      case 'AlterTableStmt':
        return table(kind, f, runDeep(frame(scope, [rangeVar(f.relation)], undefined)));
      case 'CreateFunctionStmt':
        return routine(f, scope);
      // Settings and options: their strings are never a column's value.
      case 'VariableSetStmt':
      case 'DefElem':
        return;
      default: {
        // CREATE INDEX, CREATE POLICY, CREATE TRIGGER: their expressions name the table's columns.
        const on = [f.relation, f.table].find((rv) => typeof (rv as AstNode | undefined)?.relname === 'string');
        return fields(f, on ? runDeep(frame(scope, [rangeVar(on)], undefined)) : scope);
      }
    }
  }

  /** Walks every field of `f` but those in `skip`, where a bare literal could be anything. */
  function fields(f: AstNode, scope: Scope | null, skip: string[] = []): void {
    for (const [key, value] of Object.entries(f)) if (!skip.includes(key)) walk(value, UNKNOWN, scope);
  }

  function castArray(node: unknown, element: TypeRef, scope: Scope | null): void {
    for (const arrays = [node]; arrays.length; ) {
      for (const e of asArray(nodeOf(arrays.pop(), 'A_ArrayExpr')?.elements)) {
        if (nodeOf(e, 'A_ArrayExpr')) arrays.push(e);
        else walk(e, element, scope);
      }
    }
  }

  function expr(f: AstNode, scope: Scope | null): void {
    const op = stringsOf(f.name).pop() ?? '';
    const kind = String(f.kind);
    const other = (side: unknown): TypeRef => runDeep(typeOf(side, scope)) ?? TEXT;
    if (kind === 'AEXPR_LIKE' || kind === 'AEXPR_ILIKE' || kind === 'AEXPR_SIMILAR' || MATCH_OPERATORS.has(op)) {
      return walk([f.lexpr, f.rexpr], TEXT, scope);
    }
    if (kind === 'AEXPR_IN' || kind.includes('BETWEEN')) {
      const list = nodeOf(f.rexpr, 'List');
      const all = [f.lexpr, ...(list ? asArray(list.items) : [f.rexpr])];
      return walk(all, runDeep(common(all, scope)), scope);
    }
    if (kind === 'AEXPR_OP_ANY' || kind === 'AEXPR_OP_ALL') {
      // A string on the right is an array literal of the left side's type; ARRAY[...] types its elements by themselves.
      const left = other(f.lexpr);
      const right = runDeep(typeOf(f.rexpr, scope));
      walk(f.lexpr, right ? { name: right.name, array: false } : TEXT, scope);
      return walk(f.rexpr, { name: left.name, array: true }, scope);
    }
    if (!f.lexpr) return walk(f.rexpr, UNKNOWN, scope);
    if (op === '||') {
      // text || anything, unless the other side is an array: then the literal is one of that array type.
      const arrayOf = (side: unknown) => (runDeep(typeOf(side, scope))?.array ? other(side) : TEXT);
      walk(f.lexpr, arrayOf(f.rexpr), scope);
      return walk(f.rexpr, arrayOf(f.lexpr), scope);
    }
    // A comparison, IS DISTINCT FROM, NULLIF or another binary operator: each side takes the other's type.
    walk(f.lexpr, other(f.rexpr), scope);
    walk(f.rexpr, other(f.lexpr), scope);
  }

  function select(s: AstNode, scope: Scope | null, targets?: (i: number) => TypeRef): void {
    if (s.op !== 'SETOP_NONE') {
      // UNION and the like type each column by all branches together, before any INSERT target.
      const branches: AstNode[] = [];
      for (const sets = [s]; sets.length; ) {
        const b = sets.pop()!;
        if (b.op !== 'SETOP_NONE') sets.push(b.rarg as AstNode, b.larg as AstNode);
        else branches.push(b);
      }
      const withCtes = runDeep(frame(scope, [], s.withClause));
      const types = new Map<number, TypeRef>();
      const typeAt = (i: number) => types.get(i) ?? types.set(i, runDeep(branchType(branches, i, withCtes))).get(i)!;
      for (const b of branches) select(b, withCtes, typeAt);
      return fields(s, scope, ['larg', 'rarg']);
    }
    const inner = runDeep(selectScope(s, scope));
    const rows = asArray(s.valuesLists).map((row) => asArray(nodeOf(row, 'List')?.items));
    const columns = new Map<number, TypeRef>();
    const column = (i: number) => targets?.(i) ?? columns.get(i) ?? columns.set(i, runDeep(common(rows.map((row) => row[i]), inner))).get(i)!;
    for (const row of rows) row.forEach((item, i) => walk(item, column(i), inner));
    asArray(s.targetList).forEach((t, i) => walk(nodeOf(t, 'ResTarget')?.val, targets?.(i) ?? TEXT, inner));
    fields(s, inner, ['valuesLists', 'targetList']);
  }

  /** The type a set operation's branches give column `i`, each typed in its own FROM. */
  function* branchType(branches: AstNode[], i: number, scope: Scope | null): Deep<TypeRef> {
    let unknown = false;
    for (const b of branches) {
      const t = yield* nested(typeOf(nodeOf(asArray(b.targetList)[i], 'ResTarget')?.val, yield* nested(selectScope(b, scope))));
      if (t?.name) return t;
      if (t) unknown = true;
    }
    return unknown ? UNKNOWN : TEXT;
  }

  function insert(f: AstNode, scope: Scope | null): void {
    const inner = runDeep(frame(scope, [rangeVar(f.relation)], f.withClause));
    const target = inner.rels[0]!.table;
    const named = asArray(f.cols).map((c) => String(nodeOf(c, 'ResTarget')?.name ?? ''));
    // Without a column list, values fill the columns in order: only a table whose columns are all known tells which.
    const columns = named.length ? named : target.complete ? target.columns.map((c) => c.name) : [];
    const typeAt = (i: number) => columnOf(target, columns[i]);
    const sel = nodeOf(f.selectStmt, 'SelectStmt');
    if (sel) select(sel, scope, typeAt);
    const conflict = (f.onConflictClause ?? {}) as AstNode;
    const withExcluded: Scope = { rels: [...inner.rels, { name: 'excluded', table: target }], ctes: inner.ctes, outer: scope };
    assignments(conflict.targetList, target, withExcluded);
    fields(conflict, withExcluded, ['targetList']);
    fields(f, inner, ['selectStmt', 'onConflictClause']);
  }

  /** UPDATE ... SET and ON CONFLICT DO UPDATE SET: each value takes its column's type. */
  function assignments(targetList: unknown, target: Table, scope: Scope): void {
    for (const t of asArray(targetList)) {
      const rt = nodeOf(t, 'ResTarget') ?? {};
      const multi = nodeOf(rt.val, 'MultiAssignRef');
      const row = nodeOf(multi?.source, 'RowExpr');
      if (row) walk(asArray(row.args)[Number(multi!.colno) - 1], columnOf(target, rt.name), scope);
      else if (multi) walk(multi.colno === 1 ? multi.source : undefined, UNKNOWN, scope);
      else walk(rt.val, columnOf(target, rt.name), scope);
    }
  }

  /** CREATE TABLE and ALTER TABLE: a DEFAULT takes its column's type, a USING the column's new type. */
  function table(kind: string, f: AstNode, scope: Scope): void {
    const columnDef = (def: AstNode, type: TypeRef) => {
      for (const c of asArray(def.constraints)) {
        const con = nodeOf(c, 'Constraint');
        walk(con?.raw_expr, con?.contype === 'CONSTR_CHECK' ? BOOL : type, scope);
      }
      walk(def.raw_default, type, scope);
    };
    const items = kind === 'CreateStmt' ? asArray(f.tableElts) : asArray(f.cmds);
    for (const item of items) {
      const cmd = nodeOf(item, 'AlterTableCmd') ?? {};
      const def = nodeOf(item, 'ColumnDef') ?? nodeOf(cmd.def, 'ColumnDef');
      if (def) columnDef(def, typeRef(def.typeName));
      else if (cmd.subtype === 'AT_ColumnDefault') walk(cmd.def, columnOf(scope.rels[0]!.table, cmd.name), scope);
      else walk(cmd.def ?? item, UNKNOWN, scope);
    }
    // Partition bounds and the like: whatever their type, the file does not tell.
    fields(f, scope, ['tableElts', 'cmds']);
  }

  /** CREATE FUNCTION: a parameter's DEFAULT, and a SQL body, which PostgreSQL parses when it creates the function; other languages' bodies run only when called. */
  function routine(f: AstNode, scope: Scope | null): void {
    for (const p of asArray(f.parameters)) {
      const param = nodeOf(p, 'FunctionParameter');
      walk(param?.defexpr, typeRef(param?.argType), scope);
    }
    walk(f.sql_body, UNKNOWN, scope);
    const option = (name: string) => asArray(f.options).map((o) => nodeOf(o, 'DefElem')).find((d) => d?.defname === name);
    const language = stringOf(option('language')?.arg)?.toLowerCase();
    const body = stringsOf(nodeOf(option('as')?.arg, 'List')?.items)[0];
    if (language !== 'sql' || body === undefined) return;
    let stmts: unknown[] = [];
    try {
      stmts = (pg().parseSync(body).stmts ?? []).map((s) => s.stmt);
    } catch {
      // A body that does not parse fails on its own.
    }
    walk(stmts, UNKNOWN, scope);
  }

  walk(statement, UNKNOWN, null);
  for (let next = pending.pop(); next; next = pending.pop()) visit(...next);
  return uses.has('enum') ? 'enum' : uses.has('range') ? 'range' : uses.has('maybe') ? 'maybe' : null;
}
