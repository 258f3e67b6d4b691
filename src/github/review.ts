// One-click fixes: findings with a mechanical fix on lines the PR changed become one pull-request review
// whose line comments carry ```suggestion blocks. Each carries a hidden key so a later push never
// repeats one already posted; a fixed line has no finding, so nothing is posted for it.

import { createHash } from 'node:crypto';
import type { Finding } from '../report/finding.js';
import type { GitHubApi } from './api.js';
import type { Repo } from './comment.js';
import { COMMENT_LIMIT, fence, message, text } from '../report/markdown.js';

export interface PullFile {
  filename: string;
  status: string;
  /** The unified diff; absent for binary or very large files. */
  patch?: string;
}

interface ReviewComment {
  body?: string;
}

export interface Suggestion {
  path: string;
  line: number;
  start_line?: number;
  side: 'RIGHT';
  start_side?: 'RIGHT';
  body: string;
}

const KEY_PREFIX = '<!-- migration-gate:suggestion:';

/** Per run: a review with hundreds of comments buries the PR; the next push posts the next ones. */
export const MAX_SUGGESTIONS = 30;

export async function listPullFiles(api: GitHubApi, repo: Repo, pr: number): Promise<PullFile[]> {
  return api.paginate<PullFile>(`/repos/${repo.owner}/${repo.repo}/pulls/${pr}/files`);
}

/** Line numbers (in the new file) that the patch adds. */
export function addedLines(patch: string | undefined): Set<number> {
  const added = new Set<number>();
  let line = 0;
  for (const row of (patch ?? '').split('\n')) {
    const hunk = row.match(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/);
    if (hunk) {
      line = Number(hunk[1]);
    } else if (row.startsWith('+')) {
      added.add(line++);
    } else if (!row.startsWith('-') && !row.startsWith('\\')) {
      line++;
    }
  }
  return added;
}

/**
 * The suggestions to post: findings with a fix whose every line the PR added, minus those already
 * posted (matched by a key over file, rule, the lines' current text and the replacement).
 * `readLines` gives a file's lines from the checkout (the head), or null when it cannot be read.
 */
export function planSuggestions(
  findings: Finding[],
  files: PullFile[],
  postedBodies: string[],
  readLines: (file: string) => string[] | null,
): Suggestion[] {
  const changed = new Map(files.map((f) => [f.filename, addedLines(f.patch)]));
  const posted = new Set(postedBodies.map(keyIn).filter((k): k is string => k !== null));
  const out: Suggestion[] = [];
  for (const f of findings) {
    const fix = f.fix;
    const added = changed.get(f.file);
    if (!fix || !added || fix.line < 1 || fix.endLine < fix.line) continue;
    let all = true;
    for (let l = fix.line; l <= fix.endLine; l++) all &&= added.has(l);
    const lines = readLines(f.file);
    if (!all || !lines || fix.endLine > lines.length) continue;
    const original = lines.slice(fix.line - 1, fix.endLine).join('\n');
    if (original === fix.replacement) continue;
    const key = createHash('sha256').update([f.file, f.rule, original, fix.replacement].join('\0')).digest('hex').slice(0, 16);
    if (posted.has(key)) continue;
    if (out.length >= MAX_SUGGESTIONS) break;
    posted.add(key);
    const body = [
      `${KEY_PREFIX}${key} -->`,
      `**${text(f.rule)}**: ${message(f.message)}`,
      '',
      fence(fix.replacement, 'suggestion'),
    ].join('\n');
    // GitHub refuses the whole review for one comment over its limit (a folded run's fix, a long function): left to --fix.
    if (body.length > COMMENT_LIMIT) continue;
    const suggestion: Suggestion = { path: f.file, line: fix.endLine, side: 'RIGHT', body };
    if (fix.endLine > fix.line) Object.assign(suggestion, { start_line: fix.line, start_side: 'RIGHT' });
    out.push(suggestion);
  }
  return out;
}

function keyIn(body: string): string | null {
  const at = body.indexOf(KEY_PREFIX);
  return at === -1 ? null : body.slice(at + KEY_PREFIX.length).split(' ')[0]!;
}

/** Posts the new suggestions as one review; returns how many were posted. */
export async function postSuggestions(
  api: GitHubApi,
  repo: Repo,
  pr: number,
  commitId: string,
  findings: Finding[],
  files: PullFile[],
  readLines: (file: string) => string[] | null,
): Promise<number> {
  if (!findings.some((f) => f.fix)) return 0;
  const base = `/repos/${repo.owner}/${repo.repo}/pulls/${pr}`;
  const existing = await api.paginate<ReviewComment>(`${base}/comments`);
  const comments = planSuggestions(findings, files, existing.map((c) => c.body ?? ''), readLines);
  if (comments.length === 0) return 0;
  await api.request('POST', `${base}/reviews`, {
    commit_id: commitId,
    event: 'COMMENT',
    body: `migration-gate suggests ${comments.length === 1 ? 'a fix' : `${comments.length} fixes`} you can apply in one click.`,
    comments,
  });
  return comments.length;
}
