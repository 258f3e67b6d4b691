// non-idempotent against a second differential hunt that ran files twice on PostgreSQL 15: a file that sets its own
// search_path, temporary objects, DO-block guards that guard nothing, ALTER DOMAIN / DROP IDENTITY / ALTER ROLE RENAME,
// and a CREATE ... IF NOT EXISTS that a DROP ... CASCADE above leaves without its foreign key. Each case runs twice on the
// local server and on PGlite, and so does the fix or the advice as written.

import { PGlite } from '@electric-sql/pglite';
import type { Draft } from '../../src/report/finding.js';
import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import { applyFixes, lintFile } from '../support/lint-file.js';
import { connectTestServer } from '../support/postgres.js';
import { both, runTwiceOnBoth } from '../support/run-twice.js';

const lint = (sql: string) => lintFile(nonIdempotent, sql);

/** Each finding as [line, the start of its message as long as `starts` says]. */
const found = async (sql: string, starts: string[]) =>
  (await lint(sql)).map((d, i) => [d.line, d.message.slice(0, starts[i]?.length ?? 40)]);

const ROLES = 'DROP ROLE IF EXISTS idem16_a; DROP ROLE IF EXISTS idem16_b;';
const twice = runTwiceOnBoth('idem16_hunt2', `RESET search_path; DROP SCHEMA IF EXISTS s CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public; ${ROLES}`);

afterAll(async () => {
  const admin = await connectTestServer();
  await admin.query(ROLES);
  await admin.end();
});

/** A statement that fails with `message` unless `condition` holds: appended to a file, it checks what each run leaves. */
const holds = (condition: string, message: string) => `\nDO $$ BEGIN IF NOT (${condition}) THEN RAISE EXCEPTION '${message}'; END IF; END $$;`;

/** The DO block a finding's advice ends with. */
const blockOf = (d: Draft) => (d.suggestion ?? '').slice((d.suggestion ?? '').indexOf('DO $$'));

/** The file with line `line` (1-based) replaced by `text`. */
const replaceLine = (sql: string, line: number, text: string) => sql.split('\n').map((l, i) => (i === line - 1 ? text : l)).join('\n');

