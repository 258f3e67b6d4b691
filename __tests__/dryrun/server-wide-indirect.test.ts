// What reaches past the scratch database without saying so at the top of the file: a DO block's constant EXECUTE,
// dblink's own connection, a database's privileges and comment, prepared transactions. None is run: the migration is
// skipped at the line that holds it, and the server keeps what it had. Fails, never skips, without a test server.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type pg from 'pg';
import { runDryRun } from '../../src/dryrun/index.js';
import type { EngineKind } from '../../src/dryrun/engine.js';
import type { Migration } from '../../src/migration.js';
import type { GateOptions } from '../../src/options.js';
import { migration } from '../support/build-migration.js';
import { connectTestServer, serverWide, TEST_DATABASE_URL } from '../support/postgres.js';
import { dryOptions } from './cases.js';

const run = (engine: EngineKind, baseline: Migration[], pending: Migration[], overrides: Partial<GateOptions> = {}) =>
  runDryRun({ options: dryOptions(engine, overrides, engine === 'url' ? TEST_DATABASE_URL : undefined), baseline, pending });

/** As discovery reads a file for a runner not known to wrap files in a transaction. */
function unwrapped(file: string, sql: string): Migration {
  return { ...migration(file, sql), runnerWraps: false };
}

const skipped = (label: string, line: number) =>
  `${label} at line ${line} acts outside the scratch database, and the dry-run does not run server-wide statements`;

describe.each(['url', 'pglite'] as const)('%s engine', (engine) => {
  test('a constant EXECUTE, dblink, GRANT or COMMENT on a database and a prepared transaction skip their migration at their line', async () => {
    const pending = [
      migration('db/002_do.sql', "CREATE TABLE kept (id int);\nDO $$\nBEGIN\n  EXECUTE 'ALTER DATABASE postgres CONNECTION LIMIT 50';\nEND $$;\n"),
      migration('db/003_grant.sql', 'GRANT CONNECT ON DATABASE postgres TO PUBLIC;\n'),
      migration('db/004_comment.sql', "COMMENT ON DATABASE postgres IS 'production';\n"),
      migration('db/005_dblink.sql', "CREATE TABLE t (id int);\nSELECT dblink_exec('dbname=postgres', 'DROP DATABASE elsewhere');\n"),
      migration('db/006_prepare.sql', "BEGIN;\nCREATE TABLE p (id int);\nPREPARE TRANSACTION 'mg_prepared';\n"),
      unwrapped('db/007_commit.sql', "COMMIT PREPARED 'mg_prepared';\n"),
      // A string built as the block runs cannot be read: it runs.
      migration('db/008_dynamic.sql', "DO $$\nBEGIN\n  EXECUTE format('CREATE TABLE %I (id int)', 'built');\nEND $$;\n"),
    ];
    const out = await run(engine, [], pending);
    expect(out.dryRun.migrations.map((m) => [m.file, m.status, m.reason])).toEqual([
      ['db/002_do.sql', 'skipped', skipped('ALTER DATABASE in a DO block', 4)],
      ['db/003_grant.sql', 'skipped', skipped('GRANT ... ON DATABASE', 1)],
      ['db/004_comment.sql', 'skipped', skipped('COMMENT ON DATABASE', 1)],
      ['db/005_dblink.sql', 'skipped', skipped('dblink_exec()', 2)],
      ['db/006_prepare.sql', 'skipped', skipped('PREPARE TRANSACTION', 3)],
      ['db/007_commit.sql', 'skipped', skipped('COMMIT PREPARED', 1)],
      ['db/008_dynamic.sql', 'applied', undefined],
    ]);
    expect(out.dryRun.migrations[6]!.changes).toEqual([{ action: 'create', kind: 'table', name: 'public.built' }]);
    const environment = out.findings.filter((f) => f.rule === 'environment');
    expect(environment.map((f) => [f.file, f.line])).toEqual([
      ['db/002_do.sql', 4],
      ['db/003_grant.sql', 1],
      ['db/004_comment.sql', 1],
      ['db/005_dblink.sql', 2],
      ['db/006_prepare.sql', 3],
      ['db/007_commit.sql', 1],
    ]);
    expect(environment[3]!.message).toMatch(/^dblink_exec\(\) acts outside the dry-run's scratch database .*through a connection of its own \(dblink\)/);
    expect(environment[4]!.message).toMatch(/^PREPARE TRANSACTION .*the prepared transaction outlives the run and holds its locks/);
    expect(environment[5]!.message).toMatch(/^COMMIT PREPARED .*ends a transaction another session prepared/);
  });

  test('what a DO block runs that PostgreSQL refuses in a function runs, and fails there before it acts', async () => {
    const out = await run(engine, [], [migration('db/002_create.sql', "DO $$\nBEGIN\n  EXECUTE 'CREATE DATABASE made_by_do';\nEND $$;\n")]);
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '25001', line: 3 } });
  });

  test("graphile-migrate's :DATABASE_NAME is the scratch database: a GRANT and COMMENT on it run", async () => {
    const sql = "grant connect on database :DATABASE_NAME to public;\ncomment on database :DATABASE_NAME is 'x';\ncreate table t (id int);\n";
    const m = migration('migrations/committed/000001-grant.sql', sql);
    const out = await run(engine, [], [m], { preset: 'graphile-migrate', placeholderPatterns: [':NAME'] });
    expect(out.dryRun.migrations).toEqual([expect.objectContaining({ status: 'applied' })]);
  });
});

