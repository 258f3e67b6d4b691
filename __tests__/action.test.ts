// The Action's own step messages, run from the sources (src/action.ts, not dist) the way the runner runs a step.

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ANNOTATIONS_PER_LEVEL } from '../src/github/annotations.js';
import type { Report } from '../src/report/report.js';
import { git, makeGitRepo, makeTree, removeTree } from './support/repo.js';
import { runActionStep } from './support/run-action.js';
import { scratchDatabase } from './deploy/scratch-database.js';

const ACTION_SOURCE = resolve('__tests__/action-source.mjs');
const work = mkdtempSync(join(tmpdir(), 'mg-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('a job summary that cannot be written is one of the 10 warnings GitHub shows, counted with the other notes', async () => {
  // Twelve tables created without IF NOT EXISTS: twelve non-idempotent warnings, more than GitHub shows.
  const head = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`db/migrations/${String(i + 2).padStart(3, '0')}_t${i}.sql`, `CREATE TABLE t${i} (id int);\n`]));
  const { root, baseSha } = makeGitRepo({ 'db/migrations/001_init.sql': 'SELECT 1;\n' }, head);
  try {
    const sha = git(root, 'rev-parse', 'HEAD').trim();
    // A folder where the summary file should be: appending to it fails.
    const summary = join(work, 'summary-is-a-folder');
    mkdirSync(summary);
    const run = await runActionStep({
      bundle: ACTION_SOURCE,
      work,
      workspace: root,
      eventName: 'pull_request',
      event: {
        number: 7,
        pull_request: { number: 7, base: { sha: baseSha, ref: 'main' }, head: { sha, ref: 'feature' } },
        repository: { full_name: 'acme/shop', default_branch: 'main' },
      },
      sha,
      inputs: { migrations: 'db/migrations', 'dry-run': 'false', 'github-token': '' },
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.code).toBe(0);
    const warnings = run.stdout.split('\n').filter((line) => line.startsWith('::warning'));
    // Before, the summary's warning came after the ten annotate() planned: an 11th, which GitHub drops.
    expect(warnings).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(warnings.slice(-3)).toEqual([
      '::warning::No github-token was given, so no pull-request comment was posted.',
      expect.stringMatching(/^::warning::Could not write the job summary: EISDIR: illegal operation on a directory/),
      expect.stringMatching(/^::warning::0 more error\(s\) and 5 more warning\(s\) are not shown as annotations/),
    ]);
    expect(warnings.filter((w) => w.includes('non-idempotent'))).toHaveLength(7);
  } finally {
    removeTree(root);
  }
}, 120_000);

describe('the base of a run that is no pull request', () => {
  const files = {
    // Merged long ago, and not idempotent: a run that takes it for pending warns about it.
    base: { 'db/migrations/001_users.sql': 'CREATE TABLE users (id int);\n' },
    head: { 'db/migrations/002_orders.sql': 'CREATE TABLE IF NOT EXISTS orders (id int);\n' },
  };

  test("a merge queue's group is gated against its base_sha, fetched into actions/checkout's shallow clone", async () => {
    const { root: origin, baseSha } = makeGitRepo(files.base, files.head);
    const head = git(origin, 'rev-parse', 'HEAD').trim();
    const workspace = join(work, 'merge-group');
    git(work, 'clone', '-q', '--depth=1', `file://${origin}`, workspace);
    try {
      const run = await runActionStep({
        bundle: ACTION_SOURCE,
        work,
        workspace,
        eventName: 'merge_group',
        event: {
          action: 'checks_requested',
          merge_group: { head_sha: head, head_ref: `refs/heads/gh-readonly-queue/main/pr-7-${baseSha}`, base_sha: baseSha, base_ref: 'refs/heads/main' },
          repository: { full_name: 'acme/shop', default_branch: 'main' },
        },
        sha: head,
        inputs: { migrations: 'db/migrations', 'dry-run': 'false', 'github-token': '' },
      });
      expect(run.code).toBe(0);
      expect(run.outputs.pending).toBe('["db/migrations/002_orders.sql"]');
      expect(run.summary).toContain(`### ✅ migration-gate: pass · 0 errors · 0 warnings · 1 pending migration · 0 conflicts`);
      expect(run.summary).toContain(`Folders \`db/migrations\` · base \`${baseSha.slice(0, 7)}\``);
      expect(run.summary).toContain(`npx migration-gate check db/migrations --base ${baseSha} --no-dry-run`);
      expect(run.stdout).not.toContain('::warning');
    } finally {
      removeTree(origin);
      removeTree(workspace);
    }
  }, 120_000);

  test('a workflow_dispatch run with nothing to compare with says so, and how to give it a base, in the log and the summary', async () => {
    const { root, baseSha } = makeGitRepo(files.base, files.head);
    const sha = git(root, 'rev-parse', 'HEAD').trim();
    try {
      const dispatch = (base: Record<string, string>) =>
        runActionStep({
          bundle: ACTION_SOURCE,
          work,
          workspace: root,
          eventName: 'workflow_dispatch',
          event: { ref: 'refs/heads/main', repository: { full_name: 'acme/shop', default_branch: 'main' } },
          sha,
          inputs: { migrations: 'db/migrations', 'dry-run': 'false', 'github-token': '', ...base },
        });
      const run = await dispatch({});
      expect(run.code).toBe(0);
      expect(run.outputs['pending-count']).toBe('2');
      const note =
        'No base to compare the migrations with: nothing in this workflow_dispatch event names one, and the checkout has no ' +
        '`origin/main` to find one with. So every migration counts as pending';
      expect(run.stdout).toContain(`::warning::${note}`);
      expect(run.summary).toContain(`> ${note.replace(/_/g, '\\_')}`);
      expect(run.summary).toContain('`base-ref: origin/main`');
      // With the base given, only the new file is pending and nothing is said.
      const based = await dispatch({ 'base-ref': baseSha });
      expect(based.outputs.pending).toBe('["db/migrations/002_orders.sql"]');
      expect(based.stdout).not.toContain('No base');
    } finally {
      removeTree(root);
    }
  }, 120_000);
});

