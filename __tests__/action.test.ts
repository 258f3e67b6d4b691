// The Action's own step messages, run from the sources (src/action.ts, not dist) the way the runner runs a step.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ANNOTATIONS_PER_LEVEL } from '../src/github/annotations.js';
import { git, makeGitRepo, removeTree } from './support/repo.js';
import { runActionStep } from './support/run-action.js';

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
