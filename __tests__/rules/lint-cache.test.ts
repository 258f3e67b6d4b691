// The lint cache (--cache, `cache:` in the config): a second run reuses the file rules' findings for
// unchanged files, and never reports a stale one: a changed file, changed options or another build
// lint afresh. A cache that cannot be read or written costs only the speed-up.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli.js';
import { git, makeTree, removeTree } from '../support/repo.js';
import type { Report } from '../../src/report/report.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

const FILES = {
  'migrations/001_users.sql': 'create table users (id bigint primary key);\n',
  'migrations/002_orders.sql': '-- migration-gate: ignore non-idempotent\ncreate table orders (id bigint);\ncreate index orders_id on orders (id);\n',
  'migrations/003_bad.sql': 'create table broken (id int;\n',
};

function project(extra: Record<string, string> = {}): string {
  const root = makeTree({ ...FILES, ...extra });
  roots.push(root);
  return root;
}

async function check(root: string, ...flags: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', 'migrations', '--all', '--no-dry-run', '--format', 'json', ...flags], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    cwd: root,
    color: false,
  });
  return { code, report: JSON.parse(stdout) as Report, stderr };
}

const cacheFile = (root: string, dir = '.migration-gate-cache') => join(root, dir, 'lint-v1.json');
const messages = (r: Report) => r.findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`);

/** Rewrites every cached message of `file`: what a run prints afterwards shows whether it read the cache. */
function markCached(root: string, file: string, dir?: string): void {
  const stored = JSON.parse(readFileSync(cacheFile(root, dir), 'utf8'));
  for (const d of stored.files[file].drafts) d.message = `CACHED ${d.message}`;
  writeFileSync(cacheFile(root, dir), JSON.stringify(stored));
}

test('a second run with --cache reports exactly what a run without it reports, from the cache', async () => {
  const root = project();
  const fresh = await check(root);
  const first = await check(root, '--cache');
  expect(first.report).toEqual(fresh.report);
  expect(existsSync(cacheFile(root))).toBe(true);
  markCached(root, 'migrations/001_users.sql');
  const second = await check(root, '--cache');
  expect(messages(second.report)).toContain(
    'non-idempotent migrations/001_users.sql:1 CACHED CREATE TABLE users fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table).',
  );
  // The directive in 002 still silences its CREATE TABLE, and 003's syntax error still fails the gate.
  expect(second.code).toBe(1);
  expect(messages(second.report).filter((m) => m.includes('002_orders'))).toEqual([
    expect.stringMatching(/^non-idempotent migrations\/002_orders.sql:3 CREATE INDEX orders_id/),
  ]);
  expect(second.report.findings.map((f) => f.rule)).toContain('syntax-error');
});

test('a changed file, a changed option or a rule turned off lints afresh: nothing stale is reported', async () => {
  const root = project();
  await check(root, '--cache');
  markCached(root, 'migrations/001_users.sql');
  markCached(root, 'migrations/002_orders.sql');
  writeFileSync(join(root, 'migrations/001_users.sql'), 'create table if not exists users (id bigint primary key);\ndrop table old_users;\n');
  const edited = await check(root, '--cache');
  expect(messages(edited.report).filter((m) => m.includes('001_users'))).toEqual([
    'non-idempotent migrations/001_users.sql:2 DROP TABLE old_users fails when the file runs a second time: the table is already gone (SQLSTATE 42P01 undefined_table).',
  ]);
  // 002 did not change: still from the cache.
  expect(messages(edited.report).some((m) => m.includes('002_orders') && m.includes('CACHED'))).toBe(true);

  // Turning the rule off in the config reaches the rules: the cache written with it on is not used.
  writeFileSync(join(root, '.migration-gate.yml'), 'rules:\n  non-idempotent: off\n');
  expect((await check(root, '--cache')).report.findings.map((f) => f.rule)).toEqual(['syntax-error']);
  writeFileSync(join(root, '.migration-gate.yml'), 'rules:\n  non-idempotent: error\n');
  const again = await check(root, '--cache');
  expect(messages(again.report).some((m) => m.includes('CACHED'))).toBe(false);
  expect(again.report.findings.filter((f) => f.rule === 'non-idempotent').map((f) => f.severity)).toEqual(['error', 'error']);
});

test('--search-path decides which schema an unqualified name stands for, so a run with another one lints afresh', async () => {
  const root = project({ 'migrations/004_schema.sql': 'drop table if exists t;\ncreate table s.t (id int);\n' });
  const finding = (r: Report) => messages(r).filter((m) => m.includes('004_schema'));
  expect(finding((await check(root, '--cache')).report)).toEqual([expect.stringMatching(/^non-idempotent migrations\/004_schema.sql:2 CREATE TABLE s.t fails/)]);
  expect(finding((await check(root, '--cache', '--search-path', 's, public')).report)).toEqual([]);
  expect(finding((await check(root, '--cache')).report)).toHaveLength(1);
});

test('an INSERT advised by an earlier file\'s keys lints afresh when an earlier file that names its table changes, and only then', async () => {
  const root = makeTree({
    'migrations/001_roles.sql': 'create table roles (id serial primary key, name text not null);\n',
    'migrations/003_seed.sql': "insert into roles (name) values ('admin');\n",
  });
  roots.push(root);
  const seed = (r: Report) => r.findings.filter((f) => f.file === 'migrations/003_seed.sql').map((f) => [f.message, f.fix?.replacement]);
  const twice = 'INSERT INTO roles applies twice when the file runs a second time: the rows are inserted again.';
  expect(seed((await check(root, '--cache')).report)).toEqual([[twice, undefined]]);
  markCached(root, 'migrations/003_seed.sql');
  // An earlier file that does not name the table leaves the advice as it was: still from the cache.
  writeFileSync(join(root, 'migrations/002_plans.sql'), 'create table if not exists plans (code text primary key);\n');
  expect(seed((await check(root, '--cache')).report)).toEqual([[`CACHED ${twice}`, undefined]]);
  // One that gives roles a unique key on the column the INSERT fills changes it.
  writeFileSync(join(root, 'migrations/002_plans.sql'), 'create unique index if not exists roles_name on roles (name);\n');
  expect(seed((await check(root, '--cache')).report)).toEqual([
    [
      'INSERT INTO roles applies twice when the file runs a second time: the rows are inserted again, or the run fails on a unique key (SQLSTATE 23505 unique_violation).',
      "insert into roles (name) values ('admin') ON CONFLICT DO NOTHING;",
    ],
  ]);
});

test('a placeholder value changes what a templated file parses to, so it lints afresh', async () => {
  const root = project({ 'migrations/004_tpl.sql': 'create table ${schema}.things (id int);\n' });
  // Named as the file writes it, whatever the value: only the cache mark tells a cached finding from a fresh one.
  const at = 'non-idempotent migrations/004_tpl.sql:1';
  const message = 'CREATE TABLE ${schema}.things fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table).';
  expect(messages((await check(root, '--cache', '--placeholder', 'schema=app')).report)).toContain(`${at} ${message}`);
  markCached(root, 'migrations/004_tpl.sql');
  expect(messages((await check(root, '--cache', '--placeholder', 'schema=app')).report)).toContain(`${at} CACHED ${message}`);
  expect(messages((await check(root, '--cache', '--placeholder', 'schema=billing')).report)).toContain(`${at} ${message}`);
});

test("Flyway's built-ins (${flyway:defaultSchema} from --search-path, ${flyway:table} from --history-table): a cached run reports what a fresh one does", async () => {
  const root = makeTree({
    'migrations/V1__init.sql': 'CREATE TABLE app.plans (id int PRIMARY KEY, name text);\nCREATE TABLE audit (id int PRIMARY KEY);\n',
    'migrations/V2__seed.sql': "INSERT INTO ${flyway:defaultSchema}.plans (id, name) VALUES (1, 'free');\nINSERT INTO audit (id) SELECT count(*) FROM ${flyway:table};\n",
  });
  roots.push(root);
  const flyway = (...flags: string[]) => ['--preset', 'flyway', ...flags];
  for (const flags of [flyway('--search-path', 'app'), flyway('--history-table', 'app.deploys'), flyway('--search-path', 'app', '--history-table', 'deploys')]) {
    const fresh = await check(root, ...flags, '--no-cache');
    await check(root, ...flyway('--cache'));
    expect(await check(root, ...flags, '--cache')).toEqual(fresh);
  }
  // The search path changes the advice on the INSERT into app.plans (its key is known).
  const seed = (r: Report) => r.findings.filter((f) => f.file === 'migrations/V2__seed.sql' && f.line === 1).map((f) => f.fix?.replacement ?? null);
  expect(seed((await check(root, ...flyway('--search-path', 'app', '--cache'))).report)).toEqual([
    "INSERT INTO ${flyway:defaultSchema}.plans (id, name) VALUES (1, 'free') ON CONFLICT DO NOTHING;",
  ]);
  // Another history table reaches only the file that names it; another search path reaches every file (it places unqualified names).
  await check(root, ...flyway('--search-path', 'app', '--history-table', 'deploys', '--cache'));
  markCached(root, 'migrations/V1__init.sql');
  expect(messages((await check(root, ...flyway('--search-path', 'app', '--history-table', 'other', '--cache'))).report).filter((m) => m.includes('V1__init'))).toEqual([
    expect.stringContaining('CACHED'),
    expect.stringContaining('CACHED'),
  ]);
});

test('the cache folder keeps itself out of git, and forgets files that are gone', async () => {
  const root = project();
  git(root, 'init', '-q');
  await check(root, '--cache');
  expect(git(root, 'status', '--porcelain', '--untracked-files=all')).not.toContain('.migration-gate-cache');
  removeTree(join(root, 'migrations/003_bad.sql'));
  await check(root, '--cache');
  expect(Object.keys(JSON.parse(readFileSync(cacheFile(root), 'utf8')).files).sort()).toEqual(['migrations/001_users.sql', 'migrations/002_orders.sql']);
});

test('a corrupt cache is replaced, and the findings are complete', async () => {
  const root = project();
  const fresh = await check(root);
  await check(root, '--cache');
  writeFileSync(cacheFile(root), '{"tool": "0.1.0+x", "files": [tru');
  expect((await check(root, '--cache')).report).toEqual(fresh.report);
  expect(JSON.parse(readFileSync(cacheFile(root), 'utf8')).files['migrations/001_users.sql'].drafts).toHaveLength(1);
});

test('`cache:` in the config turns it on (a folder of your choice), and --no-cache turns it off for one run', async () => {
  const root = project({ '.migration-gate.yml': 'cache: .cache/gate\n' });
  await check(root);
  expect(existsSync(cacheFile(root, '.cache/gate'))).toBe(true);
  markCached(root, 'migrations/001_users.sql', '.cache/gate');
  expect(messages((await check(root)).report).some((m) => m.includes('CACHED'))).toBe(true);
  expect(messages((await check(root, '--no-cache')).report).some((m) => m.includes('CACHED'))).toBe(false);
});

/** The built CLI, as a user runs it: exit code, report and what it says on stderr. */
function runBuilt(root: string, ...flags: string[]) {
  const r = spawnSync(process.execPath, [resolve('dist/cli.js'), 'check', 'migrations', '--all', '--no-dry-run', '--format', 'json', ...flags], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

test('a cache that cannot be written costs one warning line on stderr, not a finding or the exit code', async () => {
  const root = project({ 'not-a-folder': '' });
  const blocked = await check(root, '--cache-dir', 'not-a-folder/cache');
  expect(blocked.stderr).toMatch(/^migration-gate: warning: the lint cache was not saved in .*not-a-folder\/cache \(ENOTDIR.*the findings are complete without it\n$/);
  expect(blocked.code).toBe(1);
  expect(blocked.report).toEqual((await check(root)).report);
});

test('the built CLI keys its cache to its build: a cache from another build is not used', () => {
  const root = project();
  const run = () => {
    const r = runBuilt(root, '--cache');
    expect(r.stderr).toBe('');
    return messages(r.report);
  };
  const first = run();
  const stored = JSON.parse(readFileSync(cacheFile(root), 'utf8'));
  // The bundle carries a hash of its sources (scripts/build.mjs), not the placeholder of src/.
  expect(stored.tool).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{16}$/);
  markCached(root, 'migrations/001_users.sql');
  expect(run().some((m) => m.includes('CACHED'))).toBe(true);
  const other = JSON.parse(readFileSync(cacheFile(root), 'utf8'));
  writeFileSync(cacheFile(root), JSON.stringify({ ...other, tool: `${stored.tool.split('+')[0]}+0123456789abcdef` }));
  expect(run()).toEqual(first);
});
