// Placeholder values and syntaxes as a user gives them: keys in .migration-gate.yml (Flyway's
// `flyway:` names included) and --placeholder NAME=VALUE on the CLI, which wins.

import { runCli } from '../../src/cli.js';
import type { Report } from '../../src/report/report.js';
import { makeTree, removeTree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

async function report(files: Record<string, string>, ...flags: string[]): Promise<{ code: number; report: Report }> {
  const root = makeTree(files);
  roots.push(root);
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', 'migrations', '--all', '--no-dry-run', '--format', 'json', ...flags], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    cwd: root,
    color: false,
  });
  if (!stdout) throw new Error(`no report; stderr: ${stderr}`);
  return { code, report: JSON.parse(stdout) as Report };
}

async function check(files: Record<string, string>, ...flags: string[]): Promise<{ code: number; findings: string[] }> {
  const { code, report: r } = await report(files, ...flags);
  return { code, findings: r.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message.split(' fails')[0]}`) };
}

/** What a user reads of each finding: where, what, and what to do. */
async function seen(files: Record<string, string>, ...flags: string[]) {
  const { report: r } = await report(files, ...flags);
  return r.findings.map((f) => ({ at: `${f.line}:${f.column}`, message: f.message, suggestion: f.suggestion, ...(f.fix && { fix: f.fix.replacement }) }));
}

const FLYWAY_FILE = {
  'migrations/V1__audit.sql':
    'CREATE TABLE ${flyway:defaultSchema}.audit (id int);\nGRANT SELECT ON ${flyway:defaultSchema}.audit TO ${flyway:user};\nCREATE INDEX audit_id ON ${flyway:defaultSchema}.audit (id);\n',
};

test('--preset flyway with --placeholder flyway:defaultSchema=... lints the file on its SQL, not as a syntax error', async () => {
  const { code, findings } = await check(FLYWAY_FILE, '--preset', 'flyway', '--placeholder', 'flyway:defaultSchema=__mj');
  expect(code).toBe(0);
  expect(findings).toEqual([
    'non-idempotent migrations/V1__audit.sql:1 CREATE TABLE ${flyway:defaultSchema}.audit',
    'non-idempotent migrations/V1__audit.sql:3 CREATE INDEX audit_id',
  ]);
});

test('flyway: keys in .migration-gate.yml are values too, and --placeholder overrides them', async () => {
  const config = { '.migration-gate.yml': 'preset: flyway\nplaceholders:\n  flyway:defaultSchema: app\n  "flyway:user": deployer\n' };
  // The DROP at the end is of the table the CREATE makes only where the schema is app: each run then makes it afresh.
  const files = { 'migrations/V1__audit.sql': 'CREATE TABLE ${flyway:defaultSchema}.audit (id int);\nDROP TABLE IF EXISTS app.audit;\n', ...config };
  expect((await check(files)).findings).toEqual([]);
  const overridden = await check(files, '--placeholder', 'flyway:defaultSchema=billing');
  expect(overridden.findings).toEqual(['non-idempotent migrations/V1__audit.sql:1 CREATE TABLE ${flyway:defaultSchema}.audit']);
});

test('placeholder-patterns replaces the defaults: a Go action it does not list is a syntax error again', async () => {
  const files = { 'migrations/001_x.sql': 'create table if not exists {{ index .Options "Namespace" }}.t (id int);\n' };
  expect((await check(files)).findings).toEqual([]);
  const narrowed = await check({ ...files, '.migration-gate.yml': "placeholder-patterns: ['${name}']\n" });
  expect(narrowed.findings).toEqual(['syntax-error migrations/001_x.sql:1 Syntax error: syntax error at or near "{".']);
});

describe('what a templated file is reported as', () => {
  test('a placeholder without a value is quoted as written, never as the identifier standing in for it, in the fix too', async () => {
    const files = {
      'migrations/V1__users.sql': [
        'CREATE TABLE ${flyway:defaultSchema}.users (id int);',
        'CREATE INDEX users_id ON "${flyway:defaultSchema}".users (id);',
        'ALTER TABLE {{ index .Options "Namespace" }}.users ADD COLUMN name text;',
      ].join('\n'),
    };
    expect(await seen(files, '--preset', 'flyway')).toEqual([
      {
        at: '1:1',
        message: 'CREATE TABLE ${flyway:defaultSchema}.users fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table).',
        suggestion: 'Write `CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.users (id int)`.',
        fix: 'CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.users (id int);',
      },
      {
        at: '2:1',
        message: 'CREATE INDEX users_id fails when the file runs a second time: the index already exists (SQLSTATE 42P07 duplicate_table).',
        suggestion: 'Write `CREATE INDEX IF NOT EXISTS users_id ON "${flyway:defaultSchema}".users (id)`.',
        fix: 'CREATE INDEX IF NOT EXISTS users_id ON "${flyway:defaultSchema}".users (id);',
      },
      {
        at: '3:1',
        message: 'ADD COLUMN name fails when the file runs a second time: the column already exists (SQLSTATE 42701 duplicate_column).',
        suggestion: 'Write `ALTER TABLE {{ index .Options "Namespace" }}.users ADD COLUMN IF NOT EXISTS name text`.',
        fix: 'ALTER TABLE {{ index .Options "Namespace" }}.users ADD COLUMN IF NOT EXISTS name text;',
      },
    ]);
  });

  test('a placeholder with a configured value is quoted as written too, never as its value', async () => {
    const files = {
      'migrations/001_users.sql': 'CREATE TABLE ${schema}.users (id int);\nALTER TABLE ${schema}.users RENAME COLUMN id TO user_id;\n',
      '.migration-gate.yml': 'placeholders:\n  schema: app\n',
    };
    expect(await seen(files)).toEqual([
      {
        at: '1:1',
        message: 'CREATE TABLE ${schema}.users fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table).',
        suggestion: 'Write `CREATE TABLE IF NOT EXISTS ${schema}.users (id int)`.',
        fix: 'CREATE TABLE IF NOT EXISTS ${schema}.users (id int);',
      },
      {
        at: '2:1',
        message: 'RENAME COLUMN id TO user_id fails when the file runs a second time: the column is already gone (SQLSTATE 42703 undefined_column).',
        suggestion: [
          'Rename only while the old name is there:',
          'DO $$ BEGIN',
          "  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('${schema}.users') AND attname = 'id' AND NOT attisdropped) THEN",
          '    ALTER TABLE ${schema}.users RENAME COLUMN id TO user_id;',
          '  END IF;',
          'END $$;',
        ].join('\n'),
      },
    ]);
  });

  test('a real identifier that looks like a stand-in keeps its name, and its fix the file text', async () => {
    const files = { 'migrations/001_x.sql': 'CREATE TABLE schema___.a (id int); CREATE TABLE ${schema}.b (id int);\n' };
    expect(await seen(files)).toEqual([
      {
        at: '1:1',
        message: 'CREATE TABLE schema___.a fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table).',
        suggestion: 'Write `CREATE TABLE IF NOT EXISTS schema___.a (id int)`.',
        fix: 'CREATE TABLE IF NOT EXISTS schema___.a (id int); CREATE TABLE ${schema}.b (id int);',
      },
      {
        at: '1:36',
        message: 'CREATE TABLE ${schema}.b fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table).',
        suggestion: 'Write `CREATE TABLE IF NOT EXISTS ${schema}.b (id int)`.',
        fix: 'CREATE TABLE schema___.a (id int); CREATE TABLE IF NOT EXISTS ${schema}.b (id int);',
      },
    ]);
  });

  test('after a value of another length on the same line, findings keep the columns of the file', async () => {
    const line = 'CREATE TABLE ${schema}.a (id int); CREATE TABLE ${schema}.b (id int,);';
    const files = { 'migrations/001_x.sql': `SELECT 1;\n${line}\n` };
    for (const value of ['s', 'a_much_longer_schema_name']) {
      const [error] = await seen({ ...files, '.migration-gate.yml': `placeholders:\n  schema: ${value}\n` });
      expect(error).toMatchObject({ at: `2:${line.indexOf(',)') + 2}`, message: 'Syntax error: syntax error at or near ")".' });
    }
  });

  test('a syntax error at a placeholder with no value names it and the config key that gives it one', async () => {
    const files = { 'migrations/V1__t.sql': 'CREATE TABLE IF NOT EXISTS t (id int) ${flyway:tableOptions};\n' };
    expect(await seen({ ...files, '.migration-gate.yml': 'preset: flyway\nplaceholders:\n  flyway:defaultSchema: app\n' })).toEqual([
      {
        at: '1:39',
        message: 'Syntax error: syntax error at or near "${flyway:tableOptions}".',
        suggestion:
          'The placeholder ${flyway:tableOptions} has no value, so an identifier stands in for it, which does not fit here: give it a value under placeholders in .migration-gate.yml (flyway:tableOptions: VALUE) or with --placeholder flyway:tableOptions=VALUE.',
      },
    ]);
    const given = await check({ ...files, '.migration-gate.yml': 'preset: flyway\nplaceholders:\n  flyway:tableOptions: WITH (fillfactor = 70)\n' });
    expect(given.findings).toEqual([]);
  });
});
