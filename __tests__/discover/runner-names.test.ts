// Under a runner's preset a file name is read as that runner reads it (sqlx, golang-migrate, dbmate, goose, the Supabase
// CLI, node-pg-migrate): a name it skips is an invalid-name finding that says so, one it refuses says its command fails
// with the runner's words, and the advice lists only that runner's names. A file where the runner never looks (a
// subfolder's, under those runners; one beside the folders, under diesel) is never applied, and says so.

import { discover } from '../../src/discover/index.js';
import { runCliIn } from '../support/cli.js';
import type { Report } from '../../src/report/report.js';
import type { GateOptions, PresetName } from '../../src/options.js';
import { testOptions } from '../support/options.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

function tree(files: Tree): string {
  const root = makeTree(files);
  roots.push(root);
  return root;
}

function run(files: Tree, preset: PresetName, folder: GateOptions['folders'][number] = { path: 'migrations' }) {
  return discover(testOptions({ root: tree(files), folders: [folder], preset }));
}

/** The JSON report and exit code of `check --all` on the embedded engine, run in-process on `files`. */
async function check(files: Tree, folder: string, preset: PresetName): Promise<{ code: number; report: Report }> {
  const { code, report } = await runCliIn(tree(files), ['check', folder, '--all', '--preset', preset, '--engine', 'pglite', '--format', 'json']);
  return { code, report: report! };
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
    const { code, report } = await check(files, 'migrations', 'sqlx');
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

test('Flyway skips a name no prefix of it reads, saying so only at INFO, and fails on it under validateMigrationNaming (ResourceNameValidator)', () => {
  const r = run({ 'migrations/V1__init.sql': 'select 1;', 'migrations/v2__lower.sql': 'select 1;', 'migrations/V4_single.sql': 'select 1;' }, 'flyway');
  expect(versions(r)).toEqual(['1|init']);
  const flyway =
    ': by default Flyway skips it, logging only "SQL migrations were detected but not run because they did not follow the filename convention", so it is never applied; ' +
    'with validateMigrationNaming=true, `flyway migrate` fails on it with "Invalid SQL filenames found", before it applies any migration';
  const expected = 'V<version>__name.sql (U<version>__name.sql to undo one, R__name.sql for a repeatable one)';
  expect(r.findings.map((f) => f.message).sort()).toEqual([`V4_single.sql is not a migration name to Flyway (${expected})${flyway}`, `v2__lower.sql is not a migration name to Flyway (${expected})${flyway}`]);
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

describe('the Supabase CLI: ^([0-9]+)_(.*)\\.sql$ (pkg/migration/file.go), the rest skipped with a warning (ListLocalMigrations)', () => {
  const files = {
    'supabase/migrations/20240101120000_create_profiles.sql': 'CREATE TABLE profiles (id uuid PRIMARY KEY);\n',
    'supabase/migrations/20240102_add_avatars.sql': 'ALTER TABLE profiles ADD COLUMN avatar_url text;\n',
    'supabase/migrations/20240103-profiles-rls.sql': 'ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;\n',
    'supabase/migrations/seed.sql': "INSERT INTO profiles VALUES ('00000000-0000-0000-0000-000000000001');\n",
  };
  const advice = 'rename it to <version>_<name>.sql, its version only digits (such as a timestamp), or move it out of supabase/migrations';

  test('a name without digits and `_` first is skipped, in the CLI\'s words', () => {
    const r = run(files, 'supabase', { path: 'supabase/migrations' });
    expect(versions(r)).toEqual(['20240101120000|create_profiles', '20240102|add_avatars']);
    expect(named(r)).toEqual(
      ['20240103-profiles-rls.sql', 'seed.sql'].map((f) => [
        'invalid-name',
        `supabase/migrations/${f}`,
        `${f} is not a migration name to the Supabase CLI (<version>_<name>.sql, its version only digits (such as a timestamp)): ` +
          `\`supabase db push\` skips it with "Skipping migration ${f}... (file name must match pattern "<timestamp>_name.sql")", so it is never applied`,
        advice,
      ]),
    );
  });

  test('the dry-run applies only what the CLI applies: not a skipped name, not a subfolder\'s migration.sql', async () => {
    const { code, report } = await check(
      { ...files, 'supabase/migrations/20240104120000_posts/migration.sql': 'CREATE TABLE posts (id int);\n' },
      'supabase/migrations',
      'supabase',
    );
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.rule === 'invalid-name').map((f) => f.file)).toEqual([
      'supabase/migrations/20240103-profiles-rls.sql',
      'supabase/migrations/20240104120000_posts/migration.sql',
      'supabase/migrations/seed.sql',
    ]);
    expect(report.dryRun?.migrations.map((m) => [m.file, m.status])).toEqual([
      ['supabase/migrations/20240101120000_create_profiles.sql', 'applied'],
      ['supabase/migrations/20240102_add_avatars.sql', 'applied'],
    ]);
  });
});

describe('node-pg-migrate 9: every file not starting with `.`, ordered by its leading digits (getNumericPrefix, getMigrationFilePaths)', () => {
  const files = {
    'migrations/1700000000000_create-users.sql': '-- Up Migration\nCREATE TABLE users (id serial PRIMARY KEY);\n-- Down Migration\nDROP TABLE users;\n',
    'migrations/1700000000001_users-email.sql': '-- Up Migration\nALTER TABLE users ADD COLUMN email text;\n',
    'migrations/add_users_name.sql': '-- Up Migration\nALTER TABLE users ADD COLUMN name text;\n',
    'migrations/.1700000000002_draft.sql': '-- Up Migration\nALTER TABLE users ADD COLUMN draft text;\n',
  };
  const advice = 'rename it to <version><anything>.sql, its leading digits the version, or move it out of migrations';

  test('a name without leading digits is refused, a hidden file ignored', () => {
    const r = run(files, 'node-pg-migrate');
    expect(versions(r)).toEqual(['1700000000000|create-users', '1700000000001|users-email']);
    expect(named(r)).toEqual([
      [
        'invalid-name',
        'migrations/.1700000000002_draft.sql',
        '.1700000000002_draft.sql is not a migration name to node-pg-migrate (<version><anything>.sql, its leading digits the version), so node-pg-migrate ignores it: it is never applied',
        advice,
      ],
      [
        'invalid-name',
        'migrations/add_users_name.sql',
        'add_users_name.sql is a name node-pg-migrate refuses: `node-pg-migrate up` fails on it with "Error loading migration files: Cannot determine numeric prefix for "add_users_name.sql"", before it applies any migration',
        advice,
      ],
    ]);
    // Leading digits are enough, with or without a separator after them.
    expect(versions(run({ 'migrations/001users.sql': 'select 1;', 'migrations/002-index.sql': 'select 1;' }, 'node-pg-migrate'))).toEqual(['001|users', '002|index']);
    // Its default loader runs each .sql file as a migration of its own: a .down.sql too, and before its .up.sql.
    const pair = run({ 'migrations/1_users.up.sql': 'CREATE TABLE users (id int);\n', 'migrations/1_users.down.sql': 'DROP TABLE users;\n' }, 'node-pg-migrate');
    expect(pair.migrations.map((m) => [m.file, m.downFile])).toEqual([
      ['migrations/1_users.down.sql', undefined],
      ['migrations/1_users.up.sql', undefined],
    ]);
  });

  test('a file that is no .sql file and has no numeric prefix (a README.md) is refused too; a numbered JS migration is one, in code; a hidden file is nothing', () => {
    const others = {
      'migrations/1700000000000_create-users.sql': '-- Up Migration\nCREATE TABLE users (id serial PRIMARY KEY);\n',
      'migrations/1700000000200_seed.js': 'exports.up = (pgm) => {};\n',
      'migrations/README.md': '# migrations\n',
      'migrations/.gitkeep': '',
    };
    const r = run(others, 'node-pg-migrate');
    expect(versions(r)).toEqual(['1700000000000|create-users', '1700000000200|seed']);
    expect(named(r)).toEqual([
      [
        'invalid-name',
        'migrations/README.md',
        'README.md is a name node-pg-migrate refuses: `node-pg-migrate up` fails on it with "Error loading migration files: Cannot determine numeric prefix for "README.md"", before it applies any migration',
        advice,
      ],
    ]);
    expect(r.refusedNames.map((n) => n.file)).toEqual(['migrations/README.md']);
    // Another runner reads .sql files alone: the README is nothing to it.
    expect(named(run(others, 'dbmate'))).toEqual([]);
  });

  test('the dry-run applies none of the folder, as node-pg-migrate fails while it loads the files', async () => {
    const { code, report } = await check(files, 'migrations', 'node-pg-migrate');
    expect(code).toBe(1);
    const refused = report.findings.find((f) => f.file === 'migrations/add_users_name.sql')!;
    expect(report.dryRun?.migrations.map((m) => [m.file, m.status, m.reason])).toEqual(
      ['1700000000000_create-users.sql', '1700000000001_users-email.sql'].map((f) => [`migrations/${f}`, 'skipped', `not run: migrations/${refused.message}`]),
    );
  });
});

describe('a subfolder\'s up.sql or migration.sql: runners that read only the files of their folder never apply it', () => {
  const cases: Array<[PresetName, string, string]> = [
    ['sqlx', '20240101000000_users.sql', '<version>_<description>.sql (or .up.sql and .down.sql)'],
    ['golang-migrate', '000001_users.up.sql', '<version>_<name>.up.sql and <version>_<name>.down.sql'],
    ['dbmate', '20240101000000_users.sql', '<version><anything>.sql, its leading digits the version'],
    ['goose', '00001_users.sql', '<version>_<name>.sql, its version a number from 1'],
    ['supabase', '20240101000000_users.sql', '<version>_<name>.sql, its version only digits (such as a timestamp)'],
    ['node-pg-migrate', '1700000000000_users.sql', '<version><anything>.sql, its leading digits the version'],
  ];
  test.each(cases)('%s', (preset, top, expected) => {
    const runner = preset === 'supabase' ? 'the Supabase CLI' : preset;
    const r = run(
      {
        [`migrations/${top}`]: 'CREATE TABLE users (id int);\n',
        'migrations/20240201000000_posts/up.sql': 'CREATE TABLE posts (id int);\n',
        'migrations/20240301000000_tags/migration.sql': 'CREATE TABLE tags (id int);\n',
      },
      preset,
    );
    expect(r.migrations.map((m) => m.file)).toEqual([`migrations/${top}`]);
    expect(named(r)).toEqual(
      ['20240201000000_posts/up.sql', '20240301000000_tags/migration.sql'].map((f) => [
        'invalid-name',
        `migrations/${f}`,
        `${f} is in a subfolder, and ${runner} reads only the files directly in migrations: it is never applied`,
        `make it migrations/${expected}, or move it out of migrations`,
      ]),
    );
  });

  test('the generic preset, whose runner is unknown, still takes a folder per migration', () => {
    expect(versions(run({ 'migrations/20240201000000_posts/up.sql': 'select 1;' }, 'generic'))).toEqual(['20240201000000|posts']);
  });
});

test('diesel reads only the folders of its migrations folder (migrations_directories): a .sql file beside them is never applied', () => {
  const files = {
    'migrations/2024-01-01-000000_create_users/up.sql': 'CREATE TABLE users (id int);\n',
    'migrations/2024-02-01-000000_create_posts.sql': 'CREATE TABLE posts (id int);\n',
  };
  const finding = [
    'invalid-name',
    'migrations/2024-02-01-000000_create_posts.sql',
    '2024-02-01-000000_create_posts.sql is directly in migrations, and diesel reads only the folders in it: it is never applied',
    'make it migrations/<version>_<name>/up.sql, or move it out of migrations',
  ];
  const r = run(files, 'diesel');
  expect(versions(r)).toEqual(['20240101000000|create_users']);
  expect(named(r)).toEqual([finding]);
  // A folder configured with a file scheme does not make diesel read its files.
  const loose = run({ 'migrations/20240201000000_create_posts.sql': 'select 1;' }, 'diesel', { path: 'migrations', scheme: 'timestamp' });
  expect(loose.migrations).toEqual([]);
  expect(loose.findings.map((f) => f.message)).toEqual([
    '20240201000000_create_posts.sql is directly in migrations, and diesel reads only the folders in it: it is never applied',
  ]);
});

describe('dbmate applies the files in name order (FindMigrations sorts by FileName)', () => {
  test('the dry-run runs 20240101000000_b.sql before 20240101_a.sql, and fails where dbmate fails', async () => {
    const { report } = await check(
      {
        'db/migrations/20240101_a.sql': '-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\n',
        'db/migrations/20240101000000_b.sql': '-- migrate:up\nALTER TABLE a ADD COLUMN x int;\n-- migrate:down\n',
      },
      'db/migrations',
      'dbmate',
    );
    expect(report.migrations.map((m) => m.file)).toEqual(['db/migrations/20240101000000_b.sql', 'db/migrations/20240101_a.sql']);
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([
      ['db/migrations/20240101000000_b.sql', 'failed'],
      ['db/migrations/20240101_a.sql', 'skipped'],
    ]);
  });
});
