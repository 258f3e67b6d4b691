// The runner's own settings in a deploy: where its history table is (Flyway's table and defaultSchema, golang-migrate's
// x-migrations-table), and what it does before the first migration (Flyway's createSchemas), read through the CLI on a
// real server as the runner would read them.

import { runCli } from '../../src/cli.js';
import { flywayChecksum } from '../../src/checksum/index.js';
import { commit } from '../support/graphile.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { scratchDatabase, type ScratchDatabase } from './scratch-database.js';
import type { Report } from '../../src/report/report.js';

let db: ScratchDatabase;
beforeAll(async () => (db = await scratchDatabase('runner_settings')));
afterAll(async () => db.drop());

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

async function cli(files: Tree, argv: string[]) {
  const root = makeTree(files);
  roots.push(root);
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root, color: false });
  return { code, stdout, stderr };
}

const rows = async (sql: string) => (await db.client.query(sql)).rows;

/** graphile-migrate's history table, as it makes it on its first run (migration.ts _migrateMigrationSchema), with no rows. */
async function emptyGraphileTable(): Promise<void> {
  await db.client.query(`CREATE SCHEMA IF NOT EXISTS graphile_migrate;
    CREATE TABLE IF NOT EXISTS graphile_migrate.migrations (hash text primary key, previous_hash text references graphile_migrate.migrations,
      filename text not null, date timestamptz not null default now());
    TRUNCATE graphile_migrate.migrations`);
}

/** Flyway's history table, as Flyway creates it on PostgreSQL. */
const FLYWAY_COLUMNS = `(
  installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,
  script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),
  execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)`;

describe("Flyway's table, defaultSchema and createSchemas", () => {
  const V1 = 'create table accounts (id int);\n';
  const V2 = 'create table audit.events (id int);\ncreate table ledger (id int);\n';
  const files = (conf: string) => ({ 'flyway.conf': conf, 'migrations/V1__accounts.sql': V1, 'migrations/V2__ledger.sql': V2 });
  const CONF = 'flyway.defaultSchema=billing\nflyway.schemas=billing,audit\nflyway.table=deploy_log\n';

  beforeAll(async () => {
    // What Flyway left after V1: its table in the default schema, under the configured name; `audit` is new to the config.
    await db.client.query(`CREATE SCHEMA billing; CREATE TABLE billing.accounts (id int);
      CREATE TABLE billing.deploy_log ${FLYWAY_COLUMNS}`);
    await db.client.query(
      `INSERT INTO billing.deploy_log (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
       VALUES (1, '1', 'accounts', 'SQL', 'V1__accounts.sql', $1, 'postgres', 3, true)`,
      [flywayChecksum(Buffer.from(V1))],
    );
  });

  test('status and check --mode deploy read the table flyway.conf names, in its default schema', async () => {
    const status = await cli(files(CONF), ['status', 'migrations', '--preset', 'flyway', '--database-url', db.url]);
    expect(status.stderr).toBe('');
    expect(status.stdout).toContain('History: table:billing.deploy_log');
    expect(status.stdout).toContain('1 applied, 1 pending, 2 total');

    const check = await cli(files(CONF), ['check', 'migrations', '--mode', 'deploy', '--preset', 'flyway', '--engine', 'pglite', '--database-url', db.url, '--format', 'json']);
    const report = JSON.parse(check.stdout) as Report;
    expect(report.base).toBe('table:billing.deploy_log');
    expect(report.migrations.map((m) => [m.file, m.status])).toEqual([
      ['migrations/V1__accounts.sql', 'applied'],
      ['migrations/V2__ledger.sql', 'pending'],
    ]);
    // The dry-run made `audit` as Flyway does, and ran V2 in the default schema.
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.changes.map((c) => c.name)])).toEqual([
      ['migrations/V2__ledger.sql', 'applied', ['audit.events', 'billing.ledger']],
    ]);
    expect(check.code).toBe(0);
  });

  test('.migration-gate.yml history-table, then --history-table, win over flyway.conf', async () => {
    await db.client.query(`CREATE TABLE public.other_history (LIKE billing.deploy_log)`);
    const yml = await cli({ ...files(CONF), '.migration-gate.yml': 'history:\n  table: public.other_history\n' }, [
      'status', 'migrations', '--preset', 'flyway', '--database-url', db.url,
    ]);
    expect(yml.stdout).toContain('History: table:public.other_history');
    expect(yml.stdout).toContain('0 applied, 2 pending, 2 total');
    const flag = await cli({ ...files(CONF), '.migration-gate.yml': 'history:\n  table: public.other_history\n' }, [
      'status', 'migrations', '--preset', 'flyway', '--database-url', db.url, '--history-table', 'billing.deploy_log',
    ]);
    expect(flag.stdout).toContain('1 applied, 1 pending, 2 total');
  });

  test('apply creates the schema Flyway would create, then applies and records in the configured table', async () => {
    const missingFirst = await rows(`SELECT 1 FROM pg_namespace WHERE nspname = 'audit'`);
    expect(missingFirst).toEqual([]);
    const apply = await cli(files(CONF), ['apply', 'migrations', '--preset', 'flyway', '--history-write', '--database-url', db.url]);
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toContain('created schema audit, as Flyway creates a missing schema it manages before it migrates');
    expect(apply.stdout).toContain('1 applied, 1 skipped, 2 total');
    expect(await rows(`SELECT version, script, success FROM billing.deploy_log ORDER BY installed_rank`)).toEqual([
      { version: '1', script: 'V1__accounts.sql', success: true },
      { version: '2', script: 'V2__ledger.sql', success: true },
    ]);
    expect(await rows(`SELECT schemaname FROM pg_tables WHERE tablename = 'events'`)).toEqual([{ schemaname: 'audit' }]);
    // Flyway puts its default schema in front of the search path before each migration: V2's unqualified table is there.
    expect(await rows(`SELECT schemaname FROM pg_tables WHERE tablename = 'ledger'`)).toEqual([{ schemaname: 'billing' }]);
  });
});

