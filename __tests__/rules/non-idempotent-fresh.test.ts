// non-idempotent and a change to a column or constraint of a table the file makes with CREATE TABLE IF NOT EXISTS and drops further
// down: the second run makes the table anew, as the file writes it. Where the first run met a table made before the file, a DROP
// COLUMN or DROP CONSTRAINT of what only that table had (or an ADD of what only the file's has) passed the first time and fails the
// second. Each case runs twice on the local server and on PGlite, from a table made before the file (the setup) or from none.

import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import { applyFixes, lintFile } from '../support/lint-file.js';
import { both, runTwiceOnBoth } from '../support/run-twice.js';

const lint = (sql: string) => lintFile(nonIdempotent, sql);

const runTwice = runTwiceOnBoth('gate_fresh', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
/** Runs `setup` once, then `sql` twice, on the local server and on PGlite, each emptied first. */
const twice = (setup: string, sql: string) => runTwice(sql, setup);

describe('non-idempotent: a change to a table the file makes anew on the second run', () => {
  // [the table as an earlier migration made it, the file, its second run on both servers, the finding's start]
  const cases: Array<[string, string, string, string]> = [
    [
      'CREATE TABLE t (id int, legacy text);',
      'CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t DROP COLUMN legacy;\nDROP TABLE t;',
      'column "legacy" of relation "t" does not exist',
      'DROP COLUMN legacy fails when the file runs a second time: the column is not there: on the second run `CREATE TABLE IF NOT EXISTS t (id int)` makes t anew without it',
    ],
    [
      'CREATE TABLE t (id int CONSTRAINT t_positive CHECK (id > 0));',
      'CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t DROP CONSTRAINT t_positive;\nDROP TABLE t;',
      'constraint "t_positive" of relation "t" does not exist',
      'DROP CONSTRAINT t_positive fails when the file runs a second time: the constraint is not there: on the second run',
    ],
    [
      'CREATE TABLE t (id int, old_name text);',
      'CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t RENAME COLUMN old_name TO new_name;\nDROP TABLE t;',
      'column "old_name" does not exist',
      'RENAME COLUMN old_name TO new_name fails when the file runs a second time: the column is not there: on the second run',
    ],
    [
      'CREATE TABLE t (id int);',
      'CREATE TABLE IF NOT EXISTS t (id int, note text);\nALTER TABLE t ADD COLUMN note text;\nDROP TABLE t;',
      'column "note" of relation "t" already exists',
      'ADD COLUMN note fails when the file runs a second time: the column already exists: on the second run `CREATE TABLE IF NOT EXISTS t (id int, note text)` makes t anew with it',
    ],
    [
      'CREATE TABLE t (id int);',
      'CREATE TABLE IF NOT EXISTS t (id int CHECK (id > 0));\nALTER TABLE t ADD CONSTRAINT t_id_check CHECK (id > 0);\nDROP TABLE t;',
      'constraint "t_id_check" for relation "t" already exists',
      'ADD CONSTRAINT t_id_check fails when the file runs a second time: the constraint already exists: on the second run',
    ],
  ];

  test('the first run changed the table made before the file, the second meets the file’s own: a finding at line 2, and its fix runs twice', async () => {
    for (const [setup, sql, server, finding] of cases) {
      expect(await twice(setup, sql)).toEqual(both(server));
      const drafts = await lint(sql);
      expect(drafts.map((d) => [d.line, d.message.slice(0, finding.length)])).toEqual([[2, finding]]);
      expect(drafts[0]!.message).toMatch(/, where on the first run it found t already there and left it as it was \(SQLSTATE \w+ \w+\)\.$/);
      // A RENAME's and an ADD CONSTRAINT's fix is the block the advice gives, which checks the catalog first.
      const advice = drafts[0]!.suggestion!;
      const block = advice.slice(advice.indexOf('\n') + 1);
      const fixed = drafts[0]!.fix ? applyFixes(sql, drafts) : sql.replace(/^ALTER TABLE .*$/m, () => block);
      expect(await twice(setup, fixed)).toEqual(both(null));
      expect(await lint(fixed)).toEqual([]);
    }
  });

  test('what the file’s own table has (PostgreSQL’s made-up constraint names too), or a statement before gives it, and what a file that makes the table on its first run too changes: no findings', async () => {
    const quiet: Array<[string, string]> = [
      ['CREATE TABLE t (id int, legacy text);', 'CREATE TABLE IF NOT EXISTS t (id int, legacy text);\nALTER TABLE t DROP COLUMN legacy;\nDROP TABLE t;'],
      ['SELECT 1', 'CREATE TABLE IF NOT EXISTS t (id int, legacy text);\nALTER TABLE t DROP COLUMN legacy;\nDROP TABLE t;'],
      [
        'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, c int CHECK (c > 0) REFERENCES p, u int UNIQUE, CHECK (c > id));',
        'CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, c int CHECK (c > 0) REFERENCES p, u int UNIQUE, CHECK (c > id));\n' +
          'ALTER TABLE t DROP CONSTRAINT t_pkey, DROP CONSTRAINT t_c_check, DROP CONSTRAINT t_c_fkey, DROP CONSTRAINT t_u_key, DROP CONSTRAINT t_check;\nDROP TABLE t;',
      ],
      ['CREATE TABLE t (id int);', 'CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t ADD COLUMN legacy text;\nALTER TABLE t DROP COLUMN legacy;\nDROP TABLE t;'],
      ['CREATE TABLE t (id int, a int);', 'CREATE TABLE IF NOT EXISTS t (id int, a int);\nALTER TABLE t RENAME COLUMN a TO b;\nALTER TABLE t DROP COLUMN b;\nDROP TABLE t;'],
      [
        'CREATE TABLE t (id int);',
        'CREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t ADD CONSTRAINT t_u UNIQUE (id);\nALTER TABLE t RENAME CONSTRAINT t_u TO t_id_u;\nALTER TABLE t DROP CONSTRAINT t_id_u;\nDROP TABLE t;',
      ],
    ];
    for (const [setup, sql] of quiet) {
      expect(await twice(setup, sql)).toEqual(both(null));
      expect(await lint(sql)).toEqual([]);
    }
    // A table the file drops first is made bare on its first run too: a DROP of a column it lacks fails there, which the dry run reports.
    for (const always of [
      'DROP TABLE IF EXISTS t;\nCREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t DROP COLUMN legacy;',
      'CREATE TABLE IF NOT EXISTS t (id int, legacy text);\nDROP TABLE t;\nCREATE TABLE IF NOT EXISTS t (id int);\nALTER TABLE t DROP COLUMN legacy;\nDROP TABLE t;',
    ]) {
      expect(await twice('CREATE TABLE t (id int, legacy text);', always)).toEqual(both('column "legacy" of relation "t" does not exist'));
      expect(await lint(always)).toEqual([]);
    }
  });
});
