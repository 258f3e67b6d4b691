// Each runner's history table, created and filled the way that runner writes it, read back by
// readHistoryTable on a real server; drift and out-of-order judged by the real rules.

import { createHash } from 'node:crypto';
import type { Migration } from '../../src/migration.js';
import type { GateOptions } from '../../src/options.js';
import type { HistoryEntry } from '../../src/history/history.js';
import { readHistoryTable } from '../../src/history/read-table.js';
import { checksumDrift } from '../../src/rules/checksum-drift.js';
import { outOfOrder } from '../../src/rules/out-of-order.js';
import { missingMigration } from '../../src/rules/missing-migration.js';
import { flywayChecksum } from '../../src/checksum/index.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';
import { serverWide } from '../support/postgres.js';
import { makeTree, removeTree } from '../support/repo.js';
import { runCli } from '../../src/cli.js';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

function deployOptions(db: ScratchDatabase, history: Partial<GateOptions['history']> = {}): GateOptions {
  return testOptions({
    mode: 'deploy',
    dryRun: { ...testOptions().dryRun, databaseUrl: db.url },
    history: { format: 'auto', write: false, ...history },
  });
}

/** A folder-per-migration file (Prisma), which build-migration's name parser does not read. */
function prismaMigration(folderName: string, content: string): Migration {
  const [, version, name] = folderName.match(/^(\d+)_(.+)$/)!;
  const bytes = Buffer.from(content);
  return {
    file: `prisma/migrations/${folderName}/migration.sql`,
    folder: 'prisma/migrations',
    version: version!,
    name: name!,
    scheme: 'folder',
    kind: 'versioned',
    bytes,
    sql: content,
    lineOffset: 0,
    transactional: true,
    runnerWraps: false,
  };
}

function byFile(entries: HistoryEntry[]): Record<string, HistoryEntry> {
  return Object.fromEntries(entries.map((e) => [e.file ?? `version:${e.version}`, e]));
}

function ruleFiles(rule: typeof checksumDrift, migrations: Migration[], history: Parameters<typeof checksumDrift.check>[0]['history'], options: GateOptions) {
  return rule.check({ migrations, history, options }).map((d) => d.file).sort();
}

describe('seed-runner (seed 001: version, name, applied_at, checksum, execution_time_ms, applied_by)', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('seed')));
  afterAll(async () => db.drop());

  it('reads applied rows with time and duration, tells apart two files sharing a version, and keeps a row without a file', async () => {
    const ms = [
      migration('migrations/001_migration_tracking.sql', 'create table t1(id int);\n'),
      migration('migrations/002_enhanced_requests.sql', 'create table t2(id int, edited int);\n'),
      migration('migrations/003_add_missing_request_columns.sql', 'alter table t2 add column a int;\n'),
      migration('migrations/003_add_unread_tracking.sql', 'alter table t2 add column b int;\n'),
      migration('migrations/004_late_file.sql', 'select 4;\n'),
      migration('migrations/005_direct_messaging.sql', 'select 5;\n'),
    ];
    await db.client.query(`CREATE TABLE schema_migrations (
      version VARCHAR(10) PRIMARY KEY, name VARCHAR(255) NOT NULL, applied_at TIMESTAMPTZ DEFAULT NOW(),
      checksum VARCHAR(64) NOT NULL, execution_time_ms INTEGER, applied_by VARCHAR(255) DEFAULT current_user)`);
    const insert = `INSERT INTO schema_migrations (version, name, checksum, execution_time_ms, applied_at) VALUES ($1, $2, $3, $4, $5)`;
    await db.client.query(insert, ['001', 'migration_tracking', sha256(ms[0]!.bytes), 41, '2024-05-01T12:00:00Z']);
    await db.client.query(insert, ['002', 'enhanced_requests', sha256('create table t2(id int);\n'), 7, '2024-05-02T12:00:00Z']);
    await db.client.query(insert, ['003', 'add_missing_request_columns', sha256(ms[2]!.bytes), 3, '2024-05-03T12:00:00Z']);
    await db.client.query(insert, ['005', 'direct_messaging', sha256(ms[5]!.bytes), 5, '2024-05-05T12:00:00Z']);
    await db.client.query(insert, ['006', 'removed_feature', sha256('x'), 1, '2024-05-06T12:00:00Z']);

    const options = deployOptions(db);
    const { history, findings } = await readHistoryTable(options, ms);
    expect(history.source).toBe('table:public.schema_migrations');
    expect(findings).toEqual([]);
    const e = byFile(history.entries);
    expect(Object.keys(e).sort()).toEqual([
      'migrations/001_migration_tracking.sql',
      'migrations/002_enhanced_requests.sql',
      'migrations/003_add_missing_request_columns.sql',
      'migrations/005_direct_messaging.sql',
      'migrations/006_removed_feature.sql',
    ]);
    expect(e['migrations/001_migration_tracking.sql']).toMatchObject({
      version: '001',
      state: 'applied',
      appliedAt: '2024-05-01T12:00:00.000Z',
      executionMs: 41,
      checksum: { algorithm: 'sha256', value: sha256(ms[0]!.bytes) },
    });
    // The runner-recorded name decides which 003 ran; the other one is pending.
    expect(e['migrations/003_add_unread_tracking.sql']).toBeUndefined();
    expect(ruleFiles(checksumDrift, ms, history, options)).toEqual(['migrations/002_enhanced_requests.sql']);
    expect(ruleFiles(outOfOrder, ms, history, options)).toEqual(['migrations/004_late_file.sql']);
  });
});

