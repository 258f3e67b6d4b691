// Sqitch projects: sqitch.plan decides which deploy scripts `sqitch deploy` runs and in what order, and each deployed change
// is known by a change ID chained through the plan, so a plan edited under a deployed database stops its next deploy.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { runCliIn } from '../support/cli.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';

const HEADER = '%syntax-version=1.0.0\n%project=flipr\n\n';
const line = (change: string, note: string, deps = '') => `${change} ${deps ? `[${deps}] ` : ''}2026-01-0${1 + (note.length % 9)}T10:00:00Z Ann <ann@example.com> # ${note}\n`;
const script = (change: string, body: string) => `-- Deploy flipr:${change} to pg\n\nBEGIN;\n\n${body}\n\nCOMMIT;\n`;

const PLAN = HEADER + line('appschema', 'Add schema') + line('users', 'Users table', 'appschema') + '@v1.0 2026-01-05T10:00:00Z Ann <ann@example.com> # Tag v1.0\n';
const PROJECT: Tree = {
  'db/sqitch.plan': PLAN,
  'db/sqitch.conf': '[core]\n\tengine = pg\n',
  'db/deploy/appschema.sql': script('appschema', 'CREATE SCHEMA IF NOT EXISTS flipr;'),
  'db/deploy/users.sql': script('users', 'CREATE TABLE IF NOT EXISTS flipr.users (nickname text PRIMARY KEY);'),
  'db/revert/appschema.sql': '-- Revert flipr:appschema from pg\n\nBEGIN;\n\nDROP SCHEMA flipr;\n\nCOMMIT;\n',
  'db/revert/users.sql': '-- Revert flipr:users from pg\n\nBEGIN;\n\nDROP TABLE flipr.users;\n\nCOMMIT;\n',
  'db/verify/users.sql': '-- Verify flipr:users on pg\n\nBEGIN;\n\nSELECT nickname FROM flipr.users WHERE false;\n\nROLLBACK;\n',
};

async function gate(files: Tree, extra: Record<string, unknown> = {}) {
  const root = makeTree(files);
  try {
    return await runGate(await resolveOptions({ root, paths: ['db'], preset: 'sqitch', dryRun: false, all: true, ...extra }));
  } finally {
    removeTree(root);
  }
}

async function cli(base: Tree, head: Tree, remove: string[] = []) {
  const { root, baseSha } = makeGitRepo(base, head, remove);
  try {
    return await runCliIn(root, ['check', 'db', '--preset', 'sqitch', '--base', baseSha, '--no-dry-run', '--format', 'json']);
  } finally {
    removeTree(root);
  }
}

