// non-idempotent against what a second run really meets, from a differential hunt that ran files twice on PostgreSQL: what a
// DROP ... CASCADE takes of a new object, a name another kind of object holds, functions told apart by their signature, renames
// guarded on the old name alone, a DELETE that empties nothing, a multi-command ALTER, a DO block that rolls back, and keys made
// after an INSERT. Each case runs twice on the local server and on PGlite, and so does the fix or the advice as written.

import type { Draft } from '../../src/report/finding.js';
import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import { applyFixes, lintFile } from '../support/lint-file.js';
import { both, runTwiceOnBoth } from '../support/run-twice.js';

const lint = (sql: string) => lintFile(nonIdempotent, sql);

/** Runs `sql` twice on the local server and on PGlite, each emptied first. */
const twice = runTwiceOnBoth('gate_second_run', 'DROP SCHEMA IF EXISTS s CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');

/** A statement that fails with `message` unless `condition` holds: appended to a file, it checks what each run leaves. */
const holds = (condition: string, message: string) => `\nDO $$ BEGIN IF NOT (${condition}) THEN RAISE EXCEPTION '${message}'; END IF; END $$;`;

/** The DO block a finding's advice ends with. */
const blockOf = (d: Draft) => (d.suggestion ?? '').slice((d.suggestion ?? '').indexOf('DO $$'));

/** The file with line `line` (1-based) replaced by `text`. */
const replaceLine = (sql: string, line: number, text: string) => sql.split('\n').map((l, i) => (i === line - 1 ? text : l)).join('\n');

