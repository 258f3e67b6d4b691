// Statements nested as deep as PostgreSQL takes them (an expression of thousands of terms, a long chain of UNIONs or
// JOINs, a DO block's nested IFs) lint as their shallow twins do: the rules read them without recursion. Deeper than
// the parser goes, the file gets PostgreSQL's own error, "stack depth limit exceeded", at that statement's line.

import type { Draft } from '../../src/report/finding.js';
import { syntaxError } from '../../src/rules/syntax-error.js';
import { loadParser, parseSql } from '../../src/sql/parser.js';
import { engineDrafts, lintFile } from '../support/lint-file.js';

beforeAll(loadParser);

/** Checked on PostgreSQL 15: it takes each shape below at this depth, some not at 5,000 ("stack depth limit exceeded"). */
const DEEP = 3_000;

const terms = (n: number, term: (i: number) => string, op: string) => Array.from({ length: n }, (_, i) => term(i)).join(op);
const ones = (n: number) => terms(n, () => '1', '+');
const joins = (n: number) => `FROM t t0 ${terms(n - 1, (i) => `JOIN t t${i + 1} ON true`, ' ')}`;
const ENUM = "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE t (m mood, a int, s text);\nALTER TYPE mood ADD VALUE 'b';\n";

/** Each shape at depth n, with the finding a user gets on it (its line and how its message starts). */
const SHAPES: Array<{ shape: string; sql: (n: number) => string; finding: [number, RegExp]; depth?: number }> = [
  { shape: "a view of 'l0' || 'l1' || ...", sql: (n) => `CREATE VIEW v AS SELECT ${terms(n, (i) => `'l${i}'`, ' || ')} AS doc;`, finding: [1, /^CREATE VIEW v fails/] },
  { shape: 'a view of 1+1+...', sql: (n) => `CREATE VIEW v AS SELECT ${ones(n)} AS x;`, finding: [1, /^CREATE VIEW v fails/] },
  { shape: 'a BEGIN ATOMIC body', sql: (n) => `CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT ${ones(n)}; END;`, finding: [1, /^CREATE FUNCTION f fails/] },
  { shape: 'INSERT ... SELECT 1+1+...', sql: (n) => `CREATE TABLE t (a int);\nINSERT INTO t SELECT ${ones(n)};`, finding: [2, /^INSERT INTO t applies twice/] },
  {
    shape: 'INSERT ... VALUES (gen_random_uuid()::text || 1 || ...) on a key it fills',
    sql: (n) => `CREATE TABLE t (id text PRIMARY KEY);\nINSERT INTO t VALUES (gen_random_uuid()::text${' || 1'.repeat(n)}) ON CONFLICT DO NOTHING;`,
    finding: [2, /^INSERT INTO t applies twice/],
  },
  {
    shape: 'a CHECK of a+1+... on a table an INSERT fills',
    sql: (n) => `CREATE TABLE t (id int PRIMARY KEY, a int CHECK (a${'+1'.repeat(n)} > 0));\nINSERT INTO t VALUES (1, 1) ON CONFLICT (id) DO NOTHING;\nALTER TABLE t DROP CONSTRAINT t_a_check;`,
    finding: [3, /^DROP CONSTRAINT t_a_check fails/],
  },
  { shape: 'a chain of JOINs', sql: (n) => `CREATE TABLE t (a int);\nCREATE VIEW v AS SELECT t0.a ${joins(n)};`, finding: [2, /^CREATE VIEW v fails/] },
  { shape: 'UPDATE ... SET a = a+1+...', sql: (n) => `CREATE TABLE t (a int);\nUPDATE t SET a = a${'+1'.repeat(n)};`, finding: [2, /^UPDATE t applies twice .*: a is computed from itself/] },
  { shape: "UPDATE ... SET a = a || 'x' || ...", sql: (n) => `CREATE TABLE t (a text);\nUPDATE t SET a = a${" || 'x'".repeat(n)};`, finding: [2, /^UPDATE t applies twice/] },
  {
    shape: 'a view of a chain of 5,000 UNION ALLs',
    sql: (n) => `CREATE VIEW v AS ${terms(n, (i) => `SELECT ${i} AS x`, ' UNION ALL ')};`,
    finding: [1, /^CREATE VIEW v fails/],
    depth: 5_000,
  },
  {
    shape: 'a view over a table and a function the file drops further down',
    sql: (n) => `CREATE TABLE t (a int);\nCREATE FUNCTION g() RETURNS int LANGUAGE sql RETURN 1;\nCREATE VIEW v AS SELECT a${'+g()'.repeat(n)} AS x FROM t;\nDROP TABLE t;\nDROP FUNCTION g();`,
    finding: [3, /^CREATE VIEW v fails/],
  },
  // With ALTER TYPE ... ADD VALUE, transaction-unsafe types every literal of the statements after it.
  { shape: "UPDATE ... a+1+... WHERE m = 'b' after ADD VALUE 'b'", sql: (n) => `${ENUM}UPDATE t SET a = a${'+1'.repeat(n)} WHERE m = 'b';`, finding: [4, /^'b' is the mood value that ALTER TYPE/] },
  {
    shape: "a view of || ... WHERE m = 'b' after ADD VALUE 'b'",
    sql: (n) => `${ENUM}CREATE VIEW v AS SELECT ${terms(n, (i) => `'l${i}'`, ' || ')} AS d FROM t WHERE m = 'b';`,
    finding: [4, /^'b' is the mood value that ALTER TYPE/],
  },
  {
    shape: "a chain of 2,000 JOINs WHERE t0.m = 'b' after ADD VALUE 'b' (3,000 run PostgreSQL out of memory)",
    sql: (n) => `${ENUM}CREATE VIEW v AS SELECT t0.a ${joins(n)} WHERE t0.m = 'b';`,
    finding: [4, /^'b' is the mood value that ALTER TYPE/],
    depth: 2_000,
  },
  {
    shape: "INSERT ... SELECT 'b'::mood UNION ALL ... 5,000 times after ADD VALUE 'b'",
    sql: (n) => `${ENUM}INSERT INTO t (m) ${terms(n, () => "SELECT 'b'::mood", ' UNION ALL ')};`,
    finding: [4, /^'b' is the mood value that ALTER TYPE/],
    depth: 5_000,
  },
  {
    shape: "a DO block assigning 1+1+... before it sets 'b', after ADD VALUE 'b'",
    sql: (n) => `${ENUM}DO $$\nDECLARE x int;\nBEGIN\nx := ${ones(n)};\nUPDATE t SET m = 'b';\nEND $$;`,
    finding: [4, /^'b' is the mood value that ALTER TYPE/],
  },
];

