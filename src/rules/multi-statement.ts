// syntax-error under golang-migrate's x-multi-statement=true: it cuts the file at every `;` (src/discover/multi-statement.ts),
// not where PostgreSQL ends a statement, and sends each piece as a query of its own. A piece that holds part of a
// statement ($$ bodies, strings, comments with `;` in them) fails on the server, and the migration with it; one longer
// than the scanner's buffer (x-multi-statement-max-size) stops golang-migrate before it is sent.

import { DEFAULT_MULTI_STATEMENT_MAX_SIZE, multiStatementPieces, oversizedPiece, type Piece } from '../discover/multi-statement.js';
import type { Draft } from '../report/finding.js';
import type { Statement } from '../sql/parser.js';
import { pieceError, range } from './goose-split.js';
import type { FileContext } from './rule.js';
import { needsOwnTransaction } from './transaction-unsafe.js';

const CUTS = 'golang-migrate (x-multi-statement=true in the database URL) ends a query at every `;`, even in a $$ body, a string or a comment';

/** The way out, `what` of the file to keep `;` out of: without x-multi-statement the file is one query, one implicit transaction, which a statement that cannot run in one fails. */
function remedy(ctx: FileContext, what: string): string {
  const statements = ctx.parsed.statements;
  const unsafe = statements.length > 1 ? statements.find((s) => needsOwnTransaction(s.kind, s.node)) : undefined;
  if (unsafe) {
    const name = needsOwnTransaction(unsafe.kind, unsafe.node)!;
    return `Keep \`;\` out of ${what}. This file needs x-multi-statement=true: without it golang-migrate sends the file as one query, which PostgreSQL runs as one implicit transaction, where ${name} at line ${ctx.position(unsafe.start).line} fails.`;
  }
  return `Take x-multi-statement=true out of the database URL that runs this migration: golang-migrate then sends the file as one query, which PostgreSQL reads whole. Otherwise keep \`;\` out of ${what}.`;
}

/** Where golang-migrate's pieces cut a statement apart, or start or end in a comment and fail, or are too long to read. */
export function multiStatementDrafts(ctx: FileContext): Draft[] {
  if (!ctx.options.multiStatement) return [];
  const tooLong = oversizedDraft(ctx);
  return ctx.parsed.error ? tooLong : [...tooLong, ...cutDrafts(ctx)].sort((a, b) => a.line - b.line);
}

/** The piece golang-migrate's scanner cannot hold: it stops there with bufio.ErrTooLong, the pieces above already run. */
function oversizedDraft(ctx: FileContext): Draft[] {
  const sql = ctx.template.sql;
  const set = ctx.options.multiStatementMaxSize;
  const p = oversizedPiece(sql, set ?? DEFAULT_MULTI_STATEMENT_MAX_SIZE);
  if (!p) return [];
  const text = sql.slice(p.start, p.end);
  const from = p.start + text.length - text.trimStart().length;
  const lines = range(ctx.position(from).line, ctx.position(p.start + Math.max(text.trimEnd().length, 1) - 1).line);
  const size = set ? `x-multi-statement-max-size=${set} in the database URL` : "golang-migrate's default x-multi-statement-max-size";
  return [
    {
      rule: 'syntax-error',
      file: ctx.migration.file,
      ...ctx.position(from),
      message:
        `golang-migrate (x-multi-statement=true in the database URL) reads the file one \`;\`-ended piece at a time into a buffer of ${p.room} bytes ` +
        `(${size}, 4096 at the least), and the piece on ${lines} is ${p.bytes} bytes: it stops here with "bufio.Scanner: token too long", ` +
        'after it has run the pieces above (each committed on its own), and leaves the database dirty.',
      suggestion:
        `Set x-multi-statement-max-size=${p.needed} or more in the database URL that runs this migration, or split what ${lines} ` +
        'holds into statements of fewer bytes, each ending in `;`.',
    },
  ];
}

function cutDrafts(ctx: FileContext): Draft[] {
  const sql = ctx.template.sql;
  const statements = ctx.parsed.statements;
  const pieces = multiStatementPieces(sql, statements);
  const line = (offset: number) => ctx.position(offset).line;
  const sent = (p: Piece) => {
    const text = sql.slice(p.start, p.end);
    return range(line(p.start + text.length - text.trimStart().length), line(p.start + text.trimEnd().length - 1));
  };
  const draft = (at: number, message: string, suggestion: string): Draft => ({ rule: 'syntax-error', file: ctx.migration.file, ...ctx.position(at), message, suggestion });
  const drafts: Draft[] = [];
  const told: Statement[] = [];
  for (const p of pieces) {
    if (p.clean) continue;
    const cut = p.end - 1;
    const cutApart = statements.find((s) => s.start < cut && cut < s.end);
    if (cutApart && told.includes(cutApart)) continue;
    const error = pieceError(sql.slice(p.start, p.end));
    const fails = error ? `, and PostgreSQL fails on it: ${error}` : '';
    if (cutApart) {
      told.push(cutApart);
      const span = range(line(cutApart.start), line(cutApart.end - 1));
      const again = pieces.filter((q) => cut < q.end - 1 && q.end - 1 < cutApart.end).map((q) => line(q.end - 1));
      const more = again.length ? ` It cuts the statement again at ${again.length === 1 ? 'line' : 'lines'} ${[...new Set(again)].join(', ')}.` : '';
      drafts.push(draft(cut, `${CUTS}: it cuts the statement on ${span} at this \`;\` and sends ${sent(p)} as one query${fails}.${more}`, remedy(ctx, "this statement's $$ body, strings and comments")));
    } else if (!cutApart && error && !told.some((s) => p.start < s.end) && drafts.length === told.length) {
      // A `;` in a comment between statements: only the first piece that fails is told (the later ones follow from it).
      drafts.push(draft(sql[p.start - 1] === ';' ? p.start - 1 : cut, `${CUTS}: it sends ${sent(p)} as one query${fails}.`, remedy(ctx, 'the comments of this file')));
    }
  }
  return drafts;
}
