// syntax-error: position, the parser's message and advice that says what to change.

import { syntaxError } from '../../src/rules/syntax-error.js';
import { lintFile } from '../support/lint-file.js';

const lint = (sql: string, m = {}) => lintFile(syntaxError, sql, m);

describe('syntax-error', () => {
  test('a missing comma: line and column of the token the parser stopped at', async () => {
    const sql = 'CREATE TABLE IF NOT EXISTS faqs (\n  id int PRIMARY KEY,\n  question text\n  answer text\n);';
    const drafts = await lint(sql);
    expect(drafts).toEqual([
      {
        rule: 'syntax-error',
        file: 'migrations/001_test.sql',
        line: 4,
        column: 3,
        message: 'Syntax error: syntax error at or near "answer".',
        suggestion: 'Fix the SQL at this position: no runner can apply a file that PostgreSQL cannot parse, and the rules after this point were not checked.',
      },
    ]);
  });

  test('only the first error of a file is reported, shifted by the dbmate section offset', async () => {
    const drafts = await lint('SELECT 1;\nSELEC 2;\nSELEC 3;', { lineOffset: 3 });
    expect(drafts.map((d) => [d.line, d.column])).toEqual([[5, 1]]);
  });

  test('a file that ends inside a statement, a psql meta-command and an unknown placeholder get specific advice', async () => {
    const [eof] = await lint("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1;\n");
    expect(eof!.message).toMatch(/unterminated dollar-quoted string/);
    expect(eof!.suggestion).toBe('Close the quoted string, quoted identifier or $$-quoted body that starts here.');
    const [open] = await lint('SELECT * FROM faqs WHERE');
    expect(open!.suggestion).toContain('The file ends inside a statement');
    const [meta] = await lint('SELECT 1;\n\\i other.sql\n');
    expect([meta!.line, meta!.column]).toEqual([2, 1]);
    expect(meta!.suggestion).toContain('psql meta-commands');
    const [placeholder] = await lint("CREATE SCHEMA IF NOT EXISTS :'schema_name';");
    expect(placeholder!.suggestion).toContain('placeholder-patterns');
  });

  test('a clean file and a ${schema} template are not errors', async () => {
    expect(await lint('CREATE TABLE IF NOT EXISTS ${schema}.faqs (id int);')).toEqual([]);
  });
});
