// The runner's own settings in a deploy: where its history table is (Flyway's table and defaultSchema, golang-migrate's
// x-migrations-table), and what it does before the first migration (Flyway's createSchemas), read through the CLI on a
// real server as the runner would read them.

import { runCli } from '../../src/cli.js';
import { flywayChecksum } from '../../src/checksum/index.js';
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

describe("Flyway's table, defaultSchema and createSchemas", () => {
  const V1 = 'create table accounts (id int);\n';
  const V2 = 'create table audit.events (id int);\ncreate table ledger (id int);\n';
  const files = (conf: string) => ({ 'flyway.conf': conf, 'migrations/V1__accounts.sql': V1, 'migrations/V2__ledger.sql': V2 });
  const CONF = 'flyway.defaultSchema=billing\nflyway.schemas=billing,audit\nflyway.table=deploy_log\n';

  beforeAll(async () => {
    // What Flyway left after V1: its table in the default schema, under the configured name; `audit` is new to the config.
    await db.client.query(`CREATE SCHEMA billing; CREATE TABLE billing.accounts (id int);
      CREATE TABLE billing.deploy_log (
        installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,
        script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),
        execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)`);
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
  });
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
