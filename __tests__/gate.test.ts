// The gate as one pipeline: static rules and the dry-run on the same files, reported once.

import { runGate } from '../src/gate.js';
import { resolveOptions } from '../src/config/resolve.js';
import { renderText } from '../src/report/text.js';
import type { GateInputs } from '../src/config/inputs.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from './support/repo.js';
import { TEST_DATABASE_URL } from './support/postgres.js';

let root: string;
beforeAll(() => {
  root = makeTree({
    'migrations/001_users.sql': 'create table users (id bigint primary key);\n',
    'migrations/002_side_effect.sql':
      'create or replace function make_audit() returns void language plpgsql as $$ begin create table audit (id int); end $$;\n' +
      'select make_audit();\n',
  });
});
afterAll(() => removeTree(root));

test('a statement both rules see is one finding, confirmed; one only the dry-run sees stays not-rerunnable', async () => {
  const report = await runGate(await resolveOptions({ root, paths: ['migrations'] }));
  expect(report.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
  expect(report.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
    ['non-idempotent', 'migrations/001_users.sql', 1],
    ['not-rerunnable', 'migrations/002_side_effect.sql', 2],
  ]);
  expect(report.findings[0]!.message).toMatch(/The dry-run confirmed it\.$/);
  expect(report.findings[1]!.message).toContain('relation "audit" already exists');
});

describe('Flyway repeatable migrations against a git base', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeTree));
  const repo = (head: Tree) => {
    const made = makeGitRepo(
      {
        'db/migration/V1__init.sql': 'create table orders (id int, total int);\n',
        'db/migration/R__views.sql': 'create or replace view order_totals as select id, total from orders;\n',
      },
      head,
    );
    roots.push(made.root);
    return made;
  };
  const gate = async (root: string, base: string, more: Partial<GateInputs> = {}) =>
    runGate(await resolveOptions({ root, paths: ['db/migration'], base, preset: 'flyway', ...more }));

  test.each(['url', 'pglite'])('an edited R__ file is pending and dry-run on the %s engine, after the base replayed', async (engine) => {
    const { root, baseSha } = repo({ 'db/migration/R__views.sql': 'create or replace view order_totals as select id, amount from orders;\n' });
    const report = await gate(root, baseSha, { engine, ...(engine === 'url' && { databaseUrl: TEST_DATABASE_URL }) });
    expect(report.migrations.map((m) => [m.file, m.status, m.change])).toEqual([
      ['db/migration/V1__init.sql', 'applied', 'unchanged'],
      ['db/migration/R__views.sql', 'pending', 'modified'],
    ]);
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([['db/migration/R__views.sql', 'failed']]);
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual([['dry-run-failed', 'db/migration/R__views.sql']]);
    expect(report.findings[0]!.message).toContain('column "amount" does not exist');
    expect(report.verdict).toBe('fail');
    expect(renderText(report)).toContain(`Pending against git:${baseSha}: 1 migration\n  db/migration/R__views.sql (changed)\n`);
  });

  test.each(['url', 'pglite'])('an edited R__ file runs after the new versioned ones, as Flyway runs repeatables last (%s)', async (engine) => {
    const { root, baseSha } = repo({
      'db/migration/R__views.sql': 'create or replace view order_totals as select id, total, amount from orders;\n',
      'db/migration/V2__amount.sql': 'alter table orders add column amount int;\n',
    });
    const report = await gate(root, baseSha, { engine, ...(engine === 'url' && { databaseUrl: TEST_DATABASE_URL }) });
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([
      ['db/migration/V2__amount.sql', 'applied'],
      ['db/migration/R__views.sql', 'applied'],
    ]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.summary.pending).toBe(2);
  });

  test("a line-ending-only edit leaves an R__ file applied under Flyway's checksum, pending under SHA-256", async () => {
    const { root, baseSha } = repo({ 'db/migration/R__views.sql': 'create or replace view order_totals as select id, total from orders;\r\n' });
    const status = async (checksum: string) =>
      (await gate(root, baseSha, { checksum, dryRun: false })).migrations.find((m) => m.file === 'db/migration/R__views.sql')!.status;
    expect(await status('flyway')).toBe('applied');
    expect(await status('sha256')).toBe('pending');
  });
});

test('under Flyway a version repeated in a subfolder is a duplicate-version, with a rename that keeps the file in its subfolder', async () => {
  const nested = makeTree({
    'db/migration/V1__init.sql': 'create table users (id int);\n',
    'db/migration/2024/V1__orders.sql': 'create table orders (id int);\n',
    'db/migration/2024/V2__email.sql': 'alter table users add column email text;\n',
  });
  try {
    const report = await runGate(await resolveOptions({ root: nested, paths: ['db/migration'], preset: 'flyway', dryRun: false }));
    expect(report.migrations.map((m) => m.file)).toEqual([
      'db/migration/2024/V1__orders.sql',
      'db/migration/V1__init.sql',
      'db/migration/2024/V2__email.sql',
    ]);
    const duplicates = report.findings.filter((f) => f.rule === 'duplicate-version');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]!.message).toContain('Version 1 is used by 2 migrations in db/migration/: 2024/V1__orders.sql, V1__init.sql.');
    expect(duplicates[0]!.suggestion).toContain('git mv db/migration/V1__init.sql db/migration/V3__init.sql');
    expect(report.verdict).toBe('fail');
  } finally {
    removeTree(nested);
  }
});

test('a pull request is not failed for a duplicate version its base already has; one it adds still fails it', async () => {
  const base = {
    'db/migrations/001_init.sql': 'create table if not exists users (id int);\n',
    'db/migrations/002_a.sql': 'create table if not exists a (id int);\n',
    'db/migrations/002_b.sql': 'create table if not exists b (id int);\n',
  };
  const clean = makeGitRepo(base, { 'db/migrations/003_c.sql': 'create table if not exists c (id int);\n' });
  const clashing = makeGitRepo(base, { 'db/migrations/001_users.sql': 'create table if not exists u (id int);\n' });
  try {
    const gate = async (repo: { root: string; baseSha: string }) =>
      runGate(await resolveOptions({ root: repo.root, paths: ['db/migrations'], base: repo.baseSha, dryRun: false }));
    const inherited = await gate(clean);
    expect(inherited.verdict).toBe('pass');
    expect(inherited.findings.map((f) => [f.rule, f.file, f.severity])).toEqual([['duplicate-version', 'db/migrations/002_b.sql', 'warning']]);
    expect(inherited.findings[0]!.message).toMatch(new RegExp(`^Already on ${clean.baseSha} before this pull request, so it does not fail it: Version 002 is used by 2 migrations`));
    const added = await gate(clashing);
    expect(added.verdict).toBe('fail');
    expect(added.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.file])).toEqual([['duplicate-version', 'db/migrations/001_users.sql']]);
  } finally {
    removeTree(clean.root);
    removeTree(clashing.root);
  }
});
