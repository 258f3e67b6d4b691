import { missingMigration } from '../../src/rules/missing-migration.js';
import type { Migration } from '../../src/migration.js';
import type { History } from '../../src/history/history.js';
import { checksum } from '../../src/checksum/index.js';
import { folder, folderMigration, gitBase, migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import type { PresetName } from '../../src/options.js';
import { runCliIn } from '../support/cli.js';
import { makeGitRepo, removeTree } from '../support/repo.js';

const check = (migrations: Migration[], history: History | null) =>
  missingMigration.check({ migrations, history, options: testOptions({ folders: [{ path: 'migrations' }] }) });

const base = folder('migrations', ['001_init.sql', '002_users.sql', '003_orders.sql']);
const without = (file: string) => base.filter((m) => m.file !== file);
const moved = (from: Migration, to: string, content?: string): Migration => migration(to, content ?? from.bytes);

describe('missing-migration against a git base', () => {
  it('a deleted migration', () => {
    expect(check(without('migrations/002_users.sql'), gitBase(base))).toEqual([
      {
        rule: 'missing-migration',
        file: 'migrations/002_users.sql',
        line: 0,
        column: 0,
        message:
          'migrations/002_users.sql is on origin/main but no longer exists. Databases that ran it keep its changes, new databases will not get them, ' +
          'and runners that validate their history (Flyway) stop on it.',
        suggestion: 'Restore it (`git checkout origin/main -- migrations/002_users.sql`); to take its changes back, add a new migration that reverses them.',
      },
    ]);
  });

  it('a renamed file with the same bytes and a new version: "renamed to", on the new file', () => {
    const users = base[1]!;
    const ms = [...without(users.file), moved(users, 'migrations/004_users.sql')];
    expect(check(ms, gitBase(base))).toEqual([
      {
        rule: 'missing-migration',
        file: 'migrations/004_users.sql',
        line: 0,
        column: 0,
        message:
          'migrations/002_users.sql was renamed to migrations/004_users.sql: version 002 became 004, so databases that applied 002 will run it again as 004.',
        suggestion: 'Keep the name it was applied under: `git mv migrations/004_users.sql migrations/002_users.sql`.',
      },
    ]);
  });

  it('node-pg-migrate stops on its order check at a renamed applied migration: it does not run it again unless told to', () => {
    const npm = folder('migrations', ['1700000000000_a.sql', '1700000000100_b.sql']);
    const ms = [npm[0]!, moved(npm[1]!, 'migrations/1700000000300_b.sql')];
    const drafts = missingMigration.check({ migrations: ms, history: gitBase(npm), options: testOptions({ preset: 'node-pg-migrate', folders: [{ path: 'migrations' }] }) });
    expect(drafts.map((d) => d.message)).toEqual([
      'migrations/1700000000100_b.sql was renamed to migrations/1700000000300_b.sql: name 1700000000100_b became 1700000000300_b, so node-pg-migrate ' +
        'no longer finds 1700000000100_b, already run, in its place among the files and stops on its order check ' +
        '("Not run migration … is preceding already run migration …"); with --no-check-order it would run it again as 1700000000300_b.',
    ]);
  });

  it('renamed and edited with the same version: matched by version, says both', () => {
    const ms = [...without('migrations/003_orders.sql'), migration('migrations/003_customer_orders.sql', 'create table orders (id int);\n')];
    const [d] = check(ms, gitBase(base));
    expect(d!.file).toBe('migrations/003_customer_orders.sql');
    expect(d!.message).toBe(
      'migrations/003_orders.sql was renamed and edited to migrations/003_customer_orders.sql (same version 003). Runners that record file names ' +
        '(node-pg-migrate, name-keyed schema_migrations) see a new migration and run it again; Flyway fails validation on the changed description.',
    );
  });

  it('seed 001: renumbering the newer duplicate 003 → 011 is a warning that names the file keeping 003', () => {
    const seed = folder('migrations', ['001_migration_tracking.sql', '003_add_missing_request_columns.sql', '003_add_unread_tracking.sql', '010_x.sql']);
    const unread = seed[2]!;
    const ms = [...seed.filter((m) => m !== unread), moved(unread, 'migrations/011_add_unread_tracking.sql')];
    const [d] = check(ms, gitBase(seed));
    expect(d).toMatchObject({ rule: 'missing-migration', severity: 'warning', file: 'migrations/011_add_unread_tracking.sql' });
    expect(d!.message).toBe(
      'migrations/003_add_unread_tracking.sql was renamed to migrations/011_add_unread_tracking.sql, resolving duplicate version 003 ' +
        '(003_add_missing_request_columns.sql keeps it). A database that applied this file as version 003 will run it again as 011.',
    );
  });

  it('nothing missing, or no history: no findings', () => {
    expect(check([...base, migration('migrations/004_new.sql')], gitBase(base))).toEqual([]);
    expect(check([], null)).toEqual([]);
  });
});

describe('missing-migration against a history table', () => {
  it('a recorded version without a file; a renumbered file found by its recorded checksum', () => {
    const ms = [base[0]!, moved(base[2]!, 'migrations/005_orders.sql')];
    const table: History = {
      source: 'table:public.schema_migrations',
      matchBy: 'version',
      entries: [
        { version: '1', name: 'init', state: 'applied' },
        { version: '2', name: 'users', state: 'applied' },
        { version: '3', name: 'orders', checksum: { algorithm: 'sha256', value: checksum('sha256', base[2]!.bytes) }, state: 'applied' },
      ],
    };
    const drafts = check(ms, table);
    expect(drafts.map((d) => [d.file, d.message])).toEqual([
      [
        'migrations',
        'version 2 (users) is recorded in public.schema_migrations but no longer exists. Databases that ran it keep its changes, ' +
          'new databases will not get them, and runners that validate their history (Flyway) stop on it.',
      ],
      [
        'migrations/005_orders.sql',
        'version 3 (orders) was renamed to migrations/005_orders.sql: version 3 became 005, so databases that applied 3 will run it again as 005.',
      ],
    ]);
  });
});

describe('missing-migration: versions as Prisma and diesel read them', () => {
  const run = (preset: 'prisma' | 'diesel', migrations: Migration[], history: History) =>
    missingMigration.check({ migrations, history, options: testOptions({ preset, folders: [{ path: migrations[0]!.folder }] }) });

  it('prisma: renaming 15_boards to 16_boards resolves no duplicate (15_add_share is another migration): an error naming the folders', () => {
    const share = folderMigration('prisma/migrations/15_add_share/migration.sql');
    const boards = folderMigration('prisma/migrations/15_boards/migration.sql');
    const [d, ...more] = run('prisma', [share, { ...folderMigration('prisma/migrations/16_boards/migration.sql'), bytes: boards.bytes }], gitBase([share, boards]));
    expect(more).toEqual([]);
    expect(d).toEqual({
      rule: 'missing-migration',
      file: 'prisma/migrations/16_boards/migration.sql',
      line: 0,
      column: 0,
      message:
        'prisma/migrations/15_boards/migration.sql was renamed to prisma/migrations/16_boards/migration.sql: folder name 15_boards became 16_boards, ' +
        'so databases that applied 15_boards will run it again as 16_boards.',
      // The folder moves back, and whatever else it holds with it.
      suggestion: 'Keep the name it was applied under: `git mv prisma/migrations/16_boards prisma/migrations/15_boards`.',
    });
  });

  it("diesel: 00000000000000 and 000000000000000 are two versions, so moving the second one on resolves no duplicate (Lemmy)", () => {
    const setup = folderMigration('migrations/00000000000000_diesel_initial_setup/up.sql');
    const forms = folderMigration('migrations/000000000000000_forms/up.sql');
    const later = { ...folderMigration('migrations/2024-01-01-000000_forms/up.sql'), bytes: forms.bytes };
    const [d, ...more] = run('diesel', [setup, later], gitBase([setup, forms]));
    expect(more).toEqual([]);
    expect(d).toMatchObject({ rule: 'missing-migration', file: 'migrations/2024-01-01-000000_forms/up.sql' });
    expect(d!.severity).toBeUndefined();
    expect(d!.message).toBe(
      'migrations/000000000000000_forms/up.sql was renamed to migrations/2024-01-01-000000_forms/up.sql: version 000000000000000 became 20240101000000, ' +
        'so databases that applied 000000000000000 will run it again as 20240101000000.',
    );
  });

  it('diesel, history table: a row 00000000000000 is not the file 000000000000000, which is no rename of it', () => {
    const forms = folderMigration('migrations/000000000000000_forms/up.sql');
    const table: History = { source: 'table:public.__diesel_schema_migrations', matchBy: 'version', entries: [{ version: '00000000000000', state: 'applied' }] };
    expect(run('diesel', [forms], table).map((d) => d.message)).toEqual([
      'version 00000000000000 is recorded in public.__diesel_schema_migrations but no longer exists. Databases that ran it keep its changes, ' +
        'new databases will not get them, and `diesel migration run` ignores it, but while it is the latest applied, `diesel migration revert` fails ' +
        '("Unable to find migration version 00000000000000 to revert in the migrations directory.").',
    ]);
  });
});

describe('a migration written in code', () => {
  it('node-pg-migrate: a merged JavaScript migration deleted is missing, as the base lists it', async () => {
    const { root, baseSha } = makeGitRepo(
      {
        'migrations/1600000000000_init.sql': '-- Up Migration\nCREATE TABLE IF NOT EXISTS t (id int);\n',
        'migrations/1600000000001_seed.js': 'exports.up = (pgm) => pgm.sql("INSERT INTO t VALUES (1)");\n',
      },
      {},
      ['migrations/1600000000001_seed.js'],
    );
    try {
      const { report } = await runCliIn(root, ['check', 'migrations', '--base', baseSha, '--preset', 'node-pg-migrate', '--no-dry-run', '--format', 'json']);
      expect(report!.findings.map((f) => [f.rule, f.file, f.message.split('. ')[0]])).toEqual([
        ['missing-migration', 'migrations/1600000000001_seed.js', `migrations/1600000000001_seed.js is on ${baseSha} but no longer exists`],
      ]);
    } finally {
      removeTree(root);
    }
  });
});

describe("missing-migration says what the preset's runner does", () => {
  const history = gitBase(base);
  const draft = (preset: PresetName) =>
    missingMigration.check({ migrations: without('migrations/002_users.sql'), history, options: testOptions({ preset, folders: [{ path: 'migrations' }] }) })[0]!;
  const run = (preset: PresetName) => draft(preset).message;
  test('sqlx stops on it before it applies anything (validate_applied_migrations), in its words', () => {
    expect(run('sqlx')).toMatch(
      /new databases will not get them, and `sqlx migrate run` stops before it applies anything \("migration 2 was previously applied but is missing in the resolved migrations"\), unless run with --ignore-missing\.$/,
    );
    expect(run('flyway')).toContain('Flyway\'s validation fails on it ("Detected applied migration not resolved locally: 002") once a migration sorts after it.');
    // No runner named: the general sentence.
    expect(run('generic')).toMatch(/runners that validate their history \(Flyway\) stop on it\.$/);
  });

  // Each read in the runner's source: goose up.go UpToContext, dbmate db.go FindMigrations, golang-migrate migrate.go readUp
  // (versionExists), node-pg-migrate runner.ts checkOrder and getMigrationsToRun, prisma-engines apply_migrations.rs,
  // diesel_migrations MigrationHarness, the Supabase CLI's pkg/migration FindPendingMigrations and suggestRevertHistory.
  test.each([
    ['goose', 'goose never notices: `goose up` compares its files with goose_db_version, not goose_db_version with its files.'],
    ['dbmate', 'dbmate never notices: `dbmate migrate` and `dbmate status` list only the files.'],
    ['golang-migrate', 'golang-migrate keeps only its current version: while that is 2, every `migrate up` fails ("no migration found for version 2"); an older one it never looks for.'],
    [
      'node-pg-migrate',
      'node-pg-migrate stops on its order check once a file takes its place ("Not run migration … is preceding already run migration 002_users"), and a `migrate down` reaching it fails ("Definitions of migrations 002_users have been deleted.").',
    ],
    ['prisma', '`prisma migrate deploy` ignores it and applies the folders it has not run; `prisma migrate dev` asks to reset the database.'],
    ['diesel', '`diesel migration run` ignores it, but while it is the latest applied, `diesel migration revert` fails ("Unable to find migration version 002 to revert in the migrations directory.").'],
    ['supabase', '`supabase db push` stops before it applies anything ("Remote migration versions not found in local migrations directory.").'],
  ] as const)('%s: says what it does with it', (preset, does) => {
    expect(run(preset)).toBe(
      'migrations/002_users.sql is on origin/main but no longer exists. Databases that ran it keep its changes, new databases will not get them, and ' + does,
    );
  });

  test("the Supabase CLI's own repair is suggested after restoring the file", () => {
    expect(draft('supabase').suggestion).toBe(
      'Restore it (`git checkout origin/main -- migrations/002_users.sql`); to take its changes back, add a new migration that reverses them; ' +
        "if it is gone for good, the Supabase CLI's fix is `supabase migration repair --status reverted 002` (then `supabase db pull`).",
    );
    expect(draft('dbmate').suggestion).toMatch(/reverses them\.$/);
  });
});