describe('non-idempotent: a file that sets its own search_path with constants is read under it', () => {
  test('an unqualified CREATE after SET search_path / set_config goes into the first schema: a DROP of public.t does not guard it', async () => {
    const cases: Array<[string, string, number, string]> = [
      ['CREATE SCHEMA IF NOT EXISTS s;\nSET search_path TO s, public;\nDROP TABLE IF EXISTS public.t;\nCREATE TABLE t (id int);', 'relation "t" already exists', 4, 'CREATE TABLE s.t fails'],
      [
        "CREATE SCHEMA IF NOT EXISTS s;\nSELECT set_config('search_path', 's', false);\nDROP TABLE IF EXISTS public.t;\nCREATE TABLE t (id int);",
        'relation "t" already exists',
        4,
        'CREATE TABLE s.t fails',
      ],
      [
        'CREATE SCHEMA IF NOT EXISTS s;\nSET search_path TO s;\nCREATE TABLE IF NOT EXISTS t (id int);\nDROP INDEX IF EXISTS public.t_i;\nCREATE INDEX t_i ON t (id);',
        'relation "t_i" already exists',
        5,
        'CREATE INDEX t_i fails',
      ],
    ];
    for (const [sql, server, line, message] of cases) {
      expect(await twice(sql)).toEqual(both(server));
      expect(await found(sql, [message])).toEqual([[line, message]]);
      const fixed = applyFixes(sql, await lint(sql));
      expect(await twice(fixed)).toEqual(both(null));
      expect(await lint(fixed)).toEqual([]);
    }
  });

  test('under one schema an unqualified DROP finds it there, and guards the CREATE of s.t', async () => {
    const sql = 'CREATE SCHEMA IF NOT EXISTS s;\nSET search_path TO s;\nDROP TABLE IF EXISTS t;\nCREATE TABLE s.t (id int);';
    expect(await twice(sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });

  test('what the file does not show stays lenient: a first schema the file may not have, SET LOCAL, a path set in a DO block', async () => {
    // Without CREATE SCHEMA s, s may not exist, and CREATE TABLE t then goes into public, where the DROP takes it.
    expect(await twice('SET search_path TO s, public;\nDROP TABLE IF EXISTS public.t;\nCREATE TABLE t (id int);')).toEqual(both(null));
    for (const set of ['SET LOCAL search_path TO s, public;', "DO $$ BEGIN PERFORM set_config('search_path', 's, public', false); END $$;"]) {
      expect(await lint(`CREATE SCHEMA IF NOT EXISTS s;\n${set}\nDROP TABLE IF EXISTS public.t;\nCREATE TABLE t (id int);`)).toEqual([]);
      expect(await lint(`SET search_path TO s, public;\n${set}\nDROP TABLE IF EXISTS public.t;\nCREATE TABLE t (id int);`)).toEqual([]);
    }
  });
});

describe('non-idempotent: a temporary object lives as long as its session, and a second run is a session of its own', () => {
  const sql = 'CREATE TEMP TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\nCREATE INDEX t_i ON t (id);\nCREATE TEMP SEQUENCE q;\nCREATE TEMP VIEW v AS SELECT id FROM t;\nALTER TABLE t ADD COLUMN c int;';

  test('run again in a new session (a retry, `psql -f` again), the file passes on both engines: no finding', async () => {
    for (let run = 0; run < 2; run++) {
      const client = await connectTestServer();
      await client.query(sql);
      await client.end();
    }
    const pglite = new PGlite();
    // PGlite has one session: DISCARD TEMP leaves it as a new one finds it.
    await pglite.exec(`${sql}\nDISCARD TEMP;\n${sql}`);
    await pglite.close();
    expect(await lint(sql)).toEqual([]);
  });

  test('a permanent table of the file is still judged', async () => {
    const file = `${sql}\nCREATE TABLE p (id int);`;
    expect(await found(file, ['CREATE TABLE p fails'])).toEqual([[7, 'CREATE TABLE p fails']]);
  });
});

describe('non-idempotent: a DO block guard that guards nothing', () => {
  test('a handler that raises the error again: the block fails, and the advice’s block runs twice', async () => {
    for (const [handler, server] of [
      ['RAISE;', 'type "mood" already exists'],
      ["RAISE EXCEPTION 'mood is there';", 'mood is there'],
    ]) {
      const sql = `DO $$ BEGIN\n  CREATE TYPE mood AS ENUM ('a');\nEXCEPTION WHEN duplicate_object THEN ${handler}\nEND $$;`;
      expect(await twice(sql)).toEqual(both(server!));
      const [d, ...rest] = await lint(sql);
      expect(rest).toEqual([]);
      expect([d!.line, d!.message]).toEqual([
        2,
        'CREATE TYPE mood fails when the file runs a second time: the type already exists (SQLSTATE 42710 duplicate_object). ' +
          "The DO block's handler for duplicate_object raises the error again.",
      ]);
      expect(await twice(blockOf(d!))).toEqual(both(null));
    }
    // A handler that only reports keeps the run going: a guard.
    expect(await lint("DO $$ BEGIN\n  CREATE TYPE mood AS ENUM ('a');\nEXCEPTION WHEN duplicate_object THEN RAISE NOTICE 'there';\nEND $$;")).toEqual([]);
  });

  test('an IF that looks up another name than the statement makes: no guard; one that looks up the name is', async () => {
    const guard = (name: string) => `DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = '${name}') THEN\n    CREATE TYPE mood AS ENUM ('a');\n  END IF;\nEND $$;`;
    expect(await twice(guard('feeling'))).toEqual(both('type "mood" already exists'));
    const [d, ...rest] = await lint(guard('feeling'));
    expect(rest).toEqual([]);
    expect(d!.line).toBe(3);
    expect(d!.message).toMatch(/^CREATE TYPE mood fails .* The IF around it looks for feeling, which the file does not make, so it runs it every time\.$/);
    expect(await twice(blockOf(d!))).toEqual(both(null));
    expect(await twice(guard('mood'))).toEqual(both(null));
    expect(await lint(guard('mood'))).toEqual([]);
  });

  test('an IF that looks up another column or index of the table the statement changes: no guard, though it names that table', async () => {
    const table = 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, email text);\n';
    const column = (looked: string) =>
      `${table}DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = '${looked}') THEN\n` +
      '    ALTER TABLE users ADD COLUMN phone text;\n  END IF;\nEND $$;';
    const index = (looked: string) =>
      `${table}DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE tablename = 'users' AND indexname = '${looked}') THEN\n` +
      '    CREATE INDEX users_email_idx ON users (email);\n  END IF;\nEND $$;';
    expect(await twice(column('mobile'))).toEqual(both('column "phone" of relation "users" already exists'));
    expect(await twice(index('users_email'))).toEqual(both('relation "users_email_idx" already exists'));
    expect(await found(column('mobile'), ['ADD COLUMN phone fails'])).toEqual([[4, 'ADD COLUMN phone fails']]);
    expect((await lint(column('mobile')))[0]!.message).toMatch(/The IF around it looks for mobile, which the file does not make/);
    expect(await found(index('users_email'), ['CREATE INDEX users_email_idx fails'])).toEqual([[4, 'CREATE INDEX users_email_idx fails']]);
    // Looking up the column or index itself guards it; so does a lookup that tests no member by name.
    expect(await twice(column('phone'))).toEqual(both(null));
    expect(await twice(index('users_email_idx'))).toEqual(both(null));
    expect(await lint(column('phone'))).toEqual([]);
    expect(await lint(index('users_email_idx'))).toEqual([]);
    const anyUnique = `${table}DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'u') THEN\n    ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n  END IF;\nEND $$;`;
    expect(await twice(anyUnique)).toEqual(both(null));
    expect(await lint(anyUnique)).toEqual([]);
  });

  test('an IF that looks up a relation guards only where its DO block or a later statement makes, drops or renames it', async () => {
    const table = 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, email text);\n';
    const exists = `${table}DO $$ BEGIN\n  IF EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'users') THEN\n    ALTER TABLE users ADD COLUMN phone text;\n  END IF;\nEND $$;`;
    const regclass = `${table}DO $$ BEGIN\n  IF to_regclass('public.users') IS NOT NULL THEN\n    CREATE INDEX users_email_i ON users (email);\n  END IF;\nEND $$;`;
    expect(await twice(exists)).toEqual(both('column "phone" of relation "users" already exists'));
    expect(await twice(regclass)).toEqual(both('relation "users_email_i" already exists'));
    const [d, ...rest] = await lint(exists);
    expect(rest).toEqual([]);
    expect([d!.line, d!.message]).toEqual([
      4,
      'ADD COLUMN phone fails when the file runs a second time: the column already exists (SQLSTATE 42701 duplicate_column). ' +
        'The IF around it looks for users, which no statement from its DO block on makes, drops or renames, so it runs it every time.',
    ]);
    expect(await found(regclass, ['CREATE INDEX users_email_i fails'])).toEqual([[4, 'CREATE INDEX users_email_i fails']]);
    // The IF turns where the block makes the table it looks for, or renames it away: both guard.
    const makes = "DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = 'orders') THEN\n    CREATE TABLE orders (id int);\n    CREATE INDEX orders_id ON orders (id);\n  END IF;\nEND $$;";
    const renames = "CREATE TABLE IF NOT EXISTS legacy_new (id int);\nDO $$ BEGIN\n  IF to_regclass('legacy') IS NOT NULL THEN\n    ALTER TABLE legacy RENAME TO legacy_old;\n  END IF;\nEND $$;";
    for (const sql of [makes, renames]) {
      expect(await twice(sql, 'CREATE TABLE legacy (id int)')).toEqual(both(null));
      expect(await lint(sql)).toEqual([]);
    }
  });
});

