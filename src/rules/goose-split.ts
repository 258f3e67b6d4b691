// syntax-error under goose: goose cuts a file into statements line by line (src/discover/goose-split.ts), not as
// PostgreSQL reads it, and sends each piece as a query of its own. A piece that holds part of a statement fails on the
// server; a file goose cannot read (an unknown annotation, a missing `;` or StatementEnd) runs not at all.

import { envsubRegions, gooseFile, runsUnderGoose, semicolonAt, type GooseChunk, type GooseError, type GooseErrorKind } from '../discover/goose-split.js';
import type { Draft } from '../report/finding.js';
import { LineIndex } from '../sql/lines.js';
import { parseSql } from '../sql/parser.js';
import { placeholderRegex } from '../sql/placeholders.js';
import { templateOf } from '../config/runner-placeholders.js';
import type { FileContext } from './rule.js';

const REMEDY: Record<GooseErrorKind, string> = {
  annotation:
    'goose reads every comment line holding `+goose` as an annotation: write it at the very start of its line as one of `-- +goose Up`, `Down`, `StatementBegin`, `StatementEnd`, `NO TRANSACTION`, `ENVSUB ON`, `ENVSUB OFF` (any case), or reword the comment without `+goose`.',
  misplaced:
    'Write `-- +goose Up` once, above the up statements, and `-- +goose Down` once, below them; each `-- +goose StatementBegin` needs a `-- +goose StatementEnd` before the next annotation of either.',
  'sql-before-up': 'Move the SQL below `-- +goose Up`: goose refuses a file with SQL above it.',
  'no-up': 'Add `-- +goose Up` on its own line above the statements: goose requires it in every SQL migration.',
  'no-statement-end': 'Add `-- +goose StatementEnd` on its own line below the last line of the statement this `-- +goose StatementBegin` opens.',
  'missing-semicolon':
    'End the statement with `;` at the end of its last line: goose ends a statement only at a line whose last word ends in `;` (or at `-- +goose StatementEnd`).',
};

/** Statements this long or shorter are shown wrapped in the suggestion. */
const SHOWN_LINES = 15;

/** A PostgreSQL statement of the file, by offsets in the file. */
interface Span {
  from: number;
  to: number;
}

/** The drafts of a file goose runs: why goose refuses it, and where its split cuts a statement apart. */
export function gooseSplitDrafts(ctx: FileContext): Draft[] {
  if (!runsUnderGoose(ctx.migration, ctx.options.preset)) return [];
  const file = gooseFile(ctx.migration);
  if (!file) return [];
  const drafts = file.error ? [refused(ctx, file.error)] : [];
  // A file PostgreSQL cannot parse has its syntax error already; its statements' bounds are unknown past it.
  if (!ctx.parsed.error) drafts.push(...cuts(ctx, file.text, file.chunks));
  return drafts;
}

function refused(ctx: FileContext, error: GooseError): Draft {
  return {
    rule: 'syntax-error',
    file: ctx.migration.file,
    line: error.line,
    column: 1,
    message: `goose cannot read this file, so it runs none of it; goose says: ${error.message}`,
    suggestion: REMEDY[error.kind],
  };
}

function cuts(ctx: FileContext, text: string, chunks: GooseChunk[]): Draft[] {
  const { template, migration, options } = ctx;
  const lines = new LineIndex(text);
  // Offsets in the parsed up section, made the file's.
  const upStart = lines.lineStart(migration.lineOffset + 1);
  const inFile = (offset: number) => upStart + template.originalOffset(offset);
  const spans: Span[] = ctx.parsed.statements.map((s) => ({ from: inFile(s.start), to: inFile(s.end) }));
  const copyRows = ctx.parsed.statements.flatMap((s) => (s.copy ? [{ from: inFile(s.copy.start), to: inFile(s.copy.resume) }] : []));
  const regex = placeholderRegex(options.placeholderPatterns);
  const failure = (chunk: GooseChunk) => {
    const envsub = migration.envsub && envsubRegions(text, chunk.offset, chunk.offset + chunk.text.length);
    return pieceError(templateOf({ sql: chunk.text, file: migration.file, lineOffset: chunk.lineOffset, envsub }, options, regex).sql);
  };
  const cutAt = (chunk: GooseChunk) => lines.lineStart(chunk.endLine) + (chunk.block ? 0 : semicolonAt(lineText(text, lines, chunk.endLine)));

  // The statements goose cuts apart (by index), with the pieces that end inside each; and the pieces that start or end
  // where PostgreSQL ends no statement (in a comment, at a StatementEnd), which only a parse of their own can judge.
  const cutApart = new Map<number, GooseChunk[]>();
  const unsure: GooseChunk[] = [];
  let next = 0;
  let startsClean = true;
  for (const chunk of chunks) {
    const at = cutAt(chunk);
    while (next < spans.length && spans[next]!.to <= at) next++;
    if (next < spans.length && spans[next]!.from < at) {
      cutApart.set(next, [...(cutApart.get(next) ?? []), chunk]);
      startsClean = false;
      continue;
    }
    const endsClean = !chunk.block && next > 0 && !text.slice(spans[next - 1]!.to, at).trim();
    if (!startsClean || !endsClean) unsure.push(chunk);
    startsClean = endsClean;
  }
  const drafts = [...cutApart].map(([i, pieces]) => cutDraft(ctx, text, lines, spans[i]!, pieces, failure(pieces[0]!), cutAt(pieces[0]!)));

  // A piece that fails with no statement cut apart around it (a `;` ending a line of a /* comment */): the first one.
  const told = [...cutApart.keys()].map((i) => spans[i]!);
  const overlaps = (chunk: GooseChunk, spansOf: Span[]) => spansOf.some((r) => r.from <= cutAt(chunk) && chunk.offset < r.to);
  for (const chunk of unsure) {
    if (overlaps(chunk, told) || overlaps(chunk, copyRows)) continue;
    const error = failure(chunk);
    if (!error) continue;
    const sent = sentLines(chunk, 0);
    drafts.push({
      rule: 'syntax-error',
      file: migration.file,
      line: chunk.endLine,
      column: cutAt(chunk) - lines.lineStart(chunk.endLine) + 1,
      message: `goose ends a statement at ${chunk.block ? 'this `-- +goose StatementEnd`' : "this line's `;`"}, so it sends ${sent} as one statement, and PostgreSQL fails on it: ${error}.`,
      suggestion: `goose ends a statement at each line whose last word ends in \`;\`, even in a /* comment */: move that \`;\` off the end of line ${chunk.endLine}, or wrap ${sent} in \`-- +goose StatementBegin\` / \`-- +goose StatementEnd\`.`,
    });
    break;
  }
  return drafts.sort((a, b) => a.line - b.line);
}