test('the command that reproduces a run carries the inputs that change its result', async () => {
  const { root, baseSha } = makeGitRepo({ 'db/migrations/001_init.sql': 'SELECT 1;\n' }, { 'db/migrations/002_t.sql': 'CREATE TABLE t (id int);\n' });
  const sha = git(root, 'rev-parse', 'HEAD').trim();
  try {
    const run = await runActionStep({
      bundle: ACTION_SOURCE,
      work,
      workspace: root,
      eventName: 'pull_request',
      event: { number: 7, pull_request: { number: 7, base: { sha: baseSha, ref: 'main' }, head: { sha, ref: 'feature' } } },
      sha,
      inputs: { migrations: 'db/migrations', engine: 'pglite', preset: 'dbmate', 'dry-run': 'false', 'fail-on': 'warning', 'github-token': '' },
    });
    // fail-on warning: the non-idempotent CREATE TABLE fails the step, as the command run locally does.
    expect(run.code).toBe(1);
    expect(run.summary).toContain(
      `npx migration-gate check db/migrations --base ${baseSha} --preset dbmate --engine pglite --no-dry-run --fail-on warning\n`,
    );
  } finally {
    removeTree(root);
  }
}, 120_000);

test('after apply: true the summary says what the target has now: nothing pending, the files applied', async () => {
  const db = await scratchDatabase('test_apply');
  const root = makeTree({
    'db/migrations/001_users.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n',
    'db/migrations/002_orders.sql': 'CREATE TABLE IF NOT EXISTS orders (id int);\n',
  });
  try {
    const run = await runActionStep({
      bundle: ACTION_SOURCE,
      work,
      workspace: root,
      eventName: 'push',
      event: { ref: 'refs/heads/main', before: '0'.repeat(40), repository: { full_name: 'acme/shop', default_branch: 'main' } },
      sha: 'c0ffee'.padEnd(40, '0'),
      inputs: { migrations: 'db/migrations', mode: 'deploy', 'database-url': db.url, apply: 'true', 'dry-run': 'false', 'github-token': '' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ pending: '[]', 'pending-count': '0', 'applied-count': '2' });
    // Before, the header and the table still said "2 pending" and "Pending on the target (2)" under "2 applied".
    expect(run.summary).toContain('### ✅ migration-gate: pass · 0 errors · 0 warnings · 0 pending migrations · 0 conflicts');
    expect(run.summary).toContain('#### Apply to the target\n\n✅ 2 applied, 0 skipped, 2 total\n\n- `db/migrations/001_users.sql`\n- `db/migrations/002_orders.sql`');
    expect(run.summary).toContain('No pending migrations: the target has every file applied.');
    expect(run.summary).not.toContain('Pending on the target');
    const report = JSON.parse(readFileSync(run.outputs['report-path']!, 'utf8')) as Report;
    expect(report.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
    expect(report.summary.pending).toBe(0);
  } finally {
    removeTree(root);
    await db.drop();
  }
}, 120_000);
