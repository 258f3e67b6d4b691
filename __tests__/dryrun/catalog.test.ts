// The catalog a dry-run keeps: read whole once, then caught up after each migration from the rows it wrote. What it
// reports as created, altered and dropped must be what reading the whole catalog again says, on both engines, and
// what it reads must not grow with the database.

import { randomBytes } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import { CatalogWatch } from '../../src/dryrun/catalog.js';
import type { Session } from '../../src/dryrun/engine.js';
import { runDryRun } from '../../src/dryrun/index.js';
import { startEngine } from '../../src/dryrun/select.js';
import type { EngineChoice } from '../../src/options.js';
import { Template } from '../../src/sql/template.js';
import { migration } from '../support/build-migration.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { dryOptions } from './cases.js';

const tag = randomBytes(3).toString('hex');
const owner = `mg_cat_owner_${tag}`;
const renamed = `mg_cat_renamed_${tag}`;

interface Step {
  sql: string;
  /** Statement by statement, each its own transaction (a file its runner does not wrap). */
  alone?: boolean;
  changes?: unknown[];
}

/** Migrations that rename, drop and re-create what other objects name; some with what they must report. */
const STEPS: Step[] = [
  {
    sql: `CREATE SCHEMA app;
      CREATE TYPE app.mood AS ENUM ('ok');
      CREATE DOMAIN app.positive AS int CHECK (VALUE > 0);
      CREATE TYPE app.pair AS (a int, b text);
      CREATE SEQUENCE app.ids;
      CREATE TABLE app.users (id int PRIMARY KEY DEFAULT nextval('app.ids'), name text, mood app.mood, score app.positive);
      CREATE INDEX users_name ON app.users (name);
      CREATE TABLE public.posts (id int PRIMARY KEY, user_id int REFERENCES app.users (id), body text, moods app.mood[]);
      CREATE VIEW public.names AS SELECT name FROM app.users;
      CREATE VIEW public.firsts AS SELECT (ROW(1, 'x')::app.pair).a;
      CREATE FUNCTION app.cheer(m app.mood) RETURNS int LANGUAGE sql AS 'select 1';
      CREATE FUNCTION app.greet(u app.users) RETURNS text LANGUAGE sql AS 'select 1::text';
      CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';
      CREATE TRIGGER posts_touch BEFORE UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION app.touch();
      ALTER TABLE public.posts ENABLE ROW LEVEL SECURITY;
      CREATE POLICY mine ON public.posts USING (user_id IN (SELECT id FROM app.users));
      CREATE MATERIALIZED VIEW public.counts AS SELECT count(*) AS n FROM app.users;`,
  },
  {
    sql: 'ALTER TABLE app.users RENAME TO people;',
    changes: [
      { action: 'create', kind: 'table', name: 'app.people' },
      { action: 'create', kind: 'function', name: 'app.greet(u app.people)' },
      { action: 'alter', kind: 'view', name: 'public.names' },
      { action: 'alter', kind: 'materialized view', name: 'public.counts' },
      { action: 'alter', kind: 'constraint', name: 'public.posts.posts_user_id_fkey' },
      { action: 'alter', kind: 'index', name: 'app.users_name' },
      { action: 'alter', kind: 'index', name: 'app.users_pkey' },
      { action: 'alter', kind: 'policy', name: 'public.posts.mine' },
      { action: 'drop', kind: 'table', name: 'app.users' },
      { action: 'drop', kind: 'function', name: 'app.greet(u app.users)' },
    ],
  },
  { sql: 'ALTER TABLE app.people RENAME COLUMN name TO full_name;' },
  { sql: 'ALTER TABLE app.people RENAME COLUMN id TO person_id;' },
  {
    sql: 'ALTER TYPE app.mood RENAME TO feeling;',
    changes: [
      { action: 'create', kind: 'type', name: 'app.feeling' },
      { action: 'create', kind: 'function', name: 'app.cheer(m app.feeling)' },
      { action: 'alter', kind: 'column', name: 'app.people.mood' },
      { action: 'alter', kind: 'column', name: 'public.posts.moods' },
      { action: 'drop', kind: 'type', name: 'app.mood' },
      { action: 'drop', kind: 'function', name: 'app.cheer(m app.mood)' },
    ],
  },
  { sql: "ALTER TYPE app.feeling ADD VALUE 'sad';", alone: true, changes: [{ action: 'alter', kind: 'type', name: 'app.feeling' }] },
  { sql: 'ALTER TYPE app.pair RENAME ATTRIBUTE a TO first;', changes: [{ action: 'alter', kind: 'view', name: 'public.firsts' }] },
  { sql: 'ALTER SEQUENCE app.ids RENAME TO person_ids;' },
  { sql: 'ALTER FUNCTION app.touch() RENAME TO touched;' },
  { sql: 'ALTER DOMAIN app.positive RENAME TO above_zero;' },
  { sql: 'ALTER SCHEMA app RENAME TO core;' },
  { sql: 'CREATE COLLATION public.plain FROM "C"; CREATE INDEX posts_body ON public.posts (body COLLATE public.plain);' },
  { sql: 'ALTER COLLATION public.plain RENAME TO bare;', changes: [{ action: 'alter', kind: 'index', name: 'public.posts_body' }] },
  { sql: "ALTER TABLE core.people ALTER COLUMN full_name SET NOT NULL, ALTER COLUMN full_name SET DEFAULT 'x';" },
  { sql: 'ALTER TABLE core.people ALTER COLUMN full_name DROP DEFAULT;', changes: [{ action: 'alter', kind: 'column', name: 'core.people.full_name' }] },
  { sql: 'CREATE OR REPLACE VIEW public.names AS SELECT full_name AS name, 1 AS one FROM core.people;' },
  { sql: 'ALTER TABLE public.posts DISABLE TRIGGER posts_touch; ALTER POLICY mine ON public.posts USING (true);' },
  { sql: 'DROP INDEX core.users_name; DROP TRIGGER posts_touch ON public.posts; DROP POLICY mine ON public.posts;', alone: true },
  { sql: 'ALTER TABLE public.posts DROP CONSTRAINT posts_user_id_fkey, DROP COLUMN moods;' },
  // Dropped and made again under the same name: an alter of what differs, as before and after say.
  { sql: 'DROP TABLE public.posts; CREATE TABLE public.posts (id bigint PRIMARY KEY, body text);' },
  { sql: 'DROP TABLE core.people CASCADE;' },
  // Written in a subtransaction that was rolled back, and in one that was kept.
  {
    sql: `SAVEPOINT s; CREATE TABLE public.gone (id int); ROLLBACK TO SAVEPOINT s;
      DO $$ BEGIN CREATE TABLE public.kept (id int); EXCEPTION WHEN others THEN NULL; END $$;`,
    changes: [{ action: 'create', kind: 'table', name: 'public.kept' }],
  },
  { sql: 'ALTER TABLE public.kept SET SCHEMA core;' },
  // A runner's session reset drops what the watch prepared: it prepares it again.
  { sql: 'DISCARD ALL;', alone: true, changes: [] },
  { sql: `CREATE ROLE ${owner}; ALTER SCHEMA core OWNER TO ${owner};` },
  {
    sql: `ALTER ROLE ${owner} RENAME TO ${renamed};`,
    changes: [
      { action: 'create', kind: 'role', name: renamed },
      { action: 'alter', kind: 'schema', name: 'core' },
      { action: 'drop', kind: 'role', name: owner },
    ],
  },
  { sql: `ALTER SCHEMA core OWNER TO CURRENT_USER; DROP ROLE ${renamed};` },
  { sql: 'CREATE EXTENSION citext;' },
  { sql: 'ALTER EXTENSION citext DROP FUNCTION citext(boolean);', changes: [{ action: 'create', kind: 'function', name: 'public.citext(boolean)' }] },
  { sql: 'ALTER EXTENSION citext ADD FUNCTION citext(boolean);', changes: [{ action: 'drop', kind: 'function', name: 'public.citext(boolean)' }] },
  { sql: 'DROP EXTENSION citext;', changes: [{ action: 'drop', kind: 'extension', name: 'citext' }] },
  // A path of the file's own: what it did not touch reads as before, and what it did is named as before.
  {
    sql: 'SET search_path TO pg_catalog; CREATE OR REPLACE FUNCTION core.cheer(m core.feeling) RETURNS int LANGUAGE sql AS $$select 2$$;',
    alone: true,
    changes: [{ action: 'alter', kind: 'function', name: 'core.cheer(m core.feeling)' }],
  },
  { sql: 'DROP SCHEMA core CASCADE;' },
];