describe("apply runs each migration on the runner's search path", () => {
  const rowsIn = (schema: string) => rows(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = '${schema}' ORDER BY 1`);

  test("Flyway's default schema, before every migration, in its transaction or (CONCURRENTLY) outside one", async () => {
    await db.client.query(`CREATE SCHEMA sales; CREATE TABLE sales.flyway_schema_history ${FLYWAY_COLUMNS}`);
    const files = {
      'flyway.toml': '[flyway]\ndefaultSchema = "sales"\n',
      'migrations/V1__orders.sql': 'create table orders (id int);\nset search_path = public;\ncreate table stray (id int);\n',
      'migrations/V2__index.sql': 'create index concurrently orders_id on orders (id);\n',
      'migrations/V3__lines.sql': 'create table order_lines (id int);\n',
    };
    const apply = await cli(files, ['apply', 'migrations', '--preset', 'flyway', '--history-write', '--database-url', db.url]);
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toContain('3 applied, 0 skipped, 3 total');
    // V1's own SET lasts to its end; V2 and V3 start on Flyway's path again.
    expect(await rowsIn('sales')).toEqual([{ name: 'flyway_schema_history' }, { name: 'order_lines' }, { name: 'orders' }]);
    expect(await rows(`SELECT schemaname FROM pg_tables WHERE tablename = 'stray'`)).toEqual([{ schemaname: 'public' }]);
    expect(await rows(`SELECT schemaname FROM pg_indexes WHERE indexname = 'orders_id'`)).toEqual([{ schemaname: 'sales' }]);
    expect(await rows(`SELECT version, script, success FROM sales.flyway_schema_history ORDER BY installed_rank`)).toEqual([
      { version: '1', script: 'V1__orders.sql', success: true },
      { version: '2', script: 'V2__index.sql', success: true },
      { version: '3', script: 'V3__lines.sql', success: true },
    ]);
  });

  test('Flyway leaves the path alone while its default schema does not exist (createSchemas off), as Flyway does', async () => {
    await db.client.query(`CREATE TABLE public.flyway_schema_history ${FLYWAY_COLUMNS}`);
    const files = {
      'flyway.conf': 'flyway.defaultSchema=later\nflyway.createSchemas=false\n',
      'migrations/V1__schema.sql': 'create schema later;\ncreate table before_it (id int);\n',
      'migrations/V2__after.sql': 'create table after_it (id int);\n',
    };
    const apply = await cli(files, ['apply', 'migrations', '--preset', 'flyway', '--history-write', '--history-table', 'public.flyway_schema_history', '--database-url', db.url]);
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toContain('2 applied, 0 skipped, 2 total');
    expect(await rows(`SELECT schemaname, tablename FROM pg_tables WHERE tablename IN ('before_it', 'after_it') ORDER BY 2 DESC`)).toEqual([
      { schemaname: 'public', tablename: 'before_it' },
      { schemaname: 'later', tablename: 'after_it' },
    ]);
  });

  test("Flyway without a default schema: the connection's current one, in front again before each migration", async () => {
    await db.client.query(`CREATE TABLE public.plain_history ${FLYWAY_COLUMNS}`);
    const files = {
      'migrations/V1__elsewhere.sql': 'create schema elsewhere;\nset search_path = elsewhere;\ncreate table in_elsewhere (id int);\n',
      'migrations/V2__next.sql': 'create table next_in_public (id int);\n',
    };
    const apply = await cli(files, ['apply', 'migrations', '--preset', 'flyway', '--history-write', '--history-table', 'public.plain_history', '--database-url', db.url]);
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toContain('2 applied, 0 skipped, 2 total');
    // V1's SET lasts to its end: Flyway puts public (current_schema when it connected) in front of the path before V2.
    expect(await rows(`SELECT schemaname, tablename FROM pg_tables WHERE tablename IN ('in_elsewhere', 'next_in_public') ORDER BY 2`)).toEqual([
      { schemaname: 'elsewhere', tablename: 'in_elsewhere' },
      { schemaname: 'public', tablename: 'next_in_public' },
    ]);
  });

  test(".gmrc's pgSettings.search_path, while the history row goes to graphile_migrate.migrations", async () => {
    const first = commit('create table profiles (id int);\n', null);
    const second = commit('--! no-transaction\ncreate index concurrently profiles_id on profiles (id);\n', first.hash);
    await db.client.query(`CREATE SCHEMA app_public`);
    await emptyGraphileTable();
    const files = {
      '.gmrc': '{ pgSettings: { search_path: "app_public, public" } }\n',
      'migrations/committed/000001.sql': first.text,
      'migrations/committed/000002.sql': second.text,
    };
    const apply = await cli(files, ['apply', 'migrations/committed', '--preset', 'graphile-migrate', '--history-write', '--database-url', db.url]);
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toContain('2 applied, 0 skipped, 2 total');
    expect(await rowsIn('app_public')).toEqual([{ name: 'profiles' }]);
    expect(await rows(`SELECT schemaname FROM pg_indexes WHERE indexname = 'profiles_id'`)).toEqual([{ schemaname: 'app_public' }]);
    expect(await rows(`SELECT filename, hash FROM graphile_migrate.migrations ORDER BY filename`)).toEqual([
      { filename: '000001.sql', hash: first.hash },
      { filename: '000002.sql', hash: second.hash },
    ]);
  });
});

test("apply fills graphile-migrate's :DATABASE_NAME with the target's name, in strings too", async () => {
  await emptyGraphileTable();
  const file = commit("grant connect on database :DATABASE_NAME to :DATABASE_OWNER;\ncomment on database :DATABASE_NAME is 'the :DATABASE_NAME database';\n", null);
  const apply = await cli({ 'migrations/committed/000001.sql': file.text }, [
    'apply', 'migrations/committed', '--preset', 'graphile-migrate', '--history-write', '--database-url', db.url,
  ]);
  expect(apply.stderr).toBe('');
  expect(apply.stdout).toContain('1 applied, 0 skipped, 1 total');
  expect(await rows(`SELECT shobj_description(oid, 'pg_database') AS comment, datacl IS NOT NULL AS granted
    FROM pg_database WHERE datname = current_database()`)).toEqual([{ comment: `the ${db.name} database`, granted: true }]);
  expect(await rows(`SELECT filename, hash FROM graphile_migrate.migrations`)).toEqual([{ filename: '000001.sql', hash: file.hash }]);
});

describe("golang-migrate's x- parameters in the database URL", () => {
  const files = {
    'migrations/000001_users.up.sql': 'create table users (id int);\n',
    'migrations/000001_users.down.sql': 'drop table users;\n',
    'migrations/000002_orders.up.sql': 'create table orders (id int);\n',
    'migrations/000002_orders.down.sql': 'drop table orders;\n',
  };
  const url = (query: string) => `${db.url}?${query}`;

  beforeAll(async () => {
    // As golang-migrate makes its table (ensureVersionTable), under the configured names, after version 1.
    await db.client.query(`CREATE SCHEMA gm; CREATE TABLE gm.users (id int);
      CREATE TABLE gm.versions (version bigint not null primary key, dirty boolean not null); INSERT INTO gm.versions VALUES (1, false);
      CREATE TABLE gm."Versions" (version bigint not null primary key, dirty boolean not null); INSERT INTO gm."Versions" VALUES (2, false)`);
  });

  test('x-migrations-table is the history table status reads, whatever other x- parameters the URL carries', async () => {
    const status = await cli(files, ['status', 'migrations', '--preset', 'golang-migrate', '--database-url', url('search_path=gm&x-migrations-table=versions&x-multi-statement=true&x-statement-timeout=60000')]);
    expect(status.stderr).toBe('');
    expect(status.stdout).toContain('History: table:gm.versions');
    expect(status.stdout).toContain('1 applied, 1 pending, 2 total');
    // Taken as one exact name, as the driver quotes it; quoted, it may name its schema.
    const exact = await cli(files, ['status', 'migrations', '--preset', 'golang-migrate', '--database-url', url('search_path=gm&x-migrations-table=Versions')]);
    expect(exact.stdout).toContain('History: table:gm.Versions');
    expect(exact.stdout).toContain('2 applied, 0 pending, 2 total');
    const quotedTable = await cli(files, ['status', 'migrations', '--preset', 'golang-migrate', '--database-url', url(`x-migrations-table=${encodeURIComponent('"gm"."versions"')}&x-migrations-table-quoted=1`)]);
    expect(quotedTable.stdout).toContain('History: table:gm.versions');
    // --history-table still wins.
    const flag = await cli(files, ['status', 'migrations', '--preset', 'golang-migrate', '--history-table', '"gm"."Versions"', '--database-url', url('x-migrations-table=versions')]);
    expect(flag.stdout).toContain('History: table:gm.Versions');
  });

  test('apply records in the x-migrations-table table', async () => {
    const apply = await cli(files, ['apply', 'migrations', '--preset', 'golang-migrate', '--history-write', '--database-url', url('search_path=gm&x-migrations-table=versions&x-no-lock=true')]);
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toContain('1 applied, 1 skipped, 2 total');
    expect(await rows(`SELECT version::int, dirty FROM gm.versions`)).toEqual([{ version: 2, dirty: false }]);
  });

  test('a quoted setting golang-migrate refuses is a user error that says what it must be', async () => {
    const unquoted = await cli(files, ['status', 'migrations', '--preset', 'golang-migrate', '--database-url', url('x-migrations-table=gm.versions&x-migrations-table-quoted=true')]);
    expect(unquoted).toMatchObject({
      code: 2,
      stderr: `migration-gate: The database URL's x-migrations-table must be "table" or "schema"."table" when x-migrations-table-quoted is on, as golang-migrate requires; got "gm.versions"\n`,
    });
    const notBool = await cli(files, ['status', 'migrations', '--preset', 'golang-migrate', '--database-url', url('x-migrations-table=v&x-migrations-table-quoted=yes')]);
    expect(notBool.stderr).toBe(`migration-gate: The database URL's x-migrations-table-quoted must be true or false, as golang-migrate requires; got "yes"\n`);
  });
});
