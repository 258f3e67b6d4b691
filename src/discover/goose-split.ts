// A goose SQL migration as goose itself reads it (pressly/goose internal/sqlparser/parser.go, v3.19.1 to v3.28):
// line by line, a statement ending at each line whose last word ends in `;` (even inside a $$ body or a string)
// unless it sits between `-- +goose StatementBegin` and `-- +goose StatementEnd`. Only the up direction is read,
// as `goose up` does (the Provider also parses the down one, whose missing `;` fails there alone).

import type { Migration } from '../migration.js';
import type { PresetName } from '../options.js';
import { LineIndex } from '../sql/lines.js';
import type { Template } from '../sql/template.js';
import { decodeSql } from './decode.js';

const ANNOTATIONS = ['Up', 'Down', 'StatementBegin', 'StatementEnd', 'NO TRANSACTION', 'ENVSUB ON', 'ENVSUB OFF'] as const;
export type GooseAnnotation = (typeof ANNOTATIONS)[number];

/** One line as goose's bufio.Scanner yields it: split at `\n`, a `\r` before it dropped. */
export interface GooseLine {
  text: string;
  /** Offsets in the file of its first character and just past its last. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
}

/** Statements goose sends one by one: each a query of its own, in goose's transaction unless the file opts out. */
export interface GooseChunk {
  /** The file's lines that goose sends as one query, from the start of the first; annotation lines it leaves out are blanked, so offsets stay the file's. */
  text: string;
  /** Offset in the file of `text`. */
  offset: number;
  /** Lines of the file before `text`. */
  lineOffset: number;
  /** Where goose ends it: the line whose `;` does, or the `-- +goose StatementEnd` line after it. */
  endLine: number;
  /** Ended by `-- +goose StatementEnd` rather than by a `;`. */
  block: boolean;
}

export type GooseErrorKind = 'annotation' | 'misplaced' | 'sql-before-up' | 'no-up' | 'no-statement-end' | 'missing-semicolon';

/** Why goose refuses the file (and so runs none of it), in goose's words, at the line it concerns. */
export interface GooseError {
  kind: GooseErrorKind;
  line: number;
  message: string;
}

export interface GooseSplit {
  /** The up statements in the order goose sends them (up to the error, if any). */
  chunks: GooseChunk[];
  error: GooseError | null;
  /** False when the file holds `-- +goose NO TRANSACTION`. */
  transactional: boolean;
}

function* gooseLines(text: string): Generator<GooseLine> {
  let start = 0;
  for (let line = 1; start < text.length; line++) {
    const eol = text.indexOf('\n', start);
    const next = eol === -1 ? text.length : eol + 1;
    const end = eol === -1 ? text.length : eol > start && text[eol - 1] === '\r' ? eol - 1 : eol;
    yield { text: text.slice(start, end), start, end, line };
    start = next;
  }
}

/**
 * goose's reading of a line: null when it is no annotation line (one that starts with `--`, white space aside, and holds
 * `+goose` anywhere), else the annotation, any case, or goose's error for it (extractAnnotation).
 */
export function readAnnotation(line: string): GooseAnnotation | { error: string } | null {
  if (!line.trim().startsWith('--') || !line.includes('+goose')) return null;
  if (line.startsWith(' ') || line.startsWith('\t')) return { error: `${quote(line)} contains leading whitespace: invalid annotation` };
  const cmd = line.replaceAll('--', '').replace('+goose', '');
  if (cmd.includes('+goose')) return { error: `${quote(cmd)} contains multiple '+goose' annotations: invalid annotation` };
  const word = cmd.trim();
  if (!word) return { error: 'empty annotation' };
  return ANNOTATIONS.find((a) => a.toLowerCase() === word.toLowerCase()) ?? { error: `${quote(word)} not supported: invalid annotation` };
}

/** The lines of goose's `Up` and `Down` annotations, and whether any line says `NO TRANSACTION`; null without an `Up`. */
export function gooseMarkers(text: string): { up: GooseLine; down: GooseLine | null; noTransaction: boolean } | null {
  // Every annotation holds the word: a file without it (nearly every file of another runner) needs no line scan.
  if (!text.includes('+goose')) return null;
  let up: GooseLine | null = null;
  let down: GooseLine | null = null;
  let noTransaction = false;
  for (const line of gooseLines(text)) {
    const a = readAnnotation(line.text);
    if (a === 'NO TRANSACTION') noTransaction = true;
    else if (a === 'Up') up ??= line;
    else if (a === 'Down' && up) down ??= line;
  }
  return up && { up, down, noTransaction };
}

/**
 * The spans of text[from, to) where goose substitutes environment variables (interpolate's `$NAME`, `${NAME}`, `${NAME:-word}`), as offsets
 * from `from`: the lines after each `-- +goose ENVSUB ON`, wherever it stands, up to an `ENVSUB OFF` or the end of the file.
 */
export function envsubRegions(text: string, from = 0, to = text.length): Array<[number, number]> {
  const regions: Array<[number, number]> = [];
  if (!text.includes('+goose')) return regions;
  const add = (start: number, end: number) => {
    if (Math.max(start, from) < Math.min(end, to)) regions.push([Math.max(start, from) - from, Math.min(end, to) - from]);
  };
  let on: number | null = null;
  for (const line of gooseLines(text)) {
    const a = readAnnotation(line.text);
    if (a === 'ENVSUB ON') on ??= line.end;
    else if (a === 'ENVSUB OFF' && on !== null) {
      add(on, line.start);
      on = null;
    }
  }
  if (on !== null) add(on, text.length);
  return regions;
}

type State = 'start' | 'up' | 'block' | 'blockEnd' | 'down' | 'downBlock';

/** Splits `text` (a whole goose file) into the up statements goose sends, or says why goose refuses it. */
export function splitGoose(text: string): GooseSplit {
  const chunks: GooseChunk[] = [];
  let transactional = true;
  let state: State = 'start';
  // goose's buffer: the lines written since the last statement ended, and the annotation lines skipped among them.
  let first: GooseLine | null = null;
  let last: GooseLine | null = null;
  let skipped: GooseLine[] = [];
  const fail = (kind: GooseErrorKind, line: number, message: string): GooseSplit => ({ chunks, error: { kind, line, message }, transactional });
  const pending = () => (first && last ? blank(text, first.start, last.end, skipped) : '');
  const flush = (endLine: number, block: boolean) => {
    if (first && pending().trim()) chunks.push({ text: pending(), offset: first.start, lineOffset: first.line - 1, endLine, block });
    first = last = null;
    skipped = [];
  };
  let beganAt = 0;
  for (const line of gooseLines(text)) {
    if (state === 'start' && !line.text.trim()) continue;
    const a = readAnnotation(line.text);
    if (a !== null) {
      if (typeof a === 'object') return fail('annotation', line.line, `failed to parse annotation line ${quote(line.text)}: ${a.error}`);
      let consumed = true;
      switch (a) {
        case 'Up':
          if (state !== 'start') return fail('misplaced', line.line, "duplicate '-- +goose Up' annotations");
          state = 'up';
          break;
        case 'Down':
          if (state !== 'up' && state !== 'blockEnd') return fail('misplaced', line.line, "must start with '-- +goose Up' annotation");
          if (pending().trim()) return missingSemicolon();
          state = 'down';
          break;
        case 'StatementBegin':
          if (state === 'start' || state === 'block' || state === 'downBlock') {
            return fail('misplaced', line.line, "'-- +goose StatementBegin' must be defined after '-- +goose Up' or '-- +goose Down' annotation");
          }
          state = state === 'down' ? 'downBlock' : 'block';
          beganAt = line.line;
          break;
        case 'StatementEnd':
          if (state !== 'block' && state !== 'downBlock') {
            return fail('misplaced', line.line, "'-- +goose StatementEnd' must be defined after '-- +goose StatementBegin'");
          }
          state = state === 'block' ? 'blockEnd' : 'down';
          // goose goes on with this line: it ends the statement below unless no line of it was written yet.
          consumed = state === 'down';
          break;
        case 'NO TRANSACTION':
          transactional = false;
          break;
        // ENVSUB ON/OFF: goose substitutes $VARs in the lines after (envsubRegions); the gate fills $NAME and ${NAME} only there.
      }
      if (consumed) {
        if (first) skipped.push(line);
        continue;
      }
    }
    // Comments and empty lines before a statement are not part of it.
    if (!first && (line.text.trim().startsWith('--') || line.text === '')) continue;
    if (state === 'start') return fail('sql-before-up', line.line, `failed to parse migration: unexpected state 0 on line ${quote(line.text)}`);
    if (state === 'down' || state === 'downBlock') continue;
    if (state === 'blockEnd') {
      // goose sends what the block holds; a line read in this state (after a StatementEnd it skipped) is dropped.
      flush(line.line, true);
      state = 'up';
      continue;
    }
    first ??= line;
    last = line;
    if (state === 'up' && semicolonAt(line.text) !== -1) flush(line.line, false);
  }
  if (state === 'start') return fail('no-up', 1, "failed to parse migration: must start with '-- +goose Up' annotation");
  if (state === 'block' || state === 'downBlock') return fail('no-statement-end', beganAt, "failed to parse migration: missing '-- +goose StatementEnd' annotation");
  if (pending().trim()) return missingSemicolon();
  return { chunks, error: null, transactional };

  function missingSemicolon(): GooseSplit {
    const sent = pending();
    const query = sent.trim();
    const shown = query.length > 60 ? `${query.slice(0, 57)}...` : query;
    // At the statement's first line: goose's message names no line.
    const line = first!.line + (sent.slice(0, sent.length - sent.trimStart().length).match(/\n/g)?.length ?? 0);
    return fail('missing-semicolon', line, `failed to parse migration: unexpected unfinished SQL query: ${quote(shown)}: missing semicolon?`);
  }
}

/**
 * Where in `line` the `;` is that makes goose end a statement there (endsWithSemicolon: the last white-space separated
 * word before any word starting with `--` ends in `;`), or -1.
 */
export function semicolonAt(line: string): number {
  // Most lines hold no `--`: then it is the last character but white space.
  if (!line.includes('--')) {
    const words = line.trimEnd();
    return words.endsWith(';') ? words.length - 1 : -1;
  }
  let at = -1;
  for (const word of line.matchAll(/\S+/g)) {
    if (word[0].startsWith('--')) break;
    at = word[0].endsWith(';') ? word.index + word[0].length - 1 : -1;
  }
  return at;
}

/**
 * Whether goose splits `migration` as SQL: under its preset, or under generic for a file with goose's markers (only goose
 * reads them); a Go migration it runs as code.
 */
export function runsUnderGoose(migration: Migration, preset: PresetName): boolean {
  return !migration.language && (preset === 'goose' || (preset === 'generic' && migration.scheme === 'goose'));
}

/** A migration's file as goose reads it: its text, and its split; null when its bytes are no text (unreadable-file says so). */
export function gooseFile(migration: Migration): (GooseSplit & { text: string }) | null {
  const decoded = decodeSql(migration.bytes);
  return decoded.ok ? { ...splitGoose(decoded.text), text: decoded.text } : null;
}

/** A query goose sends, by offsets in the text the parser reads (the migration's up section, filled as its template). */
export interface GooseQuery {
  start: number;
  end: number;
  chunk: GooseChunk;
}

/** The up queries goose sends for `migration`, in order; null where goose does not run it, or refuses it. */
export function gooseQueries(migration: Migration, preset: PresetName, template: Template): GooseQuery[] | null {
  if (!runsUnderGoose(migration, preset)) return null;
  const file = gooseFile(migration);
  if (!file || file.error) return null;
  const sectionStart = new LineIndex(file.text).lineStart(migration.lineOffset + 1);
  return file.chunks.flatMap((chunk) => {
    const from = chunk.offset - sectionStart;
    // Chunks of the down section, or before the up one, are not in the migration's text.
    if (from < 0 || from >= migration.sql.length) return [];
    return [{ start: template.filledOffset(from), end: template.filledOffset(from + chunk.text.length), chunk }];
  });
}

/** text[from, to) with each skipped line turned to spaces, line breaks kept. */
function blank(text: string, from: number, to: number, skipped: GooseLine[]): string {
  let out = '';
  let at = from;
  for (const s of skipped) {
    out += text.slice(at, s.start) + ' '.repeat(s.end - s.start);
    at = s.end;
  }
  return out + text.slice(at, to);
}

/** Go's %q, near enough: a double-quoted string with escapes. */
function quote(s: string): string {
  return JSON.stringify(s);
}
