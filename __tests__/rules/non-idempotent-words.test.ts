// non-idempotent names the statement at fault as the file writes it: DROP DOMAIN, not the DROP TYPE it parses as; a cast's
// and a transform's types as written, not as the parser names them (pg_catalog.int4). Each DROP's fix runs twice on the
// local server and on PGlite.

import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import { applyFixes, lintFile } from '../support/lint-file.js';
import { both, runTwiceOnBoth } from '../support/run-twice.js';

const lint = (sql: string) => lintFile(nonIdempotent, sql);

const twice = runTwiceOnBoth('gate_words', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;');

/** The words a finding's message starts with, before ` fails`. */
const named = async (sql: string) => (await lint(sql)).map((d) => d.message.slice(0, d.message.indexOf(' fails when')));

describe('non-idempotent: a finding names the statement as written', () => {
  test('DROP DOMAIN, PROCEDURE and ROUTINE, and DROP CAST by its types as written: the second run fails, and the fix runs twice', async () => {
    // [what an earlier migration made, the DROP, the server's second run, the finding's words]
    const cases: Array<[string, string, string, string]> = [
      ['CREATE DOMAIN d AS int;', 'DROP DOMAIN d;', 'type "d" does not exist', 'DROP DOMAIN d'],
      ["CREATE PROCEDURE p(a int) LANGUAGE sql AS 'SELECT 1';", 'DROP PROCEDURE p(int);', 'procedure p(integer) does not exist', 'DROP PROCEDURE p'],
      ["CREATE FUNCTION r() RETURNS int LANGUAGE sql AS 'SELECT 1';", 'DROP ROUTINE r;', 'could not find a function named "r"', 'DROP ROUTINE r'],
      [
        'CREATE TYPE "MyType" AS (v text); CREATE CAST (varchar(10) AS "MyType") WITH INOUT;',
        'DROP CAST (varchar(10) AS "MyType");',
        'cast from type character varying to type "MyType" does not exist',
        'DROP CAST (varchar(10) AS "MyType")',
      ],
    ];
    for (const [setup, sql, server, words] of cases) {
      expect(await twice(sql, setup)).toEqual(both(server));
      const drafts = await lint(sql);
      expect(drafts.map((d) => d.message.slice(0, d.message.indexOf(' fails when')))).toEqual([words]);
      const fixed = applyFixes(sql, drafts);
      expect(fixed).toBe(sql.replace(/^DROP (\w+)/, 'DROP $1 IF EXISTS'));
      expect(await twice(fixed, setup)).toEqual(both(null));
    }
  });

  test('every other kind of object a DROP or CREATE names: in its own words', async () => {
    const dropped = [
      'MATERIALIZED VIEW mv',
      'FOREIGN TABLE ft',
      'TEXT SEARCH CONFIGURATION tc',
      'TEXT SEARCH DICTIONARY td',
      'TEXT SEARCH PARSER tp',
      'TEXT SEARCH TEMPLATE tt',
      'COLLATION co',
      'CONVERSION cv',
      'PUBLICATION pub',
      'EVENT TRIGGER et',
      'SERVER srv',
      'FOREIGN DATA WRAPPER fdw',
      'STATISTICS st',
      'ACCESS METHOD am',
      'OPERATOR CLASS oc USING btree',
      'OPERATOR FAMILY ofam USING btree',
      'LANGUAGE plx',
      'TRANSFORM FOR int LANGUAGE plx',
      'EXTENSION ext',
      'TYPE ty',
      'RULE ru ON t',
    ];
    const cases: Array<[string, string]> = [
      ...dropped.map((d): [string, string] => [`DROP ${d};`, `DROP ${d}`]),
      ['DROP AGGREGATE ag(int);', 'DROP AGGREGATE ag'],
      ['CREATE CAST (int AS text) WITH INOUT;', 'CREATE CAST (int AS text)'],
      ['CREATE TRANSFORM FOR int LANGUAGE plx (FROM SQL WITH FUNCTION f(internal));', 'CREATE TRANSFORM FOR int LANGUAGE plx'],
      ['CREATE CONSTRAINT TRIGGER ct AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();', 'CREATE CONSTRAINT TRIGGER ct'],
      ['CREATE DOMAIN d AS int;', 'CREATE DOMAIN d'],
      ['CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$;', 'CREATE PROCEDURE p'],
      ['CREATE AGGREGATE ag(int) (sfunc = int4pl, stype = int);', 'CREATE AGGREGATE ag'],
      ['CREATE TEXT SEARCH DICTIONARY td (template = simple);', 'CREATE TEXT SEARCH DICTIONARY td'],
      ['CREATE FOREIGN DATA WRAPPER fdw;', 'CREATE FOREIGN DATA WRAPPER fdw'],
      ['CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION f();', 'CREATE EVENT TRIGGER et'],
    ];
    for (const [sql, words] of cases) expect([sql, await named(sql)]).toEqual([sql, [words]]);
  });
});
