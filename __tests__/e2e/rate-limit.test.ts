// End to end: the built bundle (dist/index.js) on a pull request while GitHub's secondary rate limit
// answers the comment write with a 403 and retry-after, as GitHub's docs describe it. A limit that clears
// is waited out and the comment lands once; one that never clears is a warning, never a failed job.
// Build first (`npm run build`); MIGRATION_GATE_DIST points at another build folder.

import { commentMarker, setId } from '../../src/github/comment.js';
import { git, makeGitRepo } from '../support/repo.js';
import { ACTION_BUNDLE, runActionStep, suiteWithFakeGitHub, type ActionRun } from '../support/run-action.js';

const PR = 7;
const MARKER = commentMarker(setId(['db/migrations']));
const ORDERS = 'CREATE TABLE IF NOT EXISTS orders (\n  id bigint PRIMARY KEY\n);\n';
// GitHub's words when a secondary rate limit refuses a request.
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

const { github, work } = suiteWithFakeGitHub('mg-e2e-limit-');

/** A pull request that adds one clean migration, open on the fake GitHub, and the step that gates it. */
function pullRequest(): () => Promise<ActionRun> {
  const { root, baseSha } = makeGitRepo({ 'db/migrations/001_users.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n' }, { 'db/migrations/002_orders.sql': ORDERS });
  const head = git(root, 'rev-parse', 'HEAD').trim();
  github.pull(PR, { files: [{ filename: 'db/migrations/002_orders.sql', status: 'added', patch: '@@ -0,0 +1,3 @@\n+' + ORDERS.trimEnd().split('\n').join('\n+') }] });
  const event = {
    number: PR,
    pull_request: {
      number: PR,
      base: { sha: baseSha, ref: 'main', repo: { full_name: 'acme/shop' } },
      head: { sha: head, ref: 'feature', repo: { full_name: 'acme/shop' } },
    },
    repository: { full_name: 'acme/shop', default_branch: 'main' },
  };
  const inputs = { migrations: 'db/migrations', 'dry-run': 'false', comment: 'update', 'github-token': 'ghs_test_token' };
  return () => runActionStep({ bundle: ACTION_BUNDLE, work, workspace: root, eventName: 'pull_request', event, sha: head, apiUrl: github.url, inputs });
}

const ours = () => github.pulls.get(PR)!.comments.filter((c) => c.body.startsWith(MARKER));
/** The comment writes (the review suggestions' POST aside). */
const writes = (method: string) => github.writes().filter((r) => r.method === method && r.path.includes('/issues/'));

describe('a secondary rate limit on the comment', () => {
  test('a 403 with retry-after on the first POST is waited out: the comment lands once and the job passes', async () => {
    const step = pullRequest();
    github.fail('POST', /\/issues\/7\/comments$/, 403, 1, { 'retry-after': '1' }, SECONDARY);
    const run = await step();

    expect(run.code).toBe(0);
    expect(run.log).toContain('POST /repos/acme/shop/issues/7/comments answered 403; retrying in 1 s');
    expect(writes('POST')).toHaveLength(2);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain('### ✅ migration-gate: pass');
    expect(run.outputs).toMatchObject({ verdict: 'pass', 'comment-id': String(ours()[0]!.id) });
    expect(run.log).not.toContain('Could not post the pull-request comment');
  });

  test('a 403 with retry-after on the PATCH of the existing comment is waited out: it is updated in place once', async () => {
    const step = pullRequest();
    const old = github.addComment(PR, `${MARKER}\nan old report`, { login: 'github-actions[bot]', type: 'Bot' });
    github.fail('PATCH', /\/issues\/comments\/\d+$/, 403, 1, { 'retry-after': '1' }, SECONDARY);
    const run = await step();

    expect(run.code).toBe(0);
    expect(run.log).toContain(`PATCH /repos/acme/shop/issues/comments/${old.id} answered 403; retrying in 1 s`);
    expect(writes('PATCH')).toHaveLength(2);
    expect(writes('POST')).toEqual([]);
    expect(ours()).toEqual([{ ...old, body: expect.stringContaining('### ✅ migration-gate: pass') }]);
    expect(run.outputs['comment-id']).toBe(String(old.id));
  });

  test('a limit that never clears: three retries, then a warning that says rate limit, no stack trace, and the job still passes', async () => {
    const step = pullRequest();
    github.fail('POST', /\/issues\/7\/comments$/, 403, 100, { 'retry-after': '1' }, SECONDARY);
    const run = await step();

    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'pass', 'comment-id': '' });
    expect(writes('POST')).toHaveLength(4);
    expect(ours()).toEqual([]);
    const warning = new RegExp(
      `::warning::Could not post the pull-request comment; GitHub's API rate limit for this token is used up until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC ` +
        `\\(GitHub API POST /repos/acme/shop/issues/7/comments answered 403: You have exceeded a secondary rate limit\\.`,
    );
    expect(run.stdout).toMatch(warning);
    expect(run.summary).toContain("> Could not post the pull-request comment; GitHub's API rate limit for this token is used up until");
    expect(run.summary).toContain('answered 403: You have exceeded a secondary rate limit.');
    expect(run.log).not.toMatch(/the token may not|internal error|^\s+at /m);
    expect(run.stderr).toBe('');
  });
});
