import { nameOrder } from '../../src/rules/name-order.js';
import type { Migration } from '../../src/migration.js';
import type { PresetName } from '../../src/options.js';
import { folder } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';

const check = (migrations: Migration[], preset: PresetName = 'generic') =>
  nameOrder.check({ migrations, history: null, options: testOptions({ preset }) });

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

  it('quiet for runners that sort by version and for Flyway names', () => {
    const ms = folder('db', ['0009-y.sql', '00010-x.sql']);
    expect(check(ms, 'golang-migrate')).toEqual([]);
    expect(check(ms, 'flyway')).toEqual([]);
    expect(check(folder('sql', ['V9__a.sql', 'V10__b.sql']))).toEqual([]);
  });
});
