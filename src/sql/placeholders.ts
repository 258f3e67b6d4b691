// Templated migrations: placeholders such as ${schema}, ${flyway:user} or {{ index .Options "Namespace" }}
// are substituted before parsing, so a template is judged on its SQL rather than reported as a syntax error.

import { DOLLAR_TAG, skipBlockComment, skipQuoted } from './split.js';

export const DEFAULT_PLACEHOLDER_PATTERNS = ['${name}', '{{ name }}'];

// A name may hold `:` for Flyway's built-ins (${flyway:defaultSchema}) and `.` for Go fields ({{ .Schema }}).
const NAME = /([.\w:-]+)/.source;

// Any one-line Go template action; Go strings inside it may hold braces. One line, so line numbers stay exact.
const GO_ACTION = /\{\{((?:"(?:[^"\\\n]|\\.)*"|`[^`\n]*`|[^"`{}\n])+)\}\}/.source;

/**
 * Compiles patterns such as "${name}" into one regex whose first defined group is the placeholder's
 * name. The "{{ name }}" pattern also matches any other Go template action, the action's text its name.
 */
export function placeholderRegex(patterns: string[]): RegExp | null {
  if (patterns.length === 0) return null;
  const alternatives = patterns.map((p) => {
    const [before, after] = p.split('name') as [string, string];
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]*');
    return `${esc(before)}${NAME}${esc(after)}`;
  });
  if (patterns.some((p) => p.replace(/\s+/g, '') === '{{name}}')) alternatives.push(GO_ACTION);
  return new RegExp(alternatives.join('|'), 'g');
}

// Go actions that print nothing: control flow, comments and variable declarations.
const SILENT_ACTION = /^(?:\/\*|(?:if|else|end|range|with|define|block|break|continue)\b|\$\w*\s*:?=)/;

/**
 * Replaces each placeholder with its configured value. One without a value is replaced only in SQL
 * code, where it must be for the file to parse, by text of the same length so that later lines and
 * columns stay where they were: spaces for a Go action that prints nothing ({{ if .X }}, {{ end }}),
 * otherwise an identifier named after it (`${schema}` becomes `schema___`). In a string literal or
 * comment it stays as written: it parses as it is there, and may be data (the array literal '{{1}}').
 */
export function substitutePlaceholders(sql: string, regex: RegExp | null, values: Record<string, string>): string {
  if (!regex) return sql;
  // Flyway matches placeholder names case-insensitively, so `${SCHEMA}` takes the value of `schema`.
  const folded = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  let literals: Array<[number, number]> | undefined;
  let out = '';
  let last = 0;
  for (const m of sql.matchAll(regex)) {
    const whole = m[0];
    out += sql.slice(last, m.index);
    last = m.index + whole.length;
    // {{ .Schema }} also takes the value of `Schema`; {{ index .Options "Namespace" }} that of `Namespace`.
    const name = actionText(m.slice(1).find((g): g is string => g !== undefined)!);
    const keys = [name, name.replace(/^\./, ''), ...[...name.matchAll(/"((?:[^"\\]|\\.)*)"/g)].slice(-1).map((s) => s[1]!)];
    const exact = keys.find((k) => Object.hasOwn(values, k));
    const value = exact !== undefined ? values[exact] : keys.map((k) => folded.get(k.toLowerCase())).find((v) => v !== undefined);
    if (value !== undefined) out += value;
    else if (inRanges((literals ??= literalRanges(sql)), m.index)) out += whole;
    else if (/^\{\{.*\}\}$/.test(whole) && SILENT_ACTION.test(actionText(whole.slice(2, -2)))) out += ' '.repeat(whole.length);
    // Named after the placeholder, so a dry-run error reads `schema "flyway_defaultschema___" does not exist`.
    else out += (keys.at(-1)!.replace(/\W/g, '_').replace(/^(?=\d)/, 'p') + '_'.repeat(whole.length)).slice(0, whole.length);
  }
  return out + sql.slice(last);
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
