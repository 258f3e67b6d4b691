// syntax-error: the file does not parse with PostgreSQL's own grammar (libpg-query, PostgreSQL 18), or its
// runner sends inline COPY rows to the server as SQL, or goose or golang-migrate's x-multi-statement cuts it apart
// (goose-split.ts, multi-statement.ts), or dbmate cannot read its sections (dbmate-sections.ts). The parser stops at the first error, so there is at most one parse error per file.

import { PRESET_TABLE, sendsCopyDataAsSql } from '../config/presets.js';
import type { Draft } from '../report/finding.js';
import type { SyntaxError as ParseError } from '../sql/parser.js';
import type { Fill } from '../sql/placeholders.js';
import type { FileContext, FileRule } from './rule.js';
import { gooseSplitDrafts } from './goose-split.js';
import { dbmateSectionDrafts } from './dbmate-sections.js';
import { npmSectionDrafts } from './npm-sections.js';
import { multiStatementDrafts } from './multi-statement.js';
import { unsetVariableAdvice } from '../config/runner-config.js';

/** What usually causes an error at this spot, in words that say what to change. */
function advice(ctx: FileContext, error: ParseError): string {
  const { template } = ctx;
  const offset = template.originalOffset(error.offset);
  const rest = ctx.migration.sql.slice(offset, offset + 40);
  if (rest.startsWith('\\')) {
    // Sqitch runs its scripts with psql, where a meta-command is fine; the gate cannot read past it.
    if (ctx.options.preset === 'sqitch') {
      return 'Sqitch runs the script with psql, which reads this meta-command, but migration-gate does not yet: the rest of the script was not checked, and the dry-run cannot run it. Where the meta-command only sets psql up (\\set ON_ERROR_STOP, Sqitch sets that already), remove it.';
    }
    return 'psql meta-commands (\\i, \\set, \\connect, ...) are not SQL: only psql understands them. Remove them from the migration, or run it with psql only.';
  }
  // Past the end or in an open quote, the token before is not what went wrong; in a value it can be.
  const fill = template.fillAt(error.offset, !/end of input|unterminated/.test(error.message));
  if (fill && fill.kind !== 'blank') return placeholderAdvice(fill, error.offset < fill.to + fill.filled.length) + unsetVariableAdvice(ctx.options, fill);
  if (/^(\{\{|\$\{|:'?\w|%\(|@\w)/.test(rest)) {
    return 'This looks like a template placeholder: declare its syntax under placeholder-patterns (and its value under placeholders) in .migration-gate.yml so it is substituted before parsing.';
  }
  if (/end of input/.test(error.message)) {
    return 'The file ends inside a statement: look for a missing closing parenthesis, quote, $$ or END before the end of the file.';
  }
  if (/unterminated/.test(error.message)) {
    return 'Close the quoted string, quoted identifier or $$-quoted body that starts here.';
  }
  return 'Fix the SQL at this position: no runner can apply a file that PostgreSQL cannot parse, and the rules after this point were not checked.';
}

/** Advice for an error on (`on`) or just after a placeholder that was filled in: its value, or the identifier standing in for it. */
function placeholderAdvice(fill: Fill, on: boolean): string {
  // A key such as `flyway:defaultSchema` is fine bare in YAML and in a shell; one with spaces or quotes is not.
  const plain = /^[A-Za-z_][\w.-]*(?::[\w.-]+)*$/.test(fill.key);
  const quote = (s: string) => (plain ? s : JSON.stringify(s));
  const [what, remedy] =
    fill.kind === 'value'
      ? [`is filled with ${JSON.stringify(fill.filled)}`, `check what ${quote(fill.key)} is set to under placeholders in .migration-gate.yml or with --placeholder`]
      : [
          'has no value, so an identifier stands in for it',
          `give it a value under placeholders in .migration-gate.yml (${quote(fill.key)}: VALUE) or with --placeholder ${quote(`${fill.key}=VALUE`)}`,
        ];
  return on
    ? `The placeholder ${fill.text} ${what}, which does not fit here: ${remedy}.`
    : `The placeholder ${fill.text} just before this ${what}: if that does not fit there, ${remedy}; otherwise fix the SQL at this position.`;
}

/** The rows after each `COPY ... FROM STDIN;`, where the preset's runner sends them to the server as SQL. */
function copyDataAsSql(ctx: FileContext): Draft[] {
  if (!sendsCopyDataAsSql(ctx.options.preset)) return [];
  const { name, part } = PRESET_TABLE[ctx.options.preset].runner;
  return ctx.parsed.statements.flatMap((s) => {
    if (!s.copy || s.copy.resume === s.copy.start) return [];
    return {
      rule: 'syntax-error' as const,
      file: ctx.migration.file,
      ...ctx.position(s.copy.start),
      message:
        `Syntax error as ${name} runs this file: it sends the ${part ?? 'file'} to the server as SQL and cannot feed the rows ` +
        'after COPY ... FROM STDIN to the COPY as psql does, so the server reads them as SQL and fails here.',
      suggestion:
        "Load the rows with INSERT ... VALUES (pg_dump --inserts writes them so), or COPY them from a file on the database server (COPY ... FROM '/path/file'); only psql and Flyway feed inline COPY data.",
    };
  });
}

export const syntaxError: FileRule = {
  id: 'syntax-error',
  scope: 'file',
  defaultSeverity: 'error',
  description: "The file does not parse with PostgreSQL's grammar, or not as its runner reads it (goose's statement splitting, golang-migrate's `x-multi-statement` cuts, dbmate's sections, a node-pg-migrate file with a down marker and no up one, inline `COPY` rows a runner sends as SQL).",
  check(ctx) {
    const error = ctx.parsed.error;
    const asRun = [...copyDataAsSql(ctx), ...gooseSplitDrafts(ctx), ...dbmateSectionDrafts(ctx), ...npmSectionDrafts(ctx), ...multiStatementDrafts(ctx)];
    if (!error) return asRun;
    const pos = ctx.position(error.offset);
    return [
      ...asRun,
      {
        rule: 'syntax-error',
        file: ctx.migration.file,
        line: pos.line,
        column: pos.column,
        message: `Syntax error: ${error.message}.`,
        suggestion: advice(ctx, error),
      },
    ];
  },
};