describe('filename (seed 002: version = file name, applied_at)', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('fname')));
  afterAll(async () => db.drop());

  it('maps file names to files and reports what is pending and out of order', async () => {
    const ms = ['001_init_schema.sql', '002_tenants_table.sql', '003_whatsapp_devices.sql'].map((n) => migration(`backend/migrations/${n}`));
    await db.client.query(`CREATE TABLE schema_migrations (version VARCHAR(255) PRIMARY KEY, applied_at TIMESTAMP DEFAULT NOW())`);
    await db.client.query(`INSERT INTO schema_migrations (version) VALUES ('001_init_schema.sql'), ('002_tenants_table.sql'), ('004_ai_configs.sql')`);
    const options = deployOptions(db);
    const { history } = await readHistoryTable(options, ms);
    const e = byFile(history.entries);
    expect(e['backend/migrations/001_init_schema.sql']).toMatchObject({ version: '001', state: 'applied' });
    expect(e['backend/migrations/001_init_schema.sql']!.appliedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(e['backend/migrations/003_whatsapp_devices.sql']).toBeUndefined();
    // The row without a file keeps the path the runner recorded, for missing-migration.
    expect(e['backend/migrations/004_ai_configs.sql']).toMatchObject({ version: '004', state: 'applied' });
    expect(ruleFiles(outOfOrder, ms, history, options)).toEqual(['backend/migrations/003_whatsapp_devices.sql']);
  });
});

describe('supabase (supabase_migrations.schema_migrations)', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('supa')));
  afterAll(async () => db.drop());

  it('is found in its own schema and matched by version', async () => {
    const ms = ['20240101000000_profiles.sql', '20240201000000_conversations.sql', '20240301000000_messages.sql'].map((n) => migration(`supabase/migrations/${n}`));
    await db.client.query(`CREATE SCHEMA supabase_migrations;
      CREATE TABLE supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY, statements text[], name text)`);
    await db.client.query(`INSERT INTO supabase_migrations.schema_migrations VALUES
      ('20240101000000', ARRAY['create table profiles()'], 'profiles'), ('20240301000000', ARRAY['select 1'], 'messages')`);
    const options = deployOptions(db);
    const { history } = await readHistoryTable(options, ms);
    expect(history.source).toBe('table:supabase_migrations.schema_migrations');
    expect(history.entries.map((e) => [e.file, e.state])).toEqual([
      ['supabase/migrations/20240101000000_profiles.sql', 'applied'],
      ['supabase/migrations/20240301000000_messages.sql', 'applied'],
    ]);
    expect(ruleFiles(outOfOrder, ms, history, options)).toEqual(['supabase/migrations/20240201000000_conversations.sql']);
  });

  it('matches versions as the CLI does, as text: a row 1 is not the file 001_init.sql', async () => {
    const ms = [migration('supabase/migrations/001_init.sql')];
    await db.client.query(`TRUNCATE supabase_migrations.schema_migrations; INSERT INTO supabase_migrations.schema_migrations (version, name) VALUES ('1', 'init')`);
    const { history } = await readHistoryTable(deployOptions(db), ms);
    expect(history.entries.map((e) => [e.version, e.file])).toEqual([['1', 'supabase/migrations/1_init.sql']]);
  });
});

