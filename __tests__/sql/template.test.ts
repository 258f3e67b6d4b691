// A templated file as its findings read: the placeholders as written rather than the identifiers that
// stand in for them, and the file's own columns whatever length the placeholders were filled to.

import type { Draft } from '../../src/report/finding.js';
import { runFileRules } from '../../src/rules/index.js';
import { loadParser } from '../../src/sql/parser.js';
import { placeholderRegex } from '../../src/sql/placeholders.js';
import { Template } from '../../src/sql/template.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';

beforeAll(() => loadParser());

/** Each finding of the rule engine for a file with `sql`: where, and what it says. */
function lint(sql: string, placeholders: Record<string, string> = {}, placeholderPatterns?: string[]): string[] {
  const options = testOptions({ placeholders, ...(placeholderPatterns && { placeholderPatterns }) });
  const [file] = runFileRules([migration('migrations/001_test.sql', sql)], options);
  return file!.drafts.map((d: Draft) => `${d.line}:${d.column} ${d.message.split(' fails')[0]} | ${d.suggestion}`);
}

describe('stand-ins read back as the placeholders they stand for', () => {
  test('${SCHEMA} and ${schema} without a value each read as written, though PostgreSQL folds both to lower case', () => {
    expect(lint('CREATE TABLE ${SCHEMA}.a (id int);\nCREATE TABLE ${schema}.b (id int);')).toEqual([
      '1:1 CREATE TABLE ${SCHEMA}.a | Write `CREATE TABLE IF NOT EXISTS ${SCHEMA}.a (id int)`.',
      '2:1 CREATE TABLE ${schema}.b | Write `CREATE TABLE IF NOT EXISTS ${schema}.b (id int)`.',
    ]);
  });

  test('a word of a value that looks like a stand-in is left as the value says', () => {
    expect(lint('CREATE TABLE ${app}.a (id int);\nCREATE TABLE ${b}.c (id int);', { app: 'b___' })).toEqual([
      '1:1 CREATE TABLE ${app}.a | Write `CREATE TABLE IF NOT EXISTS ${app}.a (id int)`.',
      '2:1 CREATE TABLE ${b}.c | Write `CREATE TABLE IF NOT EXISTS ${b}.c (id int)`.',
    ]);
  });

  test('a Go action longer than PostgreSQL keeps identifiers (63 characters) still reads back whole', () => {
    const action = '{{ index .Options "TheNamespaceOfTheAuthServiceAsConfiguredByTheOperator" }}';
    expect(action.length).toBeGreaterThan(63);
    expect(lint(`CREATE TABLE ${action}.users (id int);`)).toEqual([`1:1 CREATE TABLE ${action}.users | Write \`CREATE TABLE IF NOT EXISTS ${action}.users (id int)\`.`]);
  });

  test('a stand-in longer than a short placeholder (:1 reads p1_) reads back, and the columns after it stay the file\'s', () => {
    expect(lint('CREATE TABLE :1.a (id int); CREATE TABLE :1.b (id int);', {}, [':name'])).toEqual([
      '1:1 CREATE TABLE :1.a | Write `CREATE TABLE IF NOT EXISTS :1.a (id int)`.',
      '1:29 CREATE TABLE :1.b | Write `CREATE TABLE IF NOT EXISTS :1.b (id int)`.',
    ]);
  });
});

test('findings after a value of another length on the same line are at the file\'s columns', () => {
  const line = 'CREATE TABLE ${schema}.a (id int); CREATE TABLE ${schema}.b (id int);';
  for (const schema of ['s', 'a_schema_name_longer_than_its_placeholder']) {
    expect(lint(line, { schema }).map((f) => f.split(' ')[0])).toEqual(['1:1', `1:${line.lastIndexOf('CREATE') + 1}`]);
  }
});

test('an offset maps exactly to the file at either edge of a value, and not at all inside it', () => {
  const sql = 'SELECT ${a}, x;';
  const template = new Template(sql, placeholderRegex(['${name}']), { a: 'long_value' });
  expect(template.sql).toBe('SELECT long_value, x;');
  const start = template.sql.indexOf('long_value');
  const end = start + 'long_value'.length;
  expect([template.exactOffset(start), template.exactOffset(end), template.exactOffset(start + 1)]).toEqual([sql.indexOf('${a}'), sql.indexOf(', x'), null]);
  expect([template.valueIn(0, start - 2), template.valueIn(end + 1, template.sql.length), template.valueIn(0, start)]).toEqual([false, false, true]);
});
