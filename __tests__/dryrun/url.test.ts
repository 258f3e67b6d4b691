// The dry-run on a real PostgreSQL server (url engine); fails, never skips, without one.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type pg from 'pg';
import { runDryRun } from '../../src/dryrun/index.js';
import type { Migration } from '../../src/migration.js';
import { migration } from '../support/build-migration.js';
import { connectTestServer, holdingRunLock, serverWide, TEST_DATABASE_URL } from '../support/postgres.js';
import { dryOptions, dryRunCases } from './cases.js';
import { runnerCases } from './runner-cases.js';

describe('url engine', () => {
  dryRunCases('url', TEST_DATABASE_URL);
  runnerCases('url', TEST_DATABASE_URL);
});

describe('url engine: roles, memberships and settings are server-wide, and put back after the run', () => {
  let admin: pg.Client;
  const tag = randomBytes(4).toString('hex');
  const db = `mg_state_db_${tag}`;
  const [pre, group, kept] = ['pre', 'group', 'kept'].map((r) => `mg_state_${r}_${tag}`);
  const made: string[] = [];

  beforeAll(async () => {
    admin = await connectTestServer();
    await admin.query(`CREATE DATABASE ${db}`);
    await serverWide(
      ...[pre, group, kept].map((r) => `CREATE ROLE ${r}`),
      `GRANT ${kept} TO ${pre}`,
      `ALTER DATABASE ${db} SET search_path = "$user", public, 'odd "name'`,
      `ALTER DATABASE ${db} SET "app.jwt_secret" TO 'it''s'`,
    );
  });
  afterAll(async () => {
    await serverWide(`DROP DATABASE IF EXISTS ${db}`, ...[...made, pre, group, kept].map((r) => `DROP ROLE IF EXISTS ${r}`));
    await admin.end();
  });

  /** What the server holds server-wide, by name, for the roles and database this test owns. */
  async function serverState() {
    const ours = `'mg\\_state\\_%${tag}'`;
    const rows = async (sql: string) => (await admin.query(sql)).rows;
    return {
      roles: await rows(`SELECT rolname, rolconnlimit FROM pg_roles WHERE rolname LIKE ${ours} ORDER BY 1`),
      memberships: await rows(
        `SELECT roleid::regrole::text AS role, member::regrole::text AS member, admin_option FROM pg_auth_members
          WHERE member::regrole::text LIKE ${ours} OR roleid::regrole::text LIKE ${ours} ORDER BY 1, 2`,
      ),
      settings: await rows(
        `SELECT d.datname, r.rolname, (SELECT array_agg(c ORDER BY c) FROM unnest(s.setconfig) c) AS config
           FROM pg_db_role_setting s LEFT JOIN pg_database d ON d.oid = s.setdatabase LEFT JOIN pg_roles r ON r.oid = s.setrole
          WHERE d.datname LIKE ${ours} OR r.rolname LIKE ${ours} ORDER BY 1, 2`,
      ),
    };
  }

  /** Runs the dry-run, returning also what it reports it could not put back on the server, and what changed there meanwhile. */
  async function dryRun(baseline: Migration[], pending: Migration[], preset: 'generic' | 'supabase' = 'generic', url = TEST_DATABASE_URL) {
    const out = await runDryRun({ options: dryOptions('url', { preset }, url), baseline, pending });
    const said = (start: string) => out.findings.filter((f) => f.rule === 'environment' && f.message.startsWith(start)).map((f) => f.message);
    return { out, warnings: said('The dry-run could not put back'), meanwhile: said('While the dry-run ran') };
  }

  test('a created role, a granted or revoked membership and changed settings are undone, so an identical run passes again', async () => {
    const role = `mg_state_app_${tag}`;
    made.push(role);
    const pending = [
      migration(
        'db/001_roles.sql',
        `CREATE ROLE ${role} LOGIN;\n` +
          `GRANT CONNECT ON DATABASE ${db} TO ${role};\n` +
          `GRANT ${group} TO ${pre} WITH ADMIN OPTION;\n` +
          `REVOKE ${kept} FROM ${pre};\n` +
          `ALTER DATABASE ${db} SET application_name TO 'x';\n` +
          `ALTER DATABASE ${db} SET search_path = public;\n` +
          `ALTER DATABASE ${db} RESET "app.jwt_secret";\n` +
          `ALTER ROLE ${pre} SET statement_timeout = 5000;\n` +
          `ALTER ROLE ${pre} IN DATABASE ${db} SET work_mem = '8MB';\n`,
      ),
    ];
    const before = await serverState();
    expect(before.memberships).toEqual([{ role: kept, member: pre, admin_option: false }]);
    for (let i = 0; i < 2; i++) {
      const { out, warnings } = await dryRun([], pending);
      // Before the restore, the second run failed here on 42710 (role already exists): the first run's role.
      expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
      expect(out.findings.map((f) => [f.rule, f.message])).toEqual([
        ['not-rerunnable', `Applies once but fails when run a second time: 42710: role "${role}" already exists.`],
      ]);
      expect(warnings).toEqual([]);
      expect(await serverState()).toEqual(before);
    }
  });

  test('a baseline that creates a role is replayed on the next run, not copied without the role', async () => {
    const role = `mg_state_base_${tag}`;
    made.push(role);
    const baseline = [migration('db/001_base.sql', `CREATE ROLE ${role};\nCREATE TABLE t (id int);\n`)];
    const pending = [migration('db/002_grant.sql', `GRANT SELECT ON t TO ${role};\n`)];
    for (let i = 0; i < 2; i++) {
      const { out, warnings } = await dryRun(baseline, pending);
      expect(out.findings).toEqual([]);
      expect(out.dryRun).toMatchObject({ baselineCached: false, migrations: [expect.objectContaining({ status: 'applied' })] });
      expect(warnings).toEqual([]);
      expect((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount).toBe(0);
    }
  });

  test('a declared role the server lacks is made for the run and dropped after it', async () => {
    const role = `mg_state_declared_${tag}`;
    made.push(role);
    const options = dryOptions('url', {}, TEST_DATABASE_URL);
    options.dryRun.roles = [role];
    const pending = [migration('db/001_t.sql', `CREATE TABLE IF NOT EXISTS t (id int);\nGRANT SELECT ON t TO ${role};\n`)];
    const out = await runDryRun({ options, baseline: [], pending });
    expect(out.findings).toEqual([]);
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
    expect((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount).toBe(0);
  });

  test('what cannot be undone is said on stderr, and the dry-run result stands', async () => {
    const before = await serverState();
    const { out, warnings } = await dryRun([], [migration('db/001_limit.sql', `ALTER ROLE ${pre} CONNECTION LIMIT 3;\n`)]);
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
    expect(warnings).toEqual([
      `The dry-run could not put back what the migrations changed on the url server (PostgreSQL ${out.dryRun.serverVersion}) outside its scratch database: ` +
        `role ${pre} was altered (ALTER ROLE).`,
    ]);
    expect((await serverState()).roles).not.toEqual(before.roles);
    await serverWide(`ALTER ROLE ${pre} CONNECTION LIMIT -1`);
  });

  /** Resolves once the run is executing a statement holding `marker`: it then holds the run lock, between its snapshot and restore. */
  async function executing(marker: string): Promise<void> {
    const sql = `SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE $1`;
    while ((await admin.query(sql, [`%${marker}%`])).rowCount === 0) await new Promise((r) => setTimeout(r, 50));
  }

  test.each([
    ['does not name', 'other', (_: string, marker: string) => `SELECT pg_sleep(0.6) AS ${marker};\n`],
    ['names only in a comment of a statement', 'comment', (role: string, marker: string) => `SELECT /* ${role} takes over these grants later */ pg_sleep(0.6) AS ${marker};\n`],
  ])('a role someone else creates on the server during the run, which its SQL %s, is left alone', async (_, name, sql) => {
    const role = `mg_state_${name}_${tag}`;
    made.push(role);
    const marker = `mg_wait_${name}_${tag}`;
    const running = dryRun([], [migration('db/001_slow.sql', sql(role, marker))]);
    // Made while this run's migration runs, whatever the load: a fixed wait lost the race on a busy machine (the run had
    // not begun), and a marker of its own keeps another run's pg_sleep on the server from passing for it.
    await executing(marker);
    await admin.query(`CREATE ROLE ${role}`);
    const { out, warnings, meanwhile } = await running;
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
    expect((await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount).toBe(1);
    expect(warnings).toEqual([]);
    expect(meanwhile).toEqual([expect.stringContaining(`so the dry-run left them as they are: role ${role} appeared.`)]);
  });

  test('a role someone else drops or alters during the run, which its SQL does not name, is not blamed on the migrations', async () => {
    const [gone, altered] = [`mg_state_gone_${tag}`, `mg_state_altered_${tag}`];
    made.push(gone, altered);
    await serverWide(`CREATE ROLE ${gone}`, `CREATE ROLE ${altered}`);
    const marker = `mg_wait_dropped_${tag}`;
    const running = dryRun([], [migration('db/001_slow.sql', `SELECT pg_sleep(0.6) AS ${marker};\n`)]);
    await executing(marker);
    await admin.query(`DROP ROLE ${gone}`);
    await admin.query(`ALTER ROLE ${altered} CREATEDB`);
    const { out, warnings, meanwhile } = await running;
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
    expect(warnings).toEqual([]);
    expect(meanwhile).toEqual([
      `While the dry-run ran, the url server (PostgreSQL ${out.dryRun.serverVersion}) changed outside its scratch database in ways the migrations' SQL ` +
        `does not name, so the dry-run left them as they are: role ${gone} was dropped; role ${altered} was altered (ALTER ROLE).`,
    ]);
  });

  test('the supabase preset leaves none of the roles it created behind', async () => {
    const presetRoles = ['anon', 'authenticated', 'service_role', 'authenticator', 'supabase_admin', 'supabase_auth_admin',
      'supabase_storage_admin', 'supabase_realtime_admin', 'dashboard_user', 'pgbouncer'];
    // Read between runs (holding their lock): other test files dry-run with the preset at the same time.
    const existing = () =>
      holdingRunLock(admin, async () => {
        const rows = (await admin.query('SELECT rolname FROM pg_roles WHERE rolname = ANY($1) ORDER BY 1', [presetRoles])).rows;
        return (rows as Array<{ rolname: string }>).map((r) => r.rolname);
      });
    const before = await existing();
    const pending = [migration('db/001_notes.sql', 'CREATE TABLE notes (id int);\nGRANT SELECT ON notes TO anon, authenticated;\n')];
    const { out, warnings } = await dryRun([], pending, 'supabase');
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
    expect(warnings).toEqual([]);
    // Only the roles missing before must be gone: earlier runs of older versions may have left the others.
    expect(await existing()).toEqual(before);
  });

  const settingsOf = async (database: string | null, role: string | null) =>
    (
      await admin.query(
        `SELECT setconfig FROM pg_db_role_setting
          WHERE setdatabase = coalesce((SELECT oid FROM pg_database WHERE datname = $1), 0)
            AND setrole = coalesce((SELECT oid FROM pg_roles WHERE rolname = $2), 0)`,
        [database, role],
      )
    ).rows[0]?.setconfig ?? null;

  test('settings someone else changes on the server during the run, of a database or role its SQL does not name, are left alone', async () => {
    const other = `mg_state_elsewhere_${tag}`;
    const marker = `mg_wait_settings_${tag}`;
    await admin.query(`CREATE DATABASE ${other}`);
    try {
      const pending = [migration('db/001_slow.sql', `ALTER DATABASE ${db} SET work_mem = '9MB';\nSELECT pg_sleep(0.5) AS ${marker};\n`)];
      const before = await settingsOf(db, null);
      const running = dryRun([], pending);
      await executing(marker);
      await admin.query(`ALTER DATABASE ${other} SET work_mem = '3MB'`);
      await admin.query(`ALTER ROLE ${kept} SET work_mem = '5MB'`);
      const { out, warnings, meanwhile } = await running;
      expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
      // Before, the restore reset both to what they were at the start of the run: no setting at all.
      expect(await settingsOf(other, null)).toEqual(['work_mem=3MB']);
      expect(await settingsOf(null, kept)).toEqual(['work_mem=5MB']);
      expect(await settingsOf(db, null)).toEqual(before);
      expect(warnings).toEqual([]);
      expect(meanwhile).toEqual([
        expect.stringContaining(`so the dry-run left them as they are: settings of role ${kept} (work_mem) changed; settings of database ${other} (work_mem) changed.`),
      ]);
    } finally {
      await serverWide(`ALTER ROLE ${kept} RESET work_mem`, `DROP DATABASE ${other}`);
    }
  });

  test('a password a migration changes is put back from its stored hash, never printed; one someone else changes is left alone', async () => {
    const [scram, md5, none, elsewhere] = ['scram', 'md5', 'none', 'elsewhere'].map((r) => `mg_state_pw_${r}_${tag}`);
    made.push(scram!, md5!, none!, elsewhere!);
    await serverWide(
      `CREATE ROLE ${scram} LOGIN PASSWORD 'first secret'`,
      `CREATE ROLE ${none} LOGIN`,
      `CREATE ROLE ${elsewhere} LOGIN PASSWORD 'elsewhere secret'`,
      `SET password_encryption = md5; CREATE ROLE ${md5} LOGIN PASSWORD 'md5 secret'`,
    );
    const hashes = async () =>
      (await admin.query(`SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY($1) ORDER BY 1`, [[scram, md5, none, elsewhere]])).rows as Array<{
        rolname: string;
        rolpassword: string | null;
      }>;
    const before = await hashes();
    // elsewhere, md5, none, scram
    expect(before.map((r) => r.rolpassword && r.rolpassword.replace(/[$:].*/, ''))).toEqual(['SCRAM-SHA-256', expect.stringMatching(/^md5[0-9a-f]{32}$/), null, 'SCRAM-SHA-256']);
    const marker = `mg_wait_password_${tag}`;
    const pending = [
      migration(
        'db/001_passwords.sql',
        `ALTER ROLE ${scram} WITH ENCRYPTED PASSWORD 'changed secret';\nALTER USER ${md5} PASSWORD NULL;\n` +
          `ALTER ROLE ${none} PASSWORD 'given secret';\nSELECT pg_sleep(0.5) AS ${marker};\n`,
      ),
    ];
    const running = dryRun([], pending);
    await executing(marker);
    await admin.query(`ALTER ROLE ${elsewhere} PASSWORD 'rotated secret'`);
    const { out, warnings, meanwhile } = await running;
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
    const after = await hashes();
    expect(after.filter((r) => r.rolname !== elsewhere)).toEqual(before.filter((r) => r.rolname !== elsewhere));
    expect(after.find((r) => r.rolname === elsewhere)!.rolpassword).not.toEqual(before.find((r) => r.rolname === elsewhere)!.rolpassword);
    expect(warnings).toEqual([]);
    expect(meanwhile).toEqual([expect.stringContaining(`: the password of role ${elsewhere} changed.`)]);
    const printed = JSON.stringify(out);
    for (const secret of [...before, ...after].flatMap((r) => (r.rolpassword ? [r.rolpassword] : [])).concat(['secret']))
      expect(printed).not.toContain(secret);
  });

  test('where the run connects as no superuser, a password its migration may have changed is said, not put back', async () => {
    const [runner, target] = ['runner', 'target'].map((r) => `mg_state_pw_${r}_${tag}`);
    await serverWide(`CREATE ROLE ${runner} LOGIN CREATEDB CREATEROLE PASSWORD 'runner pw'`, `CREATE ROLE ${target} LOGIN PASSWORD 'target pw'`);
    try {
      const url = new URL(TEST_DATABASE_URL);
      [url.username, url.password] = [runner!, encodeURIComponent('runner pw')];
      const { out, warnings } = await dryRun([], [migration('db/001_password.sql', `ALTER ROLE "${target}" PASSWORD 'new secret';\n`)], 'generic', url.toString());
      expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied']);
      expect(warnings).toEqual([
        expect.stringContaining(`: the password of role ${target} may have been changed (ALTER ROLE ... PASSWORD); only a superuser can read it back.`),
      ]);
      expect(JSON.stringify(out)).not.toContain('secret');
    } finally {
      // A baseline template the runner saved is a database it owns.
      await serverWide(`REASSIGN OWNED BY ${runner} TO CURRENT_USER`, `DROP OWNED BY ${runner}`, `DROP ROLE ${runner}`, `DROP ROLE ${target}`);
    }
  });
});
