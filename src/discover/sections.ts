// Up/down sections inside one file (dbmate, goose, node-pg-migrate): only the up part is the migration. Each tool's
// markers are found as that tool finds them: dbmate's regexps (pkg/dbmate/migration.go, Go syntax, 2.29+), goose's
// annotations (goose-split.ts), node-pg-migrate's regexp (src/sqlMigration.ts).

import type { Migration } from '../migration.js';
import type { PresetName } from '../options.js';
import { gooseMarkers } from './goose-split.js';

export interface UpSection {
  /** Which tool's markers were found; null when the file has none (the whole file is "up"). */
  tool: 'dbmate' | 'goose' | 'node-pg-migrate' | null;
  sql: string;
  /** Lines of the file before `sql` starts. */
  lineOffset: number;
  /** false when the markers opt out of the runner's transaction. */
  transactional: boolean | null;
}

/** Where a tool's up marker ends (its up section starts on the next line), where the section ends, and whether it opts out of the runner's transaction. */
interface Markers {
  up: number;
  end: number;
  optsOut: boolean;
}

type Tool = NonNullable<UpSection['tool']>;

// Go's regexp: `\s` is these four and the space only, `(?m)^` is the text's start or just after `\n`, `$` just before
// `\n` or the text's end (a `\r` is no line end to it).
const GO_SPACE = '[\\t\\n\\f\\r ]';
const GO_WORD = '[^\\t\\n\\f\\r ]+';
const goMarker = (direction: 'up' | 'down') => new RegExp(`(?<=^|\\n)--${GO_SPACE}*migrate:${direction}(?:${GO_SPACE}*(?=\\n|$)|${GO_SPACE}+${GO_WORD})`, 'g');
const DBMATE_UP = goMarker('up');
const DBMATE_DOWN = goMarker('down');
/** isEmptyLine or isCommentLine: a line dbmate lets stand above `-- migrate:up`. */
const GO_BLANK_OR_COMMENT = new RegExp(`^${GO_SPACE}*(?:--|$)`);
/** Go's strings.TrimSpace trims unicode.IsSpace: U+0085 is one, the BOM is none (unlike JavaScript's trim). */
const GO_TRIM = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** A marker line as a regexp found it: where the match starts, and where the marker's keyword ends. */
export interface MarkerAt {
  start: number;
  keywordEnd: number;
}

/** One `-- migrate:up` section: dbmate 2.29+ runs each as a migration of its own. Offsets in the file. */
export interface DbmateSection {
  up: MarkerAt;
  /** The `-- migrate:down` markers inside it (dbmate needs exactly one). */
  downs: MarkerAt[];
  /** Where the next section starts, or the file's end. */
  end: number;
  /** The up marker's line after `migrate:up`, where dbmate reads its options. */
  options: string;
  /** What dbmate's Transaction() makes of them. */
  transaction: boolean;
}

export type DbmateErrorKind = 'no-up' | 'sql-before-up' | 'several-downs' | 'no-down';

/** Why dbmate refuses the file (and so runs none of it and no migration after it), in dbmate's words, at the offset it concerns. */
export interface DbmateError {
  kind: DbmateErrorKind;
  at: number;
  message: string;
}

// dbmate's errors (2.0.0+, pkg/dbmate/migration.go); ErrParseWrongOrder ("dbmate requires '-- migrate:up' to appear
// before '-- migrate:down'") cannot happen from 2.29 on, where SQL of a down section above the up one is refused first.
const MISSING_UP = "dbmate requires each migration to define an up block with '-- migrate:up'";
const MISSING_DOWN = "dbmate requires each migration to define a down block with '-- migrate:down'";
const UNEXPECTED_STMT = "dbmate does not support statements preceding the '-- migrate:up' block";

/** Whether dbmate runs `migration`: under its preset, or under generic for a file with dbmate's markers. */
export function runsUnderDbmate(migration: Pick<Migration, 'scheme'>, preset: PresetName): boolean {
  return preset === 'dbmate' || (preset === 'generic' && migration.scheme === 'dbmate');
}

/**
 * `text` (the file as dbmate reads it: a BOM kept) cut as dbmate 2.29+ cuts it (parseMigrationContents): a section
 * from each `-- migrate:up` to the next, or why dbmate refuses the file, in the order dbmate checks.
 */
export function readDbmate(text: string): { sections: DbmateSection[]; error: DbmateError | null } {
  const ups = markersOf(DBMATE_UP, 'migrate:up', text);
  if (ups.length === 0) return { sections: [], error: { kind: 'no-up', at: 0, message: MISSING_UP } };
  const downs = markersOf(DBMATE_DOWN, 'migrate:down', text);
  const sections = ups.map((up, i): DbmateSection => {
    const end = ups[i + 1]?.start ?? text.length;
    const options = text.slice(up.keywordEnd, lineEnd(text, up.start));
    return { up, downs: downs.filter((d) => d.start > up.start && d.start < end), end, options, transaction: dbmateTransaction(options) };
  });
  const refused = (kind: DbmateErrorKind, at: number, message: string) => ({ sections, error: { kind, at, message } });
  const stray = statementBefore(text, ups[0]!.start);
  if (stray !== null) return refused('sql-before-up', stray, UNEXPECTED_STMT);
  // dbmate says "missing up" for a second down in a section: it takes that down for one whose up is missing.
  const twice = sections.find((s) => s.downs.length > 1);
  if (twice) return refused('several-downs', twice.downs[1]!.start, MISSING_UP);
  const downless = sections.find((s) => s.downs.length === 0);
  if (downless) return refused('no-down', downless.up.start, MISSING_DOWN);
  return { sections, error: null };
}

