// syntax-error: position, the parser's message and advice that says what to change.

import { runFileRules } from '../../src/rules/index.js';
import { syntaxError } from '../../src/rules/syntax-error.js';
import { loadParser } from '../../src/sql/parser.js';
import { migration } from '../support/build-migration.js';
import { engineDrafts, lintFile } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';

const lint = (sql: string, m = {}) => lintFile(syntaxError, sql, m);

/** The syntax error of a templated file as the rule engine reports it: positions and words mapped back to the file. */
async function templated(sql: string, placeholders: Record<string, string> = {}, placeholderPatterns?: string[]) {
  await loadParser();
  const options = testOptions({ placeholders, ...(placeholderPatterns && { placeholderPatterns }) });
  const [lint] = runFileRules([migration('migrations/001_test.sql', sql)], options);
  const [error] = lint!.drafts.filter((d) => d.rule === 'syntax-error');
  return { at: [error!.line, error!.column], message: error!.message, suggestion: error!.suggestion };
}

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

  test('a zero-byte file is no syntax error: PostgreSQL runs an empty query (empty-migration says what is wrong with it)', async () => {
    expect(await lint('')).toEqual([]);
  });

  describe('in a templated file', () => {
    const LINE = 'CREATE TABLE ${schema}.t (id int,);';

    test('an error after a placeholder on its line is at the column of the file, whatever the length of what filled it', async () => {
      const column = LINE.indexOf(',)') + 2;
      for (const schema of ['s', 'a_schema_name_much_longer_than_the_placeholder']) {
        expect(await templated(`SELECT 1;\n${LINE}`, { schema })).toMatchObject({ at: [2, column], message: 'Syntax error: syntax error at or near ")".' });
      }
      // A value with a line break moves no line after it either.
      expect((await templated(`${LINE}\nSELECT 1;`, { schema: 'a\n' })).at).toEqual([1, column]);
      expect((await templated(`CREATE TABLE \${schema}.t (id int);\nSELEC 1;`, { schema: 'a\n' })).at).toEqual([2, 1]);
    });

    test('an error at a placeholder with no value names it, quotes it as written, and says how to give it a value', async () => {
      expect(await templated('CREATE TABLE IF NOT EXISTS t (id int) ${options};')).toEqual({
        at: [1, 39],
        message: 'Syntax error: syntax error at or near "${options}".',
        suggestion:
          'The placeholder ${options} has no value, so an identifier stands in for it, which does not fit here: give it a value under placeholders in .migration-gate.yml (options: VALUE) or with --placeholder options=VALUE.',
      });
      const goAction = await templated('CREATE TABLE IF NOT EXISTS t (id int) {{ index .Options "Table Options" }};');
      expect(goAction.message).toBe('Syntax error: syntax error at or near "{{ index .Options "Table Options" }}".');
      expect(goAction.suggestion).toContain('under placeholders in .migration-gate.yml ("Table Options": VALUE) or with --placeholder "Table Options=VALUE".');
    });

    test('an error just after a placeholder with no value asks whether an identifier fits there', async () => {
      expect(await templated('SELECT 1 ${operator} 2;')).toEqual({
        at: [1, 22],
        message: 'Syntax error: syntax error at or near "2".',
        suggestion:
          'The placeholder ${operator} just before this has no value, so an identifier stands in for it: if that does not fit there, give it a value under placeholders in .migration-gate.yml (operator: VALUE) or with --placeholder operator=VALUE; otherwise fix the SQL at this position.',
      });
    });

    test('an error in a value names the placeholder and its value, at the placeholder', async () => {
      expect(await templated('SELECT 1;\nCREATE TABLE ${flyway:defaultSchema}.t (id int);', { 'flyway:defaultSchema': 'my schema' })).toEqual({
        at: [2, 14],
        message: 'Syntax error: syntax error at or near "schema".',
        suggestion:
          'The placeholder ${flyway:defaultSchema} is filled with "my schema", which does not fit here: check what flyway:defaultSchema is set to under placeholders in .migration-gate.yml or with --placeholder.',
      });
    });

    test('the end of the file after a placeholder, and a placeholder-looking text no pattern matches, keep their own advice', async () => {
      expect((await templated('CREATE TABLE ${name}')).suggestion).toMatch(/^The file ends inside a statement/);
      const unmatched = await templated('CREATE TABLE {{ .Schema }}.t (id int);', {}, ['${name}']);
      expect(unmatched).toEqual({
        at: [1, 14],
        message: 'Syntax error: syntax error at or near "{".',
        suggestion:
          'This looks like a template placeholder: declare its syntax under placeholder-patterns (and its value under placeholders) in .migration-gate.yml so it is substituted before parsing.',
      });
    });
  });

  describe('inline COPY data (pg_dump, psql, Flyway)', () => {
    const DUMP = 'CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, name text);\nCOPY t (id, name) FROM stdin;\n1\tone; DROP TABLE t\n2\ttwo\n\\.\n\nCREATE INDEX IF NOT EXISTS t_name ON t (name);\n';

    test('is no syntax error, and no rule reads its rows as statements, for an unknown runner or Flyway', async () => {
      for (const preset of ['generic', 'flyway'] as const) {
        expect(await engineDrafts(DUMP, {}, testOptions({ preset }))).toEqual([]);
      }
    });

    test('is an error at the first row for a runner that sends the file as SQL, with what to do instead', async () => {
      const [golang] = await engineDrafts(DUMP, {}, testOptions({ preset: 'golang-migrate' }));
      expect(golang).toEqual({
        rule: 'syntax-error',
        file: 'migrations/001_test.sql',
        line: 3,
        column: 1,
        message:
          'Syntax error as golang-migrate runs this file: it sends the file to the server as SQL and cannot feed the rows after ' +
          'COPY ... FROM STDIN to the COPY as psql does, so the server reads them as SQL and fails here.',
        suggestion:
          "Load the rows with INSERT ... VALUES (pg_dump --inserts writes them so), or COPY them from a file on the database server (COPY ... FROM '/path/file'); only psql and Flyway feed inline COPY data.",
      });
      // A dbmate up section starts below its marker: the row's line is the file's.
      const dbmate = await engineDrafts(DUMP, { lineOffset: 1, bytes: Buffer.from(`-- migrate:up\n${DUMP}-- migrate:down\n`) }, testOptions({ preset: 'dbmate' }));
      expect(dbmate.map((d) => [d.rule, d.line, d.column])).toEqual([['syntax-error', 4, 1]]);
      expect(dbmate[0]!.message).toMatch(/^Syntax error as dbmate runs this file: it sends the up section to the server as SQL/);
    });
  });
});
