// Inline COPY data (pg_dump's `COPY ... FROM stdin;` rows up to `\.`): not SQL, and every position after it exact.

import { CHUNK_CHARS, loadParser, parseSql } from '../../src/sql/parser.js';
import { fillPlaceholders, placeholderRegex } from '../../src/sql/placeholders.js';

beforeAll(() => loadParser());

const DUMP = [
  'CREATE TABLE IF NOT EXISTS t (id int primary key, name text);',
  'COPY public.t (id, name) FROM stdin;',
  "1\tit's; -- not a comment",
  '2\t/* nor this */ $$ ${x} "',
  '\\.',
  '',
  'CREATE INDEX IF NOT EXISTS t_name ON t (name);',
].join('\n');

test('the rows after COPY ... FROM stdin are not SQL; the statements after them keep their line and column', () => {
  const { statements, error } = parseSql(DUMP);
  expect(error).toBeNull();
  expect(statements.map((s) => [s.kind, s.line, s.column, s.text])).toEqual([
    ['CreateStmt', 1, 1, 'CREATE TABLE IF NOT EXISTS t (id int primary key, name text)'],
    ['CopyStmt', 2, 1, 'COPY public.t (id, name) FROM stdin'],
    ['IndexStmt', 7, 1, 'CREATE INDEX IF NOT EXISTS t_name ON t (name)'],
  ]);
  const copy = statements[1]!.copy!;
  expect(DUMP.slice(copy.start, copy.end)).toBe("1\tit's; -- not a comment\n2\t/* nor this */ $$ ${x} \"\n");
  expect(DUMP.slice(copy.stdin, copy.stdin + 5)).toBe('stdin');
  // The next statement's leading text holds no row: a row cannot pass for a directive or a comment.
  expect(statements[2]!.leading.trim()).toBe('');
});

test('rows run to the end of the file without `\\.`, as psql reads them; a syntax error after a COPY is still placed exactly', () => {
  const sql = 'COPY t FROM STDIN WITH (FORMAT csv);\n1,"a;b\n-- c"\n2,x\n';
  const { statements, error } = parseSql(sql);
  expect(error).toBeNull();
  expect(statements).toHaveLength(1);
  expect(sql.slice(statements[0]!.copy!.start, statements[0]!.copy!.end)).toBe('1,"a;b\n-- c"\n2,x\n');
  expect(parseSql(`${DUMP}\nSELEC 1;\n`).error).toMatchObject({ line: 8, column: 1, message: 'syntax error at or near "SELEC"' });
});

test('SQL on the rest of the COPY line runs after the rows, and other COPY forms have no inline rows', () => {
  const sql = "COPY t FROM stdin; SELECT 1;\n1\tone\n\\.\nCOPY t FROM '/tmp/x';\nCOPY (SELECT 'stdin') TO STDOUT;\nCOPY t FROM PROGRAM 'cat';\n";
  const { statements, error } = parseSql(sql);
  expect(error).toBeNull();
  expect(statements.map((s) => [s.kind, s.line, s.column, Boolean(s.copy)])).toEqual([
    ['CopyStmt', 1, 1, true],
    ['SelectStmt', 1, 20, false],
    ['CopyStmt', 4, 1, false],
    ['CopyStmt', 5, 1, false],
    ['CopyStmt', 6, 1, false],
  ]);
});

test('a file big enough to parse in chunks keeps COPY rows out of the parser and positions exact', () => {
  const rows = `${'9\t' + 'x;\''.repeat(1000)}\n`.repeat(Math.ceil((CHUNK_CHARS * 1.5) / 3000));
  const sql = `CREATE TABLE t (id int, v text);\nCOPY t FROM stdin;\n${rows}\\.\nCREATE INDEX ON t (v);\n`;
  expect(sql.length).toBeGreaterThan(CHUNK_CHARS);
  const { statements, error } = parseSql(sql);
  expect(error).toBeNull();
  const lines = sql.split('\n').length;
  expect(statements.map((s) => [s.kind, s.line])).toEqual([
    ['CreateStmt', 1],
    ['CopyStmt', 2],
    ['IndexStmt', lines - 1],
  ]);
});

test('a placeholder in a COPY row takes its value (Flyway replaces before it splits) and stays as written without one', () => {
  const regex = placeholderRegex(['${name}']);
  const sql = "COPY t FROM stdin;\n1\t${who}'s\n\\.\nCREATE TABLE ${schema}.u (id int);\n";
  expect(fillPlaceholders(sql, regex, { who: 'ann' }).sql).toBe("COPY t FROM stdin;\n1\tann's\n\\.\nCREATE TABLE schema___.u (id int);\n");
  // A quote in a row opens no string: the placeholder after the rows is still code, and gets its stand-in.
  const { sql: filled } = fillPlaceholders(sql, regex, {});
  expect(filled).toBe("COPY t FROM stdin;\n1\t${who}'s\n\\.\nCREATE TABLE schema___.u (id int);\n");
  expect(parseSql(filled).error).toBeNull();
});
