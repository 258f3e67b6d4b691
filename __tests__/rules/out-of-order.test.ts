import { outOfOrder } from '../../src/rules/out-of-order.js';
import { duplicateVersion } from '../../src/rules/duplicate-version.js';
import type { Migration } from '../../src/migration.js';
import type { History } from '../../src/history/history.js';
import type { PresetName } from '../../src/options.js';
import { folder, folderMigration, gitBase } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { readHistoryTable } from '../../src/history/read-table.js';
import { scratchDatabase } from '../deploy/scratch-database.js';
import { makeGitRepo, removeTree } from '../support/repo.js';
import { runCliIn } from '../support/cli.js';

const check = (migrations: Migration[], history: History | null, preset: PresetName = 'generic') =>
  outOfOrder.check({ migrations, history, options: testOptions({ preset }) });

// Seed 003-like Supabase project: a branch adds a migration dated before one merged meanwhile.
const base = folder('supabase/migrations', [
  '20240101000000_init.sql',
  '20240115093000_rls_policies.sql',
  '20240301120000_bookings.sql',
]);
const branch = folder('supabase/migrations', ['20240210080000_guest_notes.sql', '20240401000000_reports.sql']);

describe('out-of-order', () => {
  it('flags a new migration versioned before the newest one on the base, with the runner consequence', () => {
    const drafts = check([...base, ...branch], gitBase(base), 'supabase');
    expect(drafts).toEqual([
      {
        rule: 'out-of-order',
        severity: 'error',
        file: 'supabase/migrations/20240210080000_guest_notes.sql',
        line: 0,
        column: 0,
        message:
          '20240210080000_guest_notes.sql is new but its version 20240210080000 sorts before 20240301120000, the newest version already on the base ' +
          '(supabase/migrations/20240301120000_bookings.sql). `supabase db push` refuses to insert a migration before the last one on the remote database.',
        suggestion:
          'Give it a version after 20240301120000: git mv supabase/migrations/20240210080000_guest_notes.sql supabase/migrations/20240401000001_guest_notes.sql ' +
          // reports, new in the branch too, was written to run after guest_notes: it moves along.
          '&& git mv supabase/migrations/20240401000000_reports.sql supabase/migrations/20240401000002_reports.sql ' +
          '(20240401000000_reports.sql is new too and written to run after it: moving it along keeps that order); ' +
          'or, if it does not depend on the order, push with `supabase db push --include-all`.',
        // The same plan as data, for the report's rows (ReportMigration.renumberTo).
        renumbers: {
          'supabase/migrations/20240210080000_guest_notes.sql': '20240401000001',
          'supabase/migrations/20240401000000_reports.sql': '20240401000002',
        },
      },
    ]);
  });

  it('without history there is nothing to be out of order against', () => {
    expect(check([...base, ...branch], null)).toEqual([]);
  });

  it('golang-migrate: an error that says the file would be silently skipped', () => {
    const ms = folder('db', ['000001_a.up.sql', '000003_c.up.sql']);
    const added = folder('db', ['000002_b.up.sql']);
    const [d] = check([...ms, ...added], gitBase(ms), 'golang-migrate');
    expect(d!.severity).toBe('error');
    expect(d!.message).toContain('golang-migrate records only the latest version, so it will never apply this file');
    expect(d!.suggestion).toBe('Give it a version after 000003: git mv db/000002_b.up.sql db/000004_b.up.sql.');
  });

  it('dbmate applies it anyway: a warning', () => {
    const ms = folder('db/migrations', ['20240101000000_a.sql', '20240301000000_c.sql']);
    const [d] = check([...ms, ...folder('db/migrations', ['20240201000000_b.sql'])], gitBase(ms), 'dbmate');
    expect(d!.severity).toBe('warning');
  });

  it('compares numerically and reads dates as timestamps in a mixed folder (seed 004)', () => {
    const ms = folder('supabase/migrations', ['004_add_owned_domains.sql', '20240101000000_create_chat_tables.sql', '20250125_add_domain_patterns.sql']);
    // As plain numbers every 8-digit date would sort before 20240101000000, and 20250126 would be flagged too.
    const late = folder('supabase/migrations', ['20250126_after.sql']);
    const early = folder('supabase/migrations', ['20250120_before.sql']);
    expect(check([...ms, ...late], gitBase(ms))).toEqual([]);
    expect(check([...ms, ...early], gitBase(ms)).map((d) => d.file)).toEqual(['supabase/migrations/20250120_before.sql']);
    const seq = folder('backend/migrations', ['0009_a.sql', '00010_b.sql']);
    expect(check([...seq, ...folder('backend/migrations', ['00011_c.sql'])], gitBase(seq))).toEqual([]);
  });

  it('a new file reusing an applied version is left to duplicate-version', () => {
    const ms = folder('migrations', ['001_a.sql', '003_b.sql', '010_j.sql']);
    expect(check([...ms, ...folder('migrations', ['003_add_unread_tracking.sql'])], gitBase(ms))).toEqual([]);
  });

  it('against a history table: new means its version is not recorded (003 = 3)', () => {
    const ms = folder('migrations', ['001_a.sql', '002_b.sql', '003_c.sql', '004_d.sql']);
    const table: History = {
      source: 'table:public.schema_migrations',
      matchBy: 'version',
      entries: ['1', '3', '4'].map((version) => ({ version, state: 'applied' as const })),
    };
    const drafts = check(ms, table, 'flyway');
    expect(drafts.map((d) => d.file)).toEqual(['migrations/002_b.sql']);
    expect(drafts[0]!.message).toBe(
      '002_b.sql is new but its version 002 sorts before 4, the newest version already applied. ' +
        'Flyway refuses to migrate: with outOfOrder=false (the default) validation fails on a resolved migration not applied to the database.',
    );
    expect(drafts[0]!.suggestion).toBe('Give it a version after 4: git mv migrations/002_b.sql migrations/005_b.sql; or, if it does not depend on the order, set outOfOrder=true.');
  });
  describe('in the order the runner applies them', () => {
    const prisma = (...dirs: string[]) => dirs.map((d) => folderMigration(`prisma/migrations/${d}/migration.sql`));

    it('Prisma: a new folder whose name sorts before the last applied one is applied after it, without a warning', () => {
      const base = prisma('20240101000000_init', '20240301000000_posts');
      const [d, ...more] = check([...base, ...prisma('20240201000000_tags')], gitBase(base), 'prisma');
      expect(more).toEqual([]);
      expect(d!.severity).toBe('warning');
      expect(d!.message).toBe(
        '20240201000000_tags/migration.sql is new but its folder name sorts before 20240301000000_posts, the last migration already on the base ' +
          '(prisma/migrations/20240301000000_posts/migration.sql). `prisma migrate deploy` applies it without a warning, after migrations that were written later.',
      );
      expect(d!.suggestion).toBe(
        'Rename its folder to sort after 20240301000000_posts before any database applies it (Prisma would run it again under the new name): ' +
          'git mv prisma/migrations/20240201000000_tags prisma/migrations/20240301000001_tags.',
      );
    });

    it('Prisma sorts names, not numbers: 10_posts comes before 2_users, and the new name sorts after 2_users', () => {
      const base = prisma('1_init', '2_users');
      const drafts = check([...base, ...prisma('10_posts')], gitBase(base), 'prisma');
      expect(drafts.map((d) => d.suggestion)).toEqual([
        'Rename its folder to sort after 2_users before any database applies it (Prisma would run it again under the new name): ' +
          'git mv prisma/migrations/10_posts prisma/migrations/3_posts.',
      ]);
      // By number 10 is the newest, so another runner has nothing to say.
      expect(check([...base, ...prisma('10_posts')], gitBase(base))).toEqual([]);
    });

    it('Prisma: 15_boards after 15_add_share on the base is no finding (umami)', () => {
      const base = prisma('14_add_link', '15_add_share');
      expect(check([...base, ...prisma('15_boards')], gitBase(base), 'prisma')).toEqual([]);
    });

    describe('node-pg-migrate knows a migration by its file name and sorts by its number, then by name', () => {
      const pair = folder('migrations', ['003_a.sql', '003_b.sql', '004_c.sql']);
      const both = (ms: Migration[], history: History | null) => [
        ...check(ms, history, 'node-pg-migrate'),
        ...duplicateVersion.check({ migrations: ms, history, options: testOptions({ preset: 'node-pg-migrate' }) }),
      ];

      it('a new file that sorts before one already run stops its order check, even on a tie of the number: an error in its words', () => {
        // 003_a is new, 003_b and 004_c already ran.
        const drafts = both(pair, gitBase(pair.slice(1)));
        expect(drafts).toEqual([
          {
            rule: 'out-of-order',
            severity: 'error',
            file: 'migrations/003_a.sql',
            line: 0,
            column: 0,
            message:
              '003_a.sql is new but its name 003_a sorts before 003_b, already on the base (migrations/003_b.sql). ' +
              'node-pg-migrate stops on its order check: "Not run migration 003_a is preceding already run migration 003_b".',
            suggestion:
              'Give it a version that sorts after 004_c: git mv migrations/003_a.sql migrations/005_a.sql; or, if it does not depend on the order, run it with --no-check-order.',
            renumbers: { 'migrations/003_a.sql': '005' },
          },
        ]);
        // By number alone 003 is one version with 003_b, which another runner leaves to duplicate-version.
        expect(check(pair, gitBase(pair.slice(1)))).toEqual([]);
      });

      it('it names the first migration already run after the new one: 003_d comes before 004_c', () => {
        const later = [...pair, ...folder('migrations', ['003_d.sql'])];
        expect(both(later, gitBase(pair)).map((d) => d.message.split('order check: ')[1])).toEqual([
          '"Not run migration 003_d is preceding already run migration 004_c".',
        ]);
      });

      it('against its pgmigrations table on a real server: the same stop, named as it stores the names', async () => {
        const db = await scratchDatabase('npm_order');
        try {
          // The table and rows node-pg-migrate 9 writes (runner.ts ensureMigrationsTable, Migration._getMarkAsRun).
          await db.client.query(`CREATE TABLE pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)`);
          await db.client.query(`INSERT INTO pgmigrations (name, run_on) VALUES ('003_b', NOW()), ('004_c', NOW())`);
          const options = testOptions({ preset: 'node-pg-migrate', mode: 'deploy', dryRun: { ...testOptions().dryRun, databaseUrl: db.url }, history: { format: 'auto', write: false } });
          const { history } = await readHistoryTable(options, pair);
          expect(outOfOrder.check({ migrations: pair, history, options }).map((d) => [d.file, d.message])).toEqual([
            [
              'migrations/003_a.sql',
              '003_a.sql is new but its name 003_a sorts before 003_b, already applied (migrations/003_b.sql). ' +
                'node-pg-migrate stops on its order check: "Not run migration 003_a is preceding already run migration 003_b".',
            ],
          ]);
        } finally {
          await db.drop();
        }
      });

      it('a pair with one number, both new or both run, or the new one sorting last, is no finding from either rule', () => {
        const init = folder('migrations', ['001_init.sql']);
        expect(both([...init, ...pair], gitBase(init))).toEqual([]);
        expect(both(pair, gitBase(pair))).toEqual([]);
        expect(both(pair, null)).toEqual([]);
        // 003_b is new and sorts after 003_a, the last one run.
        expect(both(pair.slice(0, 2), gitBase(pair.slice(0, 1)))).toEqual([]);
      });
    });

    it('diesel compares versions as text: 10 sorts before 9', () => {
      const base = [folderMigration('migrations/8_a/up.sql'), folderMigration('migrations/9_b/up.sql')];
      const drafts = check([...base, folderMigration('migrations/10_c/up.sql')], gitBase(base), 'diesel');
      expect(drafts.map((d) => [d.severity, d.message])).toEqual([
        ['warning', '10_c/up.sql is new but its version 10 sorts before 9, the newest version already on the base (migrations/9_b/up.sql). diesel applies it, after migrations that were written later.'],
      ]);
      // 10 would sort before 9 again: the next version that sorts after 9 as text.
      expect(drafts[0]!.suggestion).toBe('Give it a version after 9: git mv migrations/10_c migrations/91_c.');
    });
  });
});