/** A scratch database of `engine`, closed after `use` (the url engine runs one dry-run at a time on a server). */
async function withScratch(engine: EngineChoice, use: (session: Session) => Promise<void>): Promise<void> {
  const db = await startEngine(dryOptions(engine, {}, engine === 'url' ? TEST_DATABASE_URL : undefined).dryRun, new Set(['citext']));
  try {
    await use((await db.open(`catalog-test-${tag}`)).session);
  } finally {
    await db.close();
  }
}

const SETTINGS = `SELECT current_setting('search_path') AS now, current_setting('plan_cache_mode') AS plans`;

function catalogCases(engine: EngineChoice): void {
  test('after each migration, the catalog caught up from what it wrote is the catalog read whole, and its changes are theirs', () =>
    withScratch(engine, async (session) => {
      const watch = await CatalogWatch.start(session);
      const [{ path }] = (await session.query<{ path: string }>(`SELECT current_setting('search_path') AS path`)) as [{ path: string }];
      for (const step of STEPS) {
        if (step.alone) for (const statement of step.sql.split(';').filter((s) => s.trim())) await session.exec(statement);
        else await session.exec(`BEGIN; ${step.sql}; COMMIT`);
        const left = await session.query<{ now: string }>(SETTINGS);
        const changes = await watch.changes(new Template(step.sql, null, {}));
        // What the file set is as it left it: the watch reads under the path it started with, then puts the file's back.
        expect(await session.query(SETTINGS)).toEqual(left);
        await session.query(`SELECT set_config('search_path', $1, false)`, [path]);
        const whole = await CatalogWatch.start(session);
        await session.query(`SELECT set_config('search_path', $1, false)`, [left[0]!.now]);
        expect({ sql: step.sql, objects: new Map(watch.snapshot) }).toEqual({ sql: step.sql, objects: new Map(whole.snapshot) });
        expect(watch.tables).toEqual(whole.tables);
        if (step.changes) expect({ sql: step.sql, changes }).toEqual({ sql: step.sql, changes: step.changes });
      }
    }));

  test('a pending migration that renames a table reports the view, foreign key and policy that name it as altered', async () => {
    const base = migration(
      'db/001_base.sql',
      `CREATE TABLE users (id int PRIMARY KEY);
       CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users (id));
       CREATE VIEW user_ids AS SELECT id FROM users;
       ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
       CREATE POLICY own ON posts USING (user_id IN (SELECT id FROM users));`,
    );
    const more = migration('db/002_more.sql', 'CREATE TABLE tags (id int PRIMARY KEY);\n');
    const rename = migration('db/003_rename.sql', 'ALTER TABLE users RENAME TO members;\n');
    const out = await runDryRun({ options: dryOptions(engine, {}, engine === 'url' ? TEST_DATABASE_URL : undefined), baseline: [base], pending: [more, rename] });
    expect(out.dryRun.migrations.map((m) => m.changes)).toEqual([
      [{ action: 'create', kind: 'table', name: 'public.tags' }],
      [
        { action: 'create', kind: 'table', name: 'public.members' },
        { action: 'alter', kind: 'view', name: 'public.user_ids' },
        { action: 'alter', kind: 'constraint', name: 'public.posts.posts_user_id_fkey' },
        { action: 'alter', kind: 'index', name: 'public.users_pkey' },
        { action: 'alter', kind: 'policy', name: 'public.posts.own' },
        { action: 'drop', kind: 'table', name: 'public.users' },
      ],
    ]);
  });
}

