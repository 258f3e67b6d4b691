// Inline directives: `-- migration-gate: ignore <rule>[, <rule>]` silences rules for the statement
// that follows it; `-- migration-gate: ignore-file <rule>` for the whole file.

import type { Finding } from '../report/finding.js';

/** The text every directive contains (a file without it has no directives). */
export const DIRECTIVE_MARK = 'migration-gate:';
const DIRECTIVE = /--\s*migration-gate:\s*(ignore-file|ignore)\s+([\w\s,-]+)/g;

export interface Directives {
  /** Rules silenced in the whole file ('all' silences every rule). */
  file: Set<string>;
  /** Rules silenced per statement, by the statement's line span in the file. */
  statements: Array<{ line: number; endLine: number; rules: Set<string> }>;
}

function rulesIn(list: string): string[] {
  return list.split(/[\s,]+/).filter(Boolean);
}

/** A statement as directives see it: the comments before it, and its first and last line in the file. */
export interface DirectedStatement {
  leading: string;
  line: number;
  endLine: number;
}

/** Directives from the raw text (ignore-file) and from each statement's leading comments (ignore). */
export function readDirectives(text: string, statements: DirectedStatement[]): Directives {
  const file = new Set<string>();
  for (const m of text.matchAll(DIRECTIVE)) if (m[1] === 'ignore-file') rulesIn(m[2]!).forEach((r) => file.add(r));
  const stmts: Directives['statements'] = [];
  for (const s of statements) {
    const rules = new Set<string>();
    for (const m of s.leading.matchAll(DIRECTIVE)) if (m[1] === 'ignore') rulesIn(m[2]!).forEach((r) => rules.add(r));
    if (rules.size) stmts.push({ line: s.line, endLine: s.endLine, rules });
  }
  return { file, statements: stmts };
}

export function isSilenced(f: Pick<Finding, 'rule' | 'line'>, d: Directives): boolean {
  if (d.file.has(f.rule) || d.file.has('all')) return true;
  return d.statements.some(
    (s) => f.line >= s.line && f.line <= s.endLine && (s.rules.has(f.rule) || s.rules.has('all')),
  );
}
