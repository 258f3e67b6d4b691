// Prisma projects: a migration is its folder, known by the folder's whole name (there is no version), and the
// folders apply in name order; a stored checksum holds for the file with its line endings converted.

import { createHash } from 'node:crypto';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';
import { scratchDatabase } from '../deploy/scratch-database.js';

async function report(root: string, base?: string) {
  return runGate(await resolveOptions({ root, paths: ['prisma/migrations'], preset: 'prisma', dryRun: false, ...(base ? { base } : { all: true }) }));
}

const INIT = 'CREATE TABLE users (\n  id int PRIMARY KEY,\n  name text\n);\n';

describe('prisma', () => {
  it('a folder without migration.sql stops prisma migrate deploy: an unreadable-file error under the prisma preset only', async () => {
    const root = makeTree({
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n',
      'prisma/migrations/20240201000000_notes/README.md': 'work in progress\n',
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
    });
    try {
      expect((await report(root)).findings.map((f) => [f.rule, f.severity, f.file, f.message])).toEqual([
        [
          'unreadable-file',
          'error',
          'prisma/migrations/20240201000000_notes',
          'prisma/migrations/20240201000000_notes/ holds no migration.sql: Prisma takes every folder in prisma/migrations/ for a migration, ' +
            "fails to read this one's script, and `prisma migrate deploy` stops there",
        ],
      ]);
      const generic = await runGate(await resolveOptions({ root, paths: ['prisma/migrations'], dryRun: false, all: true }));
      expect(generic.findings).toEqual([]);
    } finally {
      removeTree(root);
    }
  });

  it('reads only the folders of prisma/migrations (listMigrations): a loose .sql file is never applied, a folder two levels down is none', async () => {
    const root = makeTree({
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n',
      'prisma/migrations/20240201000000_posts.sql': 'CREATE TABLE IF NOT EXISTS posts (id int);\n',
      // diesel's file name: Prisma reads migration.sql only.
      'prisma/migrations/20240301000000_tags/up.sql': 'CREATE TABLE IF NOT EXISTS tags (id int);\n',
      'prisma/migrations/2024/20240401000000_notes/migration.sql': 'CREATE TABLE IF NOT EXISTS notes (id int);\n',
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
    });
    try {
      const r = await report(root);
      expect(r.migrations.map((m) => m.file)).toEqual(['prisma/migrations/20240101000000_init/migration.sql']);
      const scriptless = (dir: string) =>
        `prisma/migrations/${dir}/ holds no migration.sql: Prisma takes every folder in prisma/migrations/ for a migration, ` +
        "fails to read this one's script, and `prisma migrate deploy` stops there";
      expect(r.findings.map((f) => [f.rule, f.file, f.message, f.suggestion])).toEqual([
        ['unreadable-file', 'prisma/migrations/2024', scriptless('2024'), 'add its migration.sql, or move the folder out of prisma/migrations'],
        [
          'invalid-name',
          'prisma/migrations/20240201000000_posts.sql',
          '20240201000000_posts.sql is directly in prisma/migrations, and Prisma reads only the folders in it: it is never applied',
          'make it prisma/migrations/<name>/migration.sql, or move it out of prisma/migrations',
        ],
        [
          'unreadable-file',
          'prisma/migrations/20240301000000_tags',
          scriptless('20240301000000_tags'),
          'add its migration.sql, or move the folder out of prisma/migrations',
        ],
      ]);
    } finally {
      removeTree(root);
    }
  });

  it('two folders that share a number are two migrations, in name order (umami: 15_add_share, 15_boards)', async () => {
    const root = makeTree({
      'prisma/migrations/15_boards/migration.sql': 'CREATE TABLE IF NOT EXISTS boards (id int);\n',
      'prisma/migrations/15_add_share/migration.sql': 'CREATE TABLE IF NOT EXISTS shares (id int);\n',
      'prisma/migrations/2_users/migration.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n',
    });
    try {
      const r = await report(root);
      expect(r.findings.map((f) => f.rule)).not.toContain('duplicate-version');
      // Prisma's order: by name, so 15_* before 2_users, where a numeric order puts 2_users first (and name-order says so).
      expect(r.migrations.map((m) => m.file.split('/')[2])).toEqual(['15_add_share', '15_boards', '2_users']);
      expect(r.findings.map((f) => [f.rule, f.file])).toEqual([['name-order', 'prisma/migrations/15_add_share/migration.sql']]);
    } finally {
      removeTree(root);
    }
  });

  it('a change of line endings is no checksum-drift, a byte-order mark is, with Prisma advice', async () => {
    const file = 'prisma/migrations/20240101000000_init/migration.sql';
    const head = async (bytes: Buffer) => {
      const { root, baseSha } = makeGitRepo({ [file]: INIT } as Tree, { [file]: bytes });
      try {
        return (await report(root, baseSha)).findings.filter((f) => f.rule === 'checksum-drift');
      } finally {
        removeTree(root);
      }
    };
    expect(await head(Buffer.from(INIT.replace(/\n/g, '\r\n')))).toEqual([]);
    const [drift, ...more] = await head(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(INIT)]));
    expect(more).toEqual([]);
    expect(drift!.severity).toBe('error');
    expect(drift!.message).toContain('Only the byte-order mark changed.');
    expect(drift!.suggestion).toMatch(/^Restore the original byte-order mark \(`git checkout \w+ -- prisma\/migrations\/20240101000000_init\/migration.sql`\); Prisma accepts/);
    expect(drift!.suggestion).not.toContain('Flyway');
  });
});

