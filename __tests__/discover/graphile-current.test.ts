// graphile-migrate's current.sql (or current/) beside committed/ is read as its current.ts reads it, and linted: `watch`
// runs it again on every save, so a statement that breaks on a second run is an error there, whatever the configured
// severity. It has no version: the set rules never count it. In PR mode it is linted when new or changed against the base.

import { runCliIn } from '../support/cli.js';
import { commit } from '../support/graphile.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

const first = commit('CREATE TABLE IF NOT EXISTS people (id int PRIMARY KEY);\n', null);

async function check(files: Tree, extra: string[] = []) {
  const root = makeTree({ 'migrations/committed/000001.sql': first.text, ...files });
  roots.push(root);
  return runCliIn(root, ['check', 'migrations/committed', '--preset', 'graphile-migrate', '--no-dry-run', '--format', 'json', ...extra]);
}

describe("graphile-migrate's current migration, static", () => {
  it('is reported with status current; an idempotent one passes', async () => {
    const { code, report } = await check({ 'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n' });
    expect(code).toBe(0);
    expect(report!.migrations.map((m) => [m.file, m.version, m.status])).toEqual([
      ['migrations/committed/000001.sql', '000001', 'pending'],
      ['migrations/current.sql', '', 'current'],
    ]);
    expect(report!.summary.pending).toBe(1);
  });

  it('CREATE TABLE without IF NOT EXISTS is a non-idempotent error there, even configured as a warning, said in graphile-migrate’s terms', async () => {
    const files = { 'migrations/current.sql': '-- Enter migration here\nCREATE TABLE pets (id int);\n', '.migration-gate.yml': 'rules:\n  non-idempotent: warning\n' };
    const { code, report } = await check(files);
    expect(code).toBe(1);
    expect(report!.findings.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([['non-idempotent', 'error', 'migrations/current.sql', 2]]);
    expect(report!.findings[0]!.message).toMatch(/^`graphile-migrate watch` runs current\.sql again on every save, so it must be idempotent: /);
    expect(report!.findings[0]!.fix?.replacement).toContain('CREATE TABLE IF NOT EXISTS pets');
    // The committed files keep the configured severity.
    const committed = await check({ 'migrations/committed/000001.sql': commit('CREATE TABLE people (id int);\n', null).text, '.migration-gate.yml': files['.migration-gate.yml'] });
    expect(committed.report!.findings.map((f) => [f.rule, f.severity])).toEqual([['non-idempotent', 'warning']]);
  });

  it('is no part of the set rules: no version, no order, no history (an uncommitted file is only missing)', async () => {
    const { root, baseSha } = makeGitRepo(
      { 'migrations/committed/000001.sql': first.text, 'migrations/current.sql': '-- Enter migration here\n' },
      // `graphile-migrate uncommit`: the body back in current.sql, the committed file gone.
      { 'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS people (id int PRIMARY KEY);\n' },
      ['migrations/committed/000001.sql'],
    );
    roots.push(root);
    const { report } = await runCliIn(root, ['check', 'migrations/committed', '--base', baseSha, '--preset', 'graphile-migrate', '--no-dry-run', '--format', 'json']);
    expect(report!.findings.map((f) => [f.rule, f.file])).toEqual([['missing-migration', 'migrations/committed/000001.sql']]);
    expect(report!.findings[0]!.message).not.toContain('current.sql');
  });

  it("reads current/'s files by their number as a value; refuses what graphile-migrate refuses, in its words", async () => {
    // One body, one migration (readCurrentMigration): the folder is its row; a finding and its fix are at the file's own line.
    const folder = await check({ 'migrations/current/10-b.sql': '\n-- b\nCREATE TABLE b (id int);\n', 'migrations/current/2-a.sql': 'SELECT 1;\n' });
    expect(folder.report!.migrations.map((m) => [m.file, m.version, m.status]).slice(1)).toEqual([['migrations/current', '', 'current']]);
    expect(folder.report!.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.fix?.line ?? null])).toEqual([['non-idempotent', 'error', 'migrations/current/10-b.sql', 3, 3]]);
    expect(folder.report!.findings[0]!.message).toMatch(/^`graphile-migrate watch` runs current\/ again/);
    expect(folder.report!.findings[0]!.fix!.replacement).toBe('CREATE TABLE IF NOT EXISTS b (id int);');

    const both = await check({ 'migrations/current.sql': 'SELECT 1;\n', 'migrations/current/1.sql': 'SELECT 1;\n' });
    expect(both.report!.findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        'unreadable-file',
        'migrations/current.sql',
        "graphile-migrate refuses to read its current migration, so `graphile-migrate watch` runs none of it: \"Invalid current migration: both the 'migrations/current.sql' file and the 'migrations/current' directory exist; only one of these may exist at a time.\"",
      ],
    ]);
    const named = await check({ 'migrations/current/1.sql': 'SELECT 1;\n', 'migrations/current/01-again.sql': 'SELECT 1;\n', 'migrations/current/x.sql': 'SELECT 1;\n' });
    expect(named.report!.findings.map((f) => [f.rule, f.file])).toEqual([['invalid-name', 'migrations/current/1.sql']]);
    expect(named.report!.findings[0]!.message).toContain("Current migration filename clash: files must have a unique numeric prefix, but at least 2 files ('1.sql' and '01-again.sql') have the prefix '1'.");
    expect(named.report!.migrations).toHaveLength(1);
    const opted = await check({ 'migrations/current/1.sql': '--! no-transaction\nSELECT 1;\n' });
    expect(opted.report!.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['unreadable-file', 'migrations/current/1.sql', 1]]);
    expect(opted.report!.findings[0]!.message).toContain("cannot use '--! no-transaction' with 'current/' directory migrations; use 'current.sql' instead.");
    // parseMigrationText trims the body after the headers: its first line is the first one that is not blank.
    const after = await check({ 'migrations/current/1.sql': 'SELECT 1;\n', 'migrations/current/2.sql': '--! Message: x\n\n--! no-transaction\nSELECT 1;\n' });
    expect(after.report!.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['unreadable-file', 'migrations/current/2.sql', 3]]);
  });

  it("parses current/'s files joined as watch runs them: a file that ends without `;` breaks the next, at that file's own line", async () => {
    // Each on its own parses; joined (graphile/migrate src/current.ts readCurrentMigration) the first runs into the second.
    const { code, report } = await check({
      'migrations/current/1-a.sql': '--! Message: tables\n\ncreate table if not exists a(id int)\n',
      'migrations/current/2-b.sql': '-- the index\ncreate index if not exists a_idx on a(id);\n',
    });
    expect(code).toBe(1);
    expect(report!.findings.map((f) => [f.rule, f.file, f.line, f.column, f.message])).toEqual([
      ['syntax-error', 'migrations/current/2-b.sql', 2, 1, 'Syntax error: syntax error at or near "create".'],
    ]);
    const ended = await check({
      'migrations/current/1-a.sql': '--! Message: tables\n\ncreate table if not exists a(id int);\n',
      'migrations/current/2-b.sql': '-- the index\ncreate index if not exists a_idx on a(id);\n',
    });
    expect(ended.report!.findings).toEqual([]);
  });

  it('advises the opt-out graphile-migrate reads in current.sql: its very first line, no headers', async () => {
    const { report } = await check({ 'migrations/current.sql': '--! Message: x\n--! no-transaction\ncreate index concurrently if not exists people_idx on people (id);\n' });
    expect(report!.findings.map((f) => [f.rule, f.file, f.line, f.suggestion])).toEqual([
      ['transaction-unsafe', 'migrations/current.sql', 3, 'Make `--! no-transaction` the very first line of current.sql (graphile-migrate reads no headers there).'],
    ]);
    // There it is read, and the statement may run outside a transaction.
    const first = await check({ 'migrations/current.sql': '--! no-transaction\ncreate index concurrently if not exists people_idx on people (id);\n' });
    expect(first.report!.findings).toEqual([]);
    // A committed file keeps its headers first.
    const committed = await check({ 'migrations/committed/000001.sql': commit('CREATE INDEX CONCURRENTLY IF NOT EXISTS people_idx ON people (id);\n', null).text });
    expect(committed.report!.findings.map((f) => f.suggestion)).toEqual(['Make `--! no-transaction` the first line after the headers.']);
  });

  it("refuses a current.sql that is no file and a current that is no folder, in graphile-migrate's words", async () => {
    const root = makeTree({ 'migrations/committed/000001.sql': first.text, 'migrations/current.sql/001.sql': 'CREATE TABLE pets (id int);\n' });
    roots.push(root);
    const folder = await runCliIn(root, ['check', 'migrations/committed', '--preset', 'graphile-migrate', '--no-dry-run', '--format', 'json']);
    expect(folder.code).toBe(1);
    expect(folder.report!.findings.map((f) => [f.rule, f.file, f.line, f.message])).toEqual([
      [
        'unreadable-file',
        'migrations/current.sql',
        0,
        "graphile-migrate refuses to read its current migration, so `graphile-migrate watch` runs none of it: \"'migrations/current.sql' exists but is not a file.\"",
      ],
    ]);
    expect(folder.report!.migrations).toHaveLength(1);
    const file = await check({ 'migrations/current': 'CREATE TABLE pets (id int);\n' });
    expect(file.report!.findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        'unreadable-file',
        'migrations/current',
        "graphile-migrate refuses to read its current migration, so `graphile-migrate watch` runs none of it: \"'migrations/current' exists but is not a directory.\"",
      ],
    ]);
  });

  it('is linted with its `--!include`s expanded; a finding in a fixture points at its own line there', async () => {
    const { code, report } = await check({
      'migrations/current.sql': 'SELECT 1;\n--!include functions/pets.sql\nCREATE TABLE toys (id int);\n',
      'migrations/fixtures/functions/pets.sql': '\n  CREATE TABLE pets (id int);\n',
    });
    expect(code).toBe(1);
    expect(report!.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.column, f.fix?.line ?? null])).toEqual([
      ['non-idempotent', 'error', 'migrations/current.sql', 3, 1, 3],
      ['non-idempotent', 'error', 'migrations/fixtures/functions/pets.sql', 2, 3, null],
    ]);
    expect(report!.findings[0]!.fix!.replacement).toBe('CREATE TABLE IF NOT EXISTS toys (id int);');
    expect(report!.findings[1]!.message).toMatch(/CREATE TABLE.*\(migrations\/fixtures\/functions\/pets\.sql is included by the `--!include` at migrations\/current\.sql:2\)$/);
    // A fixture's own include is expanded too; its lines keep the include of current.sql that brought them in.
    const nested = await check({
      'migrations/current/1.sql': '--!include a.sql\n',
      'migrations/fixtures/a.sql': 'SELECT 1;\n--!include b.sql\n',
      'migrations/fixtures/b.sql': 'CREATE TABLE b (id int);\n',
    });
    expect(nested.report!.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['non-idempotent', 'migrations/fixtures/b.sql', 1]]);
    expect(nested.report!.findings[0]!.message).toContain('(migrations/fixtures/b.sql is included by the `--!include` at migrations/current/1.sql:1)');
  });

  it("refuses what graphile-migrate's compileIncludes refuses, in its words, at the include", async () => {
    const said = async (files: Tree) => {
      const { report } = await check(files);
      expect(report!.migrations).toHaveLength(1);
      return report!.findings.map((f) => [f.rule, f.file, f.line, f.message.replace(/^graphile-migrate refuses to read its current migration, so `graphile-migrate watch` runs none of it: /, '')]);
    };
    expect(await said({ 'migrations/current.sql': 'SELECT 1;\n--!include a.sql\n' })).toEqual([
      ['unreadable-file', 'migrations/current.sql', 2, `"File contains '--!include' but fixtures folder 'migrations/fixtures' doesn't exist?"`],
    ]);
    expect(await said({ 'migrations/current.sql': 'SELECT 1;\n--!include nope.sql\n', 'migrations/fixtures/a.sql': 'SELECT 1;\n' })).toEqual([
      ['unreadable-file', 'migrations/current.sql', 2, `"Include of 'nope.sql' failed because 'migrations/fixtures/nope.sql' doesn't seem to exist?"`],
    ]);
    expect(await said({ 'migrations/current.sql': 'SELECT 1;\n--!include a.sql\n', 'migrations/fixtures/a.sql': 'SELECT 2;\n--!include b.sql\n', 'migrations/fixtures/b.sql': '--!include a.sql\n' })).toEqual([
      [
        'unreadable-file',
        'migrations/fixtures/b.sql',
        1,
        "\"Circular include detected - 'migrations/fixtures/a.sql' is included again! Import statement: `--!include a.sql`; trace: migrations/fixtures/b.sql, migrations/fixtures/a.sql, migrations/current.sql\"",
      ],
    ]);
    expect(await said({ 'migrations/current.sql': '--!include ../committed/000001.sql\n', 'migrations/fixtures/a.sql': '' })).toEqual([
      ['unreadable-file', 'migrations/current.sql', 1, `"Forbidden: cannot include path 'migrations/committed/000001.sql' because it's not inside 'migrations/fixtures'"`],
    ]);
    expect(await said({ 'migrations/current.sql': 'SELECT 1;\n--! Included a.sql\n' })).toEqual([
      ['unreadable-file', 'migrations/current.sql', 2, '"`--! Included` / `--! EndIncluded` comments not allowed in user migrations. Use `--!include` instead."'],
    ]);
  });

  it("refuses a header a file of current/ gives twice, and a file numbered 0, as readCurrentMigration refuses them, in its words", async () => {
    const twice = await check({ 'migrations/current/1.sql': 'SELECT 1;\n', 'migrations/current/2-pets.sql': '--! Message: pets\n--! Message: toys\nCREATE TABLE IF NOT EXISTS pets (id int);\n' });
    expect(twice.code).toBe(1);
    expect(twice.report!.findings.map((f) => [f.rule, f.file, f.line, f.message, f.suggestion])).toEqual([
      [
        'unreadable-file',
        'migrations/current/2-pets.sql',
        2,
        "graphile-migrate refuses to read its current migration, so `graphile-migrate watch` runs none of it: \"Invalid migration 'migrations/current/2-pets.sql': header 'Message' is specified more than once\"",
        'keep one `--! Message` line: graphile-migrate reads a header once in a file',
      ],
    ]);
    // Refused, it is not linted nor run: only the committed migration is in the report.
    expect(twice.report!.migrations.map((m) => m.file)).toEqual(['migrations/committed/000001.sql']);
    const zero = await check({ 'migrations/current/000.sql': 'SELECT 1;\n' });
    expect(zero.report!.findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        'invalid-name',
        'migrations/current/000.sql',
        "graphile-migrate refuses to read its current migration, so `graphile-migrate watch` runs none of it: \"Invalid current migration filename: '000.sql'. File must start with a (positive) number, could not coerce '000' to int.\"",
      ],
    ]);
  });

  it('says where `graphile-migrate commit` refuses what watch runs: a header two files of current/ both give, or current.sql gives twice', async () => {
    // readCurrentMigration puts every file's headers on top of the joined body; commit reads them (parseMigrationText) and stops.
    const { code, report } = await check({
      'migrations/current/1-pets.sql': '--! Message: pets\n\nCREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-toys.sql': '-- toys\n--! Message: toys\nCREATE TABLE IF NOT EXISTS toys (id int);\n',
      'migrations/current/3-more.sql': '--! Message: more\nCREATE TABLE IF NOT EXISTS more (id int);\n',
    });
    expect(code).toBe(1);
    expect(report!.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.message, f.suggestion])).toEqual([
      [
        'syntax-error',
        'error',
        'migrations/current/3-more.sql',
        1,
        "`graphile-migrate commit` refuses current/, which `watch` still runs: \"Invalid migration 'migrations/current': header 'Message' is specified more than once\" (graphile-migrate puts the headers of all the files of current/ on top of the body it joins).",
        'keep `--! Message` in one file of current/',
      ],
    ]);
    // watch still runs it: it is linted (and dry-run) as before.
    expect(report!.migrations.map((m) => [m.file, m.status]).at(-1)).toEqual(['migrations/current', 'current']);
    const file = await check({ 'migrations/current.sql': '--! Message: pets\n--! Message: toys\nCREATE TABLE IF NOT EXISTS pets (id int);\n' });
    expect(file.report!.findings.map((f) => [f.rule, f.file, f.line, f.message, f.suggestion])).toEqual([
      [
        'syntax-error',
        'migrations/current.sql',
        2,
        "`graphile-migrate commit` refuses current.sql, which `watch` still runs: \"Invalid migration 'migrations/current.sql': header 'Message' is specified more than once\".",
        'keep one `--! Message` line',
      ],
    ]);
  });

  it("a `--! split:` line written in a file of current/ is where uncommit would cut it, or stop half-way, in graphile-migrate's words", async () => {
    // graphile-migrate writes this line before each file when it joins them, and cuts the body at each such line to write current/ back.
    const cut = await check({ 'migrations/current/1.sql': 'SELECT 1;\n', 'migrations/current/3.sql': 'SELECT 3;\n--! split: 7-toys.sql\nSELECT 7;\n' });
    expect(cut.code).toBe(1);
    expect(cut.report!.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.column, f.message, f.suggestion])).toEqual([
      [
        'syntax-error',
        'error',
        'migrations/current/3.sql',
        2,
        1,
        '`--! split: 7-toys.sql` is the line graphile-migrate writes before each file of current/ when it joins them: `graphile-migrate uncommit`, and a `commit` that fails, write current/ back by cutting the body at each such line, so this one would cut 3.sql in two, the lines below it going to a new file 7-toys.sql.',
        'remove this line: graphile-migrate writes the `--! split` lines itself (to make a file of the SQL below it, move that SQL into a new file of current/)',
      ],
    ]);
    expect(cut.report!.migrations.at(-1)!.file).toBe('migrations/current');
    // A line naming a file numbered at or below one before it stops the write (writeCurrentMigration), as graphile-migrate 2.0.0-rc.3 does.
    const stops = await check({ 'migrations/current/1.sql': 'SELECT 1;\n', 'migrations/current/2.sql': '--! split: 1.sql\nSELECT 2;\n' });
    expect(stops.report!.findings.map((f) => [f.file, f.line, f.message.replace(/^.* so /, '')])).toEqual([
      [
        'migrations/current/2.sql',
        1,
        "at this one they stop half-way (\"Bad migration, split ids must be monotonically increasing, but '1' (from '1.sql') <= '2' (from '2.sql').\") and current/ is not written back as it was.",
      ],
    ]);
    // current.sql is written back whole, and a line that is not the one graphile-migrate writes cuts nothing.
    const whole = await check({ 'migrations/current.sql': 'SELECT 1;\n--! split: 1.sql\nSELECT 2;\n' });
    expect(whole.report!.findings).toEqual([]);
    const other = await check({ 'migrations/current/1.sql': 'SELECT 1;\n-- split: 2.sql\n--! split: notes.sql\nSELECT 2;\n' });
    expect(other.report!.findings).toEqual([]);
  });

  it('is absent where there is none, and not read beside a folder that is no committed/', async () => {
    const none = await check({});
    expect(none.report!.migrations.map((m) => m.status)).toEqual(['pending']);
    const root = makeTree({ 'db/000001.sql': first.text, 'current.sql': 'CREATE TABLE x (id int);\n' });
    roots.push(root);
    const elsewhere = await runCliIn(root, ['check', 'db', '--preset', 'graphile-migrate', '--no-dry-run', '--format', 'json']);
    expect(elsewhere.report!.migrations.map((m) => m.file)).toEqual(['db/000001.sql']);
  });
});

