// A run of alike findings: a seed file's ten thousand INSERTs without ON CONFLICT, or a pg_dump baseline's CREATEs
// of one kind, each said alike. Listed one by one they bury the rest of the report (a 34 MB seed gave 200,001
// warnings and a 176 MB JSON report); folded, the run is one finding at its first statement that says how many
// follow, and whose fix, for --fix, rewrites every one of them.

import type { Draft, Fix } from '../report/finding.js';

/** Runs shorter than this stay one finding per statement: a reader can still take them in. */
export const FOLD_FROM = 10;

/**
 * `drafts` (of one file, each rule's in line order) with every run of FOLD_FROM or more consecutive drafts of one rule
 * and one message folded into one; `fileText` is the file as written, for the lines between the run's fixes.
 */
export function foldAlikeRuns(drafts: Draft[], fileText: string): Draft[] {
  const out: Draft[] = [];
  let lines: string[] | undefined;
  for (let start = 0; start < drafts.length; ) {
    let end = start + 1;
    while (end < drafts.length && alike(drafts[end - 1]!, drafts[end]!)) end++;
    if (end - start < FOLD_FROM) out.push(...drafts.slice(start, end));
    else out.push(folded(drafts.slice(start, end), () => (lines ??= fileLines(fileText))));
    start = end;
  }
  return out;
}

function alike(a: Draft, b: Draft): boolean {
  return a.rule === b.rule && a.message === b.message && a.severity === b.severity && a.line < b.line;
}

function folded(run: Draft[], lines: () => string[]): Draft {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const more = run.length - 1;
  const draft: Draft = {
    ...first,
    message: `${first.message} The same holds for the ${more} statements like it after it, up to line ${last.line}.`,
  };
  const fixes = run.flatMap((d) => (d.fix ? [d.fix] : []));
  if (fixes.length) {
    draft.fix = merged(fixes, lines());
    draft.suggestion = `${first.suggestion ?? ''} The same goes for each statement after it${fixes.length === run.length ? '' : ' that --fix can rewrite'}; --fix rewrites them all.`.trim();
  }
  return draft;
}

/** One fix from the first fix's first line to the last one's last: each fix's replacement, the lines between as they are. */
function merged(fixes: Fix[], lines: string[]): Fix {
  const parts: string[] = [];
  let next = fixes[0]!.line;
  for (const fix of fixes) {
    // Overlapping fixes (two findings on one statement) keep the first, as --fix would.
    if (fix.line < next) continue;
    parts.push(...lines.slice(next - 1, fix.line - 1), fix.replacement);
    next = fix.endLine + 1;
  }
  return { line: fixes[0]!.line, endLine: next - 1, replacement: parts.join('\n') };
}

/** The file's lines as --fix sees them: no BOM, no carriage returns (it writes the file's own line break back). */
function fileLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
