// The open-PR collision check beside the renames the report already suggests: it reads them from the report's one
// renumbering plan (each migration's renumberTo), so no wording of a suggestion can make it hand out a version twice.

import { GitHubApi } from '../../src/github/api.js';
import { findCollisions } from '../../src/github/collisions.js';
import type { Report } from '../../src/report/report.js';
import type { PresetName } from '../../src/options.js';
import { FakeGitHub } from './fake-github.js';
import { makeGitRepo, removeTree, type Tree } from '../support/repo.js';
import { runCliIn } from '../support/cli.js';

const github = new FakeGitHub();
const repo = { owner: 'acme', repo: 'shop' };
let api: GitHubApi;

beforeAll(async () => {
  await github.start();
});
afterAll(() => github.stop());
beforeEach(() => {
  github.reset();
  api = new GitHubApi({ token: 't', baseUrl: github.url, backoffMs: 5, log: () => {} });
});

/** The JSON report of `check` in PR mode on a repository whose base holds `base` and whose head adds `head`. */
async function gated(base: Tree, head: Tree, preset: PresetName = 'generic'): Promise<Report> {
  const { root, baseSha } = makeGitRepo(base, head);
  try {
    return (await runCliIn(root, ['check', 'db/migrations', '--base', baseSha, '--preset', preset, '--no-dry-run', '--format', 'json'])).report!;
  } finally {
    removeTree(root);
  }
}

/** What findCollisions suggests for each of this PR's files, with PR #8 adding `theirs`. */
async function collisions(report: Report, theirs: string[], preset: PresetName = 'generic'): Promise<string[][]> {
  github.pull(7);
  github.pull(8, { files: theirs.map((filename) => ({ filename, status: 'added' })) });
  return (await findCollisions(api, repo, 7, report, preset)).map((d) => [d.file, d.suggestion!]);
}

describe('the collision check reads the renumbering plan as data', () => {
  // This PR adds 002_b, versioned before 003_c on the base (out-of-order renames it to 005), and 004_x, which moves along to 006.
  const base = { 'db/migrations/001_init.sql': 'select 1;\n', 'db/migrations/003_c.sql': 'select 3;\n' };
  const head = { 'db/migrations/002_b.sql': 'select 2;\n', 'db/migrations/004_x.sql': 'select 4;\n' };

  test("the report gives each migration its suggestion renames the plan's version, and none to the others", async () => {
    const report = await gated(base, head);
    expect(report.migrations.map((m) => [m.file, m.renumberTo])).toEqual([
      ['db/migrations/001_init.sql', undefined],
      ['db/migrations/002_b.sql', '005'],
      ['db/migrations/003_c.sql', undefined],
      ['db/migrations/004_x.sql', '006'],
    ]);
    expect(report.findings.map((f) => f.suggestion)).toEqual([expect.stringContaining('git mv db/migrations/002_b.sql db/migrations/005_b.sql && git mv db/migrations/004_x.sql db/migrations/006_x.sql')]);
  });

  test('whatever the suggestions say, a colliding file never gets a version the plan gave another', async () => {
    const report = await gated(base, head);
    // 004_x's move along to 006 already sorts after 004_y: it keeps it, and 005 stays 002_b's.
    expect(await collisions(report, ['db/migrations/004_y.sql'])).toEqual([['db/migrations/004_x.sql', 'rename to version 006']]);
    const reworded = { ...report, findings: report.findings.map((f) => ({ ...f, suggestion: 'Renumber it and the new migrations after it; see renumberTo.' })) };
    expect(await collisions(reworded, ['db/migrations/004_y.sql'])).toEqual([['db/migrations/004_x.sql', 'rename to version 006']]);
    const unsaid = { ...report, findings: report.findings.map(({ suggestion: _, ...f }) => f) };
    expect(await collisions(unsaid, ['db/migrations/004_y.sql'])).toEqual([['db/migrations/004_x.sql', 'rename to version 006']]);
  });

  test('a rename no finding suggests (a directive silences it) is in no row, and holds no version back', async () => {
    const report = await gated(base, { ...head, 'db/migrations/002_b.sql': '-- migration-gate: ignore-file out-of-order\nselect 2;\n' });
    expect(report.findings).toEqual([]);
    expect(report.migrations.filter((m) => m.renumberTo)).toEqual([]);
    expect(await collisions(report, ['db/migrations/004_y.sql'])).toEqual([['db/migrations/004_x.sql', 'rename to version 005']]);
  });

  test('node-pg-migrate: a planned rename is compared by the name it gives the file', async () => {
    // 003_a sorts before 003_b, already run: out-of-order renames it to 005_a.sql, after 004_c.
    const report = await gated(
      { 'db/migrations/003_b.sql': 'select 1;\n', 'db/migrations/004_c.sql': 'select 1;\n' },
      { 'db/migrations/003_a.sql': 'select 1;\n' },
      'node-pg-migrate',
    );
    expect(report.migrations.find((m) => m.renumberTo)).toMatchObject({ file: 'db/migrations/003_a.sql', renumberTo: '005' });
    // 005_a sorts after 005_0 (node-pg-migrate reads the digits first): the planned name stands.
    expect((await collisions(report, ['db/migrations/005_0.sql'], 'node-pg-migrate')).map(([file, s]) => [file, s.split(',')[0]])).toEqual([
      ['db/migrations/003_a.sql', 'rename it to db/migrations/005_a.sql'],
    ]);
    // 005_a sorts before 005_b: it takes a name after every one the open pull request adds.
    expect((await collisions(report, ['db/migrations/005_b.sql'], 'node-pg-migrate')).map(([file, s]) => [file, s.split(',')[0]])).toEqual([
      ['db/migrations/003_a.sql', 'rename it to db/migrations/006_a.sql'],
    ]);
  });
});
