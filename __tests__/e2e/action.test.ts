// End to end: the built bundle (dist/index.js) spawned the way the runner spawns it — INPUT_* variables,
// an event payload, summary and output files, a real git repository with base and head commits — and
// GITHUB_API_URL pointed at a local fake GitHub that records every request.
// Build first (`npm run build`); MIGRATION_GATE_DIST points at another build folder.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commentMarker, setId } from '../../src/github/comment.js';
import { COMMENT_LIMIT } from '../../src/report/markdown.js';
import { ACTION_BUNDLE, runActionStep, suiteWithFakeGitHub } from '../support/run-action.js';

const PR = 7;
const MARKER = commentMarker(setId(['db/migrations']));
const ORDERS = 'CREATE TABLE orders (\n  id bigint PRIMARY KEY\n);\n';

interface Repo {
  dir: string;
  base: string;
  head: string;
}

interface Run {
  code: number | null;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
}

const { github, work } = suiteWithFakeGitHub('mg-e2e-');

let repoCount = 0;
function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
}

/** A repository whose base commit holds `base` files and whose head commit adds or changes `head` files. */
function makeRepo(base: Record<string, string>, head: Record<string, string>): Repo {
  const dir = join(work, `repo${++repoCount}`);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'dev');
  const write = (files: Record<string, string>) => {
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), content);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'commit');
    return git(dir, 'rev-parse', 'HEAD');
  };
  const baseSha = write(base);
  return { dir, base: baseSha, head: write(head) };
}

/** The PR's files as GitHub's pulls/{n}/files lists them: status and the unified diff from the first hunk. */
function pullFiles(repo: Repo): Array<{ filename: string; status: string; patch: string }> {
  const diff = git(repo.dir, 'diff', '--no-renames', repo.base, repo.head);
  return diff
    .split(/^diff --git /m)
    .filter(Boolean)
    .map((part) => {
      const filename = part.match(/^\+\+\+ b\/(.+)$/m)![1]!;
      return { filename, status: /^new file mode/m.test(part) ? 'added' : 'modified', patch: part.slice(part.indexOf('@@')) };
    });
}

function openPull(repo: Repo): void {
  github.pull(PR, { files: pullFiles(repo) });
}

function runAction(repo: Repo, inputs: Record<string, string> = {}, fork = false): Promise<Run> {
  const event = {
    number: PR,
    pull_request: {
      number: PR,
      commits: 1,
      base: { sha: repo.base, ref: 'main', repo: { full_name: 'acme/shop' } },
      head: { sha: repo.head, ref: 'feature', repo: { full_name: fork ? 'mallory/shop' : 'acme/shop' } },
    },
    repository: { full_name: 'acme/shop', default_branch: 'main' },
  };
  const defaults = { migrations: 'db/migrations', 'dry-run': 'false', mode: 'auto', comment: 'update', review: 'suggestions', 'github-token': 'ghs_test_token' };
  return runActionStep({
    bundle: ACTION_BUNDLE,
    work,
    workspace: repo.dir,
    eventName: 'pull_request',
    event,
    sha: repo.head,
    apiUrl: github.url,
    inputs: { ...defaults, ...inputs },
  }).then((r) => ({ code: r.code, stdout: r.log, summary: r.summary, outputs: r.outputs }));
}


const ours = (pr = PR) => github.pulls.get(pr)!.comments.filter((c) => c.body.startsWith(MARKER));
const posts = (path: RegExp) => github.requests.filter((r) => r.method === 'POST' && path.test(r.path));

