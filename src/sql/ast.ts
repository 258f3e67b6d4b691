// Small typed readers for libpg-query parse nodes and tokens: qualified names, identifier quoting,
// the parser's own scanner with character offsets, and the statements inside a DO block's body.

import { byteToCharMapper, pg } from './parser.js';
import { QUOTED_KEYWORDS } from './keywords.js';
import { quoted } from './quoted.js';
import { walkTree } from './walk.js';

export type AstNode = Record<string, unknown>;

/** A `{ Kind: fields }` wrapper split into its kind and fields, or null when `value` is not one. */
export function unwrap(value: unknown): [string, AstNode] | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  // Keys counted in place: every rule reads the tree through here, and Object.entries would copy each node.
  let kind: string | undefined;
  for (const key in value) {
    if (kind !== undefined) return null;
    kind = key;
  }
  const fields = kind === undefined ? undefined : (value as AstNode)[kind];
  return fields && typeof fields === 'object' ? [kind!, fields as AstNode] : null;
}

/** The fields of `value` when it is a node of `kind`. */
export function nodeOf(value: unknown, kind: string): AstNode | null {
  const fields = value && typeof value === 'object' ? (value as AstNode)[kind] : undefined;
  if (!fields || typeof fields !== 'object') return null;
  for (const key in value as AstNode) if (key !== kind) return null;
  return fields as AstNode;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The text of a `String` node. */
export function stringOf(value: unknown): string | undefined {
  const s = nodeOf(value, 'String');
  return typeof s?.sval === 'string' ? s.sval : undefined;
}

/** The texts of a list of `String` nodes, e.g. a type's or function's qualified name. */
export function stringsOf(value: unknown): string[] {
  return asArray(value)
    .map(stringOf)
    .filter((s): s is string => s !== undefined);
}

/** A possibly schema-qualified object name, as the parser normalised it (unquoted names lower-cased). */
export interface QualifiedName {
  schema?: string;
  name: string;
}

export function qualifiedName(parts: string[]): QualifiedName {
  const name = parts[parts.length - 1] ?? '';
  return parts.length > 1 ? { schema: parts[parts.length - 2], name } : { name };
}

/** The name of a RangeVar (a table, view, sequence or index reference). */
export function rangeVarName(value: unknown): QualifiedName {
  const rv = (value && typeof value === 'object' ? value : {}) as AstNode;
  const name = typeof rv.relname === 'string' ? rv.relname : '';
  return typeof rv.schemaname === 'string' ? { schema: rv.schemaname, name } : { name };
}

/**
 * The schemas an unqualified name can stand for in the file being judged (its search_path), or null when that is not
 * known: an unqualified name then matches the same name in any schema. Set for one rule's run by withSearchPath.
 */
let searchPath: ReadonlySet<string> | null = null;

/** Runs `judge` with names compared under `schemas` as the search_path (null: unknown). */
export function withSearchPath<T>(schemas: ReadonlySet<string> | null, judge: () => T): T {
  const outer = searchPath;
  searchPath = schemas;
  try {
    return judge();
  } finally {
    searchPath = outer;
  }
}

/** Whether an unqualified name stands for one known schema's object (withSearchPath gave the search_path). */
export function searchPathKnown(): boolean {
  return searchPath !== null;
}

/** Whether two names' schemas can be one: the same, or one left out and the other on the search_path. */
export function sameSchema(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a !== undefined && b !== undefined) return false;
  return searchPath === null || searchPath.has((a ?? b)!);
}

/** Two names are the same object when their names match and their schemas can be one (sameSchema). */
export function sameName(a: QualifiedName, b: QualifiedName): boolean {
  return a.name === b.name && sameSchema(a.schema, b.schema);
}

const PLAIN_IDENT = /^[a-z_][a-z0-9_$]*$/;

/** Quotes an identifier when SQL needs it to read back the same name (case, characters, keywords other than unreserved ones). */
export function quoteIdent(name: string): string {
  return PLAIN_IDENT.test(name) && !QUOTED_KEYWORDS.has(name) ? name : quoted(name);
}

/** A name as SQL text, e.g. `public."Order"`. */
export function formatName(q: QualifiedName): string {
  return (q.schema !== undefined ? `${quoteIdent(q.schema)}.` : '') + quoteIdent(q.name);
}

