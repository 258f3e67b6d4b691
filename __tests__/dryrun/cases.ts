// Dry-run behaviours every engine must show; url.test.ts and pglite.test.ts run them on their engine.

import { randomBytes } from 'node:crypto';
import { expect, test } from '@jest/globals';
import type { Migration } from '../../src/migration.js';
import type { EngineChoice, GateOptions } from '../../src/options.js';
import { runDryRun, type DryRunOutput } from '../../src/dryrun/index.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';

export function dryOptions(engine: EngineChoice, overrides: Partial<GateOptions> = {}, databaseUrl?: string): GateOptions {
  const base = testOptions(overrides);
  return { ...base, dryRun: { ...base.dryRun, enabled: true, engine, ...(databaseUrl ? { databaseUrl } : {}) } };
}

const users = () => migration('db/001_users.sql', 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n');

export function dryRunCases(engine: EngineChoice, databaseUrl?: string): void {
  const run = (baseline: Migration[], pending: Migration[], overrides: Partial<GateOptions> = {}): Promise<DryRunOutput> =>
    runDryRun({ options: dryOptions(engine, overrides, databaseUrl), baseline, pending });

  test('a failing migration reports its file, line and column, and later ones are skipped', async () => {
    const bad = migration(
      'db/002_bad.sql',
      '-- adds email\nALTER TABLE users ADD COLUMN email text;\n\nUPDATE users\n   SET emial = lower(email);\n',
    );
    const later = migration('db/003_later.sql', 'CREATE TABLE later (id int);\n');
    const out = await run([users()], [bad, later]);
    expect(out.dryRun.engine).toBe(engine === 'auto' ? expect.any(String) : engine);
    const [m2, m3] = out.dryRun.migrations;
    expect(m2).toMatchObject({ file: 'db/002_bad.sql', status: 'failed' });
    expect(m2!.error).toMatchObject({ sqlstate: '42703', line: 5, column: 8 });
    expect(m2!.error!.message).toMatch(/emial/);
    expect(m3).toMatchObject({ file: 'db/003_later.sql', status: 'skipped' });
    expect(out.findings).toContainEqual(expect.objectContaining({ rule: 'dry-run-failed', file: 'db/002_bad.sql', line: 5, column: 8 }));
  });

  test('an error inside a DO block is at the failing statement in the block, not at the DO', async () => {
    const m = migration(
      'db/002_do.sql',
      '-- backfill\nDO $body$\nDECLARE n int;\nBEGIN\n  SELECT count(*) INTO n FROM users;\n  IF n >= 0 THEN\n    INSERT INTO user_audit (n)\n      VALUES (n);\n  END IF;\nEND $body$;\n',
    );
    const dynamic = migration('db/003_dyn.sql', "DO $$ BEGIN\n  PERFORM 1;\n  EXECUTE 'SELECT * FROM missing_table';\nEND $$;\n");
    const first = await run([users()], [m]);
    expect(first.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '42P01', line: 7, column: 17 });
    // What EXECUTE runs is found in the file too, inside its string.
    const second = await run([users()], [dynamic]);
    expect(second.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '42P01', line: 3, column: 26 });
    // A string built at run time is not: the line that runs it.
    const built = migration('db/003_built.sql', "DO $$ BEGIN\n  PERFORM 1;\n  EXECUTE 'SELECT * FROM ' || 'missing_table';\nEND $$;\n");
    const third = await run([users()], [built]);
    expect(third.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '42P01', line: 3, column: 3 });
  });

  test('an error without a server position points at the failing statement, shifted by the section offset', async () => {
    const m = migration('db/002_dup.sql', 'CREATE TABLE a (id int);\nALTER TABLE users\n  ADD COLUMN name text;\n');
    m.lineOffset = 10; // e.g. after a goose/dbmate header
    const out = await run([users()], [m]);
    expect(out.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '42701', line: 12, column: 1 });
    expect(out.dryRun.migrations[0]!.error!.statement).toMatch(/^ALTER TABLE users/);
  });

  test('CREATE INDEX CONCURRENTLY alone in a file applies (outside a transaction)', async () => {
    const m = migration('db/002_idx.sql', 'CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n');
    m.runnerWraps = false; // as discovery reads it for the generic preset, whose runner is not known to wrap files
    const out = await run([users()], [m]);
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'applied' });
    expect(out.dryRun.migrations[0]!.changes).toContainEqual({ action: 'create', kind: 'index', name: 'public.users_name_idx' });
  });

  test('the re-run proof reports a migration that cannot run twice, and stays quiet for an idempotent one', async () => {
    const once = migration('db/002_once.sql', 'CREATE TABLE IF NOT EXISTS a (id int);\n\nCREATE TABLE b (id int);\n');
    const twice = migration('db/003_twice.sql', 'CREATE TABLE IF NOT EXISTS c (id int);\nALTER TABLE c ADD COLUMN IF NOT EXISTS n int;\n');
    const out = await run([], [once, twice]);
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
    const rerun = out.findings.filter((f) => f.rule === 'not-rerunnable');
    expect(rerun).toEqual([expect.objectContaining({ file: 'db/002_once.sql', line: 3 })]);
    expect(rerun[0]!.message).toMatch(/42P07.*"b" already exists/);
    // The re-run was rolled back: b exists once, and the next migration saw the first run's state.
    expect(out.dryRun.migrations[0]!.changes).toEqual(
      expect.arrayContaining([{ action: 'create', kind: 'table', name: 'public.b' }]),
    );
  });

  test('a file run outside a transaction re-runs as a whole: a DROP ... IF EXISTS still guards what follows it', async () => {
    const m = migration(
      'db/002_trigger.sql',
      'CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n' +
        'DROP TRIGGER IF EXISTS users_touch ON users;\n' +
        'CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n',
    );
    // As discovery reads a file that opts out of the runner's transaction (goose NO TRANSACTION).
    m.transactional = false;
    m.runnerWraps = false;
    const out = await run([users()], [m]);
    expect(out.dryRun.migrations[0]!.status).toBe('applied');
    expect(out.findings.filter((f) => f.rule === 'not-rerunnable')).toEqual([]);
  });

  test("a file's ROLLBACK ends the runner's transaction: what ran before it is gone, what follows stays, and the file applies", async () => {
    const rollback = migration('db/002_rollback.sql', 'CREATE TABLE x (a int);\nROLLBACK;\n');
    const abort = migration('db/003_abort.sql', 'BEGIN;\nCREATE TABLE y (a int);\nABORT;\nCREATE TABLE z (a int);\n');
    // x was discarded: a later file creates it again.
    const later = migration('db/004_later.sql', 'CREATE TABLE x (a int);\n');
    for (const preset of ['generic', 'golang-migrate', 'flyway'] as const) {
      const out = await run([], [rollback, abort, later], { preset });
      expect(out.dryRun.migrations.map((m) => [m.status, m.changes])).toEqual([
        ['applied', []],
        ['applied', [{ action: 'create', kind: 'table', name: 'public.z' }]],
        ['applied', [{ action: 'create', kind: 'table', name: 'public.x' }]],
      ]);
      // z and the later x are kept, so a second run fails on them; the first x never stays, so its file runs again.
      expect(out.findings.filter((f) => f.rule === 'not-rerunnable').map((f) => [f.file, f.line])).toEqual([
        ['db/003_abort.sql', 4],
        ['db/004_later.sql', 1],
      ]);
    }
  });

  test('locks on tables that existed before are recorded per statement; ACCESS EXCLUSIVE is a dangerous-lock', async () => {
    const m = migration(
      'db/002_alter.sql',
      'CREATE TABLE fresh (id int);\nALTER TABLE fresh ADD COLUMN n int;\nSELECT count(*) FROM users;\nALTER TABLE users ADD COLUMN age int;\n',
    );
    const out = await run([users()], [m]);
    const locks = out.dryRun.migrations[0]!.locks;
    expect(locks).toContainEqual({ relation: 'public.users', mode: 'AccessShareLock', line: 3 });
    expect(locks).toContainEqual({ relation: 'public.users', mode: 'AccessExclusiveLock', line: 4 });
    expect(locks.some((l) => l.relation === 'public.fresh')).toBe(false);
    const danger = out.findings.filter((f) => f.rule === 'dangerous-lock');
    expect(danger).toEqual([expect.objectContaining({ file: 'db/002_alter.sql', line: 4 })]);
    expect(danger[0]!.message).toMatch(/ALTER TABLE .*public\.users/);
  });

  test("one statement's locks on several tables are listed by table, then mode, whatever order the server keeps them in", async () => {
    const base = migration('db/001_tables.sql', 'CREATE TABLE zeta (id int);\nCREATE TABLE alpha (id int);\nCREATE TABLE mid (id int);\n');
    const m = migration('db/002_lock.sql', 'LOCK TABLE zeta, alpha, mid IN SHARE MODE;\nSELECT count(*) FROM zeta, alpha;\n');
    const out = await run([base], [m]);
    expect(out.dryRun.migrations[0]!.locks.map((l) => [l.relation, l.mode, l.line])).toEqual([
      ['public.alpha', 'ShareLock', 1],
      ['public.mid', 'ShareLock', 1],
      ['public.zeta', 'ShareLock', 1],
      ['public.alpha', 'AccessShareLock', 2],
      ['public.zeta', 'AccessShareLock', 2],
    ]);
  });

  test('schema changes: creates, alters and drops from catalog snapshots', async () => {
    const base = migration(
      'db/001_base.sql',
      `CREATE TABLE users (id bigint PRIMARY KEY, name text);
       CREATE VIEW user_names AS SELECT name FROM users;
       CREATE TYPE mood AS ENUM ('ok');
       CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';`,
    );
    const m = migration(
      'db/002_change.sql',
      `CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));
       ALTER TABLE users ADD COLUMN email text;
       ALTER TABLE users ALTER COLUMN name SET NOT NULL;
       ALTER TABLE users ENABLE ROW LEVEL SECURITY;
       CREATE POLICY own ON users USING (id = 1);
       DROP VIEW user_names;
       ALTER TYPE mood ADD VALUE 'sad';
       CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 2';
       CREATE SCHEMA app;
       CREATE SEQUENCE app.seq;`,
    );
    const out = await run([base], [m]);
    expect(out.dryRun.migrations[0]!.status).toBe('applied');
    const changes = out.dryRun.migrations[0]!.changes;
    expect(changes).toEqual(
      expect.arrayContaining([
        { action: 'create', kind: 'table', name: 'public.posts' },
        { action: 'create', kind: 'column', name: 'public.users.email' },
        { action: 'alter', kind: 'column', name: 'public.users.name' },
        { action: 'alter', kind: 'table', name: 'public.users' },
        { action: 'create', kind: 'policy', name: 'public.users.own' },
        { action: 'drop', kind: 'view', name: 'public.user_names' },
        { action: 'alter', kind: 'type', name: 'public.mood' },
        { action: 'alter', kind: 'function', name: 'public.f()' },
        { action: 'create', kind: 'schema', name: 'app' },
        { action: 'create', kind: 'sequence', name: 'app.seq' },
      ]),
    );
    // The new table's own columns and constraints are implied by it, not listed one by one.
    expect(changes.some((c) => c.name.startsWith('public.posts.'))).toBe(false);
  });

  test('the supabase preset lets Supabase-style migrations (auth.users, auth.uid() policies, grants) apply', async () => {
    const profiles = migration(
      'supabase/migrations/001_profiles.sql',
      `CREATE TABLE IF NOT EXISTS public.profiles (
         id uuid PRIMARY KEY REFERENCES auth.users(id) ON DELETE CASCADE,
         full_name text,
         created_at timestamptz DEFAULT now()
       );
       ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
       CREATE POLICY "Users can view own profile" ON public.profiles FOR SELECT USING (auth.uid() = id);
       CREATE POLICY "Service role" ON public.profiles FOR ALL USING (auth.jwt() ->> 'role' = 'service_role');
       CREATE OR REPLACE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
       BEGIN
         INSERT INTO public.profiles (id, full_name) VALUES (new.id, new.raw_user_meta_data ->> 'full_name');
         RETURN new;
       END $$;
       CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
       GRANT SELECT ON public.profiles TO anon, authenticated;`,
    );
    const chat = migration(
      'supabase/migrations/002_conversations.sql',
      `CREATE TABLE conversations (
         id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
         user_id uuid NOT NULL REFERENCES auth.users(id),
         title text
       );
       ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
       CREATE POLICY "own" ON conversations FOR ALL TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);
       ALTER PUBLICATION supabase_realtime ADD TABLE conversations;
       INSERT INTO storage.buckets (id, name, public) VALUES ('avatars', 'avatars', true);
       CREATE POLICY "avatar owner" ON storage.objects FOR INSERT TO authenticated
         WITH CHECK (bucket_id = 'avatars' AND auth.uid()::text = (storage.foldername(name))[1]);`,
    );
    const out = await run([profiles], [chat], { preset: 'supabase' });
    expect(out.findings.filter((f) => f.rule === 'dry-run-failed' || f.rule === 'environment')).toEqual([]);
    // What the dry-run truly finds in it: CREATE TABLE without IF NOT EXISTS, and a policy locking a platform table.
    expect(out.findings.map((f) => [f.rule, f.line])).toEqual(expect.arrayContaining([['not-rerunnable', 1], ['dangerous-lock', 10]]));
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'applied' });
    expect(out.dryRun.migrations[0]!.changes).toContainEqual({ action: 'create', kind: 'policy', name: 'storage.objects."avatar owner"' });
    // The same files without the preset fail on the missing platform objects, in the baseline.
    const bare = await run([profiles], [chat]);
    expect(bare.findings).toContainEqual(
      expect.objectContaining({ rule: 'environment', file: 'supabase/migrations/001_profiles.sql', message: expect.stringMatching(/Baseline.*auth/) }),
    );
    expect(bare.dryRun.migrations[0]).toMatchObject({ status: 'skipped' });
  });

  test('the supabase preset models today\'s platform: a modern bucket, storage and auth policies apply', async () => {
    const modern = migration(
      'supabase/migrations/20250101000000_avatars.sql',
      `INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
VALUES ('avatars', 'avatars', true, 5242880, ARRAY['image/png', 'image/jpeg']);

CREATE POLICY "Own avatars" ON storage.objects FOR UPDATE TO authenticated
  USING (bucket_id = 'avatars' AND owner_id = (SELECT auth.uid())::text AND (storage.foldername(name))[1] = 'public');

CREATE POLICY "Own uploads" ON storage.s3_multipart_uploads FOR SELECT TO authenticated USING (owner_id = (SELECT auth.uid())::text);

CREATE TABLE public.notes (id bigint PRIMARY KEY, author uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE);
CREATE POLICY "No anonymous notes" ON public.notes AS RESTRICTIVE FOR INSERT TO authenticated
  WITH CHECK (NOT EXISTS (SELECT 1 FROM auth.users u WHERE u.id = auth.uid() AND u.is_anonymous));

CREATE VIEW public.pending_logins AS
  SELECT f.user_id, f.created_at FROM auth.flow_state f UNION ALL SELECT t.user_id, t.created_at FROM auth.one_time_tokens t;
`,
    );
    const out = await run([], [modern], { preset: 'supabase' });
    expect(out.findings.filter((f) => f.rule === 'dry-run-failed' || f.rule === 'environment')).toEqual([]);
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'applied' });
    expect(out.dryRun.migrations[0]!.changes).toEqual(
      expect.arrayContaining([
        { action: 'create', kind: 'policy', name: 'storage.objects."Own avatars"' },
        { action: 'create', kind: 'policy', name: 'storage.s3_multipart_uploads."Own uploads"' },
        { action: 'create', kind: 'policy', name: 'public.notes."No anonymous notes"' },
        { action: 'create', kind: 'view', name: 'public.pending_logins' },
      ]),
    );
  });

  test('an older remote_commit file re-adding what the platform has since gained is an environment warning under supabase', async () => {
    const profiles = migration(
      'supabase/migrations/20230101000000_profiles.sql',
      `CREATE FUNCTION create_profile_for_new_user() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN new; END $$;`,
    );
    // tutur3u/platform's supabase/migrations/20230104105908_remote_commit.sql (supabase db diff of the platform schemas),
    // from its second statement: the platform ran it in January 2023, before sessions had not_after.
    const remote = migration(
      'supabase/migrations/20230104105908_remote_commit.sql',
      `CREATE TRIGGER create_profile_for_new_user_tr BEFORE INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION create_profile_for_new_user();

create policy "Enable insert for authenticated users only"
on "storage"."buckets"
as permissive
for insert
to authenticated
with check (true);

alter table "auth"."sessions" add column "not_after" timestamp with time zone;

alter table "storage"."buckets" add column "file_size_limit" bigint;
`,
    );
    const later = migration('supabase/migrations/20230105000000_later.sql', 'CREATE TABLE public.later (id int);\n');
    const out = await run([profiles], [remote, later], { preset: 'supabase' });
    expect(out.findings).toEqual([
      expect.objectContaining({
        rule: 'environment',
        file: remote.file,
        line: 10,
        message: expect.stringMatching(
          /^Adds column auth\.sessions\.not_after, which the dry-run's Supabase model .* already has \(42701: .*\): the model is today's platform, newer than this file, which the platform ran before it had that object; the rest of the file was not checked/,
        ),
        suggestion: expect.stringMatching(/^Supabase now creates this object itself/),
      }),
    ]);
    expect(out.dryRun.migrations).toEqual([
      expect.objectContaining({ status: 'skipped', reason: "re-adds column auth.sessions.not_after, which the dry-run's Supabase model already has" }),
      expect.objectContaining({ status: 'skipped', reason: expect.stringMatching(/past re-adding column auth\.sessions\.not_after/) }),
    ]);
    // Its first statement drops a foreign key today's platform no longer has: the missing-object warning.
    const drop = migration(remote.file, 'alter table "auth"."refresh_tokens" drop constraint "refresh_tokens_parent_fkey";\n');
    expect((await run([], [drop], { preset: 'supabase' })).findings).toEqual([
      expect.objectContaining({ rule: 'environment', line: 1, message: expect.stringMatching(/^Uses constraint auth\.refresh_tokens\.refresh_tokens_parent_fkey, which .* lacks \(42704/) }),
    ]);
    // Without the preset the same re-add is the migration's own failure; so is a policy created twice, under supabase too.
    const readd = 'alter table "auth"."sessions" add column "not_after" timestamp with time zone;\n';
    const sessions = migration('db/001_sessions.sql', 'CREATE SCHEMA auth;\nCREATE TABLE auth.sessions (id uuid, not_after timestamptz);\n');
    const generic = await run([sessions], [migration('db/002_remote.sql', readd)]);
    expect(generic.findings).toEqual([expect.objectContaining({ rule: 'dry-run-failed', line: 1, message: expect.stringMatching(/42701/) })]);
    const policy = remote.sql.slice(remote.sql.indexOf('create policy'), remote.sql.indexOf('alter table'));
    const twice = await run(
      [migration('supabase/migrations/20230104000000_policy.sql', policy)],
      [migration('supabase/migrations/20230106000000_again.sql', policy)],
      { preset: 'supabase' },
    );
    expect(twice.findings).toEqual([expect.objectContaining({ rule: 'dry-run-failed', message: expect.stringMatching(/42710/) })]);
  });

  test('under the supabase preset, a type from an extension no migration enables says to enable it in a migration', async () => {
    const docs = migration('supabase/migrations/20240101000000_docs.sql', 'CREATE TABLE public.docs (id int, embedding extensions.vector(3));\n');
    const out = await run([], [docs], { preset: 'supabase' });
    expect(out.findings).toEqual([
      expect.objectContaining({
        rule: 'environment',
        message: expect.stringMatching(/^Uses type extensions\.vector, which the dry-run's Supabase model/),
        suggestion: expect.stringContaining('enable it in a migration (create extension if not exists vector with schema extensions)'),
      }),
    ]);
  });

  test('under the supabase preset, a platform object the model lacks is an environment warning; elsewhere a failure', async () => {
    const lacks = migration(
      'supabase/migrations/20240101000000_audit.sql',
      'CREATE TABLE public.notes (id int);\nCREATE VIEW public.recent AS SELECT * FROM auth.some_table_we_lack;\n',
    );
    const later = migration('supabase/migrations/20240102000000_later.sql', 'CREATE TABLE public.later (id int);\n');
    const out = await run([], [lacks, later], { preset: 'supabase' });
    expect(out.findings).toEqual([
      expect.objectContaining({
        rule: 'environment',
        file: lacks.file,
        line: 2,
        message: expect.stringMatching(/^Uses relation auth\.some_table_we_lack, which the dry-run's Supabase model .* lacks .*42P01.*the rest of the file was not checked/),
      }),
    ]);
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['skipped', 'skipped']);
    // A column the model lacks on a platform table is the same.
    const bucket = migration(
      'supabase/migrations/20240101000000_bucket.sql',
      "INSERT INTO storage.buckets (id, name, public, icon) VALUES ('avatars', 'avatars', true, 'x');\n",
    );
    const column = await run([], [bucket], { preset: 'supabase' });
    expect(column.findings).toEqual([
      expect.objectContaining({ rule: 'environment', message: expect.stringMatching(/^Uses column storage\.buckets\.icon,/) }),
    ]);
    // Without the preset, the same file's failure is the migration's own.
    const generic = await run([], [migration('db/001_audit.sql', lacks.sql)]);
    expect(generic.findings).toEqual([expect.objectContaining({ rule: 'dry-run-failed', line: 2, message: expect.stringMatching(/42P01/) })]);
    expect(generic.dryRun.migrations[0]).toMatchObject({ status: 'failed' });
  });

  test('a role no migration creates is an environment warning that says how to declare it; declared, it is made before the history', async () => {
    const role = `mg_reader_${randomBytes(4).toString('hex')}`;
    const reports = migration('db/001_reports.sql', `CREATE TABLE reports (id int);\nGRANT SELECT ON reports TO ${role};\n`);
    const later = migration('db/002_later.sql', 'CREATE TABLE IF NOT EXISTS later (id int);\n');
    const missing = await run([], [reports, later]);
    expect(missing.findings).toEqual([
      expect.objectContaining({
        rule: 'environment',
        file: 'db/001_reports.sql',
        line: 2,
        message: expect.stringMatching(new RegExp(`^Needs role "${role}", which the dry-run database .* lacks and no migration creates`)),
        suggestion: expect.stringContaining(`list it under dry-run: roles: [${role}] in .migration-gate.yml, or pass --role ${role}`),
      }),
    ]);
    expect(missing.dryRun.migrations.map((m) => m.status)).toEqual(['skipped', 'skipped']);
    // Declared, the role exists for the merged history and the pending files alike.
    const declared = await run([reports], [later, migration('db/003_owner.sql', `CREATE TABLE IF NOT EXISTS owned (id int);\nALTER TABLE owned OWNER TO ${role};\n`)], {
      dryRun: { ...dryOptions(engine, {}, databaseUrl).dryRun, roles: [role] },
    });
    expect(declared.findings).toEqual([]);
    expect(declared.dryRun.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
  });

  test('a missing role one letter from a role a migration creates stays a failure, with the likely name', async () => {
    const role = `mg_writer_${randomBytes(4).toString('hex')}`;
    const out = await run([], [
      migration('db/001_role.sql', `CREATE ROLE ${role}s;\nCREATE TABLE notes (id int);\n`),
      migration('db/002_grant.sql', `GRANT INSERT ON notes TO ${role};\n`),
    ]);
    expect(out.findings).toContainEqual(
      expect.objectContaining({ rule: 'dry-run-failed', file: 'db/002_grant.sql', suggestion: `Did you mean role ${role}s, which db/001_role.sql creates?` }),
    );
  });

  test('the baseline is cached: a second run on the same base skips the replay', async () => {
    const tag = randomBytes(6).toString('hex');
    const base = [
      migration('db/001_a.sql', `-- ${tag}\nCREATE TABLE a (id int);\n`),
      migration('db/002_b.sql', 'CREATE TABLE b (id int, a_id int);\n'),
    ];
    const pending = [migration('db/003_c.sql', 'ALTER TABLE b ADD COLUMN c int;\n')];
    const first = await run(base, pending);
    const second = await run(base, pending);
    expect(first.dryRun.baselineCached).toBe(false);
    expect(second.dryRun.baselineCached).toBe(true);
    expect(second.dryRun.migrations).toEqual([expect.objectContaining({ status: 'applied', changes: [{ action: 'create', kind: 'column', name: 'public.b.c' }] })]);
    // A changed baseline is a different key.
    const changed = await run([...base, migration('db/0025_x.sql', 'CREATE TABLE x (id int);\n')], pending);
    expect(changed.dryRun.baselineCached).toBe(false);
  });

  test("graphile-migrate's :DATABASE_OWNER is the role that runs the migrations, so its grants apply with no value given", async () => {
    const m = migration(
      'migrations/committed/000001-app.sql',
      'create schema if not exists app_public;\ngrant all on schema app_public to :DATABASE_OWNER;\nalter default privileges in schema app_public grant select on tables to :DATABASE_OWNER;\n',
    );
    const out = await run([], [m], { preset: 'graphile-migrate', placeholderPatterns: ['${name}', ':NAME'] });
    expect(out.dryRun.migrations.map((r) => r.status)).toEqual(['applied']);
    expect(out.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
  });

  test('placeholders are substituted and search_path is applied before running', async () => {
    const m = migration('db/001_tpl.sql', 'CREATE SCHEMA ${schema};\nCREATE TABLE ${schema}.t (id int);\nCREATE TABLE u (id int);\n');
    const out = await run([], [m], { placeholders: { schema: 'tenant' } });
    expect(out.dryRun.migrations[0]!.changes).toEqual(
      expect.arrayContaining([{ action: 'create', kind: 'table', name: 'tenant.t' }, { action: 'create', kind: 'table', name: 'public.u' }]),
    );
    const opts = dryOptions(engine, {}, databaseUrl);
    opts.dryRun.searchPath = 'app, public';
    const withPath = await runDryRun({ options: opts, baseline: [migration('db/000_app.sql', 'CREATE SCHEMA app;')], pending: [migration('db/001_t.sql', 'CREATE TABLE t (id int);')] });
    expect(withPath.dryRun.migrations[0]!.changes).toContainEqual({ action: 'create', kind: 'table', name: 'app.t' });
  });

  test("a templated file's error is at its own line and column, after values of another length and with line breaks", async () => {
    const m = migration('db/002_tpl.sql', 'CREATE TABLE ${table} (${columns});\nSELECT ${col}, emial FROM ${table};\n');
    const out = await run([], [m], { placeholders: { table: 'people', columns: 'id int,\n  email text', col: 'people.email' } });
    const error = { sqlstate: '42703', line: 2, column: 'SELECT ${col}, '.length + 1, statement: 'SELECT people.email, emial FROM people' };
    expect(out.dryRun.migrations[0]!.error).toMatchObject(error);
    expect(out.findings).toEqual([expect.objectContaining({ rule: 'dry-run-failed', line: error.line, column: error.column })]);
  });

  test('a placeholder without a value is named as the file writes it, not by its stand-in', async () => {
    const m = migration('db/002_tpl.sql', 'ALTER TABLE users ADD COLUMN ${col} text;\nSELECT ${who}, ${missing} FROM users;\n');
    const out = await run([users()], [m], { placeholders: { who: 'users.name' } });
    expect(out.dryRun.migrations[0]!.error).toMatchObject({
      sqlstate: '42703',
      message: 'column "${missing}" does not exist',
      line: 2,
      column: 'SELECT ${who}, '.length + 1,
      statement: 'SELECT users.name, ${missing} FROM users',
    });
    expect(out.findings).toEqual([expect.objectContaining({ rule: 'dry-run-failed', line: 2, message: expect.stringContaining(': 42703: column "${missing}" does not exist.') })]);
  });

  test("a templated migration's changes and locks name a placeholder without a value as the file writes it, a value's objects by their names", async () => {
    const base = migration(
      'db/001_base.sql',
      'CREATE SCHEMA ${schema};\nCREATE TABLE ${schema}.accounts (id int);\nCREATE SCHEMA ${tenant};\nCREATE TABLE ${tenant}.orders (id int);\n',
    );
    const m = migration(
      'db/002_tpl.sql',
      'CREATE TABLE ${schema}.notes (id int);\nALTER TABLE ${schema}.accounts ADD COLUMN note text;\nALTER TABLE ${tenant}.orders ADD COLUMN total int;\n',
    );
    const out = await run([base], [m], { placeholders: { tenant: 'acme' } });
    const [run2] = out.dryRun.migrations;
    expect(run2!.status).toBe('applied');
    expect(run2!.changes).toHaveLength(3);
    expect(run2!.changes).toEqual(
      expect.arrayContaining([
        { action: 'create', kind: 'table', name: '${schema}.notes' },
        { action: 'create', kind: 'column', name: '${schema}.accounts.note' },
        { action: 'create', kind: 'column', name: 'acme.orders.total' },
      ]),
    );
    expect(run2!.locks).toContainEqual({ relation: '${schema}.accounts', mode: 'AccessExclusiveLock', line: 2 });
    expect(run2!.locks).toContainEqual({ relation: 'acme.orders', mode: 'AccessExclusiveLock', line: 3 });
    expect(out.findings.filter((f) => f.rule === 'dangerous-lock').map((f) => [f.line, f.message.slice(0, f.message.indexOf(':'))])).toEqual([
      [2, 'ALTER TABLE takes an ACCESS EXCLUSIVE lock on the existing table ${schema}.accounts'],
      [3, 'ALTER TABLE takes an ACCESS EXCLUSIVE lock on the existing table acme.orders'],
    ]);
    expect(JSON.stringify(out)).not.toMatch(/schema_{2,}/i);
  });

  test('a value that reads like a stand-in is a real name and stays; only the stand-in is restored', async () => {
    const m = migration(
      'db/001_tpl.sql',
      'CREATE SCHEMA ${schema};\nCREATE TABLE ${schema}.t (id int);\nCREATE SCHEMA ${tenant};\nCREATE TABLE ${tenant}.u (id int);\n',
    );
    const out = await run([], [m], { placeholders: { tenant: 'schema___' } });
    expect(out.dryRun.migrations[0]!.changes).toEqual(
      expect.arrayContaining([
        { action: 'create', kind: 'schema', name: '${schema}' },
        { action: 'create', kind: 'table', name: '${schema}.t' },
        { action: 'create', kind: 'schema', name: 'schema___' },
        { action: 'create', kind: 'table', name: 'schema___.u' },
      ]),
    );
  });

  test('an extension named by a placeholder without a value is named as the file writes it', async () => {
    const m = migration('db/001_ext.sql', 'CREATE EXTENSION IF NOT EXISTS ${ext};\nCREATE TABLE t (id int);\n');
    const out = await run([], [m]);
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^extension \$\{ext\} is not available on the \w+ engine$/) });
    expect(out.findings).toEqual([
      expect.objectContaining({
        rule: 'environment',
        line: 1,
        message: expect.stringMatching(/^This migration needs extension "\$\{ext\}", which/),
        suggestion: expect.stringMatching(/^Dry-run on a server that ships \$\{ext\}[ .]/),
      }),
    ]);
  });

  test('COPY rows a second run loads again: not-rerunnable, with advice COPY can take', async () => {
    const m = migration('db/002_keys.sql', 'CREATE TABLE IF NOT EXISTS k (id int PRIMARY KEY);\nCOPY k FROM stdin;\n1\n\\.\n');
    const out = await run([], [m]);
    expect(out.findings).toEqual([
      expect.objectContaining({
        rule: 'not-rerunnable',
        // At the row the second run loads again.
        line: 3,
        message: expect.stringMatching(/23505/),
        suggestion: expect.stringMatching(/^COPY loads its rows again on every run: COPY them into a temporary table/),
      }),
    ]);
  });

  test('inline COPY rows are loaded, in a merged file and a pending one, and later statements see them', async () => {
    const tag = randomBytes(6).toString('hex');
    // A merged pg_dump-style file: replayed statement by statement, its rows fed to the COPY.
    const dump = migration(
      'db/001_dump.sql',
      `-- ${tag}\nCREATE TABLE t (id int PRIMARY KEY, name text);\nCOPY public.t (id, name) FROM stdin;\n1\tone; -- not SQL\n2\t\\N\n\\.\n\nCREATE INDEX t_name ON t (name);\n`,
    );
    const csv = migration(
      'db/002_csv.sql',
      'CREATE TABLE IF NOT EXISTS notes (id int, body text);\n' +
        'COPY notes (id, body) FROM STDIN WITH (FORMAT csv);\n3,"a;b\n-- c, ${x}"\n4,it\'s\n\\.\n' +
        "DO $$ BEGIN IF (SELECT count(*) FROM t) <> 2 OR (SELECT count(*) FROM notes WHERE body LIKE '%${x}%') < 1 THEN RAISE EXCEPTION 'rows missing'; END IF; END $$;\n",
    );
    const out = await run([dump], [csv]);
    expect(out.findings).toEqual([]);
    expect(out.dryRun.migrations).toEqual([expect.objectContaining({ file: 'db/002_csv.sql', status: 'applied' })]);
  });

  test('a bad COPY row fails the dry-run at its own line in the file, a CSV record spanning lines counted as one', async () => {
    const text = migration('db/002_text.sql', 'CREATE TABLE t (id int, name text);\nCOPY t FROM stdin;\n1\tone\nx\ttwo\n\\.\nCREATE TABLE later (id int);\n');
    const [failed] = (await run([], [text])).dryRun.migrations;
    expect(failed).toMatchObject({ status: 'failed', error: { sqlstate: '22P02', line: 4, column: 1 } });
    expect(failed!.error!.message).toMatch(/invalid input syntax for type integer: "x"/);
    const csv = migration('db/002_csv.sql', 'CREATE TABLE t (id int, body text);\nCOPY t FROM stdin (FORMAT csv);\n1,"two\nlines"\nz,x\n');
    expect((await run([], [csv])).dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '22P02', line: 5, column: 1 });
    // An error in the COPY statement itself is at its column, past STDIN too (PGlite reads the rows from a file name instead).
    const format = migration('db/002_format.sql', 'CREATE TABLE t (id int);\nCOPY t FROM stdin WITH (FORMAT cvs);\n1\n\\.\n');
    const wrong = (await run([], [format])).dryRun.migrations[0]!.error;
    expect(wrong).toMatchObject({ sqlstate: '22023', line: 2, column: 'COPY t FROM stdin WITH ('.length + 1 });
  });

  test('a runner that sends the file as SQL fails on the COPY rows as it does; Flyway feeds them', async () => {
    const m = migration('db/002_copy.sql', 'CREATE TABLE t (id int);\nCOPY t FROM stdin;\n1\n2\n\\.\n');
    const golang = await run([], [m], { preset: 'golang-migrate' });
    expect(golang.dryRun.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '42601', line: 3, column: 1 } });
    expect(golang.findings).toContainEqual(
      expect.objectContaining({ rule: 'dry-run-failed', line: 3, message: expect.stringMatching(/, its COPY rows sent as SQL as golang-migrate sends them: 42601: syntax error at or near "1"/) }),
    );
    const flyway = await run([], [m], { preset: 'flyway' });
    expect(flyway.dryRun.migrations[0]).toMatchObject({ status: 'applied' });
  });
}
