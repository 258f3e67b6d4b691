// non-idempotent across schemas: an unqualified name stands for the object in a schema of the runner's search_path, so
// `DROP ... IF EXISTS t` does not guard `CREATE ... s.t` (a differential hunt ran these twice on PostgreSQL: every one
// failed on the second run while the gate called the DROP a guard). Each case runs twice on the local server and on PGlite.

import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import { applyFixes, lintFile } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';
import { both, runTwiceOnBoth } from '../support/run-twice.js';

const lint = (sql: string, searchPath?: string) => {
  const options = testOptions();
  return lintFile(nonIdempotent, sql, {}, searchPath ? { ...options, dryRun: { ...options.dryRun, searchPath } } : options);
};

const twice = runTwiceOnBoth('gate_schemas', 'RESET search_path; DROP SCHEMA IF EXISTS s CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');

const SCHEMA = 'CREATE SCHEMA IF NOT EXISTS s;\nCREATE TABLE IF NOT EXISTS s.t (id int);\n';

describe('non-idempotent: a DROP ... IF EXISTS of an unqualified name does not guard the object made in another schema', () => {
  // [the file, the second run's error, the line of the finding, how its message starts]
  const cases: Array<[string, string, number, string]> = [
    [`${SCHEMA}DROP INDEX IF EXISTS t_x;\nCREATE INDEX t_x ON s.t (id);`, 'relation "t_x" already exists', 4, 'CREATE INDEX t_x fails'],
    [`${SCHEMA}DROP POLICY IF EXISTS p ON t;\nCREATE POLICY p ON s.t USING (true);`, 'policy "p" for table "t" already exists', 4, 'CREATE POLICY p fails'],
    ['CREATE SCHEMA IF NOT EXISTS s;\nDROP TABLE IF EXISTS t;\nCREATE TABLE s.t (id int);', 'relation "t" already exists', 3, 'CREATE TABLE s.t fails'],
    [
      "CREATE SCHEMA IF NOT EXISTS s;\nDROP FUNCTION IF EXISTS f();\nCREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
      'function "f" already exists with same argument types',
      3,
      'CREATE FUNCTION s.f fails',
    ],
    [
      `${SCHEMA}CREATE OR REPLACE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nDROP TRIGGER IF EXISTS tr ON t;\nCREATE TRIGGER tr BEFORE INSERT ON s.t FOR EACH ROW EXECUTE FUNCTION tf();`,
      'trigger "tr" for relation "t" already exists',
      5,
      'CREATE TRIGGER tr fails',
    ],
    [
      `${SCHEMA}CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t DROP COLUMN IF EXISTS c;\nALTER TABLE s.t ADD COLUMN c int;`,
      'column "c" of relation "t" already exists',
      5,
      'ADD COLUMN c fails',
    ],
  ];

  test('the second run fails on the CREATE: a finding there, whose fix runs twice', async () => {
    for (const [sql, server, line, message] of cases) {
      expect(await twice(sql)).toEqual(both(server));
      const drafts = await lint(sql);
      expect(drafts.map((d) => [d.line, d.message.slice(0, message.length)])).toEqual([[line, message]]);
      const fixed = applyFixes(sql, drafts);
      expect(await twice(fixed)).toEqual(both(null));
      expect(await lint(fixed)).toEqual([]);
    }
  });

  test('emptying the unqualified table does not keep an INSERT into s.t from adding its row again', async () => {
    const sql = `${SCHEMA}CREATE TABLE IF NOT EXISTS t (id int);\nDELETE FROM t;\nINSERT INTO s.t VALUES (1);`;
    const rows = "\nDO $$ BEGIN IF (SELECT count(*) FROM s.t) > 1 THEN RAISE EXCEPTION 's.t has its row twice'; END IF; END $$;";
    expect(await twice(sql + rows)).toEqual(both('s.t has its row twice'));
    expect((await lint(sql)).map((d) => [d.line, d.message.slice(0, 30)])).toEqual([[5, 'INSERT INTO s.t applies twice ']]);
  });
});

describe('non-idempotent: where the unqualified name is on the search_path, the DROP still guards', () => {
  test('public is on the default search_path: DROP TABLE IF EXISTS t guards CREATE TABLE public.t', async () => {
    const sql = 'DROP TABLE IF EXISTS t;\nCREATE TABLE public.t (id int);\nDROP INDEX IF EXISTS public.t_i;\nCREATE INDEX t_i ON t (id);';
    expect(await twice(sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });

  test('the runner’s configured search_path decides: with s on it, DROP TABLE IF EXISTS t guards s.t', async () => {
    const sql = 'DROP TABLE IF EXISTS t;\nCREATE TABLE s.t (id int);';
    // The runner's session search_path, set once before both runs.
    expect(await twice(sql, 'CREATE SCHEMA s; SET search_path TO s, public;')).toEqual(both(null));
    expect(await lint(sql, '"$user", s, public')).toEqual([]);
    expect(await twice(sql, 'CREATE SCHEMA s;')).toEqual(both('relation "t" already exists'));
    expect(await lint(sql)).toHaveLength(1);
  });

  test('a file that sets its own search_path is judged as before: an unqualified name matches in any schema', async () => {
    const sql = 'CREATE SCHEMA IF NOT EXISTS s;\nSET search_path TO s, public;\nDROP TABLE IF EXISTS t;\nCREATE TABLE s.t (id int);';
    expect(await twice(sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });
});
