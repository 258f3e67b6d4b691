// non-idempotent and what a DROP takes with it: what depends on the dropped object goes too, always (an index with its
// column) or under CASCADE alone (a trigger with its function, a view with the view it reads); without CASCADE
// PostgreSQL refuses the DROP while such an object is there. Each case runs twice on the local server and on PGlite.

import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import { applyFixes, lintFile } from '../support/lint-file.js';
import { both, runTwiceOnBoth } from '../support/run-twice.js';

const lint = (sql: string) => lintFile(nonIdempotent, sql);

const runTwice = runTwiceOnBoth('gate_dependents', 'DROP SCHEMA IF EXISTS s CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
/** Runs `setup` once, then `sql` twice, on the local server and on PGlite, each emptied first. */
const twice = (setup: string, sql: string) => runTwice(sql, setup);

const setup = 'CREATE TABLE t (id int, v text); CREATE TABLE events (id int PRIMARY KEY); CREATE TABLE results (id int, event_id int);';

describe('non-idempotent: what a DROP ... CASCADE or DROP COLUMN takes is created anew', () => {
  test('DROP ... CASCADE of a function, a type, a view and a schema takes the trigger, column, view, table and index the file then makes: no findings', async () => {
    const sql = `drop function if exists f() cascade;
create function f() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_f before insert on t for each row execute function f();
drop type if exists mood cascade;
create type mood as enum ('a','b');
alter table t add column m mood;
drop view if exists v1 cascade;
create view v1 as select id from t;
create view v2 as select id from v1;
drop schema if exists s cascade;
create schema s;
create table s.x(id int);
create index x_idx on s.x(id);`;
    expect(await twice(setup, sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });

  test('rcy/mixchat 000004: DROP COLUMN takes the foreign key and the index on the column, which the file then adds again: no findings', async () => {
    const sql = `alter table results drop column if exists event_id;
alter table results add column event_id integer;
alter table results add constraint fk_results_event foreign key (event_id) references events;
create index results_event_idx on results (event_id);`;
    expect(await twice(setup, sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });

  test('DROP COLUMN takes constraints and indexes on it with other columns, in expressions, INCLUDE and WHERE; with CASCADE a view, another table’s foreign key, an exclusion’s WHERE', async () => {
    const sql = `ALTER TABLE t DROP COLUMN IF EXISTS d;
ALTER TABLE t ADD COLUMN d int;
ALTER TABLE t ADD CONSTRAINT t_order CHECK (d > id), ADD CONSTRAINT t_pair UNIQUE (id, d);
ALTER TABLE t ADD CONSTRAINT t_only EXCLUDE USING btree (d WITH =) INCLUDE (v);
CREATE INDEX t_partial ON t (id) WHERE d > 0;
CREATE INDEX t_sum ON t ((id + d));
CREATE INDEX t_covering ON t (id) INCLUDE (d);
ALTER TABLE events DROP COLUMN IF EXISTS k CASCADE;
ALTER TABLE events ADD COLUMN k int;
ALTER TABLE events ADD CONSTRAINT events_k UNIQUE (k);
ALTER TABLE results ADD CONSTRAINT results_k FOREIGN KEY (event_id) REFERENCES events (k);
CREATE VIEW event_keys AS SELECT k FROM events;
ALTER TABLE t DROP COLUMN IF EXISTS e CASCADE;
ALTER TABLE t ADD COLUMN e int;
ALTER TABLE t ADD CONSTRAINT t_e EXCLUDE USING btree (v WITH =) WHERE (e > 0);`;
    expect(await twice(setup, sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });

  test('chains: DROP TABLE ... CASCADE takes the view on it, the materialized view on that and its index; DROP SCHEMA ... CASCADE a view elsewhere on a table in it', async () => {
    const sql = `DROP TABLE IF EXISTS a CASCADE;
CREATE TABLE a (id int);
CREATE VIEW va AS SELECT id FROM a;
CREATE MATERIALIZED VIEW ma AS SELECT id FROM va;
CREATE INDEX ma_id ON ma (id);
DROP TABLE IF EXISTS ev CASCADE;
CREATE TABLE ev (id int PRIMARY KEY);
ALTER TABLE results ADD CONSTRAINT results_ev FOREIGN KEY (event_id) REFERENCES ev;
DROP SCHEMA IF EXISTS s CASCADE;
CREATE SCHEMA s;
CREATE TABLE s.x (id int);
CREATE VIEW public_x AS SELECT id FROM s.x;
CREATE TRIGGER x_quiet BEFORE UPDATE ON s.x FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();`;
    expect(await twice(setup, sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });

  test('a sequence OWNED BY a column (in CREATE SEQUENCE or ALTER SEQUENCE) goes with its table or column, CASCADE or not: no findings', async () => {
    const sql = `DROP TABLE IF EXISTS t;
CREATE TABLE t (id int);
CREATE INDEX t_idx ON t (id);
CREATE SEQUENCE t_seq OWNED BY t.id;
CREATE SEQUENCE t_other;
ALTER SEQUENCE t_other OWNED BY t.id;
ALTER TABLE results DROP COLUMN IF EXISTS n;
ALTER TABLE results ADD COLUMN n int;
CREATE SEQUENCE results_n_seq OWNED BY results.n;`;
    expect(await twice(setup, sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });

  test('DROP ... CASCADE of a function takes the views that call it and a BEGIN ATOMIC body that does, of a type the function on it; a DROP of another signature, or a body in quotes, leaves them', async () => {
    const sql = `DROP FUNCTION IF EXISTS f() CASCADE;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';
CREATE VIEW v AS SELECT f() AS x;
CREATE MATERIALIZED VIEW mv AS SELECT x FROM v WHERE f() > 0;
CREATE FUNCTION fa() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT f(); END;
DROP TYPE IF EXISTS mood CASCADE;
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE FUNCTION fm(m mood) RETURNS SETOF mood LANGUAGE sql AS 'select m';
DROP FUNCTION IF EXISTS g(int);
CREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE sql AS 'select 1';
CREATE OR REPLACE VIEW vg AS SELECT g() AS x;
CREATE OR REPLACE FUNCTION gp() RETURNS int LANGUAGE plpgsql AS 'begin return g(); end';
DROP FUNCTION IF EXISTS h();
CREATE FUNCTION h() RETURNS int LANGUAGE sql AS 'select 1';
CREATE OR REPLACE FUNCTION hp() RETURNS int LANGUAGE plpgsql AS 'begin return h(); end';
CREATE OR REPLACE FUNCTION hs() RETURNS int LANGUAGE sql AS 'select h()';`;
    expect(await twice(setup, sql)).toEqual(both(null));
    expect(await lint(sql)).toEqual([]);
  });
});

describe('non-idempotent: a DROP without CASCADE of what the file then builds on', () => {
  const bare = `drop function if exists f();
create function f() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t_f before insert on t for each row execute function f();
drop type if exists mood;
create type mood as enum ('a','b');
alter table t add column m mood;
drop view if exists v1;
create view v1 as select id from t;
create view v2 as select id from v1;
drop schema if exists s;
create schema s;
create table s.x(id int);`;

  test('the second run fails at the DROP (2BP01): the rule reports each DROP with what depends on it, not the CREATE after it', async () => {
    const drafts = await lint(bare);
    expect(drafts.map((d) => d.line)).toEqual([1, 4, 7, 10]);
    expect(drafts[0]!.message).toBe(
      'DROP FUNCTION f fails when the file runs a second time: the trigger t_f on t, which the first run created further down, depends on it (SQLSTATE 2BP01 dependent_objects_still_exist).',
    );
    expect(drafts[0]!.suggestion).toBe('Drop the trigger t_f on t before it, or add CASCADE, which drops it too, and every other object that depends on it.');
    expect(drafts[0]!.fix).toBeUndefined();
    expect(drafts.slice(1).map((d) => d.message.replace(/ fails when.*: /, ': '))).toEqual([
      'DROP TYPE mood: the column m of t, which the first run created further down, depends on it (SQLSTATE 2BP01 dependent_objects_still_exist).',
      'DROP VIEW v1: the view v2, which the first run created further down, depends on it (SQLSTATE 2BP01 dependent_objects_still_exist).',
      'DROP SCHEMA s: the table s.x, which the first run created further down, depends on it (SQLSTATE 2BP01 dependent_objects_still_exist).',
    ]);
    // Each DROP alone, with what follows it, is refused on its second run.
    const parts = bare.split('\n');
    const refusals = [];
    for (let i = 0; i < parts.length; i += 3) refusals.push(await twice(setup, parts.slice(i, i + 3).join('\n')));
    expect(refusals).toEqual(
      ['function f()', 'type mood', 'view v1', 'schema s'].map((o) => both(`cannot drop ${o} because other objects depend on it`)),
    );
  });

  test('both advised fixes run twice and lint clean: the dependent dropped before, or CASCADE', async () => {
    const first = bare
      .replace('drop function if exists f();', 'drop trigger if exists t_f on t;\ndrop function if exists f();')
      .replace('drop type if exists mood;', 'alter table t drop column if exists m;\ndrop type if exists mood;')
      .replace('drop view if exists v1;', 'drop view if exists v2;\ndrop view if exists v1;')
      .replace('drop schema if exists s;', 'drop table if exists s.x;\ndrop schema if exists s;');
    const cascade = bare.replace(/^(drop .*);$/gm, '$1 cascade;');
    for (const sql of [first, cascade]) {
      expect(await twice(setup, sql)).toEqual(both(null));
      expect(await lint(sql)).toEqual([]);
    }
  });

  test('DROP COLUMN without CASCADE under a view, a trigger’s UPDATE OF or WHEN, another table’s foreign key, an exclusion’s WHERE: refused on the second run, reported at the DROP', async () => {
    const drop = 'ALTER TABLE t DROP COLUMN IF EXISTS d;\nALTER TABLE t ADD COLUMN d int;\nCREATE INDEX t_d ON t (d);\n';
    const cases = {
      'the view t_ds': 'CREATE OR REPLACE VIEW t_ds AS SELECT d FROM t;',
      'the trigger t_of on t': 'CREATE TRIGGER t_of BEFORE UPDATE OF d ON t FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();',
      'the trigger t_when on t':
        'CREATE TRIGGER t_when BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.d > 0) EXECUTE FUNCTION suppress_redundant_updates_trigger();',
      'the constraint results_d on results':
        'ALTER TABLE t ADD CONSTRAINT t_d_key UNIQUE (d);\nALTER TABLE results ADD CONSTRAINT results_d FOREIGN KEY (event_id) REFERENCES t (d);',
      'the constraint t_v on t': 'ALTER TABLE t ADD CONSTRAINT t_v EXCLUDE USING btree (v WITH =) WHERE (d > 0);',
    };
    for (const [dependent, sql] of Object.entries(cases)) {
      expect(await twice(setup, drop + sql)).toEqual(both('cannot drop column d of table t because other objects depend on it'));
      const drafts = await lint(drop + sql);
      expect(drafts.map((d) => [d.line, d.message.replace(/, which.*/, '')])).toEqual([[1, `DROP COLUMN d fails when the file runs a second time: ${dependent}`]]);
    }
  });
});

describe('non-idempotent: a DROP without CASCADE of a function, table or type that a view, default, CHECK, inline foreign key or function uses', () => {
  const fn = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';";
  const parent = 'CREATE TABLE parent (id int PRIMARY KEY);';
  const mood = "CREATE TYPE mood AS ENUM ('a', 'b');";
  // The file, what the server says on its second run, and what the rule says at line 1.
  const cases: Array<[string, string, string]> = [
    [`DROP FUNCTION IF EXISTS f();\n${fn}\nCREATE VIEW v AS SELECT f() AS x;`, 'function f()', 'DROP FUNCTION f fails when the file runs a second time: the view v'],
    [
      "DROP FUNCTION IF EXISTS f(int);\nCREATE FUNCTION f(int) RETURNS int LANGUAGE sql AS 'select $1';\nCREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT f(1) AS x;",
      'function f(integer)',
      'DROP FUNCTION f fails when the file runs a second time: the materialized view mv',
    ],
    [
      `DROP FUNCTION IF EXISTS f();\n${fn}\nCREATE TABLE IF NOT EXISTS d (x int DEFAULT f(), y int CHECK (f() > y));`,
      'function f()',
      'DROP FUNCTION f fails when the file runs a second time: the default of the column x of d and the constraint d_y_check on d',
    ],
    [
      `DROP FUNCTION IF EXISTS f();\n${fn}\nCREATE OR REPLACE FUNCTION fa() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT f(); END;`,
      'function f()',
      'DROP FUNCTION f fails when the file runs a second time: the function fa',
    ],
    [
      `DROP TABLE IF EXISTS parent;\n${parent}\nCREATE TABLE IF NOT EXISTS child (id int, pid int REFERENCES parent(id));`,
      'table parent',
      'DROP TABLE parent fails when the file runs a second time: the constraint child_pid_fkey on child',
    ],
    [
      `DROP TABLE IF EXISTS parent;\n${parent}\nCREATE TABLE IF NOT EXISTS child (pid int, CONSTRAINT child_parent FOREIGN KEY (pid) REFERENCES parent);`,
      'table parent',
      'DROP TABLE parent fails when the file runs a second time: the constraint child_parent on child',
    ],
    [
      `DROP TABLE IF EXISTS parent;\n${parent}\nALTER TABLE results ADD COLUMN IF NOT EXISTS pid int REFERENCES parent;`,
      'table parent',
      'DROP TABLE parent fails when the file runs a second time: the constraint results_pid_fkey on results',
    ],
    [
      `DROP TYPE IF EXISTS mood;\n${mood}\nCREATE OR REPLACE FUNCTION fm(m mood) RETURNS int LANGUAGE sql AS 'select 1';`,
      'type mood',
      'DROP TYPE mood fails when the file runs a second time: the function fm',
    ],
    [
      `DROP TYPE IF EXISTS mood;\n${mood}\nCREATE OR REPLACE FUNCTION fm() RETURNS SETOF mood LANGUAGE sql AS 'select null::mood';`,
      'type mood',
      'DROP TYPE mood fails when the file runs a second time: the function fm',
    ],
    [`DROP TYPE IF EXISTS mood;\n${mood}\nCREATE TABLE IF NOT EXISTS x (m mood);`, 'type mood', 'DROP TYPE mood fails when the file runs a second time: the column m of x'],
  ];

  test('the second run fails at the DROP (2BP01): the rule reports the DROP with the part that depends on it', async () => {
    for (const [sql, object, finding] of cases) {
      expect(await twice(setup, sql)).toEqual(both(`cannot drop ${object} because other objects depend on it`));
      const drafts = await lint(sql);
      expect(drafts.map((d) => [d.line, d.message.replace(/, which.*/, '')])).toEqual([[1, finding]]);
    }
  });

  test('the advice is right: dropping what it names before the DROP, or CASCADE, runs twice', async () => {
    const drafts = await lint(cases[2]![0]);
    expect(drafts[0]!.suggestion).toBe(
      'Drop the default of the column x of d and the constraint d_y_check on d before it, or add CASCADE, which drops them too, and every other object that depends on it.',
    );
    const first = `ALTER TABLE IF EXISTS d ALTER COLUMN x DROP DEFAULT;\nALTER TABLE IF EXISTS d DROP CONSTRAINT IF EXISTS d_y_check;\n${cases[2]![0]}`;
    expect(await twice(setup, first)).toEqual(both(null));
    expect(await lint(first)).toEqual([]);
    for (const [sql] of cases) expect(await twice(setup, sql.replace(/^(DROP .*);/, '$1 CASCADE;'))).toEqual(both(null));
  });
});

describe('non-idempotent: what a DROP leaves is still reported', () => {
  test('a sequence’s column default, a table with a column of the type, a function of other arguments, a table made AS SELECT, an index on another column, a sequence not owned, a table whose foreign key, default or CHECK CASCADE took', async () => {
    const cases: Array<[string, string, string]> = [
      [
        "drop sequence if exists sq cascade;\ncreate sequence sq;\nalter table t add column n int default nextval('sq');",
        'column "n" of relation "t" already exists',
        'ADD COLUMN n fails',
      ],
      ["drop type if exists mood cascade;\ncreate type mood as enum ('a');\ncreate table x (m mood);", 'relation "x" already exists', 'CREATE TABLE x fails'],
      [
        'drop function if exists f(int) cascade;\ncreate or replace function f() returns trigger language plpgsql as $$ begin return new; end $$;\n' +
          'create trigger t_f before insert on t for each row execute function f();',
        'trigger "t_f" for relation "t" already exists',
        'CREATE TRIGGER t_f fails',
      ],
      [
        'drop view if exists v1 cascade;\ncreate view v1 as select id from t;\ncreate table snap as select id from v1;',
        'relation "snap" already exists',
        'CREATE TABLE snap fails',
      ],
      ['alter table t drop column if exists d;\nalter table t add column d int;\ncreate index t_v on t (v);', 'relation "t_v" already exists', 'CREATE INDEX t_v fails'],
      ['drop table if exists t;\ncreate table t (id int);\ncreate sequence t_seq;', 'relation "t_seq" already exists', 'CREATE SEQUENCE t_seq fails'],
      [
        'drop table if exists parent cascade;\ncreate table parent (id int primary key);\ncreate table child (id int, pid int references parent (id));',
        'relation "child" already exists',
        'CREATE TABLE child fails',
      ],
      [
        "drop function if exists f() cascade;\ncreate function f() returns int language sql as 'select 1';\ncreate table d (x int default f() check (x > f()));",
        'relation "d" already exists',
        'CREATE TABLE d fails',
      ],
    ];
    for (const [sql, server, finding] of cases) {
      expect(await twice(setup, sql)).toEqual(both(server));
      expect((await lint(sql)).map((d) => [d.line, d.message.slice(0, finding.length)])).toEqual([[3, finding]]);
    }
  });
});

describe('non-idempotent: a DROP of what the file makes, and a DROP further down takes with it', () => {
  // [what an earlier migration made, the file, what its second run fails with, the DROP the rule finds at line 2]
  const cases: Array<[string, string, string, string]> = [
    [
      'CREATE TABLE old (a int); CREATE INDEX i ON old (a);',
      'CREATE TABLE x (a int);\nDROP INDEX i;\nCREATE INDEX i ON x (a);\nDROP TABLE x;',
      'index "i" does not exist',
      'DROP INDEX i',
    ],
    [
      'CREATE TABLE x (a int); CREATE TRIGGER tr BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();',
      'CREATE TABLE IF NOT EXISTS x (a int);\nDROP TRIGGER tr ON x;\nCREATE TRIGGER tr BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();\nDROP TABLE x;',
      'trigger "tr" for table "x" does not exist',
      'DROP TRIGGER tr ON x',
    ],
    [
      'CREATE TABLE x (a int); CREATE POLICY p ON x USING (true);',
      'CREATE TABLE IF NOT EXISTS x (a int);\nDROP POLICY p ON x;\nCREATE POLICY p ON x USING (a > 0);\nDROP TABLE x;',
      'policy "p" for table "x" does not exist',
      'DROP POLICY p ON x',
    ],
    [
      'CREATE TABLE x (a int); CREATE RULE r AS ON DELETE TO x DO INSTEAD NOTHING;',
      'CREATE TABLE IF NOT EXISTS x (a int);\nDROP RULE r ON x;\nCREATE RULE r AS ON DELETE TO x DO INSTEAD NOTHING;\nDROP TABLE x;',
      'rule "r" for relation "x" does not exist',
      'DROP RULE r ON x',
    ],
    ['CREATE SEQUENCE sq;', 'CREATE TABLE x (a int);\nDROP SEQUENCE sq;\nCREATE SEQUENCE sq OWNED BY x.a;\nDROP TABLE x;', 'sequence "sq" does not exist', 'DROP SEQUENCE sq'],
    [
      'CREATE SCHEMA s; CREATE TABLE s.x (id int);',
      'CREATE SCHEMA IF NOT EXISTS s;\nDROP TABLE s.x;\nCREATE TABLE s.x (id int);\nDROP SCHEMA s CASCADE;',
      'table "x" does not exist',
      'DROP TABLE s.x',
    ],
    [
      "CREATE TYPE mood AS ENUM ('a'); CREATE FUNCTION fm(m mood) RETURNS int LANGUAGE sql AS 'select 1';",
      "DO $$ BEGIN CREATE TYPE mood AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;\nDROP FUNCTION fm(mood);\n" +
        "CREATE FUNCTION fm(m mood) RETURNS int LANGUAGE sql AS 'select 1';\nDROP TYPE mood CASCADE;",
      'function fm(mood) does not exist',
      'DROP FUNCTION fm',
    ],
    [
      'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE u (x int, CONSTRAINT u_fk FOREIGN KEY (x) REFERENCES p (id));',
      'CREATE TABLE IF NOT EXISTS p (id int PRIMARY KEY);\nALTER TABLE u DROP CONSTRAINT u_fk;\nALTER TABLE u ADD CONSTRAINT u_fk FOREIGN KEY (x) REFERENCES p (id);\nDROP TABLE p CASCADE;',
      'constraint "u_fk" of relation "u" does not exist',
      'DROP CONSTRAINT u_fk',
    ],
    [
      'CREATE TABLE x (a int); CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; ' +
        'CREATE TRIGGER tr BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();',
      'CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nDROP TRIGGER tr ON x;\n' +
        'CREATE TRIGGER tr BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();\nDROP FUNCTION f() CASCADE;',
      'trigger "tr" for table "x" does not exist',
      'DROP TRIGGER tr ON x',
    ],
  ];

  test('the second run fails at line 2 (the DROP further down took the object): a finding there, and with IF EXISTS the file runs twice', async () => {
    for (const [setup, sql, server, drop] of cases) {
      expect(await twice(setup, sql)).toEqual(both(server));
      const drafts = await lint(sql);
      expect(drafts.map((d) => [d.line, d.message.slice(0, d.message.indexOf(' fails'))])).toEqual([[2, drop]]);
      expect(drafts[0]!.message).toMatch(/: the [\w ]+ is already gone \(SQLSTATE /);
      const fixed = applyFixes(sql, drafts);
      expect(fixed.split('\n')[1]).toMatch(/ IF EXISTS /);
      expect(await twice(setup, fixed)).toEqual(both(null));
      expect(await lint(fixed)).toEqual([]);
    }
  });

  test('a guarded CREATE in between of what the DROP further down drops (CREATE TABLE IF NOT EXISTS, OR REPLACE, ADD COLUMN IF NOT EXISTS) leaves what depends on it: the finding stays', async () => {
    const trigger = 'CREATE TRIGGER tr BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();';
    const tg = (body: string) => `CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NEW; END $$;`;
    // [what an earlier migration made, the file, what its second run fails with, the DROP the rule finds at line 2]
    const kept: Array<[string, string, string, string]> = [
      [
        `CREATE TABLE x (a int); ${trigger}`,
        `CREATE TABLE IF NOT EXISTS x (a int);\nDROP TRIGGER tr ON x;\n${trigger}\nCREATE TABLE IF NOT EXISTS x (a int);\nALTER TABLE x ADD COLUMN IF NOT EXISTS note text;\nDROP TABLE x;`,
        'trigger "tr" for table "x" does not exist',
        'DROP TRIGGER tr ON x',
      ],
      [
        `CREATE TABLE x (a int); ${tg('')} CREATE TRIGGER tr BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();`,
        `${tg('')}\nDROP TRIGGER tr ON x;\nCREATE TRIGGER tr BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();\n${tg('NEW.a := 1;')}\nDROP FUNCTION f() CASCADE;`,
        'trigger "tr" for table "x" does not exist',
        'DROP TRIGGER tr ON x',
      ],
      [
        'CREATE TABLE x (a int, c int); CREATE INDEX i ON x (c);',
        'ALTER TABLE x ADD COLUMN IF NOT EXISTS c int;\nDROP INDEX i;\nCREATE INDEX i ON x (c);\nALTER TABLE x ADD COLUMN IF NOT EXISTS c int, ADD COLUMN IF NOT EXISTS note text;\nALTER TABLE x DROP COLUMN c;',
        'index "i" does not exist',
        'DROP INDEX i',
      ],
    ];
    for (const [setup, sql, server, drop] of kept) {
      expect(await twice(setup, sql)).toEqual(both(server));
      const drafts = await lint(sql);
      expect(drafts.map((d) => [d.line, d.message.slice(0, d.message.indexOf(' fails'))])).toEqual([[2, drop]]);
      const fixed = applyFixes(sql, drafts);
      expect(await twice(setup, fixed)).toEqual(both(null));
      expect(await lint(fixed)).toEqual([]);
    }
  });

  test('where the second run finds the object there (made again first, or on a table renamed away before the DROP), and what is made on a table dropped at the end: no findings', async () => {
    const index = 'CREATE TABLE old (a int); CREATE INDEX i ON old (a);';
    const quiet: Array<[string, string]> = [
      [index, 'CREATE TABLE IF NOT EXISTS x (a int);\nCREATE INDEX IF NOT EXISTS i ON x (a);\nDROP INDEX i;\nCREATE INDEX i ON x (a);\nDROP TABLE x;'],
      [index, 'DROP INDEX i;\nDROP TABLE IF EXISTS x;\nCREATE TABLE x (a int);\nCREATE INDEX i ON x (a);'],
      [index, 'CREATE TABLE x (a int);\nDROP INDEX i;\nCREATE INDEX i ON x (a);\nDROP TABLE IF EXISTS y;\nALTER TABLE x RENAME TO y;\nCREATE TABLE x (a int);\nDROP TABLE x;'],
      [
        'SELECT 1',
        'CREATE TABLE IF NOT EXISTS x (a int);\nCREATE INDEX i ON x (a);\n' +
          'CREATE TRIGGER tr BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();\nCREATE POLICY p ON x USING (true);\nDROP TABLE x;',
      ],
    ];
    for (const [setup, sql] of quiet) {
      expect(await twice(setup, sql)).toEqual(both(null));
      expect(await lint(sql)).toEqual([]);
    }
  });
});
