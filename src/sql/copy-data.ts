// Inline COPY data: after `COPY ... FROM STDIN;` psql (and Flyway) read the lines that follow, up to a line `\.`
// or the end of the file, as rows for the server's COPY, not as SQL. Found lexically, as those runners find them.

import { nextSemicolon, skipQuoted, skipTrivia } from './split.js';

export interface CopyData {
  /** Offset of the COPY statement's STDIN keyword (PGlite reads the rows as the file '/dev/blob' instead). */
  stdin: number;
  /** Offset of the first row: the start of the line after the statement's `;`. */
  start: number;
  /** Offset just past the last row: where the `\.` line starts, or the end of the text. */
  end: number;
  /** Offset just past the `\.` line, where SQL goes on. */
  resume: number;
}

/** The inline data of each `COPY ... FROM STDIN` in `sql`, in order. */
export function copyData(sql: string): CopyData[] {
  const blocks: CopyData[] = [];
  // Most files hold neither word: one cheap test each spares them the scan.
  if (!/copy/i.test(sql) || !/stdin/i.test(sql)) return blocks;
  let from = 0; // where the statement being read starts
  let at = 0; // where the lexer goes on
  // psql reads the rows from the line after the `;`, and the rest of the COPY's own line as SQL after them.
  let lineEnd = -1;
  let resume = -1;
  for (;;) {
    const cut = nextSemicolon(sql, at, resume === -1 ? sql.length : lineEnd);
    if (cut === -1 && resume !== -1) {
      if (skipTrivia(sql, from, lineEnd) >= lineEnd) from = resume;
      at = resume;
      resume = -1;
      continue;
    }
    const stdin = copyFromStdin(sql, from, cut === -1 ? sql.length : cut - 1);
    if (stdin !== -1) {
      if (resume === -1) {
        const eol = cut === -1 ? -1 : sql.indexOf('\n', cut);
        lineEnd = eol === -1 ? sql.length : eol + 1;
      }
      const block = rows(sql, resume === -1 ? lineEnd : resume, stdin);
      blocks.push(block);
      resume = block.resume;
    }
    if (cut === -1) return blocks;
    from = at = cut;
  }
}

/** `sql` with each block's rows and `\.` line as spaces, line breaks kept: every offset, line and column stays the file's. */
export function blankCopyData(sql: string, blocks: CopyData[]): string {
  let out = '';
  let last = 0;
  for (const b of blocks) {
    out += sql.slice(last, b.start) + sql.slice(b.start, b.resume).replace(/[^\n]/g, ' ');
    last = b.resume;
  }
  return out + sql.slice(last);
}

/**
 * The offset in `sql` of the row the server counts as `line` (1-based, as in its CONTEXT "COPY t, line 2"): a
 * physical line, except in CSV, where a quoted field may hold line breaks and a record is one line.
 */
export function rowOffset(sql: string, block: CopyData, line: number, csv: { quote: string; escape: string } | null): number {
  let at = block.start;
  let quoted = false;
  for (let n = 1; n < line && at < block.end; at++) {
    const c = sql[at];
    if (csv && quoted && c === csv.escape && csv.escape !== csv.quote && sql[at + 1] === csv.quote) at++;
    else if (csv && c === csv.quote) quoted = !quoted;
    else if (c === '\n' && !quoted) n++;
  }
  return Math.min(at, block.end);
}

const WORD = /[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/y;

/** Offset of STDIN in `COPY table [(columns)] FROM STDIN ...` written in sql[from, to); -1 for any other statement. */
function copyFromStdin(sql: string, from: number, to: number): number {
  let depth = 0;
  let first = true;
  let afterFrom = false;
  for (let i = skipTrivia(sql, from, to); i < to; i = skipTrivia(sql, i, to)) {
    WORD.lastIndex = i;
    const word = WORD.exec(sql) ? sql.slice(i, WORD.lastIndex).toUpperCase() : undefined;
    if (first && word !== 'COPY') return -1;
    first = false;
    // The first word at the top level after FROM names the source: STDIN, a file name, or PROGRAM.
    if (afterFrom && depth === 0) return word === 'STDIN' ? i : -1;
    if (word) {
      if (depth === 0 && word === 'FROM') afterFrom = true;
      if (depth === 0 && word === 'TO') return -1;
      i = WORD.lastIndex;
    } else if (sql[i] === '"' || sql[i] === "'") i = skipQuoted(sql, i, sql[i]!);
    else {
      if (sql[i] === '(') depth++;
      if (sql[i] === ')') depth--;
      i++;
    }
  }
  return -1;
}

/** The rows from `start` up to the line `\.` (psql's end of data; a `\r` before the line break allowed) or the end of `sql`. */
function rows(sql: string, start: number, stdin: number): CopyData {
  for (let line = start; line < sql.length; ) {
    const eol = sql.indexOf('\n', line);
    const lineEnd = eol === -1 ? sql.length : eol;
    const next = eol === -1 ? sql.length : eol + 1;
    if (sql.startsWith('\\.', line) && (lineEnd === line + 2 || (lineEnd === line + 3 && sql[line + 2] === '\r'))) {
      return { stdin, start, end: line, resume: next };
    }
    line = next;
  }
  return { stdin, start, end: sql.length, resume: sql.length };
}