describe('non-idempotent: ALTER DOMAIN constraints, DROP IDENTITY and ALTER ROLE ... RENAME', () => {
  const DOMAIN = "DO $$ BEGIN CREATE DOMAIN d AS int CONSTRAINT d_pos CHECK (VALUE > 0); EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n";

  test('ALTER DOMAIN ... ADD CONSTRAINT: the constraint is there on the second run; the advice’s block runs twice', async () => {
    const sql = `${DOMAIN.replace(' CONSTRAINT d_pos CHECK (VALUE > 0)', '')}ALTER DOMAIN d ADD CONSTRAINT d_pos CHECK (VALUE > 0);`;
    expect(await twice(sql)).toEqual(both('constraint "d_pos" for domain "d" already exists'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect([d!.line, d!.message.slice(0, 26)]).toEqual([2, 'ADD CONSTRAINT d_pos fails']);
    expect(await twice(replaceLine(sql, 2, blockOf(d!)))).toEqual(both(null));
  });

  test('ALTER DOMAIN ... ADD CHECK without a name: PostgreSQL names a second one on the second run', async () => {
    const sql = `${DOMAIN.replace(' CONSTRAINT d_pos CHECK (VALUE > 0)', '')}ALTER DOMAIN d ADD CHECK (VALUE > 0);`;
    const once = holds("(SELECT count(*) FROM pg_constraint WHERE contypid = 'd'::regtype) = 1", 'd has its CHECK twice');
    expect(await twice(sql + once)).toEqual(both('d has its CHECK twice'));
    expect(await found(sql, ['ALTER DOMAIN d ADD CONSTRAINT without a name applies twice'])).toEqual([
      [2, 'ALTER DOMAIN d ADD CONSTRAINT without a name applies twice'],
    ]);
  });

  test('ALTER DOMAIN ... DROP CONSTRAINT, ALTER COLUMN ... DROP IDENTITY: gone on the second run; the fix (IF EXISTS) runs twice', async () => {
    const cases: Array<[string, string, string]> = [
      [`${DOMAIN}ALTER DOMAIN d DROP CONSTRAINT d_pos;`, 'constraint "d_pos" of domain "d" does not exist', 'DROP CONSTRAINT d_pos fails'],
      [
        'CREATE TABLE IF NOT EXISTS t (id int GENERATED ALWAYS AS IDENTITY);\nALTER TABLE t ALTER COLUMN id DROP IDENTITY;',
        'column "id" of relation "t" is not an identity column',
        'ALTER COLUMN id DROP IDENTITY fails',
      ],
    ];
    for (const [sql, server, message] of cases) {
      expect(await twice(sql)).toEqual(both(server));
      const drafts = await lint(sql);
      expect(drafts.map((d) => [d.line, d.message.slice(0, message.length)])).toEqual([[2, message]]);
      const fixed = applyFixes(sql, drafts);
      expect(fixed).toMatch(/IF EXISTS/);
      expect(await twice(fixed)).toEqual(both(null));
      expect(await lint(fixed)).toEqual([]);
    }
  });

  test('ALTER ROLE ... RENAME TO after a guarded CREATE ROLE: the second run makes the old name again, and the rename collides', async () => {
    const sql = 'DO $$ BEGIN CREATE ROLE idem16_a; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\nALTER ROLE idem16_a RENAME TO idem16_b;';
    expect(await twice(sql)).toEqual(both('role "idem16_b" already exists'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect([d!.line, d!.message.slice(0, 41)]).toEqual([2, 'RENAME ROLE idem16_a TO idem16_b fails wh']);
    expect(d!.suggestion).toMatch(/Create the role under its final name idem16_b and remove the rename/);
    const advised = 'DO $$ BEGIN CREATE ROLE idem16_b; EXCEPTION WHEN duplicate_object THEN NULL; END $$;';
    expect(await twice(advised)).toEqual(both(null));
    expect(await lint(advised)).toEqual([]);
  });
});

describe('non-idempotent: IF NOT EXISTS keeps what a DROP ... CASCADE above left of the object', () => {
  test('a table’s foreign key: the second run keeps u without it, silently; the advice (drop u first) keeps it', async () => {
    const sql = 'DROP TABLE IF EXISTS t CASCADE;\nCREATE TABLE t (id int primary key);\nCREATE TABLE IF NOT EXISTS u (tid int REFERENCES t(id));';
    const fkept = holds("EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'u_tid_fkey')", 'u lost its foreign key');
    expect(await twice(sql + fkept)).toEqual(both('u lost its foreign key'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.line).toBe(3);
    expect(d!.message).toBe(
      'CREATE TABLE IF NOT EXISTS u keeps the table without part of it when the file runs a second time: `DROP TABLE IF EXISTS t CASCADE` above ' +
        'takes the constraint u_tid_fkey on u, not the table u, and IF NOT EXISTS then skips the table u, which is there.',
    );
    expect(d!.suggestion).toMatch(/^Put `DROP TABLE IF EXISTS u;` before it to make it as the first run did, without its rows;/);
    const advised = replaceLine(sql, 3, `DROP TABLE IF EXISTS u;\n${sql.split('\n')[2]}`);
    expect(await twice(advised + fkept)).toEqual(both(null));
    expect(await lint(advised)).toEqual([]);
  });

  test('a column’s default that calls the function dropped: ADD COLUMN IF NOT EXISTS keeps the column without it', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS t (id int);
DROP FUNCTION IF EXISTS f() CASCADE;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
ALTER TABLE t ADD COLUMN IF NOT EXISTS c int DEFAULT f();`;
    const defaulted = holds("EXISTS (SELECT 1 FROM pg_attrdef WHERE adrelid = 't'::regclass)", 'c lost its default');
    expect(await twice(sql + defaulted)).toEqual(both('c lost its default'));
    expect(await found(sql, ['ADD COLUMN IF NOT EXISTS c keeps the column without part of it'])).toEqual([
      [4, 'ADD COLUMN IF NOT EXISTS c keeps the column without part of it'],
    ]);
    const advised = replaceLine(sql, 4, `ALTER TABLE t DROP COLUMN IF EXISTS c;\n${sql.split('\n')[3]}`);
    expect(await twice(advised + defaulted)).toEqual(both(null));
    expect(await lint(advised)).toEqual([]);
  });
});
