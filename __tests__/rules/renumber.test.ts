// One renumbering plan for a report: out-of-order and duplicate-version each suggest a new version, and the two
// never hand out the same one. Run as a user runs it: the CLI in PR mode on a git repo, then the suggested
// `git mv` commands, then the gate again.

import { execFileSync } from 'node:child_process';
import type { Finding } from '../../src/report/finding.js';
import type { PresetName } from '../../src/options.js';
import { makeGitRepo, removeTree, type Tree } from '../support/repo.js';
import { runCliIn } from '../support/cli.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

const RENUMBERING = new Set(['out-of-order', 'duplicate-version']);

/** The `git mv` commands of the findings' suggestions, in the report's order. */
function renames(findings: Finding[]): Array<[string, string]> {
  return findings.flatMap((f) => [...(f.suggestion ?? '').matchAll(/git mv (\S+) (\S+?)[.;]?(?=\s|$)/g)].map(([, from, to]): [string, string] => [from!, to!]));
}

describe('out-of-order and duplicate-version in one report share one renumbering', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeTree));

  // Each PR adds a file versioned before the base's newest and a second file that reuses that newest version.
  const cases: Array<[string, PresetName, Tree, Tree, Array<[string, string]>]> = [
    [
      'sequential NNN_',
      'generic',
      { 'migrations/001_init.sql': 'CREATE TABLE a (id int);\n', 'migrations/003_c.sql': 'CREATE TABLE c (id int);\n' },
      { 'migrations/002_b.sql': 'CREATE TABLE b (id int);\n', 'migrations/003_d.sql': 'ALTER TABLE b ADD COLUMN n int;\n' },
      [
        ['migrations/002_b.sql', 'migrations/004_b.sql'],
        ['migrations/003_d.sql', 'migrations/005_d.sql'],
      ],
    ],
    [
      'timestamps YYYYMMDDHHMMSS',
      'generic',
      { 'db/migrations/20240101000000_init.sql': 'CREATE TABLE a (id int);\n', 'db/migrations/20240301000000_c.sql': 'CREATE TABLE c (id int);\n' },
      { 'db/migrations/20240201000000_b.sql': 'CREATE TABLE b (id int);\n', 'db/migrations/20240301000000_d.sql': 'ALTER TABLE b ADD COLUMN n int;\n' },
      [
        ['db/migrations/20240201000000_b.sql', 'db/migrations/20240301000001_b.sql'],
        ['db/migrations/20240301000000_d.sql', 'db/migrations/20240301000002_d.sql'],
      ],
    ],
    [
      'Flyway V<ver>__',
      'flyway',
      { 'migrations/V1__init.sql': 'CREATE TABLE a (id int);\n', 'migrations/V1.2__c.sql': 'CREATE TABLE c (id int);\n' },
      { 'migrations/V1.1__b.sql': 'CREATE TABLE b (id int);\n', 'migrations/V1.2__d.sql': 'ALTER TABLE b ADD COLUMN n int;\n' },
      [
        ['migrations/V1.1__b.sql', 'migrations/V1.3__b.sql'],
        ['migrations/V1.2__d.sql', 'migrations/V1.4__d.sql'],
      ],
    ],
  ];

  it.each(cases)('%s: distinct versions after the newest, in the order the files run; after the renames neither rule fires', async (_, preset, base, head, expected) => {
    const { root, baseSha } = makeGitRepo(base, head);
    roots.push(root);
    const gate = (...more: string[]) => runCliIn(root, ['check', '--base', baseSha, '--preset', preset, '--format', 'json', ...more]);

    const before = await gate('--no-dry-run');
    expect(before.code).toBe(1);
    const found = before.report!.findings.filter((f) => RENUMBERING.has(f.rule));
    expect(found.map((f) => f.rule).sort()).toEqual(['duplicate-version', 'out-of-order']);
    const moves = renames(found);
    expect(moves.sort()).toEqual(expected);

    // The user pastes every suggestion, in the report's order.
    for (const [from, to] of moves) execFileSync('git', ['mv', from, to], { cwd: root });
    const after = await gate('--engine', 'pglite');
    expect(after.report!.findings.filter((f) => RENUMBERING.has(f.rule) || f.rule === 'dry-run-failed')).toEqual([]);
    // b creates the table d alters: the dry-run applies them in the order they were written.
    expect(after.report!.dryRun!.migrations.filter((m) => m.status === 'applied').map((m) => m.file)).toEqual(expected.map(([, to]) => to));
    expect(after.code).toBe(0);
  });

  it('a file that is both out of order and a duplicate gets one new version from both findings (on a real server)', async () => {
    const { root, baseSha } = makeGitRepo(
      { 'migrations/001_init.sql': 'CREATE TABLE a (id int);\n', 'migrations/005_e.sql': 'CREATE TABLE e (id int);\n' },
      { 'migrations/002_b.sql': 'CREATE TABLE b (id int);\n', 'migrations/002_c.sql': 'ALTER TABLE b ADD COLUMN n int;\n' },
    );
    roots.push(root);
    const gate = (...more: string[]) => runCliIn(root, ['check', '--base', baseSha, '--format', 'json', ...more]);
    const before = await gate('--no-dry-run');
    const found = before.report!.findings.filter((f) => RENUMBERING.has(f.rule));
    expect(found.map((f) => [f.rule, f.file, renames([f])])).toEqual([
      ['out-of-order', 'migrations/002_b.sql', [['migrations/002_b.sql', 'migrations/006_b.sql']]],
      ['duplicate-version', 'migrations/002_c.sql', [['migrations/002_c.sql', 'migrations/007_c.sql']]],
      ['out-of-order', 'migrations/002_c.sql', [['migrations/002_c.sql', 'migrations/007_c.sql']]],
    ]);
    for (const [from, to] of new Map(renames(found))) execFileSync('git', ['mv', from, to], { cwd: root });
    const after = await gate('--engine', 'url', '--database-url', TEST_DATABASE_URL);
    expect(after.report!.findings.filter((f) => RENUMBERING.has(f.rule) || f.rule === 'dry-run-failed')).toEqual([]);
    expect(after.code).toBe(0);
  });
});
