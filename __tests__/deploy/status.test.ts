// status against a real server: the report and terminal view from a seed-001 history, through the
// registered rules, and a target left byte-for-byte unchanged (pg_dump before and after).

import { createHash } from 'node:crypto';
import { readStatus, renderStatus } from '../../src/deploy/status.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { scratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { dumpDatabase } from '../support/postgres.js';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

let db: ScratchDatabase;
beforeAll(async () => (db = await scratchDatabase('status')));
afterAll(async () => db.drop());

const dump = () => dumpDatabase(db.url);

it('lists applied files with time and duration, pending files, and the rules\' findings, without changing the target', async () => {
  const ms = [
    migration('migrations/001_migration_tracking.sql', 'create table t(id int);\n'),
    migration('migrations/002_requests.sql', 'alter table t add column b int; -- edited after it ran\n'),
    migration('migrations/003_pins.sql', 'select 3;\n'),
  ];
  await db.client.query(`CREATE TABLE schema_migrations (version VARCHAR(10) PRIMARY KEY, name VARCHAR(255) NOT NULL,
    applied_at TIMESTAMPTZ DEFAULT NOW(), checksum VARCHAR(64) NOT NULL, execution_time_ms INTEGER, applied_by VARCHAR(255) DEFAULT current_user)`);
  await db.client.query(`INSERT INTO schema_migrations (version, name, checksum, execution_time_ms, applied_at) VALUES
    ('001', 'migration_tracking', $1, 41, '2024-05-01T12:00:00Z'), ('002', 'requests', $2, 7, '2024-05-02T08:30:00Z')`,
    [sha256(ms[0]!.bytes), sha256('alter table t add column b int;\n')]);
  const before = dump();

  const options = testOptions({ mode: 'deploy', dryRun: { ...testOptions().dryRun, databaseUrl: db.url } });
  const report = await readStatus(options, ms);
  expect(dump()).toBe(before);

  expect(report.base).toBe('table:public.schema_migrations');
  expect(report.migrations.map((m) => [m.file, m.status, m.appliedAt, m.executionMs])).toEqual([
    ['migrations/001_migration_tracking.sql', 'applied', '2024-05-01T12:00:00.000Z', 41],
    ['migrations/002_requests.sql', 'applied', '2024-05-02T08:30:00.000Z', 7],
    ['migrations/003_pins.sql', 'pending', undefined, undefined],
  ]);
  expect(report.findings.map((f) => [f.rule, f.file])).toContainEqual(['checksum-drift', 'migrations/002_requests.sql']);
  expect(report.summary.pending).toBe(1);
  expect(report.verdict).toBe('fail');

  const text = renderStatus(report);
  expect(text).toContain('Applied (2)');
  expect(text).toMatch(/✓ migrations\/001_migration_tracking\.sql\s+2024-05-01 12:00:00 UTC {2}41 ms/);
  expect(text).toContain('Pending (1)\n  • migrations/003_pins.sql');
  expect(text).toMatch(/✗ checksum-drift {2}migrations\/002_requests\.sql: /);
  expect(text.trimEnd().split('\n').at(-1)).toBe('2 applied, 1 pending, 3 total');
});
