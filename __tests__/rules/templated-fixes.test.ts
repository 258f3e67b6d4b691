// Fixes and inline directives in templated files, as the rule engine hands them on: a fix replaces the
// file's own lines with the file plus the guard alone (placeholders as written, never their values or
// stand-ins), and a directive's statement span is counted in the file's lines, whatever the values.

import type { Draft, RuleId } from '../../src/report/finding.js';
import type { Migration } from '../../src/migration.js';
import { runRules } from '../../src/rules/index.js';
import { loadParser } from '../../src/sql/parser.js';
import { migration } from '../support/build-migration.js';
import { applyFixes, engineDrafts } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';

/** A value with line breaks: every filled line after it is two lines further down than the file's. */
const TABLE_OPTIONS = 'WITH (\n  fillfactor = 70\n)';

/** `rule`'s drafts for `sql` with `placeholders`, from the rule engine; a file the runner does not wrap in a transaction. */
async function drafts(rule: RuleId, sql: string, placeholders: Record<string, string> = {}, m: Partial<Migration> = {}): Promise<Draft[]> {
  const all = await engineDrafts(sql, { runnerWraps: false, ...m }, testOptions({ placeholders }));
  return all.filter((d) => d.rule === rule);
}

/** The file once `rule`'s fixes are applied. */
const fixed = async (rule: RuleId, sql: string, placeholders: Record<string, string> = {}, m: Partial<Migration> = {}) =>
  applyFixes(sql, await drafts(rule, sql, placeholders, m));

describe('non-idempotent fixes in templated files', () => {
  test('${schema} without a value: the guard goes in, the placeholder stays as written, in a generated DROP too', async () => {
    const sql = [
      'CREATE INDEX idx_x ON ${schema}.faqs (q);',
      '  CREATE TRIGGER faqs_touch BEFORE UPDATE ON ${schema}.faqs',
      '    FOR EACH ROW EXECUTE FUNCTION ${schema}.touch();',
    ].join('\n');
    expect(await fixed('non-idempotent', sql)).toBe(
      [
        'CREATE INDEX IF NOT EXISTS idx_x ON ${schema}.faqs (q);',
        '  DROP TRIGGER IF EXISTS faqs_touch ON ${schema}.faqs;',
        '  CREATE TRIGGER faqs_touch BEFORE UPDATE ON ${schema}.faqs',
        '    FOR EACH ROW EXECUTE FUNCTION ${schema}.touch();',
      ].join('\n'),
    );
  });

  test('a value of another length: the fix keeps the placeholder, after it on the same line too; a DROP that would name the value is no fix', async () => {
    const sql = [
      'SET search_path = ${schema}; CREATE INDEX idx_x ON faqs (q);',
      'CREATE INDEX idx_y ON ${schema}.faqs (q);',
      'CREATE TRIGGER faqs_touch BEFORE UPDATE ON ${schema}.faqs FOR EACH ROW EXECUTE FUNCTION touch();',
    ].join('\n');
    for (const schema of ['s', 'a_schema_name_longer_than_its_placeholder']) {
      const found = await drafts('non-idempotent', sql, { schema });
      expect(found.map((d) => [d.line, d.fix?.line])).toEqual([
        [1, 1],
        [2, 2],
        [3, undefined],
      ]);
      // The advice still names the DROP, in the words the parser read.
      expect(found[2]!.suggestion).toContain(`Put \`DROP TRIGGER IF EXISTS faqs_touch ON ${schema}.faqs;\` before it.`);
      expect(applyFixes(sql, found)).toBe(
        [
          'SET search_path = ${schema}; CREATE INDEX IF NOT EXISTS idx_x ON faqs (q);',
          'CREATE INDEX IF NOT EXISTS idx_y ON ${schema}.faqs (q);',
          'CREATE TRIGGER faqs_touch BEFORE UPDATE ON ${schema}.faqs FOR EACH ROW EXECUTE FUNCTION touch();',
        ].join('\n'),
      );
    }
  });

  test('a value with line breaks: the statement that holds it and those after it are fixed on their own lines', async () => {
    const sql = 'CREATE TABLE t (id int) ${options};\nCREATE INDEX t_id ON t (id);\nALTER TABLE t ADD COLUMN note text;';
    const found = await drafts('non-idempotent', sql, { options: TABLE_OPTIONS });
    expect(found.map((d) => [d.line, d.fix?.line, d.fix?.endLine])).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
    ]);
    expect(applyFixes(sql, found)).toBe(
      'CREATE TABLE IF NOT EXISTS t (id int) ${options};\nCREATE INDEX IF NOT EXISTS t_id ON t (id);\nALTER TABLE t ADD COLUMN IF NOT EXISTS note text;',
    );
  });

  test('no fix where the file has no place for the guard: inside a value, or in a statement a value starts', async () => {
    // The guard goes after TABLE, which only the value holds.
    const [inside] = await drafts('non-idempotent', 'CREATE ${what} (id int);', { what: 'TABLE t' });
    expect(inside!.message).toMatch(/^CREATE TABLE t fails /);
    expect(inside!.fix).toBeUndefined();
    // The value ends one statement and starts the next.
    const [split] = await drafts('non-idempotent', 'SELECT ${more} ON t (id);', { more: '1; CREATE INDEX t_id' });
    expect(split!.message).toMatch(/^CREATE INDEX t_id fails /);
    expect(split!.fix).toBeUndefined();
  });
});

