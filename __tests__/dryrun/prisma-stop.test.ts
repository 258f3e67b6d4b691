// A folder of prisma/migrations without migration.sql: Prisma takes it for a migration, applies the ones before it, and
// stops at it (listMigrations.ts keeps the failed read; the schema engine's apply_migrations fails on it with
// "Failed to read migration script"): the dry-run and apply run the ones before it and none after it.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { discover } from '../../src/discover/index.js';
import { applyPending } from '../../src/deploy/apply.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';

const FILES: Tree = {
  'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n',
  'prisma/migrations/20240201000000_notes/README.md': 'work in progress\n',
  'prisma/migrations/20240301000000_posts/migration.sql': 'CREATE TABLE IF NOT EXISTS posts (id int);\n',
  'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
};
const REASON = 'not run: Prisma stops at the earlier prisma/migrations/20240201000000_notes/, which holds no migration.sql ("Failed to read migration script")';

describe.each([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
] as const)('on %s, a Prisma folder without migration.sql', (engine, databaseUrl) => {
  test('the dry-run applies the migrations before it and shows the ones after it as not run, with the reason', async () => {
    const root = makeTree(FILES);
    try {
      const report = await runGate(await resolveOptions({ root, paths: ['prisma/migrations'], preset: 'prisma', engine, databaseUrl, all: true }));
      expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason])).toEqual([
        ['prisma/migrations/20240101000000_init/migration.sql', 'applied', undefined],
        ['prisma/migrations/20240301000000_posts/migration.sql', 'skipped', REASON],
      ]);
      expect(report.findings.map((f) => [f.rule, f.file, f.suggestion])).toEqual([
        ['unreadable-file', 'prisma/migrations/20240201000000_notes', 'add its migration.sql, or move the folder out of prisma/migrations'],
      ]);
    } finally {
      removeTree(root);
    }
  });
});

describe('apply under the prisma preset, as the deploy action runs it', () => {
  let db: ScratchDatabase;
  beforeAll(async () => (db = await scratchDatabase('prisma_stop')));
  afterAll(async () => db.drop());

  test('applies the migrations before the folder, fails at it, and runs none after it', async () => {
    const root = makeTree(FILES);
    try {
      const options = await resolveOptions({ root, paths: ['prisma/migrations'], preset: 'prisma', history: 'seed-runner', databaseUrl: db.url, mode: 'deploy' });
      const { migrations, refusedNames } = discover(options);
      const lines: string[] = [];
      const result = await applyPending(options, migrations, { log: (l) => lines.push(l.replace(/\(\d+ ms\)/, '(N ms)')) }, {}, refusedNames);
      expect(result).toEqual({
        applied: ['prisma/migrations/20240101000000_init/migration.sql'],
        skipped: [],
        total: 2,
        failed: { file: 'prisma/migrations/20240201000000_notes', error: 'prisma/migrations/20240201000000_notes/: Failed to read migration script' },
      });
      expect(lines).toEqual([
        'applied prisma/migrations/20240101000000_init/migration.sql (N ms)',
        'failed prisma/migrations/20240201000000_notes/: Failed to read migration script; add its migration.sql, or move the folder out of prisma/migrations.',
        `not run: prisma/migrations/20240301000000_posts/migration.sql (${REASON.slice('not run: '.length)})`,
        '1 applied, 0 skipped, 2 total',
      ]);
      const tables = await db.client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('users', 'posts')`);
      expect(tables.rows).toEqual([{ tablename: 'users' }]);
    } finally {
      removeTree(root);
    }
  });
});
