// sql/ast: names, quoting, the scanner's character offsets and DO block bodies, on the real parser.

import { doBodyQueries, doBodyStatements, formatName, parseOne, quoteIdent, rangeVarName, sameName, sameTree, scanTokens } from '../../src/sql/ast.js';
import { loadParser } from '../../src/sql/parser.js';

beforeAll(loadParser);

describe('sql/ast', () => {
  test('quoteIdent quotes exactly what SQL needs quoted', () => {
    expect(quoteIdent('faqs')).toBe('faqs');
    expect(quoteIdent('data')).toBe('data'); // unreserved keyword
    expect(quoteIdent('user')).toBe('"user"'); // reserved
    expect(quoteIdent('Users can view own')).toBe('"Users can view own"');
    expect(quoteIdent('Order')).toBe('"Order"');
    expect(quoteIdent('say "hi"')).toBe('"say ""hi"""');
    // No keyword holds a digit or `$`; one with an underscore (current_user) needs quotes all the same.
    expect(quoteIdent('user_2')).toBe('user_2');
    expect(quoteIdent('tally$1')).toBe('tally$1');
    expect(quoteIdent('2fa')).toBe('"2fa"');
    expect(quoteIdent('current_user')).toBe('"current_user"');
    expect(quoteIdent('session_id')).toBe('session_id');
    expect(formatName({ schema: 'public', name: 'Order' })).toBe('public."Order"');
  });

  test('names from parse nodes, compared leniently over a missing schema', () => {
    const [, node] = parseOne('CREATE TABLE "Auth".Users (id int)')!;
    const name = rangeVarName(node.relation);
    expect(name).toEqual({ schema: 'Auth', name: 'users' });
    expect(sameName(name, { name: 'users' })).toBe(true);
    expect(sameName(name, { schema: 'public', name: 'users' })).toBe(false);
  });

  test('scanTokens gives character offsets past multi-byte text, without comments', () => {
    const text = "SELECT 'café' /* ñ */, 常见 AS x";
    const tokens = scanTokens(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['SELECT', "'café'", ',', '常见', 'AS', 'x']);
    expect(tokens.map((t) => t.keyword)).toEqual(['SELECT', null, null, null, 'AS', null]);
  });

  test('sameTree ignores positions and the named fields only', () => {
    const a = parseOne('CREATE INDEX i ON t (a)')![1];
    const b = parseOne('CREATE INDEX IF NOT EXISTS i ON t (a)')![1];
    expect(sameTree(a, b)).toBe(false);
    expect(sameTree(a, b, new Set(['if_not_exists']))).toBe(true);
    expect(sameTree(a, parseOne('CREATE INDEX IF NOT EXISTS i ON t (b)')![1], new Set(['if_not_exists']))).toBe(false);
  });

  test('doBodyStatements: statements with their offsets, handlers and IF branches', () => {
    const text = `DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('ok');
  END IF;
  BEGIN
    ALTER TABLE t ADD COLUMN c int;
  EXCEPTION WHEN duplicate_column OR SQLSTATE '42P07' THEN NULL;
  END;
  EXECUTE 'DROP TABLE x';
  CREATE TABLE y (id int);
END $$`;
    const node = parseOne(text)![1];
    const stmts = doBodyStatements(text, node);
    expect(stmts.map((s) => [s.text, s.handlers, s.conditional])).toEqual([
      ["CREATE TYPE mood AS ENUM ('ok')", [], true],
      ['ALTER TABLE t ADD COLUMN c int', ['duplicate_column', '42p07'], false],
      ['CREATE TABLE y (id int)', [], false],
    ]);
    for (const s of stmts) expect(text.slice(s.offset, s.offset + s.text.length)).toBe(s.text);
    const sql = "DO LANGUAGE plv8 $$ plv8.execute('CREATE TABLE z ()') $$";
    expect(doBodyStatements(sql, parseOne(sql)![1])).toEqual([]);
  });

  test('doBodyStatements: what follows a RETURN or RAISE EXCEPTION every run meets is never reached; EXIT, loops and handlers go on', () => {
    const never = (body: string) => {
      const text = `DO $$ ${body} $$`;
      return doBodyStatements(text, parseOne(text)![1]).map((s) => [s.text, s.never]);
    };
    expect(never('BEGIN CREATE TABLE a (); RETURN; CREATE TABLE b (); END')).toEqual([['CREATE TABLE a ()', false], ['CREATE TABLE b ()', true]]);
    expect(never("BEGIN BEGIN RAISE 'x'; END; CREATE TABLE b (); END")).toEqual([['CREATE TABLE b ()', true]]);
    expect(never("BEGIN IF random() > 0.5 THEN RETURN; ELSIF true THEN RAISE EXCEPTION 'x'; END IF; CREATE TABLE b (); END")).toEqual([['CREATE TABLE b ()', true]]);
    // A NOTICE goes on; an IF without ELSE, a loop (EXIT leaves it), a block a handler catches or a labelled block EXIT leaves may fall through.
    for (const body of [
      "BEGIN RAISE NOTICE 'x'; CREATE TABLE b (); END",
      'BEGIN IF random() > 0.5 THEN RETURN; END IF; CREATE TABLE b (); END',
      'BEGIN LOOP EXIT; RETURN; END LOOP; CREATE TABLE b (); END',
      "BEGIN BEGIN RAISE 'x'; EXCEPTION WHEN others THEN NULL; END; CREATE TABLE b (); END",
      'BEGIN <<l>> BEGIN EXIT l; RETURN; END; CREATE TABLE b (); END',
    ]) {
      expect([body, never(body)]).toEqual([body, [['CREATE TABLE b ()', false]]]);
    }
  });

  const moodBlock = `DO $$
DECLARE
  v mood := 'a';
  n int;
BEGIN
  v := 'b';
  IF v = 'c' THEN RAISE NOTICE '%', n; END IF;
  BEGIN
    UPDATE t SET m = v;
  EXCEPTION WHEN others THEN PERFORM 1;
  END;
END $$`;

  test('doBodyQueries: expressions as the SELECT PL/pgSQL runs, variables as NULLs of their types, assigned values cast to them', () => {
    const text = moodBlock;
    const queries = doBodyQueries(text, parseOne(text)![1]);
    const expected: Array<[string, boolean]> = [
      ["SELECT CAST('a' AS mood)", false],
      ["SELECT CAST('b' AS mood)", false],
      ["SELECT CAST(NULL AS mood) = 'c'", false],
      ['SELECT CAST(NULL AS int)', true],
      ['UPDATE t SET m = CAST(NULL AS mood)', false],
      ['SELECT 1', true],
    ];
    expect(queries).toHaveLength(expected.length);
    queries.forEach((q, i) => expect([i, sameTree(q.parsed, parseOne(expected[i]![0])), q.conditional]).toEqual([i, true, expected[i]![1]]));
    // The statements stay as written, and a handler's are not among them.
    expect(doBodyStatements(text, parseOne(text)![1]).map((s) => s.text)).toEqual(['UPDATE t SET m = v']);
  });

  test('doBodyQueries after doBodyStatements of the same block, which it takes the PL/pgSQL parse from, reads what a read with queries alone does', () => {
    const node = parseOne(moodBlock)![1];
    const statements = doBodyStatements(moodBlock, node);
    const queries = doBodyQueries(moodBlock, node);
    expect(queries).toEqual(doBodyQueries(moodBlock, parseOne(moodBlock)![1]));
    expect(queries.map((q) => q.text)).toEqual(["'a'", "v := 'b'", "v = 'c'", 'n', 'UPDATE t SET m = v', 'SELECT 1']);
    expect(doBodyStatements(moodBlock, node)).toEqual(statements);
  });
});
