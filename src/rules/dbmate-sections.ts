// syntax-error under dbmate: dbmate reads a file's `-- migrate:up` / `-- migrate:down` markers its own way
// (src/discover/sections.ts) and refuses a file it cannot cut, running none of it nor any migration after it. A second
// up section, and an up marker's option dbmate does not read, are reported too.

import { decodeSql } from '../discover/decode.js';
import { readDbmate, runsUnderDbmate, type DbmateError, type DbmateErrorKind, type DbmateSection } from '../discover/sections.js';
import type { Draft } from '../report/finding.js';
import { LineIndex } from '../sql/lines.js';
import type { FileContext } from './rule.js';

const MARKER_ALONE = 'at the very start of its own line (dbmate does not see an indented one)';

const REMEDY: Record<DbmateErrorKind, string> = {
  'no-up': `Write \`-- migrate:up\` ${MARKER_ALONE} above the migration's statements, and \`-- migrate:down\` below them.`,
  'sql-before-up': 'Move these statements below `-- migrate:up`: only blank lines and `--` comments may stand above it.',
  'several-downs': 'Keep one `-- migrate:down` in each up section: merge the down statements under the first, or give the second its own `-- migrate:up` above it.',
  'no-down': `Add \`-- migrate:down\` ${MARKER_ALONE} below the up statements, even with nothing under it: dbmate 2.0 and later refuses a migration without one.`,
};

/** The drafts of a file dbmate runs: why dbmate refuses it, a second up section, an option dbmate does not read. */
export function dbmateSectionDrafts(ctx: FileContext): Draft[] {
  const { migration, options } = ctx;
  if (!runsUnderDbmate(migration, options.preset) || !decodeSql(migration.bytes).ok) return [];
  // Go's string(bytes): a BOM stays, and hides a marker on the first line.
  const text = migration.bytes.toString('utf8');
  const lines = new LineIndex(text);
  const { sections, error } = readDbmate(text);
  const draft = (at: number, message: string, suggestion: string, severity?: 'warning'): Draft => ({
    rule: 'syntax-error',
    file: migration.file,
    line: lines.position(at).line,
    column: 1,
    message,
    suggestion,
    ...(severity && { severity }),
  });
  const drafts: Draft[] = [];
  if (error) drafts.push(draft(error.at, `dbmate cannot read this file, so it runs none of it; dbmate says: ${error.message}`, remedy(error, text)));
  const [first, second] = sections;
  if (!error && second) {
    drafts.push(
      draft(
        second.up.start,
        'dbmate 2.29 and later runs each `-- migrate:up` section as a migration and records the version after each, so this second section fails with ' +
          '`duplicate key value violates unique constraint "schema_migrations_pkey"` once the first is applied and recorded (dbmate issue #820); ' +
          'dbmate before 2.29 runs it only on rollback, as part of the first down section.',
        'Move this section to a migration file of its own.',
      ),
    );
  }
  if (first && unreadOptOut(first)) {
    drafts.push(
      draft(
        first.up.start,
        `dbmate does not read \`${first.options.trim()}\` as an option (it takes \`key:value\` words split at white space, and only \`transaction:false\` as written so), so it runs this section in a transaction.`,
        'Write the option `transaction:false` with no space around the colon: `-- migrate:up transaction:false`.',
        'warning',
      ),
    );
  }
  return drafts;
}

function remedy(error: DbmateError, text: string): string {
  if (error.kind === 'no-up' && text.startsWith('\uFEFF--')) {
    return 'The file starts with a UTF-8 byte order mark, which dbmate reads as part of the first line, so it sees no `-- migrate:up` there: save the file as UTF-8 without BOM.';
  }
  // SQL above the up section that a down marker heads: dbmate before 2.29 says "dbmate requires '-- migrate:up' to appear before '-- migrate:down'".
  if (error.kind === 'sql-before-up' && /^--[\t\f\r ]*migrate:down/m.test(text.slice(0, error.at))) {
    return 'Move `-- migrate:down` and the statements under it below the up section: dbmate needs `-- migrate:up` first.';
  }
  return REMEDY[error.kind];
}

/** An up marker whose options dbmate does not take for `transaction:false`, though they mean it (`transaction: false`, `transaction:FALSE`). */
function unreadOptOut(section: DbmateSection): boolean {
  return section.transaction && /transaction\W*false/i.test(section.options);
}
