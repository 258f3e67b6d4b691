import { outOfOrder } from '../../src/rules/out-of-order.js';
import type { Migration } from '../../src/migration.js';
import type { History } from '../../src/history/history.js';
import type { PresetName } from '../../src/options.js';
import { folder, folderMigration, gitBase } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';

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
          'Give it a version after 20240301120000: git mv supabase/migrations/20240210080000_guest_notes.sql supabase/migrations/20240401000001_guest_notes.sql; ' +
          'or, if it does not depend on the order, push with `supabase db push --include-all`.',
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