export interface Token {
  /** Character offsets in the scanned text. */
  start: number;
  end: number;
  text: string;
  /** Upper-cased text for keywords, so callers can compare with 'CONCURRENTLY', 'RETURNING', ... */
  keyword: string | null;
}

/** The parser's own tokens of `text`, comments included, with character offsets. */
function scan(text: string): Array<Token & { comment: boolean }> {
  const toChar = byteToCharMapper(text);
  return pg().scanSync(text).tokens.map((t) => ({
    start: toChar(t.start),
    end: toChar(t.end),
    text: t.text,
    keyword: t.keywordKind !== 0 ? t.text.toUpperCase() : null,
    comment: t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT',
  }));
}

/** The parser's own tokens of `text` (comments left out), with character offsets. */
export function scanTokens(text: string): Token[] {
  return scan(text).flatMap(({ comment, ...token }) => (comment ? [] : [token]));
}

/** `text` with its comments cut out (by the parser's scanner, so `--` inside a string stays). */
export function withoutComments(text: string): string {
  if (!text.includes('--') && !text.includes('/*')) return text;
  let out = '';
  let from = 0;
  for (const t of scan(text)) {
    if (!t.comment) continue;
    out += `${text.slice(from, t.start)} `;
    from = t.end;
  }
  return out + text.slice(from);
}

/** Parses one statement's text; null when it is not exactly one valid statement. */
export function parseOne(text: string): [string, AstNode] | null {
  try {
    const stmts = pg().parseSync(text).stmts ?? [];
    return stmts.length === 1 ? unwrap(stmts[0]!.stmt) : null;
  } catch {
    return null;
  }
}

// Source positions: `location` everywhere, plus the list bounds PostgreSQL 18 records (`x IN (...)`, ARRAY[...]).
const POSITION_KEYS = new Set(['location', 'stmt_location', 'stmt_len', 'rexpr_list_start', 'rexpr_list_end', 'list_start', 'list_end', 'name_location']);
const NO_FIELDS: ReadonlySet<string> = new Set();

/** Node trees equal apart from source positions and the fields in `ignore`. */
export function sameTree(a: unknown, b: unknown, ignore: ReadonlySet<string> = NO_FIELDS): boolean {
  // Pairs still to compare, from stacks of their own: an expression thousands of terms long nests as deep.
  const left: unknown[] = [a];
  const right: unknown[] = [b];
  while (left.length) {
    const x = left.pop();
    const y = right.pop();
    if (x === y) continue;
    if (!x || !y || typeof x !== 'object' || typeof y !== 'object') return false;
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        left.push(x[i]);
        right.push(y[i]);
      }
      continue;
    }
    let fields = 0;
    for (const k in x) {
      if (POSITION_KEYS.has(k) || ignore.has(k)) continue;
      fields++;
      if (!(k in y)) return false;
      const u = (x as AstNode)[k];
      const v = (y as AstNode)[k];
      if (u === v) continue;
      // Unequal values that are not both nodes or lists: the trees differ here.
      if (!u || !v || typeof u !== 'object' || typeof v !== 'object') return false;
      left.push(u);
      right.push(v);
    }
    for (const k in y) if (!POSITION_KEYS.has(k) && !ignore.has(k)) fields--;
    if (fields !== 0) return false;
  }
  return true;
}

/** The column names `expr` reads (the last part of each column reference). */
export function columnsRead(expr: unknown): Set<string> {
  const out = new Set<string>();
  walkTree(expr, (node, key) => {
    const last = key === 'ColumnRef' ? stringsOf((node as AstNode).fields).pop() : undefined;
    if (last === undefined) return true;
    out.add(last);
    return false;
  });
  return out;
}

/** A SQL statement inside a DO block, or an expression PL/pgSQL runs there as a query, with what protects it when it fails. */
export interface DoBodyStatement {
  /** The statement's (or expression's) text as written in the body. */
  text: string;
  /** Character offset of `text` in the DO statement's text, or -1 when it could not be located (an expression, PERFORM). */
  offset: number;
  /** Condition names of the exception handlers around it ('others', 'duplicate_object', '42710', ...). */
  handlers: string[];
  /** Whether it runs under an IF/ELSIF/ELSE or CASE branch (the author checks before acting), or in an exception handler. */
  conditional: boolean;
  /**
   * Whether no run reaches it: under IF false, WHILE false, an arm after IF true, or after a RETURN or RAISE EXCEPTION
   * that every run meets first. PL/pgSQL plans a statement only when it runs it.
   */
  never: boolean;
  /** The statement's parse, or null when it is not one plain SQL statement. */
  parsed: [string, AstNode] | null;
}

