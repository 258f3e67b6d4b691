// Where the run happens: repository, commit and pull request from the runner's environment and event
// payload, and the base commit to compare with (payload first, git as the fallback).

import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UserError } from '../errors.js';

export interface PullRequestRef {
  number: number;
  baseSha: string;
  baseRef: string;
  headSha: string;
  /** Commits in the PR, for the exact `fetch-depth` a head checkout needs. */
  commits?: number;
  /** Whether the head lives in another repository (its token is read-only then). */
  fork: boolean;
}

export interface GitHubContext {
  eventName: string;
  owner: string;
  repo: string;
  /** GITHUB_SHA: the commit checked out (the merge commit on pull_request). */
  sha: string;
  serverUrl: string;
  apiUrl: string;
  workspace: string;
  pullRequest: PullRequestRef | null;
  /** push: the commit before the push, when there was one. */
  before: string | null;
  /** merge_group: the group's parent commit, which the queue merges it onto (the branch, with the groups ahead of it). */
  mergeGroupBase: string | null;
  defaultBranch: string | null;
  /** GITHUB_BASE_REF: set on pull_request events. */
  baseRefName: string | null;
}

type Env = Record<string, string | undefined>;

const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
const ZERO_SHA = /^0+$/;

export function readContext(env: Env = process.env): GitHubContext {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const pr = payload.pull_request as Record<string, any> | undefined;
  const pullRequest: PullRequestRef | null =
    pr && PR_EVENTS.has(eventName)
      ? {
          number: Number(pr.number ?? payload.number),
          baseSha: String(pr.base?.sha ?? ''),
          baseRef: String(pr.base?.ref ?? ''),
          headSha: String(pr.head?.sha ?? env.GITHUB_SHA ?? ''),
          commits: typeof pr.commits === 'number' ? pr.commits : undefined,
          fork: Boolean(pr.head?.repo?.full_name && pr.head.repo.full_name !== pr.base?.repo?.full_name),
        }
      : null;
  const before = typeof payload.before === 'string' && !ZERO_SHA.test(payload.before) ? payload.before : null;
  const group = payload.merge_group as Record<string, any> | undefined;
  return {
    eventName,
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    pullRequest,
    before,
    mergeGroupBase: eventName === 'merge_group' && typeof group?.base_sha === 'string' ? group.base_sha : null,
    defaultBranch: (payload.repository as Record<string, any> | undefined)?.default_branch ?? null,
    baseRefName: env.GITHUB_BASE_REF || null,
  };
}

function readPayload(path: string | undefined): Record<string, any> {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
  } catch {
    return {};
  }
}

/** Whether the run checks changes before they merge: a pull request, or a merge queue's group. */
export function beforeMerge(ctx: GitHubContext): boolean {
  return ctx.pullRequest !== null || ctx.mergeGroupBase !== null;
}

/** The head commit links should point at. */
export function headSha(ctx: GitHubContext): string {
  return ctx.pullRequest?.headSha || ctx.sha;
}

export type Git = (args: string[], cwd: string) => Promise<string>;

const execFileAsync = promisify(execFile);
export const runGit: Git = async (args, cwd) => (await execFileAsync('git', args, { cwd })).stdout.trim();

/**
 * The base commit: the PR's base SHA, the merge group's base or the commit before a push, else the merge base with the base or
 * default branch. A commit named by the payload but missing from a shallow clone is fetched, and when
 * that fails the error names the `fetch-depth` that works. null when there is nothing to compare with.
 */
export async function resolveBase(ctx: GitHubContext, root: string, git: Git = runGit): Promise<string | null> {
  const named = ctx.pullRequest?.baseSha || ctx.mergeGroupBase || ctx.before;
  if (named) {
    if (await hasCommit(git, root, named)) return named;
    await git(['fetch', '--no-tags', '--depth=1', 'origin', named], root).catch(() => '');
    if (await hasCommit(git, root, named)) return named;
    throw new UserError(await missingBaseMessage(ctx, root, named, git));
  }
  for (const branch of [ctx.baseRefName, ctx.defaultBranch]) {
    if (!branch) continue;
    const base = await git(['merge-base', 'HEAD', `origin/${branch}`], root).catch(() => '');
    if (base) return base;
  }
  return null;
}

/** Why every migration counts as pending in a run with no base (workflow_dispatch, schedule, ...), and how to give one. */
export function noBaseNote(ctx: GitHubContext): string {
  const branch = ctx.baseRefName ?? ctx.defaultBranch;
  return (
    `No base to compare the migrations with: nothing in ${ctx.eventName ? `this ${ctx.eventName} event` : 'this run'} names one, and the ` +
    `checkout has no ${branch ? `\`origin/${branch}\`` : 'default branch'} to find one with. So every migration counts as pending: the ` +
    'statement rules and the dry-run take them all, and edits to merged files, deleted ones and their order are not checked. ' +
    `Pass what is already merged with the \`base-ref\` input (e.g. \`base-ref: origin/${branch ?? 'main'}\`, after actions/checkout ` +
    'with `fetch-depth: 0`).'
  );
}

async function hasCommit(git: Git, root: string, sha: string): Promise<boolean> {
  return git(['cat-file', '-e', `${sha}^{commit}`], root).then(
    () => true,
    () => false,
  );
}

async function missingBaseMessage(ctx: GitHubContext, root: string, sha: string, git: Git): Promise<string> {
  // actions/checkout with `path:` puts the clone in a subfolder, and no fetch depth helps then.
  if (!(await git(['rev-parse', '--is-inside-work-tree'], root).catch(() => ''))) {
    return (
      `The workspace ${root} is not a git repository, so there is no base to compare the migrations with. ` +
      'Check the repository out at the workspace root (actions/checkout without `path:`), before this step.'
    );
  }
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], root).catch(() => '')) === 'true';
  const what = ctx.pullRequest
    ? `the pull request's base commit ${sha}`
    : ctx.mergeGroupBase
      ? `the merge group's base commit ${sha}`
      : `the commit before the push ${sha}`;
  const depth = ctx.pullRequest?.commits
    ? ` (at least \`fetch-depth: 2\` when checking out the default merge commit, \`fetch-depth: ${ctx.pullRequest.commits + 1}\` when checking out the PR head)`
    : '';
  return (
    `${what} is not in this checkout${shallow ? ' (a shallow clone)' : ''}, so there is nothing to compare the ` +
    `migrations with. Set \`fetch-depth: 0\` on actions/checkout${depth}, or pass the base with the \`base-ref\` input.`
  );
}
