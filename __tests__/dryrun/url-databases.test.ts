// Runs on one server through URLs that name different databases (CI jobs or repositories sharing a server): advisory
// locks are per database, yet no run may drop another's scratch database, and runs still take turns server-wide.

import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, test } from '@jest/globals';
import type pg from 'pg';
import { runDryRun } from '../../src/dryrun/index.js';
import { MAINTENANCE_DATABASE, ownerLockSql, scratchName, UrlEngine } from '../../src/dryrun/url-engine.js';
import { migration } from '../support/build-migration.js';
import { connectTestServer, holdingRunLock, scratchDatabase, serverWide, TEST_DATABASE_URL } from '../support/postgres.js';
import { dryOptions } from './cases.js';

const tag = randomBytes(4).toString('hex');
const scratch = scratchDatabase('mg_other_db');
const otherUrl = scratch.url;

let admin: pg.Client;
beforeAll(() => {
  admin = scratch.admin();
});

const dbExists = async (name: string) => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;

/** Resolves once some session is executing a statement holding `marker`. */
async function executing(marker: string): Promise<void> {
  const sql = `SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE $1`;
  while ((await admin.query(sql, [`%${marker}%`])).rowCount === 0) await new Promise((r) => setTimeout(r, 50));
}

describe('url engine: runs through URLs naming different databases of one server', () => {
  test('a run starting through one database leaves the live scratch database of a run through another alone', async () => {
    const marker = `mg_wait_other_${tag}`;
    const slow = migration('db/001_slow.sql', `CREATE TABLE kept (id int);\nSELECT pg_sleep(1) AS ${marker};\nINSERT INTO kept VALUES (1);`);
    const running = runDryRun({ options: dryOptions('url', {}, otherUrl), baseline: [], pending: [slow] });
    await executing(marker);
    const pending = [migration('db/001_a.sql', 'SELECT 1;')];
    const second = await runDryRun({ options: dryOptions('url', {}, TEST_DATABASE_URL), baseline: [], pending });
    expect(second.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
    const first = await running;
    expect(first.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
    expect(first.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
  });

  test('a scratch database whose owner lock is held in another database is kept; one nobody holds is dropped', async () => {
    const [live, orphan] = [scratchName(), scratchName()];
    // E.g. a run whose admin connection could not reach the maintenance database, or of an older version.
    const holder = await connectTestServer(scratch.name);
    try {
      // Locked before it exists, as a run does: another test file's run starting in between would drop it as dead.
      await holder.query(ownerLockSql('pg_advisory_lock'), [live]);
      await admin.query(`CREATE DATABASE ${live}`);
      await admin.query(`CREATE DATABASE ${orphan}`);
      await (await UrlEngine.start(TEST_DATABASE_URL)).close();
      expect(await dbExists(live)).toBe(true);
      expect(await dbExists(orphan)).toBe(false);
    } finally {
      await holder.end();
      await admin.query(`DROP DATABASE IF EXISTS ${live}`);
      await admin.query(`DROP DATABASE IF EXISTS ${orphan}`);
    }
  });

  test('the run lock makes a run through one database wait for a run through another', async () => {
    const first = await UrlEngine.start(otherUrl);
    const second = await UrlEngine.start(TEST_DATABASE_URL);
    try {
      await first.open(`lock-a-${tag}`);
      const opening = second.open(`lock-b-${tag}`);
      const waited = await Promise.race([opening.then(() => 'opened'), new Promise((r) => setTimeout(() => r('waiting'), 700))]);
      expect(waited).toBe('waiting');
      expect(await first.close()).toEqual({ notPutBack: [], unnamed: [] });
      await expect(opening).resolves.toMatchObject({ cached: false });
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('a role the server refuses in the maintenance database still dry-runs, through the database its URL names', async () => {
    const role = `mg_no_maint_${tag}`;
    // A library that does not exist, loaded at connection: the server refuses this role there, and only there.
    await serverWide(
      `CREATE ROLE ${role} LOGIN CREATEDB PASSWORD 'pw'`,
      `ALTER ROLE ${role} IN DATABASE ${MAINTENANCE_DATABASE} SET session_preload_libraries = 'mg_missing_${tag}'`,
    );
    try {
      const url = new URL(otherUrl);
      [url.username, url.password] = [role, 'pw'];
      const engine = await UrlEngine.start(url.toString());
      // Its run lock is then in that database, where no other run takes it: the test takes theirs for it, lest it
      // see the roles other test files' runs make and drop meanwhile.
      await holdingRunLock(admin, async () => {
        try {
          const { session } = await engine.open(`no-maint-${tag}`);
          await session.exec('CREATE TABLE t (id int)');
          expect(await engine.close()).toEqual({ notPutBack: [], unnamed: [] });
        } finally {
          await engine.close();
        }
      });
    } finally {
      await serverWide(`DROP ROLE ${role}`);
    }
  });
});