describe('catalog watch: pglite', () => catalogCases('pglite'));
describe('catalog watch: url', () => catalogCases('url'));

describe('catalog watch: cost', () => {
  test("a migration's catalog reads do not grow with the objects already there", async () => {
    const rowsRead = async (tables: number) => {
      const db = await startEngine(dryOptions('pglite').dryRun, new Set());
      try {
        const { session } = await db.open(`catalog-cost-${tag}-${tables}`);
        await session.exec(Array.from({ length: tables }, (_, i) => `CREATE TABLE t${i} (id int PRIMARY KEY, v text);`).join('\n'));
        let rows = 0;
        const counting: Session = {
          ...session,
          query: async <T>(sql: string, params?: unknown[]) => {
            const read = await session.query<T>(sql, params);
            rows += read.length;
            return read;
          },
        };
        const watch = await CatalogWatch.start(counting);
        rows = 0;
        await session.exec(`CREATE TABLE IF NOT EXISTS extra (id int PRIMARY KEY, v text);
          INSERT INTO extra VALUES (1, 'x') ON CONFLICT DO NOTHING;
          ALTER TABLE t0 ADD COLUMN w text;`);
        expect(await watch.changes(new Template('', null, {}))).toEqual([
          { action: 'create', kind: 'table', name: 'public.extra' },
          { action: 'create', kind: 'column', name: 'public.t0.w' },
        ]);
        return rows;
      } finally {
        await db.close();
      }
    };
    expect(await rowsRead(300)).toBe(await rowsRead(10));
  });
});