/** A DO block read once: its SQL statements, and (where asked for) every query PL/pgSQL runs for it. */
interface DoBody {
  statements: DoBodyStatement[];
  queries: DoBodyStatement[];
  /** The action of the body's PL/pgSQL parse; null when it was not parsed or does not parse. */
  action: unknown;
}

// Several rules read the same DO blocks: parse each body once per parse tree. Its queries cost a parse per expression
// and are read only for a rule that asks for them, where a new enum value could be used.
const bodies = new WeakMap<AstNode, DoBody>();
const withQueries = new WeakMap<AstNode, DoBody>();

function doBody(doText: string, doNode: AstNode, queries: boolean): DoBody {
  const cache = queries ? withQueries : bodies;
  let out = cache.get(doNode);
  if (!out) cache.set(doNode, (out = readDoBody(doText, doNode, queries, queries ? bodies.get(doNode) : undefined)));
  return out;
}

/**
 * The SQL statements a DO block runs directly (not EXECUTEd strings, nor those of its exception handlers; PERFORM as the
 * SELECT it runs), from libpg-query's PL/pgSQL parse; an empty list for other languages or a body that does not parse.
 */
export function doBodyStatements(doText: string, doNode: AstNode): DoBodyStatement[] {
  return (withQueries.get(doNode) ?? doBody(doText, doNode, false)).statements;
}

/**
 * Every query PL/pgSQL runs for a DO block, as PostgreSQL types it: its SQL statements, its exception handlers' too, and
 * the expressions it evaluates as `SELECT <expression>` (conditions, assignments, DECLARE defaults, RAISE and loop
 * operands). In each, a variable reads as a NULL of its declared type (`NULL::mood`), and a value assigned to a variable
 * is cast to that variable's type, as PL/pgSQL converts it.
 */
export function doBodyQueries(doText: string, doNode: AstNode): DoBodyStatement[] {
  return doBody(doText, doNode, true).queries;
}

/** The action of a DO block's PL/pgSQL parse (read once, as doBodyStatements reads it); null for another language or a body that does not parse. */
export function doBlockAction(doText: string, doNode: AstNode): unknown {
  return (withQueries.get(doNode) ?? doBody(doText, doNode, false)).action;
}

/** Where a statement of the body sits; `handler`: in an exception handler, read for its queries only. */
interface Place {
  handlers: string[];
  conditional: boolean;
  never: boolean;
  handler: boolean;
}

// elog.h's ERROR: the level of RAISE EXCEPTION, of a RAISE with no level and of a re-raise.
const ERROR_LEVEL = 21;