describe('flyway (flyway_schema_history)', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('flyway')));
  afterAll(async () => db.drop());

  it('compares Flyway CRC32 checksums, reads a failed row as dirty with `flyway repair`, and applies repeatables by their latest run', async () => {
    // flyway/flyway issue #2474: Flyway 6.0.0 resolved this one-line file to -1039259818.
    const published = 'alter table location_history add column valid_until timestamp with time zone;\n';
    const ms = [
      migration('db/migration/V1__init.sql', 'create table location_history(id int);\n'),
      migration('db/migration/V1_1__add_column_location_history_valid_until.sql', published),
      migration('db/migration/V2__broken.sql', 'select 2;\n'),
      migration('db/migration/V2_5__late.sql', 'select 25;\n'),
      migration('db/migration/V3__more.sql', 'select 3;\n'),
      migration('db/migration/R__views.sql', 'create or replace view v as select 1;\n'),
      migration('db/migration/R__functions.sql', 'create or replace function f() returns int language sql as $$ select 2 $$;\n'),
    ];
    await db.client.query(`CREATE TABLE flyway_schema_history (
      installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,
      script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),
      execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)`);
    const row = `INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                 VALUES ($1, $2, $3, 'SQL', $4, $5, 'postgres', $6, $7)`;
    await db.client.query(row, [1, '1', 'init', 'V1__init.sql', 123456, 12, true]);
    await db.client.query(row, [2, '1.1', 'add column location history valid until', 'V1_1__add_column_location_history_valid_until.sql', -1039259818, 8, true]);
    await db.client.query(row, [3, '3', 'more', 'V3__more.sql', flywayChecksum(ms[4]!.bytes), 4, true]);
    await db.client.query(row, [4, '2', 'broken', 'V2__broken.sql', flywayChecksum(ms[2]!.bytes), 1, false]);
    await db.client.query(row, [5, null, 'views', 'R__views.sql', 99, 2, true]);
    await db.client.query(row, [6, '4', 'gone', 'V4__gone.sql', 1, 1, true]);
    // R__functions ran twice: an older text, then the current one.
    await db.client.query(row, [7, null, 'functions', 'R__functions.sql', 42, 3, true]);
    await db.client.query(row, [8, null, 'functions', 'R__functions.sql', flywayChecksum(ms[6]!.bytes), 5, true]);

    const options = deployOptions(db, { format: 'flyway' });
    const { history, findings } = await readHistoryTable(options, ms);
    const e = byFile(history.entries);
    expect(e['db/migration/V1_1__add_column_location_history_valid_until.sql']).toMatchObject({
      version: '1_1',
      state: 'applied',
      executionMs: 8,
      checksum: { algorithm: 'flyway', value: '-1039259818' },
    });
    expect(e['db/migration/V2__broken.sql']!.state).toBe('failed');
    expect(e['db/migration/V4__gone.sql']).toMatchObject({ version: '4' });
    // A repeatable is applied while its latest run has its checksum; changed (R__views), Flyway runs it again.
    expect(e['db/migration/R__views.sql']).toBeUndefined();
    expect(e['db/migration/R__functions.sql']).toMatchObject({ version: '', state: 'applied', executionMs: 5 });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'dirty-history', file: 'db/migration/V2__broken.sql' });
    expect(findings[0]!.suggestion).toContain('flyway repair');
    expect(ruleFiles(checksumDrift, ms, history, options)).toEqual(['db/migration/V1__init.sql']);
    expect(ruleFiles(outOfOrder, ms, history, options)).toEqual(['db/migration/V2_5__late.sql']);
  });

  it('takes a Java migration row for an applied version with no .sql file to miss, and still orders by it', async () => {
    await db.client.query(`TRUNCATE flyway_schema_history;
      INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
        (1, '1', 'init', 'SQL', 'V1__init.sql', NULL, 'postgres', 1, true),
        (2, '2', 'backfill', 'JDBC', 'db.migration.V2__backfill', NULL, 'postgres', 1, true)`);
    const ms = [migration('db/migration/V1__init.sql', 'select 1;\n'), migration('db/migration/V1_5__late.sql', 'select 15;\n')];
    const options = deployOptions(db, { format: 'flyway' });
    const { history } = await readHistoryTable(options, ms);
    expect(history.entries.map((e) => [e.version, e.file])).toEqual([['1', 'db/migration/V1__init.sql'], ['2', undefined]]);
    expect(ruleFiles(missingMigration, ms, history, options)).toEqual([]);
    expect(ruleFiles(outOfOrder, ms, history, options)).toEqual(['db/migration/V1_5__late.sql']);
  });
});