describe('non-idempotent: a DROP ... CASCADE above takes part of what a CREATE makes', () => {
  test('a new table’s foreign key: the fix drops the table first, so the second run makes it with its foreign key, not IF NOT EXISTS without it', async () => {
    const sql = 'DROP TABLE IF EXISTS t CASCADE;\nCREATE TABLE t (id int primary key);\nCREATE TABLE u (tid int REFERENCES t(id));';
    expect(await twice(sql)).toEqual(both('relation "u" already exists'));
    const fkept = holds("EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'u_tid_fkey')", 'u lost its foreign key');
    // What the rule offered before: IF NOT EXISTS runs twice, and leaves u without its foreign key.
    expect(await twice(sql.replace('CREATE TABLE u', 'CREATE TABLE IF NOT EXISTS u') + fkept)).toEqual(both('u lost its foreign key'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.line).toBe(3);
    expect(d!.suggestion).toBe(
      'Put `DROP TABLE IF EXISTS u;` before it. On a second run `DROP TABLE IF EXISTS t CASCADE` above takes the constraint u_tid_fkey on u, not the table u, ' +
        'so IF NOT EXISTS would keep the table u without it. Dropping it first makes it as the first run did, without its rows; to keep the rows, write ' +
        'IF NOT EXISTS and add the constraint u_tid_fkey on u again in a statement of its own after it.',
    );
    const fixed = applyFixes(sql, [d!]);
    expect(await twice(fixed + fkept)).toEqual(both(null));
    expect(await lint(fixed)).toEqual([]);
  });

  test('a column’s default that calls the function dropped: the fix drops the column first, so the second run adds it with its default', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS t (id int);
DROP FUNCTION IF EXISTS f() CASCADE;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
ALTER TABLE t ADD COLUMN c int DEFAULT f();`;
    expect(await twice(sql)).toEqual(both('column "c" of relation "t" already exists'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.line).toBe(4);
    expect(d!.suggestion).toMatch(/^Put `ALTER TABLE t DROP COLUMN IF EXISTS c;` before it\. On a second run `DROP FUNCTION IF EXISTS f\(\) CASCADE` above takes the default of the column c of t/);
    const fixed = applyFixes(sql, [d!]);
    expect(await twice(fixed + holds("EXISTS (SELECT 1 FROM pg_attrdef WHERE adrelid = 't'::regclass)", 'c lost its default'))).toEqual(both(null));
    expect(await lint(fixed)).toEqual([]);
  });
});

describe('non-idempotent: a DROP ... IF EXISTS of a name the second run finds held by another kind of object', () => {
  // [the file, the server's second run, the finding's reason]
  const cases: Array<[string, string, string]> = [
    ['DROP VIEW IF EXISTS x;\nCREATE TABLE x (id int);', '"x" is not a view', 'x is a table, not a view'],
    ['DROP TABLE IF EXISTS x;\nCREATE VIEW x AS SELECT 1 AS id;', '"x" is not a table', 'x is a view, not a table'],
    ['DROP TABLE IF EXISTS x;\nCREATE MATERIALIZED VIEW x AS SELECT 1 AS id;', '"x" is not a table', 'x is a materialized view, not a table'],
    ['DROP MATERIALIZED VIEW IF EXISTS x;\nCREATE VIEW x AS SELECT 1 AS id;', '"x" is not a materialized view', 'x is a view, not a materialized view'],
    ['CREATE TABLE IF NOT EXISTS t (x int);\nDROP TABLE IF EXISTS t_x;\nCREATE INDEX t_x ON t (x);', '"t_x" is not a table', 't_x is an index, not a table'],
    ["DROP PROCEDURE IF EXISTS p();\nCREATE FUNCTION p() RETURNS int LANGUAGE sql AS 'SELECT 1';", 'p() is not a procedure', 'p is a function, not a procedure'],
  ];

  test('IF EXISTS does not skip it (42809): a finding on the DROP whose block drops only that kind, which runs twice with the CREATE’s fix', async () => {
    for (const [sql, server, reason] of cases) {
      expect(await twice(sql)).toEqual(both(server));
      const drafts = await lint(sql);
      const drop = drafts.find((d) => d.message.startsWith('DROP '))!;
      expect(drop.message).toContain(`${reason}:`);
      expect(drop.message).toContain('(SQLSTATE 42809 wrong_object_type)');
      expect(drop.fix).toBeUndefined();
      // The CREATE meets its own object on the second run: its fix (IF NOT EXISTS, OR REPLACE) stays.
      const create = drafts.find((d) => d.message.startsWith('CREATE '))!;
      expect(create.fix).toBeDefined();
      const fixed = replaceLine(applyFixes(sql, [create]), drop.line, blockOf(drop));
      expect(await twice(fixed)).toEqual(both(null));
    }
  });

  test('a view made a table through a rename: the DROP VIEW fails the same way; a view renamed by ALTER TABLE stays a view, and no finding', async () => {
    const converted = 'CREATE TABLE IF NOT EXISTS x_new (id int);\nDROP VIEW IF EXISTS x;\nALTER TABLE IF EXISTS x_new RENAME TO x;';
    expect(await twice(converted)).toEqual(both('"x" is not a view'));
    expect((await lint(converted)).map((d) => d.line)).toContain(2);
    const renamed = 'CREATE OR REPLACE VIEW v0 AS SELECT 1 AS id;\nDROP VIEW IF EXISTS v1;\nALTER TABLE v0 RENAME TO v1;';
    expect((await lint(renamed)).map((d) => d.message.slice(0, d.message.indexOf(' fails')))).toEqual(['RENAME TABLE v0 TO v1']);
    const same = 'DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT 1 AS id;\nDROP TABLE IF EXISTS x;\nCREATE TABLE x (id int);';
    expect(await lint(same)).toEqual([]);
  });
});

describe('non-idempotent: functions told apart by their signatures', () => {
  test('OR REPLACE of two overloads: no finding, and the file runs twice', async () => {
    const sql = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT 1';\nCREATE OR REPLACE FUNCTION f(a text) RETURNS int LANGUAGE sql AS 'SELECT 2';";
    expect(await twice(sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });

  test('a DROP of another signature does not make the CREATE safe; a DROP of the first does not cover a CREATE of another', async () => {
    const other = "DROP FUNCTION IF EXISTS f(text);\nCREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT 1';";
    const moved = "CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql AS 'SELECT 1';\nDROP FUNCTION g(int);\nCREATE FUNCTION g(a bigint) RETURNS int LANGUAGE sql AS 'SELECT 1';";
    for (const [sql, line] of [[other, 2], [moved, 3]] as const) {
      expect(await twice(sql)).toEqual(both('function "' + (sql === other ? 'f' : 'g') + '" already exists with same argument types'));
      const drafts = await lint(sql);
      expect(drafts.map((d) => d.line)).toEqual([line]);
      const fixed = applyFixes(sql, drafts);
      expect(await twice(fixed)).toEqual(both(null));
      expect(await lint(fixed)).toEqual([]);
    }
  });

  test('DROP FUNCTION without argument types before two overloads fails on the second run (42725): the advice drops each signature, in SQL’s type names', async () => {
    const sql = "DROP FUNCTION IF EXISTS f;\nCREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT 1';\nCREATE FUNCTION f(a numeric(10, 2)[]) RETURNS int LANGUAGE sql AS 'SELECT 1';";
    expect(await twice(sql)).toEqual(both('function name "f" is not unique'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.line).toBe(1);
    expect(d!.message).toContain('(SQLSTATE 42725 ambiguous_function)');
    expect(d!.suggestion).toBe('Name each signature: `DROP FUNCTION IF EXISTS f(integer); DROP FUNCTION IF EXISTS f(numeric[]);`');
    const fixed = replaceLine(sql, 1, 'DROP FUNCTION IF EXISTS f(integer); DROP FUNCTION IF EXISTS f(numeric[]);');
    expect(await twice(fixed)).toEqual(both(null));
    expect(await lint(fixed)).toEqual([]);
  });
});

describe('non-idempotent: a rename or move guarded on the old name alone', () => {
  test('ALTER TABLE IF EXISTS and ALTER INDEX IF EXISTS ... RENAME collide on the second run (42P07); made under the final name, the file runs twice', async () => {
    const cases: Array<[string, string, string]> = [
      ['CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE IF EXISTS t RENAME TO u;', 'relation "u" already exists', 'CREATE TABLE IF NOT EXISTS u (id int);'],
      [
        'CREATE TABLE IF NOT EXISTS t (id int);\nCREATE INDEX IF NOT EXISTS t_i ON t (id);\nALTER INDEX IF EXISTS t_i RENAME TO t_id_idx;',
        'relation "t_id_idx" already exists',
        'CREATE TABLE IF NOT EXISTS t (id int);\nCREATE INDEX IF NOT EXISTS t_id_idx ON t (id);',
      ],
    ];
    for (const [sql, server, final] of cases) {
      expect(await twice(sql)).toEqual(both(server));
      const [d, ...rest] = await lint(sql);
      expect(rest).toEqual([]);
      expect(d!.line).toBe(sql.split('\n').length);
      expect(d!.message).toContain('already exists (SQLSTATE 42P07 duplicate_table)');
      expect(d!.suggestion).toContain('Create the');
      expect(d!.fix).toBeUndefined();
      expect(await twice(final)).toEqual(both(null));
    }
    expect(await lint('ALTER TABLE IF EXISTS old_t RENAME TO new_t;')).toEqual([]);
  });

  test('SET SCHEMA of a table the file makes again: it collides in the new schema (42P07), not "already gone", and no IF EXISTS fix', async () => {
    const sql = 'CREATE SCHEMA IF NOT EXISTS s;\nCREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t SET SCHEMA s;';
    expect(await twice(sql)).toEqual(both('relation "t" already exists in schema "s"'));
    // What the rule offered before fails the same way.
    expect(await twice(sql.replace('ALTER TABLE t', 'ALTER TABLE IF EXISTS t'))).toEqual(both('relation "t" already exists in schema "s"'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.message).toBe('ALTER TABLE t SET SCHEMA s fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table).');
    expect(d!.fix).toBeUndefined();
  });
});

describe('non-idempotent: an INSERT after a DELETE', () => {
  test('DELETE ... WHERE leaves other rows, so the INSERT applies twice; an unqualified DELETE empties the table first', async () => {
    const once = holds('(SELECT count(*) FROM t) = 1', 'inserted twice');
    const where = "CREATE TABLE IF NOT EXISTS t (id int, v text);\nDELETE FROM t WHERE id = 2;\nINSERT INTO t VALUES (1, 'a');";
    expect(await twice(where + once)).toEqual(both('inserted twice'));
    expect((await lint(where)).map((d) => d.line)).toEqual([3]);
    const all = where.replace(' WHERE id = 2', '');
    expect(await twice(all + once)).toEqual(both(null));
    expect(await lint(all)).toEqual([]);
  });

  test('DELETE ... WHERE that picks the very rows the INSERT writes (by constants of one column) re-seeds them: no finding', async () => {
    const sql = "CREATE TABLE IF NOT EXISTS t (id int, v text);\nDELETE FROM t WHERE id IN (1, 2);\nINSERT INTO t VALUES (1, 'a'), (2, 'b');";
    const listed = "CREATE TABLE IF NOT EXISTS t (id int, v text);\nDELETE FROM t WHERE v = 'a';\nINSERT INTO t (v, id) VALUES ('a', 1);";
    for (const file of [sql, listed]) {
      expect(await twice(file + holds('(SELECT count(*) FROM t) = ' + (file === sql ? 2 : 1), 'inserted twice'))).toEqual(both(null));
      expect(await lint(file)).toEqual([]);
    }
    // A row the DELETE does not pick goes in again.
    expect((await lint(sql.replace("(2, 'b')", "(3, 'b')"))).map((d) => d.line)).toEqual([3]);
  });
});

describe('non-idempotent: an ALTER TABLE of several commands', () => {
  test('ADD COLUMN with ADD CONSTRAINT: no fix guarding the column alone (it still fails), but the ALTER split, each command guarded, which runs twice', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY);
ALTER TABLE accounts ADD COLUMN status text DEFAULT 'active', ADD CONSTRAINT accounts_status_check CHECK (status IN ('active','closed'));`;
    expect(await twice(sql)).toEqual(both('column "status" of relation "accounts" already exists'));
    // What the rule offered before: the column guarded, the constraint not.
    const before = sql.replace('ADD COLUMN status', 'ADD COLUMN IF NOT EXISTS status');
    expect(await twice(before)).toEqual(both('constraint "accounts_status_check" for relation "accounts" already exists'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.fix).toBeUndefined();
    expect(d!.suggestion).toMatch(
      /^Split it into one ALTER TABLE per command, each guarded on its own, in this order: `ALTER TABLE accounts ADD COLUMN IF NOT EXISTS status text DEFAULT 'active';`, then ADD CONSTRAINT accounts_status_check in the block below\. Add it only when it is missing:\n/,
    );
    // The whole CHECK, not `CHECK ...`.
    expect(blockOf(d!)).toContain("ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('active','closed'));");
    const split = `ALTER TABLE accounts ADD COLUMN IF NOT EXISTS status text DEFAULT 'active';\n${blockOf(d!)}`;
    const fixed = replaceLine(sql, 2, split);
    expect(await twice(fixed + holds("EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'accounts_status_check')", 'no check'))).toEqual(both(null));
    expect(await lint(fixed)).toEqual([]);
  });
});

describe('non-idempotent: what the second run meets that the first did not', () => {
  test('a DO block whose handler catches the error of its first statement rolls back the INSERT after it: not applied twice', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS t (id int);
DO $$ BEGIN
  ALTER TABLE t ADD COLUMN c int;
  INSERT INTO t (id) VALUES (1);
EXCEPTION WHEN duplicate_column THEN NULL;
END $$;`;
    expect(await twice(sql + holds('(SELECT count(*) FROM t) = 1', 'inserted twice'))).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
    // A handler that does not catch it: the ADD COLUMN fails the second run, and is the finding.
    const other = sql.replace('duplicate_column', 'duplicate_object');
    expect((await lint(other)).map((d) => d.line)).toEqual([3, 4]);
  });

  test('INSERT ... ON CONFLICT DO NOTHING before a guarded unique index or a primary key added in a DO block: the key is there on the second run', async () => {
    const once = holds('(SELECT count(*) FROM t) = 1', 'inserted twice');
    const index = 'CREATE TABLE IF NOT EXISTS t (id int);\nINSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;\nCREATE UNIQUE INDEX IF NOT EXISTS t_id ON t (id);';
    const key = `CREATE TABLE IF NOT EXISTS t (id int);
INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;
DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (id); EXCEPTION WHEN invalid_table_definition THEN NULL; END $$;`;
    for (const sql of [index, key]) {
      expect(await twice(sql + once)).toEqual(both(null));
      expect(await lint(sql)).toEqual([]);
    }
    // Without ON CONFLICT the second run meets the key: unique_violation, and ON CONFLICT DO NOTHING is the fix.
    const bare = index.replace(' ON CONFLICT DO NOTHING', '');
    expect(await twice(bare)).toEqual(both('duplicate key value violates unique constraint "t_id"'));
    const drafts = await lint(bare);
    expect(drafts.map((d) => d.fix?.replacement)).toEqual(['INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;']);
  });
});
