// A Flyway migration Flyway refuses is not dry-run as applied: with no script config file setting executeInTransaction,
// Flyway reads its statements to pick the transaction, and refuses one that holds both what it runs outside a
// transaction (CREATE INDEX CONCURRENTLY) and what it runs in one, before running any of it (ParserSqlScript.parse).

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

describe.each([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
] as const)('on %s, Flyway mixing CONCURRENTLY with other statements', (engine, databaseUrl) => {
  async function gate(files: Tree) {
    const root = makeTree(files);
    try {
      return await runGate(await resolveOptions({ root, paths: ['sql'], preset: 'flyway', engine, databaseUrl, all: true }));
    } finally {
      removeTree(root);
    }
  }
  // The QA repro (hunt-s9 flyway-mixed-dryrun-applies).
  const mixed = 'CREATE TABLE IF NOT EXISTS mixed_u (id int);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS mixed_u_id ON mixed_u (id);\n';
  const after = 'ALTER TABLE mixed_u ADD COLUMN IF NOT EXISTS n int;\n';

  test("is skipped with Flyway's reason, and so are the migrations after it, as Flyway stops there", async () => {
    const report = await gate({ 'sql/V1__mixed.sql': mixed, 'sql/V2__more.sql': after });
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason])).toEqual([
      [
        'sql/V1__mixed.sql',
        'skipped',
        'Flyway refuses the file at line 2 (Detected both transactional and non-transactional statements within the same migration (even though mixed is false). Offending statement found at line 2: CREATE INDEX CONCURRENTLY IF NOT EXISTS mixed_u_id ON mixed_u (id) [non-transactional]), so it runs none of it',
      ],
      ['sql/V2__more.sql', 'skipped', 'not run: Flyway refuses the earlier migration sql/V1__mixed.sql'],
    ]);
    // The static finding says the same, with the fix.
    expect(report.findings.filter((f) => f.rule === 'transaction-unsafe').map((f) => [f.file, f.line, f.severity])).toEqual([['sql/V1__mixed.sql', 2, 'error']]);
    // The statement that completes the mix is the offending one, whichever kind it is.
    const reversed = await gate({ 'sql/V1__mixed.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS pg_class_x ON pg_class (oid);\nCREATE TABLE IF NOT EXISTS mixed_u (id int);\n' });
    expect(reversed.dryRun!.migrations[0]!.reason).toMatch(/Offending statement found at line 2: CREATE TABLE IF NOT EXISTS mixed_u \(id int\)\), so it runs none of it$/);
  });

  test('applies where Flyway runs it: a script config file sets executeInTransaction, or CONCURRENTLY has a migration of its own', async () => {
    const configured = await gate({ 'sql/V1__mixed.sql': mixed, 'sql/V1__mixed.sql.conf': 'executeInTransaction=false\n', 'sql/V2__more.sql': after });
    expect(configured.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
    const split = await gate({
      'sql/V1__table.sql': 'CREATE TABLE IF NOT EXISTS mixed_u (id int);\n',
      'sql/V2__index.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS mixed_u_id ON mixed_u (id);\n',
      'sql/V3__more.sql': after,
    });
    expect(split.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'applied', 'applied']);
    expect(split.findings.filter((f) => f.rule === 'transaction-unsafe' || f.rule === 'dry-run-failed')).toEqual([]);
  });
});
