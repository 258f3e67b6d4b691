// sql/ast: names, quoting, the scanner's character offsets and DO block bodies, on the real parser.

import { doBodyStatements, formatName, parseOne, quoteIdent, rangeVarName, sameName, sameTree, scanTokens } from '../../src/sql/ast.js';
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
    // No keyword holds a digit or `$`; a keyword with an underscore is still asked of the scanner.
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
});