describe('prisma (_prisma_migrations)', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('prisma')));
  afterAll(async () => db.drop());

  it('reads finished, unfinished and rolled-back rows, with Prisma\'s own checksum leniency', async () => {
    const ms = [
      prismaMigration('20240101000000_init', 'hello'),
      prismaMigration('20240115000000_rolled_back', 'select 15;\n'),
      prismaMigration('20240201000000_edited', 'select 2; -- edited\n'),
      prismaMigration('20240301000000_failed', 'select 3;\n'),
      prismaMigration('20240401000000_crlf', 'select 4;\r\nselect 44;\r\n'),
    ];
    await db.client.query(`CREATE TABLE "_prisma_migrations" (
      "id" VARCHAR(36) NOT NULL PRIMARY KEY, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const row = `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, rolled_back_at, applied_steps_count)
                 VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 1)`;
    // prisma-engines' checksum test: render_checksum("hello").
    await db.client.query(row, ['2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', '20240101000000_init', '2024-01-01T00:00:00Z', '2024-01-01T00:00:01.250Z', null]);
    await db.client.query(row, [sha256('select 15;\n'), '20240115000000_rolled_back', '2024-01-15T00:00:00Z', null, '2024-01-15T00:10:00Z']);
    await db.client.query(row, [sha256('select 2;\n'), '20240201000000_edited', '2024-02-01T00:00:00Z', '2024-02-01T00:00:00.100Z', null]);
    await db.client.query(row, [sha256('select 3;\n'), '20240301000000_failed', '2024-03-01T00:00:00Z', null, null]);
    // Applied from a checkout with LF endings; Prisma accepts the CRLF file as the same.
    await db.client.query(row, [sha256('select 4;\nselect 44;\n'), '20240401000000_crlf', '2024-04-01T00:00:00Z', '2024-04-01T00:00:00Z', null]);

    const options = deployOptions(db);
    const { history, findings } = await readHistoryTable(options, ms);
    const e = byFile(history.entries);
    expect(e['prisma/migrations/20240101000000_init/migration.sql']).toMatchObject({ state: 'applied', executionMs: 1250, appliedAt: '2024-01-01T00:00:01.250Z' });
    expect(e['prisma/migrations/20240115000000_rolled_back/migration.sql']).toBeUndefined();
    expect(e['prisma/migrations/20240301000000_failed/migration.sql']!.state).toBe('failed');
    expect(findings.map((f) => f.file)).toEqual(['prisma/migrations/20240301000000_failed/migration.sql']);
    expect(findings[0]!.suggestion).toContain('prisma migrate resolve --rolled-back 20240301000000_failed');
    expect(findings[0]!.suggestion).toContain('prisma migrate resolve --applied 20240301000000_failed');
    expect(ruleFiles(checksumDrift, ms, history, options)).toEqual(['prisma/migrations/20240201000000_edited/migration.sql']);
  });
});

describe('golang-migrate (schema_migrations(version bigint, dirty bool))', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('gomig')));
  afterAll(async () => db.drop());

  it('counts every file up to the recorded version as applied and a dirty row as dirty with `migrate force`', async () => {
    const ms = ['000001_a.up.sql', '000002_b.up.sql', '000003_c.up.sql', '000004_d.up.sql'].map((n) => migration(`db/migrations/${n}`));
    await db.client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL, dirty boolean NOT NULL);
      CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)`);
    await db.client.query(`INSERT INTO schema_migrations VALUES (3, true)`);
    const { history, findings } = await readHistoryTable(deployOptions(db), ms);
    expect(history.entries.map((e) => [e.file, e.state])).toEqual([
      ['db/migrations/000001_a.up.sql', 'applied'],
      ['db/migrations/000002_b.up.sql', 'applied'],
      ['db/migrations/000003_c.up.sql', 'dirty'],
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.suggestion).toContain('force 3');
    expect(findings[0]!.suggestion).toContain('force 2');
  });
});

