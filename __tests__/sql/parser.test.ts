import { CHUNK_CHARS, loadParser, parseSql } from '../../src/sql/parser.js';
import { topLevelSemicolons } from '../../src/sql/split.js';

beforeAll(() => loadParser());

test('statements carry character spans and positions, also after multi-byte text', () => {
  const sql = "-- héllo wörld\ninsert into t values ('ünïcode');\n/* c */ create table x (id int);\n";
  const { statements, error } = parseSql(sql);
  expect(error).toBeNull();
  expect(statements.map((s) => [s.kind, s.line, s.column, s.text])).toEqual([
    ['InsertStmt', 2, 1, "insert into t values ('ünïcode')"],
    ['CreateStmt', 3, 9, 'create table x (id int)'],
  ]);
  expect(statements[1]!.leading).toBe('\n/* c */ ');
});

test('a statement ends at its last token: comments before its `;`, or after a last statement without one, are not its text', () => {
  const sql = "insert into t values ('ü') -- the first row\n;\ncreate table x (id int) -- the table, ünïcode\n/* end\n of file */\n";
  const { statements } = parseSql(sql);
  expect(statements.map((s) => [s.text, s.line, s.endLine])).toEqual([
    ["insert into t values ('ü')", 1, 1],
    ['create table x (id int)', 3, 3],
  ]);
  expect(sql.slice(statements[1]!.start, statements[1]!.end)).toBe('create table x (id int)');
  // A `--` in a string is no comment.
  expect(parseSql("select '--x'").statements[0]!.text).toBe("select '--x'");
});

test('a syntax error has the line and column of the offending token', () => {
  const { error } = parseSql('create table a (id int);\n\ncreate tabel b (id int);\n');
  expect(error).toMatchObject({ line: 3, column: 8, message: 'syntax error at or near "tabel"' });
});

test('the lexical splitter ignores semicolons in strings, dollar quotes, identifiers and comments', () => {
  const sql = "select ';';\ncreate function f() returns int as $body$ begin return 1; end $body$ language plpgsql;\n-- ; \nselect \"a;b\" /* ; */ from t;";
  expect(topLevelSemicolons(sql).map((i) => sql.slice(0, i).split('\n').length)).toEqual([1, 2, 4]);
});

test('a 50 MB file parses in chunks (one WASM call would exhaust its heap) with positions intact', () => {
  const row = `insert into blobs (body) values ('${'x'.repeat(100_000)}');\n`;
  const count = Math.ceil((50 * 1024 * 1024) / row.length);
  const sql = row.repeat(count);
  expect(sql.length).toBeGreaterThan(Math.max(50 * 1024 * 1024, CHUNK_CHARS * 10));
  const { statements, error } = parseSql(sql);
  expect(error).toBeNull();
  expect(statements).toHaveLength(count);
  expect(statements[count - 1]!).toMatchObject({ line: count, column: 1, kind: 'InsertStmt' });
  expect(parseSql(sql + 'selec 1;\n').error).toMatchObject({ line: count + 1, column: 1, message: 'syntax error at or near "selec"' });
}, 120_000);
