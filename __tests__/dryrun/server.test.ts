// What only a shared server can get wrong: scratch databases of killed runs, runs at the same time,
// writes outside the scratch database, passwords in messages, missing extensions; and the cluster engine.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type pg from 'pg';
import { runDryRun } from '../../src/dryrun/index.js';
import { ownerLockSql, scratchName } from '../../src/dryrun/url-engine.js';
import { isUserError } from '../../src/errors.js';
import { migration } from '../support/build-migration.js';
import { connectTestServer, TEST_DATABASE_URL } from '../support/postgres.js';
import { dryOptions } from './cases.js';

let admin: pg.Client;
beforeAll(async () => {
  admin = await connectTestServer();
});
afterAll(async () => {
  await admin.end();
});

const dbExists = async (name: string) => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
const url = (overrides = {}) => dryOptions('url', overrides, TEST_DATABASE_URL);

describe('url engine on a shared server', () => {
  test('a killed run leaves no scratch database behind after the next run', async () => {
    const name = scratchName();
    // A real process that creates its scratch database, holds its owner lock like a run, and is killed -9.
    const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', TEST_DATABASE_URL], { stdio: ['pipe', 'pipe', 'inherit'] });
    psql.stdin.write(`CREATE DATABASE ${name};\n${ownerLockSql('pg_advisory_lock').replace('$1', `'${name}'`)};\n\\echo ready\n`);
    await new Promise<void>((resolve) => psql.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    expect(await dbExists(name)).toBe(true);
    psql.kill('SIGKILL');
    await new Promise((r) => psql.on('exit', r));
    await new Promise((r) => setTimeout(r, 200)); // the server notices the closed socket
    const out = await runDryRun({ options: url(), baseline: [], pending: [migration('db/001_a.sql', 'CREATE TABLE a (id int);')] });
    expect(out.dryRun.migrations[0]!.status).toBe('applied');
    expect(await dbExists(name)).toBe(false);
  });

  test('a scratch database whose run is alive is left alone, unless it is over an hour old', async () => {
    const live = scratchName();
    const old = scratchName(Date.now() - 2 * 60 * 60 * 1000);
    const holder = await connectTestServer();
    try {
      // Locked before it exists, as a run does: another test file's run starting in between would drop it as dead.
      for (const n of [live, old]) {
        await holder.query(ownerLockSql('pg_advisory_lock'), [n]);
        await admin.query(`CREATE DATABASE ${n}`);
      }
      await runDryRun({ options: url(), baseline: [], pending: [migration('db/001_a.sql', 'SELECT 1;')] });
      expect(await dbExists(live)).toBe(true);
      expect(await dbExists(old)).toBe(false);
    } finally {
      await holder.end();
      await admin.query(`DROP DATABASE IF EXISTS ${live}`);
    }
  });

  test('two runs at once on one server do not see each other', async () => {
    const pending = [
      migration('db/001_t.sql', 'CREATE TABLE shared_name (id int);\nSELECT pg_sleep(0.3);\n'),
      migration('db/002_u.sql', 'ALTER TABLE shared_name ADD COLUMN n int;\n'),
    ];
    const [a, b] = await Promise.all([
      runDryRun({ options: url(), baseline: [], pending }),
      runDryRun({ options: url(), baseline: [], pending }),
    ]);
    for (const out of [a, b]) {
      expect(out.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
      expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
      expect(out.dryRun.migrations[0]!.changes).toContainEqual({ action: 'create', kind: 'table', name: 'public.shared_name' });
    }
  });

  test('nothing is written to the database in the URL: only to the scratch database, dropped afterwards', async () => {
    const table = `probe_${randomBytes(4).toString('hex')}`;
    const out = await runDryRun({ options: url(), baseline: [], pending: [migration('db/001_p.sql', `CREATE TABLE ${table} (id int);`)] });
    expect(out.dryRun.migrations[0]!.status).toBe('applied');
    expect((await admin.query('SELECT to_regclass($1) AS r', [table])).rows[0].r).toBeNull();
  });

  test('a wrong password is a user error that never shows the password', async () => {
    const bad = new URL(TEST_DATABASE_URL);
    bad.password = 'Sekret-Pw-4711';
    const options = dryOptions('url', {}, bad.toString());
    const err = await runDryRun({ options, baseline: [], pending: [migration('db/001_a.sql', 'SELECT 1;')] }).catch((e) => e);
    expect(isUserError(err)).toBe(true);
    expect(err.message).toMatch(/Cannot connect to the dry-run database/);
    expect(err.message).not.toContain('Sekret-Pw-4711');
  });

  test('CREATE EXTENSION for an extension the server lacks is an environment finding; what depends on it is not blamed', async () => {
    const hasVector = (await admin.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`)).rowCount === 1;
    const ext = migration('db/001_vec.sql', '-- embeddings\nCREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE docs (e vector(3));\n');
    const uses = migration('db/002_idx.sql', 'CREATE INDEX docs_e ON docs (e);\n');
    const out = await runDryRun({ options: url(), baseline: [], pending: [ext, uses] });
    if (hasVector) {
      expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
      expect(out.findings.filter((f) => f.rule === 'environment')).toEqual([]);
    } else {
      expect(out.dryRun.migrations[0]).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/vector/) });
      expect(out.findings).toContainEqual(
        expect.objectContaining({
          rule: 'environment',
          file: 'db/001_vec.sql',
          line: 2,
          suggestion: 'Dry-run with --engine pglite, which bundles vector, or on a server that ships vector (e.g. the pgvector/pgvector image).',
        }),
      );
      expect(out.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
      expect(out.findings).toContainEqual(expect.objectContaining({ rule: 'environment', file: 'db/002_idx.sql' }));
    }
  });

  test('an extension neither the server nor PGlite has is hinted at a server that ships it, not at --engine pglite', async () => {
    const available = (await admin.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'http'`)).rowCount === 1;
    const out = await runDryRun({ options: url(), baseline: [], pending: [migration('db/001_http.sql', 'CREATE EXTENSION IF NOT EXISTS http;\n')] });
    if (available) expect(out.dryRun.migrations[0]).toMatchObject({ status: 'applied' });
    else expect(out.findings).toEqual([expect.objectContaining({ rule: 'environment', suggestion: 'Dry-run on a server that ships http.' })]);
  });

  test('a function PostgreSQL 18 has built in fails on this 15 with advice about the server age', async () => {
    const m = migration('db/001_ids.sql', 'CREATE TABLE events (id uuid PRIMARY KEY DEFAULT uuidv7());\n');
    const out = await runDryRun({ options: url(), baseline: [], pending: [m] });
    const major = Number(out.dryRun.serverVersion.split('.')[0]);
    if (major >= 18) expect(out.findings).toEqual([]);
    else
      expect(out.findings).toEqual([
        expect.objectContaining({
          rule: 'dry-run-failed',
          message: expect.stringContaining('function uuidv7() does not exist'),
          suggestion: expect.stringContaining(`uuidv7() is built into PostgreSQL 18 and later, and this dry-run ran on ${major}: if production runs 18 or later, dry-run on it`),
        }),
      ]);
  });

  test('a server older than --postgres-version is an environment finding', async () => {
    const options = url();
    options.dryRun.postgresVersion = 99;
    const out = await runDryRun({ options, baseline: [], pending: [migration('db/001_a.sql', 'SELECT 1;')] });
    expect(out.findings).toContainEqual(expect.objectContaining({ rule: 'environment', message: expect.stringMatching(/older than the targeted PostgreSQL 99/) }));
  });
});

describe('cluster engine', () => {
  test('starts a throwaway cluster from the installed binaries, runs the migrations, and removes it', async () => {
    // Only this process's clusters: other test files (engine auto, no URL) start theirs in parallel.
    const ours = (f: string) => {
      try {
        return readFileSync(join(tmpdir(), f, 'owner.pid'), 'utf8') === String(process.pid);
      } catch {
        return false;
      }
    };
    const clusters = () => readdirSync(tmpdir()).filter((f) => f.startsWith('migration-gate-cluster-') && ours(f));
    const before = clusters();
    const bad = migration('db/002_bad.sql', 'CREATE TABLE b (id int);\nCREATE TABLE b (id int);\n');
    const options = dryOptions('cluster');
    const out = await runDryRun({ options, baseline: [migration('db/001_a.sql', 'CREATE TABLE a (id int);')], pending: [bad] });
    expect(out.dryRun).toMatchObject({ engine: 'cluster', serverVersion: expect.stringMatching(/^\d+\.\d+/) });
    expect(out.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '42P07', line: 2 });
    expect(clusters().filter((c) => !before.includes(c))).toEqual([]);
  });
});
