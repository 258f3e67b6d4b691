// Small typed readers for libpg-query parse nodes and tokens: qualified names, identifier quoting,
// the parser's own scanner with character offsets, and the statements inside a DO block's body.

import { byteToCharMapper, pg } from './parser.js';
import { quoted } from './quoted.js';

export type AstNode = Record<string, unknown>;

/** A `{ Kind: fields }` wrapper split into its kind and fields, or null when `value` is not one. */
export function unwrap(value: unknown): [string, AstNode] | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value as AstNode);
  if (entries.length !== 1) return null;
  const [kind, fields] = entries[0]!;
  return fields && typeof fields === 'object' ? [kind, fields as AstNode] : null;
}

/** The fields of `value` when it is a node of `kind`. */
export function nodeOf(value: unknown, kind: string): AstNode | null {
  const u = unwrap(value);
  return u && u[0] === kind ? u[1] : null;
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

/** Two names are the same object when their names match and, where both give one, their schemas. */
export function sameName(a: QualifiedName, b: QualifiedName): boolean {
  return a.name === b.name && (a.schema === undefined || b.schema === undefined || a.schema === b.schema);
}

const PLAIN_IDENT = /^[a-z_][a-z0-9_$]*$/;
// Every PostgreSQL keyword is letters and underscores: a plain name with a digit or `$` is never one.
const KEYWORD_SHAPE = /^[a-z_]+$/;

const quotedNames = new Map<string, string>();

/** Quotes an identifier when SQL needs it to read back the same name (case, characters, reserved words). */
export function quoteIdent(name: string): string {
  if (!PLAIN_IDENT.test(name)) return quoted(name);
  if (!KEYWORD_SHAPE.test(name)) return name;
  let out = quotedNames.get(name);
  if (out === undefined) {
    const [token] = pg().scanSync(name).tokens;
    // Unreserved keywords are valid names everywhere; any other keyword class needs quotes somewhere.
    out = token && (token.keywordKind === 0 || token.keywordKind === 1) ? name : quoted(name);
    quotedNames.set(name, out);
  }
  return out;
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
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameTree(x, b[i], ignore));
  }
  const x = a as AstNode;
  const y = b as AstNode;
  const compared = (k: string) => !POSITION_KEYS.has(k) && !ignore.has(k);
  let fields = 0;
  for (const k in x) {
    if (!compared(k)) continue;
    fields++;
    if (!(k in y) || !sameTree(x[k], y[k], ignore)) return false;
  }
  for (const k in y) if (compared(k)) fields--;
  return fields === 0;
}

/** A SQL statement inside a DO block, with what protects it when it fails. */
export interface DoBodyStatement {
  /** The statement's text as written in the body. */
  text: string;
  /** Character offset of `text` in the DO statement's text, or -1 when it could not be located. */
  offset: number;
  /** Condition names of the exception handlers around it ('others', 'duplicate_object', '42710', ...). */
  handlers: string[];
  /** Whether it runs under an IF/ELSIF/ELSE or CASE branch (the author checks before acting). */
  conditional: boolean;
  /** Whether no run reaches it: under IF false, WHILE false, or an arm after IF true. PL/pgSQL plans a statement only when it runs it. */
  never: boolean;
  /** The statement's parse, or null when it is not one plain SQL statement. */
  parsed: [string, AstNode] | null;
}

// Several rules read the same DO blocks: parse each body once per parse tree.
const bodies = new WeakMap<AstNode, DoBodyStatement[]>();


/**
 * The SQL statements a DO block runs directly (not EXECUTEd strings; PERFORM as the SELECT it runs), from
 * libpg-query's PL/pgSQL parse; an empty list for other languages or a body that does not parse.
 */
export function doBodyStatements(doText: string, doNode: AstNode): DoBodyStatement[] {
  let out = bodies.get(doNode);
  if (!out) bodies.set(doNode, (out = readDoBody(doText, doNode)));
  return out;
}

function readDoBody(doText: string, doNode: AstNode): DoBodyStatement[] {
  const args = asArray(doNode.args).map((a) => nodeOf(a, 'DefElem'));
  const language = stringOf(args.find((a) => a?.defname === 'language')?.arg);
  if (language && language.toLowerCase() !== 'plpgsql') return [];
  const body = stringOf(args.find((a) => a?.defname === 'as')?.arg);
  if (body === undefined) return [];
  let funcs: unknown[];
  try {
    funcs = asArray((pg().parsePlPgSQLSync(doText) as unknown as { plpgsql_funcs?: unknown[] }).plpgsql_funcs);
  } catch {
    return [];
  }
  const bodyAt = doText.indexOf(body);
  const out: DoBodyStatement[] = [];
  let searchFrom = Math.max(0, bodyAt);
  const visit = (stmts: unknown[], handlers: string[], conditional: boolean, never: boolean): void => {
    for (const s of stmts) {
      const u = unwrap(s);
      if (!u) continue;
      const [kind, fields] = u;
      if (kind === 'PLpgSQL_stmt_execsql' || kind === 'PLpgSQL_stmt_perform') {
        // PERFORM's query reads SELECT where the body writes PERFORM: it cannot be located there.
        const text = String(nodeOf(fields.sqlstmt ?? fields.expr, 'PLpgSQL_expr')?.query ?? '');
        const at = bodyAt < 0 || kind === 'PLpgSQL_stmt_perform' ? -1 : doText.indexOf(text, searchFrom);
        if (at >= 0) searchFrom = at + text.length;
        out.push({ text, offset: at, handlers, conditional, never, parsed: parseOne(text) });
      } else if (kind === 'PLpgSQL_stmt_block') {
        const excBlock = nodeOf(fields.exceptions, 'PLpgSQL_exception_block');
        const caught = asArray(excBlock?.exc_list).flatMap((e) =>
          asArray(nodeOf(e, 'PLpgSQL_exception')?.conditions).map((c) =>
            String(nodeOf(c, 'PLpgSQL_condition')?.condname ?? '').toLowerCase(),
          ),
        );
        visit(asArray(fields.body), [...handlers, ...caught], conditional, never);
      } else if (kind === 'PLpgSQL_stmt_if') {
        // Arms in order, ELSE last: an arm runs only while no arm before it is taken, and never under a constant false.
        const arms = [{ cond: fields.cond, stmts: fields.then_body }, ...asArray(fields.elsif_list).map((a) => unwrap(a)?.[1] ?? {}), { cond: undefined, stmts: fields.else_body }];
        let taken = false;
        for (const arm of arms) {
          const value = arm.cond === undefined ? true : constantCondition(arm.cond);
          visit(asArray(arm.stmts), handlers, true, never || taken || value === false);
          taken ||= value === true;
        }
      } else if (kind === 'PLpgSQL_stmt_case') {
        // CASE: case_when_list[].stmts, else_stmts.
        const arms = asArray(fields.case_when_list).map((a) => unwrap(a)?.[1].stmts);
        for (const arm of [fields.else_stmts, ...arms]) visit(asArray(arm), handlers, true, never);
      } else {
        // Loops and other compound statements: their bodies still run unconditionally once reached, but for WHILE false.
        const skipped = never || (kind === 'PLpgSQL_stmt_while' && constantCondition(fields.cond) === false);
        for (const key of ['body', 'stmts']) if (Array.isArray(fields[key])) visit(fields[key] as unknown[], handlers, conditional, skipped);
      }
    }
  };
  for (const f of funcs) {
    const action = nodeOf(f, 'PLpgSQL_function')?.action;
    if (action) visit([action], [], false, false);
  }
  return out;
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
