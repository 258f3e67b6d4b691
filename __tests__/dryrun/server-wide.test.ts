// Statements that act outside the scratch database are never run, on any engine: the migration is skipped, saying
// which statement at which line, and the server is left as it was. Fails, never skips, without a test server.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type pg from 'pg';
import { runDryRun } from '../../src/dryrun/index.js';
import type { Migration } from '../../src/migration.js';
import type { EngineKind } from '../../src/dryrun/engine.js';
import type { GateOptions } from '../../src/options.js';
import { migration } from '../support/build-migration.js';
import { connectTestServer, serverWide, TEST_DATABASE_URL } from '../support/postgres.js';
import { dryOptions } from './cases.js';

const run = (engine: EngineKind, baseline: Migration[], pending: Migration[], overrides: Partial<GateOptions> = {}) =>
  runDryRun({ options: dryOptions(engine, overrides, engine === 'url' ? TEST_DATABASE_URL : undefined), baseline, pending });

/** As discovery reads a file for a runner not known to wrap files in a transaction: what cannot run in one runs alone. */
function unwrapped(file: string, sql: string): Migration {
  return { ...migration(file, sql), runnerWraps: false };
}

describe.each(['url', 'pglite'] as const)('%s engine', (engine) => {
  test('a server-wide statement skips its migration, naming it and its line; the migrations after it still run', async () => {
    const pending = [
      unwrapped('db/002_system.sql', "CREATE TABLE kept (id int);\n\nALTER SYSTEM SET work_mem = '8MB';\n"),
      unwrapped('db/003_drop.sql', 'DROP DATABASE IF EXISTS elsewhere;\n'),
      // Production's database, whatever the engine calls its own.
      migration('db/004_limit.sql', 'ALTER DATABASE postgres CONNECTION LIMIT 50;\n'),
      migration('db/005_copy.sql', "CREATE TABLE t (id int);\nCOPY t TO PROGRAM 'cat > /tmp/out';\n"),
      migration('db/006_after.sql', 'CREATE TABLE after_it (id int);\n'),
      // Needs what the skipped 002 creates: not the migration's fault.
      migration('db/007_uses.sql', 'INSERT INTO kept VALUES (1);\n'),
    ];
    const out = await run(engine, [], pending);
    expect(out.dryRun.migrations.map((m) => [m.file, m.status, m.reason])).toEqual([
      ['db/002_system.sql', 'skipped', 'ALTER SYSTEM at line 3 acts outside the scratch database, and the dry-run does not run server-wide statements'],
      ['db/003_drop.sql', 'skipped', 'DROP DATABASE at line 1 acts outside the scratch database, and the dry-run does not run server-wide statements'],
      ['db/004_limit.sql', 'skipped', 'ALTER DATABASE at line 1 acts outside the scratch database, and the dry-run does not run server-wide statements'],
      ['db/005_copy.sql', 'skipped', 'COPY ... TO PROGRAM at line 2 acts outside the scratch database, and the dry-run does not run server-wide statements'],
      ['db/006_after.sql', 'applied', undefined],
      ['db/007_uses.sql', 'skipped', expect.stringContaining('which the dry-run did not run (server-wide statement)')],
    ]);
    expect(out.dryRun.migrations[0]!.changes).toEqual([]);
    expect(out.findings.filter((f) => f.rule !== 'not-rerunnable').map((f) => [f.rule, f.file, f.line])).toEqual([
      ['environment', 'db/002_system.sql', 3],
      ['environment', 'db/003_drop.sql', 1],
      ['environment', 'db/004_limit.sql', 1],
      ['environment', 'db/005_copy.sql', 2],
      ['environment', 'db/007_uses.sql', 1],
    ]);
    expect(out.findings[0]!.message).toMatch(/^ALTER SYSTEM acts outside the dry-run's scratch database .*the dry-run does not run server-wide statements/);
  });

  test("graphile-migrate's :DATABASE_NAME is the scratch database: an ALTER DATABASE on it runs", async () => {
    const m = migration('migrations/committed/000001-limit.sql', 'alter database :DATABASE_NAME connection limit 50;\ncreate table t (id int);\n');
    const out = await run(engine, [], [m], { preset: 'graphile-migrate', placeholderPatterns: [':NAME'] });
    expect(out.dryRun.migrations).toEqual([expect.objectContaining({ status: 'applied', changes: [{ action: 'create', kind: 'table', name: 'public.t' }] })]);
  });
});

describe('url engine: what lies outside the scratch database stays as it was', () => {
  let admin: pg.Client;
  const tag = randomBytes(4).toString('hex');
  const other = `mg_sw_other_${tag}`;
  const made = `mg_sw_made_${tag}`;
  const setting = `mg_sw_${tag}.flag`;

  beforeAll(async () => {
    admin = await connectTestServer();
    await admin.query(`CREATE DATABASE ${other}`);
  });
  afterAll(async () => {
    try {
      await serverWide(`DROP DATABASE IF EXISTS ${other}`, `DROP DATABASE IF EXISTS ${made}`);
      // RESET refuses a name the server has never seen: only when a failing run wrote it.
      if ((await autoConf()).length) await admin.query(`ALTER SYSTEM RESET "${setting}"`);
    } finally {
      await admin.end();
    }
  });

  const exists = async (db: string) => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount === 1;
  const autoConf = async () => (await admin.query('SELECT setting FROM pg_file_settings WHERE name = $1', [setting])).rows;

  test('DROP DATABASE, CREATE DATABASE and ALTER SYSTEM are not run, pending or merged, and a second run meets no leftovers', async () => {
    const baseline = [migration('db/001_base.sql', `CREATE TABLE base (id int);\nDROP DATABASE ${other};\n`)];
    const pending = [
      unwrapped('db/002_drop.sql', `DROP DATABASE ${other};\n`),
      unwrapped('db/003_create.sql', `CREATE DATABASE ${made};\n`),
      unwrapped('db/004_system.sql', `ALTER SYSTEM SET "${setting}" = 'on';\n`),
      // The merged file's table is there: only its server-wide statement was left out.
      migration('db/005_uses.sql', 'ALTER TABLE base ADD COLUMN n int;\n'),
    ];
    for (let i = 0; i < 2; i++) {
      const out = await run('url', baseline, pending);
      expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['skipped', 'skipped', 'skipped', 'applied']);
      expect(out.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
    }
    expect(await exists(other)).toBe(true);
    expect(await exists(made)).toBe(false);
    expect(await autoConf()).toEqual([]);
  });

  test("in the runner's transaction, DROP DATABASE fails as it does there, before it acts", async () => {
    const out = await run('url', [], [migration('db/002_drop.sql', `CREATE TABLE t (id int);\nDROP DATABASE ${other};\n`)]);
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '25001', line: 2 } });
    expect(await exists(other)).toBe(true);
  });
});
