// Mistakes a user makes with the deploy target: each is a UserError that names the problem and
// never carries the password.

import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { GateOptions } from '../../src/options.js';
import { readHistoryTable } from '../../src/history/read-table.js';
import { applyPending } from '../../src/deploy/apply.js';
import { UserError } from '../../src/errors.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { serverWide } from '../support/postgres.js';
import { scratchDatabase, type ScratchDatabase } from './scratch-database.js';

const SECRET = 'S3cret-pa55';
const ms = [migration('migrations/001_a.sql', 'select 1;\n')];

let db: ScratchDatabase;
beforeAll(async () => (db = await scratchDatabase('badin')));
afterAll(async () => {
  await db.client.query('DROP OWNED BY mg_reader').catch(() => undefined);
  await db.drop();
  await serverWide('DROP ROLE IF EXISTS mg_reader');
});

function withUrl(url: string, history: Partial<GateOptions['history']> = {}): GateOptions {
  return testOptions({ mode: 'deploy', dryRun: { ...testOptions().dryRun, databaseUrl: url }, history: { format: 'auto', write: false, ...history } });
}

function urlFor(changes: { user?: string; password?: string; host?: string; port?: string; database?: string; search?: string }): string {
  const url = new URL(db.url);
  if (changes.user) url.username = changes.user;
  if (changes.password) url.password = changes.password;
  if (changes.host) url.hostname = changes.host;
  if (changes.port) url.port = changes.port;
  if (changes.database) url.pathname = `/${changes.database}`;
  if (changes.search) url.search = changes.search;
  return url.toString();
}

/** The UserError a call ends with; fails the test when it succeeds or throws anything else. */
async function userError(run: Promise<unknown>): Promise<string> {
  const e = await run.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  const message = (e as Error).message;
  expect(message).not.toContain(SECRET);
  return message;
}