/** What a user reads of each finding: where it is, the rule, the message (up to a statement it quotes) and whether it comes with a fix. */
const seen = (drafts: Draft[]) => drafts.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message.split('`')[0]}${d.fix ? ' [fix]' : ''}`);

describe('a statement nested as deep as PostgreSQL takes it', () => {
  test.each(SHAPES)('$shape: the findings of its shallow twin', async ({ sql, finding: [line, message], depth = DEEP }) => {
    const deep = await engineDrafts(sql(depth));
    expect(deep).toContainEqual(expect.objectContaining({ line, message: expect.stringMatching(message) }));
    expect(seen(deep)).toEqual(seen(await engineDrafts(sql(3))));
  });

  test("a DO block's 2,000 nested BEGIN blocks (PostgreSQL refuses 3,000): the CREATE TABLE in the innermost is found at its own line", async () => {
    const sql = `DO $$\n${'BEGIN\n'.repeat(2_000)}CREATE TABLE t (id int);\n${'END;\n'.repeat(2_000)}$$;`;
    expect(seen(await engineDrafts(sql))).toEqual(['2002:1 non-idempotent CREATE TABLE t fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table). [fix]']);
  });

  test("a DO block's 2,000 nested IFs (PostgreSQL refuses 5,000): the value ADD VALUE adds, used in the innermost, is found there", async () => {
    const sql = `${ENUM}DO $$\nBEGIN\n${'IF true THEN\n'.repeat(2_000)}UPDATE t SET m = 'b';\n${'END IF;\n'.repeat(2_000)}END $$;`;
    const drafts = await engineDrafts(sql);
    expect(drafts).toContainEqual(expect.objectContaining({ rule: 'transaction-unsafe', line: 4, message: expect.stringMatching(/^If this branch runs, 'b' in it is the mood value/) }));
  });

  test('CREATE VIEW made again after a DROP: OR REPLACE where the later one is the same to the last term, DROP first where that term differs', async () => {
    const made = (last: string) => `CREATE VIEW v AS SELECT ${ones(DEEP)} AS x;\nDROP VIEW v;\nCREATE VIEW v AS SELECT ${ones(DEEP - 1)}+${last} AS x;`;
    const [same] = await engineDrafts(made('1'));
    expect(same).toMatchObject({ line: 1, suggestion: expect.stringMatching(/^Write `CREATE OR REPLACE VIEW v AS SELECT 1\+1\+/) });
    expect(same!.fix!.replacement).toMatch(/^CREATE OR REPLACE VIEW v AS SELECT 1\+1\+.*\+1 AS x;$/);
    const [other] = await engineDrafts(made('2'));
    expect(other).toMatchObject({ line: 1, message: expect.stringMatching(/further down made it again after the file dropped it/), suggestion: 'Put `DROP VIEW IF EXISTS v;` before it.' });
  });
});

describe('a statement nested deeper than the parser goes', () => {
  const STACK = 'stack depth limit exceeded: PostgreSQL refuses a statement nested this deep (split it into smaller statements)';
  const tooDeep = `UPDATE t SET a = a${'+1'.repeat(100_000)};`;

  test("is a syntax error in PostgreSQL's words at its own line, not at the top of the file", async () => {
    const sql = `CREATE TABLE t (a int);\n\n  ${tooDeep}\nSELECT 1;\n`;
    expect(parseSql(sql).error).toEqual({ message: STACK, offset: sql.indexOf('UPDATE'), line: 3, column: 3 });
    expect(await lintFile(syntaxError, sql)).toEqual([expect.objectContaining({ rule: 'syntax-error', line: 3, column: 3, message: `Syntax error: ${STACK}.` })]);
  });

  test('in a BEGIN ATOMIC body, whose semicolons do not end the statement: at the CREATE FUNCTION', () => {
    const sql = `CREATE TABLE t (a int);\nCREATE FUNCTION f() RETURNS void LANGUAGE sql BEGIN ATOMIC SELECT 1; ${tooDeep} END;\n`;
    expect(parseSql(sql).error).toMatchObject({ message: STACK, line: 2, column: 1 });
  });
});
