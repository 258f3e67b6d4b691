// golang-migrate with x-multi-statement=true in its database URL (golang-migrate/migrate database/postgres/postgres.go,
// Run): multistmt.Parse (database/multistmt/parse.go) cuts the file just after every `;` byte, found with bytes.Index,
// so in a $$ body, a string or a comment too, and runStatement sends each piece that is not blank as a query of its
// own, which PostgreSQL runs in an implicit transaction of its own. The pieces are cut from the text as filled in.

import type { ParsedSql, Statement } from '../sql/parser.js';

/** text[start, end). */
interface Span {
  start: number;
  end: number;
}

/** A piece golang-migrate sends: text[start, end), up to and with its `;` (the last one to the end of the text). */
export interface Piece extends Span {
  /** Both its ends are where PostgreSQL ends a statement (or the text begins or ends): it holds whole statements only. */
  clean: boolean;
}

/** The pieces golang-migrate sends for `sql`, whose statements PostgreSQL reads as `statements`. */
export function multiStatementPieces(sql: string, statements: readonly Statement[]): Piece[] {
  // The `;` that end statements: the first thing after each one's last token.
  const ends = new Set(statements.map((s) => s.end + (/^\s*/.exec(sql.slice(s.end))?.[0].length ?? 0)).filter((at) => sql[at] === ';'));
  const clean = (p: Span) => (p.start === 0 || ends.has(p.start - 1)) && (sql[p.end - 1] !== ';' || ends.has(p.end - 1));
  // runStatement skips a piece that is only white space.
  return scanPieces(sql)
    .filter((p) => sql.slice(p.start, p.end).trim())
    .map((p) => ({ ...p, clean: clean(p) }));
}

/** golang-migrate's x-multi-statement-max-size when the URL sets none (postgres.go DefaultMultiStatementMaxSize, 10 MB). */
export const DEFAULT_MULTI_STATEMENT_MAX_SIZE = 10 << 20;

/** multistmt.StartBufSize: the scanner's first buffer, which a smaller x-multi-statement-max-size does not shrink. */
const START_BUF_SIZE = 4096;

/** A piece too long for golang-migrate's scanner: its size, the scanner's, and the least x-multi-statement-max-size that holds it. */
export interface OversizedPiece extends Span {
  bytes: number;
  room: number;
  needed: number;
}

/**
 * The first piece golang-migrate cannot read with x-multi-statement-max-size `maxSize`. multistmt.Parse scans with a
 * bufio.Scanner whose buffer grows to the larger of the two sizes (Go's Scanner.Buffer); a piece that does not fit stops
 * Parse with bufio.ErrTooLong, after the pieces before it ran. A piece ending in `;` may fill the buffer; the last one
 * needs a byte to spare, as the scanner learns of the end of the file only on a read after it (the body is an io.Pipe).
 */
export function oversizedPiece(sql: string, maxSize: number): OversizedPiece | null {
  const room = Math.max(maxSize, START_BUF_SIZE);
  // A UTF-16 unit is at most 3 bytes of UTF-8: a file that short holds no piece too long, and needs no scan.
  if (sql.length * 3 < room) return null;
  for (const p of scanPieces(sql)) {
    const bytes = Buffer.byteLength(sql.slice(p.start, p.end));
    const needed = sql[p.end - 1] === ';' ? bytes : bytes + 1;
    if (needed > room) return { ...p, bytes, room, needed };
  }
  return null;
}

/** Every piece multistmt.Parse's scanner reads, blank ones too: up to and with each `;`, then the rest of the text. */
function scanPieces(sql: string): Span[] {
  const pieces: Span[] = [];
  let start = 0;
  for (let at = sql.indexOf(';'); at !== -1; at = sql.indexOf(';', at + 1)) {
    pieces.push({ start, end: at + 1 });
    start = at + 1;
  }
  pieces.push({ start, end: sql.length });
  return pieces;
}

/** The queries golang-migrate sends, as statements of `sql`, where it cuts a statement apart; null where it sends the statements PostgreSQL reads. */
export function multiStatementCuts(sql: string, parsed: ParsedSql): Statement[] | null {
  if (parsed.error) return null;
  const pieces = multiStatementPieces(sql, parsed.statements);
  if (pieces.every((p) => p.clean)) return null;
  return pieces.flatMap((p) => {
    const held = parsed.statements.filter((s) => p.start <= s.start && s.start < p.end);
    // A clean piece is its statements, each its own query (CONCURRENTLY in it runs as under golang-migrate).
    if (p.clean) return held;
    const text = sql.slice(p.start, p.end);
    const at = p.start + (text.length - text.trimStart().length);
    const to = p.start + text.trimEnd().length;
    const { line, column } = parsed.lines.position(at);
    return [{ kind: 'MultiStatementPiece', node: {}, start: at, end: to, leading: '', line, column, endLine: parsed.lines.position(to - 1).line, text: sql.slice(at, to) }];
  });
}
