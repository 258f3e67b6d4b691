// Templated migrations: placeholders such as ${schema}, ${flyway:user} or {{ index .Options "Namespace" }}
// are substituted before parsing, so a template is judged on its SQL rather than reported as a syntax error.

import { blankCopyData, copyData } from './copy-data.js';
import { DOLLAR_TAG, skipBlockComment, skipQuoted } from './split.js';

export const DEFAULT_PLACEHOLDER_PATTERNS = ['${name}', '{{ name }}'];

// A name may hold `:` for Flyway's built-ins (${flyway:defaultSchema}) and `.` for Go fields ({{ .Schema }}).
const NAME = /([.\w:-]+)/.source;

// `NAME` in capitals takes capitals only, up to the end of the word, as graphile-migrate's `(?:keys)\b` finds its
// `:DATABASE_OWNER` (migration.ts slowGeneratePlaceholderReplacement). A named group, so fillPlaceholders knows it.
const UPPER_NAME = (n: number) => `(?<upper${n}>[A-Z][A-Z0-9_]*)(?!\\w)`;

// Any one-line Go template action; Go strings inside it may hold braces. One line, so line numbers stay exact.
const GO_ACTION = /\{\{((?:"(?:[^"\\\n]|\\.)*"|`[^`\n]*`|[^"`{}\n])+)\}\}/.source;

/**
 * Compiles patterns such as "${name}" into one regex whose first defined group is the placeholder's
 * name. The "{{ name }}" pattern also matches any other Go template action, the action's text its name.
 */
export function placeholderRegex(patterns: string[]): RegExp | null {
  if (patterns.length === 0) return null;
  const alternatives = patterns.map((p, n) => {
    const upper = !p.includes('name');
    const [before, after] = p.split(upper ? 'NAME' : 'name') as [string, string];
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]*');
    return `${esc(before)}${upper ? UPPER_NAME(n) : NAME}${esc(after)}`;
  });
  if (patterns.some((p) => p.replace(/\s+/g, '') === '{{name}}')) alternatives.push(GO_ACTION);
  return new RegExp(alternatives.join('|'), 'g');
}

// goose's ENVSUB (mfridman/interpolate, line by line) also reads a bare `$NAME` as a variable: a letter first, then
// letters, digits and `_`. `$$` it keeps as it is (goose's testdata envsub/test02), so a `$$` is read past whole. A
// dollar-quote tag (`$body$`) is left as written: what goose's fork does with one is not known here, and filling it would
// turn a body that may well run into a syntax error.
const ENVSUB_TOKEN = /\$\$|\$(\p{L}[\p{L}\p{N}_]*)(?![\p{L}\p{N}_$])/gu;

// Go actions that print nothing: control flow, comments and variable declarations.
const SILENT_ACTION = /^(?:\/\*|(?:if|else|end|range|with|define|block|break|continue)\b|\$\w*\s*:?=)/;

/** One placeholder that was replaced: where it is in the file, and what stands there in the filled text. */
export interface Fill {
  /** Offset of the placeholder in the file's text. */
  at: number;
  /** The placeholder as written, e.g. `${schema}`. */
  text: string;
  /** Offset of its replacement in the filled text. */
  to: number;
  /** Its replacement: the configured value, a stand-in identifier, or spaces. */
  filled: string;
  kind: 'value' | 'stand-in' | 'blank';
  /** The key its value is (or would be) set under in `placeholders`. */
  key: string;
}

/** A file's text with its placeholders filled in, and each replacement made, in order. */
export interface Filled {
  sql: string;
  fills: Fill[];
}

/**
 * Replaces each placeholder with its configured value. One without a value is replaced only in SQL
 * code, where it must be for the file to parse: by spaces for a Go action that prints nothing
 * ({{ if .X }}, {{ end }}), otherwise by a stand-in identifier named after it (`${schema}` becomes
 * `schema___`; see standIn). In a string literal, comment or inline COPY row it stays as written: it
 * parses as it is there, and may be data (the array literal '{{1}}').
 */
export function fillPlaceholders(
  sql: string,
  regex: RegExp | null,
  values: Record<string, string>,
  shellDefaults = false,
  /**
   * The spans (sorted [start, end) pairs) where a `${...}` is filled at all, as goose's ENVSUB regions, which also fill a
   * bare `$NAME`; everywhere when unset.
   */
  envsub?: Array<[number, number]>,
): Filled {
  const fills: Fill[] = [];
  if (!regex) return { sql, fills };
  // Flyway matches placeholder names case-insensitively, so `${SCHEMA}` takes the value of `schema`.
  const folded = new Map(Object.keys(values).map((k) => [k.toLowerCase(), k]));
  // One stand-in per placeholder text, each unlike the others, case ignored, as PostgreSQL folds them.
  const standIns = new Map<string, string>();
  const taken = new Set<string>();
  let valueText: string | undefined;
  const clashes = (word: string) =>
    taken.has(word.toLowerCase()) || containsWord(sql, word) || containsWord((valueText ??= Object.values(values).join('\n')), word);
  const standInFor = (whole: string, key: string) => {
    let word = standIns.get(whole);
    if (word === undefined) {
      word = standIn(key, whole.length, clashes);
      standIns.set(whole, word);
      taken.add(word.toLowerCase());
    }
    return word;
  };
  let literals: Array<[number, number]> | undefined;
  let out = '';
  let last = 0;
  for (const m of envsub ? withEnvsubTokens(sql, regex, envsub) : sql.matchAll(regex)) {
    const whole = m[0];
    // Outside its ENVSUB regions goose sends `${...}` as written, which PostgreSQL rejects.
    if (envsub && whole.startsWith('${') && !inRanges(envsub, m.index)) continue;
    out += sql.slice(last, m.index);
    last = m.index + whole.length;
    // {{ .Schema }} also takes the value of `Schema`; {{ index .Options "Namespace" }} that of `Namespace`.
    const name = actionText(m.slice(1).find((g): g is string => g !== undefined)!);
    const keys = [name, name.replace(/^\./, ''), ...[...name.matchAll(/"((?:[^"\\]|\\.)*)"/g)].slice(-1).map((s) => s[1]!)];
    const key = keys.find((k) => Object.hasOwn(values, k)) ?? keys.map((k) => folded.get(k.toLowerCase())).find((k) => k !== undefined);
    const bare = keys.at(-1)!;
    let made: Pick<Fill, 'filled' | 'kind'>;
    const shell = shellDefaults && key === undefined && whole.startsWith('${') ? shellDefault(name, values, folded) : null;
    if (shell) {
      fills.push({ at: m.index, text: whole, to: out.length, key: shell.key, filled: shell.value, kind: 'value' });
      out += shell.value;
      continue;
    }
    if (key !== undefined) made = { filled: values[key]!, kind: 'value' };
    else if (afterWord(sql, m) || inRanges((literals ??= dataRanges(sql)), m.index)) {
      out += whole;
      continue;
    } else if (/^\{\{.*\}\}$/.test(whole) && SILENT_ACTION.test(actionText(whole.slice(2, -2)))) made = { filled: ' '.repeat(whole.length), kind: 'blank' };
    else made = { filled: standInFor(whole, bare), kind: 'stand-in' };
    fills.push({ at: m.index, text: whole, to: out.length, key: key ?? bare, ...made });
    out += made.filled;
  }
  return { sql: out + sql.slice(last), fills };
}

/**
 * The placeholders of `sql` and, within goose's ENVSUB regions, its bare `$NAME` variables, in order; of two that overlap,
 * the one that starts first, as goose's interpolation reads a line from left to right.
 */
function withEnvsubTokens(sql: string, regex: RegExp, envsub: Array<[number, number]>): RegExpExecArray[] {
  const tokens = [...sql.matchAll(ENVSUB_TOKEN)].filter((m) => m[0] !== '$$' && inRanges(envsub, m.index));
  const all = [...sql.matchAll(regex), ...tokens].sort((a, b) => a.index - b.index);
  let end = 0;
  return all.filter((m) => {
    if (m.index < end) return false;
    end = m.index + m[0].length;
    return true;
  });
}

/**
 * An environment-style `${NAME:-word}` or `${NAME-word}`, as goose's ENVSUB and the shell expand it: NAME's value,
 * else `word` (`:-` also when the value is empty). NAME in capitals only, so a Flyway `${app-schema}` stays a name.
 */
function shellDefault(name: string, values: Record<string, string>, folded: Map<string, string>): { key: string; value: string } | null {
  const m = /^([A-Z_][A-Z0-9_]*)(:?-)(.*)$/s.exec(name);
  if (!m) return null;
  const [, key, op, word] = m as unknown as [string, string, string, string];
  const set = Object.hasOwn(values, key) ? key : folded.get(key.toLowerCase());
  const value = set === undefined ? undefined : values[set]!;
  return { key, value: value === undefined || (op === ':-' && value === '') ? word : value };
}

/**
 * A capitals placeholder right after a letter, digit or `:` is taken only when it has a value, as graphile-migrate takes
 * its keys anywhere: one without a value there is a cast (`x::TEXT`) or an array slice (`a[1:N]`).
 */
function afterWord(sql: string, m: RegExpExecArray): boolean {
  return Object.values(m.groups ?? {}).some((g) => g !== undefined) && /[\w:]/.test(sql[m.index - 1] ?? '');
}

/** PostgreSQL cuts identifiers longer than this, and a cut stand-in would not read back as its placeholder. */
const MAX_IDENTIFIER = 63;

/**
 * An identifier named after the placeholder, as long as it where it can be (so a message that quotes
 * the filled text still lines up), and unlike any word that `clashes`, so it maps back exactly.
 */
function standIn(key: string, length: number, clashes: (word: string) => boolean): string {
  // Room is kept for a `_` and a counter within MAX_IDENTIFIER.
  const stem = key.replace(/\W/g, '_').replace(/^(?=\d)/, 'p').slice(0, MAX_IDENTIFIER - 8);
  const size = Math.min(Math.max(length, stem.length + 1), MAX_IDENTIFIER);
  for (let n = 0; ; n++) {
    const word = n === 0 ? stem.padEnd(size, '_') : `${stem}_`.padEnd(size - String(n).length, '_') + n;
    if (!clashes(word)) return word;
  }
}

/** Whether `word` (letters, digits and `_`) occurs in `text` as a whole identifier, case ignored. */
function containsWord(text: string, word: string): boolean {
  return new RegExp(`(?<![\\w$])${word}(?![\\w$])`, 'i').test(text);
}

/** A Go action's text without its `{{- ` / ` -}}` trim markers and outer spaces; a plain name as it is. */
function actionText(captured: string): string {
  return captured.replace(/^-(?=\s)/, '').replace(/(?<=\s)-$/, '').trim();
}

/** Whether `offset` falls in one of `ranges` (sorted [start, end) pairs). */
function inRanges(ranges: Array<[number, number]>, offset: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]![1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo]![0] <= offset;
}

const STICKY_ACTION = new RegExp(GO_ACTION, 'y');

/**
 * The spans where a placeholder without a value is data: string literals, comments, and inline COPY rows, which
 * are lexed as blanks (a quote in a row opens no string). A value fills them all, as Flyway replaces placeholders
 * before it splits the file; psql has no such placeholders.
 */
function dataRanges(sql: string): Array<[number, number]> {
  const copies = copyData(sql);
  if (copies.length === 0) return literalRanges(sql);
  const ranges = literalRanges(blankCopyData(sql, copies));
  for (const c of copies) ranges.push([c.start, c.resume]);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * The [start, end) spans of the string literals and comments in sql[from, to), in order. A $$-quoted
 * body is read as code (function and DO bodies hold templated SQL), its own strings and comments
 * included; quoted identifiers are code too.
 */
function literalRanges(sql: string, from = 0, to = sql.length, out: Array<[number, number]> = []): Array<[number, number]> {
  let i = from;
  while (i < to) {
    const c = sql[i]!;
    const next = sql[i + 1];
    let end = i + 1;
    if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      end = eol === -1 || eol > to ? to : eol;
      out.push([i, end]);
    } else if (c === '/' && next === '*') {
      end = Math.min(skipBlockComment(sql, i), to);
      out.push([i, end]);
    } else if (c === "'") {
      end = Math.min(skipQuoted(sql, i, "'", /[eE]/.test(sql[i - 1] ?? '') && !/[\w$]/.test(sql[i - 2] ?? '')), to);
      out.push([i, end]);
    } else if (c === '"') {
      end = Math.min(skipQuoted(sql, i, '"'), to);
    } else if (c === '{' && next === '{') {
      // A whole action is skipped, so a quote inside it ({{ "\"" }}) cannot open a string.
      STICKY_ACTION.lastIndex = i;
      if (STICKY_ACTION.test(sql)) end = Math.min(STICKY_ACTION.lastIndex, to);
    } else if (c === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql)?.[0];
      if (tag) {
        const open = i + tag.length;
        const close = sql.indexOf(tag, open);
        const bodyEnd = close === -1 || close + tag.length > to ? to : close;
        literalRanges(sql, open, bodyEnd, out);
        end = bodyEnd === to ? to : bodyEnd + tag.length;
      }
    }
    i = end;
  }
  return out;
}
