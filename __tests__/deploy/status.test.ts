// status against a real server: the report and terminal view from a seed-001 history, through the
// registered rules, and a target left byte-for-byte unchanged (pg_dump before and after).

import { createHash } from 'node:crypto';
import { readStatus, renderStatus } from '../../src/deploy/status.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { scratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { dumpDatabase } from '../support/postgres.js';
import { HISTORY_TABLES } from '../../src/history/tables/index.js';
import { makeTree, removeTree } from '../support/repo.js';
import { runCli } from '../../src/cli.js';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

let db: ScratchDatabase;
beforeAll(async () => (db = await scratchDatabase('status')));
afterAll(async () => db.drop());

const dump = () => dumpDatabase(db.url);

/** Each test works in its own schema, its URL's search path. */
async function freshSchema(name: string): Promise<string> {
  await db.client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE; CREATE SCHEMA ${name}`);
  return `${db.url}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
}

/** `migration-gate status` on a folder tree made for the call, as a user runs it. */
async function status(files: Record<string, string>, argv: string[]): Promise<{ code: number; stdout: string }> {
  const root = makeTree(files);
  try {
    let stdout = '';
    const code = await runCli(['status', ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), env: {}, cwd: root, color: false });
    return { code, stdout };
  } finally {
    removeTree(root);
  }
}

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
  const status = await readStatus(options, ms);
  const { report } = status;
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

  const text = renderStatus(status);
  expect(text).toContain('Applied (2)');
  expect(text).toMatch(/✓ migrations\/001_migration_tracking\.sql\s+2024-05-01 12:00:00 UTC {2}41 ms/);
  expect(text).toContain('Pending (1)\n  • migrations/003_pins.sql');
  expect(text).toMatch(/✗ checksum-drift {2}migrations\/002_requests\.sql: /);
  expect(text.trimEnd().split('\n').at(-1)).toBe('2 applied, 1 pending, 3 total');
});

describe('a history the runner refuses to go on from', () => {
  // Each runner's own failed row: golang-migrate's dirty version, Prisma's unfinished row, Flyway's success = false.
  it.each<{ runner: string; table: string; files: Record<string, string>; failed: string; repair: string; counts: string }>([
    {
      runner: 'golang-migrate',
      table: `CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null); INSERT INTO schema_migrations VALUES (2, true)`,
      files: { 'migrations/000001_a.up.sql': 'select 1;\n', 'migrations/000002_b.up.sql': 'select 2;\n', 'migrations/000003_c.up.sql': 'select 3;\n' },
      failed: 'migrations/000002_b.up.sql',
      repair: '`migrate -path migrations -database "$DATABASE_URL" force 1` to run version 2 again',
      counts: '1 applied, 2 pending, 3 total',
    },
    {
      runner: 'prisma',
      table: `CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) NOT NULL PRIMARY KEY, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0);
        INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'c', '20240101000000_init')`,
      files: { 'prisma/migrations/20240101000000_init/migration.sql': 'select 1;\n' },
      failed: 'prisma/migrations/20240101000000_init/migration.sql',
      repair: '`prisma migrate resolve --rolled-back 20240101000000_init`',
      counts: '0 applied, 1 pending, 1 total',
    },
    {
      runner: 'flyway',
      table: `CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL,
        type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL,
        installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL);
        INSERT INTO flyway_schema_history VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 0, 'me', now(), 1, false)`,
      files: { 'db/migrations/V1__init.sql': 'select 1;\n' },
      failed: 'db/migrations/V1__init.sql',
      repair: 'run `flyway repair` to remove the failed row',
      counts: '0 applied, 1 pending, 1 total',
    },
  ])('under $runner: exits 1, says first that the database is blocked, marks the failed migration, and gives the repair', async ({ runner, table, files, failed, repair, counts }) => {
    const url = await freshSchema(`s_blocked_${runner.replace(/-/g, '_')}`);
    await db.client.query(table.replace(/(CREATE TABLE |INSERT INTO )/g, `$1s_blocked_${runner.replace(/-/g, '_')}.`));
    const out = await status(files, ['--preset', runner, '--database-url', url]);
    expect(out.code).toBe(1);
    const lines = out.stdout.split('\n');
    expect(lines[2]).toBe('Blocked: the runner migrates nothing here, and neither does apply, until the history is repaired (dirty-history, under Problems).');
    expect(out.stdout).toMatch(new RegExp(`\\n {2}✗ ${failed.replace(/[./]/g, '\\$&')}\\s+failed: repair it first \\(below\\)\\n`));
    expect(out.stdout).toMatch(new RegExp(`✗ dirty-history {2}${failed.replace(/[./]/g, '\\$&')}: `));
    expect(out.stdout).toContain(repair);
    expect(out.stdout.trimEnd().split('\n').at(-1)).toBe(counts);
  });
});

describe('a target without a history table', () => {
  const files = { 'migrations/001_a.sql': 'create table if not exists a (id int);\n' };

  it.each(HISTORY_TABLES.map((t) => t.format))("says plainly that %s's history table does not exist yet and nothing is applied", async (format) => {
    const url = await freshSchema(`s_none_${format.replace(/-/g, '_')}`);
    const out = await status(files, ['migrations', '--history', format, '--database-url', url]);
    expect(out.code).toBe(0);
    const table = HISTORY_TABLES.find((t) => t.format === format)!.defaultTable;
    const name = `${table.schema ?? `s_none_${format.replace(/-/g, '_')}`}.${table.name}`;
    expect(out.stdout).toContain(`History: none: ${name}, ${format}'s history table, does not exist yet, so nothing is applied\n`);
    expect(out.stdout).toContain('Applied (0)\n  none: the database has no history table yet\n');
    expect(out.stdout).toContain('Pending (1)\n  • migrations/001_a.sql\n');
  });

  it('says so when no known runner\'s table exists, and names the table when it exists but is empty', async () => {
    const url = await freshSchema('s_none_auto');
    const none = await status(files, ['migrations', '--database-url', url]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('History: none: no history table of a known runner exists here, so nothing is applied yet (set history and history-table if yours is elsewhere)\n');
    await db.client.query(`CREATE TABLE s_none_auto.schema_migrations (version bigint not null primary key, dirty boolean not null)`);
    const empty = await status(files, ['migrations', '--preset', 'golang-migrate', '--database-url', url]);
    expect(empty.stdout).toContain('History: table:s_none_auto.schema_migrations\n\nApplied (0)\n  none\n');
  });
});
