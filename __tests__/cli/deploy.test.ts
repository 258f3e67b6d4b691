// The deploy door end to end through the CLI on a real server: apply, status, and check --mode deploy,
// which reads the target and dry-runs elsewhere, leaving the target byte-for-byte unchanged.

import { runCli } from '../../src/cli.js';
import { makeTree, removeTree } from '../support/repo.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';
import { dumpDatabase } from '../support/postgres.js';
import type { Report } from '../../src/report/report.js';

let db: ScratchDatabase;
let root: string;
beforeAll(async () => {
  db = await scratchDatabase('cli_deploy');
  root = makeTree({
    'migrations/001_users.sql': 'create table users (id bigint primary key, email text not null);\n',
    'migrations/002_orders.sql': 'create table orders (id bigint primary key, user_id bigint references users(id));\n',
  });
});
afterAll(async () => {
  await db.drop();
  removeTree(root);
});

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root, color: false });
  return { code, stdout, stderr };
}

const dump = () => dumpDatabase(db.url);

test('apply records each migration and prints the runner-style summary; a second apply skips them', async () => {
  const first = await cli(['apply', 'migrations', '--database-url', db.url]);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('2 applied, 0 skipped, 2 total');
  const again = await cli(['apply', 'migrations', '--database-url', db.url]);
  expect(again.stdout).toContain('0 applied, 2 skipped, 2 total');
  const rows = await db.client.query('select version, name from schema_migrations order by version');
  expect(rows.rows).toEqual([
    { version: '001', name: 'users' },
    { version: '002', name: 'orders' },
  ]);
});

test('check --mode deploy: a new file is pending and dry-run elsewhere; the target is unchanged', async () => {
  makeTree({ 'migrations/003_bad.sql': 'alter table orders add column total numeric;\nalter table nope add column x int;\n' }, root);
  const before = dump();
  const r = await cli(['check', 'migrations', '--mode', 'deploy', '--database-url', db.url, '--format', 'json']);
  expect(dump()).toBe(before);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.base).toBe('table:public.schema_migrations');
  expect(report.migrations.map((m) => [m.file, m.status])).toEqual([
    ['migrations/001_users.sql', 'applied'],
    ['migrations/002_orders.sql', 'applied'],
    ['migrations/003_bad.sql', 'pending'],
  ]);
  expect(report.dryRun!.engine).not.toBe('url');
  expect(report.dryRun!.migrations).toEqual([
    expect.objectContaining({ file: 'migrations/003_bad.sql', status: 'failed', error: expect.objectContaining({ sqlstate: '42P01', line: 2 }) }),
  ]);
  expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'dry-run-failed', file: 'migrations/003_bad.sql', line: 2 }));
  expect(r.code).toBe(1);
});

test('status lists applied and pending with the password kept out of the output', async () => {
  const r = await cli(['status', 'migrations', '--database-url', db.url, '--no-dry-run']);
  expect(r.stdout).toContain('Applied (2)');
  expect(r.stdout).toContain('Pending (1)\n  • migrations/003_bad.sql');
  expect(r.stdout + r.stderr).not.toContain('postgres:postgres@');
});

test('a wrong password is a clear exit-2 message without the password', async () => {
  const url = new URL(db.url);
  url.password = 'wrong-secret';
  const r = await cli(['status', 'migrations', '--database-url', url.toString()]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/password/i);
  expect(r.stderr).not.toContain('wrong-secret');
});

test('apply of a file that fails part-way keeps nothing of it: the file ran in one transaction', async () => {
  const r = await cli(['apply', 'migrations', '--database-url', db.url]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/migrations\/003_bad\.sql:2:\d+: relation "nope" does not exist/);
  const column = await db.client.query(`select 1 from information_schema.columns where table_name = 'orders' and column_name = 'total'`);
  expect(column.rowCount).toBe(0);
  const rows = await db.client.query(`select version from schema_migrations order by version`);
  expect(rows.rows.map((x) => x.version)).toEqual(['001', '002']);
});
