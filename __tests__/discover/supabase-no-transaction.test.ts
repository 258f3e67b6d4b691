// The Supabase CLI runs a file whose first line is exactly `-- pg-delta: transaction=false` statement by statement,
// outside any transaction (legacyParseMigrationContent); the lint and the dry-run follow it, and only there.

import { runCliIn } from '../support/cli.js';
import { makeTree, removeTree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

test('`-- pg-delta: transaction=false` as the first line (after a BOM, before CRLF too) takes a Supabase file out of the CLI transaction; elsewhere it is a comment', async () => {
  const root = makeTree({
    'supabase/migrations/20240101000000_a.sql': '-- pg-delta: transaction=false\nCREATE TABLE IF NOT EXISTS a (id int);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS a_id ON a (id);\n',
    'supabase/migrations/20240101000001_c.sql': 'CREATE TABLE IF NOT EXISTS c (id int);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS c_id ON c (id);\n-- pg-delta: transaction=false\n',
    'supabase/migrations/20240102000000_b.sql': '\uFEFF-- pg-delta: transaction=false\r\nCREATE TABLE IF NOT EXISTS b (id int);\r\nLOCK TABLE b;\r\n',
  });
  roots.push(root);
  const run = await runCliIn(root, ['check', '--preset', 'supabase', '--engine', 'pglite', '--format', 'json']);
  const findings = run.report!.findings.map((f) => [f.rule, f.file.replace('supabase/migrations/', ''), f.line, f.message.slice(0, 60)]);
  expect(findings).toEqual([
    ['dry-run-failed', '20240102000000_b.sql', 3, 'Fails on pglite engine, PostgreSQL 18.6, outside any transac'],
    ['transaction-unsafe', '20240102000000_b.sql', 3, 'LOCK TABLE can only be used in transaction blocks, and the S'],
    ['transaction-unsafe', '20240101000001_c.sql', 2, 'CREATE INDEX CONCURRENTLY cannot run inside a transaction bl'],
  ]);
  expect(run.report!.dryRun!.migrations.map((m) => [m.file.replace('supabase/migrations/', ''), m.status])).toEqual([
    ['20240101000000_a.sql', 'applied'],
    ['20240101000001_c.sql', 'applied'],
    ['20240102000000_b.sql', 'failed'],
  ]);
});
