// A diesel migration folder without up.sql (here only its down.sql): diesel's FileBasedMigrations::from_path refuses it
// while it lists the folders, before it runs any, so unlike Prisma's stop it leaves none of them run, and every word
// of it names up.sql, the file diesel misses, never Prisma's migration.sql.

import { runCliIn } from '../support/cli.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

const FILES: Tree = {
  'migrations/2024-01-01-000000_a/up.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\n',
  'migrations/2024-02-01-000000_b/down.sql': 'DROP TABLE b;\n',
  'migrations/2024-03-01-000000_c/up.sql': 'CREATE TABLE IF NOT EXISTS c (id int);\n',
};
const REFUSAL =
  'migrations/2024-02-01-000000_b/ holds no up.sql, and diesel refuses it: `diesel migration run` fails on it with ' +
  `"Invalid migration directory, the directory's name should be <timestamp>_<name_of_migration>, and it should only contain up.sql and down.sql.", ` +
  'before it applies any migration';

describe.each([
  ['pglite', []],
  ['url', ['--database-url', TEST_DATABASE_URL]],
] as const)('on %s, a diesel folder with down.sql but no up.sql', (engine, url) => {
  test("fails the gate, and the dry-run runs none of the folder's migrations, in diesel's words: the finding's", async () => {
    const root = makeTree(FILES);
    try {
      const { code, report } = await runCliIn(root, ['check', '--preset', 'diesel', '--all', '--engine', engine, ...url, '--format', 'json']);
      expect(code).toBe(1);
      expect(report!.findings.map((f) => [f.rule, f.file, f.message, f.suggestion])).toEqual([
        ['unreadable-file', 'migrations/2024-02-01-000000_b', REFUSAL, 'add its up.sql, or move the folder out of migrations'],
      ]);
      expect(report!.dryRun!.migrations.map((m) => [m.file, m.status, m.reason])).toEqual([
        ['migrations/2024-01-01-000000_a/up.sql', 'skipped', `not run: ${REFUSAL}`],
        ['migrations/2024-03-01-000000_c/up.sql', 'skipped', `not run: ${REFUSAL}`],
      ]);
    } finally {
      removeTree(root);
    }
  });
});