describe('out-of-order at the repository root (folder ".")', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeTree));

  it('a new file before the newest on the base is found there too, through the CLI against a git base', async () => {
    const { root } = makeGitRepo(
      { '20240101000000_a.sql': 'select 1;\n', '20240301000000_c.sql': 'select 3;\n' },
      { '20240201000000_b.sql': 'select 2;\n' },
    );
    roots.push(root);
    const { code, report } = await runCliIn(root, ['check', '.', '--base', 'HEAD~1', '--preset', 'goose', '--no-dry-run', '--format', 'json']);
    expect(code).toBe(1);
    expect(report!.findings.filter((f) => f.rule === 'out-of-order').map((f) => [f.file, f.message.split('. ')[0]])).toEqual([
      ['20240201000000_b.sql', '20240201000000_b.sql is new but its version 20240201000000 sorts before 20240301000000, the newest version already on the base (20240301000000_c.sql)'],
    ]);
  });
});

describe('out-of-order with migrations written in code, in PR mode against the git base', () => {
  const gate = async (base: Record<string, string>, head: Record<string, string>, preset: PresetName) => {
    const { root, baseSha } = makeGitRepo(base, head);
    try {
      const { code, report } = await runCliIn(root, ['check', 'migrations', '--base', baseSha, '--preset', preset, '--no-dry-run', '--format', 'json']);
      return { code, found: report!.findings.filter((f) => f.rule === 'out-of-order').map((f) => [f.severity, f.file, f.message]) };
    } finally {
      removeTree(root);
    }
  };

  it('node-pg-migrate: a new .sql file that sorts before a JavaScript migration already run stops its order check', async () => {
    const { code, found } = await gate(
      { 'migrations/1600000000000_init.js': 'exports.up = (pgm) => { pgm.createTable("t", { id: "id" }); };\n' },
      { 'migrations/1500000000000_add_n.sql': '-- Up Migration\nALTER TABLE t ADD COLUMN IF NOT EXISTS n int;\n' },
      'node-pg-migrate',
    );
    expect(code).toBe(1);
    expect(found).toEqual([
      [
        'error',
        'migrations/1500000000000_add_n.sql',
        '1500000000000_add_n.sql is new but its name 1500000000000_add_n sorts before 1600000000000_init, already on the base (migrations/1600000000000_init.js). ' +
          'node-pg-migrate stops on its order check: "Not run migration 1500000000000_add_n is preceding already run migration 1600000000000_init".',
      ],
    ]);
  });

  it('goose: a new .sql file versioned below a merged Go migration is missing to goose', async () => {
    const { found } = await gate(
      { 'migrations/00001_init.sql': '-- +goose Up\nCREATE TABLE IF NOT EXISTS t (id int);\n', 'migrations/00003_backfill.go': 'package migrations\n' },
      { 'migrations/00002_add_n.sql': '-- +goose Up\nALTER TABLE t ADD COLUMN IF NOT EXISTS n int;\n' },
      'goose',
    );
    expect(found).toEqual([
      [
        'error',
        'migrations/00002_add_n.sql',
        '00002_add_n.sql is new but its version 00002 sorts before 00003, the newest version already on the base (migrations/00003_backfill.go). ' +
          'goose stops with "found 1 missing migrations".',
      ],
    ]);
  });
});
