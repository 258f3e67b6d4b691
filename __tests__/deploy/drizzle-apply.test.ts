// apply under the drizzle preset runs as drizzle-orm's migrate() does: every pending migration of the folder and its
// history row in one transaction, committed at the end, so a failure anywhere leaves nothing of the run; a migration's
// own COMMIT ends that transaction early, as it ends drizzle's. Against the real test server; fails without one.

import { createHash } from 'node:crypto';
import { runCli } from '../../src/cli.js';
import { drizzleFolder, whenOf } from '../support/drizzle-folder.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { scratchDatabase, type ScratchDatabase } from './scratch-database.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let db: ScratchDatabase;
beforeAll(async () => (db = await scratchDatabase('drizzle_apply')));
afterAll(async () => db.drop());
// drizzle's migrate() makes its table (0.x's DDL, pg-core dialect.ts) outside its transaction, before it applies anything.
beforeEach(async () => {
  await db.client.query('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  await db.client.query('CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)');
});

/** `migration-gate apply drizzle --preset drizzle`, as a deploy job runs it, on a folder tree made for the call. */
async function apply(files: Tree): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = makeTree(files);
  try {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), env: {}, cwd: root, color: false };
    const code = await runCli(['apply', 'drizzle', '--preset', 'drizzle', '--history-write', '--database-url', db.url], io);
    return { code, stdout, stderr };
  } finally {
    removeTree(root);
  }
}

async function historyRows(): Promise<Array<{ hash: string; created_at: string; xmin: string }>> {
  return (await db.client.query('SELECT hash, created_at, xmin::text AS xmin FROM drizzle.__drizzle_migrations ORDER BY id')).rows;
}

async function exists(name: string): Promise<boolean> {
  return (await db.client.query('SELECT to_regclass($1) IS NOT NULL AS found', [name])).rows[0].found;
}

/** The lines apply logged, its timings left out. */
const logged = (stdout: string) => stdout.trimEnd().split('\n').map((l) => l.replace(/ \(\d+ ms\)$/, ''));

const USERS = 'CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL, "email" text NOT NULL);\n';
const POSTS =
  'CREATE TABLE "posts" ("id" serial PRIMARY KEY NOT NULL, "author" integer NOT NULL);\n--> statement-breakpoint\n' +
  'ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fk" FOREIGN KEY ("author") REFERENCES "public"."authors"("id");\n';
const INDEX = 'CREATE INDEX "posts_author_idx" ON "posts" ("author");\n';

