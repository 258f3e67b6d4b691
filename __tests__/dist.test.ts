// dist/ is what users run: it must be current with src/, and it must run from a folder that holds dist/
// alone (GitHub runs the Action from a checkout of this repository without node_modules).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { makeTree, removeTree } from './support/repo.js';
import type { Report } from '../src/report/report.js';
import { parseOutputs } from './support/action-outputs.js';

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

test('the Action bundle runs from a folder holding dist/ alone, as the runner starts it', () => {
  const run = mkdtempSync(join(tmpdir(), 'mg-dist-action-'));
  writeFileSync(join(run, 'event.json'), JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'acme/shop' } }));
  writeFileSync(join(run, 'summary.md'), '');
  writeFileSync(join(run, 'output.txt'), '');
  const r = spawnSync(process.execPath, [join(alone, 'dist', 'index.js')], {
    encoding: 'utf8',
    cwd: project,
    env: {
      PATH: process.env.PATH,
      HOME: alone,
      RUNNER_TEMP: run,
      MIGRATION_GATE_CACHE_DIR: join(alone, 'cache'),
      INPUT_MIGRATIONS: 'migrations',
      INPUT_ENGINE: 'pglite',
      'INPUT_DRY-RUN': 'true',
      'INPUT_FAIL-ON': 'error',
      INPUT_MODE: 'auto',
      INPUT_COMMENT: 'off',
      INPUT_REVIEW: 'off',
      INPUT_APPLY: 'false',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: join(run, 'event.json'),
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: '0'.repeat(40),
      GITHUB_WORKSPACE: project,
      GITHUB_STEP_SUMMARY: join(run, 'summary.md'),
      GITHUB_OUTPUT: join(run, 'output.txt'),
    },
  });
  const summary = readFileSync(join(run, 'summary.md'), 'utf8');
  const outputs = parseOutputs(readFileSync(join(run, 'output.txt'), 'utf8'));
  removeTree(run);
  expect(r.stdout).toContain('::error');
  expect(r.status).toBe(1);
  expect(outputs).toMatchObject({ verdict: 'fail', 'pending-count': '2', 'conflict-count': '1' });
  expect(summary).toContain('duplicate-version');
  expect(summary).toContain('pglite');
}, 120_000);
