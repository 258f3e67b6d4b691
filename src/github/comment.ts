// The sticky PR comment: one per pull request and migration set, found again by a hidden marker
// across every page of comments, and updated in place (or recreated at the bottom) on each push.

import { createHash } from 'node:crypto';
import { ApiError, type GitHubApi } from './api.js';

export interface Repo {
  owner: string;
  repo: string;
}

interface IssueComment {
  id: number;
  body?: string;
  user?: { login?: string; type?: string } | null;
}

export type CommentMode = 'update' | 'recreate';

export interface CommentResult {
  id: number;
  action: 'created' | 'updated' | 'recreated';
}

/** A stable id for a migration set, so a monorepo's two gate steps keep two comments. */
export function setId(folders: string[]): string {
  return createHash('sha256').update([...folders].sort().join('\n')).digest('hex').slice(0, 12);
}

export function commentMarker(id: string): string {
  return `<!-- migration-gate:comment:${id} -->`;
}

/** The set's comment: one that starts with the marker and that the token's identity wrote, never a person's. */
export async function findComment(api: GitHubApi, repo: Repo, pr: number, marker: string): Promise<IssueComment | null> {
  const comments = await api.paginate<IssueComment>(`/repos/${repo.owner}/${repo.repo}/issues/${pr}/comments`);
  const marked = comments.filter((c) => c.body?.startsWith(marker));
  // Anyone can paste the marker. The workflow's token writes as a Bot; a personal token as its own user.
  const bot = marked.find((c) => c.user?.type === 'Bot');
  if (bot || marked.length === 0) return bot ?? null;
  const login = await tokenLogin(api);
  return marked.find((c) => login !== null && c.user?.login === login) ?? null;
}

/** The token's own login; null for the workflow's (an app's) token, which GET /user refuses. */
async function tokenLogin(api: GitHubApi): Promise<string | null> {
  try {
    return (await api.request<{ login?: string }>('GET', '/user')).login ?? null;
  } catch (e) {
    if (e instanceof ApiError && e.forbidden) return null;
    throw e;
  }
}

/**
 * Updates (or recreates) the set's comment, or creates it; with `createIfMissing` false a PR that has
 * no comment yet gets none (nothing to say), while an existing one is still brought up to date.
 */
export async function upsertComment(
  api: GitHubApi,
  repo: Repo,
  pr: number,
  marker: string,
  body: string,
  mode: CommentMode,
  createIfMissing = true,
): Promise<CommentResult | null> {
  const base = `/repos/${repo.owner}/${repo.repo}/issues`;
  const existing = await findComment(api, repo, pr, marker);
  if (!existing && !createIfMissing) return null;
  if (existing && mode === 'update') {
    if (existing.body === body) return { id: existing.id, action: 'updated' };
    await api.request('PATCH', `${base}/comments/${existing.id}`, { body });
    return { id: existing.id, action: 'updated' };
  }
  if (existing) await api.request('DELETE', `${base}/comments/${existing.id}`);
  const created = await api.request<IssueComment>('POST', `${base}/${pr}/comments`, { body });
  return { id: created.id, action: existing ? 'recreated' : 'created' };
}
