// drizzle-orm's migrate() runs every pending migration of the folder in one transaction and commits at the end: under the
// drizzle preset the dry-run does too. A failure discards the migrations before it in the run, and a value one migration
// adds to an enum cannot be used by a later one of the same run (55P04), though each file alone passes. Fails, never
// skips, without a test server.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import type { EngineChoice, PresetName } from '../../src/options.js';
import { makeGitRepo, makeTree, removeTree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { drizzleFolder as folder } from '../support/drizzle-folder.js';


const INIT =
  `CREATE TYPE "public"."mood" AS ENUM('sad', 'ok');--> statement-breakpoint\n` +
  `CREATE TABLE "people" ("id" serial PRIMARY KEY NOT NULL, "mood" "mood" DEFAULT 'ok' NOT NULL);\n`;
const ADD_HAPPY = `ALTER TYPE "public"."mood" ADD VALUE 'happy';\n`;
const USE_HAPPY = `ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT 'happy';\n`;

const USERS = 'CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL, "email" text NOT NULL);\n';
const POSTS =
  'CREATE TABLE "posts" ("id" serial PRIMARY KEY NOT NULL, "author" integer NOT NULL);\n--> statement-breakpoint\n' +
  'ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fk" FOREIGN KEY ("author") REFERENCES "public"."authors"("id");\n';
const INDEX = 'CREATE INDEX "posts_author_idx" ON "posts" ("author");\n';

const ROLLED_BACK =
  'applied, then rolled back: drizzle runs every pending migration in one transaction, and drizzle/0001_posts.sql failed in it, so none of them is applied';

describe.each<[EngineChoice, string | undefined]>([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
  ['cluster', undefined],
])('on the %s engine, the drizzle dry-run', (engine, databaseUrl) => {
  const gate = async (root: string, preset: PresetName, base?: string) =>
    runGate(await resolveOptions({ root, paths: ['drizzle'], preset, engine, ...(databaseUrl && { databaseUrl }), ...(base ? { base } : { all: true }) }));

  test('a value 0001 adds to an enum cannot be used by 0002 in the same run (55P04), as under drizzle; per file, both pass', async () => {
    const { root, baseSha } = makeGitRepo(folder({ '0000_init': INIT }), folder({ '0000_init': INIT, '0001_add_happy': ADD_HAPPY, '0002_use_happy': USE_HAPPY }));
    try {
      const report = await gate(root, 'drizzle', baseSha);
      expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason ?? m.error?.sqlstate])).toEqual([
        [
          'drizzle/0001_add_happy.sql',
          'skipped',
          'applied, then rolled back: drizzle runs every pending migration in one transaction, and drizzle/0002_use_happy.sql failed in it, so none of them is applied',
        ],
        ['drizzle/0002_use_happy.sql', 'failed', '55P04'],
      ]);
      const failed = report.findings.filter((f) => f.rule === 'dry-run-failed');
      expect(failed.map((f) => [f.file, f.line])).toEqual([['drizzle/0002_use_happy.sql', 1]]);
      expect(failed[0]!.message).toMatch(
        /, in one transaction after drizzle\/0001_add_happy\.sql, as drizzle runs every pending migration: 55P04: unsafe use of new value "happy" of enum type mood\.$/,
      );
      expect(failed[0]!.suggestion).toMatch(/drizzle\/0001_add_happy\.sql adds "happy", and drizzle commits it only after the last pending migration: apply drizzle\/0001_add_happy\.sql in a run of its own/);

      const generic = await gate(root, 'generic', baseSha);
      expect(generic.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([
        ['drizzle/0001_add_happy.sql', 'applied'],
        ['drizzle/0002_use_happy.sql', 'applied'],
      ]);
      expect(generic.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
    } finally {
      removeTree(root);
    }
  });

  test('a failure in the 2nd of three pending rolls back the 1st, and the 3rd is not run', async () => {
    const root = makeTree(folder({ '0000_users': USERS, '0001_posts': POSTS, '0002_index': INDEX }));
    try {
      const report = await gate(root, 'drizzle');
      expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason ?? m.error?.sqlstate, m.changes])).toEqual([
        ['drizzle/0000_users.sql', 'skipped', ROLLED_BACK, []],
        ['drizzle/0001_posts.sql', 'failed', '42P01', []],
        ['drizzle/0002_index.sql', 'skipped', 'not run: the earlier migration drizzle/0001_posts.sql failed', []],
      ]);
      const failed = report.findings.filter((f) => f.rule === 'dry-run-failed');
      expect(failed.map((f) => [f.file, f.line])).toEqual([['drizzle/0001_posts.sql', 3]]);
      expect(failed[0]!.message).toContain(', in one transaction after drizzle/0000_users.sql, as drizzle runs every pending migration: 42P01: relation "public.authors" does not exist');
    } finally {
      removeTree(root);
    }
  });

  test('a clean run applies each migration with its own changes, and the locks it takes first on the tables there before the run', async () => {
    const name = 'ALTER TABLE "users" ADD COLUMN "name" text;\n';
    // drizzle-kit before 0.30 wrapped CREATE TYPE in an EXCEPTION block, which runs in a subtransaction of the run's.
    const role =
      `DO $$ BEGIN\n CREATE TYPE "public"."role" AS ENUM('admin', 'member');\nEXCEPTION\n WHEN duplicate_object THEN null;\nEND $$;\n` +
      '--> statement-breakpoint\nALTER TABLE "users" ADD COLUMN "role" "role" DEFAULT \'member\';\n';
    const { root, baseSha } = makeGitRepo(
      folder({ '0000_users': USERS }),
      folder({ '0000_users': USERS, '0001_name': name, '0002_posts': POSTS.replace('"authors"', '"users"'), '0003_role': role }),
    );
    try {
      const report = await gate(root, 'drizzle', baseSha);
      expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.changes.map((c) => `${c.action} ${c.kind} ${c.name}`), m.locks.map((l) => l.mode)])).toEqual([
        ['drizzle/0001_name.sql', 'applied', ['create column public.users.name'], ['AccessExclusiveLock']],
        ['drizzle/0002_posts.sql', 'applied', ['create table public.posts', 'create sequence public.posts_id_seq'], ['AccessShareLock', 'RowShareLock', 'ShareRowExclusiveLock']],
        // users is locked from 0001 to the end of the run.
        ['drizzle/0003_role.sql', 'applied', ['create type public.role', 'create column public.users.role'], []],
      ]);
      const locks = report.findings.filter((f) => f.rule === 'dangerous-lock');
      expect(locks.map((f) => f.file)).toEqual(['drizzle/0001_name.sql']);
      // The lock lasts to the end of drizzle's run, not of the file.
      expect(locks[0]!.message).toMatch(/every read and write on it waits until drizzle's run of every pending migration commits\.$/);
      expect(locks[0]!.suggestion).toContain('in their own migration with a lock_timeout, deployed in a run of its own;');
      expect(report.findings.filter((f) => f.rule === 'dry-run-failed' || f.rule === 'environment')).toEqual([]);
    } finally {
      removeTree(root);
    }
  });
});
