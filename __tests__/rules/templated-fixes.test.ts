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
  // The runner's search_path is the schema the placeholder names: an unqualified name then stands for the table there.
  const options = testOptions({ placeholders });
  const searchPath = placeholders.schema ? { searchPath: `${placeholders.schema}, public` } : {};
  const all = await engineDrafts(sql, { runnerWraps: false, ...m }, { ...options, dryRun: { ...options.dryRun, ...searchPath } });
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
      // The advice still names the DROP, as the file writes the table.
      expect(found[2]!.suggestion).toContain('Put `DROP TRIGGER IF EXISTS faqs_touch ON ${schema}.faqs;` before it.');
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

describe('non-idempotent findings in templated files, in the file\'s words', () => {
  /** What a user reads of each finding: line, message, suggestion and fix. */
  const seen = async (sql: string, placeholders: Record<string, string>) =>
    (await drafts('non-idempotent', sql, placeholders)).map((d) => [d.line, d.message, d.suggestion, d.fix?.replacement]);

  test('a configured value is quoted as the placeholder: the statement, the names it fills, the SQL the advice gives', async () => {
    const sql = [
      'CREATE TABLE ${schema}.users (id int, email text);',
      'CREATE INDEX ${prefix}_email ON ${schema}.users (email);',
      'CREATE TYPE "${schema}".mood AS ENUM (\'ok\');',
      'ALTER TABLE ${schema}.users ADD CONSTRAINT ${prefix}_id_check CHECK (id > 0);',
      'CREATE TRIGGER users_touch BEFORE UPDATE ON ${schema}.users FOR EACH ROW EXECUTE FUNCTION ${schema}.touch();',
    ].join('\n');
    const found = await seen(sql, { schema: 'app', prefix: 'users' });
    expect(found).toEqual([
      [
        1,
        'CREATE TABLE ${schema}.users fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table).',
        'Write `CREATE TABLE IF NOT EXISTS ${schema}.users (id int, email text)`.',
        'CREATE TABLE IF NOT EXISTS ${schema}.users (id int, email text);',
      ],
      [
        2,
        'CREATE INDEX ${prefix}_email fails when the file runs a second time: the index already exists (SQLSTATE 42P07 duplicate_table).',
        'Write `CREATE INDEX IF NOT EXISTS ${prefix}_email ON ${schema}.users (email)`.',
        'CREATE INDEX IF NOT EXISTS ${prefix}_email ON ${schema}.users (email);',
      ],
      [
        3,
        'CREATE TYPE "${schema}".mood fails when the file runs a second time: the type already exists (SQLSTATE 42710 duplicate_object).',
        'Wrap it in a block that ignores the object already existing:\nDO $$ BEGIN\n  CREATE TYPE "${schema}".mood AS ENUM (\'ok\');\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND $$;',
        undefined,
      ],
      [
        4,
        'ADD CONSTRAINT ${prefix}_id_check fails when the file runs a second time: the constraint already exists (SQLSTATE 42710 duplicate_object).',
        [
          'Add it only when it is missing:',
          'DO $$ BEGIN',
          "  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '${prefix}_id_check' AND conrelid = '${schema}.users'::regclass) THEN",
          '    ALTER TABLE ${schema}.users ADD CONSTRAINT ${prefix}_id_check CHECK (id > 0);',
          '  END IF;',
          'END $$;',
        ].join('\n'),
        undefined,
      ],
      [
        5,
        'CREATE TRIGGER users_touch fails when the file runs a second time: the trigger already exists (SQLSTATE 42710 duplicate_object).',
        'Put `DROP TRIGGER IF EXISTS users_touch ON ${schema}.users;` before it. On PostgreSQL 14 and newer, CREATE OR REPLACE TRIGGER does the same.',
        undefined,
      ],
    ]);
    // The values never reach the user, whatever their length.
    expect(JSON.stringify(found)).not.toMatch(/\bapp\b|\busers_(email|id_check)\b/);
    expect(await seen(sql, { schema: 'a_schema_name_longer_than_its_placeholder', prefix: 'u' })).toEqual(found);
  });

  test('a name another statement gives is written as the file writes it there; a name written both ways, or a value that holds more than it, as parsed', async () => {
    const sql = [
      'CREATE TABLE IF NOT EXISTS ${schema}.memories (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text);',
      "INSERT INTO memories (body) VALUES ('Check-in') ON CONFLICT DO NOTHING;",
      'CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON users (email);',
      'ALTER TABLE users ADD CONSTRAINT ${prefix}_email_key UNIQUE USING INDEX users_email_idx;',
      'CREATE TABLE app.faqs (id int);',
      'CREATE TABLE ${schema}.faqs (id int);',
      'CREATE ${what} (id int);',
    ].join('\n');
    const found = await seen(sql, { schema: 'app', prefix: 'users', what: 'TABLE t' });
    expect(found.map(([line, message]) => [line, message])).toEqual([
      [2, 'INSERT INTO memories applies twice when the file runs a second time: the rows are inserted again.'],
      [
        3,
        'CREATE UNIQUE INDEX users_email_idx applies twice when the file runs a second time: ADD CONSTRAINT ${prefix}_email_key renamed the index to ${prefix}_email_key, ' +
          'so the second run finds no index users_email_idx and builds a duplicate index.',
      ],
      [4, expect.stringMatching(/^ADD CONSTRAINT \$\{prefix\}_email_key fails .*: the index \$\{prefix\}_email_key already exists: the first run renamed users_email_idx to it, /)],
      [5, expect.stringMatching(/^CREATE TABLE app\.faqs fails /)],
      [6, expect.stringMatching(/^CREATE TABLE \$\{schema\}\.faqs fails /)],
      // The value holds the keyword too: the file has no name of its own to quote, nor a place for the guard.
      [7, expect.stringMatching(/^CREATE TABLE t fails /)],
    ]);
    expect(found[0]![2]).toMatch(/^ON CONFLICT DO NOTHING cannot fire: the key id of \$\{schema\}\.memories, as this file creates it, is generated by its default, /);
    expect(found[4]![3]).toBe('CREATE TABLE IF NOT EXISTS ${schema}.faqs (id int);');
    expect(found[5]!.slice(2)).toEqual(['Add IF NOT EXISTS to CREATE TABLE t.', undefined]);
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
