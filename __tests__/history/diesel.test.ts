// diesel's history on a real server: __diesel_schema_migrations, created as diesel creates it, written by
// `apply` and read back by `status` and the deploy gate; metadata.toml's run_in_transaction honoured by apply.

import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { makeTree, removeTree } from '../support/repo.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';

let db: ScratchDatabase;
let root: string;
beforeAll(async () => {
  db = await scratchDatabase('diesel');
  // As diesel_migrations' setup_migration_table.sql makes it.
  await db.client.query(`CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (
    version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
});
afterAll(async () => {
  removeTree(root);
  await db.drop();
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runCli([...argv, 'migrations', '--preset', 'diesel', '--database-url', db.url], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    env: {},
    cwd: root,
    color: false,
  });
  return { code, stdout };
}

test('apply records each version as diesel does, runs a run_in_transaction = false index build outside a transaction, and the gate reads it back', async () => {
  root = makeTree({
    'migrations/2024-01-01-000000_users/up.sql': 'CREATE TABLE users (id int PRIMARY KEY, name text);\n',
    'migrations/2024-01-01-000000_users/down.sql': 'DROP TABLE users;\n',
    'migrations/2024-02-01-000000-0000_users_name/up.sql': 'CREATE INDEX CONCURRENTLY users_name ON users (name);\n',
    'migrations/2024-02-01-000000-0000_users_name/metadata.toml': 'run_in_transaction = false\n',
  });
  expect((await cli('apply', '--history-write')).code).toBe(0);
  const { rows } = await db.client.query('SELECT version FROM __diesel_schema_migrations ORDER BY version');
  expect(rows).toEqual([{ version: '20240101000000' }, { version: '202402010000000000' }]);
  expect((await db.client.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_name'::regclass`)).rows).toEqual([{ indisvalid: true }]);

  mkdirSync(join(root, 'migrations/2024-03-01-000000-0000_posts'));
  writeFileSync(join(root, 'migrations/2024-03-01-000000-0000_posts/up.sql'), 'CREATE TABLE IF NOT EXISTS posts (id int);\n');
  const report = JSON.parse((await cli('check', '--mode', 'deploy', '--no-dry-run', '--format', 'json')).stdout);
  expect(report.migrations.map((m: { status: string }) => m.status)).toEqual(['applied', 'applied', 'pending']);
  expect(report.findings).toEqual([]);
});

test("versions are text to diesel: Lemmy's 00000000000000 and 000000000000000 are applied and read back as two migrations", async () => {
  const lemmy = await scratchDatabase('diesel_text');
  const tree = makeTree({
    'migrations/00000000000000_diesel_initial_setup/up.sql': 'CREATE TABLE IF NOT EXISTS setup (id int);\n',
    'migrations/000000000000000_forms/up.sql': 'CREATE TABLE IF NOT EXISTS forms (id int);\n',
  });
  const run = async (...argv: string[]) => {
    let stdout = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, env: {}, cwd: tree, color: false };
    const code = await runCli([...argv, 'migrations', '--preset', 'diesel', '--database-url', lemmy.url], io);
    return { code, stdout };
  };
  try {
    await lemmy.client.query('CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)');
    expect((await run('apply', '--history-write')).code).toBe(0);
    const { rows } = await lemmy.client.query('SELECT version FROM __diesel_schema_migrations ORDER BY version');
    expect(rows).toEqual([{ version: '00000000000000' }, { version: '000000000000000' }]);
    const report = JSON.parse((await run('check', '--mode', 'deploy', '--no-dry-run', '--format', 'json')).stdout);
    expect(report.migrations.map((m: { file: string; status: string }) => [m.file, m.status])).toEqual([
      ['migrations/00000000000000_diesel_initial_setup/up.sql', 'applied'],
      ['migrations/000000000000000_forms/up.sql', 'applied'],
    ]);
    expect(report.findings).toEqual([]);
  } finally {
    removeTree(tree);
    await lemmy.drop();
  }
});