describe('apply under the drizzle preset', () => {
  test('a clean run of three journal files writes their rows as drizzle does, all in one transaction with the migrations', async () => {
    const files = { '0000_users': USERS, '0001_posts': POSTS.replace('"authors"', '"users"'), '0002_index': INDEX };
    const tree = drizzleFolder(files);
    const run = await apply(tree);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(logged(run.stdout)).toEqual(['applied drizzle/0000_users.sql', 'applied drizzle/0001_posts.sql', 'applied drizzle/0002_index.sql', '3 applied, 0 skipped, 3 total']);
    const rows = await historyRows();
    expect(rows.map(({ hash, created_at }) => ({ hash, created_at }))).toEqual(Object.values(files).map((sql, idx) => ({ hash: sha256(sql), created_at: whenOf(idx) })));
    // One transaction id wrote the three rows and the tables the migrations made.
    const made = await db.client.query(`SELECT xmin::text AS xmin FROM pg_class WHERE relname IN ('users', 'posts', 'posts_author_idx')`);
    expect(new Set([...rows, ...made.rows].map((r) => r.xmin)).size).toBe(1);

    const again = await apply(tree);
    expect(again).toMatchObject({ code: 0 });
    expect(logged(again.stdout)).toEqual(['0 applied, 3 skipped, 3 total']);
  });

  test('a failure in the 2nd of three rolls back the 1st with it and runs not the 3rd: no table and no row of the run stays', async () => {
    const run = await apply(drizzleFolder({ '0000_users': USERS, '0001_posts': POSTS, '0002_index': INDEX }));
    expect(run.code).toBe(1);
    const error = 'drizzle/0001_posts.sql:3:1: relation "public.authors" does not exist';
    expect(run.stderr).toBe(`migration-gate: ${error}\n`);
    expect(logged(run.stdout)).toEqual([
      `failed drizzle/0001_posts.sql: ${error}`,
      'drizzle/0000_users.sql and drizzle/0001_posts.sql were rolled back: drizzle runs every pending migration of a folder in one transaction, ' +
        'and drizzle/0001_posts.sql failed in it, so none of them is applied or recorded; nothing after it ran.',
      '0 applied, 0 skipped, 3 total',
    ]);
    expect(await historyRows()).toEqual([]);
    expect([await exists('users'), await exists('posts'), await exists('posts_author_idx')]).toEqual([false, false, false]);
  });

  test('a value one file adds to an enum cannot be used by the next in the same run (55P04), as under drizzle; run apart, they pass', async () => {
    const init = `CREATE TYPE "public"."mood" AS ENUM('sad', 'ok');--> statement-breakpoint\nCREATE TABLE "people" ("id" serial PRIMARY KEY NOT NULL, "mood" "mood" DEFAULT 'ok' NOT NULL);\n`;
    const files = { '0000_init': init, '0001_add_happy': `ALTER TYPE "public"."mood" ADD VALUE 'happy';\n`, '0002_use_happy': `ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT 'happy';\n` };
    expect((await apply(drizzleFolder({ '0000_init': init }))).code).toBe(0);

    const run = await apply(drizzleFolder(files));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^migration-gate: drizzle\/0002_use_happy\.sql:1:\d+: unsafe use of new value "happy" of enum type mood\n$/);
    const lines = logged(run.stdout);
    expect(lines[1]).toMatch(/^drizzle\/0001_add_happy\.sql and drizzle\/0002_use_happy\.sql were rolled back: /);
    expect(lines[2]).toMatch(/^drizzle\/0001_add_happy\.sql adds "happy", and drizzle commits it only after the last pending migration: apply drizzle\/0001_add_happy\.sql in a run of its own/);
    expect((await db.client.query(`SELECT enum_range(NULL::mood)::text AS values`)).rows[0].values).toBe('{sad,ok}');
    expect((await historyRows()).map((r) => r.created_at)).toEqual([whenOf(0)]);

    // As the advice says: the file that adds the value in a run of its own, then the one that uses it.
    const { '0002_use_happy': _, ...first } = files;
    expect((await apply(drizzleFolder(first))).code).toBe(0);
    expect(logged((await apply(drizzleFolder(files))).stdout)).toEqual(['applied drizzle/0002_use_happy.sql', '1 applied, 2 skipped, 3 total']);
  });

  test('CREATE INDEX CONCURRENTLY fails in the run as under drizzle, and the error says drizzle has no way out of its transaction', async () => {
    const run = await apply(drizzleFolder({ '0000_users': USERS, '0001_email_idx': 'CREATE INDEX CONCURRENTLY "users_email_idx" ON "users" ("email");\n' }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^migration-gate: drizzle\/0001_email_idx\.sql:1:1: CREATE INDEX CONCURRENTLY cannot run inside a transaction block\. Drizzle's migrate\(\) runs every pending migration in one transaction, and has no setting that keeps a migration out of it: run this statement outside drizzle /,
    );
    expect(await historyRows()).toEqual([]);
    expect(await exists('users')).toBe(false);
  });

  test("a migration's own COMMIT ends drizzle's transaction: the run before it stays, and what follows commits statement by statement", async () => {
    // drizzle-kit users' way to CREATE INDEX CONCURRENTLY (drizzle-orm#860): end drizzle's transaction first.
    const concurrently = 'COMMIT;--> statement-breakpoint\nCREATE INDEX CONCURRENTLY "users_email_idx" ON "users" ("email");\n';
    const tags = 'CREATE TABLE "tags" ("id" integer);\n--> statement-breakpoint\nALTER TABLE "tags" ADD CONSTRAINT "tags_fk" FOREIGN KEY ("id") REFERENCES "authors"("id");\n';
    const run = await apply(drizzleFolder({ '0000_users': USERS, '0001_email_idx': concurrently, '0002_tags': tags }));
    expect(run.code).toBe(1);
    expect(logged(run.stdout)).toEqual([
      'applied drizzle/0000_users.sql',
      'applied drizzle/0001_email_idx.sql',
      'failed drizzle/0002_tags.sql: drizzle/0002_tags.sql:3:1: relation "authors" does not exist',
      "drizzle's transaction ended in drizzle/0001_email_idx.sql, so the statements of drizzle/0002_tags.sql that ran before the failing one " +
        'stay applied; drizzle/0002_tags.sql is not recorded, so the next apply (or drizzle) runs it again from the start; nothing after it ran.',
      '2 applied, 0 skipped, 3 total',
    ]);
    expect((await historyRows()).map((r) => r.created_at)).toEqual([whenOf(0), whenOf(1)]);
    expect([await exists('users_email_idx'), await exists('tags')]).toEqual([true, true]);
  });
});