/** `known`: a read without queries already made of this block, whose PL/pgSQL parse and statements' parses a read with them takes over. */
function readDoBody(doText: string, doNode: AstNode, queries: boolean, known?: DoBody): DoBody {
  const out: DoBody = { statements: [], queries: [], action: null };
  const args = asArray(doNode.args).map((a) => nodeOf(a, 'DefElem'));
  const language = stringOf(args.find((a) => a?.defname === 'language')?.arg);
  if (language && language.toLowerCase() !== 'plpgsql') return out;
  const body = stringOf(args.find((a) => a?.defname === 'as')?.arg);
  if (body === undefined) return out;
  const action = known ? known.action : plpgsqlAction(doText);
  out.action = action;
  if (!action) return out;
  const declared = queries ? declarations(body, blocksIn(action)) : [];
  const variables = variableTypes(declared.flat());
  const bodyAt = doText.indexOf(body);
  let searchFrom = Math.max(0, bodyAt);
  let blocks = 0;
  /** An expression PL/pgSQL runs at `place` (`mode`: its parse mode), its value cast to `target` where it is assigned to a variable. */
  const evaluate = (text: string, mode: number, place: Place, target: AstNode | null = null, vars = variables): void => {
    if (!queries) return;
    const { handlers, conditional, never } = place;
    out.queries.push({ text, offset: -1, handlers, conditional, never, parsed: typedQuery(text, mode, vars, target) });
  };
  const evaluateAll = (exprs: unknown[], place: Place): void => {
    for (const e of exprs) {
      const expr = nodeOf(e, 'PLpgSQL_expr');
      if (typeof expr?.query === 'string') evaluate(expr.query, Number(expr.parseMode ?? 0), place);
    }
  };
  // Statements nest as deep as the body's blocks, IFs and loops: rather than by recursion, each part of the walk that
  // comes after another's end waits on this stack (pushed last to first), and a statement list calls `done` when it ends.
  // A statement list is walked at once up to its first block, IF, CASE or loop, which goes on the stack.
  const pending: Array<() => void> = [];
  /** Visits a statement list; `done` learns whether no run goes past it (every run meets a RETURN, a RAISE EXCEPTION or an error). */
  const visit = (stmts: unknown[], place: Place, done: (ended: boolean) => void): void => {
    let ended = false;
    let i = 0;
    const next = (): void => {
      while (i < stmts.length) {
        const u = unwrap(stmts[i++]);
        if (!u) continue;
        const [kind, fields] = u;
        const at: Place = ended ? { ...place, never: true } : place;
        if (kind !== 'PLpgSQL_stmt_block' && kind !== 'PLpgSQL_stmt_if' && kind !== 'PLpgSQL_stmt_case' && !Array.isArray(fields.body)) {
          ended = leaf(kind, fields, at) || ended;
          continue;
        }
        pending.push(next, () => step(kind, fields, at, (stepEnded) => (ended = stepEnded || ended)));
        return;
      }
      done(ended);
    };
    next();
  };
  /** A statement that holds no others (SQL, PERFORM, an assignment, RETURN, RAISE, ...): true when no run goes past it. */
  const leaf = (kind: string, fields: AstNode, place: Place): boolean => {
    if (kind === 'PLpgSQL_stmt_execsql' || kind === 'PLpgSQL_stmt_perform') {
      // PERFORM's query reads SELECT where the body writes PERFORM: it cannot be located there.
      const text = String(nodeOf(fields.sqlstmt ?? fields.expr, 'PLpgSQL_expr')?.query ?? '');
      const at = bodyAt < 0 || kind === 'PLpgSQL_stmt_perform' ? -1 : doText.indexOf(text, searchFrom);
      if (at >= 0) searchFrom = at + text.length;
      if (place.handler && !queries) return false;
      const { handlers, conditional, never } = place;
      const prior = place.handler ? undefined : known?.statements[out.statements.length];
      const parsed = prior ? prior.parsed : parseOne(text);
      if (!place.handler) out.statements.push({ text, offset: at, handlers, conditional, never, parsed });
      if (queries) out.queries.push({ text, offset: at, handlers, conditional, never, parsed: parsed && typed(parsed, variables) });
      return false;
    }
    if (queries) evaluateAll(ownExpressions(fields), place);
    return kind === 'PLpgSQL_stmt_return' || (kind === 'PLpgSQL_stmt_raise' && fields.elog_level === ERROR_LEVEL);
  };
  /** A block, IF, CASE or loop; `done` learns whether no run goes past it. */
  const step = (kind: string, fields: AstNode, place: Place, done: (ended: boolean) => void): void => {
    const branch: Place = { ...place, conditional: true };
    if (kind === 'PLpgSQL_stmt_block') {
      // A block's DECLARE defaults are evaluated as it starts, outside its own handlers.
      for (const d of declared[blocks++] ?? []) if (d.value !== null) evaluate(d.value, PLPGSQL_EXPR, place, typeNameOf(d.type));
      const excBlock = nodeOf(fields.exceptions, 'PLpgSQL_exception_block');
      const caught = asArray(excBlock?.exc_list).flatMap((e) =>
        asArray(nodeOf(e, 'PLpgSQL_exception')?.conditions).map((c) =>
          String(nodeOf(c, 'PLpgSQL_condition')?.condname ?? '').toLowerCase(),
        ),
      );
      let bodyEnds = false;
      let handlersEnd = true;
      // EXIT <label> leaves a labelled block: only an unlabelled one ends where its body does.
      pending.push(() => done(bodyEnds && handlersEnd && !fields.label));
      // A handler runs when the body raises what it catches, and goes on after the block unless it ends too.
      for (const e of [...asArray(excBlock?.exc_list)].reverse()) {
        pending.push(() => visit(asArray(nodeOf(e, 'PLpgSQL_exception')?.action), { ...branch, handler: true }, (ends) => (handlersEnd = ends && handlersEnd)));
      }
      visit(asArray(fields.body), { ...place, handlers: [...place.handlers, ...caught] }, (ends) => (bodyEnds = ends));
      return;
    }
    if (kind === 'PLpgSQL_stmt_if') {
      // Arms in order, ELSE last: an arm (and its condition) runs only while no arm before it is taken, and never under a constant false.
      const arms = [{ cond: fields.cond, stmts: fields.then_body }, ...asArray(fields.elsif_list).map((a) => unwrap(a)?.[1] ?? {}), { cond: undefined, stmts: fields.else_body }];
      let taken = false;
      let ends = true;
      pending.push(() => done(ends));
      for (let i = arms.length - 1; i >= 0; i--) {
        const arm = arms[i]!;
        pending.push(() => {
          const skipped = place.never || taken;
          if (arm.cond !== undefined) evaluateAll([arm.cond], i === 0 ? place : { ...branch, never: skipped });
          const value = arm.cond === undefined ? true : constantCondition(arm.cond);
          const armPlace = { ...branch, never: skipped || value === false };
          visit(asArray(arm.stmts), armPlace, (armEnds) => {
            ends = (armEnds || armPlace.never) && ends;
            taken ||= value === true;
          });
        });
      }
      return;
    }
    if (kind === 'PLpgSQL_stmt_case') {
      evaluateAll([fields.t_expr], place);
      // CASE x WHEN ... tests `"__Case__Variable_<t_varno>__" IN (...)`, that variable holding x.
      const subject = queries && fields.t_expr ? typedQuery(String(nodeOf(fields.t_expr, 'PLpgSQL_expr')?.query ?? ''), PLPGSQL_EXPR, variables, null) : null;
      const value = nodeOf(asArray(subject?.[1].targetList)[0], 'ResTarget')?.val;
      const vars = value ? new Map(variables).set(`__Case__Variable_${String(fields.t_varno)}__`, value) : variables;
      const whens = asArray(fields.case_when_list);
      let ends = true;
      // Without ELSE, a CASE that no arm matches raises case_not_found.
      pending.push(() => (fields.have_else ? visit(asArray(fields.else_stmts), branch, (elseEnds) => done(elseEnds && ends)) : done(ends)));
      for (let i = whens.length - 1; i >= 0; i--) {
        pending.push(() => {
          const when = unwrap(whens[i])?.[1] ?? {};
          const query = nodeOf(when.expr, 'PLpgSQL_expr')?.query;
          if (typeof query === 'string') evaluate(query, PLPGSQL_EXPR, i === 0 ? place : branch, null, vars);
          visit(asArray(when.stmts), branch, (whenEnds) => (ends = whenEnds && ends));
        });
      }
      return;
    }
    if (queries) evaluateAll(ownExpressions(fields), place);
    // Loops: their bodies still run unconditionally once reached, but for WHILE false; an EXIT may leave them, so no RETURN in them ends the list.
    const skipped = place.never || (kind === 'PLpgSQL_stmt_while' && constantCondition(fields.cond) === false);
    visit(asArray(fields.body), { ...place, never: skipped }, () => done(false));
  };
  visit([action], { handlers: [], conditional: false, never: false, handler: false }, () => {});
  for (let run = pending.pop(); run; run = pending.pop()) run();
  return out;
}

