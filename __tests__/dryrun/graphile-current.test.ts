// graphile-migrate's current.sql (or current/) is dry-run as `graphile-migrate watch` runs it: after the pending committed
// migrations, its body (current/'s files joined) as one query in one transaction, then once more as on the next save (graphile/migrate src/current.ts
// makeCurrentMigrationRunner, readCurrentMigration; src/migration.ts runStringMigration). A failure on the first run is a
// dry-run failure; one on the second only is an error that says watch's re-run breaks it.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { commit } from '../support/graphile.js';
import type { Report } from '../../src/report/report.js';
import { renderText } from '../../src/report/text.js';

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
    // Its second run, as watch runs it again, is said on its own entry; a committed migration's entry has none.
    expect(report.dryRun!.migrations.map((m) => m.rerun)).toEqual([undefined, 'applied']);
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
    expect(report.dryRun!.migrations.at(-1)!.rerun).toBe('failed');
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

  test("current/'s files run joined by their number as a value, as one query in one transaction, twice: one row, the folder", async () => {
    // 2-… before 10-…: by name, 10 would run first and fail on the table 2 makes.
    const report = await gate({
      'migrations/current/10-index.sql': 'CREATE INDEX IF NOT EXISTS pets_owner ON pets (owner);\n',
      'migrations/current/2-pets.sql': 'CREATE TABLE IF NOT EXISTS pets (id int, owner int);\n',
      'migrations/current/.keep': '',
      'migrations/current/notes.md': 'not read\n',
    });
    expect(runs(report)).toEqual([
      ['migrations/committed/000001.sql', 'applied', null],
      ['migrations/current', 'applied', null],
    ]);
    expect(report.dryRun!.migrations[1]!.changes.map((c) => `${c.action} ${c.kind} ${c.name}`)).toEqual(['create table public.pets']);
    expect(report.findings).toEqual([]);
  });

  test("in current/, a statement that fails only again is reported in its file; one failing fails the whole body", async () => {
    const again = await gate({
      'migrations/current/1-pets.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-toys.sql': "-- toys\nDO $$ BEGIN EXECUTE 'CREATE TABLE toys (id int)'; END $$;\n",
    });
    expect(again.findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([['not-rerunnable', 'error', 'migrations/current/2-toys.sql', 2]]);
    expect(again.findings[0]!.message).toMatch(/^Not idempotent: fails when `graphile-migrate watch` runs current\/ again: 42P07/);
    const failing = await gate({
      'migrations/current/1-pets.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-toys.sql': '\n\nCREATE TABLE IF NOT EXISTS toys (id int REFERENCES nobody);\n',
      'migrations/current/3-more.sql': 'CREATE TABLE IF NOT EXISTS more (id int);\n',
    });
    expect(runs(failing)).toEqual([
      ['migrations/committed/000001.sql', 'applied', null],
      ['migrations/current', 'failed', '42P01'],
    ]);
    expect(failing.findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([['dry-run-failed', 'error', 'migrations/current/2-toys.sql', 3]]);
    expect(failing.dryRun!.migrations.at(-1)!.rerun).toBeUndefined();
  });

  test("a failure in current/ is, in the dry-run's own entry too, at the file of current/ and its line and column, not the joined body's", async () => {
    // Joined, the failing statement is line 7: the headers on top, a `--! split` line before each file, a blank line between.
    const report = await gate({
      'migrations/current/1-pets.sql': '--! Message: pets\n\nCREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-toys.sql': '\n\nCREATE OR REPLACE VIEW toys AS SELECT * FROM nobody;\n',
    });
    // The server says where in the line: at the relation it lacks.
    const column = 'CREATE OR REPLACE VIEW toys AS SELECT * FROM '.length + 1;
    expect(report.dryRun!.migrations.at(-1)).toMatchObject({ file: 'migrations/current', status: 'failed' });
    expect(report.dryRun!.migrations.at(-1)!.error).toMatchObject({ sqlstate: '42P01', file: 'migrations/current/2-toys.sql', line: 3, column });
    expect(report.findings.map((f) => [f.rule, f.file, f.line, f.column])).toEqual([['dry-run-failed', 'migrations/current/2-toys.sql', 3, column]]);
    // The terminal's dry-run list names that file too, under the entry of migrations/current.
    expect(renderText(report)).toContain(`42P01 relation "nobody" does not exist at migrations/current/2-toys.sql:3:${column}`);
  });

  test("a failure in a fixture current.sql includes is at the fixture's line and column; one in current.sql itself names no other file", async () => {
    const included = await gate({
      'migrations/current.sql': 'SELECT 1;\n--!include toys.sql\n',
      // Included trimmed (compileIncludes): the indent is off the line the server sees, and back on the column.
      'migrations/fixtures/toys.sql': '\n  CREATE OR REPLACE VIEW toys AS SELECT * FROM nobody;\n',
    });
    const column = '  CREATE OR REPLACE VIEW toys AS SELECT * FROM '.length + 1;
    expect(included.dryRun!.migrations.at(-1)!.error).toMatchObject({ file: 'migrations/fixtures/toys.sql', line: 2, column });
    const own = await gate({ 'migrations/current.sql': 'SELECT 1;\n--!include toys.sql\nCREATE TABLE IF NOT EXISTS pets (id int REFERENCES nobody);\n', 'migrations/fixtures/toys.sql': 'SELECT 2;\n' });
    expect(own.dryRun!.migrations.at(-1)!.error).toMatchObject({ line: 3 });
    expect(own.dryRun!.migrations.at(-1)!.error!.file).toBeUndefined();
  });

  test('one `graphile-migrate commit` refuses still runs, twice, as watch runs it: the refusal is its only finding', async () => {
    // pg-minify, which commit reads the body with, knows no dollar quotes; PostgreSQL and watch take it.
    const report = await gate({ 'migrations/current.sql': "--! Message: people\nCOMMENT ON TABLE people IS $$It's people$$;\n" });
    expect(runs(report).at(-1)).toEqual(['migrations/current.sql', 'applied', null]);
    expect(report.dryRun!.migrations.at(-1)!.rerun).toBe('applied');
    expect(report.findings.map((f) => [f.rule, f.file, f.line, f.column])).toEqual([['syntax-error', 'migrations/current.sql', 2, 'COMMENT ON TABLE people IS $$It'.length + 1]]);
    expect(report.findings[0]!.message).toMatch(/^`graphile-migrate commit` refuses current\.sql, which `watch` still runs: "Error parsing SQL at \{line:1,col:32\}: Unclosed text block\."/);
  });

  test("a lock it takes on an existing table is, in the dry-run's entry and in the finding, at the file and line it was written at", async () => {
    // Joined, the ALTER is line 7 of the body watch runs; in the fixture's case, line 4 of current.sql with its include expanded.
    const lock = { relation: 'public.people', mode: 'AccessExclusiveLock' };
    const folder = await gate({
      'migrations/current/1-pets.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-people.sql': '-- a nickname\n\nALTER TABLE people ADD COLUMN IF NOT EXISTS nick text;\n',
    });
    expect(folder.dryRun!.migrations.at(-1)!.locks).toEqual([{ ...lock, line: 3, file: 'migrations/current/2-people.sql' }]);
    expect(folder.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['dangerous-lock', 'migrations/current/2-people.sql', 3]]);
    const included = await gate({
      'migrations/current.sql': 'SELECT 1;\n--!include nick.sql\n',
      'migrations/fixtures/nick.sql': '-- a nickname\nALTER TABLE people ADD COLUMN IF NOT EXISTS nick text;\n',
    });
    expect(included.dryRun!.migrations.at(-1)!.locks).toEqual([{ ...lock, line: 2, file: 'migrations/fixtures/nick.sql' }]);
    expect(included.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['dangerous-lock', 'migrations/fixtures/nick.sql', 2]]);
    // In current.sql itself, the line is the file's own, and no other file is named.
    const own = await gate({ 'migrations/current.sql': 'SELECT 1;\n--!include none.sql\nALTER TABLE people ADD COLUMN IF NOT EXISTS nick text;\n', 'migrations/fixtures/none.sql': 'SELECT 2;\n' });
    expect(own.dryRun!.migrations.at(-1)!.locks).toEqual([{ ...lock, line: 3 }]);
  });

  test("a file of current/ that ends without `;` fails where graphile-migrate joins it to the next, at the next file's own line", async () => {
    // Each file runs on its own; joined into one query (readCurrentMigration), the server stops at the second's first word.
    const report = await gate({
      'migrations/current/1-a.sql': 'create table if not exists a(id int)\n',
      'migrations/current/2-b.sql': 'create index if not exists a_idx on a(id);\n',
    });
    expect(runs(report).at(-1)).toEqual(['migrations/current', 'failed', '42601']);
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.column])).toEqual([
      ['dry-run-failed', 'error', 'migrations/current/2-b.sql', 1, 1],
      ['syntax-error', 'error', 'migrations/current/2-b.sql', 1, 1],
    ]);
    expect(report.verdict).toBe('fail');
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