describe('dbmate (schema_migrations(version))', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('dbmate')));
  afterAll(async () => db.drop());

  it('is told apart from the file-name format by its rows, and matched by version', async () => {
    const ms = ['20240101000000_a.sql', '20240201000000_b.sql', '20240301000000_c.sql'].map((n) => migration(`db/migrations/${n}`, 'select 1;\n', 'dbmate'));
    await db.client.query(`CREATE TABLE schema_migrations (version character varying(128) NOT NULL PRIMARY KEY)`);
    await db.client.query(`INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240301000000')`);
    const options = deployOptions(db);
    const { history } = await readHistoryTable(options, ms);
    expect(history.entries.map((e) => e.file)).toEqual(['db/migrations/20240101000000_a.sql', 'db/migrations/20240301000000_c.sql']);
    expect(ruleFiles(outOfOrder, ms, history, { ...options, preset: 'dbmate' })).toEqual(['db/migrations/20240201000000_b.sql']);
  });

  it('matches a row by the exact text of the version, as dbmate looks it up: row 3 is not the file 003_', async () => {
    const ms = ['003_a.sql', '4_b.sql'].map((n) => migration(`db/migrations/${n}`, 'select 1;\n', 'dbmate'));
    await db.client.query(`TRUNCATE schema_migrations; INSERT INTO schema_migrations VALUES ('3'), ('4')`);
    const { history } = await readHistoryTable(deployOptions(db), ms);
    expect(history.entries.map((e) => [e.version, e.file])).toEqual([
      ['3', 'db/migrations/3'],
      ['4', 'db/migrations/4_b.sql'],
    ]);
  });
});

describe('node-pg-migrate (pgmigrations(id, name, run_on))', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('npm')));
  afterAll(async () => db.drop());

  it('matches names to file names without extension', async () => {
    const ms = ['1700000000000_create-users.sql', '1700000001000_add-email.sql'].map((n) => migration(`migrations/${n}`));
    await db.client.query(`CREATE TABLE pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)`);
    await db.client.query(`INSERT INTO pgmigrations (name, run_on) VALUES ('1700000000000_create-users', '2024-01-01 10:00:00')`);
    const { history } = await readHistoryTable(deployOptions(db), ms);
    expect(history.entries).toEqual([
      expect.objectContaining({ file: 'migrations/1700000000000_create-users.sql', version: '1700000000000', state: 'applied' }),
    ]);
  });

  it('names a run migration whose file is gone from the root folder by its name alone, as discovery names files there', async () => {
    await db.client.query(`CREATE TABLE IF NOT EXISTS pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)`);
    await db.client.query(`TRUNCATE pgmigrations; INSERT INTO pgmigrations (name, run_on) VALUES ('1700000000000_gone', '2024-01-01 10:00:00')`);
    const options = { ...deployOptions(db), folders: [{ path: '.' }] };
    const { history } = await readHistoryTable(options, []);
    expect(history.entries.map((e) => e.file)).toEqual(['1700000000000_gone.sql']);
    expect(ruleFiles(missingMigration, [], history, options)).toEqual(['1700000000000_gone.sql']);
  });
});