/** The action of a DO block's PL/pgSQL parse; null when it does not parse. */
function plpgsqlAction(doText: string): unknown {
  try {
    const funcs = asArray((pg().parsePlPgSQLSync(doText) as unknown as { plpgsql_funcs?: unknown[] }).plpgsql_funcs);
    return nodeOf(funcs[0], 'PLpgSQL_function')?.action ?? null;
  } catch {
    return null;
  }
}

/** The number of blocks in a PL/pgSQL parse. */
function blocksIn(action: unknown): number {
  let n = 0;
  walkTree(action, (_, key) => {
    if (key === 'PLpgSQL_stmt_block') n++;
  });
  return n;
}

/** The expressions a statement evaluates itself: not those of the statements in its body, nor its loop variable. */
function ownExpressions(fields: AstNode): unknown[] {
  const out: unknown[] = [];
  const find = (node: object): boolean => {
    if (!nodeOf(node, 'PLpgSQL_expr')) return true;
    out.push(node);
    return false;
  };
  for (const [key, value] of Object.entries(fields)) if (key !== 'body' && key !== 'var' && key !== 'target') walkTree(value, find);
  return out;
}

/** A variable a DECLARE section declares, its type as written, and its default's text (null without one). */
interface Declaration {
  name: string;
  type: string;
  value: string | null;
}

