// syntax-error: the file does not parse with PostgreSQL's own grammar (libpg-query, PostgreSQL 18).
// The parser stops at the first error, so there is at most one per file.

import type { FileContext, FileRule } from './rule.js';

/** What usually causes an error at this spot, in words that say what to change. */
function advice(ctx: FileContext, offset: number, message: string): string {
  const rest = ctx.migration.sql.slice(offset, offset + 40);
  if (rest.startsWith('\\')) {
    return 'psql meta-commands (\\i, \\set, \\connect, ...) are not SQL: only psql understands them. Remove them from the migration, or run it with psql only.';
  }
  if (/^(\{\{|\$\{|:'?\w|%\(|@\w)/.test(rest)) {
    return 'This looks like a template placeholder: declare its syntax under placeholder-patterns (and its value under placeholders) in .migration-gate.yml so it is substituted before parsing.';
  }
  if (/end of input/.test(message)) {
    return 'The file ends inside a statement: look for a missing closing parenthesis, quote, $$ or END before the end of the file.';
  }
  if (/unterminated/.test(message)) {
    return 'Close the quoted string, quoted identifier or $$-quoted body that starts here.';
  }
  return 'Fix the SQL at this position: no runner can apply a file that PostgreSQL cannot parse, and the rules after this point were not checked.';
}

export const syntaxError: FileRule = {
  id: 'syntax-error',
  scope: 'file',
  defaultSeverity: 'error',
  description: "The file does not parse with PostgreSQL's grammar.",
  check(ctx) {
    const error = ctx.parsed.error;
    if (!error) return [];
    const pos = ctx.position(error.offset);
    return [
      {
        rule: 'syntax-error',
        file: ctx.migration.file,
        line: pos.line,
        column: pos.column,
        message: `Syntax error: ${error.message}.`,
        suggestion: advice(ctx, error.offset, error.message),
      },
    ];
  },
};
