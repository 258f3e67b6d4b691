// graphile-migrate's current.sql (or current/) is dry-run as `graphile-migrate watch` runs it: after the pending committed
// migrations, its body in one transaction, then once more as on the next save (graphile/migrate src/current.ts
// makeCurrentMigrationRunner, readCurrentMigration; src/migration.ts runStringMigration). A failure on the first run is a
// dry-run failure; one on the second only is an error that says watch's re-run breaks it.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { commit } from '../support/graphile.js';
import type { Report } from '../../src/report/report.js';

const first = commit('CREATE TABLE IF NOT EXISTS people (id int PRIMARY KEY);\n', null);

describe.each([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
] as const)('on %s, the current migration', (engine, databaseUrl) => {
  async function gate(current: Tree): Promise<Report> {
    const root = makeTree({ 'migrations/committed/000001.sql': first.text, ...current });
    try {
      return await runGate(await resolveOptions({ root, all: true, preset: 'graphile-migrate', paths: ['migrations/committed'], engine, databaseUrl }));
    } finally {
      removeTree(root);
    }
  }
  const runs = (report: Report) => report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason ?? m.error?.sqlstate ?? null]);

  test('idempotent, it runs after the committed migrations, twice, and passes', async () => {
    const report = await gate({ 'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS pets (id int, owner int REFERENCES people);\nCREATE OR REPLACE VIEW owners AS SELECT owner FROM pets;\n' });
    expect(runs(report)).toEqual([
      ['migrations/committed/000001.sql', 'applied', null],
      ['migrations/current.sql', 'applied', null],
    ]);
    expect(report.dryRun!.migrations[1]!.changes).toEqual([
      { action: 'create', kind: 'table', name: 'public.pets' },
      { action: 'create', kind: 'view', name: 'public.owners' },
    ]);
    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  test("graphile-migrate's blank current.sql (a comment) is fine", async () => {
    const report = await gate({ 'migrations/current.sql': '-- Enter migration here\n' });
    expect(runs(report)).toContainEqual(['migrations/current.sql', 'applied', null]);
    expect(report.findings).toEqual([]);
  });

  test('one that fails only when watch runs it again is an error that says so, with the statement and the server’s error', async () => {
    // The table comes from a string EXECUTE runs: no static rule sees it, the second run does.
    const body = "CREATE TABLE IF NOT EXISTS pets (id int);\nDO $$ BEGIN EXECUTE 'CREATE TABLE toys (id int)'; END $$;\n";
    const report = await gate({ 'migrations/current.sql': body });
    expect(runs(report)).toContainEqual(['migrations/current.sql', 'applied', null]);
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.message])).toEqual([
      [
        'not-rerunnable',
        'error',
        'migrations/current.sql',
        2,
        "Not idempotent: fails when `graphile-migrate watch` runs current.sql again: 42P07: relation \"toys\" already exists, at `DO $$ BEGIN EXECUTE 'CREATE TABLE toys (id int)'; END $$`.",
      ],
    ]);
    expect(report.verdict).toBe('fail');
  });

  test('one that fails on its first run is a dry-run failure', async () => {
    const report = await gate({ 'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS pets (id int, owner int REFERENCES nobody);\n' });
    expect(runs(report)).toContainEqual(['migrations/current.sql', 'failed', '42P01']);
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([['dry-run-failed', 'error', 'migrations/current.sql', 1]]);
  });

  test("current/'s files run by their number as a value, in one transaction, twice", async () => {
    // 2-… before 10-…: by name, 10 would run first and fail on the table 2 makes.
    const report = await gate({
      'migrations/current/10-index.sql': 'CREATE INDEX IF NOT EXISTS pets_owner ON pets (owner);\n',
      'migrations/current/2-pets.sql': 'CREATE TABLE IF NOT EXISTS pets (id int, owner int);\n',
      'migrations/current/.keep': '',
      'migrations/current/notes.md': 'not read\n',
    });
    expect(runs(report)).toEqual([
      ['migrations/committed/000001.sql', 'applied', null],
      ['migrations/current/2-pets.sql', 'applied', null],
      ['migrations/current/10-index.sql', 'applied', null],
    ]);
    expect(report.findings).toEqual([]);
  });

  test("in current/, a file whose statement fails only again is reported in that file; one failing undoes the files before it", async () => {
    const again = await gate({
      'migrations/current/1-pets.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-toys.sql': "DO $$ BEGIN EXECUTE 'CREATE TABLE toys (id int)'; END $$;\n",
    });
    expect(again.findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([['not-rerunnable', 'error', 'migrations/current/2-toys.sql', 1]]);
    expect(again.findings[0]!.message).toMatch(/^Not idempotent: fails when `graphile-migrate watch` runs current\/ again: 42P07/);
    const failing = await gate({
      'migrations/current/1-pets.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-toys.sql': 'CREATE TABLE IF NOT EXISTS toys (id int REFERENCES nobody);\n',
      'migrations/current/3-more.sql': 'CREATE TABLE IF NOT EXISTS more (id int);\n',
    });
    expect(runs(failing)).toEqual([
      ['migrations/committed/000001.sql', 'applied', null],
      ['migrations/current/1-pets.sql', 'skipped', 'rolled back: graphile-migrate runs current/ in one transaction, and migrations/current/2-toys.sql failed in it'],
      ['migrations/current/2-toys.sql', 'failed', '42P01'],
      ['migrations/current/3-more.sql', 'skipped', 'not run: the earlier migrations/current/2-toys.sql failed'],
    ]);
  });

  test('its `--!include`s run as watch runs them (graphile/migrate src/migration.ts compileIncludes): what a fixture defines is there', async () => {
    const fixture = 'CREATE OR REPLACE FUNCTION pet_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM pets $$;\n';
    const report = await gate({
      'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n--!include functions/pet_count.sql\nCREATE OR REPLACE VIEW pet_total AS SELECT pet_count();\n',
      'migrations/fixtures/functions/pet_count.sql': fixture,
    });
    expect(runs(report)).toContainEqual(['migrations/current.sql', 'applied', null]);
    expect(report.dryRun!.migrations.at(-1)!.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual(['create table public.pets', 'create view public.pet_total', 'create function public.pet_count()']);
    expect(report.findings).toEqual([]);
  });

  test("a fixture's statement that fails when watch runs current.sql again is reported at its line in the fixture", async () => {
    const report = await gate({
      'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n--!include toys.sql\n',
      'migrations/fixtures/toys.sql': "-- toys\nDO $$ BEGIN EXECUTE 'CREATE TABLE toys (id int)'; END $$;\n",
    });
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([['not-rerunnable', 'error', 'migrations/fixtures/toys.sql', 2]]);
    expect(report.findings[0]!.message).toMatch(/^Not idempotent: fails when `graphile-migrate watch` runs current\.sql again: 42P07: .*\(migrations\/fixtures\/toys\.sql is included by the `--!include` at migrations\/current\.sql:2\)$/);
  });

  test('it does not run where a committed migration before it failed, nor where graphile-migrate refuses committed/', async () => {
    const broken = commit('CREATE TABLE people_more (id int REFERENCES nobody);\n', first.hash);
    const report = await gate({ 'migrations/committed/000002.sql': broken.text, 'migrations/current.sql': 'SELECT 1;\n' });
    expect(runs(report).at(-1)).toEqual(['migrations/current.sql', 'skipped', 'not run: the earlier migration migrations/committed/000002.sql failed']);
    const unsigned = await gate({ 'migrations/committed/000002.sql': 'SELECT 1;\n', 'migrations/current.sql': 'SELECT 1;\n' });
    expect(runs(unsigned).at(-1)![2]).toMatch(/^not run: graphile-migrate refuses the folder's committed migrations \("Invalid committed migration/);
  });
});