/**
 * The DECLARE sections of a PL/pgSQL body by block, in the order of their BEGINs (libpg-query's parse leaves out the
 * default of a variable whose type it does not know, an enum's). Empty when the BEGINs are not the parse's `blocks`
 * (a column named begin): the sections cannot be told apart then.
 */
function declarations(body: string, blocks: number): Declaration[][] {
  const out: Declaration[][] = [];
  let section: Token[] | null = null;
  for (const t of scanTokens(body)) {
    if (t.keyword === 'DECLARE') section = [];
    else if (t.keyword === 'BEGIN') {
      out.push(section ? declarationsOf(body, section) : []);
      section = null;
    } else section?.push(t);
  }
  return out.length === blocks ? out : [];
}

const OPENING = new Set(['(', '[']);
const CLOSING = new Set([')', ']']);

/** The index of the first token at bracket depth 0 that `is`, or -1. */
function topLevel(tokens: Token[], is: (t: Token) => boolean): number {
  let depth = 0;
  return tokens.findIndex((t) => {
    if (OPENING.has(t.text)) depth++;
    else if (CLOSING.has(t.text)) depth--;
    return depth === 0 && is(t);
  });
}

/** The declarations of a DECLARE section's tokens: `name [CONSTANT] type [COLLATE c] [NOT NULL] [{:= | = | DEFAULT} value];`. */
function declarationsOf(body: string, tokens: Token[]): Declaration[] {
  const out: Declaration[] = [];
  for (let rest = tokens; rest.length; ) {
    const end = topLevel(rest, (t) => t.text === ';');
    const decl = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? [] : rest.slice(end + 1);
    const assign = topLevel(decl, (t) => t.text === ':=' || t.text === '=' || t.keyword === 'DEFAULT');
    const head = (assign < 0 ? decl : decl.slice(0, assign)).map((t) => t.text.toLowerCase());
    // ALIAS FOR and cursors hold no value of their own.
    if (head.length < 2 || head.includes('alias') || head.includes('cursor')) continue;
    const first = head[1] === 'constant' ? 2 : 1;
    const last = head.findIndex((w, i) => i > first && (w === 'collate' || w === 'not'));
    const type = body.slice(decl[first]!.start, decl[(last < 0 ? head.length : last) - 1]!.end);
    const value = assign < 0 || assign === decl.length - 1 ? null : body.slice(decl[assign + 1]!.start, decl[decl.length - 1]!.end);
    out.push({ name: identifier(decl[0]!.text), type, value });
  }
  return out;
}

/** An identifier token's name as the parser normalises it: quotes taken off, or lower-cased. */
function identifier(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}

/** A type as written (`mood`, `mood[]`, `public.mood`) as a TypeName node; null where it does not parse as one (`t.c%TYPE`). */
function typeNameOf(type: string): AstNode | null {
  const select = parseOne(`SELECT NULL::${type}`);
  const typeName = nodeOf(nodeOf(asArray(select?.[1].targetList)[0], 'ResTarget')?.val, 'TypeCast')?.typeName;
  return select?.[0] === 'SelectStmt' && typeName ? (typeName as AstNode) : null;
}

/** Each variable as a NULL of its declared type; a name declared with two types, or a type that does not parse, is left out. */
function variableTypes(declared: Declaration[]): Map<string, unknown> {
  const types = new Map<string, string | null>();
  for (const d of declared) {
    const type = d.type.replace(/\s+/g, ' ').toLowerCase();
    types.set(d.name, types.has(d.name) && types.get(d.name) !== type ? null : type);
  }
  const out = new Map<string, unknown>();
  for (const [name, type] of types) {
    const typeName = type === null ? null : typeNameOf(type);
    if (typeName) out.set(name, { TypeCast: { arg: { A_Const: { isnull: true } }, typeName } });
  }
  return out;
}

