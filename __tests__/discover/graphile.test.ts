// graphile-migrate's committed folder read as getAllMigrations reads it: the files whose names its regexp
// `^([0-9]+)(-[-_a-zA-Z0-9]*)?\.sql$` takes are its migrations, and it skips every other file and every folder there
// silently, so such a file is never applied; current.sql beside committed/ is work in progress it never migrates
// (graphile-current.test.ts checks it as `graphile-migrate watch` runs it).

import { runCliIn } from '../support/cli.js';
import type { Report } from '../../src/report/report.js';
import { commit } from '../support/graphile.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

/** The exit code, JSON report (if any) and stderr of `check <folder> --all --preset graphile-migrate` on the embedded engine. */
async function check(files: Tree, folder?: string): Promise<{ code: number; report: Report | null; stderr: string }> {
  const root = makeTree(files);
  roots.push(root);
  const { code, report, stderr } = await runCliIn(root, ['check', ...(folder ? [folder] : []), '--all', '--preset', 'graphile-migrate', '--engine', 'pglite', '--format', 'json']);
  return { code, report, stderr };
}

const first = commit('CREATE TABLE IF NOT EXISTS a (id int);\n', null);
const second = commit('CREATE TABLE IF NOT EXISTS b (id int);\n', first.hash);
const third = commit('CREATE TABLE IF NOT EXISTS c (id int);\n', second.hash);
const project = {
  'migrations/committed/000001.sql': first.text,
  'migrations/committed/000002-add-b.sql': second.text,
  // An underscore where graphile-migrate wants `-`: its regexp does not take the name, so it never runs the file.
  'migrations/committed/000003_c.sql': third.text,
  'migrations/committed/notes.sql': 'CREATE TABLE IF NOT EXISTS notes (id int);\n',
  'migrations/committed/README.md': 'how we migrate\n',
  'migrations/committed/old/000004.sql': third.text,
  'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS work (id int);\n',
};

describe('graphile-migrate', () => {
  it('applies the names its regexp takes; the other .sql files of committed/ are never applied, and say so; a folder there is skipped', async () => {
    const { code, report } = await check(project, 'migrations/committed');
    expect(code).toBe(1);
    const expected = 'NNNNNN.sql or NNNNNN-message.sql';
    expect(report!.findings.map((f) => [f.rule, f.file, f.message, f.suggestion])).toEqual([
      [
        'invalid-name',
        'migrations/committed/000003_c.sql',
        `000003_c.sql is not a migration name to graphile-migrate (${expected}), so graphile-migrate ignores it: it is never applied`,
        `rename it to ${expected}, or move it out of migrations/committed`,
      ],
      [
        'invalid-name',
        'migrations/committed/notes.sql',
        `notes.sql is not a migration name to graphile-migrate (${expected}), so graphile-migrate ignores it: it is never applied`,
        `rename it to ${expected}, or move it out of migrations/committed`,
      ],
    ]);
    // The dry-run applies what `graphile-migrate migrate` applies, then current.sql as `graphile-migrate watch` runs it.
    expect(report!.dryRun?.migrations.map((m) => [m.file, m.status])).toEqual([
      ['migrations/committed/000001.sql', 'applied'],
      ['migrations/committed/000002-add-b.sql', 'applied'],
      ['migrations/current.sql', 'applied'],
    ]);
  });

  it('pointed at the migrations folder that holds committed/ and current.sql, says to check committed/ (exit 2)', async () => {
    const { code, report, stderr } = await check(project, 'migrations');
    expect([code, report]).toEqual([2, null]);
    expect(stderr).toBe(
      "migration-gate: migrations is graphile-migrate's migrations folder: the migrations it runs are the files in migrations/committed, and its " +
        'current.sql (or current/) is work in progress that `graphile-migrate migrate` never runs; check migrations/committed ' +
        '(`migration-gate check migrations/committed --preset graphile-migrate`)\n',
    );
  });

  it('with no folder given, checks migrations/committed, where graphile-migrate keeps what it runs', async () => {
    const { code, report } = await check(project);
    expect(code).toBe(1);
    expect(report!.migrations.map((m) => [m.file, m.status])).toEqual([
      ['migrations/committed/000001.sql', 'pending'],
      ['migrations/committed/000002-add-b.sql', 'pending'],
      ['migrations/current.sql', 'current'],
    ]);
  });
});
