// goose's history on a real server: goose_db_version created and filled as goose does (pressly/goose
// internal/dialect/dialectquery/postgres.go, migrate.go EnsureDBVersion), read back as goose reads it, and
// written by `apply` under the goose preset as goose writes it.

import { runCli } from '../../src/cli.js';
import { readHistoryTable } from '../../src/history/read-table.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { makeTree, removeTree } from '../support/repo.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';
import { serverWide } from '../support/postgres.js';

/** goose's CreateTable and the version-0 row it inserts with it (provider_run.go ensureVersionTable). */
const gooseTable = (name = 'goose_db_version') => `CREATE TABLE ${name} (
    id serial NOT NULL,
    version_id bigint NOT NULL,
    is_applied boolean NOT NULL,
    tstamp timestamp NULL default now(),
    PRIMARY KEY(id)
  );
  INSERT INTO ${name} (version_id, is_applied) VALUES (0, true)`;

/** goose's InsertVersion. */
const insert = (version: number, applied = true, name = 'goose_db_version') => `INSERT INTO ${name} (version_id, is_applied) VALUES (${version}, ${applied})`;

let db: ScratchDatabase;
const trees: string[] = [];
beforeAll(async () => {
  db = await scratchDatabase('goose');
  // A server zone off UTC, which goose's sessions and ours both get: tstamp is a timestamp without time zone, in that zone.
  // Under the url engine's run lock: a dry-run in another test file would otherwise put the setting back as its own change.
  await serverWide(`ALTER DATABASE ${db.name} SET timezone = 'Asia/Kolkata'`);
  await db.client.query(`SET timezone = 'Asia/Kolkata'`);
});
afterAll(async () => {
  trees.forEach(removeTree);
  await db.drop();
});
beforeEach(async () => {
  await db.client.query('DROP TABLE IF EXISTS goose_db_version, schema_migrations, audit, stamps');
});

async function cli(root: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), env: {}, cwd: root, color: false };
  const code = await runCli([...argv, 'migrations', '--preset', 'goose', '--database-url', db.url], io);
  return { code, stdout, stderr };
}

function tree(files: Record<string, string>): string {
  const root = makeTree(files);
  trees.push(root);
  return root;
}

const up = (sql: string) => `-- +goose Up\n${sql}\n-- +goose Down\nSELECT 1;\n`;

test("reads the applied set as goose does: a version's newest row by id decides, a down row or a deleted one leaves it pending, version 0 is goose's own", async () => {
  const ms = ['00001_a.sql', '00002_b.sql', '00003_c.sql', '00004_d.sql', '00005_e.sql'].map((n) => migration(`db/migrations/${n}`, up('SELECT 1;'), 'goose'));
  await db.client.query(gooseTable());
  // 1 up; 2 up then down by an older goose (an is_applied false row); 3 up, down, up again;
  // 4 up then down by today's goose (its rows deleted); 5 never run.
  await db.client.query(`${insert(1)}; ${insert(2)}; ${insert(2, false)}; ${insert(3)}; ${insert(3, false)}; ${insert(3)}; ${insert(4)};
    DELETE FROM goose_db_version WHERE version_id = 4`);
  const options = testOptions({
    mode: 'deploy',
    preset: 'goose',
    dryRun: { ...testOptions().dryRun, databaseUrl: db.url },
    history: { format: 'auto', write: false },
  });
  const before = Date.now();
  const { history, findings } = await readHistoryTable(options, ms);
  expect(history.source).toBe('table:public.goose_db_version');
  expect(history.entries.map((e) => [e.version, e.file, e.state])).toEqual([
    ['00001', 'db/migrations/00001_a.sql', 'applied'],
    ['00003', 'db/migrations/00003_c.sql', 'applied'],
  ]);
  expect(findings).toEqual([]);
  // now() in Asia/Kolkata, read back as the instant it was.
  expect(Math.abs(Date.parse(history.entries[0]!.appliedAt!) - before)).toBeLessThan(60_000);
});

