// Turns a statement's guard edits into its corrected text. Insertion points come from the parser's
// own tokens, and every candidate is re-parsed: an edit is offered only when the parser reads the
// corrected statement as the same statement with the guard set.

import { parseOne, sameTree, scanTokens, type AstNode } from '../../sql/ast.js';
import type { Edit } from './analyze.js';

const GUARD_FIELDS = new Set(['if_not_exists', 'missing_ok', 'replace', 'skipIfNewValExists', 'onConflictClause']);

/** `text` with `edits` applied, or null when one of them cannot be placed safely. */
export function applyEdits(text: string, edits: Edit[], indent: string): string | null {
  const parsed = parseOne(text);
  if (!parsed) return null;
  let current = text;
  let before = '';
  for (const edit of edits) {
    if (edit.kind === 'drop-first') {
      if (!parseOne(edit.drop)) return null;
      before += `${edit.drop}\n${indent}`;
      continue;
    }
    const next = edit.kind === 'insert' ? insertWords(current, parsed[0], edit) : appendOnConflict(current);
    if (next === null) return null;
    current = next;
  }
  return before + current;
}

/** Tries each token boundary until the parser reads `words` there as the wanted guard and nothing else. */
function insertWords(text: string, kind: string, edit: Extract<Edit, { kind: 'insert' }>): string | null {
  const original = parseOne(text);
  if (!original) return null;
  for (const token of scanTokens(text).slice(1)) {
    const candidate = `${text.slice(0, token.start)}${edit.words} ${text.slice(token.start)}`;
    const parsed = parseOne(candidate);
    if (parsed && parsed[0] === kind && edit.flag(parsed[1]) && sameTree(original[1], parsed[1], GUARD_FIELDS)) {
      return candidate;
    }
  }
  return null;
}

/** ON CONFLICT DO NOTHING goes before a top-level RETURNING, else at the end of the statement. */
function appendOnConflict(text: string): string | null {
  let depth = 0;
  let at = text.length;
  for (const t of scanTokens(text)) {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.keyword === 'RETURNING') {
      at = t.start;
      break;
    }
  }
  // Right after the last token before RETURNING, so the author's line breaks stay as they are.
  const head = text.slice(0, at).trimEnd();
  const candidate = `${head} ON CONFLICT DO NOTHING${text.slice(head.length)}`;
  const parsed = parseOne(candidate);
  const original = parseOne(text);
  const ok = parsed && original && (parsed[1] as AstNode).onConflictClause && sameTree(original[1], parsed[1], GUARD_FIELDS);
  return ok ? candidate : null;
}
