// golang-migrate with x-multi-statement=true in its database URL (golang-migrate/migrate database/postgres/postgres.go,
// Run): multistmt.Parse (database/multistmt/parse.go) cuts the file just after every `;` byte, found with bytes.Index,
// so in a $$ body, a string or a comment too, and runStatement sends each piece that is not blank as a query of its
// own, which PostgreSQL runs in an implicit transaction of its own. The pieces are cut from the text as filled in.

import type { ParsedSql, Statement } from '../sql/parser.js';

/** A piece golang-migrate sends: text[start, end), up to and with its `;` (the last one to the end of the text). */
export interface Piece {
  start: number;
  end: number;
  /** Both its ends are where PostgreSQL ends a statement (or the text begins or ends): it holds whole statements only. */
  clean: boolean;
}

/** The pieces golang-migrate sends for `sql`, whose statements PostgreSQL reads as `statements`. */
export function multiStatementPieces(sql: string, statements: readonly Statement[]): Piece[] {
  // The `;` that end statements: the first thing after each one's last token.
  const ends = new Set(statements.map((s) => s.end + (/^\s*/.exec(sql.slice(s.end))?.[0].length ?? 0)).filter((at) => sql[at] === ';'));
  const pieces: Piece[] = [];
  let start = 0;
  let startsClean = true;
  for (let at = sql.indexOf(';'); at !== -1; at = sql.indexOf(';', at + 1)) {
    pieces.push({ start, end: at + 1, clean: startsClean && ends.has(at) });
    startsClean = ends.has(at);
    start = at + 1;
  }
  pieces.push({ start, end: sql.length, clean: startsClean });
  // runStatement skips a piece that is only white space.
  return pieces.filter((p) => sql.slice(p.start, p.end).trim());
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
