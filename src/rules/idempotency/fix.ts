// Turns a statement's guard edits into insertions in its text. Where the grammar fixes every word before
// the guard (CREATE TABLE, CREATE INDEX), puts it right before a name the parse locates (ADD COLUMN), or the
// guard ends the statement (an INSERT's ON CONFLICT), the point follows from the text; elsewhere insertion points
// come from the parser's own tokens, and every candidate is re-parsed: an edit is offered only when the
// parser reads the corrected statement as the same statement with the guard set.

import { parseOne, sameTree, scanTokens, type AstNode } from '../../sql/ast.js';
import { byteToCharMapper } from '../../sql/parser.js';
import type { Edit } from './analyze.js';

const GUARD_FIELDS = new Set(['if_not_exists', 'missing_ok', 'replace', 'skipIfNewValExists', 'onConflictClause']);

type Insert = Extract<Edit, { kind: 'insert' }>;

/**
 * The keywords PostgreSQL's grammar puts each guard right after, most specific first. Candidates after
 * them are parsed first; a parse costs ~0.2 ms (a failed one nearly as much), so the order decides the cost.
 */
const ANCHORS: Record<Insert['words'], readonly string[]> = {
  'IF NOT EXISTS': ['COLUMN', 'CONCURRENTLY', 'INDEX', 'TABLE', 'VIEW', 'SEQUENCE', 'SCHEMA', 'EXTENSION', 'VALUE', 'SERVER', 'STATISTICS', 'COLLATION', 'MAPPING', 'ADD'],
  'IF EXISTS': [
    'COLUMN', 'CONSTRAINT', 'CONCURRENTLY', 'INDEX', 'TABLE', 'VIEW', 'SEQUENCE', 'SCHEMA', 'TYPE', 'FUNCTION', 'TRIGGER', 'POLICY', 'SERVER',
    'AGGREGATE', 'OPERATOR', 'COLLATION', 'PUBLICATION', 'STATISTICS', 'WRAPPER', 'CONVERSION', 'CONFIGURATION', 'DICTIONARY', 'PARSER',
    'TEMPLATE', 'METHOD', 'CLASS', 'FAMILY', 'RULE', 'LANGUAGE', 'CAST', 'TRANSFORM', 'MAPPING', 'ATTRIBUTE', 'ROLE', 'USER', 'GROUP', 'DROP',
    'IDENTITY',
  ],
  'OR REPLACE': ['CREATE'],
};

/**
 * Statements whose grammar puts the guard right after a fixed run of keywords: CREATE [TEMP|UNLOGGED] TABLE name
 * (and its OF / PARTITION OF forms), CREATE [UNIQUE] INDEX [CONCURRENTLY] name (a named one: only those get the edit).
 * Written with nothing but white space between them, the guard goes after them, where the re-parse would put it; with
 * a comment among them the statement takes the searched way.
 */
const FIXED_PREFIX: Partial<Record<string, RegExp>> = {
  CreateStmt: /^CREATE\s+(?:(?:(?:LOCAL|GLOBAL)\s+)?TEMP(?:ORARY)?\s+|UNLOGGED\s+)?TABLE\s+/i,
  IndexStmt: /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?/i,
};

