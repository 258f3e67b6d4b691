// A scratch database dropped under a run (another tool, a clean-up of the server) ends the run with a message that
// says so and the exit code of an environment problem, not an internal error, and no report is written. Fails, never
// skips, without a test server.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type pg from 'pg';
import { runDryRun } from '../../src/dryrun/index.js';
import { UserError } from '../../src/errors.js';
import { migration } from '../support/build-migration.js';
import { runCliIn } from '../support/cli.js';
import { connectTestServer, TEST_DATABASE_URL } from '../support/postgres.js';
import { makeTree, removeTree } from '../support/repo.js';
import { dryOptions } from './cases.js';

const tag = randomBytes(4).toString('hex');
let admin: pg.Client;
beforeAll(async () => {
  admin = await connectTestServer();
});
afterAll(async () => {
  await admin.end();
});

/** Once a session runs the statement holding `marker`, drops its database as another tool would; gives the database's name. */
async function dropWhenRunning(marker: string): Promise<string> {
  const sql = `SELECT datname FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE $1`;
  for (;;) {
    const [row] = (await admin.query(sql, [`%${marker}%`])).rows as Array<{ datname: string }>;
    if (row) {
      await admin.query(`DROP DATABASE "${row.datname}" WITH (FORCE)`);
      return row.datname;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const gone = (name: string) => `The dry-run's scratch database ${name} was dropped during the run`;

describe('url engine: a scratch database dropped under the run', () => {
  test('while a pending migration runs: exit 2 with a message naming it, no report on stdout or in --output', async () => {
    const marker = `mg_dropped_pending_${tag}`;
    const root = makeTree({
      'db/001_a.sql': 'CREATE TABLE a (id int);\n',
      'db/002_slow.sql': `CREATE TABLE b (id int);\nSELECT pg_sleep(5) AS ${marker};\n`,
      'db/003_after.sql': 'CREATE TABLE c (id int);\n',
    });
    try {
      const argv = ['check', 'db', '--engine', 'url', '--database-url', TEST_DATABASE_URL, '--format', 'json', '--output', 'report.json'];
      const running = runCliIn(root, argv);
      const dropped = await dropWhenRunning(marker);
      const r = await running;
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^migration-gate: ${gone(dropped)} .*so the dry-run could not finish, and no report was written`));
      expect(r.stdout).toBe('');
      expect(existsSync(join(root, 'report.json'))).toBe(false);
    } finally {
      removeTree(root);
    }
  });

  test('while the merged migrations replay: the run fails with the same message, and the database stays gone', async () => {
    const marker = `mg_dropped_baseline_${tag}`;
    const baseline = [migration('db/001_slow.sql', `CREATE TABLE a (id int);\nSELECT pg_sleep(5) AS ${marker};\n`)];
    const running = runDryRun({ options: dryOptions('url', {}, TEST_DATABASE_URL), baseline, pending: [migration('db/002_b.sql', 'SELECT 1;\n')] });
    const settled = running.then(
      () => null,
      (e: unknown) => e,
    );
    const dropped = await dropWhenRunning(marker);
    const error = await settled;
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(new RegExp(`^${gone(dropped)} `));
    expect((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dropped])).rowCount).toBe(0);
  });
});
