// goose sends the queries its own splitter cuts (src/discover/goose-split.ts), not PostgreSQL's statements.
// Where the two agree, the dry-run runs the parsed statements; where goose cuts a statement apart (a
// $$ body without StatementBegin/StatementEnd), it runs goose's pieces, and fails where goose fails.

import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import { gooseFile, runsUnderGoose } from '../discover/goose-split.js';
import { LineIndex } from '../sql/lines.js';
import type { ParsedSql, Statement } from '../sql/parser.js';
import type { Template } from '../sql/template.js';

/** The queries goose sends for `migration`, as statements of the filled text; null where goose sends the parsed statements or refuses the file. */
export function gooseCuts(migration: Migration, options: GateOptions, template: Template, parsed: ParsedSql): Statement[] | null {
  if (!runsUnderGoose(migration, options.preset) || parsed.error) return null;
  const file = gooseFile(migration);
  if (!file || file.error) return null;
  const sectionStart = new LineIndex(file.text).lineStart(migration.lineOffset + 1);
  const pieces = file.chunks.flatMap((c) => {
    const from = c.offset - sectionStart;
    // Chunks of the down section, or before the up one, are not in the migration's text.
    if (from < 0 || from >= migration.sql.length) return [];
    return [{ start: template.filledOffset(from), end: template.filledOffset(from + c.text.length) }];
  });
  // Every statement inside one piece: goose sends what the parser reads, only grouped. Both are in file order.
  let piece = 0;
  const whole = parsed.statements.every((s) => {
    while (piece < pieces.length && pieces[piece]!.end < s.end) piece++;
    return piece < pieces.length && pieces[piece]!.start <= s.start;
  });
  if (whole) return null;
  return pieces.map(({ start, end }) => {
    const text = template.sql.slice(start, end);
    const at = start + (text.length - text.trimStart().length);
    const to = start + text.trimEnd().length;
    const { line, column } = parsed.lines.position(at);
    const endLine = parsed.lines.position(Math.max(at, to - 1)).line;
    return { kind: 'GooseQuery', node: {}, start: at, end: to, leading: '', line, column, endLine, text: template.sql.slice(at, to) };
  });
}