/**
 * dbmate's parseMigrationOptions on the rest of a marker line: split at white space, each `key:value` word (one `:`
 * exactly) an option, the last one winning; Transaction() is false only for `transaction:false`, written so.
 */
export function dbmateTransaction(options: string): boolean {
  const trimmed = options.replace(GO_TRIM, '');
  let transaction: string | undefined;
  for (const word of trimmed ? trimmed.split(new RegExp(`${GO_SPACE}+`)) : []) {
    const pair = word.split(':');
    if (pair.length === 2 && pair[0] === 'transaction') transaction = pair[1];
  }
  return transaction !== 'false';
}

/** statementsPrecedeMigrateBlocks: the first line before `upStart` that is neither blank nor a `--` comment (indented or not). */
function statementBefore(text: string, upStart: number): number | null {
  let at = 0;
  for (const line of text.slice(0, upStart).split('\n')) {
    if (!GO_BLANK_OR_COMMENT.test(line)) return at;
    at += line.length + 1;
  }
  return null;
}

function markersOf(marker: RegExp, keyword: string, text: string): MarkerAt[] {
  return [...text.matchAll(marker)].map((m) => ({ start: m.index, keywordEnd: m.index + m[0].indexOf(keyword) + keyword.length }));
}

function lineEnd(text: string, from: number): number {
  const eol = text.indexOf('\n', from);
  return eol === -1 ? text.length : eol;
}

// node-pg-migrate's own regexp (createMigrationCommentRegex): any case, white space or more dashes around, anything after.
const npmMarker = (direction: 'up' | 'down') => new RegExp(`^\\s*--[\\s-]*${direction}\\s+migration`, 'im');
const NPM_UP = npmMarker('up');
const NPM_DOWN = npmMarker('down');

/** Where node-pg-migrate's down marker starts in a file that has no up marker, whose whole text it then runs on up; null otherwise. */
export function npmDownWithoutUp(text: string): number | null {
  if (NPM_UP.test(text)) return null;
  const down = NPM_DOWN.exec(text);
  return down ? down.index + down[0].length - down[0].trimStart().length : null;
}

const MARKERS: ReadonlyArray<{ tool: Tool; find: (text: string) => Markers | null }> = [
  {
    tool: 'dbmate',
    find: (text) => {
      // A plain search first: the marker regexp tries every line start of every file.
      if (!text.includes('migrate:up')) return null;
      const [first] = readDbmate(text).sections;
      return first ? { up: first.up.keywordEnd, end: first.downs[0]?.start ?? first.end, optsOut: !first.transaction } : null;
    },
  },
  {
    tool: 'goose',
    find: (text) => {
      const found = gooseMarkers(text);
      return found && { up: found.up.start, end: found.down?.start ?? text.length, optsOut: found.noTransaction };
    },
  },
  {
    tool: 'node-pg-migrate',
    find: (text) => {
      // getActions: the up SQL runs from its marker to the down marker if that comes after it, else to the end; what is above it never runs.
      const up = NPM_UP.exec(text);
      if (!up) return null;
      const down = text.search(NPM_DOWN);
      return { up: up.index + up[0].length, end: down > up.index ? down : text.length, optsOut: false };
    },
  },
];

/**
 * The up section of a file as `preset`'s runner cuts it: by its own markers only (the others' are comments it runs
 * through, down section and all), or by any tool's under the generic preset, which does not know the runner.
 */
export function upSection(text: string, preset: PresetName): UpSection {
  for (const { tool, find } of MARKERS) {
    if (preset !== 'generic' && preset !== tool) continue;
    const found = find(text);
    if (!found) continue;
    const eol = text.indexOf('\n', found.up);
    const bodyStart = eol === -1 ? text.length : eol + 1;
    return {
      tool,
      sql: text.slice(bodyStart, Math.max(bodyStart, found.end)),
      lineOffset: countLines(text, bodyStart),
      transactional: found.optsOut ? false : null,
    };
  }
  return { tool: null, sql: text, lineOffset: 0, transactional: null };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const PG_DELTA_NO_TRANSACTION = '-- pg-delta: transaction=false';

/**
 * The Supabase CLI's test (legacyParseMigrationContent): a first line of exactly `-- pg-delta: transaction=false`, after
 * a BOM and before LF or CRLF, runs the file statement by statement outside a transaction; anywhere else it is a comment.
 */
export function supabaseNoTransaction(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split('\n', 1)[0]!;
  return (first.endsWith('\r') ? first.slice(0, -1) : first) === PG_DELTA_NO_TRANSACTION;
}

const SQLX_NO_TRANSACTION = Buffer.from('-- no-transaction');

/** sqlx's test, on the file's bytes as it reads them (a BOM kept): `sql.starts_with("-- no-transaction")` runs it outside a transaction. */
export function sqlxNoTransaction(bytes: Buffer): boolean {
  return bytes.subarray(0, SQLX_NO_TRANSACTION.length).equals(SQLX_NO_TRANSACTION);
}
