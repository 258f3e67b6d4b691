import { duplicateVersion } from '../../src/rules/duplicate-version.js';
import type { Migration } from '../../src/migration.js';
import type { History } from '../../src/history/history.js';
import type { PresetName } from '../../src/options.js';
import { folder, folderMigration, gitBase, migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { SEED_004_TABLE } from '../support/seed-004.js';
import { runCliIn } from '../support/cli.js';
import { commit } from '../support/graphile.js';
import { makeGitRepo, makeTree, removeTree } from '../support/repo.js';

const check = (migrations: Migration[], history: History | null = null, preset: PresetName = 'generic') =>
  duplicateVersion.check({ migrations, history, options: testOptions({ preset }) });

// Seed 001: the npm migrate runner with three duplicate pairs, highest version 010.
const seed001 = folder('migrations', [
  '001_migration_tracking.sql',
  '002_enhanced_requests_system.sql',
  '003_add_missing_request_columns.sql',
  '003_add_unread_tracking.sql',
  '004_direct_messaging_system.sql',
  '005_add_request_pins.sql',
  '005_enhance_chat_for_phase1.sql',
  '006_add_request_attachments.sql',
  '006_group_conversations.sql',
  '007_notifications.sql',
  '008_request_templates.sql',
  '009_audit_log.sql',
  '010_sales_coach.sql',
]);

describe('duplicate-version', () => {
  it('renumbers seed 001 newer files to 011/012/013 with git mv', () => {
    const drafts = check(seed001);
    expect(drafts.map((d) => [d.rule, d.file, d.line])).toEqual([
      ['duplicate-version', 'migrations/003_add_unread_tracking.sql', 0],
      ['duplicate-version', 'migrations/005_enhance_chat_for_phase1.sql', 0],
      ['duplicate-version', 'migrations/006_group_conversations.sql', 0],
    ]);
    expect(drafts[0]!.message).toBe(
      'Version 003 is used by 2 migrations in migrations/: 003_add_missing_request_columns.sql, 003_add_unread_tracking.sql. ' +
        '003_add_unread_tracking.sql is the newer one (later by file name).',
    );
    expect(drafts.map((d) => d.suggestion)).toEqual([
      'Give 003_add_unread_tracking.sql the next free version 011: git mv migrations/003_add_unread_tracking.sql migrations/011_add_unread_tracking.sql',
      'Give 005_enhance_chat_for_phase1.sql the next free version 012: git mv migrations/005_enhance_chat_for_phase1.sql migrations/012_enhance_chat_for_phase1.sql',
      'Give 006_group_conversations.sql the next free version 013: git mv migrations/006_group_conversations.sql migrations/013_group_conversations.sql',
    ]);
  });

  it('with a base, the file not on the base is the newer one even when it sorts first', () => {
    const base = seed001.filter((m) => m.file !== 'migrations/003_add_missing_request_columns.sql');
    const drafts = check(seed001, gitBase(base));
    expect(drafts[0]!.file).toBe('migrations/003_add_missing_request_columns.sql');
    expect(drafts[0]!.message).toContain('003_add_missing_request_columns.sql is the newer one (not on the base).');
    expect(drafts[0]!.suggestion).toBe(
      'Give 003_add_missing_request_columns.sql the next free version 011: ' +
        'git mv migrations/003_add_missing_request_columns.sql migrations/011_add_missing_request_columns.sql ' +
        '(003_add_unread_tracking.sql is on the base and keeps 003).',
    );
  });

  it('when every file is on the base, says to renumber only one no database applied', () => {
    const drafts = check(seed001, gitBase(seed001));
    expect(drafts).toHaveLength(3);
    expect(drafts[0]!.suggestion).toContain('All of them are already on the base: renumber only one that no database has applied yet');
  });

  it('seed 004: duplicate 000/001/20250125 in a mixed folder get dates after the newest migration', () => {
    const ms = folder('supabase/migrations', SEED_004_TABLE);
    const drafts = check(ms);
    expect(drafts.map((d) => d.file)).toEqual([
      'supabase/migrations/000_complete_schema_fixed.sql',
      'supabase/migrations/001_remove_redundant_tables.sql',
      'supabase/migrations/20250125_add_domain_patterns.sql',
    ]);
    expect(drafts[2]!.message).toBe(
      'Version 20250125 is used by 2 migrations in supabase/migrations/: 20250125_add_ai_optimized_tables.sql, 20250125_add_domain_patterns.sql. ' +
        '20250125_add_domain_patterns.sql is the newer one (later by file name).',
    );
    expect(drafts.map((d) => d.suggestion!.split(': ')[1])).toEqual([
      'git mv supabase/migrations/000_complete_schema_fixed.sql supabase/migrations/20250128_complete_schema_fixed.sql',
      'git mv supabase/migrations/001_remove_redundant_tables.sql supabase/migrations/20250129_remove_redundant_tables.sql',
      'git mv supabase/migrations/20250125_add_domain_patterns.sql supabase/migrations/20250130_add_domain_patterns.sql',
    ]);
  });

  it('003 and 3 are one version; three files with one version give two findings naming all three', () => {
    const drafts = check(folder('db', ['003_a.sql', '3_b.sql', '0003_c.sql', '004_d.sql']));
    expect(drafts.map((d) => d.file)).toEqual(['db/003_a.sql', 'db/3_b.sql']);
    expect(drafts[0]!.message).toContain('used by 3 migrations in db/: 0003_c.sql, 003_a.sql, 3_b.sql.');
    expect(drafts.map((d) => d.suggestion!.split(': ')[1])).toEqual(['git mv db/003_a.sql db/005_a.sql', 'git mv db/3_b.sql db/006_b.sql']);
  });

  it('Flyway: V1_1 and V1.1 collide, an undo file and a repeatable do not', () => {
    const drafts = check(folder('sql', ['V1__init.sql', 'V1_1__users.sql', 'V1.1__orders.sql', 'U1_1__users.sql', 'V1_9__x.sql', 'R__views.sql']));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.file).toBe('sql/V1_1__users.sql');
    expect(drafts[0]!.suggestion).toBe('Give V1_1__users.sql the next free version 1_10: git mv sql/V1_1__users.sql sql/V1_10__users.sql');
  });

  it('golang-migrate: renumbering moves the down file too', () => {
    const up = { ...migration('m/000002_b.up.sql'), downFile: 'm/000002_b.down.sql' };
    const drafts = check([migration('m/000001_a.up.sql'), migration('m/000002_a.up.sql'), up]);
    expect(drafts[0]!.suggestion).toBe(
      'Give 000002_b.up.sql the next free version 000003: git mv m/000002_b.up.sql m/000003_b.up.sql && git mv m/000002_b.down.sql m/000003_b.down.sql',
    );
  });

  it('Prisma / diesel folders: renames the migration folder, keeping its format', () => {
    const prisma = (dir: string): Migration => ({ ...migration(`prisma/migrations/${dir}.sql`), file: `prisma/migrations/${dir}/migration.sql`, scheme: 'folder' });
    const drafts = check([prisma('20240101120000_init'), prisma('20240101120000_users'), prisma('20240301090000_posts')]);
    expect(drafts[0]!.suggestion).toBe(
      'Give 20240101120000_users/migration.sql the next free version 20240301090001: ' +
        'git mv prisma/migrations/20240101120000_users prisma/migrations/20240301090001_users',
    );
    const diesel = (dir: string, version: string): Migration => ({
      ...migration(`migrations/${version}_x.sql`),
      file: `migrations/${dir}/up.sql`,
      scheme: 'folder',
    });
    const d2 = check([diesel('2024-01-01-120000_init', '20240101120000'), diesel('2024-01-01-120000_users', '20240101120000')]);
    expect(d2[0]!.suggestion).toBe(
      'Give 2024-01-01-120000_users/up.sql the next free version 20240101120001: git mv migrations/2024-01-01-120000_users migrations/2024-01-01-120001_users',
    );
  });

  it('Prisma knows a migration by its whole folder name: 15_add_share and 15_boards are two (umami), under its preset only', () => {
    const umami = [folderMigration('prisma/migrations/15_add_share/migration.sql'), folderMigration('prisma/migrations/15_boards/migration.sql')];
    expect(check(umami, null, 'prisma')).toEqual([]);
    expect(check(umami, gitBase(umami), 'prisma')).toEqual([]);
    expect(check(umami).map((d) => d.message)).toEqual([
      'Version 15 is used by 2 migrations in prisma/migrations/: 15_add_share/migration.sql, 15_boards/migration.sql. 15_boards/migration.sql is the newer one (later by file name).',
    ]);
  });

  it('diesel versions are text: 00000000000000 and 000000000000000 are two (lemmy), 2024-01-01-120000 and 20240101120000 one', () => {
    const lemmy = [
      folderMigration('migrations/00000000000000_diesel_initial_setup/up.sql'),
      folderMigration('migrations/000000000000000_forbid_diesel_cli/up.sql'),
    ];
    expect(check(lemmy, gitBase(lemmy), 'diesel')).toEqual([]);
    expect(check(lemmy)).toHaveLength(1);
    const same = [folderMigration('migrations/2024-01-01-120000_a/up.sql'), folderMigration('migrations/20240101120000_b/up.sql')];
    expect(check(same, null, 'diesel').map((d) => d.message)).toEqual([
      'Version 20240101120000 is used by 2 migrations in migrations/: 2024-01-01-120000_a/up.sql, 20240101120000_b/up.sql. 20240101120000_b/up.sql is the newer one (later by file name).',
    ]);
  });

  it("says what each runner does with a shared version, in its own words where it has them", () => {
    const pair = folder('db', ['003_a.sql', '003_b.sql']);
    const does = (preset: PresetName) => check(pair, null, preset).map((d) => d.message.split('(later by file name). ')[1]);
    expect(does('flyway')).toEqual(['Flyway refuses to migrate: "Found more than one migration with version 003".']);
    expect(does('golang-migrate')).toEqual(['golang-migrate refuses to read the folder ("duplicate migration file"), so every command fails.']);
    expect(does('goose')).toEqual(['goose refuses to run: "duplicate version 3 detected".']);
    expect(does('dbmate')[0]).toMatch(/^dbmate runs both on a database that has neither: the second fails on its history row/);
    expect(does('supabase')[0]).toMatch(/^The Supabase CLI applies the first; the second stays pending/);
    // A runner the gate does not know: the finding names no runner.
    expect(check(pair)[0]!.message).toMatch(/is the newer one \(later by file name\)\.$/);
  });

  it("quotes Flyway's refusal with the version as Flyway prints it: V1_0 is its 1.0, the same version as V1", () => {
    const [t, dup] = folder('db', ['V1__t.sql', 'V1_0__dup.sql']);
    expect(check([t!, dup!], gitBase([t!]), 'flyway').map((d) => d.message)).toEqual([
      'Version 1_0 is used by 2 migrations in db/: V1_0__dup.sql, V1__t.sql. V1_0__dup.sql is the newer one (not on the base). ' +
        'Flyway refuses to migrate: "Found more than one migration with version 1.0".',
    ]);
  });

  it('no duplicates, no findings; same version in different folders is fine', () => {
    expect(check(folder('a', ['001_x.sql', '002_y.sql']).concat(folder('b', ['001_x.sql'])))).toEqual([]);
  });

  test('under Flyway, two repeatables with one description anywhere in the location are refused, as Flyway refuses them', () => {
    const nested = (file: string) => ({ ...migration(file), folder: 'db' });
    const ms = [nested('db/R__views.sql'), nested('db/2024/R__views.sql'), nested('db/R__other_views.sql'), nested('db/V1__init.sql')];
    expect(check(ms, null, 'flyway').map((d) => [d.file, d.message])).toEqual([
      [
        'db/R__views.sql',
        'Repeatable migrations 2024/R__views.sql, R__views.sql share the description "views": Flyway refuses to migrate ' +
          '("Found more than one repeatable migration with description views").',
      ],
    ]);
    // Other runners have no repeatables of their own, and no such rule.
    expect(check(ms, null, 'generic')).toEqual([]);
  });

  test('under dbmate a version is its file name\'s digits as text, applied by that text: 003 and 3 are two, 003 twice is one', () => {
    expect(check(folder('db/migrations', ['003_a.sql', '3_b.sql']), null, 'dbmate')).toEqual([]);
    expect(check(folder('db/migrations', ['003_a.sql', '003_b.sql']), null, 'dbmate').map((d) => d.file)).toEqual(['db/migrations/003_b.sql']);
    // Most runners parse the number: there 003 and 3 collide.
    expect(check(folder('db/migrations', ['003_a.sql', '3_b.sql'])).map((d) => d.file)).toEqual(['db/migrations/3_b.sql']);
  });
});

