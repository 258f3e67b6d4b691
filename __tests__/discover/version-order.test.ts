import { compareVersions, folderVersionComparator, sortMigrations } from '../../src/discover/version-order.js';
import { folder, folderMigration, migration } from '../support/build-migration.js';
import { SEED_004_TABLE } from '../support/seed-004.js';

const files = (ms: { file: string }[]) => ms.map((m) => m.file.split('/').pop());

describe('compareVersions', () => {
  it('compares numerically, never as text', () => {
    expect(compareVersions('00010', '0009')).toBe(1);
    expect(compareVersions('0009', '00010')).toBe(-1);
    expect(compareVersions('003', '3')).toBe(0);
    expect(compareVersions('1', '0002')).toBe(-1);
  });

  it('reads Flyway versions part by part, with _ as .', () => {
    expect(compareVersions('1.2.10', '1.2.9')).toBe(1);
    expect(compareVersions('1_1', '1.1')).toBe(0);
    expect(compareVersions('1_10', '1_9')).toBe(1);
    expect(compareVersions('1', '1.0')).toBe(0);
    expect(compareVersions('2', '1.99')).toBe(1);
  });

  it('handles versions longer than a 64-bit integer', () => {
    expect(compareVersions('123456789012345678901234567890', '123456789012345678901234567891')).toBe(-1);
  });
});

describe('folderVersionComparator', () => {
  it('reads dates as timestamps only when a folder mixes both', () => {
    const mixed = folderVersionComparator(['004', '20240101000000', '20240201']);
    expect(mixed('20240201', '20240101000000')).toBe(1);
    expect(mixed('004', '20240101000000')).toBe(-1);
    expect(mixed('20250125', '20250125000000')).toBe(0);
    // Plain numeric order would put the date first: that is what the normalisation corrects.
    expect(compareVersions('20240201', '20240101000000')).toBe(-1);
  });
});

describe('sortMigrations', () => {
  it('orders seed 004 mixed naming by time, sequential first, duplicates by name', () => {
    const ms = folder('supabase/migrations', [
      '20250127_performance_indexes.sql',
      '20240201_firecrawl_enhancements.sql',
      '001_remove_redundant_tables.sql',
      '20240101000000_create_chat_tables.sql',
      '000_complete_schema_fixed.sql',
      '20250125_add_domain_patterns.sql',
      '004_add_owned_domains.sql',
      '000_complete_schema.sql',
      '002_add_auth.sql',
      '001_initial_migration.sql',
      '20250125_add_ai_optimized_tables.sql',
      '003_update_customer_configs.sql',
    ]);
    expect(files(sortMigrations(ms))).toEqual(SEED_004_TABLE);
  });

  it('puts a date after an earlier timestamp and before a later one', () => {
    const ms = folder('db', ['20240301120000_c.sql', '20240201_b.sql', '20240101000000_a.sql', '20240201093000_b2.sql']);
    expect(files(sortMigrations(ms))).toEqual([
      '20240101000000_a.sql',
      '20240201_b.sql',
      '20240201093000_b2.sql',
      '20240301120000_c.sql',
    ]);
  });

  it('sorts zero-padding of different widths by number', () => {
    const ms = folder('backend/migrations', ['00010-x.sql', '0009-y.sql', '1_a.sql', '0002_b.sql']);
    expect(files(sortMigrations(ms))).toEqual(['1_a.sql', '0002_b.sql', '0009-y.sql', '00010-x.sql']);
  });

  it('puts Flyway undo files after their version and repeatables last, by name', () => {
    const ms = folder('sql', ['R__views.sql', 'V1_10__j.sql', 'U1_2__b.sql', 'V1_2__b.sql', 'V1_9__i.sql', 'R__a_functions.sql']);
    expect(files(sortMigrations(ms))).toEqual([
      'V1_2__b.sql',
      'U1_2__b.sql',
      'V1_9__i.sql',
      'V1_10__j.sql',
      'R__a_functions.sql',
      'R__views.sql',
    ]);
  });

  it('orders repeatables by description wherever they sit, as Flyway does: 2024/R__b after R__a, R__a_b before R__aB', () => {
    const ms = [migration('sql/2024/R__b.sql'), migration('sql/R__aB.sql'), migration('sql/R__a_b.sql'), migration('sql/V1__x.sql')].map((m) => ({ ...m, folder: 'sql' }));
    expect(files(sortMigrations(ms))).toEqual(['V1__x.sql', 'R__a_b.sql', 'R__aB.sql', 'R__b.sql']);
  });

  it('keeps each folder together, folders by path, and is independent of input order', () => {
    const ms = [migration('b/001_x.sql'), migration('a/002_y.sql'), migration('a/001_z.sql'), migration('b/000_w.sql')];
    const expected = ['a/001_z.sql', 'a/002_y.sql', 'b/000_w.sql', 'b/001_x.sql'];
    expect(sortMigrations(ms).map((m) => m.file)).toEqual(expected);
    expect(sortMigrations([...ms].reverse()).map((m) => m.file)).toEqual(expected);
  });
});