test('status and the deploy gate under --preset goose read goose_db_version with no flag, and report an applied version whose file is gone', async () => {
  const root = tree({
    'migrations/00001_audit.sql': up('CREATE TABLE IF NOT EXISTS audit (note text);'),
    'migrations/00002_seed.sql': up("INSERT INTO audit (note) VALUES ('seeded once');"),
    'migrations/00004_more.sql': up('SELECT 4;'),
  });
  await db.client.query(`${gooseTable()}; ${insert(1)}; ${insert(2)}; ${insert(3)}`);
  const status = await cli(root, 'status');
  expect(status.stdout).toMatch(/^Applied \(2\)\n.*00001_audit\.sql.*\n.*00002_seed\.sql.*\n\nPending \(1\)\n.*00004_more\.sql/m);
  const report = JSON.parse((await cli(root, 'check', '--mode', 'deploy', '--no-dry-run', '--format', 'json')).stdout);
  expect(report.base).toBe('table:public.goose_db_version');
  expect(report.migrations.map((m: { file: string; status: string }) => [m.file, m.status])).toEqual([
    ['migrations/00001_audit.sql', 'applied'],
    ['migrations/00002_seed.sql', 'applied'],
    ['migrations/00004_more.sql', 'pending'],
  ]);
  expect(report.findings.map((f: { rule: string; file: string }) => [f.rule, f.file])).toEqual([['missing-migration', 'migrations/3']]);
});

test("apply writes goose's row for each file run, tstamp the server's now() in the file's transaction, which goose then takes as applied", async () => {
  const root = tree({
    'migrations/00001_audit.sql': up('CREATE TABLE IF NOT EXISTS audit (note text);'),
    'migrations/00002_stamps.sql': up('CREATE TABLE stamps AS SELECT now()::timestamp AS at;'),
    'migrations/20240101120000_seed.sql': up("INSERT INTO audit (note) VALUES ('seeded once');"),
  });
  // Version 1 as goose ran it.
  await db.client.query(`${gooseTable()}; CREATE TABLE audit (note text); ${insert(1)}`);
  expect((await cli(root, 'apply')).code).not.toBe(0);
  expect((await db.client.query('SELECT count(*)::int AS n FROM goose_db_version')).rows).toEqual([{ n: 2 }]);

  const applied = await cli(root, 'apply', '--history-write');
  expect(applied).toMatchObject({ code: 0, stderr: '' });
  expect(applied.stdout).toContain('2 applied, 1 skipped, 3 total');
  const { rows } = await db.client.query('SELECT version_id::text AS version, is_applied FROM goose_db_version ORDER BY id');
  expect(rows).toEqual([
    { version: '0', is_applied: true },
    { version: '1', is_applied: true },
    { version: '2', is_applied: true },
    { version: '20240101120000', is_applied: true },
  ]);
  // The migration's own now() and the row's default are one transaction's clock.
  const same = await db.client.query(`SELECT (SELECT tstamp FROM goose_db_version WHERE version_id = 2) = (SELECT at FROM stamps) AS same`);
  expect(same.rows).toEqual([{ same: true }]);
  // goose's current version (EnsureDBVersion: the newest row by id that is applied) is the last file.
  const current = await db.client.query('SELECT version_id::text AS v FROM goose_db_version WHERE is_applied ORDER BY id DESC LIMIT 1');
  expect(current.rows).toEqual([{ v: '20240101120000' }]);
  expect((await db.client.query(`SELECT to_regclass('schema_migrations') AS t`)).rows).toEqual([{ t: null }]);

  const again = await cli(root, 'apply', '--history-write');
  expect(again.stdout).toContain('0 applied, 3 skipped, 3 total');
  expect((await db.client.query(`SELECT count(*)::int AS n FROM audit`)).rows).toEqual([{ n: 1 }]);
});

test('apply under --preset goose without goose_db_version runs nothing and creates no table', async () => {
  const root = tree({ 'migrations/00001_audit.sql': up('CREATE TABLE audit (note text);') });
  const result = await cli(root, 'apply', '--history-write');
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain('goose history table public.goose_db_version does not exist');
  const { rows } = await db.client.query(`SELECT to_regclass('goose_db_version') AS goose, to_regclass('schema_migrations') AS seed, to_regclass('audit') AS t`);
  expect(rows).toEqual([{ goose: null, seed: null, t: null }]);
});

test('--history goose and a custom table name (goose -table) are accepted', async () => {
  const root = tree({ 'migrations/00001_audit.sql': up('SELECT 1;') });
  await db.client.query(`CREATE SCHEMA ops; ${gooseTable('ops.versions')}; ${insert(1, true, 'ops.versions')}`);
  const { code, stdout } = await cli(root, 'check', '--mode', 'deploy', '--no-dry-run', '--format', 'json', '--history', 'goose', '--history-table', 'ops.versions');
  expect(code).toBe(0);
  const report = JSON.parse(stdout);
  expect(report.base).toBe('table:ops.versions');
  expect(report.migrations.map((m: { status: string }) => m.status)).toEqual(['applied']);
});
