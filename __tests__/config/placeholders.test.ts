// Placeholder values and syntaxes as a user gives them: keys in .migration-gate.yml (Flyway's
// `flyway:` names included) and --placeholder NAME=VALUE on the CLI, which wins.

import { runCli } from '../../src/cli.js';
import type { Report } from '../../src/report/report.js';
import { makeTree, removeTree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

async function check(files: Record<string, string>, ...flags: string[]): Promise<{ code: number; findings: string[] }> {
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
  return { code, findings: (JSON.parse(stdout) as Report).findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message.split(' fails')[0]}`) };
}

const FLYWAY_FILE = {
  'migrations/V1__audit.sql':
    'CREATE TABLE ${flyway:defaultSchema}.audit (id int);\nGRANT SELECT ON ${flyway:defaultSchema}.audit TO ${flyway:user};\nCREATE INDEX audit_id ON ${flyway:defaultSchema}.audit (id);\n',
};

test('--preset flyway with --placeholder flyway:defaultSchema=... lints the file on its SQL, not as a syntax error', async () => {
  const { code, findings } = await check(FLYWAY_FILE, '--preset', 'flyway', '--placeholder', 'flyway:defaultSchema=__mj');
  expect(code).toBe(0);
  expect(findings).toEqual(['non-idempotent migrations/V1__audit.sql:1 CREATE TABLE __mj.audit', 'non-idempotent migrations/V1__audit.sql:3 CREATE INDEX audit_id']);
});

test('flyway: keys in .migration-gate.yml are values too, and --placeholder overrides them', async () => {
  const config = { '.migration-gate.yml': 'preset: flyway\nplaceholders:\n  flyway:defaultSchema: app\n  "flyway:user": deployer\n' };
  expect((await check({ ...FLYWAY_FILE, ...config })).findings[0]).toBe('non-idempotent migrations/V1__audit.sql:1 CREATE TABLE app.audit');
  const overridden = await check({ ...FLYWAY_FILE, ...config }, '--placeholder', 'flyway:defaultSchema=billing');
  expect(overridden.findings[0]).toBe('non-idempotent migrations/V1__audit.sql:1 CREATE TABLE billing.audit');
});

test('placeholder-patterns replaces the defaults: a Go action it does not list is a syntax error again', async () => {
  const files = { 'migrations/001_x.sql': 'create table if not exists {{ index .Options "Namespace" }}.t (id int);\n' };
  expect((await check(files)).findings).toEqual([]);
  const narrowed = await check({ ...files, '.migration-gate.yml': "placeholder-patterns: ['${name}']\n" });
  expect(narrowed.findings).toEqual(['syntax-error migrations/001_x.sql:1 Syntax error: syntax error at or near "{".']);
});