/** The words before the table's name in ALTER [FOREIGN] TABLE, up to the name's first character, where the relation's `location` points. */
const ALTER_TABLE_PREFIX = /^ALTER\s+(?:FOREIGN\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?=[A-Za-z_"\u0080-\uffff])/i;

/** The keyword right before an ADD COLUMN's name (`ADD [COLUMN] name`), with nothing but white space after it. */
const COLUMN_KEYWORD = /(?<![\w$"])(?:ADD|COLUMN)\s+$/i;

/** Each guard's first word, as it reads where a guard is already written. */
const GUARD_AHEAD: Record<Insert['words'], RegExp> = {
  'IF NOT EXISTS': /^IF(?![\w$])/i,
  'IF EXISTS': /^IF(?![\w$])/i,
  'OR REPLACE': /^OR(?![\w$])/i,
};

/** A statement as parsed: its node kind, its fields and its text. */
export interface Parsed {
  kind: string;
  node: AstNode;
  text: string;
}

/** Text that goes into a statement at `at`, an offset in the statement's text as parsed. */
export interface Insertion {
  at: number;
  text: string;
}

/** Where `edits` go in the statement (DROPs first), or null when one of them cannot be placed safely. */
export function applyEdits(statement: Parsed, edits: Edit[], indent: string): Insertion[] | null {
  const drops: Insertion[] = [];
  const guards: Insertion[] = [];
  for (const edit of edits) {
    if (edit.kind === 'drop-first') {
      if (!edit.quoted && !parseOne(edit.drop)) return null;
      drops.push({ at: 0, text: `${edit.drop}\n${indent}` });
      continue;
    }
    // Guards are ignored by the comparison, so every step is checked against the statement as written.
    const next = edit.kind === 'insert' ? insertWords(statement, guards, edit) : appendOnConflict(statement, guards);
    if (next === null) return null;
    guards.push(next);
  }
  return [...drops, ...guards];
}

/** `text` with each insertion made; those at one offset in the order given. */
export function withInsertions(text: string, insertions: Insertion[]): string {
  let out = '';
  let last = 0;
  for (const i of [...insertions].sort((a, b) => a.at - b.at)) {
    out += text.slice(last, i.at) + i.text;
    last = i.at;
  }
  return out + text.slice(last);
}

/** Where `words` go, after the keyword where the parser then reads the wanted guard and nothing else; `done` are the guards placed so far. */
function insertWords(original: Parsed, done: Insertion[], edit: Insert): Insertion | null {
  const text = original.text;
  // IF NOT EXISTS is the only guard either statement takes, so nothing is placed before it.
  const fixed = edit.words === 'IF NOT EXISTS' && done.length === 0 ? FIXED_PREFIX[original.kind]?.exec(text) : null;
  if (fixed && fixed[0].length < text.length) return { at: fixed[0].length, text: `${edit.words} ` };
  const column = edit.column === undefined ? null : columnPoint(original, edit.column);
  if (column !== null) return { at: column, text: `${edit.words} ` };
  // A point where an earlier guard goes takes no second one.
  const tried = new Set(done.map((d) => d.at));
  const attempt = (at: number): Insertion | null => {
    if (tried.has(at)) return null;
    tried.add(at);
    // Words right after the keyword (DROP IDENTITY, with a comma or the end next) need a space before them too.
    const insertion = { at, text: `${/\s/.test(text[at - 1] ?? ' ') ? '' : ' '}${edit.words}${/[\s,]/.test(text[at] ?? ' ') ? '' : ' '}` };
    const parsed = parseOne(withInsertions(text, [...done, insertion]));
    const ok = parsed && parsed[0] === original.kind && edit.flag(parsed[1]) && sameTree(original.node, parsed[1], GUARD_FIELDS);
    return ok ? insertion : null;
  };
  // The anchors found by a plain search (cheaper than the scanner): a hit in a comment or a string
  // yields a candidate that fails the re-parse, never a wrong fix. An anchor already followed by a
  // guard as written (another command of the same ALTER) would read `IF IF`: not worth a parse here.
  for (const at of anchorPoints(text, edit.words)) {
    if (GUARD_AHEAD[edit.words].test(text.slice(at, at + 3))) continue;
    const fixed = attempt(at);
    if (fixed !== null) return fixed;
  }
  // A guard always follows a keyword: the other keywords' boundaries, in order, are the last resort.
  const tokens = scanTokens(text);
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.keyword === null) continue;
    const fixed = attempt(tokens[i + 1]!.start);
    if (fixed !== null) return fixed;
  }
  return null;
}

/**
 * Where an ADD COLUMN's guard goes by the grammar (`ADD [COLUMN] IF NOT EXISTS name`): right before the column's name at byte
 * `location`, counted from the table's name (the parse's input may hold more than the statement). Null where anything but
 * white space may stand between the name and the keyword before it: a comment there takes the searched way.
 */
function columnPoint(original: Parsed, location: number): number | null {
  const relation = original.node.relation as AstNode | undefined;
  const prefix = ALTER_TABLE_PREFIX.exec(original.text);
  if (!prefix || typeof relation?.location !== 'number') return null;
  const from = prefix[0].length;
  const at = from + byteToCharMapper(original.text.slice(from))(location - relation.location);
  const before = original.text.slice(0, at);
  const keyword = COLUMN_KEYWORD.exec(before);
  // A word that ends a `--` comment reads like the keyword: its line holds the `--`.
  return keyword && !/--[^\n\r]*$/.test(before.slice(0, keyword.index)) ? at : null;
}

const anchorSearch = new Map<Insert['words'], RegExp>();

/** Where the guard would go after each anchor keyword, most specific anchor first, then in text order. */
function anchorPoints(text: string, words: Insert['words']): number[] {
  const anchors = ANCHORS[words];
  let search = anchorSearch.get(words);
  if (!search) anchorSearch.set(words, (search = new RegExp(`(?<![\\w$"])(?:${anchors.join('|')})(?![\\w$"])`, 'gi')));
  const hits: Array<{ rank: number; at: number }> = [];
  for (const m of text.matchAll(search)) {
    const at = guardPoint(text, m.index! + m[0].length);
    hits.push({ rank: anchors.indexOf(m[0].toUpperCase()), at });
  }
  return hits.sort((a, b) => a.rank - b.rank || a.at - b.at).map((h) => h.at);
}

/**
 * Where the guard goes after an anchor ending at `from`: past white space but before a comment, since
 * a comment right before a name can be a template that becomes part of it (River's `/* TEMPLATE: schema *\/`).
 */
function guardPoint(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

/** ON CONFLICT DO NOTHING goes before a top-level RETURNING, else at the end of the statement. */
function appendOnConflict(original: Parsed, done: Insertion[]): Insertion | null {
  const text = original.text;
  // With no RETURNING and no comment, the statement ends with its VALUES or SELECT, which the grammar lets ON CONFLICT follow.
  const plain = done.length === 0 && !/returning|--|\/\*/i.test(text);
  let at = text.length;
  // Only a statement that mentions RETURNING needs the scanner to find the top-level one.
  if (/returning/i.test(text)) {
    let depth = 0;
    for (const t of scanTokens(text)) {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (depth === 0 && t.keyword === 'RETURNING') {
        at = t.start;
        break;
      }
    }
  }
  // Right after the last token before RETURNING, so the author's line breaks stay as they are.
  const insertion = { at: text.slice(0, at).trimEnd().length, text: ' ON CONFLICT DO NOTHING' };
  if (plain) return insertion;
  const parsed = parseOne(withInsertions(text, [...done, insertion]));
  const ok = parsed && parsed[0] === original.kind && parsed[1].onConflictClause && sameTree(original.node, parsed[1], GUARD_FIELDS);
  return ok ? insertion : null;
}