describe("graphile-migrate's current migration in PR mode", () => {
  const base = { 'migrations/committed/000001.sql': first.text, 'migrations/current.sql': 'CREATE TABLE pets (id int);\n' };
  const pr = async (head: Tree, extra: string[] = []) => {
    const { root, baseSha } = makeGitRepo(base, head);
    roots.push(root);
    return runCliIn(root, ['check', 'migrations/committed', '--base', baseSha, '--preset', 'graphile-migrate', '--no-dry-run', '--format', 'json', ...extra]);
  };

  it('is linted only when new or changed against the base', async () => {
    const unchanged = await pr({});
    expect(unchanged.report!.findings).toEqual([]);
    expect(unchanged.report!.migrations.map((m) => [m.file, m.status, m.change])).toEqual([
      ['migrations/committed/000001.sql', 'applied', 'unchanged'],
      ['migrations/current.sql', 'current', 'unchanged'],
    ]);
    const changed = await pr({ 'migrations/current.sql': 'CREATE TABLE pets (id int);\nCREATE TABLE toys (id int);\n' });
    expect(changed.report!.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ['non-idempotent', 'error', 1],
      ['non-idempotent', 'error', 2],
    ]);
    expect(changed.report!.migrations.at(-1)!.change).toBe('modified');
    // --all lints it unchanged too.
    const all = await pr({}, ['--all']);
    expect(all.report!.findings.map((f) => [f.rule, f.file])).toEqual([['non-idempotent', 'migrations/current.sql']]);
  });
});