describe('sqitch project', () => {
  it('the migrations are the deploy scripts the plan names, in the plan order; revert and verify scripts are not migrations', async () => {
    const report = await gate(PROJECT);
    expect(report.findings).toEqual([]);
    expect(report.migrations.map((m) => [m.file, m.version, m.name])).toEqual([
      ['db/deploy/appschema.sql', '1', 'appschema'],
      ['db/deploy/users.sql', '2', 'users'],
    ]);
  });

  it('a reworked change runs its tagged script first and its current one later; a change named with / deploys from a subfolder', async () => {
    const report = await gate({
      ...PROJECT,
      'db/sqitch.plan': PLAN + line('users', 'Users get an email', 'users@v1.0') + line('audit/log', 'Audit log', 'users'),
      'db/deploy/users@v1.0.sql': PROJECT['db/deploy/users.sql']!,
      'db/deploy/users.sql': script('users', 'ALTER TABLE flipr.users ADD COLUMN IF NOT EXISTS email text;'),
      'db/deploy/audit/log.sql': script('audit/log', 'CREATE TABLE IF NOT EXISTS flipr.audit (at timestamptz);'),
    });
    expect(report.findings).toEqual([]);
    expect(report.migrations.map((m) => [m.file, m.name])).toEqual([
      ['db/deploy/appschema.sql', 'appschema'],
      ['db/deploy/users@v1.0.sql', 'users'],
      ['db/deploy/users.sql', 'users'],
      ['db/deploy/audit/log.sql', 'audit/log'],
    ]);
  });

  it('a reworked change whose script is still the copy `sqitch rework` made fails to deploy: one script hash per project', async () => {
    const report = await gate({
      ...PROJECT,
      'db/sqitch.plan': PLAN + line('users', 'Users get an email', 'users@v1.0'),
      'db/deploy/users@v1.0.sql': PROJECT['db/deploy/users.sql']!,
    });
    expect(report.findings.map((f) => [f.rule, f.file, f.severity])).toEqual([['duplicate-version', 'db/deploy/users.sql', 'error']]);
    expect(report.findings[0]!.message).toBe(
      'db/deploy/users.sql has the same bytes as db/deploy/users@v1.0.sql: Sqitch records each deploy script\'s SHA-1 once per project ' +
        "(sqitch.changes' unique script_hash), so `sqitch deploy` fails at users with a duplicate key error, and reverts every change it deployed in that run",
    );
  });

  it('a deploy script no change names is never deployed, and says how to plan it', async () => {
    const report = await gate({ ...PROJECT, 'db/deploy/widgets.sql': script('widgets', 'CREATE TABLE IF NOT EXISTS flipr.widgets (id int);') });
    expect(report.findings.map((f) => [f.rule, f.file, f.suggestion])).toEqual([
      ['invalid-name', 'db/deploy/widgets.sql', 'plan it with `sqitch add widgets` (which writes its plan line and keeps this script), or move it out of deploy/'],
    ]);
  });

  it('a script the planned scripts include with psql\'s \\ir or \\i is part of them, not an unplanned change', async () => {
    const report = await gate({
      ...PROJECT,
      'db/deploy/users.sql': '-- Deploy flipr:users to pg\n\\ir common/grants.sql\n',
      'db/deploy/appschema.sql': "CREATE SCHEMA IF NOT EXISTS flipr;\n\\i 'deploy/common/owner.sql'\n",
      'db/deploy/common/grants.sql': 'GRANT USAGE ON SCHEMA flipr TO PUBLIC;\n',
      'db/deploy/common/owner.sql': 'ALTER SCHEMA flipr OWNER TO CURRENT_USER;\n',
      'db/deploy/common/unused.sql': 'SELECT 1;\n',
    });
    expect(report.findings.filter((f) => f.rule === 'invalid-name').map((f) => f.file)).toEqual(['db/deploy/common/unused.sql']);
  });

  it('a planned change without its deploy script stops the deploy there, at its plan line', async () => {
    const files = { ...PROJECT };
    delete files['db/deploy/users.sql'];
    const report = await gate(files);
    expect(report.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['unreadable-file', 'db/sqitch.plan', 5]]);
    expect(report.findings[0]!.message).toContain('its deploy script db/deploy/users.sql is missing');
  });

  it('a plan left with a merge conflict is refused at the marker, and its scripts are still linted', async () => {
    const conflicted = HEADER + line('appschema', 'Add schema') + '<<<<<<< HEAD\n' + line('users', 'Users table', 'appschema') + '=======\n' + line('widgets', 'Widgets', 'appschema') + '>>>>>>> feature\n';
    const report = await gate({ ...PROJECT, 'db/sqitch.plan': conflicted, 'db/deploy/widgets.sql': script('widgets', 'CREATE TABLE flipr.widgets (id int);') });
    const refused = report.findings.filter((f) => f.rule === 'unreadable-file');
    expect(refused.map((f) => [f.file, f.line])).toEqual([['db/sqitch.plan', 5]]);
    expect(refused[0]!.message).toMatch(/line 5 is a git merge-conflict marker/i);
    expect(report.findings.filter((f) => f.rule === 'non-idempotent').map((f) => f.file)).toEqual(['db/deploy/widgets.sql']);
  });

  it('CREATE INDEX CONCURRENTLY inside the BEGIN … COMMIT that sqitch add writes fails; outside it, psql runs it fine', async () => {
    const inside = await gate({ ...PROJECT, 'db/deploy/users.sql': script('users', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_nick ON flipr.users (nickname);') });
    const unsafe = inside.findings.filter((f) => f.rule === 'transaction-unsafe');
    expect(unsafe.map((f) => [f.file, f.line, f.severity])).toEqual([['db/deploy/users.sql', 5, 'error']]);
    expect(unsafe[0]!.suggestion).toContain('BEGIN');
    const outside = await gate({ ...PROJECT, 'db/deploy/users.sql': '-- Deploy flipr:users to pg\n\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_nick ON flipr.users (nickname);\n' });
    expect(outside.findings.filter((f) => f.rule === 'transaction-unsafe')).toEqual([]);
  });

  it('a folder without sqitch.plan is refused with where to look instead', async () => {
    const root = makeTree({ 'db/deploy/users.sql': 'SELECT 1;\n' });
    try {
      const run = await runCliIn(root, ['check', 'db/deploy', '--preset', 'sqitch', '--no-dry-run']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('db/deploy holds no sqitch.plan');
      expect(run.stderr).toContain('give the folder above it');
    } finally {
      removeTree(root);
    }
  });

  it('finds a project whose plan is at the repository root when no folder is given', async () => {
    const root = makeTree(Object.fromEntries(Object.entries(PROJECT).map(([path, text]) => [path.slice('db/'.length), text])));
    try {
      const run = await runCliIn(root, ['check', '--preset', 'sqitch', '--no-dry-run', '--all', '--format', 'json']);
      expect(run.report!.migrations.map((m) => m.file)).toEqual(['deploy/appschema.sql', 'deploy/users.sql']);
    } finally {
      removeTree(root);
    }
  });
});

describe('sqitch project against its base', () => {
  const WIDGETS = script('widgets', 'CREATE TABLE IF NOT EXISTS flipr.widgets (id int);');

  it('a change appended to the plan is new work, and nothing else', async () => {
    const run = await cli(PROJECT, { 'db/sqitch.plan': PLAN + line('widgets', 'Widgets', 'appschema'), 'db/deploy/widgets.sql': WIDGETS });
    expect(run.code).toBe(0);
    expect(run.report!.migrations.map((m) => [m.name, m.status])).toEqual([
      ['appschema', 'applied'],
      ['users', 'applied'],
      ['widgets', 'pending'],
    ]);
  });

  it('`sqitch rework` after a tag moves the deployed script to name@tag.sql and plans a new change: only that is new', async () => {
    const run = await cli(PROJECT, {
      'db/sqitch.plan': PLAN + line('users', 'Users get an email', 'users@v1.0'),
      'db/deploy/users@v1.0.sql': PROJECT['db/deploy/users.sql']!,
      'db/deploy/users.sql': script('users', 'ALTER TABLE flipr.users ADD COLUMN IF NOT EXISTS email text;'),
    });
    expect(run.report!.findings).toEqual([]);
    expect(run.report!.migrations.map((m) => [m.file, m.status])).toEqual([
      ['db/deploy/appschema.sql', 'applied'],
      ['db/deploy/users@v1.0.sql', 'applied'],
      ['db/deploy/users.sql', 'pending'],
    ]);
  });

  it('a change planned before a deployed one is out-of-order: the deployed change gets a new ID, and deploys stop', async () => {
    const plan = HEADER + line('appschema', 'Add schema') + line('widgets', 'Widgets', 'appschema') + line('users', 'Users table', 'appschema') + '@v1.0 2026-01-05T10:00:00Z Ann <ann@example.com> # Tag v1.0\n';
    const run = await cli(PROJECT, { 'db/sqitch.plan': plan, 'db/deploy/widgets.sql': WIDGETS });
    expect(run.code).toBe(1);
    expect(run.report!.findings.map((f) => [f.rule, f.file])).toEqual([['out-of-order', 'db/deploy/widgets.sql']]);
    const [late] = run.report!.findings;
    expect(late!.message).toContain('sqitch.plan puts widgets before users');
    expect(late!.message).toContain('every deployed change planned after widgets gets a new ID');
    expect(late!.message).toContain('Cannot find change … (users) in sqitch.plan');
    expect(late!.suggestion).toContain("Move the widgets line of sqitch.plan below users's");
  });

  it("a deployed change's plan line edited is checksum-drift at that line, naming the ID databases recorded", async () => {
    const plan = HEADER + line('appschema', 'Add schema') + line('users', 'Users table, renamed note', 'appschema');
    const run = await cli(PROJECT, { 'db/sqitch.plan': plan });
    expect(run.code).toBe(1);
    expect(run.report!.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['checksum-drift', 'db/sqitch.plan', 5]]);
    expect(run.report!.findings[0]!.message).toMatch(/now gives users the change ID [0-9a-f]{12}…, but it was deployed as [0-9a-f]{12}…/);
  });

  it("a deployed change's script edited is checksum-drift by Sqitch's SHA-1, and the fix is a rework", async () => {
    const run = await cli(PROJECT, { 'db/deploy/users.sql': script('users', 'CREATE TABLE IF NOT EXISTS flipr.users (nickname text PRIMARY KEY, email text);') });
    expect(run.code).toBe(1);
    const [drift] = run.report!.findings;
    expect([drift!.rule, drift!.file]).toEqual(['checksum-drift', 'db/deploy/users.sql']);
    expect(drift!.message).toContain('Sqitch SHA-1');
    expect(drift!.suggestion).toContain('sqitch rework users');
  });

  it('a deployed change removed from the plan is missing, in Sqitch\'s terms', async () => {
    const run = await cli(PROJECT, { 'db/sqitch.plan': HEADER + line('appschema', 'Add schema') }, ['db/deploy/users.sql']);
    expect(run.code).toBe(1);
    const missing = run.report!.findings.filter((f) => f.rule === 'missing-migration');
    expect(missing.map((f) => f.file)).toEqual(['db/deploy/users.sql']);
    expect(missing[0]!.message).toContain('Cannot find change');
  });
});
