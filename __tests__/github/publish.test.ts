// The Action's GitHub pieces against the local fake GitHub: the REST client (pagination, retries),
// the sticky comment, review suggestions, open-PR collisions, and the annotation budget.

import { GitHubApi, ApiError } from '../../src/github/api.js';
import { commentMarker, setId, upsertComment } from '../../src/github/comment.js';
import { addedLines, planSuggestions, postSuggestions } from '../../src/github/review.js';
import { findCollisions, versionOf, withFindings } from '../../src/github/collisions.js';
import { planAnnotations, emitAnnotations, hiddenNote, annotate } from '../../src/github/annotations.js';
import type { Finding } from '../../src/report/finding.js';
import { resolve as resolveSeverities } from '../../src/rules/index.js';
import { testOptions } from '../support/options.js';
import { FakeGitHub } from './fake-github.js';
import { failingReport } from './report-fixtures.js';
import { makeGitRepo, removeTree } from '../support/repo.js';
import { runCliIn } from '../support/cli.js';

const github = new FakeGitHub();
const repo = { owner: 'acme', repo: 'shop' };
let api: GitHubApi;
const logged: string[] = [];

beforeAll(async () => {
  await github.start();
});
afterAll(() => github.stop());
beforeEach(() => {
  github.reset();
  logged.length = 0;
  api = new GitHubApi({ token: 't', baseUrl: github.url, backoffMs: 5, log: (m) => logged.push(m) });
});