describe('the Action on a pull request', () => {
  const repo = () => makeRepo({ 'db/migrations/001_users.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n' }, { 'db/migrations/002_orders.sql': ORDERS });

  test('first run: one comment, a review suggestion on the changed lines, annotations, outputs and summary', async () => {
    const r = repo();
    openPull(r);
    const run = await runAction(r);

    expect(run.code).toBe(0);
    const comments = ours();
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('### ✅ migration-gate: pass');
    expect(comments[0]!.body).toContain(`https://github.com/acme/shop/blob/${r.head}/db/migrations/002_orders.sql`);
    expect(comments[0]!.body).toContain(`npx migration-gate check db/migrations --base ${r.base}`);
    expect(github.requests.every((q) => q.authorization === 'Bearer ghs_test_token')).toBe(true);

    const review = posts(/\/pulls\/7\/reviews$/);
    expect(review).toHaveLength(1);
    expect(review[0]!.body.commit_id).toBe(r.head);
    const suggestion = review[0]!.body.comments[0];
    expect(suggestion).toMatchObject({ path: 'db/migrations/002_orders.sql', side: 'RIGHT' });
    expect(suggestion.body).toMatch(/```suggestion\nCREATE TABLE IF NOT EXISTS orders \(/);

    expect(run.stdout).toMatch(/::warning title=migration-gate%3A non-idempotent,file=db\/migrations\/002_orders.sql,line=1,col=1::/);
    expect(run.outputs).toMatchObject({
      verdict: 'pass',
      pending: '["db/migrations/002_orders.sql"]',
      'pending-count': '1',
      'conflict-count': '0',
      'comment-id': String(comments[0]!.id),
    });
    expect(Number(run.outputs['finding-count'])).toBeGreaterThan(0);
    const report = JSON.parse(readFileSync(run.outputs['report-path']!, 'utf8'));
    expect(report.verdict).toBe('pass');
    expect(JSON.parse(readFileSync(run.outputs['sarif-path']!, 'utf8')).version).toBe('2.1.0');
    expect(run.summary).toContain('### ✅ migration-gate: pass');
    expect(run.summary).not.toContain(MARKER);
  });

  test('a second run with no changes updates nothing twice: one comment, no repeated suggestion', async () => {
    const r = repo();
    openPull(r);
    await runAction(r);
    const first = ours()[0]!;
    const reviewsBefore = posts(/\/reviews$/).length;
    const run = await runAction(r);

    expect(run.code).toBe(0);
    expect(ours()).toEqual([first]);
    expect(posts(/\/issues\/7\/comments$/)).toHaveLength(1);
    expect(posts(/\/reviews$/)).toHaveLength(reviewsBefore);
    expect(run.outputs['comment-id']).toBe(String(first.id));
  });

  test('the existing comment is found on the second page and updated in place', async () => {
    const r = repo();
    openPull(r);
    github.pageSize = 100;
    for (let i = 0; i < 120; i++) github.addComment(PR, `comment ${i} from a reviewer`);
    const mine = github.addComment(PR, `${MARKER}\nan old report`, { login: 'github-actions[bot]', type: 'Bot' });
    for (let i = 0; i < 10; i++) github.addComment(PR, `later comment ${i}`);
    const run = await runAction(r);

    expect(run.code).toBe(0);
    const pages = github.requests.filter((q) => q.method === 'GET' && q.path.endsWith('/issues/7/comments'));
    expect(pages.map((q) => q.query.page ?? '1')).toEqual(['1', '2']);
    expect(posts(/\/issues\/7\/comments$/)).toHaveLength(0);
    const patch = github.requests.filter((q) => q.method === 'PATCH');
    expect(patch.map((q) => q.path)).toEqual([`/repos/acme/shop/issues/comments/${mine.id}`]);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.body).toContain('migration-gate: pass');
    expect(run.outputs['comment-id']).toBe(String(mine.id));
  });

  test('a fork (403 on every write) gets a warning and the summary; the verdict is unchanged', async () => {
    const r = repo();
    openPull(r);
    github.fail('POST', /.*/, 403, 100);
    const run = await runAction(r, {}, true);

    expect(run.code).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.outputs['comment-id']).toBe('');
    expect(run.stdout).toMatch(/::warning::Could not post the pull-request comment; the token may not \(on a pull request from a fork it is read-only/);
    expect(run.summary).toContain('### ✅ migration-gate: pass');
    expect(run.summary).toContain('Could not post the pull-request comment; the token may not');
    // A permission error is not retried.
    expect(posts(/\/issues\/7\/comments$/)).toHaveLength(1);
  });

  test('a 500 is retried with back-off and the comment is still posted', async () => {
    const r = repo();
    openPull(r);
    github.fail('GET', /\/issues\/7\/comments$/, 500, 1);
    const run = await runAction(r);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/answered 500; retrying in 1 s/);
    expect(github.requests.filter((q) => q.method === 'GET' && q.path.endsWith('/issues/7/comments'))).toHaveLength(2);
    expect(ours()).toHaveLength(1);
  });

  test('another open PR adding the same version is a duplicate-version error naming that PR', async () => {
    const r = repo();
    openPull(r);
    github.pull(9, { title: 'payments', files: [{ filename: 'db/migrations/002_payments.sql', status: 'added' }] });
    github.pull(10, { title: 'docs', files: [{ filename: 'README.md', status: 'modified' }] });
    const run = await runAction(r);

    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    expect(run.outputs['conflict-count']).toBe('1');
    const body = ours()[0]!.body;
    expect(body).toContain('### ❌ migration-gate: fail');
    expect(body).toContain('`duplicate-version` [`db/migrations/002_orders.sql`]');
    expect(body).toContain('version 002 is also added by open pull request \\#9 \\(db/migrations/002\\_payments.sql\\)');
    expect(body).toContain('rename to version 003');
    expect(run.stdout).toMatch(/::error title=migration-gate%3A duplicate-version,file=db\/migrations\/002_orders.sql::/);
  });
});

test('a report too large for one comment is shrunk and still posted', async () => {
  const head: Record<string, string> = {};
  for (let i = 2; i <= 700; i++) head[`db/migrations/${String(i).padStart(4, '0')}_table_${i}.sql`] = `CREATE TABLE t${i} (id int);\n`;
  const r = makeRepo({ 'db/migrations/0001_init.sql': 'SELECT 1;\n' }, head);
  openPull(r);
  const run = await runAction(r);

  expect(run.code).toBe(0);
  const body = ours()[0]!.body;
  expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  expect(body).toContain('699 pending migrations');
  expect(body).toMatch(/\d+ findings not shown here/);
  expect(run.summary.length).toBeGreaterThan(body.length);
  const review = posts(/\/reviews$/);
  expect(review).toHaveLength(1);
  expect(review[0]!.body.comments.length).toBeLessThanOrEqual(30);
}, 180_000);

test('a pull request that touches no migration gets no comment, but a summary and outputs', async () => {
  const r = makeRepo({ 'db/migrations/001_users.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n' }, { 'README.md': '# shop\n' });
  openPull(r);
  const run = await runAction(r);

  expect(run.code).toBe(0);
  expect(github.writes()).toEqual([]);
  expect(run.outputs).toMatchObject({ verdict: 'pass', 'pending-count': '0', pending: '[]', 'comment-id': '' });
  expect(run.summary).toContain('No pending migrations.');
});

test('cache: true keeps a lint cache in the workspace; the next run reuses it and reports the same', async () => {
  const r = makeRepo(
    { 'db/migrations/001_users.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n' },
    { 'db/migrations/002_orders.sql': 'CREATE TABLE orders (id int);\nCREATE INDEX orders_id ON orders (id);\n' },
  );
  openPull(r);
  const first = await runAction(r, { cache: 'true' });
  const folder = join(r.dir, '.migration-gate-cache');
  const entries = readdirSync(folder).filter((f) => f !== '.gitignore');
  expect(entries.length).toBeGreaterThan(0);
  // Its own .gitignore: a later `git add -A` in the workflow never commits it.
  expect(git(r.dir, 'status', '--porcelain')).toBe('');
  const written = entries.map((f) => statSync(join(folder, f)).mtimeMs);

  const second = await runAction(r, { cache: 'true' });
  expect(second.code).toBe(first.code);
  expect(second.outputs['finding-count']).toBe(first.outputs['finding-count']);
  expect(second.summary).toBe(first.summary);
  // Every file hit: nothing was rewritten.
  expect(readdirSync(folder).filter((f) => f !== '.gitignore').map((f) => statSync(join(folder, f)).mtimeMs)).toEqual(written);
});

test('a bad input fails the step with a message naming the input, and the summary says why', async () => {
  const r = makeRepo({ 'db/migrations/001_users.sql': 'SELECT 1;\n' }, { 'README.md': 'x\n' });
  openPull(r);
  const run = await runAction(r, { 'fail-on': 'sometimes' });

  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`::error::Input 'fail-on' must be one of: error, warning, never (got "sometimes")`);
  expect(run.summary).toContain('migration-gate could not run');
  expect(github.requests).toEqual([]);
});

test('with the embedded engine the comment shows each pending migration dry-run and what it created', async () => {
  const r = makeRepo(
    { 'db/migrations/001_users.sql': 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY);\n' },
    {
      'db/migrations/002_orders.sql': 'CREATE TABLE IF NOT EXISTS orders (id int, user_id int REFERENCES users (id));\n',
      'db/migrations/003_broken.sql': 'ALTER TABLE order_items ADD COLUMN note text;\n',
    },
  );
  openPull(r);
  const run = await runAction(r, { 'dry-run': 'true', engine: 'pglite' });

  expect(run.code).toBe(1);
  const body = ours()[0]!.body;
  expect(body).toMatch(/\| `002` \| orders \| .* \| ✅ applied \| \d+ ms \| \+ table `public\.orders`/);
  expect(body).toMatch(/\| `003` \| broken \| .* \| ❌ failed \|/);
  expect(body).toContain('#### Dry-run failures (1)');
  expect(body).toContain('relation "order\\_items" does not exist');
  expect(body).toContain('dry-run on pglite');
}, 120_000);
