// The gate as one pipeline: static rules and the dry-run on the same files, reported once.

import { runGate } from '../src/gate.js';
import { resolveOptions } from '../src/config/resolve.js';
import { makeTree, removeTree } from './support/repo.js';

let root: string;
beforeAll(() => {
  root = makeTree({
    'migrations/001_users.sql': 'create table users (id bigint primary key);\n',
    'migrations/002_side_effect.sql':
      'create or replace function make_audit() returns void language plpgsql as $$ begin create table audit (id int); end $$;\n' +
      'select make_audit();\n',
  });
});
afterAll(() => removeTree(root));

test('a statement both rules see is one finding, confirmed; one only the dry-run sees stays not-rerunnable', async () => {
  const report = await runGate(await resolveOptions({ root, paths: ['migrations'] }));
  expect(report.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
  expect(report.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
    ['non-idempotent', 'migrations/001_users.sql', 1],
    ['not-rerunnable', 'migrations/002_side_effect.sql', 2],
  ]);
  expect(report.findings[0]!.message).toMatch(/The dry-run confirmed it\.$/);
  expect(report.findings[1]!.message).toContain('relation "audit" already exists');
});
