// graphile-migrate's history on a real server: its graphile_migrate.migrations table, created as the
// runner creates it, written by `apply` with the chain's hashes and read back by `status` and the deploy gate.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { commit } from '../support/graphile.js';
import { makeTree, removeTree } from '../support/repo.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';

let db: ScratchDatabase;
let root: string;
beforeAll(async () => {
  db = await scratchDatabase('graphile');
  // As graphile-migrate's _migrateMigrationSchema makes it.
  await db.client.query(`create schema if not exists graphile_migrate;
    create table if not exists graphile_migrate.migrations (hash text primary key, previous_hash text references graphile_migrate.migrations,
      filename text not null, date timestamptz not null default now())`);
});
afterAll(async () => {
  removeTree(root);
  await db.drop();
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const args = [...argv, 'migrations/committed', '--preset', 'graphile-migrate', '--database-url', db.url];
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root, color: false });
  return { code, stdout, stderr };
}

test('apply records hash, previous hash and number as graphile-migrate does; status and the deploy gate read them back', async () => {
  const first = commit('create table users (id int primary key);\n', null);
  const second = commit('--! no-transaction\ncreate index concurrently users_id on users (id);\n', first.hash);
  root = makeTree({ 'migrations/committed/000001.sql': first.text, 'migrations/committed/000002-users-index.sql': second.text });

  expect((await cli('apply', '--history-write')).code).toBe(0);
  const { rows } = await db.client.query('select filename, hash, previous_hash from graphile_migrate.migrations order by filename');
  expect(rows).toEqual([
    { filename: '000001.sql', hash: first.hash, previous_hash: null },
    { filename: '000002.sql', hash: second.hash, previous_hash: first.hash },
  ]);
  // The CONCURRENTLY build ran outside a transaction, as `--! no-transaction` asks.
  expect((await db.client.query(`select indisvalid from pg_index where indexrelid = 'users_id'::regclass`)).rows).toEqual([{ indisvalid: true }]);

  const status = await cli('status');
  expect(status.stdout).toContain('History: table:graphile_migrate.migrations');
  expect(status.stdout).toContain('2 applied, 0 pending, 2 total');

  // A third file committed on the second: pending in deploy mode, and applied on top of the chain.
  const third = commit('alter table users add column if not exists name text;\n', second.hash);
  writeFileSync(join(root, 'migrations/committed/000003.sql'), third.text);
  const deploy = await cli('check', '--mode', 'deploy', '--no-dry-run', '--format', 'json');
  const report = JSON.parse(deploy.stdout);
  expect(report.migrations.map((m: { file: string; status: string }) => [m.file, m.status])).toEqual([
    ['migrations/committed/000001.sql', 'applied'],
    ['migrations/committed/000002-users-index.sql', 'applied'],
    ['migrations/committed/000003.sql', 'pending'],
  ]);
  expect(report.findings).toEqual([]);
  expect((await cli('apply', '--history-write')).code).toBe(0);
  expect((await db.client.query(`select previous_hash from graphile_migrate.migrations where filename = '000003.sql'`)).rows).toEqual([{ previous_hash: second.hash }]);
});
