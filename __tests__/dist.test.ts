// dist/ is what users run: it must be current with src/, and it must run from a folder that holds dist/
// alone (GitHub runs the Action from a checkout of this repository without node_modules).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { makeTree, removeTree } from './support/repo.js';
import type { Report } from '../src/report/report.js';
import { runActionStep } from './support/run-action.js';

const fresh = mkdtempSync(join(tmpdir(), 'mg-dist-fresh-'));
const alone = mkdtempSync(join(tmpdir(), 'mg-dist-alone-'));
let project: string;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs', fresh], { stdio: 'pipe' });
  cpSync('dist', join(alone, 'dist'), { recursive: true });
  project = makeTree({
    'migrations/001_users.sql': 'create table if not exists users (id bigint primary key);\n',
    'migrations/001_orders.sql': 'create table if not exists orders (id bigint primary key, user_id bigint references users(id));\n',
  });
}, 300_000);
afterAll(() => [fresh, alone, project].forEach(removeTree));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

test('dist/ is current: rebuilding from src/ gives the same files, byte for byte', () => {
  expect(files('dist')).toEqual(files(fresh));
  const stale = files(fresh).filter((f) => !readFileSync(join('dist', f)).equals(readFileSync(join(fresh, f))));
  expect({ stale, fix: stale.length ? 'run `npm run build` and commit dist/ with the src/ change' : 'none' }).toEqual({ stale: [], fix: 'none' });
});

test('the CLI bundle runs from a folder holding dist/ alone, embedded engine included', () => {
  const r = spawnSync(process.execPath, [join(alone, 'dist', 'cli.js'), 'check', 'migrations', '--engine', 'pglite', '--format', 'json'], {
    cwd: project,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: alone, MIGRATION_GATE_CACHE_DIR: join(alone, 'cache') },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(1);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'duplicate-version', file: 'migrations/001_users.sql' }));
  expect(report.dryRun).toMatchObject({ engine: 'pglite', serverVersion: expect.stringMatching(/^18\./) });
  expect(report.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([
    ['migrations/001_orders.sql', 'failed'],
    ['migrations/001_users.sql', 'skipped'],
  ]);
});

test('`npx migration-gate` resolves the bin to the bundle', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
  const r = spawnSync(process.execPath, [join(alone, pkg.bin['migration-gate']!), '--version'], { encoding: 'utf8' });
  expect(r.stdout).toBe(`migration-gate ${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
});

test('the Action bundle runs from a folder holding dist/ alone, as the runner starts it', async () => {
  const work = mkdtempSync(join(tmpdir(), 'mg-dist-action-'));
  const r = await runActionStep({
    bundle: join(alone, 'dist', 'index.js'),
    work,
    workspace: project,
    eventName: 'push',
    event: { ref: 'refs/heads/main', repository: { full_name: 'acme/shop' } },
    sha: '0'.repeat(40),
    inputs: { migrations: 'migrations', engine: 'pglite', 'dry-run': 'true', 'fail-on': 'error', mode: 'auto', comment: 'off', review: 'off', apply: 'false' },
    env: { HOME: alone, MIGRATION_GATE_CACHE_DIR: join(alone, 'cache') },
  });
  const { summary, outputs } = r;
  removeTree(work);
  expect(r.stdout).toContain('::error');
  expect(r.code).toBe(1);
  expect(outputs).toMatchObject({ verdict: 'fail', 'pending-count': '2', 'conflict-count': '1' });
  expect(summary).toContain('duplicate-version');
  expect(summary).toContain('pglite');
}, 120_000);
