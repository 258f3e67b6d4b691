// What a user sees of a templated migration's dry-run (JSON report, Markdown, terminal) on a real PostgreSQL
// server: placeholders without a value named as the file writes them, values' objects by their real names,
// and errors at the file's own line and column. Fails, never skips, without the server.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { runCli } from '../../src/cli.js';
import { code, message, renderMarkdown } from '../../src/report/markdown.js';
import type { Report } from '../../src/report/report.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { makeTree, removeTree } from '../support/repo.js';

const STAND_INS = /schema_{2,}|missing_{2,}/i;

let root: string;
let stdout = '';
let report: Report;
beforeAll(async () => {
  root = makeTree({
    'db/001_accounts.sql': 'CREATE SCHEMA IF NOT EXISTS ${schema};\nCREATE TABLE IF NOT EXISTS ${schema}.accounts (id int);\n',
    'db/002_note.sql': 'ALTER TABLE ${schema}.accounts ADD COLUMN IF NOT EXISTS ${column} text;\n',
    'db/003_report.sql': 'SELECT ${column}, ${missing} FROM ${schema}.accounts;\n',
  });
  const argv = ['check', 'db', '--engine', 'url', '--database-url', TEST_DATABASE_URL, '--placeholder', 'column=note_for_billing', '--output', join(root, 'report.json')];
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), env: {}, cwd: root, color: false });
  expect({ code, stdout }).toEqual({ code: 1, stdout: expect.any(String) });
  report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as Report;
}, 60_000);
afterAll(() => removeTree(root));

const missingAt = { line: 1, column: 'SELECT ${column}, '.length + 1 };

test('the JSON report names changes, locks and errors in the file\'s words, a value\'s names as they are on the server', () => {
  expect(report.dryRun!.migrations).toEqual([
    expect.objectContaining({
      file: 'db/001_accounts.sql',
      status: 'applied',
      changes: [
        { action: 'create', kind: 'schema', name: '${schema}' },
        { action: 'create', kind: 'table', name: '${schema}.accounts' },
      ],
      locks: [],
    }),
    expect.objectContaining({
      file: 'db/002_note.sql',
      status: 'applied',
      changes: [{ action: 'create', kind: 'column', name: '${schema}.accounts.note_for_billing' }],
      locks: [{ relation: '${schema}.accounts', mode: 'AccessExclusiveLock', line: 1 }],
    }),
    expect.objectContaining({
      file: 'db/003_report.sql',
      status: 'failed',
      error: {
        sqlstate: '42703',
        message: 'column "${missing}" does not exist',
        ...missingAt,
        statement: 'SELECT note_for_billing, ${missing} FROM ${schema}.accounts',
      },
    }),
  ]);
  expect(report.findings).toContainEqual(
    expect.objectContaining({
      rule: 'dangerous-lock',
      file: 'db/002_note.sql',
      line: 1,
      message: expect.stringMatching(/^ALTER TABLE takes an ACCESS EXCLUSIVE lock on the existing table \$\{schema\}\.accounts: /),
    }),
  );
  expect(JSON.stringify(report)).not.toMatch(STAND_INS);
});

test('the Markdown comment lists the objects changed, the lock finding and the failure as the file writes them', () => {
  const body = renderMarkdown(report);
  expect(body).toContain(`+ schema ${code('${schema}', true)}<br>+ table ${code('${schema}.accounts', true)} |`);
  expect(body).toContain(`+ column ${code('${schema}.accounts.note_for_billing', true)} |`);
  expect(body).toContain(message('ALTER TABLE takes an ACCESS EXCLUSIVE lock on the existing table ${schema}.accounts: '));
  expect(body).toContain(`\`db/003_report.sql:1\`: \`42703\` ${message('column "${missing}" does not exist')}`);
  expect(body).toContain(`\`\`\`sql\nSELECT note_for_billing, \${missing} FROM \${schema}.accounts\n\`\`\``);
  expect(body).not.toMatch(STAND_INS);
});

test('the terminal output names the locked table and the failing column as the file writes them, at the file\'s column', () => {
  expect(stdout).toContain('ALTER TABLE takes an ACCESS EXCLUSIVE lock on the existing table ${schema}.accounts: ');
  expect(stdout).toContain(`42703 column "\${missing}" does not exist at ${missingAt.line}:${missingAt.column}`);
  expect(stdout).not.toMatch(STAND_INS);
});