/** Why PostgreSQL fails on `sql` sent alone, if it does. */
export function pieceError(sql: string): string | null {
  const error = parseSql(sql).error;
  // The parser quotes the rest of the text from where it stopped: too much for a message once it spans lines.
  return error && error.message.replace(/ at or near "[\s\S]*"$/, (near) => (near.includes('\n') || near.length > 50 ? '' : near));
}

function cutDraft(ctx: FileContext, text: string, lines: LineIndex, span: Span, pieces: GooseChunk[], error: string | null, at: number): Draft {
  const [first, ...more] = pieces as [GooseChunk, ...GooseChunk[]];
  const start = lines.position(span.from).line;
  const end = lines.position(span.to).line;
  const sent = sentLines(first, start);
  const fails = `It sends ${sent} as one statement${error ? `, and PostgreSQL fails on it: ${error}.` : '.'}`;
  const again = more.length ? ` It cuts the statement again at ${lineList(more.map((c) => c.endLine))}.` : '';
  const message = first.block
    ? `goose ends the statement at this \`-- +goose StatementEnd\`, before the statement on ${range(start, end)} ends. ${fails}${again}`
    : `goose ends the statement at this line's \`;\`, inside the statement on ${range(start, end)}: outside \`-- +goose StatementBegin\` / \`-- +goose StatementEnd\` it ends one at each line whose last word ends in \`;\`, even in a $$ body or a string. ${fails}${again}`;
  const statement = Array.from({ length: end - start + 1 }, (_, i) => lineText(text, lines, start + i)).join('\n');
  const suggestion = first.block
    ? `Move this \`-- +goose StatementEnd\` below line ${end}, where the statement ends.`
    : end - start < SHOWN_LINES
      ? `Wrap the statement in \`-- +goose StatementBegin\` and \`-- +goose StatementEnd\`, each on its own line:\n-- +goose StatementBegin\n${statement}\n-- +goose StatementEnd`
      : `Put \`-- +goose StatementBegin\` on its own line above line ${start} and \`-- +goose StatementEnd\` on its own line below line ${end}.`;
  return { rule: 'syntax-error', file: ctx.migration.file, ...lines.position(at), message, suggestion };
}

function lineList(lines: number[]): string {
  const last = lines.at(-1)!;
  return lines.length === 1 ? `line ${last}` : `lines ${lines.slice(0, -1).join(', ')} and ${last}`;
}

/** `line N`, or `lines N–M`. */
export function range(from: number, to: number): string {
  return from === to ? `line ${from}` : `lines ${from}–${to}`;
}

/** The lines of the file that hold what goose sends as `chunk` (from `from` on, at the least): its blank lines aside. */
function sentLines(chunk: GooseChunk, from: number): string {
  const { text, lineOffset } = chunk;
  const lineCount = (t: string) => t.split('\n').length;
  return range(Math.max(from, lineOffset + lineCount(text.slice(0, text.length - text.trimStart().length))), lineOffset + lineCount(text.trimEnd()));
}

function lineText(text: string, lines: LineIndex, line: number): string {
  const start = lines.lineStart(line);
  const eol = text.indexOf('\n', start);
  return text.slice(start, eol === -1 ? text.length : eol).replace(/\r$/, '');
}
