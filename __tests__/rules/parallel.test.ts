// The file rules in worker threads find exactly what they find in one thread: same drafts in the same
// order, same directives, on a generated scope large enough for the gate to use workers. The workers run
// the CLI bundle (dist/cli.js), as they do for users; the dist test keeps dist/ current with src/.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeTree, removeTree } from '../support/repo.js';
import { runActionStep } from '../support/run-action.js';
import { testOptions } from '../support/options.js';
import { discover } from '../../src/discover/index.js';
import { loadParser, pg } from '../../src/sql/parser.js';
import { PARALLEL_MIN_FILES, runFileRules, runFileRulesInThreads } from '../../src/rules/index.js';
import { coolDown, setWorkerEntry, warmUp } from '../../src/rules/pool.js';

const FILES = PARALLEL_MIN_FILES + 60;

/** A mix of what the file rules report: guards missing, a syntax error, directives, a non-ASCII name, CONCURRENTLY. */
function body(i: number): string {
  switch (i % 6) {
    case 0:
      return `create table t_${i} (id bigint primary key);\ncreate index t_${i}_id on t_${i} (id);\n`;
    case 1:
      return `-- migration-gate: ignore non-idempotent\nalter table t_${i - 1} add column c text;\ninsert into t_${i - 1} (id) values (1);\n`;
    case 2:
      return `create table if not exists "tää_${i}" (id int);\ncreate index concurrently t_${i}_x on "tää_${i}" (id);\n`;
    case 3:
      return `-- migration-gate: ignore-file non-idempotent\ncreate type mood_${i} as enum ('a');\ndrop table t_${i};\n`;
    case 4:
      return `do $$ begin create role r_${i}; exception when duplicate_object then null; end $$;\ncreate view v_${i} as select 1;\n`;
    default:
      return `create table t_${i} (id int;\n`;
  }
}

let project: string;
let alone: string;

beforeAll(async () => {
  const tree: Record<string, string> = {};
  for (let i = 1; i <= FILES; i++) tree[`migrations/${String(i).padStart(4, '0')}_m.sql`] = body(i);
  project = makeTree(tree);
  alone = mkdtempSync(join(tmpdir(), 'mg-parallel-'));
  // The CLI and Action bundles and what they load at run time, without node_modules or the dry-run's assets.
  for (const f of readdirSync('dist').filter((f) => /(cli|index)\.js$/.test(f) || f === 'libpg-query.wasm' || f === 'package.json')) {
    cpSync(join('dist', f), join(alone, 'dist', f));
  }
}, 60_000);
afterAll(() => [project, alone].forEach(removeTree));

test('worker threads (the bundle) return the same file findings as one thread, in scope order', async () => {
  const options = testOptions({ root: project, folders: [{ path: 'migrations' }], all: true });
  const scope = discover(options).migrations;
  expect(scope).toHaveLength(FILES);
  setWorkerEntry(resolve('dist', 'cli.js'));
  const threaded = await runFileRulesInThreads(scope, options, { workers: 2, mainThread: false });
  // This thread never loaded the parser, so it parsed nothing: every finding crossed from a worker.
  expect(() => pg()).toThrow(/not loaded/);
  await loadParser();
  const inProcess = runFileRules(scope, options);
  expect(inProcess.flatMap((f) => f.drafts).filter((d) => d.rule === 'syntax-error')).toHaveLength(Math.floor(FILES / 6));
  expect(inProcess.filter((f) => f.directives).length).toBeGreaterThan(FILES / 3);
  // Workers' results are structured clones made outside jest's realm: compare them as plain data.
  expect(plain(threaded)).toEqual(plain(inProcess));
}, 60_000);

test('workers started before the run serve it, and a warm-up for other options is not used', async () => {
  const options = testOptions({ root: project, folders: [{ path: 'migrations' }], all: true });
  const scope = discover(options).migrations;
  setWorkerEntry(resolve('dist', 'cli.js'));
  await loadParser();
  const inProcess = plain(runFileRules(scope, options));
  warmUp(2, options);
  // Booted and idle before the run: the run posts to them at once.
  await new Promise((r) => setTimeout(r, 1000));
  expect(plain(await runFileRulesInThreads(scope, options, { workers: 2, mainThread: false }))).toEqual(inProcess);
  // Workers warmed with other options would lint by other rules: the run starts its own.
  const quiet = { ...options, rules: { ...options.rules, 'non-idempotent': 'off' as const } };
  warmUp(2, quiet);
  expect(plain(await runFileRulesInThreads(scope, options, { workers: 2, mainThread: false }))).toEqual(inProcess);
  warmUp(1, options);
  coolDown();
}, 60_000);

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_, v) => (Object.prototype.toString.call(v) === '[object Set]' ? [...(v as Set<unknown>)].sort() : v)));
}

test('the CLI run from a folder holding dist/ alone reports the same with workers as in one thread', () => {
  const run = (threads: string) => {
    const r = spawnSync(process.execPath, [join(alone, 'dist', 'cli.js'), 'check', 'migrations', '--all', '--no-dry-run', '--format', 'json'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, MIGRATION_GATE_THREADS: threads },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    return JSON.parse(r.stdout);
  };
  const one = run('1');
  expect(one.findings.length).toBeGreaterThan(FILES);
  expect(run('3')).toEqual(one);
}, 60_000);

test("the Action's workers run the CLI bundle beside it: the same report as in one thread, and no worker fails", async () => {
  const run = async (threads: string) => {
    const step = await runActionStep({
      bundle: join(alone, 'dist', 'index.js'),
      work: alone,
      workspace: project,
      eventName: 'workflow_dispatch',
      event: {},
      sha: '0'.repeat(40),
      inputs: { migrations: 'migrations', 'dry-run': 'false', comment: 'off' },
      env: { MIGRATION_GATE_THREADS: threads },
    });
    expect(step.log).not.toMatch(/worker thread failed/);
    expect(step.code).toBe(1);
    return JSON.parse(readFileSync(step.outputs['report-path']!, 'utf8'));
  };
  const one = await run('1');
  expect(one.findings.length).toBeGreaterThan(FILES);
  expect(await run('3')).toEqual(one);
}, 60_000);
