// The real PostgreSQL parser (libpg-query, WASM) wrapped for migration files: statements with
// character spans and line/column positions, syntax errors with positions, big inputs in chunks.

import type { Node } from '@pgsql/types';
import { blankCopyData, copyData, type CopyData } from './copy-data.js';
import { LineIndex } from './lines.js';
import { deepStatement, guarded, overflows } from './side-parser.js';
import { chunkAtStatements, skipTrivia } from './split.js';

export interface Statement {
  /** The parse node's type, e.g. 'CreateStmt'. */
  kind: string;
  /** The parse node's fields (the value under `kind`). */
  node: Record<string, unknown>;
  /** Character offset of the statement's first token in the parsed text. */
  start: number;
  /** Character offset just past the statement's last token (before its `;`, and any comment before that or after a last statement without one). */
  end: number;
  /** Comments and white space between the previous statement and this one (inline directives live here). */
  leading: string;
  line: number;
  column: number;
  endLine: number;
  text: string;
  /** For `COPY ... FROM STDIN`: the rows that follow it in the text, which psql feeds to it. */
  copy?: CopyData;
}

export interface SyntaxError {
  message: string;
  offset: number;
  line: number;
  column: number;
}

export interface ParsedSql {
  statements: Statement[];
  error: SyntaxError | null;
  lines: LineIndex;
}

type PgQuery = typeof import('libpg-query');
/** The calls of libpg-query the gate makes: the two that can overflow the stack are guarded (see side-parser.ts). */
export type Parser = Pick<PgQuery, 'parseSync' | 'parsePlPgSQLSync' | 'scanSync'>;

let loaded: Promise<void> | null = null;
let parser: Parser | null = null;
/** libpg-query itself, for the pieces of parseSql, which the side worker parses its own way. */
let pgQuery: PgQuery | null = null;

/**
 * Loads the WASM parser once (about 40 ms); every parse after it is synchronous. libpg-query compiles
 * its WASM as soon as it is imported, so it is imported here, by the runs that parse, and by no other.
 */
export function loadParser(): Promise<void> {
  loaded ??= import('libpg-query').then(async (m) => {
    await m.loadModule();
    pgQuery = m;
    parser = {
      parseSync: (sql) => guarded('parseSync', sql, m.parseSync),
      parsePlPgSQLSync: (sql) => guarded('parsePlPgSQLSync', sql, m.parsePlPgSQLSync),
      scanSync: m.scanSync,
    };
  });
  return loaded;
}

/** The loaded parser (its synchronous parse, scan and PL/pgSQL calls); loadParser() first. */
export function pg(): Parser {
  if (!parser) throw new Error('the SQL parser is not loaded: await loadParser() before parsing');
  return parser;
}

/** Inputs past this size go through the parser in pieces: one call over ~30 MB exhausts its heap. */
export const CHUNK_CHARS = 4 * 1024 * 1024;

/** Parses `sql`; call `loadParser()` first. Never throws for bad SQL: the error is in the result. */
export function parseSql(sql: string): ParsedSql {
  const copies = copyData(sql);
  // Inline COPY rows are not SQL: the parser reads them as blanks, line breaks kept, so every position after them stays exact.
  const text = copies.length ? blankCopyData(sql, copies) : sql;
  const lines = new LineIndex(text);
  const statements: Statement[] = [];
  const pieces = text.length > CHUNK_CHARS ? chunkAtStatements(text, CHUNK_CHARS) : [{ offset: 0, text }];
  for (const piece of pieces) {
    const error = parsePiece(text, piece.offset, piece.text, lines, statements);
    if (error) return { statements, error, lines };
  }
  let at = 0;
  for (const copy of copies) {
    while (at < statements.length && statements[at]!.end <= copy.stdin) at++;
    const s = statements[at];
    if (s?.kind === 'CopyStmt' && s.start <= copy.stdin) s.copy = copy;
  }
  return { statements, error: null, lines };
}

function parsePiece(
  sql: string,
  offset: number,
  text: string,
  lines: LineIndex,
  out: Statement[],
): SyntaxError | null {
  let raw;
  try {
    // PostgreSQL takes an empty query (psql runs an empty file); libpg-query's wrapper refuses one.
    raw = text === '' ? [] : (guarded('parsePiece', text, pgQuery!.parseSync).stmts ?? []);
  } catch (e) {
    if (overflows(e)) {
      // Found by the side worker, where the piece overflowed too; here when there is none (running from source).
      const at = offset + ((e as { at?: number }).at ?? deepStatement(text, pgQuery!.parseSync));
      return { message: STACK_DEPTH, offset: at, ...lines.position(at) };
    }
    const details = (e as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const at = offset + Math.max(0, details?.cursorPosition ?? 0);
    const message = e instanceof Error ? e.message : String(e);
    return { message, offset: at, ...lines.position(at) };
  }
  const toChar = byteToCharMapper(text);
  const pieceEnd = offset + text.length;
  // stmt_location points at the first token; the comments before it (inline directives) start after the previous `;`.
  let previousEnd = offset;
  for (const stmt of raw) {
    const from = offset + toChar(stmt.stmt_location ?? 0);
    const to = stmt.stmt_len === undefined ? pieceEnd : offset + toChar((stmt.stmt_location ?? 0) + stmt.stmt_len);
    const start = skipTrivia(sql, from, to);
    const leadingFrom = sql[previousEnd] === ';' ? previousEnd + 1 : previousEnd;
    previousEnd = to;
    const [kind, node] = Object.entries(stmt.stmt as Node)[0] as [string, Record<string, unknown>];
    const end = trimEnd(sql, start, to);
    const pos = lines.position(start);
    out.push({
      kind,
      node,
      start,
      end,
      leading: sql.slice(leadingFrom, start),
      line: pos.line,
      column: pos.column,
      endLine: lines.position(Math.max(start, end - 1)).line,
      text: sql.slice(start, end),
    });
  }
  return null;
}

/** PostgreSQL's own words for a statement nested deeper than its stack allows, e.g. `1+1+...` with tens of thousands of terms. */
const STACK_DEPTH = 'stack depth limit exceeded: PostgreSQL refuses a statement nested this deep (split it into smaller statements)';

/** The end of the statement's last token: the parser's span runs on over comments up to the `;`, or to the end of the text. */
function trimEnd(sql: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s;]/.test(sql[e - 1]!)) e--;
  const text = sql.slice(start, e);
  // Only a text whose last line holds `--`, or that ends in `*/`, can end in a comment.
  if (!text.endsWith('*/') && !text.slice(text.lastIndexOf('\n') + 1).includes('--')) return e;
  const tokens = pg().scanSync(text).tokens.filter((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT');
  const last = tokens[tokens.length - 1];
  return last ? start + byteToCharMapper(text)(last.end) : e;
}

/** libpg-query reports UTF-8 byte offsets; this turns them into string indices. */
export function byteToCharMapper(text: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return (byte) => byte;
  const charAtByte: number[] = [];
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) charAtByte[byte + k] = i;
    byte += width;
    if (code >= 0x10000) i++;
  }
  return (b) => (b >= byte ? text.length : charAtByte[b]!);
}