describe('prisma: a folder without a number', () => {
  const tree = {
    'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n',
    'prisma/migrations/nhi_identity_models/migration.sql': 'CREATE TABLE IF NOT EXISTS identities (id int);\n',
    'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
  };

  it('is a migration, known by its whole name and applied in name order (Prisma reads every folder that holds migration.sql)', async () => {
    const root = makeTree(tree);
    try {
      const r = await report(root);
      expect(r.migrations.map((m) => [m.file, m.version])).toEqual([
        ['prisma/migrations/20240101000000_init/migration.sql', '20240101000000'],
        ['prisma/migrations/nhi_identity_models/migration.sql', 'nhi_identity_models'],
      ]);
      expect(r.findings).toEqual([]);
      // Another runner needs a version in the name: there it still is invalid-name.
      const generic = await runGate(await resolveOptions({ root, paths: ['prisma/migrations'], dryRun: false, all: true }));
      expect(generic.findings.map((f) => [f.rule, f.file])).toEqual([['invalid-name', 'prisma/migrations/nhi_identity_models/migration.sql']]);
    } finally {
      removeTree(root);
    }
  });

  it('in deploy mode, matches its _prisma_migrations row by name, and a new folder that sorts before it is out of order', async () => {
    const db = await scratchDatabase('prisma_unnumbered');
    const root = makeTree({ ...tree, 'prisma/migrations/20240601000000_posts/migration.sql': 'CREATE TABLE IF NOT EXISTS posts (id int);\n' });
    try {
      await db.client.query(`CREATE TABLE "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
      for (const [i, name] of ['20240101000000_init', 'nhi_identity_models'].entries()) {
        const sql = tree[`prisma/migrations/${name}/migration.sql` as keyof typeof tree];
        await db.client.query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`,
          [`id-${i}`, createHash('sha256').update(sql).digest('hex'), name],
        );
      }
      const r = await runGate(
        await resolveOptions({ root, paths: ['prisma/migrations'], preset: 'prisma', dryRun: false, mode: 'deploy', databaseUrl: db.url }),
      );
      expect(r.migrations.map((m) => [m.file.split('/')[2], m.status])).toEqual([
        ['20240101000000_init', 'applied'],
        ['20240601000000_posts', 'pending'],
        ['nhi_identity_models', 'applied'],
      ]);
      expect(r.findings.map((f) => [f.rule, f.severity, f.file])).toEqual([['out-of-order', 'warning', 'prisma/migrations/20240601000000_posts/migration.sql']]);
      expect(r.findings[0]!.message).toBe(
        '20240601000000_posts/migration.sql is new but its folder name sorts before nhi_identity_models, the last migration already applied ' +
          '(prisma/migrations/nhi_identity_models/migration.sql). `prisma migrate deploy` applies it without a warning, after migrations that were written later.',
      );
      expect(r.findings[0]!.suggestion).toBe(
        'No numbered folder name sorts after nhi_identity_models. If it does not depend on the order, leave it: on a database that has the others it runs last. ' +
          'Otherwise rename its folder to sort after nhi_identity_models before any database applies it (Prisma would run it again under the new name): ' +
          'git mv prisma/migrations/20240601000000_posts prisma/migrations/nhi_identity_models_posts.',
      );
    } finally {
      removeTree(root);
      await db.drop();
    }
  });
});
