// non-idempotent and a CREATE whose second run meets the object as a statement further down defined it: made again
// after a DROP, a view given other columns by a later OR REPLACE or renamed columns. OR REPLACE and IF NOT EXISTS keep that
// definition (or fail on it), so the fix drops the object first, unless OR REPLACE takes it (a view made again with the same
// columns first). And its mirror: a DROP the file makes the object again after, then drops once more, finds nothing on the
// second run. Each case runs twice on the local server and on PGlite.

import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import { applyFixes, lintFile } from '../support/lint-file.js';
import { both, runTwiceOnBoth } from '../support/run-twice.js';

const lint = (sql: string) => lintFile(nonIdempotent, sql);

/** Runs `sql` twice on the local server and on PGlite, each emptied first (then `setup` run once). */
const twice = runTwiceOnBoth('gate_redefined', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE TABLE t (id int, a int);');

/** The file with every fix applied runs twice on both servers and lints clean. */
async function fixedHolds(sql: string): Promise<string> {
  const fixed = applyFixes(sql, await lint(sql));
  expect(await twice(fixed)).toEqual(both(null));
  expect(await lint(fixed)).toEqual([]);
  return fixed;
}

describe('non-idempotent: a view a later statement gives other columns', () => {
  test('a later OR REPLACE with more columns: OR REPLACE fails on the second run (42P16), DROP VIEW IF EXISTS first holds', async () => {
    const sql = 'CREATE VIEW v AS SELECT id FROM t;\nCREATE OR REPLACE VIEW v AS SELECT id, a FROM t;';
    expect(await twice(sql)).toEqual(both('relation "v" already exists'));
    // What the rule offered before: OR REPLACE on line 1.
    expect(await twice(`CREATE OR REPLACE ${sql.slice('CREATE '.length)}`)).toEqual(both('cannot drop columns from view'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.line).toBe(1);
    expect(d!.message).toBe('CREATE VIEW v fails when the file runs a second time: the view already exists (SQLSTATE 42P07 duplicate_table).');
    expect(d!.suggestion).toBe(
      'Put `DROP VIEW IF EXISTS v;` before it. OR REPLACE would not do: `CREATE OR REPLACE VIEW v AS SELECT id, a FROM t` further down gave it other columns, and OR REPLACE cannot drop, rename or retype the columns of a view.',
    );
    expect(d!.fix).toEqual({ line: 1, endLine: 1, replacement: 'DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id FROM t;' });
    await fixedHolds(sql);
  });

  test('written with OR REPLACE already: the finding names the 42P16 the server raises, and the DROP first holds', async () => {
    const sql = 'CREATE OR REPLACE VIEW v AS SELECT id FROM t;\nCREATE OR REPLACE VIEW v AS SELECT id, a FROM t;';
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.message).toBe(
      'CREATE OR REPLACE VIEW v fails when the file runs a second time: `CREATE OR REPLACE VIEW v AS SELECT id, a FROM t` further down gave it other columns, and OR REPLACE cannot drop, rename or retype the columns of a view (SQLSTATE 42P16 invalid_table_definition).',
    );
    expect(d!.fix!.replacement).toBe('DROP VIEW IF EXISTS v;\nCREATE OR REPLACE VIEW v AS SELECT id FROM t;');
    await fixedHolds(sql);
  });

  test('ALTER VIEW or ALTER TABLE ... RENAME COLUMN further down: the finding is on the CREATE, and both advised forms run twice', async () => {
    for (const rename of ['ALTER VIEW v RENAME COLUMN a TO b;', 'ALTER TABLE v RENAME COLUMN a TO b;']) {
      const sql = `CREATE VIEW v AS SELECT id, a FROM t;\n${rename}`;
      expect(await twice(`CREATE OR REPLACE ${sql.slice('CREATE '.length)}`)).toEqual(both('cannot change name of view column "b" to "a"'));
      const [d, ...rest] = await lint(sql);
      expect(rest).toEqual([]);
      expect(d!.line).toBe(1);
      expect(d!.suggestion).toBe(
        `Put \`DROP VIEW IF EXISTS v;\` before it. OR REPLACE would not do: \`${rename.slice(0, -1)}\` further down renamed a column of it, and OR REPLACE cannot drop, rename or retype the columns of a view. Or create the view with the column under its final name and remove the rename.`,
      );
      expect(await fixedHolds(sql)).toBe(`DROP VIEW IF EXISTS v;\n${sql}`);
    }
    const finalName = 'CREATE OR REPLACE VIEW v AS SELECT id, a AS b FROM t;';
    expect(await twice(finalName)).toEqual(both(null));
    expect(await lint(finalName)).toEqual([]);
  });

  test('a view the file builds on further down: the DROP takes CASCADE, and the advice says what it drops', async () => {
    const sql = 'CREATE VIEW v AS SELECT id FROM t;\nCREATE OR REPLACE VIEW v AS SELECT id, a FROM t;\nCREATE OR REPLACE VIEW w AS SELECT id FROM v;';
    // Without CASCADE the second run's DROP meets w.
    expect(await twice(`DROP VIEW IF EXISTS v;\n${sql}`)).toEqual(both('cannot drop view v because other objects depend on it'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.fix!.replacement).toBe('DROP VIEW IF EXISTS v CASCADE;\nCREATE VIEW v AS SELECT id FROM t;');
    expect(d!.suggestion).toContain('CASCADE drops the view w too, which the file creates again further down, and every other object that depends on v.');
    await fixedHolds(sql);
  });

  test('a later OR REPLACE with the same columns, and a materialized view renamed further down, keep their usual fixes', async () => {
    const sameColumns = 'CREATE VIEW v AS SELECT id, a FROM t;\nCREATE OR REPLACE VIEW v AS SELECT id, a FROM t WHERE a > 0;';
    expect((await lint(sameColumns)).map((d) => d.fix!.replacement)).toEqual(['CREATE OR REPLACE VIEW v AS SELECT id, a FROM t;']);
    await fixedHolds(sameColumns);
    expect(await lint('CREATE OR REPLACE VIEW v AS SELECT id FROM t;\nCREATE OR REPLACE VIEW v AS SELECT id FROM t WHERE a > 0;')).toEqual([]);
    // A materialized view has no OR REPLACE: IF NOT EXISTS skips it, and the rename gets its own guard.
    const matview = 'CREATE MATERIALIZED VIEW m AS SELECT id, a FROM t;\nALTER MATERIALIZED VIEW m RENAME COLUMN a TO b;';
    const drafts = await lint(matview);
    expect(drafts.map((d) => d.line)).toEqual([1, 2]);
    expect(drafts[0]!.fix!.replacement).toBe('CREATE MATERIALIZED VIEW IF NOT EXISTS m AS SELECT id, a FROM t;');
    const block = drafts[1]!.suggestion!.slice(drafts[1]!.suggestion!.indexOf('DO $'));
    const guarded = applyFixes(matview, drafts).replace(matview.split('\n')[1]!, () => block);
    expect(await twice(guarded)).toEqual(both(null));
  });
});

describe('non-idempotent: a view the file drops and makes again further down', () => {
  test('made again with the same columns first (names and types: column references, casts, the same expression), maybe more after: OR REPLACE, which runs twice', async () => {
    const cases = [
      'CREATE VIEW v AS SELECT id, a FROM t;\nDROP VIEW v;\nCREATE VIEW v AS SELECT id, a FROM t WHERE a > 0;',
      'CREATE VIEW v AS SELECT t.id, a::text AS label, count(*) AS n FROM t GROUP BY 1, 2;\nDROP VIEW v;\nCREATE VIEW v AS SELECT id, CAST(a AS text) AS label FROM t;',
      'CREATE VIEW v (x, y) AS SELECT s.id, s.a FROM t s;\nDROP VIEW v;\nCREATE VIEW v AS SELECT id AS x FROM t;',
    ];
    for (const sql of cases) {
      expect(await twice(sql)).toEqual(both('relation "v" already exists'));
      const [d, ...rest] = await lint(sql);
      expect(rest).toEqual([]);
      expect(d!.line).toBe(1);
      expect(d!.message).toBe('CREATE VIEW v fails when the file runs a second time: the view already exists (SQLSTATE 42P07 duplicate_table).');
      expect(d!.fix!.replacement).toBe(`CREATE OR REPLACE ${sql.split('\n')[0]!.slice('CREATE '.length)}`);
      await fixedHolds(sql);
    }
    // Written with OR REPLACE already: nothing to report.
    const replacing = `CREATE OR REPLACE ${cases[1]!.slice('CREATE '.length)}`;
    expect(await twice(replacing)).toEqual(both(null));
    expect(await lint(replacing)).toEqual([]);
  });

  test('other columns first (fewer, another order, another type), or types the file does not tell: the DROP first as before, which runs twice (OR REPLACE fails where the columns differ)', async () => {
    const cases: Array<[string, string | null]> = [
      ['CREATE VIEW v AS SELECT id FROM t;\nDROP VIEW v;\nCREATE VIEW v AS SELECT id, a FROM t;', 'cannot drop columns from view'],
      ['CREATE VIEW v AS SELECT id, a FROM t;\nDROP VIEW v;\nCREATE VIEW v AS SELECT a, id FROM t;', 'cannot change name of view column "a" to "id"'],
      ['CREATE VIEW v AS SELECT id, a FROM t;\nDROP VIEW v;\nCREATE VIEW v AS SELECT id, a::text AS a FROM t;', 'cannot change data type of view column "a" from text to integer'],
      // a + 1 keeps the type of a, and u.id is an int like t.id: the file alone does not tell.
      ['CREATE VIEW v AS SELECT id, a FROM t;\nDROP VIEW v;\nCREATE VIEW v AS SELECT id, a + 1 AS a FROM t;', null],
      ['CREATE VIEW v AS SELECT id FROM t;\nDROP VIEW v;\nCREATE TABLE IF NOT EXISTS u (id int);\nCREATE VIEW v AS SELECT id FROM u;', null],
    ];
    for (const [sql, server] of cases) {
      expect(await twice(`CREATE OR REPLACE ${sql.slice('CREATE '.length)}`)).toEqual(both(server));
      const [d, ...rest] = await lint(sql);
      expect(rest).toEqual([]);
      expect(d!.message).toContain('further down made it again after the file dropped it (SQLSTATE 42P07 duplicate_table).');
      expect(d!.fix!.replacement.split('\n')[0]).toBe('DROP VIEW IF EXISTS v;');
      await fixedHolds(sql);
    }
  });
});

describe('non-idempotent: an object the file drops and makes again further down', () => {
  const cases: Array<[string, string, string]> = [
    ['CREATE TABLE x (id int);\nDROP TABLE x;\nCREATE TABLE x (id int, a int);', 'relation "x" already exists', 'DROP TABLE IF EXISTS x;'],
    ['CREATE VIEW w AS SELECT 1 AS id;\nDROP VIEW w;\nCREATE VIEW w AS SELECT 1 AS id, 2 AS a;', 'relation "w" already exists', 'DROP VIEW IF EXISTS w;'],
    [
      'CREATE MATERIALIZED VIEW m AS SELECT 1 AS id;\nDROP MATERIALIZED VIEW m;\nCREATE MATERIALIZED VIEW m AS SELECT 1 AS id, 2 AS a;',
      'relation "m" already exists',
      'DROP MATERIALIZED VIEW IF EXISTS m;',
    ],
    [
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nDROP FUNCTION f();\nCREATE FUNCTION f() RETURNS text LANGUAGE sql AS 'SELECT 1::text';",
      'function "f" already exists with same argument types',
      'DROP FUNCTION IF EXISTS f();',
    ],
    [
      "CREATE PROCEDURE p(a int, b text[] DEFAULT '{}') LANGUAGE sql AS 'SELECT 1';\nDROP PROCEDURE p(int, text[]);\nCREATE PROCEDURE p(n int, b text[]) LANGUAGE sql AS 'SELECT 2';",
      'function "p" already exists with same argument types',
      'DROP PROCEDURE IF EXISTS p(integer, text[]);',
    ],
    [
      "CREATE FUNCTION f(x t.a%TYPE, y public.t.id%TYPE) RETURNS int LANGUAGE sql AS 'SELECT 1';\nDROP FUNCTION f(t.a%TYPE, public.t.id%TYPE);\n" +
        "CREATE FUNCTION f(x t.a%TYPE, y public.t.id%TYPE) RETURNS text LANGUAGE sql AS 'SELECT 1::text';",
      'function "f" already exists with same argument types',
      'DROP FUNCTION IF EXISTS f(t.a%TYPE, public.t.id%TYPE);',
    ],
  ];

  test('the first CREATE fails on the second run: a finding with DROP ... IF EXISTS (of the signature, `t.c%TYPE` as written) before it, which runs twice', async () => {
    for (const [sql, server, drop] of cases) {
      expect(await twice(sql)).toEqual(both(server));
      const [d, ...rest] = await lint(sql);
      expect(rest).toEqual([]);
      expect(d!.line).toBe(1);
      expect(d!.message).toContain(`further down made it again after the file dropped it (SQLSTATE`);
      expect(d!.fix!.replacement.split('\n')[0]).toBe(drop);
      await fixedHolds(sql);
    }
  });

  test('OR REPLACE would keep the definition made further down: the server refuses it (42P13), and the rule says so where it is written', async () => {
    const sql = "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nDROP FUNCTION f();\nCREATE FUNCTION f() RETURNS text LANGUAGE sql AS 'SELECT 1::text';";
    expect(await twice(sql)).toEqual(both('cannot change return type of existing function'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.message).toMatch(/^CREATE OR REPLACE FUNCTION f fails .* made it again after the file dropped it, and OR REPLACE cannot change the arguments or the result type of a function \(SQLSTATE 42P13 invalid_function_definition\)\.$/);
    await fixedHolds(sql);
  });

  test('DROP IF EXISTS then CREATE, a table dropped at the end, and a function made again the same way: no findings, or OR REPLACE as before', async () => {
    const quiet = `DROP TABLE IF EXISTS x;
CREATE TABLE x (id int);
DROP VIEW IF EXISTS w;
CREATE VIEW w AS SELECT id FROM t;
CREATE TABLE scratch (id int);
INSERT INTO scratch SELECT id FROM x;
DROP TABLE scratch;
CREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 1';
DROP FUNCTION g();
CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 2';`;
    expect(await twice(quiet)).toEqual(both(null));
    expect(await lint(quiet)).toEqual([]);
    // Made again with the same arguments and result, OR REPLACE meets what it can replace.
    const same = "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 1';\nDROP FUNCTION g();\nCREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 2';";
    expect((await lint(same)).map((d) => d.fix!.replacement.split('\n')[0])).toEqual(["CREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 1';"]);
    await fixedHolds(same);
  });
});

describe('non-idempotent: a function of a `t.c%TYPE` argument whose column the file gives another type further down', () => {
  const table = 'CREATE TABLE IF NOT EXISTS u (a int);';
  const create = (result: string) => `CREATE FUNCTION f(x u.a%TYPE) RETURNS ${result} LANGUAGE sql AS 'SELECT 1::${result}';`;
  const retype = 'ALTER TABLE u ALTER COLUMN a TYPE bigint;';
  const advice =
    'u.a%TYPE is the type u.a has when the statement runs, and `ALTER TABLE u ALTER COLUMN a TYPE bigint` further down changes it: a second run makes f ' +
    'with the new type, where the first run made it with the old one, so a statement that names f by the argument types of the first run misses it then; ' +
    'a DROP that names f alone, without argument types, takes it while f has no other signature.';

  test('retyped before the CREATE further down: the DROP names u.a%TYPE, the function this CREATE makes then; the advice says why a DROP naming the old type fails', async () => {
    const sql = [table, create('int'), retype, 'DROP FUNCTION f(integer);', create('text')].join('\n');
    expect(await twice(sql)).toEqual(both('function "f" already exists with same argument types'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.line).toBe(2);
    expect(d!.suggestion).toBe(`Put \`DROP FUNCTION IF EXISTS f(u.a%TYPE);\` before it. ${advice}`);
    const fixed = applyFixes(sql, [d!]);
    // The CREATE passes; the file's DROP of f(integer) is what the second run misses, as the advice says.
    expect(await twice(fixed)).toEqual(both('function f(integer) does not exist'));
    const byName = fixed.replace('DROP FUNCTION f(integer);', 'DROP FUNCTION f;');
    expect(await twice(byName)).toEqual(both(null));
    expect(await lint(byName)).toEqual([]);
    // The DROP with the type u.a had at the CREATE (integer) misses the f(bigint) the CREATE then meets.
    expect(await twice(fixed.replace('f(u.a%TYPE);', 'f(integer);'))).toEqual(both('function "f" already exists with same argument types'));
  });

  test('retyped after it: u.a%TYPE in the DROP runs three times, where the type u.a had at the CREATE fails on the third run', async () => {
    const sql = [table, create('int'), 'DROP FUNCTION f(u.a%TYPE);', create('text'), retype].join('\n');
    // The file's first run as the setup, then two more.
    expect(await twice(sql, sql)).toEqual(both('function "f" already exists with same argument types'));
    const [d, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(d!.suggestion).toBe(`Put \`DROP FUNCTION IF EXISTS f(u.a%TYPE);\` before it. ${advice}`);
    const fixed = applyFixes(sql, [d!]);
    expect(await twice(fixed, fixed)).toEqual(both(null));
    const old = fixed.replace('DROP FUNCTION IF EXISTS f(u.a%TYPE);', 'DROP FUNCTION IF EXISTS f(integer);');
    expect(await twice(old, old)).toEqual(both('function "f" already exists with same argument types'));
  });

  test('a column the file does not retype, or retypes back: the DROP alone, as before', async () => {
    for (const after of ['', `${retype}\nALTER TABLE u ALTER COLUMN a TYPE int;`]) {
      const sql = [table, create('int'), after, 'DROP FUNCTION f(u.a%TYPE);', create('text')].join('\n');
      const [d, ...rest] = await lint(sql);
      expect(rest).toEqual([]);
      expect(d!.suggestion).toBe('Put `DROP FUNCTION IF EXISTS f(u.a%TYPE);` before it.');
      await fixedHolds(sql);
    }
  });
});

describe('non-idempotent: a DROP of what the file makes again and drops once more further down', () => {
  // [what an earlier migration made, the file, what the second run's first statement fails with, and its SQLSTATE on PostgreSQL 15]
  const cases: Array<[string, string, string, string]> = [
    ['CREATE TABLE x (id int);', 'DROP TABLE x;\nCREATE TABLE x (id int);\nDROP TABLE x;', 'table "x" does not exist', '42P01'],
    ['CREATE VIEW v AS SELECT 1 AS id;', 'DROP VIEW v;\nCREATE VIEW v AS SELECT 1 AS id;\nDROP VIEW v;', 'view "v" does not exist', '42P01'],
    [
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
      "DROP FUNCTION f();\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nDROP FUNCTION f();",
      'function f() does not exist',
      '42883',
    ],
    ["CREATE TYPE mood AS ENUM ('a');", "DROP TYPE mood;\nCREATE TYPE mood AS ENUM ('a', 'b');\nDROP TYPE mood;", 'type "mood" does not exist', '42704'],
    ['CREATE INDEX t_a ON t (a);', 'DROP INDEX t_a;\nCREATE INDEX t_a ON t (a);\nDROP INDEX t_a;', 'index "t_a" does not exist', '42704'],
    [
      "CREATE FUNCTION tg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tg();",
      'DROP TRIGGER tr ON t;\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tg();\nDROP TRIGGER tr ON t;',
      'trigger "tr" for table "t" does not exist',
      '42704',
    ],
    ['CREATE POLICY p ON t USING (true);', 'DROP POLICY p ON t;\nCREATE POLICY p ON t USING (a > 0);\nDROP POLICY p ON t;', 'policy "p" for table "t" does not exist', '42704'],
    ['DROP SCHEMA IF EXISTS s CASCADE;\nCREATE SCHEMA s;', 'DROP SCHEMA s;\nCREATE SCHEMA s;\nDROP SCHEMA s;', 'schema "s" does not exist', '3F000'],
    ['SELECT 1', 'ALTER TABLE t DROP COLUMN a;\nALTER TABLE t ADD COLUMN a text;\nALTER TABLE t DROP COLUMN a;', 'column "a" of relation "t" does not exist', '42703'],
    [
      'ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0);',
      'ALTER TABLE t DROP CONSTRAINT t_a_check;\nALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a >= 0);\nALTER TABLE t DROP CONSTRAINT t_a_check;',
      'constraint "t_a_check" of relation "t" does not exist',
      '42704',
    ],
  ];

  test('the second run fails at line 1 (the last DROP took it): a finding there, and with IF EXISTS the file runs twice', async () => {
    for (const [setup, sql, server, sqlstate] of cases) {
      expect(await twice(sql, setup)).toEqual(both(server));
      const [d, ...rest] = await lint(sql);
      expect(rest).toEqual([]);
      expect(d!.line).toBe(1);
      expect(d!.message).toMatch(new RegExp(`^DROP .* fails when the file runs a second time: the \\w+ is already gone \\(SQLSTATE ${sqlstate} `));
      expect(d!.fix!.replacement).toMatch(/ IF EXISTS /);
      const fixed = applyFixes(sql, [d!]);
      expect(await twice(fixed, setup)).toEqual(both(null));
      expect(await lint(fixed)).toEqual([]);
    }
  });

  test("without the last DROP the second run's first DROP finds what the first run made: no findings", async () => {
    for (const [setup, sql] of cases) {
      const remade = sql.slice(0, sql.lastIndexOf('\n'));
      expect(await twice(remade, setup)).toEqual(both(null));
      expect(await lint(remade)).toEqual([]);
    }
  });
});
