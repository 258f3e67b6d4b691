// Under a runner's preset a file name is read as that runner reads it (sqlx, golang-migrate, dbmate, goose): a name
// it skips is an invalid-name finding that says so, one it refuses says its command fails with the runner's words, and
// the advice lists only that runner's names.

import { discover } from '../../src/discover/index.js';
import { runCli } from '../../src/cli.js';
import type { Report } from '../../src/report/report.js';
import type { PresetName } from '../../src/options.js';
import { testOptions } from '../support/options.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

function tree(files: Tree): string {
  const root = makeTree(files);
  roots.push(root);
  return root;
}

function run(files: Tree, preset: PresetName) {
  return discover(testOptions({ root: tree(files), folders: [{ path: 'migrations' }], preset }));
}

const versions = (r: ReturnType<typeof run>) => r.migrations.map((m) => `${m.version}|${m.name}`);
const named = (r: ReturnType<typeof run>) => r.findings.map((f) => [f.rule, f.file, f.message, f.suggestion]);

describe('sqlx: splitn(2, "_"), a description ending in .sql, an i64 version (sqlx-core migrate/source.rs)', () => {
  // The QA repro (hunt-s9 sqlx-dash-names): sqlx skips 0002-users-index.sql and fails on 0003-add_email.sql.
  const files = {
    'migrations/0001_users.sql': 'CREATE TABLE users (id int);\n',
    'migrations/0002-users-index.sql': 'CREATE INDEX users_id_idx ON users (id);\n',
    'migrations/0003-add_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n',
  };
  const advice = 'rename it to <version>_<description>.sql (or .up.sql and .down.sql), or move it out of migrations';

  test('a name without `_` is skipped, one whose text before `_` is no integer is refused', () => {
    const r = run(files, 'sqlx');
    expect(versions(r)).toEqual(['0001|users']);
    expect(named(r)).toEqual([
      [
        'invalid-name',
        'migrations/0002-users-index.sql',
        '0002-users-index.sql is not a migration name to sqlx (<version>_<description>.sql (or .up.sql and .down.sql)), so sqlx ignores it: it is never applied',
        advice,
      ],
      [
        'invalid-name',
        'migrations/0003-add_email.sql',
        '0003-add_email.sql is a name sqlx refuses: `sqlx migrate run` fails on it with "error parsing migration filename "0003-add_email.sql"; expected integer version prefix (e.g. `01_foo.sql`)", before it applies any migration',
        advice,
      ],
    ]);
    // Other runners' names are sqlx's refusals too; an up/down pair is one migration, a number past i64 is refused.
    const more = run(
      {
        'migrations/V1__init.sql': 'select 1;',
        'migrations/2_pair.up.sql': 'select 1;',
        'migrations/2_pair.down.sql': 'select 1;',
        'migrations/3_.sql': 'select 1;',
        'migrations/99999999999999999999_big.sql': 'select 1;',
      },
      'sqlx',
    );
    expect(versions(more)).toEqual(['2|pair', '3|']);
    expect(more.migrations[0]!.downFile).toBe('migrations/2_pair.down.sql');
    expect(more.findings.map((f) => [f.file, f.message.split(':')[0]])).toEqual([
      ['migrations/99999999999999999999_big.sql', '99999999999999999999_big.sql is a name sqlx refuses'],
      ['migrations/V1__init.sql', 'V1__init.sql is a name sqlx refuses'],
    ]);
  });

  test('the gate fails on them, and the dry-run applies nothing, as sqlx stops at the name it refuses', async () => {
    let stdout = '';
    const cwd = tree(files);
    const code = await runCli(['check', 'migrations', '--all', '--preset', 'sqlx', '--engine', 'pglite', '--format', 'json'], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      env: {},
      cwd,
      color: false,
    });
    const report = JSON.parse(stdout) as Report;
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.rule === 'invalid-name').map((f) => [f.file, f.severity])).toEqual([
      ['migrations/0002-users-index.sql', 'error'],
      ['migrations/0003-add_email.sql', 'error'],
    ]);
    expect(report.dryRun?.migrations.map((m) => [m.file, m.status, m.reason])).toEqual([
      ['migrations/0001_users.sql', 'skipped', `not run: migrations/${report.findings[1]!.message}`],
    ]);
  });
});

