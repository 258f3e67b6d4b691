// goose sends the queries its own splitter cuts (src/discover/goose-split.ts), not PostgreSQL's statements.
// Where the two agree, the dry-run runs the parsed statements; where goose cuts a statement apart (a
// $$ body without StatementBegin/StatementEnd), it runs goose's pieces, and fails where goose fails. So too
// where a file runs outside a transaction and one query holds several statements (a StatementBegin block):
// PostgreSQL runs that query as one implicit transaction, where CONCURRENTLY and the like fail.

import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import { gooseQueries, type GooseQuery } from '../discover/goose-split.js';
import type { ParsedSql, Statement } from '../sql/parser.js';
import type { Template } from '../sql/template.js';

/** The queries goose sends for `migration`, as statements of the filled text; null where goose sends the parsed statements or refuses the file. */
export function gooseCuts(migration: Migration, options: GateOptions, template: Template, parsed: ParsedSql): Statement[] | null {
  if (parsed.error) return null;
  const queries = gooseQueries(migration, options.preset, template);
  if (!queries) return null;
  // The parsed statements that start in each query (both are in file order).
  let next = 0;
  const held = queries.map((q) => {
    const from = next;
    while (next < parsed.statements.length && parsed.statements[next]!.start < q.end) next++;
    return parsed.statements.slice(from, next);
  });
  const within = (s: Statement, q: GooseQuery) => q.start <= s.start && s.end <= q.end;
  const whole = next === parsed.statements.length && held.every((ss, i) => ss.every((s) => within(s, queries[i]!)));
  if (whole && (migration.transactional || held.every((ss) => ss.length <= 1))) return null;
  return queries.map((q, i) => {
    const [only, ...more] = held[i]!;
    // A query that is one statement whole is that statement: CONCURRENTLY in it runs on its own, as under goose.
    if (only && !more.length && within(only, q)) return only;
    const { start, end } = q;
    const text = template.sql.slice(start, end);
    const at = start + (text.length - text.trimStart().length);
    const to = start + text.trimEnd().length;
    const { line, column } = parsed.lines.position(at);
    const endLine = parsed.lines.position(Math.max(at, to - 1)).line;
    return { kind: 'GooseQuery', node: {}, start: at, end: to, leading: '', line, column, endLine, text: template.sql.slice(at, to) };
  });
}