describe('sqlx (_sqlx_migrations)', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('sqlx')));
  afterAll(async () => db.drop());

  it('compares SHA-384 checksums stored as bytea and reads success = false as partially applied', async () => {
    const ms = [migration('migrations/20240101000000_abc.sql', 'abc'), migration('migrations/20240201000000_partial.sql', 'select 2;\n')];
    await db.client.query(`CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL,
      installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL)`);
    // FIPS 180-2's SHA-384 example: "abc".
    const abc = 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7';
    await db.client.query(`INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES
      (20240101000000, 'abc', true, decode($1, 'hex'), 3500000), (20240201000000, 'partial', false, decode($2, 'hex'), 10)`, [abc, '00']);
    const options = deployOptions(db);
    const { history, findings } = await readHistoryTable(options, ms);
    expect(byFile(history.entries)['migrations/20240101000000_abc.sql']).toMatchObject({ executionMs: 4, checksum: { algorithm: 'sqlx', value: abc } });
    expect(findings.map((f) => f.file)).toEqual(['migrations/20240201000000_partial.sql']);
    expect(findings[0]!.suggestion).toContain('DELETE FROM _sqlx_migrations WHERE version = 20240201000000');
    expect(ruleFiles(checksumDrift, ms, history, options)).toEqual([]);
  });
});

describe('applied times on a database whose TimeZone is not UTC', () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await scratchDatabase('test_tz');
    // Under the url engine's run lock: a dry-run in another test file would otherwise put the setting back as its own change.
    await serverWide(`ALTER DATABASE ${db.name} SET timezone = 'Asia/Tokyo'`);
    // The runner's session, as node-pg, libpq and a JVM in the database's zone open it.
    await db.client.query(`SET timezone = 'Asia/Tokyo'`);
  });
  afterAll(async () => db.drop());
  beforeEach(async () => {
    await db.client.query('DROP TABLE IF EXISTS pgmigrations, flyway_schema_history, __diesel_schema_migrations, schema_migrations, _sqlx_migrations');
  });

  // Each table as its runner creates it, and the row as it writes it, now() filling the time.
  it.each([
    ['node-pg-migrate', 'CREATE TABLE pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)',
      "INSERT INTO pgmigrations (name, run_on) VALUES ('1700000000000_noop', NOW())"],
    ['flyway', `CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL,
      type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL,
      installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)`,
      "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 1, 'me', 5, true)"],
    ['diesel', 'CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)',
      "INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101000000')"],
    ['filename', 'CREATE TABLE schema_migrations (version VARCHAR(255) PRIMARY KEY, applied_at TIMESTAMP DEFAULT NOW())',
      "INSERT INTO schema_migrations (version) VALUES ('001_init.sql')"],
    ['seed-runner', 'CREATE TABLE schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamp DEFAULT now(), checksum text NOT NULL)',
      "INSERT INTO schema_migrations (version, name, checksum) VALUES ('001', 'init', 'x')"],
    ['sqlx', `CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
      success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL)`,
      "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (1, 'init', true, '\\x00', 1)"],
  ])('%s: the time read back is the instant the row was written', async (_format, create, insert) => {
    await db.client.query(create);
    await db.client.query(insert);
    const { history } = await readHistoryTable(deployOptions(db), []);
    expect(history.source).toMatch(/^table:/);
    expect(history.entries).toHaveLength(1);
    expect(Math.abs(Date.parse(history.entries[0]!.appliedAt!) - Date.now())).toBeLessThan(60_000);
  });

  it('status prints the UTC time node-pg-migrate ran the file, not its Tokyo wall clock', async () => {
    await db.client.query('CREATE TABLE pgmigrations (id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)');
    await db.client.query("INSERT INTO pgmigrations (name, run_on) VALUES ('1700000000000_noop', NOW())");
    const root = makeTree({ 'migrations/1700000000000_noop.sql': '-- Up Migration\nSELECT 1;\n' });
    try {
      let stdout = '';
      const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, env: {}, cwd: root, color: false };
      expect(await runCli(['status', '--database-url', db.url, 'migrations', '--preset', 'node-pg-migrate'], io)).toBe(0);
      const shown = stdout.match(/✓ migrations\/1700000000000_noop\.sql\s+(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/)?.[1];
      expect(Math.abs(Date.parse(`${shown}Z`) - Date.now())).toBeLessThan(60_000);
    } finally {
      removeTree(root);
    }
  });
});
