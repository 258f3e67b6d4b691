import { nameOrder } from '../../src/rules/name-order.js';
import type { Migration } from '../../src/migration.js';
import type { PresetName } from '../../src/options.js';
import type { History } from '../../src/history/history.js';
import { folder, folderMigration, gitBase } from '../support/build-migration.js';
import { sortMigrations } from '../../src/discover/version-order.js';
import { testOptions } from '../support/options.js';
import { runSetRules } from '../../src/rules/index.js';

const check = (migrations: Migration[], preset: PresetName = 'generic', history: History | null = null) =>
  nameOrder.check({ migrations, history, options: testOptions({ preset }) });

// Seed 002: 17 files run "in alphabetical order"; an 18th written with four digits sorts first by name.
const seed002 = folder(
  'backend/migrations',
  Array.from({ length: 17 }, (_, i) => `${String(i + 1).padStart(3, '0')}_step_${i + 1}.sql`),
);

describe('name-order', () => {
  it('seed 002: 0018_x.sql sorts before 001_ by name; names the pair and pads it to the folder width', () => {
    const drafts = check([...seed002, ...folder('backend/migrations', ['0018_add_new_feature.sql'])]);
    expect(drafts).toEqual([
      {
        rule: 'name-order',
        file: 'backend/migrations/0018_add_new_feature.sql',
        line: 0,
        column: 0,
        message:
          'File-name order and version order disagree in backend/migrations/: sorted by name, 0018_add_new_feature.sql (version 0018) ' +
          'runs before 001_step_1.sql (version 001); by version, 001_step_1.sql runs first.',
        suggestion:
          'Write every version in one width so that names sort as versions do (rename only files no database has applied under their old name, ' +
          'if your runner records file names): git mv backend/migrations/0018_add_new_feature.sql backend/migrations/018_add_new_feature.sql',
      },
    ]);
  });

  it('00010-x.sql before 0009-y.sql as text', () => {
    const [d] = check(folder('db', ['0009-y.sql', '00010-x.sql']));
    expect(d!.message).toBe(
      'File-name order and version order disagree in db/: sorted by name, 00010-x.sql (version 00010) runs before 0009-y.sql (version 0009); by version, 0009-y.sql runs first.',
    );
    expect(d!.suggestion).toContain('git mv db/0009-y.sql db/00009-y.sql');
  });

  it('1_a.sql vs 0002_b.sql', () => {
    const [d] = check(folder('db', ['1_a.sql', '0002_b.sql']));
    expect(d!.file).toBe('db/0002_b.sql');
    expect(d!.suggestion).toContain('git mv db/1_a.sql db/0001_a.sql');
  });

  it('a date and a timestamp of the same day: the timestamp sorts first by name, the date first in time', () => {
    const [d] = check(folder('supabase/migrations', ['20250125_add_domain_patterns.sql', '20250125120000_late.sql']));
    expect(d!.message).toContain('sorted by name, 20250125120000_late.sql (version 20250125120000) runs before 20250125_add_domain_patterns.sql');
    expect(d!.suggestion).toContain(
      'git mv supabase/migrations/20250125_add_domain_patterns.sql supabase/migrations/20250125000000_add_domain_patterns.sql',
    );
  });

  it('seed 004 as it is: name order and version order agree', () => {
    const ms = folder('supabase/migrations', [
      '000_complete_schema.sql',
      '000_complete_schema_fixed.sql',
      '001_initial_migration.sql',
      '004_add_owned_domains.sql',
      '20240101000000_create_chat_tables.sql',
      '20240201_firecrawl_enhancements.sql',
      '20250125_add_ai_optimized_tables.sql',
      '20250127_performance_indexes.sql',
    ]);
    expect(check(ms)).toEqual([]);
  });

  it('quiet for runners that sort by number and for Flyway names', () => {
    const ms = folder('db', ['0009-y.sql', '00010-x.sql']);
    expect(check(ms, 'golang-migrate')).toEqual([]);
    expect(check(ms, 'flyway')).toEqual([]);
    // node-pg-migrate orders by the leading number first (compareMigrationFileNames): 0009 before 00010, as the versions say.
    expect(check(folder('db', ['0009_y.sql', '00010_x.sql']), 'node-pg-migrate')).toEqual([]);
    expect(check(folder('sql', ['V9__a.sql', 'V10__b.sql']))).toEqual([]);
  });
  it('a date padded to a timestamp another file has takes the next second free, so the rename makes no duplicate version', () => {
    const ms = folder('migrations', ['20240101_a.sql', '20240101000000_b.sql', '20240101120000_c.sql', '20240102_d.sql']);
    const [d] = check(sortMigrations(ms));
    expect(d!.suggestion).toContain(
      'git mv migrations/20240101_a.sql migrations/20240101000001_a.sql && git mv migrations/20240102_d.sql migrations/20240102000000_d.sql',
    );
  });

  describe('beside the renames out-of-order and duplicate-version suggest in the same report', () => {
    const renames = (ms: Migration[], history: History | null = null) =>
      runSetRules({ migrations: sortMigrations(ms), history, options: testOptions() }).map((d) => [d.rule, d.suggestion?.match(/git mv .*?(?=\.?$| \()/)?.[0]]);

    it('a file duplicate-version renumbers gets no second `git mv` from name-order', () => {
      const ms = folder('db', ['007_x.sql', '008_y.sql', '009_a.sql', '0010_b.sql', '0010_c.sql']);
      expect(renames(ms)).toEqual([
        ['duplicate-version', 'git mv db/0010_c.sql db/0011_c.sql'],
        ['name-order', 'git mv db/0010_b.sql db/010_b.sql'],
      ]);
    });

    it('a date padded to a taken timestamp skips the version out-of-order hands out too', () => {
      const base = folder('migrations', ['20240101_a.sql', '20240101000000_c.sql', '20240101000001_b.sql']);
      const added = folder('migrations', ['20231201000000_d.sql']);
      expect(renames([...base, ...added], gitBase(base))).toEqual([
        ['out-of-order', 'git mv migrations/20231201000000_d.sql migrations/20240101000002_d.sql'],
        ['name-order', 'git mv migrations/20240101_a.sql migrations/20240101000003_a.sql'],
      ]);
    });
  });

  it('under dbmate and the Supabase CLI, which apply the files in name order and record each version as written', () => {
    const ms = sortMigrations(folder('migrations', ['1_a.sql', '10_c.sql']), 'dbmate');
    const [d, ...more] = check(ms, 'dbmate');
    expect(more).toEqual([]);
    expect(d!.message).toBe(
      'dbmate applies the files in name order, which disagrees with their numbers in migrations/: 10_c.sql (version 10) runs before 1_a.sql (version 1).',
    );
    expect(d!.suggestion).toBe(
      'Write every version in one width so that names sort as versions do, renaming only migrations no database has applied ' +
        '(dbmate records each version as written, so a database that applied one under its old name runs it again under the new one): ' +
        'git mv migrations/1_a.sql migrations/01_a.sql',
    );
    expect(check(sortMigrations(ms, 'supabase'), 'supabase')[0]!.message).toMatch(/^The Supabase CLI applies the files in name order, which disagrees/);
  });

  describe('under prisma and diesel, which record a migration by its name', () => {
    const prisma = (...dirs: string[]) => dirs.map((d) => folderMigration(`prisma/migrations/${d}/migration.sql`));
    const WHY = 'Prisma records each migration by its folder name, so a database that applied one under its old name runs it again under the new one';

    it("Prisma's name order against the numbers: renames only what no database has applied", () => {
      const ms = prisma('9_a', '10_b');
      const [d, ...more] = check(ms, 'prisma');
      expect(more).toEqual([]);
      expect(d!.file).toBe('prisma/migrations/10_b/migration.sql');
      expect(d!.message).toBe(
        'Prisma applies the folders in name order, which disagrees with their numbers in prisma/migrations/: 10_b/migration.sql (version 10) runs before 9_a/migration.sql (version 9).',
      );
      expect(d!.suggestion).toBe(
        `Write every version in one width so that names sort as versions do, renaming only migrations no database has applied (${WHY}): ` +
          'git mv prisma/migrations/9_a prisma/migrations/09_a',
      );
      // 9_a is on the base: it keeps its name.
      expect(check(ms, 'prisma', gitBase(ms.slice(0, 1)))[0]!.suggestion).toBe(
        `Leave the applied migrations as they are (${WHY}), and make sure each runs after the ones before it in this order, as a fresh database runs them.`,
      );
      const four = prisma('7_z', '9_a', '10_b', '11_c');
      expect(check(four, 'prisma', gitBase(four.slice(0, 1)))[0]!.suggestion).toBe(
        `Write every version in one width so that names sort as versions do, renaming only migrations no database has applied (${WHY}); ` +
          '1 applied migration keeps its name: git mv prisma/migrations/9_a prisma/migrations/09_a',
      );
    });

    it('equal numbers are in no order: 15_add_share and 15_boards (umami), or names that differ in case only', () => {
      expect(check(prisma('14_x', '15_add_share', '15_boards'), 'prisma')).toEqual([]);
      expect(check(prisma('20240101000000_a', '20240101000000_B'), 'prisma')).toEqual([]);
    });

    it('diesel sorts versions as text', () => {
      const ms = [folderMigration('migrations/9_a/up.sql'), folderMigration('migrations/10_b/up.sql')];
      expect(check(ms, 'diesel').map((d) => d.message)).toEqual([
        'diesel sorts versions as text, which disagrees with their numbers in migrations/: 10_b/up.sql (version 10) runs before 9_a/up.sql (version 9).',
      ]);
      // diesel_cli's own names sort as text and as numbers alike.
      expect(check([folderMigration('migrations/2024-01-01-120000_a/up.sql'), folderMigration('migrations/2024-07-25-142459-0000_b/up.sql')], 'diesel')).toEqual([]);
    });
  });
});
