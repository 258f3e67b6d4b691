// One renumbering plan for a report: out-of-order and duplicate-version each suggest a new version, and the two
// never hand out the same one. Run as a user runs it: the CLI in PR mode on a git repo, then the suggested
// `git mv` commands, then the gate again.

import { execFileSync } from 'node:child_process';
import type { Finding } from '../../src/report/finding.js';
import type { Report } from '../../src/report/report.js';
import type { PresetName } from '../../src/options.js';
import { makeGitRepo, removeTree, type Tree } from '../support/repo.js';
import { runCliIn } from '../support/cli.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

const RENUMBERING = new Set(['out-of-order', 'duplicate-version']);

/** The `git mv` commands of the findings' suggestions, in the report's order. */
function renames(findings: Finding[]): Array<[string, string]> {
  return findings.flatMap((f) => [...(f.suggestion ?? '').matchAll(/git mv (\S+) (\S+?)[.;]?(?=\s|$)/g)].map(([, from, to]): [string, string] => [from!, to!]));
}

/**
 * The plan as the report's data says it (each migration's renumberTo, by path), beside what the suggestions' commands
 * made of it (the version the gate reads from each file's new name): the two must agree.
 */
function planned(before: Report, moves: Array<[string, string]>, after: Report): [Array<[string, string | undefined]>, Array<[string, string | undefined]>] {
  const versionAt = new Map(after.migrations.map((m) => [m.file, m.version]));
  const said = before.migrations.filter((m) => m.renumberTo).map((m): [string, string | undefined] => [m.file, m.renumberTo]);
  const done = [...new Map(moves)].map(([from, to]): [string, string | undefined] => [from, versionAt.get(to)]);
  return [said.sort(), done.sort()];
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
    const [said, done] = planned(before.report!, moves, after.report!);
    expect(said).toEqual(done);
    expect(said).toHaveLength(2);
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
    expect(planned(before.report!, renames(found), after.report!)).toEqual([
      [['migrations/002_b.sql', '006'], ['migrations/002_c.sql', '007']],
      [['migrations/002_b.sql', '006'], ['migrations/002_c.sql', '007']],
    ]);
  });
});

describe('a renumbered migration takes the new migrations written after it along', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeTree));

  // Each PR creates a table in a file the rules renumber and fills it in a later file no rule flags: moved alone to the
  // end, the first would run after the second, and the dry-run that passed before the renames would fail.
  const cases: Array<[string, PresetName, Tree, Tree, Array<[string, string, Array<[string, string]>]>, string[]]> = [
    [
      'out of order, sequential NNN_',
      'generic',
      { 'db/002_base.sql': 'CREATE TABLE base (id int);\n' },
      { 'db/001_create_a.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n', 'db/003_fill_a.sql': 'INSERT INTO a VALUES (1);\n' },
      [['out-of-order', 'db/001_create_a.sql', [['db/001_create_a.sql', 'db/004_create_a.sql'], ['db/003_fill_a.sql', 'db/005_fill_a.sql']]]],
      ['db/004_create_a.sql', 'db/005_fill_a.sql'],
    ],
    [
      'out of order, Flyway dotted V<ver>__',
      'flyway',
      { 'sql/V1__a.sql': 'CREATE TABLE a (id int);\n', 'sql/V1.1__b.sql': 'CREATE TABLE b (id int);\n', 'sql/V1.2.9__c.sql': 'CREATE TABLE c (id int);\n' },
      { 'sql/V1.0.5__late.sql': 'CREATE TABLE late (id int);\n', 'sql/V1.2.10__new.sql': 'INSERT INTO late VALUES (1);\n' },
      [['out-of-order', 'sql/V1.0.5__late.sql', [['sql/V1.0.5__late.sql', 'sql/V1.2.11__late.sql'], ['sql/V1.2.10__new.sql', 'sql/V1.2.12__new.sql']]]],
      ['sql/V1.2.11__late.sql', 'sql/V1.2.12__new.sql'],
    ],
    [
      // 003_a is new too but runs before 003_b either way: it stays.
      'a duplicate, sequential NNN_',
      'generic',
      { 'db/001_init.sql': 'CREATE TABLE t (id int);\n', 'db/002_t.sql': 'ALTER TABLE t ADD COLUMN n int;\n' },
      { 'db/003_a.sql': 'CREATE TABLE a (id int);\n', 'db/003_b.sql': 'CREATE TABLE b (id int);\n', 'db/004_c.sql': 'ALTER TABLE b ADD COLUMN n int;\n' },
      [['duplicate-version', 'db/003_b.sql', [['db/003_b.sql', 'db/005_b.sql'], ['db/004_c.sql', 'db/006_c.sql']]]],
      ['db/003_a.sql', 'db/005_b.sql', 'db/006_c.sql'],
    ],
  ];

  it.each(cases)('%s: the finding moves them after it, in order; after its commands the dry-run passes', async (_, preset, base, head, expected, applied) => {
    const { root, baseSha } = makeGitRepo(base, head);
    roots.push(root);
    const folder = Object.keys(head)[0]!.split('/')[0]!;
    const gate = () => runCliIn(root, ['check', folder, '--base', baseSha, '--preset', preset, '--format', 'json', '--engine', 'pglite']);

    const before = await gate();
    const found = before.report!.findings.filter((f) => RENUMBERING.has(f.rule));
    expect(found.map((f) => [f.rule, f.file, renames([f])])).toEqual(expected);

    // The user pastes the suggestion's commands, in order.
    for (const [from, to] of renames(found)) execFileSync('git', ['mv', from, to], { cwd: root });
    const after = await gate();
    expect(after.report!.findings.filter((f) => RENUMBERING.has(f.rule) || f.rule === 'dry-run-failed')).toEqual([]);
    expect(after.report!.dryRun!.migrations.filter((m) => m.status === 'applied').map((m) => m.file)).toEqual(applied);
    expect(after.code).toBe(0);
    // The migrations that move along have their renumberTo too.
    const [said, done] = planned(before.report!, renames(found), after.report!);
    expect(said).toEqual(done);
    expect(said).toHaveLength(2);
  });

  it('says why the others move', async () => {
    const [, , base, head] = cases[0]!;
    const { root, baseSha } = makeGitRepo(base, head);
    roots.push(root);
    const { report } = await runCliIn(root, ['check', 'db', '--base', baseSha, '--format', 'json', '--no-dry-run']);
    expect(report!.findings.find((f) => f.rule === 'out-of-order')!.suggestion).toBe(
      'Give it a version after 002: git mv db/001_create_a.sql db/004_create_a.sql && git mv db/003_fill_a.sql db/005_fill_a.sql ' +
        '(003_fill_a.sql is new too and written to run after it: moving it along keeps that order).',
    );
  });
});