describe('duplicate-version with migrations written in code', () => {
  it("goose: a new .sql file reusing a merged Go migration's version stops goose, as two .sql files do", async () => {
    const { root, baseSha } = makeGitRepo(
      { 'migrations/00001_init.sql': '-- +goose Up\nCREATE TABLE IF NOT EXISTS t (id int);\n', 'migrations/00002_backfill.go': 'package migrations\n' },
      { 'migrations/00002_add_n.sql': '-- +goose Up\nALTER TABLE t ADD COLUMN IF NOT EXISTS n int;\n' },
    );
    try {
      const { code, report } = await runCliIn(root, ['check', 'migrations', '--base', baseSha, '--preset', 'goose', '--no-dry-run', '--format', 'json']);
      expect(code).toBe(1);
      expect(report!.findings.map((f) => [f.rule, f.file, f.message, f.suggestion])).toEqual([
        [
          'duplicate-version',
          'migrations/00002_add_n.sql',
          'Version 00002 is used by 2 migrations in migrations/: 00002_add_n.sql, 00002_backfill.go. 00002_add_n.sql is the newer one (not on the base). ' +
            'goose refuses to run: "duplicate version 2 detected".',
          'Give 00002_add_n.sql the next free version 00003: git mv migrations/00002_add_n.sql migrations/00003_add_n.sql (00002_backfill.go is on the base and keeps 00002).',
        ],
      ]);
      expect(report!.migrations.map((m) => [m.file, m.status, m.language ?? null])).toEqual([
        ['migrations/00001_init.sql', 'applied', null],
        ['migrations/00002_add_n.sql', 'pending', null],
        ['migrations/00002_backfill.go', 'applied', 'go'],
      ]);
    } finally {
      removeTree(root);
    }
  });

  it('node-pg-migrate: a JavaScript and an SQL file of one name are one migration to it, and a database that ran one never runs the other', async () => {
    const root = makeTree({
      'migrations/1600000000000_init.js': 'exports.up = (pgm) => pgm.createTable("t", { id: "id" });\n',
      'migrations/1600000000000_init.sql': '-- Up Migration\nCREATE TABLE IF NOT EXISTS t (id int);\n',
    });
    try {
      const { report } = await runCliIn(root, ['check', 'migrations', '--preset', 'node-pg-migrate', '--no-dry-run', '--format', 'json']);
      expect(report!.findings.map((f) => [f.rule, f.file, f.message])).toEqual([
        [
          'duplicate-version',
          'migrations/1600000000000_init.sql',
          'Name 1600000000000_init is used by 2 migrations in migrations/: 1600000000000_init.js, 1600000000000_init.sql. 1600000000000_init.sql is the newer one ' +
            '(later by file name). node-pg-migrate runs both on a database that has neither, recording 1600000000000_init twice; on one that ran either, ' +
            'it takes the other for run and never runs it.',
        ],
      ]);
    } finally {
      removeTree(root);
    }
  });
});