describe('transaction-unsafe fixes in templated files', () => {
  test('COMMIT added after a value of another length: the `;` goes in only where the file lacks one', async () => {
    // A `;` in a string at the end of the statement, and a statement already ended by one.
    const open = "BEGIN;\nINSERT INTO ${schema}.t VALUES ('a;b')";
    const closed = 'BEGIN;\nCREATE TABLE ${schema}.t (id int); -- done';
    for (const schema of ['s', 'a_schema_name_longer_than_its_placeholder']) {
      expect(await fixed('transaction-unsafe', open, { schema })).toBe("BEGIN;\nINSERT INTO ${schema}.t VALUES ('a;b');\nCOMMIT;");
      expect(await fixed('transaction-unsafe', closed, { schema })).toBe('BEGIN;\nCREATE TABLE ${schema}.t (id int); -- done\nCOMMIT;');
    }
  });

  test('an unterminated statement before a comment gets its `;` before the comment, not in it', async () => {
    expect(await fixed('transaction-unsafe', 'BEGIN;\nCREATE TABLE t (id int) -- the table')).toBe('BEGIN;\nCREATE TABLE t (id int); -- the table\nCOMMIT;');
  });

  test('after a value with line breaks, BEGIN and COMMIT in a wrapped runner are removed on their own lines', async () => {
    const sql = 'CREATE TABLE IF NOT EXISTS t (id int) ${options};\nBEGIN;\nCREATE INDEX IF NOT EXISTS t_id ON t (id);\nCOMMIT;';
    const found = await drafts('transaction-unsafe', sql, { options: TABLE_OPTIONS }, { runnerWraps: true });
    expect(found.map((d) => [d.line, d.fix])).toEqual([
      [2, { line: 2, endLine: 2, replacement: '' }],
      [4, { line: 4, endLine: 4, replacement: '' }],
    ]);
    expect(applyFixes(sql, found)).toBe('CREATE TABLE IF NOT EXISTS t (id int) ${options};\n\nCREATE INDEX IF NOT EXISTS t_id ON t (id);\n');
  });
});

describe('inline directives in templated files', () => {
  beforeAll(() => loadParser());

  test('an ignore after a value with line breaks silences the statement below it, and only that one', () => {
    const sql = [
      'CREATE TABLE IF NOT EXISTS t (id int) ${options};',
      '-- migration-gate: ignore non-idempotent',
      'CREATE INDEX t_a ON t (id);',
      'CREATE INDEX t_b ON t (id);',
    ].join('\n');
    const options = testOptions({ placeholders: { options: TABLE_OPTIONS } });
    const findings = runRules({ migrations: [migration('migrations/001_test.sql', sql)], history: null, options });
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['non-idempotent', 4]]);
  });
});