describe('url engine: the other database, and the server, stay as they were', () => {
  let admin: pg.Client;
  const tag = randomBytes(4).toString('hex');
  const other = `mg_swi_other_${tag}`;
  const made = `mg_swi_made_${tag}`;
  const gid = `mg_swi_${tag}`;
  const role = `mg_swi_role_${tag}`;

  beforeAll(async () => {
    admin = await connectTestServer();
    await admin.query(`CREATE DATABASE ${other}`);
  });
  afterAll(async () => {
    try {
      await serverWide(
        `DROP DATABASE IF EXISTS ${other}`,
        `DROP DATABASE IF EXISTS ${made}`,
        `DROP DATABASE IF EXISTS ${other}_renamed`,
        `DROP ROLE IF EXISTS ${role}`,
      );
    } finally {
      await admin.end();
    }
  });

  const state = async () =>
    (
      await admin.query(
        // Privileges as granted: dropping a role leaves the default ones written out, the same privileges.
        `SELECT datname, datconnlimit, shobj_description(oid, 'pg_database') AS comment,
                (SELECT array_agg(a::text ORDER BY a::text) FROM aclexplode(coalesce(datacl, acldefault('d', datdba))) a) AS privileges
           FROM pg_database WHERE datname IN ($1, $2, $3) ORDER BY datname`,
        [other, made, `${other}_renamed`],
      )
    ).rows;

  test('merged or pending, none of it reaches the other database, and no prepared transaction is left', async () => {
    const before = await state();
    const baseline = [
      migration('db/001_base.sql', `CREATE TABLE base (id int);\nDO $$ BEGIN EXECUTE 'ALTER DATABASE ${other} CONNECTION LIMIT 7'; END $$;\n`),
    ];
    const pending = [
      migration('db/002_do.sql', `DO $$ BEGIN EXECUTE $q$COMMENT ON DATABASE ${other} IS 'touched'$q$; END $$;\n`),
      migration('db/003_grant.sql', `GRANT CREATE ON DATABASE ${other} TO PUBLIC;\n`),
      migration('db/004_rename.sql', `ALTER DATABASE ${other} RENAME TO ${other}_renamed;\n`),
      migration('db/005_dblink.sql', `CREATE EXTENSION IF NOT EXISTS dblink;\nSELECT dblink_exec('${TEST_DATABASE_URL}', 'CREATE DATABASE ${made}');\n`),
      migration('db/006_prepare.sql', `CREATE TABLE p (id int);\nPREPARE TRANSACTION '${gid}';\n`),
      // The merged file's table is there: only its DO block was left out.
      migration('db/007_uses.sql', 'ALTER TABLE base ADD COLUMN n int;\n'),
      // A role the run creates is dropped after it, with what it was granted: the grant runs.
      migration('db/008_role.sql', `CREATE ROLE ${role};\nGRANT CONNECT ON DATABASE ${other} TO ${role};\n`),
    ];
    const out = await run('url', baseline, pending);
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'applied', 'applied']);
    expect(out.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
    expect(await state()).toEqual(before);
    expect(before).toEqual([expect.objectContaining({ datname: other, datconnlimit: -1, comment: null })]);
    expect((await admin.query('SELECT 1 FROM pg_prepared_xacts WHERE gid = $1', [gid])).rowCount).toBe(0);
    expect((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount).toBe(0);
  });
});