describe('duplicate-version under runners that sign or key their history', () => {
  // The QA repro (hunt-s12a graphile-duplicate-rename-advice): a rename keeps the Previous header, so the chain stays broken.
  test('graphile-migrate: the newer file is committed again on top of the last one, as the broken chain says; no rename', async () => {
    const first = commit('create table if not exists a (id int);\n', null);
    const root = makeTree({
      'migrations/committed/000001.sql': first.text,
      'migrations/committed/000002.sql': commit('create table if not exists b (id int);\n', first.hash).text,
      'migrations/committed/000002-other.sql': commit('create table if not exists c (id int);\n', first.hash).text,
    });
    try {
      const { report } = await runCliIn(root, ['check', 'migrations/committed', '--preset', 'graphile-migrate', '--no-dry-run', '--format', 'json']);
      const duplicate = report!.findings.find((f) => f.rule === 'duplicate-version')!;
      const chain = report!.findings.find((f) => f.rule === 'out-of-order')!;
      expect(duplicate.message).toBe(
        'Version 000002 is used by 2 migrations in migrations/committed/: 000002-other.sql, 000002.sql. 000002.sql is the newer one (later by file name). ' +
          'graphile-migrate knows both as 000002.sql and runs only migrations numbered after the last one it ran: a database that ran one never runs the other.',
      );
      expect(duplicate.suggestion).toBe(
        'Commit it again on top of 000002-other.sql: move its body to current.sql, delete 000002.sql and run `graphile-migrate commit`',
      );
      expect(`${duplicate.suggestion}.`).toBe(chain.suggestion);
    } finally {
      removeTree(root);
    }
  });

  test("sqlx: says the second fails on its history row, and that a database that ran one refuses the other", () => {
    const [draft] = check([migration('migrations/1_a.sql'), migration('migrations/01_b.sql')], null, 'sqlx');
    expect(draft!.message).toContain(
      'sqlx runs both on a database that has neither: the second fails on its history row (duplicate key value violates unique constraint "_sqlx_migrations_pkey"), ' +
        'is rolled back, and `sqlx migrate run` stops there; on one that ran either, it refuses the other ("migration 1 was previously applied but has been modified").',
    );
  });
});
