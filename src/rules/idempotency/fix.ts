// Turns a statement's guard edits into its corrected text. Insertion points come from the parser's
// own tokens, and every candidate is re-parsed: an edit is offered only when the parser reads the
// corrected statement as the same statement with the guard set.

import { parseOne, sameTree, scanTokens, type AstNode } from '../../sql/ast.js';
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
    'TEMPLATE', 'METHOD', 'CLASS', 'FAMILY', 'RULE', 'LANGUAGE', 'CAST', 'TRANSFORM', 'MAPPING', 'ATTRIBUTE', 'DROP',
  ],
  'OR REPLACE': ['CREATE'],
};

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

/** The statement's text with `edits` applied, or null when one of them cannot be placed safely. */
export function applyEdits(statement: Parsed, edits: Edit[], indent: string): string | null {
  let current = statement.text;
  let before = '';
  for (const edit of edits) {
    if (edit.kind === 'drop-first') {
      if (!parseOne(edit.drop)) return null;
      before += `${edit.drop}\n${indent}`;
      continue;
    }
    // Guards are ignored by the comparison, so every step is checked against the statement as written.
    const next = edit.kind === 'insert' ? insertWords(current, statement, edit) : appendOnConflict(current, statement);
    if (next === null) return null;
    current = next;
  }
  return before + current;
}

/** Inserts `words` after the keyword where the parser then reads the wanted guard and nothing else. */
function insertWords(text: string, original: Parsed, edit: Insert): string | null {
  const tried = new Set<number>();
  const attempt = (at: number): string | null => {
    if (tried.has(at)) return null;
    tried.add(at);
    const candidate = `${text.slice(0, at)}${edit.words} ${text.slice(at)}`;
    const parsed = parseOne(candidate);
    const ok = parsed && parsed[0] === original.kind && edit.flag(parsed[1]) && sameTree(original.node, parsed[1], GUARD_FIELDS);
    return ok ? candidate : null;
  };
  // The anchors found by a plain search (cheaper than the scanner): a hit in a comment or a string
  // yields a candidate that fails the re-parse, never a wrong fix. An anchor already followed by a
  // guard (another command of the same ALTER) would read `IF IF`: not worth a parse here.
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

const anchorSearch = new Map<Insert['words'], RegExp>();

/** Where the guard would go after each anchor keyword, most specific anchor first, then in text order. */
function anchorPoints(text: string, words: Insert['words']): number[] {
  const anchors = ANCHORS[words];
  let search = anchorSearch.get(words);
  if (!search) anchorSearch.set(words, (search = new RegExp(`(?<![\\w$"])(?:${anchors.join('|')})(?![\\w$"])`, 'gi')));
  const hits: Array<{ rank: number; at: number }> = [];
  for (const m of text.matchAll(search)) {
    const at = guardPoint(text, m.index! + m[0].length);
    if (at < text.length) hits.push({ rank: anchors.indexOf(m[0].toUpperCase()), at });
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
function appendOnConflict(text: string, original: Parsed): string | null {
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
  const head = text.slice(0, at).trimEnd();
  const candidate = `${head} ON CONFLICT DO NOTHING${text.slice(head.length)}`;
  const parsed = parseOne(candidate);
  const ok = parsed && parsed[0] === original.kind && parsed[1].onConflictClause && sameTree(original.node, parsed[1], GUARD_FIELDS);
  return ok ? candidate : null;
}