describe('the REST client', () => {
  test('follows Link pagination to the last page', async () => {
    github.pull(1);
    github.pageSize = 10;
    for (let i = 0; i < 25; i++) github.addComment(1, `c${i}`);
    const all = await api.paginate<{ body: string }>('/repos/acme/shop/issues/1/comments');
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 25 }, (_, i) => `c${i}`));
    expect(github.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
  });

  test('retries 5xx and rate limits, then succeeds', async () => {
    github.pull(1);
    github.fail('GET', /comments$/, 502, 1);
    github.fail('GET', /comments$/, 403, 1, { 'x-ratelimit-remaining': '0', 'retry-after': '0' });
    github.fail('GET', /comments$/, 429, 1);
    await expect(api.paginate('/repos/acme/shop/issues/1/comments')).resolves.toEqual([]);
    expect(github.requests).toHaveLength(4);
    expect(logged).toHaveLength(3);
  });

  test('gives up after the retries with the status, and never retries a plain 403', async () => {
    github.pull(1);
    github.fail('GET', /comments$/, 500, 10);
    await expect(api.request('GET', '/repos/acme/shop/issues/1/comments')).rejects.toMatchObject({ status: 500 });
    expect(github.requests).toHaveLength(4);
    github.reset();
    github.pull(1);
    github.fail('POST', /comments$/, 403, 10);
    const error = await api.request('POST', '/repos/acme/shop/issues/1/comments', { body: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).forbidden).toBe(true);
    expect(github.requests).toHaveLength(1);
  });

  test('a rate limit that resets an hour away is not waited for, and no further request is sent', async () => {
    github.pull(1);
    const reset = Math.floor(Date.now() / 1000) + 3600;
    github.fail('GET', /.*/, 403, 100, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
    github.fail('POST', /.*/, 403, 100, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
    const started = Date.now();
    const error = await api.paginate('/repos/acme/shop/issues/1/comments').catch((e) => e);
    expect(error).toMatchObject({ status: 403, rateLimited: true, forbidden: false });
    expect((error as ApiError).retryAt!.getTime()).toBe(reset * 1000);
    expect(await api.request('POST', '/repos/acme/shop/issues/1/comments', { body: 'x' }).catch((e) => e)).toBe(error);
    expect(github.requests).toHaveLength(1);
    expect(logged).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  // GitHub's words, as its 403 carries them when a secondary rate limit comes with no x-ratelimit-remaining or retry-after.
  const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

  test('a 403 saying a secondary rate limit, with no header, is a rate limit: retried after the wait, not a permission', async () => {
    github.pull(1);
    github.fail('POST', /comments$/, 403, 1, undefined, SECONDARY);
    const waiting = new GitHubApi({ token: 't', baseUrl: github.url, backoffMs: 5, secondaryWaitMs: 300, log: (m) => logged.push(m) });
    const started = Date.now();
    await expect(waiting.request('POST', '/repos/acme/shop/issues/1/comments', { body: 'x' })).resolves.toMatchObject({ body: 'x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(github.writes()).toHaveLength(2);
    expect(logged).toEqual(['POST /repos/acme/shop/issues/1/comments answered 403; retrying in 0.3 s']);
  });

  test('a secondary rate limit with no header means a wait of a minute; once the retries are spent it is a rate limit, not a permission', async () => {
    github.pull(1);
    github.fail('POST', /comments$/, 403, 1, undefined, SECONDARY);
    const once = new GitHubApi({ token: 't', baseUrl: github.url, retries: 0 });
    const started = Date.now();
    const error = (await once.request('POST', '/repos/acme/shop/issues/1/comments', { body: 'x' }).catch((e) => e)) as ApiError;
    expect(error).toMatchObject({ status: 403, rateLimited: true, forbidden: false, message: `GitHub API POST /repos/acme/shop/issues/1/comments answered 403: ${SECONDARY}` });
    expect(error.retryAt!.getTime() - started).toBeGreaterThanOrEqual(60_000);
    expect(error.retryAt!.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
  });
});

describe('the sticky comment', () => {
  const marker = commentMarker(setId(['db/migrations']));

  test('is created once, then updated in place; recreate moves it to the bottom', async () => {
    github.pull(3);
    const first = await upsertComment(api, repo, 3, marker, `${marker}\nv1`, 'update');
    const second = await upsertComment(api, repo, 3, marker, `${marker}\nv2`, 'update');
    expect(first).toMatchObject({ action: 'created' });
    expect(second).toEqual({ id: first!.id, action: 'updated' });
    github.addComment(3, 'a reviewer writes');
    const third = await upsertComment(api, repo, 3, marker, `${marker}\nv3`, 'recreate');
    expect(third!.action).toBe('recreated');
    expect(github.pulls.get(3)!.comments.map((c) => c.body)).toEqual(['a reviewer writes', `${marker}\nv3`]);
  });

  test('two migration sets keep two comments; a quoted marker mid-comment is not ours', async () => {
    github.pull(3);
    github.addComment(3, `see ${marker} above`);
    const other = commentMarker(setId(['services/b/migrations']));
    await upsertComment(api, repo, 3, marker, `${marker}\na`, 'update');
    await upsertComment(api, repo, 3, other, `${other}\nb`, 'update');
    expect(github.pulls.get(3)!.comments).toHaveLength(3);
  });

  test('with nothing to report, no comment is created but an existing one is updated', async () => {
    github.pull(3);
    expect(await upsertComment(api, repo, 3, marker, `${marker}\nclean`, 'update', false)).toBeNull();
    expect(github.writes()).toEqual([]);
    github.addComment(3, `${marker}\nold failure`, { login: 'github-actions[bot]', type: 'Bot' });
    expect(await upsertComment(api, repo, 3, marker, `${marker}\nclean`, 'update', false)).toMatchObject({ action: 'updated' });
  });
});

describe('the sticky comment is never a person\'s', () => {
  const marker = commentMarker(setId(['db/migrations']));

  test.each(['update', 'recreate'] as const)('%s: a human comment that starts with the marker is left alone', async (mode) => {
    github.pull(3);
    const human = github.addComment(3, `${marker}\nmy notes`, { login: 'alice', type: 'User' });
    expect(await upsertComment(api, repo, 3, marker, `${marker}\nreport`, mode)).toMatchObject({ action: 'created' });
    expect(github.pulls.get(3)!.comments).toEqual([human, expect.objectContaining({ body: `${marker}\nreport`, user: { login: 'github-actions[bot]', type: 'Bot' } })]);
    expect(github.writes().map((r) => r.method)).toEqual(['POST']);
  });

  test("a personal token edits its own user's comment, not another person's with the marker", async () => {
    github.pull(3);
    github.viewer = { login: 'release-bot', type: 'User' };
    github.addComment(3, `${marker}\npasted`, { login: 'alice', type: 'User' });
    const first = await upsertComment(api, repo, 3, marker, `${marker}\nv1`, 'update');
    const second = await upsertComment(api, repo, 3, marker, `${marker}\nv2`, 'update');
    expect(second).toEqual({ id: first!.id, action: 'updated' });
    expect(github.pulls.get(3)!.comments.map((c) => [c.user.login, c.body])).toEqual([
      ['alice', `${marker}\npasted`],
      ['release-bot', `${marker}\nv2`],
    ]);
  });
});

describe('review suggestions', () => {
  const patch = '@@ -1,2 +1,4 @@\n SELECT 1;\n+CREATE TABLE a (\n+  id int\n+);\n-old line\n@@ -10,1 +12,2 @@\n context\n+CREATE INDEX i ON a (id);';
  const fixFinding = (line: number, endLine: number, replacement: string): Finding => ({
    rule: 'non-idempotent',
    severity: 'warning',
    file: 'db/m/002_a.sql',
    line,
    column: 1,
    message: 'CREATE TABLE a fails when `a` exists',
    fix: { line, endLine, replacement },
  });
  const lines = ['SELECT 1;', 'CREATE TABLE a (', '  id int', ');', '', '', '', '', '', '', '', 'context', 'CREATE INDEX i ON a (id);'];
  const files = [{ filename: 'db/m/002_a.sql', status: 'modified', patch }];

  test('added lines are read from the hunks of the patch', () => {
    expect([...addedLines(patch)]).toEqual([2, 3, 4, 13]);
  });

  test('only fixes whose every line the PR added become suggestions, multi-line ones with start_line', () => {
    const plan = planSuggestions(
      [fixFinding(2, 4, 'CREATE TABLE IF NOT EXISTS a (\n  id int\n);'), fixFinding(1, 2, 'x'), fixFinding(13, 13, 'CREATE INDEX IF NOT EXISTS i ON a (id);')],
      files,
      [],
      () => lines,
    );
    expect(plan.map((s) => [s.start_line, s.line])).toEqual([
      [2, 4],
      [undefined, 13],
    ]);
    expect(plan[0]!.body).toContain('```suggestion\nCREATE TABLE IF NOT EXISTS a (\n  id int\n);\n```');
    expect(plan[0]!.body).toContain('fails when `a` exists');
  });

  test('a fix too long for one GitHub comment is no suggestion (GitHub would refuse the whole review); the others still are', () => {
    const long = `CREATE TABLE IF NOT EXISTS a (\n  id int${', c text'.repeat(9000)}\n);`;
    const plan = planSuggestions([fixFinding(2, 4, long), fixFinding(13, 13, 'CREATE INDEX IF NOT EXISTS i ON a (id);')], files, [], () => lines);
    expect(plan.map((s) => s.line)).toEqual([13]);
  });

  test('a suggestion already posted is not posted again, even after its line moved', async () => {
    github.pull(5);
    const findings = [fixFinding(13, 13, 'CREATE INDEX IF NOT EXISTS i ON a (id);')];
    expect(await postSuggestions(api, repo, 5, 'sha1', findings, files, () => lines)).toBe(1);
    expect(await postSuggestions(api, repo, 5, 'sha1', findings, files, () => lines)).toBe(0);
    const moved = ['-- a new first line', ...lines];
    const movedFiles = [{ ...files[0]!, patch: '@@ -0,0 +1,14 @@\n' + moved.map((l) => `+${l}`).join('\n') }];
    expect(await postSuggestions(api, repo, 5, 'sha2', [fixFinding(14, 14, 'CREATE INDEX IF NOT EXISTS i ON a (id);')], movedFiles, () => moved)).toBe(0);
    expect(github.pulls.get(5)!.reviews).toHaveLength(1);
  });
});

describe('open-PR version collisions', () => {
  test('reads versions from file and folder names inside the configured folders only', () => {
    const folders = ['db/migrations', 'prisma/migrations'];
    expect(versionOf('db/migrations/0042_add.sql', folders)).toBe('0042');
    expect(versionOf('db/migrations/V1_2__x.sql', folders)).toBe('1_2');
    expect(versionOf('prisma/migrations/20240101120000_init/migration.sql', folders)).toBe('20240101120000');
    expect(versionOf('other/0042_add.sql', folders)).toBeNull();
    expect(versionOf('db/migrations/R__views.sql', folders)).toBeNull();
  });

  test('reads the whole name of a file in the repository root (folder ".")', () => {
    expect(versionOf('20240101000000_a.sql', ['.'])).toBe('20240101000000');
    expect(versionOf('0042_add.sql', ['./'])).toBe('0042');
    expect(versionOf('20240101120000_init/migration.sql', ['.'], 'prisma')).toBe('20240101120000_init');
  });

  test('flags a version another open PR adds, names that PR and suggests a free version', async () => {
    const report = failingReport();
    github.pull(7);
    github.pull(8, { files: [{ filename: 'supabase/migrations/4_payments.sql', status: 'added' }] });
    github.pull(9, { files: [{ filename: 'supabase/migrations/005_x.sql', status: 'added' }, { filename: 'supabase/migrations/001_profiles.sql', status: 'modified' }] });
    const drafts = await findCollisions(api, repo, 7, report, 'generic');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ rule: 'duplicate-version', file: 'supabase/migrations/004_<img src=x onerror=alert(1)>@octocat.sql' });
    expect(drafts[0]!.message).toContain('open pull request #8 (supabase/migrations/4_payments.sql)');
    expect(drafts[0]!.suggestion).toBe('rename to version 006');
    const merged = withFindings({ ...report, verdict: 'pass' }, drafts.map((d) => ({ ...d, severity: 'error' as const })), 'error');
    expect(merged.verdict).toBe('fail');
    expect(merged.summary.conflicts).toBe(report.summary.conflicts + 1);
  });
});

describe('open-PR version collisions beside the renames the report already suggests', () => {
  // This PR adds 002_b, versioned before 003_c on the base (out-of-order renames it to 005), and 004_x, which moves along to 006.
  const gated = async () => {
    const { root, baseSha } = makeGitRepo(
      { 'db/migrations/001_init.sql': 'select 1;\n', 'db/migrations/003_c.sql': 'select 3;\n' },
      { 'db/migrations/002_b.sql': 'select 2;\n', 'db/migrations/004_x.sql': 'select 4;\n' },
    );
    try {
      return (await runCliIn(root, ['check', 'db/migrations', '--base', baseSha, '--no-dry-run', '--format', 'json'])).report!;
    } finally {
      removeTree(root);
    }
  };

  test("a colliding file gets a version after the report's own renames, never one of them", async () => {
    const report = await gated();
    expect(report.findings.map((f) => f.suggestion)).toEqual([
      'Give it a version after 003: git mv db/migrations/002_b.sql db/migrations/005_b.sql && git mv db/migrations/004_x.sql db/migrations/006_x.sql ' +
        '(004_x.sql is new too and written to run after it: moving it along keeps that order).',
    ]);
    github.pull(7);
    github.pull(8, { files: [{ filename: 'db/migrations/004_y.sql', status: 'added' }] });
    const drafts = await findCollisions(api, repo, 7, report, 'generic');
    // 004_x's move along to 006 already sorts after 004_y: it keeps it.
    expect(drafts.map((d) => [d.file, d.suggestion])).toEqual([['db/migrations/004_x.sql', 'rename to version 006']]);
  });

  test('a colliding file the report already renames keeps that version while it sorts after the open PRs; else both get new ones, in order', async () => {
    const report = await gated();
    github.pull(7);
    github.pull(8, { files: [{ filename: 'db/migrations/002_z.sql', status: 'added' }] });
    expect((await findCollisions(api, repo, 7, report, 'generic')).map((d) => [d.file, d.suggestion])).toEqual([['db/migrations/002_b.sql', 'rename to version 005']]);
    github.pull(9, { files: [{ filename: 'db/migrations/004_y.sql', status: 'added' }, { filename: 'db/migrations/005_w.sql', status: 'added' }] });
    const drafts = await findCollisions(api, repo, 7, report, 'generic');
    // 002_b's 005 is taken: its new version sorts after 004_x's 006, so 004_x moves on too, after it.
    expect(drafts.map((d) => [d.file, d.suggestion]).sort()).toEqual([
      ['db/migrations/002_b.sql', 'rename to version 007'],
      ['db/migrations/004_x.sql', 'rename to version 008'],
    ]);
  });
});

describe('open-PR version collisions on stacked pull requests', () => {
  const report = { ...failingReport(), folders: ['db/migrations'], migrations: [{ file: 'db/migrations/002_orders.sql', version: '002', name: 'orders', status: 'pending' as const, change: 'added' as const, checksum: '' }] };

  test("a PR built on this one's branch lists this PR's own file: the same path and blob is no collision", async () => {
    const orders = { filename: 'db/migrations/002_orders.sql', status: 'added', sha: 'a1b2c3' };
    github.pull(7, { files: [orders] });
    github.pull(8, { files: [orders, { filename: 'db/migrations/003_items.sql', status: 'added', sha: 'd4e5f6' }] });
    expect(await findCollisions(api, repo, 7, report, 'generic')).toEqual([]);
  });

  test('the same path with other content is still a collision', async () => {
    github.pull(7, { files: [{ filename: 'db/migrations/002_orders.sql', status: 'added', sha: 'a1b2c3' }] });
    github.pull(8, { files: [{ filename: 'db/migrations/002_orders.sql', status: 'added', sha: '0f0f0f' }] });
    const [d, ...more] = await findCollisions(api, repo, 7, report, 'generic');
    expect(more).toEqual([]);
    expect(d!.message).toBe('version 002 is also added by open pull request #8 (db/migrations/002_orders.sql); whichever merges second breaks the migration order');
  });
});

describe('open-PR version collisions as Prisma and diesel read versions', () => {
  const pending = (file: string, version: string) => ({ file, version, name: 'x', status: 'pending' as const, change: 'added' as const, checksum: '' });

  test('prisma: another PR adding 15_boards does not collide with 15_add_share, only the same folder name does', async () => {
    const report = { ...failingReport(), folders: ['prisma/migrations'], migrations: [pending('prisma/migrations/15_add_share/migration.sql', '15')] };
    github.pull(7);
    github.pull(8, { files: [{ filename: 'prisma/migrations/15_boards/migration.sql', status: 'added' }] });
    expect(await findCollisions(api, repo, 7, report, 'prisma')).toEqual([]);
    github.pull(9, { files: [{ filename: 'prisma/migrations/15_add_share/migration.sql', status: 'added' }] });
    const [d, ...more] = await findCollisions(api, repo, 7, report, 'prisma');
    expect(more).toEqual([]);
    expect(d!.message).toBe(
      'folder name 15_add_share is also added by open pull request #9 (prisma/migrations/15_add_share/migration.sql); whichever merges second breaks the migration order',
    );
    expect(d!.suggestion).toBe('give its folder a name no other pull request uses');
    expect(versionOf('prisma/migrations/nhi_identity_models/migration.sql', ['prisma/migrations'], 'prisma')).toBe('nhi_identity_models');
  });

  test('diesel: versions match as text, 00000000000000 and 000000000000000 do not collide', async () => {
    const report = { ...failingReport(), folders: ['migrations'], migrations: [pending('migrations/000000000000000_forms/up.sql', '000000000000000')] };
    github.pull(7);
    github.pull(8, { files: [{ filename: 'migrations/00000000000000_diesel_initial_setup/up.sql', status: 'added' }] });
    expect(await findCollisions(api, repo, 7, report, 'diesel')).toEqual([]);
    expect(await findCollisions(api, repo, 7, report, 'generic')).toHaveLength(1);
  });

  test('a loose .sql file another PR adds is no migration to Prisma or diesel, as discovery reads it: no collision', async () => {
    const cases = [
      { preset: 'diesel' as const, ours: pending('migrations/2024-01-01-000000_forms/up.sql', '20240101000000'), loose: 'migrations/20240101000000_forms.sql' },
      { preset: 'prisma' as const, ours: pending('prisma/migrations/20240101000000/migration.sql', '20240101000000'), loose: 'prisma/migrations/20240101000000_init.sql' },
    ];
    for (const { preset, ours, loose } of cases) {
      const folder = ours.file.split('/').slice(0, -2).join('/');
      const report = { ...failingReport(), folders: [folder], migrations: [ours] };
      github.pull(7);
      github.pull(8, { files: [{ filename: loose, status: 'added' }] });
      expect(versionOf(loose, [folder], preset)).toBeNull();
      expect(await findCollisions(api, repo, 7, report, preset)).toEqual([]);
      // The same file's folder form is a migration, and collides.
      github.pull(9, { files: [{ filename: ours.file, status: 'added' }] });
      expect((await findCollisions(api, repo, 7, report, preset)).map((d) => d.message)).toEqual([expect.stringContaining(`open pull request #9 (${ours.file})`)]);
    }
  });
});

describe('open-PR collisions as node-pg-migrate reads them: by file name, stopped by its order check', () => {
  const migration = (file: string, status: 'applied' | 'pending') => ({
    file: `db/migrations/${file}`,
    version: /^\d+/.exec(file)![0],
    name: file,
    status,
    change: status === 'pending' ? ('added' as const) : null,
    checksum: '',
  });
  const reportOf = (...files: Array<[string, 'applied' | 'pending']>) => ({
    ...failingReport(),
    folders: ['db/migrations'],
    migrations: files.map(([file, status]) => migration(file, status)),
  });
  const adds = (...files: string[]) => ({ files: files.map((f) => ({ filename: `db/migrations/${f}`, status: 'added' })) });

  test("a file another PR adds that sorts after this PR's is node-pg-migrate's order error if that PR merges first: a warning, renamed after it", async () => {
    const report = reportOf(['1700000000000_init.sql', 'applied'], ['1700000000100_orders.sql', 'pending']);
    github.pull(7);
    github.pull(8, adds('1700000000200_payments.sql'));
    // One that sorts before this PR's is the other PR's hazard, not this one's.
    github.pull(9, adds('1700000000050_tags.sql'));
    const drafts = await findCollisions(api, repo, 7, report, 'node-pg-migrate');
    expect(drafts).toEqual([
      {
        rule: 'out-of-order',
        severity: 'warning',
        file: 'db/migrations/1700000000100_orders.sql',
        line: 0,
        column: 0,
        message:
          'name 1700000000100_orders sorts before 1700000000200_payments, which open pull request #8 adds (db/migrations/1700000000200_payments.sql); ' +
          'if #8 merges and deploys first, node-pg-migrate stops on its order check: "Not run migration 1700000000100_orders is preceding already run migration 1700000000200_payments"',
        suggestion:
          'rename it to db/migrations/1700000000201_orders.sql, after every migration the open pull requests add; or, if it does not depend on the order, run node-pg-migrate with --no-check-order',
      },
    ]);
    // A warning: which PR merges first decides it, and a rename here only moves the hazard to the other PR.
    const clean = { ...report, findings: [], verdict: 'pass' as const, summary: { errors: 0, warnings: 0, pending: 1, conflicts: 0 } };
    const merged = withFindings(clean, resolveSeverities(drafts, testOptions({ preset: 'node-pg-migrate' })), 'error');
    expect(merged).toMatchObject({ verdict: 'pass', summary: { errors: 0, warnings: 1, conflicts: 1 } });
    // The numbered runners match versions only: different versions in two PRs are no finding there.
    expect(await findCollisions(api, repo, 7, report, 'generic')).toEqual([]);
  });

  test('two files of one number are two migrations: the one whose name sorts first is flagged, the rename skips every number taken', async () => {
    const report = reportOf(['004_init.sql', 'applied'], ['005_orders.sql', 'pending']);
    github.pull(7);
    github.pull(8, adds('005_payments.sql', '006_items.sql'));
    github.pull(9, adds('005_audit.sql'));
    const drafts = await findCollisions(api, repo, 7, report, 'node-pg-migrate');
    expect(drafts.map((d) => [d.rule, d.message.split(';')[0], d.suggestion?.split(',')[0]])).toEqual([
      ['out-of-order', 'name 005_orders sorts before 005_payments, which open pull request #8 adds (db/migrations/005_payments.sql)', 'rename it to db/migrations/007_orders.sql'],
    ]);
    expect(drafts[0]!.message).toContain('"Not run migration 005_orders is preceding already run migration 005_payments"');
  });

  test('the same file name with other content is a duplicate-version error, with a name after every number taken', async () => {
    const report = reportOf(['004_init.sql', 'applied'], ['005_orders.sql', 'pending']);
    github.pull(7, { files: [{ filename: 'db/migrations/005_orders.sql', status: 'added', sha: 'a1b2c3' }] });
    github.pull(8, { files: [{ filename: 'db/migrations/005_orders.sql', status: 'added', sha: '0f0f0f' }] });
    github.pull(9, adds('006_items.sql'));
    const drafts = await findCollisions(api, repo, 7, report, 'node-pg-migrate');
    expect(drafts.map((d) => [d.rule, d.severity, d.message.split(';')[0]])).toEqual([
      ['duplicate-version', undefined, 'name 005_orders is also added by open pull request #8 (db/migrations/005_orders.sql)'],
      ['out-of-order', 'warning', 'name 005_orders sorts before 006_items, which open pull request #9 adds (db/migrations/006_items.sql)'],
    ]);
    // One new name for the file, whichever finding suggests it.
    expect(drafts.map((d) => d.suggestion?.split(',')[0])).toEqual(['rename it to db/migrations/007_orders.sql', 'rename it to db/migrations/007_orders.sql']);
    expect(drafts[0]!.suggestion).toBe('rename it to db/migrations/007_orders.sql, after every migration the open pull requests add');
  });

  test("a PR stacked on this one's branch carries this PR's file: its later file is no hazard, and another folder's is none either", async () => {
    const report = reportOf(['004_init.sql', 'applied'], ['005_orders.sql', 'pending']);
    const orders = { filename: 'db/migrations/005_orders.sql', status: 'added', sha: 'a1b2c3' };
    github.pull(7, { files: [orders] });
    github.pull(8, { files: [orders, { filename: 'db/migrations/006_items.sql', status: 'added', sha: 'd4e5f6' }] });
    github.pull(9, { files: [{ filename: 'services/b/migrations/009_other.sql', status: 'added' }] });
    expect(await findCollisions(api, repo, 7, { ...report, folders: ['db/migrations', 'services/b/migrations'] }, 'node-pg-migrate')).toEqual([]);
  });

  test("two of this PR's files get two new names, each after the other PR's utc timestamp", async () => {
    const report = reportOf(['20240101000000000_init.sql', 'applied'], ['20240102000000000_a.sql', 'pending'], ['20240102000000001_b.sql', 'pending']);
    github.pull(7);
    github.pull(8, adds('20240103000000000_c.sql'));
    const drafts = await findCollisions(api, repo, 7, report, 'node-pg-migrate');
    expect(drafts.map((d) => d.suggestion?.split(',')[0])).toEqual(['rename it to db/migrations/20240103000000001_a.sql', 'rename it to db/migrations/20240103000000002_b.sql']);
  });
});

describe('annotations', () => {
  const many = (severity: 'error' | 'warning', n: number): Finding[] =>
    Array.from({ length: n }, (_, i) => ({ rule: 'syntax-error', severity, file: 'db/m/1.sql', line: i + 1, column: 0, message: `m${i}` }));

  const none = { errors: 0, warnings: 0 };
  const record = () => {
    const seen: Array<[string, string, object | undefined]> = [];
    return { seen, sink: { error: (m: string, p?: object) => seen.push(['error', m, p]), warning: (m: string, p?: object) => seen.push(['warning', m, p]) } };
  };

  test('at most 10 per level, slots kept for the failed step and for the note counting the rest', () => {
    const plan = planAnnotations([...many('error', 12), ...many('warning', 11)], { errors: 1, warnings: 0 });
    expect(plan.shown.filter((f) => f.severity === 'error')).toHaveLength(9);
    expect(plan.shown.filter((f) => f.severity === 'warning')).toHaveLength(9);
    expect(plan.hidden).toEqual({ errors: 3, warnings: 2 });
    expect(hiddenNote(plan)).toBe(
      '3 more error(s) and 2 more warning(s) are not shown as annotations (GitHub shows 10 per level per step); ' +
        'the JSON report (the `report-path` output) and the reproduce command list all of them.',
    );
    expect(hiddenNote(planAnnotations(many('warning', 10), none))).toBeNull();
  });

  test("a fork's notes are among the 10 warnings GitHub shows, after the findings that fit", () => {
    const { seen, sink } = record();
    const notes = ['Could not post the pull-request comment; the token may not', 'Could not post review suggestions; the token may not'];
    const shown = annotate(many('warning', 12), notes, false, sink);
    expect(seen).toHaveLength(10);
    expect(seen.slice(7).map(([, m]) => m)).toEqual(shown);
    expect(shown.slice(0, 2)).toEqual(notes);
    expect(shown[2]).toMatch(/^0 more error\(s\) and 5 more warning\(s\) are not shown/);
    expect(annotate(many('warning', 9), notes.slice(0, 1), true, sink)).toEqual(notes.slice(0, 1));
  });

  test('carry the repo-relative file, line and column', () => {
    const { seen, sink } = record();
    emitAnnotations(planAnnotations(many('error', 1), none), sink);
    expect(seen).toEqual([['error', 'm0', { title: 'migration-gate: syntax-error', file: 'db/m/1.sql', startLine: 1 }]]);
  });
});
