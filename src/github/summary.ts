// The job summary: the full report (up to GitHub's 1 MiB per step), or why there is none. Written in
// the Action's `finally`, so it exists also when the gate fails, throws, or has no token to comment with.

import { appendFileSync } from 'node:fs';
import type { Report } from '../report/report.js';
import { fence, message, renderMarkdown, type MarkdownContext } from '../report/markdown.js';

export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

export function summaryBody(report: Report | null, failure: string | null, context: MarkdownContext): string {
  // An internal error carries its stack after the first line: keep it readable in a code block.
  const [first = 'unknown error', ...stack] = (failure ?? '').split('\n');
  const trace = stack.length ? `${fence(stack.join('\n'))}\n\n` : '';
  if (report) {
    // A step that failed after the gate (e.g. while applying) says so above the report it did produce.
    const failed = failure ? `> [!CAUTION]\n> The step failed after the gate: ${message(first)}\n\n${trace}`.trimEnd() : '';
    const prelude = [context.prelude, failed].filter(Boolean).join('\n\n') || undefined;
    return renderMarkdown(report, { ...context, prelude, marker: undefined, limit: SUMMARY_LIMIT_BYTES, measure: Buffer.byteLength });
  }
  const notes = (context.notes ?? []).map((n) => `> ${message(n)}\n`).join('\n');
  return `### ❌ migration-gate could not run\n\n${message(first)}\n\n${trace}${notes}`;
}

/** Appends to GITHUB_STEP_SUMMARY; false when the runner gave no summary file (a local run). */
export function writeSummary(body: string, env: Record<string, string | undefined> = process.env): boolean {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  appendFileSync(file, `${body}\n`);
  return true;
}