describe('sortMigrations in the order of the runner', () => {
  const dirs = (ms: { file: string }[]) => ms.map((m) => m.file.split('/').slice(-2)[0]);

  it("prisma: folder names as Prisma's listMigrations sorts them (localeCompare), not as numbers nor as bytes", () => {
    const ms = ['2_users', '10_posts', '1_init', '1_Init_b', '15_boards', '15_add_share'].map((d) => folderMigration(`prisma/migrations/${d}/migration.sql`));
    expect(dirs(sortMigrations(ms, 'prisma'))).toEqual(['1_init', '1_Init_b', '10_posts', '15_add_share', '15_boards', '2_users']);
    expect(dirs(sortMigrations(ms))).toEqual(['1_Init_b', '1_init', '2_users', '10_posts', '15_add_share', '15_boards']);
  });

  it('diesel: versions as text, so a diesel_cli 2.2 sub-version sorts by its time', () => {
    const ms = ['2024-01-02-000000_b', '2024-01-01-120000-0000_a', '9_x', '10_y'].map((d) => folderMigration(`migrations/${d}/up.sql`));
    expect(dirs(sortMigrations(ms, 'diesel'))).toEqual(['10_y', '2024-01-01-120000-0000_a', '2024-01-02-000000_b', '9_x']);
  });

  it('dbmate and the Supabase CLI: the files in name order (FindMigrations, ListLocalMigrations), whatever their versions say', () => {
    const names = (ms: { file: string }[]) => ms.map((m) => m.file.split('/').pop());
    const ms = folder('migrations', ['1_a.sql', '10_b.sql', '20240101_c.sql', '20240101000000_d.sql']);
    const byName = ['10_b.sql', '1_a.sql', '20240101000000_d.sql', '20240101_c.sql'];
    expect(names(sortMigrations(ms, 'dbmate'))).toEqual(byName);
    expect(names(sortMigrations(ms, 'supabase'))).toEqual(byName);
    expect(names(sortMigrations(ms))).toEqual(['1_a.sql', '10_b.sql', '20240101000000_d.sql', '20240101_c.sql']);
  });

  it('node-pg-migrate: by the leading number (17 digits a UTC time), then by file name, numbers as numbers, punctuation ignored', () => {
    const names = (ms: { file: string }[]) => ms.map((m) => m.file.split('/').pop()!.replace(/\.sql$/, ''));
    const ms = folder('migrations', ['003_ab', '003_a', '003_a10', '003_a9', '003-b', '003_B', '3_c', '0003_d', '20200513070724505_utc', '1700000000000_ms', '010_z', '9_y'].map((n) => `${n}.sql`));
    // The order of the rows node-pg-migrate 9.0.0 wrote in pgmigrations, running this folder on an empty database.
    expect(names(sortMigrations(ms, 'node-pg-migrate'))).toEqual([
      '003_a9', '003_a10', '003_ab', '003_a', '003-b', '003_B', '3_c', '0003_d', '9_y', '010_z', '20200513070724505_utc', '1700000000000_ms',
    ]);
    // Its number is no time line: an 8-digit date is a smaller number than any 14-digit timestamp.
    expect(names(sortMigrations(folder('migrations', ['20250126_x.sql', '20240101000000_y.sql']), 'node-pg-migrate'))).toEqual(['20250126_x', '20240101000000_y']);
  });
});
