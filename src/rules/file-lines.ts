// Fixes replace whole lines of the file as written, while rules read the filled text (placeholders
// filled in): a statement's span maps back to the file exactly, or its rule offers no fix.

import type { Fix } from '../report/finding.js';
import type { FileContext } from './rule.js';

/** A statement's whole lines in the file: the text before it on its first line, itself, and the rest of its last line. */
export interface StatementLines {
  /** Its first and last line, numbered as findings are (the migration's line offset added). */
  line: number;
  endLine: number;
  /** Where the statement starts in the file's text. */
  start: number;
  before: string;
  text: string;
  after: string;
}

/** Where [start, end) of the filled text is in the file; null when either end falls inside a placeholder's value. */
function fileSpan({ template }: FileContext, start: number, end: number): { from: number; to: number } | null {
  const from = template.exactOffset(start);
  const to = template.exactOffset(end);
  return from === null || to === null ? null : { from, to };
}

/** [start, end) of the filled text as the file writes it; null when either end falls inside a placeholder's value. */
export function fileText(ctx: FileContext, start: number, end: number): string | null {
  const span = fileSpan(ctx, start, end);
  return span && ctx.migration.sql.slice(span.from, span.to);
}

/** The lines of the file that hold [start, end) of the filled text; null when either end falls inside a placeholder's value. */
export function statementLines(ctx: FileContext, start: number, end: number): StatementLines | null {
  const { template, migration } = ctx;
  const span = fileSpan(ctx, start, end);
  if (!span) return null;
  const { from, to } = span;
  const file = template.fileLines;
  const first = file.position(from).line;
  const last = file.position(Math.max(from, to - 1)).line;
  const lineEnd = last < file.lineCount ? file.lineStart(last + 1) - 1 : migration.sql.length;
  return {
    line: first + migration.lineOffset,
    endLine: last + migration.lineOffset,
    start: from,
    before: migration.sql.slice(file.lineStart(first), from),
    text: migration.sql.slice(from, to),
    after: migration.sql.slice(to, lineEnd),
  };
}

/** A fix putting `replacement` in place of lines `line` to `endLine`; a CR before a line break goes, as fixes are written with LF. */
export function replacing(lines: { line: number; endLine: number }, replacement: string): Fix {
  return { line: lines.line, endLine: lines.endLine, replacement: replacement.replace(/\r(?=\n|$)/g, '') };
}