test('golang-migrate skips what its pattern ^([0-9]+)_(.*)\\.(down|up)\\.(.*)$ does not take (source/parse.go, source/iofs)', () => {
  const r = run({ 'migrations/1_users.up.sql': 'select 1;', 'migrations/1_users.down.sql': 'select 1;', 'migrations/2_index.sql': 'select 1;', 'migrations/3-x.up.sql': 'select 1;' }, 'golang-migrate');
  expect(versions(r)).toEqual(['1|users']);
  expect(named(r)).toEqual(
    ['2_index.sql', '3-x.up.sql'].map((f) => [
      'invalid-name',
      `migrations/${f}`,
      `${f} is not a migration name to golang-migrate (<version>_<name>.up.sql and <version>_<name>.down.sql), so golang-migrate ignores it: it is never applied`,
      'rename it to <version>_<name>.up.sql and <version>_<name>.down.sql, or move it out of migrations',
    ]),
  );
});

test('dbmate takes any name of leading digits and .sql (^(\\d+).*\\.sql$), its version those digits, and skips the rest', () => {
  const section = '-- migrate:up\nselect 1;\n-- migrate:down\n';
  const r = run({ 'migrations/001-users.sql': section, 'migrations/002.sql': section, 'migrations/003users.sql': section, 'migrations/V4__x.sql': section }, 'dbmate');
  expect(versions(r)).toEqual(['001|users', '002|', '003|users']);
  expect(named(r)).toEqual([
    [
      'invalid-name',
      'migrations/V4__x.sql',
      'V4__x.sql is not a migration name to dbmate (<version><anything>.sql, its leading digits the version), so dbmate ignores it: it is never applied',
      'rename it to <version><anything>.sql, its leading digits the version, or move it out of migrations',
    ],
  ]);
});

test('goose fails on a .sql file whose text before the first `_` is no number from 1 (NumericComponent, collectMigrationsFS)', () => {
  const up = '-- +goose Up\nselect 1;\n';
  const r = run({ 'migrations/00001_users.sql': up, 'migrations/00002-index.sql': up, 'migrations/0_zero.sql': up, 'migrations/x1_y.sql': up }, 'goose');
  expect(versions(r)).toEqual(['00001|users']);
  expect(r.findings.map((f) => f.message)).toEqual([
    '00002-index.sql is a name goose refuses: `goose up` fails on it with "could not parse SQL migration file "migrations/00002-index.sql": no filename separator \'_\' found", before it applies any migration',
    '0_zero.sql is a name goose refuses: `goose up` fails on it with "could not parse SQL migration file "migrations/0_zero.sql": migration version must be greater than zero", before it applies any migration',
    'x1_y.sql is a name goose refuses: `goose up` fails on it with "could not parse SQL migration file "migrations/x1_y.sql": failed to parse version from migration file: x1_y.sql: strconv.ParseInt: parsing "x1": invalid syntax", before it applies any migration',
  ]);
  expect(r.findings[0]!.suggestion).toBe('rename it to <version>_<name>.sql, its version a number from 1, or move it out of migrations');
});

test("the advice lists the preset's runner's names only; the generic preset lists every scheme", () => {
  const file = { 'migrations/fix_users.sql': 'select 1;' };
  expect(run(file, 'flyway').findings[0]!.suggestion).toBe(
    'rename it to V<version>__name.sql (U<version>__name.sql to undo one, R__name.sql for a repeatable one), or move it out of migrations',
  );
  expect(run(file, 'generic').findings[0]!.suggestion).toBe(
    'rename it to one of NNN_name.sql, YYYYMMDDHHMMSS_name.sql, V<version>__name.sql, R__name.sql, <version>_name.up.sql/.down.sql, or <version>_<name>/migration.sql, or move it out of migrations',
  );
});
