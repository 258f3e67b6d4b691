// Flyway puts its schema in front of the connection's search path before each migration (DbMigrate.doMigrateGroup,
// PostgreSQLConnection.changeCurrentSchemaTo): its defaultSchema, else the connection's current schema. A migration's own
// SET search_path lasts to its end, and the next migration's unqualified objects land where Flyway's path says.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

describe.each([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
] as const)("on %s, Flyway's search path before each migration", (engine, databaseUrl) => {
  async function created(files: Tree) {
    const root = makeTree(files);
    try {
      const report = await runGate(await resolveOptions({ root, paths: ['sql'], preset: 'flyway', engine, databaseUrl, all: true }));
      return report.dryRun!.migrations.map((m) => [m.file, m.status, m.changes.filter((c) => c.kind === 'table').map((c) => c.name)]);
    } finally {
      removeTree(root);
    }
  }
  const files = {
    'sql/V1__elsewhere.sql': 'CREATE SCHEMA IF NOT EXISTS elsewhere;\nSET search_path = elsewhere;\nCREATE TABLE IF NOT EXISTS e1 (id int);\n',
    'sql/V2__next.sql': 'CREATE TABLE IF NOT EXISTS n2 (id int);\n',
  };

  test("a migration's SET search_path does not move the next migration's objects: they land in Flyway's schema", async () => {
    expect(await created(files)).toEqual([
      ['sql/V1__elsewhere.sql', 'applied', ['elsewhere.e1']],
      ['sql/V2__next.sql', 'applied', ['public.n2']],
    ]);
    expect(await created({ ...files, 'flyway.conf': 'flyway.defaultSchema=app\n' })).toEqual([
      ['sql/V1__elsewhere.sql', 'applied', ['elsewhere.e1']],
      ['sql/V2__next.sql', 'applied', ['app.n2']],
    ]);
  });
});