describe('connecting to the target', () => {
  it('says a deploy needs --database-url when there is none', async () => {
    expect(await userError(readHistoryTable(testOptions({ mode: 'deploy' }), ms))).toMatch(/needs the target database: pass --database-url/);
  });

  it('rejects a URL that is not a postgres:// URL', async () => {
    expect(await userError(readHistoryTable(withUrl(`mysql://root:${SECRET}@localhost/db`), ms))).toMatch(/must start with postgres:\/\//);
    expect(await userError(readHistoryTable(withUrl(`not a url ${SECRET}`), ms))).toMatch(/not a valid URL/);
  });

  it('names a wrong password without printing it', async () => {
    const message = await userError(readHistoryTable(withUrl(urlFor({ password: SECRET })), ms));
    expect(message).toMatch(/password authentication failed for user postgres/);
    expect(message).toContain('postgres://postgres:***@127.0.0.1:5432/');
  });

  it('names a user whose name has a stray % as written, with no stack trace', async () => {
    expect(await userError(readHistoryTable(withUrl(urlFor({ user: 'app%zz', password: SECRET })), ms))).toMatch(/password authentication failed for user app%zz/);
  });

  it('names a database that does not exist', async () => {
    expect(await userError(readHistoryTable(withUrl(urlFor({ database: 'mg_no_such_db' })), ms))).toMatch(
      /database "mg_no_such_db" does not exist; check the database name/,
    );
  });

  it('names an unreachable host:port', async () => {
    expect(await userError(readHistoryTable(withUrl(urlFor({ password: SECRET, port: '1' })), ms))).toMatch(/cannot reach 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
  });

  it('names a certificate file the URL points at that cannot be read, with no stack trace', async () => {
    const message = await userError(readHistoryTable(withUrl(urlFor({ password: SECRET, search: '?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem' })), ms));
    expect(message).toBe('Cannot read /nonexistent/ca.pem, the sslrootcert file the database URL names (ENOENT): check the path.');
  });

  describe('a server that never answers', () => {
    let silent: Server;
    beforeAll(async () => {
      silent = createServer(() => undefined);
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    });
    afterAll(async () => {
      silent.close();
    });

    it('gives up after the connect timeout instead of hanging', async () => {
      const port = String((silent.address() as AddressInfo).port);
      const t0 = Date.now();
      const message = await userError(readHistoryTable(withUrl(urlFor({ password: SECRET, port, search: '?connect_timeout=1' })), ms));
      expect(message).toMatch(new RegExp(`no answer from 127\\.0\\.0\\.1:${port} within the connect timeout`));
      expect(Date.now() - t0).toBeLessThan(4000);
    });
  });
});

describe('the history table', () => {
  it('names a table of unknown shape and its columns', async () => {
    await db.client.query(`CREATE SCHEMA odd; CREATE TABLE odd.schema_migrations (id int, migration text, batch int)`);
    const url = urlFor({ search: `?options=${encodeURIComponent('-c search_path=odd')}` });
    const message = await userError(readHistoryTable(withUrl(url), ms));
    expect(message).toMatch(/odd\.schema_migrations has columns \(id integer, migration text, batch integer\): its columns match none of the known formats/);
    expect(await userError(readHistoryTable(withUrl(url, { format: 'flyway', table: 'odd.schema_migrations' }), ms))).toMatch(
      /does not look like flyway's history table/,
    );
  });

  it('reads the table in the schema the URL names, as the Go drivers (search_path) and Prisma (schema) take it', async () => {
    await db.client.query(`CREATE SCHEMA urlpath; CREATE TABLE urlpath.schema_migrations (version varchar(128) PRIMARY KEY);
      INSERT INTO urlpath.schema_migrations VALUES ('001')`);
    const dbmate = [migration('db/migrations/001_a.sql', 'select 1;\n', 'dbmate')];
    for (const search of ['?search_path=urlpath', '?schema=urlpath&sslmode=disable']) {
      const { history } = await readHistoryTable(withUrl(urlFor({ search }), { format: 'dbmate' }), dbmate);
      expect([history.source, history.entries.map((e) => e.file)]).toEqual(['table:urlpath.schema_migrations', ['db/migrations/001_a.sql']]);
    }
  });

  it('finds a table the runner created under a quoted mixed-case name from the name as its config writes it', async () => {
    await db.client.query(`CREATE SCHEMA mixed; CREATE TABLE mixed."MyHistory" (version varchar(128) PRIMARY KEY); INSERT INTO mixed."MyHistory" VALUES ('001')`);
    const dbmate = [migration('db/migrations/001_a.sql', 'select 1;\n', 'dbmate')];
    const { history } = await readHistoryTable(withUrl(urlFor({ search: '?search_path=mixed' }), { format: 'dbmate', table: 'MyHistory' }), dbmate);
    expect([history.source, history.entries.map((e) => e.file)]).toEqual(['table:mixed.MyHistory', ['db/migrations/001_a.sql']]);
  });

  it('flags a database that holds tables but no history table, instead of taking every migration for pending', async () => {
    await db.client.query(`CREATE SCHEMA unrecorded`);
    const url = urlFor({ search: '?search_path=unrecorded' });
    // Empty: a first deploy, nothing to say.
    expect((await readHistoryTable(withUrl(url, { format: 'flyway' }), ms)).findings).toEqual([]);
    await db.client.query(`CREATE TABLE unrecorded.users (id int); CREATE TABLE unrecorded.orders (id int)`);
    const { history, findings } = await readHistoryTable(withUrl(url, { format: 'flyway', table: 'typo_history' }), ms);
    expect(history.entries).toEqual([]);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'dirty-history',
        file: 'migrations',
        message:
          'The target has no history table unrecorded.typo_history, yet it holds 2 tables (unrecorded.orders, unrecorded.users): ' +
          'Flyway refuses to migrate a non-empty schema without its history table.',
        severity: 'error',
      }),
    ]);
    expect(findings[0]!.suggestion).toMatch(/^If this database is migrated, point history-table \(and history\) at its table/);
  });

  it('asks which table to use when two runners\' tables are present', async () => {
    await db.client.query(`CREATE SCHEMA two;
      CREATE TABLE two.schema_migrations (version bigint NOT NULL, dirty boolean NOT NULL);
      CREATE TABLE two.pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)`);
    const url = urlFor({ search: `?options=${encodeURIComponent('-c search_path=two')}` });
    expect(await userError(readHistoryTable(withUrl(url), ms))).toMatch(
      /more than one migration history table: two\.schema_migrations \(golang-migrate\), two\.pgmigrations \(node-pg-migrate\)\. Set history/,
    );
    const { history } = await readHistoryTable(withUrl(url, { table: 'two.pgmigrations' }), ms);
    expect(history.source).toBe('table:two.pgmigrations');
  });

  it('says what to grant when the role cannot read the table', async () => {
    await db.client.query(`CREATE SCHEMA locked; CREATE TABLE locked.flyway_schema_history (
      installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,
      script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),
      execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)`);
    await serverWide(`DROP ROLE IF EXISTS mg_reader; CREATE ROLE mg_reader LOGIN PASSWORD '${SECRET}'`);
    await db.client.query('GRANT USAGE ON SCHEMA locked TO mg_reader');
    const url = urlFor({ user: 'mg_reader', password: SECRET, search: `?options=${encodeURIComponent('-c search_path=locked')}` });
    expect(await userError(readHistoryTable(withUrl(url), ms))).toMatch(
      /role cannot read the history table locked\.flyway_schema_history: grant it SELECT on that table/,
    );
    expect(await userError(applyPending(withUrl(url), ms, { log: () => undefined }))).toMatch(/cannot read the history table/);
  });
});
