// Finds top-level statement boundaries lexically (quotes, dollar quotes, comments), only to cut inputs too large
// for the WASM parser into chunks and to find inline COPY data; the parser itself still decides what is SQL.

/** Offsets just past each top-level `;` in `sql`. */
export function topLevelSemicolons(sql: string): number[] {
  const cuts: number[] = [];
  for (let cut = nextSemicolon(sql, 0); cut !== -1; cut = nextSemicolon(sql, cut)) cuts.push(cut);
  return cuts;
}

/** The offset just past the first top-level `;` in sql[from, to), or -1 when there is none. */
export function nextSemicolon(sql: string, from: number, to = sql.length): number {
  let i = from;
  while (i < to) {
    const c = sql.charCodeAt(i);
    if (c === 59 /* ; */) {
      return i + 1;
    } else if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
      const eol = sql.indexOf('\n', i);
      i = eol === -1 ? sql.length : eol + 1;
    } else if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      i = skipBlockComment(sql, i);
    } else if (c === 39 /* ' */ || c === 34 /* " */) {
      i = skipQuoted(sql, i, sql[i]!);
    } else if (c === 36 /* $ */) {
      i = skipDollarQuoted(sql, i);
    } else {
      i++;
    }
  }
  return -1;
}

export function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

/** The offset just past the quote that closes the one at `start`: a doubled quote escapes, and so does `\` in an E'' string. */
export function skipQuoted(sql: string, start: number, quote: string, backslashes = false): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (backslashes && sql[i] === '\\') i++;
    else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return sql.length;
}

export const DOLLAR_TAG = /\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/y;

function skipDollarQuoted(sql: string, start: number): number {
  // `$1` is a parameter, not a quote; identifiers may contain `$` but never start with it.
  const prev = start > 0 ? sql[start - 1]! : ' ';
  if (/[\w$]/.test(prev)) return start + 1;
  DOLLAR_TAG.lastIndex = start;
  const m = DOLLAR_TAG.exec(sql);
  if (!m) return start + 1;
  const tag = m[0];
  const end = sql.indexOf(tag, start + tag.length);
  return end === -1 ? sql.length : end + tag.length;
}

/** Splits `sql` into pieces of about `size` characters, each ending at a top-level `;`. */
export function chunkAtStatements(sql: string, size: number): Array<{ offset: number; text: string }> {
  const chunks: Array<{ offset: number; text: string }> = [];
  let from = 0;
  let last = 0;
  for (const cut of topLevelSemicolons(sql)) {
    if (cut - from > size && last > from) {
      chunks.push({ offset: from, text: sql.slice(from, last) });
      from = last;
    }
    last = cut;
  }
  if (from < sql.length) chunks.push({ offset: from, text: sql.slice(from) });
  return chunks;
}

/** The first offset at or after `from` that is neither white space nor a comment. */
export function skipTrivia(sql: string, from: number, to = sql.length): number {
  let i = from;
  while (i < to) {
    const c = sql.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xfeff) i++;
    else if (c === 45 && sql.charCodeAt(i + 1) === 45) {
      const eol = sql.indexOf('\n', i);
      i = eol === -1 ? to : eol + 1;
    } else if (c === 47 && sql.charCodeAt(i + 1) === 42) i = skipBlockComment(sql, i);
    else break;
  }
  return Math.min(i, to);
}