describe('in a pull request, the current migration the base already failed with', () => {
  // The base's current.sql fails when watch runs it again; the pull request (head) leaves it as it was.
  const base = { 'migrations/committed/000001.sql': first.text, 'migrations/current.sql': 'CREATE TABLE pets (id int);\n' };
  async function pr(head: Tree): Promise<Report> {
    const { root, baseSha } = makeGitRepo(base, head);
    try {
      return await runGate(await resolveOptions({ root, base: baseSha, preset: 'graphile-migrate', paths: ['migrations/committed'], engine: 'pglite' }));
    } finally {
      removeTree(root);
    }
  }
  const said = (report: Report) => report.findings.map((f) => [f.rule, f.severity, f.file, f.message.replace(/: Not idempotent.*/, '')]);

  test('unchanged, in a pull request that adds no committed migration, is a warning that says so: it does not fail it', async () => {
    const report = await pr({ 'README.md': 'unrelated\n' });
    expect(said(report)).toEqual([['not-rerunnable', 'warning', 'migrations/current.sql', expect.stringMatching(/^Already on [0-9a-f]+ before this pull request, so it does not fail it$/)]]);
    expect(report.verdict).toBe('pass');
  });

  test('changed, or after a committed migration the pull request adds, fails it as before', async () => {
    const changed = await pr({ 'migrations/current.sql': 'CREATE TABLE pets (id int);\nSELECT 1;\n' });
    expect(changed.findings.map((f) => [f.rule, f.severity, f.file])).toEqual([['non-idempotent', 'error', 'migrations/current.sql']]);
    const added = await pr({ 'migrations/committed/000002.sql': commit('CREATE TABLE IF NOT EXISTS toys (id int);\n', first.hash).text });
    expect(said(added)).toEqual([['not-rerunnable', 'error', 'migrations/current.sql', expect.stringMatching(/^Not idempotent/)]]);
    expect(added.verdict).toBe('fail');
  });
});
