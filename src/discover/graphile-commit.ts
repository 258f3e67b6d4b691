// What `graphile-migrate commit` refuses in the current migration that `watch` runs all the same (graphile/migrate
// src/commands/commit.ts _commit, 2.0.0-rc.3): it reads the text's headers, checks the message it names the committed
// file after, reads the body with pg-minify to see that it is not blank, then writes the file and migrates it.

import type { Draft } from '../report/finding.js';
import { topLevelSemicolons } from '../sql/split.js';
import { readHeaders, repeatedHeader, type Header } from './graphile.js';
import { parseFileName } from './naming.js';
import minify from 'pg-minify';
import { compareText } from './version-order.js';

/** commit.ts's own test of a message, and the longest it takes. */
const DISALLOWED = /[\r\n\0\b\v\f\cA-\cZ]/u;
const LONGEST = 512;

/** A 1-based line and column. */
interface TextPosition {
  line: number;
  column: number;
}

const { parsingErrorCode: CODE } = minify;

/** What to write instead where pg-minify stops at this quote or comment, by its error code. */
const MINIFY_FIX: Record<number, string> = {
  [CODE.unclosedText]:
    "pg-minify takes this `'` to open a text that never closes: write a text holding a lone `'` as a quoted literal (`'it''s'`, not `$$it's$$`), and one ending in a backslash as `E'…\\\\'`",
  [CODE.unclosedQI]: 'pg-minify takes this `"` to open a quoted name that never closes: write a text holding a lone `"` as a quoted literal, not in dollar quotes',
  [CODE.multiLineQI]: 'pg-minify reads from this `"` to the next one as one quoted name, across a line break: keep a quoted name on one line, and a lone `"` out of dollar quotes',
  [CODE.unclosedMLC]: 'pg-minify takes this `/*` to open a comment that never closes: write a text holding `/*` as a quoted literal, not in dollar quotes',
};

/**
 * What `graphile-migrate commit` refuses in `text`, the text `watch` runs of the current migration `path` (`name`, as
 * graphile-migrate's messages name it), each at its line of that text; `committed`, the names of the files in
 * committed/, after whose last number commit numbers the file it writes.
 */
export function commitRefusals(path: string, name: string, text: string, committed: string[]): Draft[] {
  const lines = text.split('\n');
  const { headers, repeated } = readHeaders(lines);
  const folder = name === 'current/';
  const refuse = (at: TextPosition, said: string, why: string, suggestion: string): Draft => ({
    rule: 'syntax-error',
    file: path,
    line: at.line,
    column: at.column,
    message: `\`graphile-migrate commit\` refuses ${name}, which \`watch\` still runs: "${said}"${why}.`,
    suggestion,
  });
  const headerAt = (h: Header) => ({ line: h.index + 1, column: 1 });
  if (repeated) {
    // parseMigrationText stops there: commit reads nothing more.
    const why = folder ? ' (graphile-migrate puts the headers of all the files of current/ on top of the body it joins)' : '';
    return [refuse(headerAt(repeated), repeatedHeader(path, repeated.key), why, folder ? `keep \`--! ${repeated.key}\` in one file of current/` : `keep one \`--! ${repeated.key}\` line`)];
  }
  const out: Draft[] = [];
  const message = headers.find((h) => h.key === 'Message');
  const wrong = message?.value ? messageRefusal(message.value) : null;
  if (message && wrong) out.push(refuse(headerAt(message), wrong.said, wrong.why, wrong.fix));
  const body = `${lines.slice(headers.length).join('\n').trim()}\n`;
  let minified: string;
  try {
    minified = minify(body);
  } catch (e) {
    if (!(e instanceof minify.SQLParsingError)) throw e;
    // Where PostgreSQL's own lexer stops short too, the parser's syntax error says it.
    if (lexesWhole(body)) {
      const why = " (commit reads the body with pg-minify first, which knows no dollar quotes and reads `\\'` as an escaped quote in any text; its line counts from the body's first)";
      out.push(refuse(inText(lines, headers.length, placeIn(body, e.position)), e.message, why, MINIFY_FIX[e.code]!));
    }
    return out;
  }
  // A blank body commit refuses too ("Current migration is blank."), but that is how commit itself leaves it: no finding.
  if (!minified) return out;
  const allow = headers.find((h) => h.key === 'AllowInvalidHash');
  if (allow) {
    const file = committedName(committed, message?.value ?? null);
    const why = ` (commit writes the headers into the file it commits, ${file}, whose Hash always matches, and its \`migrate\` refuses it; it then puts the body back in ${name} without them)`;
    out.push(refuse(headerAt(allow), `Invalid hash allowed for ${file}; but hash matches.`, why, 'remove `--! AllowInvalidHash`: it is for a committed file edited after commit'));
  }
  return out;
}

/** commit.ts's refusal of a `--! Message` value, in its words, with what is wrong in it and the fix; null where it takes it. */
function messageRefusal(value: string): { said: string; why: string; fix: string } | null {
  const bad = DISALLOWED.exec(value)?.[0];
  if (bad) {
    const which = bad === '\t' ? 'a tab' : `the control character U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      said: 'Invalid commit message: contains disallowed characters',
      why: ` (the \`--! Message\` holds ${which})`,
      fix: 'write the message without tabs or other control characters: commit names the committed file after it',
    };
  }
  if (value.length <= LONGEST) return null;
  return { said: `Invalid commit message: message is too long (max: ${LONGEST} chars)`, why: ` (this one is ${value.length})`, fix: `shorten the message to ${LONGEST} characters or fewer` };
}

/** Where, in the text's `lines`, a position of its body is: the lines after its `headers` header lines, trimmed (parseMigrationText). */
function inText(lines: string[], headers: number, at: TextPosition): TextPosition {
  const rest = lines.slice(headers).join('\n');
  const lead = rest.slice(0, rest.length - rest.trimStart().length).split('\n');
  return { line: headers + lead.length - 1 + at.line, column: at.line === 1 ? lead.at(-1)!.length + at.column : at.column };
}

// Where in `body` pg-minify stopped, by the place it names. For a comment with no comment opening nested in it, it
// names none (line 2, col NaN, whatever the line): that comment opens at the first opening after the body's last close.
function placeIn(body: string, said: TextPosition): TextPosition {
  if (Number.isFinite(said.column)) return said;
  const open = body.indexOf('/*', body.lastIndexOf('*/') + 1);
  const before = body.slice(0, Math.max(open, 0)).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Whether PostgreSQL's lexer reads `sql` to its end (no quote, comment or dollar quote left open): a `;` put after it is found. */
function lexesWhole(sql: string): boolean {
  return topLevelSemicolons(`${sql}\n;`).at(-1) === sql.length + 2;
}

/** The name commit gives the file it writes (commit.ts): the number after the last committed one's, six digits at least, and the message sluggified. */
function committedName(committed: string[], message: string | null): string {
  const numbers = committed.flatMap((file) => parseFileName(file, 'graphile')?.version ?? []);
  const last = numbers.sort((a, b) => compareText(`${a}.sql`, `${b}.sql`)).at(-1);
  const slug = message ? sluggify(message) : '';
  return `${String(last === undefined ? 1 : parseInt(last, 10) + 1).padStart(6, '0')}${slug ? `-${slug}` : ''}.sql`;
}

/** graphile-migrate's sluggify.ts. */
function sluggify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/--+/g, '-')
    .replace(/(^-+|-+$)/g, '')
    .substring(0, 60);
}