// PL/pgSQL's parse modes (RawParseMode): a whole statement, `SELECT <expression>`, and `target := <expression>` (3 to 5).
const PLPGSQL_EXPR = 2;
const PLPGSQL_ASSIGN = new Set([3, 4, 5]);

/** The query PL/pgSQL runs for `text` in parse mode `mode`, typed by `vars`, its value cast to `target` (or to the variable it assigns). */
function typedQuery(text: string, mode: number, vars: ReadonlyMap<string, unknown>, target: AstNode | null): [string, AstNode] | null {
  let expr = text;
  let cast = target;
  if (PLPGSQL_ASSIGN.has(mode)) {
    // `v := value` takes v's type; `v[i] := value` its element type; a record field's type is not known.
    const tokens = scanTokens(text);
    const at = topLevel(tokens, (t) => t.text === ':=' || t.text === '=');
    if (at < 1) return null;
    const variable = vars.get(identifier(tokens[0]!.text));
    const typeName = nodeOf(variable, 'TypeCast')?.typeName as AstNode | undefined;
    const element = at > 1 && tokens[1]!.text === '[' && tokens[at - 1]!.text === ']';
    cast = !typeName ? null : at === 1 ? typeName : element ? { ...typeName, arrayBounds: [] } : null;
    expr = text.slice(tokens[at]!.end);
  }
  const parsed = parseOne(mode === 0 ? expr : `SELECT ${expr}`);
  if (!parsed) return null;
  const [kind, node] = typed(parsed, vars);
  const [first, ...rest] = asArray(node.targetList);
  const value = nodeOf(first, 'ResTarget');
  if (!cast || kind !== 'SelectStmt' || !value) return [kind, node];
  return [kind, { ...node, targetList: [{ ResTarget: { ...value, val: { TypeCast: { arg: value.val, typeName: cast } } } }, ...rest] }];
}

/** `parsed` with each plain name of `vars` replaced by its value (a variable's typed NULL). */
function typed(parsed: [string, AstNode], vars: ReadonlyMap<string, unknown>): [string, AstNode] {
  if (!vars.size) return parsed;
  const valueOf = (ref: unknown): unknown => {
    const fields = asArray(nodeOf(ref, 'ColumnRef')?.fields);
    const name = fields.length === 1 ? stringOf(fields[0]) : undefined;
    return name !== undefined ? vars.get(name) : undefined;
  };
  // Copied from a stack of [original, copy] pairs rather than by recursion: a query may nest thousands deep.
  const copied: AstNode = {};
  const pending: Array<[AstNode, AstNode]> = [[{ node: parsed[1] }, copied]];
  for (let pair = pending.pop(); pair; pair = pending.pop()) {
    const [from, to] = pair;
    for (const key of Object.keys(from)) {
      const value = from[key];
      const variable = valueOf(value);
      if (variable !== undefined || !value || typeof value !== 'object') to[key] = variable ?? value;
      else pending.push([value as AstNode, (to[key] = Array.isArray(value) ? [] : {}) as AstNode]);
    }
  }
  return [parsed[0], copied.node as AstNode];
}

/** A PL/pgSQL condition's value when it is a boolean constant (`false`, `TRUE`); undefined for anything else. */
function constantCondition(cond: unknown): boolean | undefined {
  const query = nodeOf(cond, 'PLpgSQL_expr')?.query;
  // Only the keywords TRUE and FALSE make a boolean constant: a condition without either needs no parse.
  const select = typeof query === 'string' && /\b(?:true|false)\b/i.test(query) ? parseOne(`SELECT ${query}`) : null;
  const targets = select?.[0] === 'SelectStmt' && !select[1].fromClause ? asArray(select[1].targetList) : [];
  const value = targets.length === 1 ? nodeOf(nodeOf(targets[0], 'ResTarget')?.val, 'A_Const')?.boolval : undefined;
  return value === undefined ? undefined : (value as AstNode).boolval === true;
}
