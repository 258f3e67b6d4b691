#!/usr/bin/env node
// The static benchmark: lints a generated 1,600-file / 2 MB migration history end to end through the
// built CLI (dist/cli.js), the same corpus through squawk when it is installed, and the pull-request
// case (one file added on top of the history, `--base HEAD~1`), and libpg-query alone parsing the corpus
// (bench/parser-floor.mjs), the floor under the gate's time, and one large file at two sizes (how time grows with a
// file). Prints a table; never asserts.
// Usage: node bench/static.mjs   (BENCH_REPS=5 repetitions, median; SQUAWK_BIN=path to pick a squawk)

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extraMigration, generateCorpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.bench');
const corpusRoot = join(work, 'corpus');
const FILES = 1600;
const REPS = Number(process.env.BENCH_REPS ?? 5);
const TIME = '/usr/bin/time';

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('bench: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
// A copy of the bundle, run from a folder that holds it alone: a rebuild during the run can't break it.
const bundle = join(work, 'dist');
rmSync(bundle, { recursive: true, force: true });
cpSync(join(root, 'dist'), bundle, { recursive: true });
const cli = join(bundle, 'cli.js');

/** Runs a command once; wall time always, CPU (user+sys) and peak RSS when /usr/bin/time is there. */
function measure(cmd, args, cwd, env = process.env, okCodes = [0, 1]) {
  const timing = join(mkdtempSync(join(tmpdir(), 'mg-bench-')), 'time');
  const timed = existsSync(TIME);
  const start = process.hrtime.bigint();
  const run = timed
    ? spawnSync(TIME, ['-f', '%e %U %S %M', '-o', timing, cmd, ...args], { cwd, env, maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { cwd, env, maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.error || !okCodes.includes(run.status) || run.stdout.length === 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${run.status ?? run.error?.message}:\n${run.stderr}`);
  }
  let cpu = NaN;
  let rssMb = NaN;
  if (timed) {
    const [, user, sys, rssKb] = readFileSync(timing, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpu = user + sys;
    rssMb = rssKb / 1024;
  }
  rmSync(dirname(timing), { recursive: true, force: true });
  return { wall, cpu, rssMb, stdout: run.stdout };
}

/** REPS runs after one warm-up (file cache, WASM compile cache): medians of time, peak of RSS. */
function bench(cmd, args, cwd, env = process.env) {
  measure(cmd, args, cwd, env);
  const runs = Array.from({ length: REPS }, () => measure(cmd, args, cwd, env));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    wall: median(runs.map((r) => r.wall)),
    cpu: median(runs.map((r) => r.cpu)),
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
    stdout: runs[0].stdout,
  };
}

function findSquawk() {
  if (process.env.SQUAWK_BIN) return process.env.SQUAWK_BIN;
  // The native binary first: the npm package's `squawk` is a node wrapper that adds its own start-up.
  for (const modules of [join(work, 'squawk', 'node_modules'), join(root, 'node_modules')]) {
    const scoped = join(modules, '@squawk-cli');
    if (existsSync(scoped)) {
      for (const platform of readdirSync(scoped)) {
        const bin = join(scoped, platform, 'bin', 'squawk');
        if (existsSync(bin)) return bin;
      }
    }
    if (existsSync(join(modules, '.bin', 'squawk'))) return join(modules, '.bin', 'squawk');
  }
  const which = spawnSync('sh', ['-c', 'command -v squawk']);
  return which.status === 0 ? which.stdout.toString().trim() : null;
}

function git(cwd, ...args) {
  const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', '-c', 'commit.gpgsign=false', ...args], { cwd });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

const corpus = generateCorpus({ out: join(corpusRoot, 'migrations'), files: FILES });
const mb = corpus.bytes / 1e6;
console.log(`corpus: ${corpus.files} files, ${mb.toFixed(2)} MB (bench/corpus.mjs); ${REPS} runs each after a warm-up, medians`);

const ours = bench(process.execPath, [cli, 'check', 'migrations', '--all', '--no-dry-run', '--format', 'json'], corpusRoot);
// The same in one thread: what the file rules' worker threads (src/rules/pool.ts) save, and cost.
const oneThread = bench(process.execPath, [cli, 'check', 'migrations', '--all', '--no-dry-run', '--format', 'json'], corpusRoot, {
  ...process.env,
  MIGRATION_GATE_THREADS: '1',
});
if (oneThread.stdout.toString() !== ours.stdout.toString()) throw new Error('the one-thread report differs from the threaded one');
// With the lint cache: the warm-up run fills it, the timed runs read it (what a re-run on unchanged files costs).
rmSync(join(corpusRoot, '.migration-gate-cache'), { recursive: true, force: true });
const cached = bench(process.execPath, [cli, 'check', 'migrations', '--all', '--no-dry-run', '--format', 'json', '--cache'], corpusRoot);
if (cached.stdout.toString() !== ours.stdout.toString()) throw new Error('the report from the lint cache differs from a fresh one');
const report = JSON.parse(ours.stdout.toString());
if (report.migrations.length !== FILES) throw new Error(`migration-gate saw ${report.migrations.length} migrations, expected ${FILES}`);
const syntaxErrors = report.findings.filter((f) => f.rule === 'syntax-error').length;
if (syntaxErrors > 0) console.warn(`warning: ${syntaxErrors} syntax errors in the corpus; the generator needs fixing`);

// The same lint through the Action's bundle, as a workflow_dispatch step with no base (every file in scope) runs it.
const step = mkdtempSync(join(tmpdir(), 'mg-bench-action-'));
writeFileSync(join(step, 'event.json'), '{}');
// The runner makes these files before a step starts; the toolkit appends to them.
for (const f of ['summary.md', 'output.txt']) writeFileSync(join(step, f), '');
const actionEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_ACTIONS: 'true',
  GITHUB_EVENT_NAME: 'workflow_dispatch',
  GITHUB_EVENT_PATH: join(step, 'event.json'),
  GITHUB_REPOSITORY: 'bench/corpus',
  GITHUB_SHA: '0'.repeat(40),
  GITHUB_WORKSPACE: corpusRoot,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_STEP_SUMMARY: join(step, 'summary.md'),
  GITHUB_OUTPUT: join(step, 'output.txt'),
  RUNNER_TEMP: step,
  INPUT_MIGRATIONS: 'migrations',
  'INPUT_DRY-RUN': 'false',
  INPUT_COMMENT: 'off',
};
const action = bench(process.execPath, [join(bundle, 'index.js')], corpusRoot, actionEnv);
// GITHUB_OUTPUT holds `report-path<<delimiter`, then the path: the last run's is the last such pair.
const reportPath = readFileSync(join(step, 'output.txt'), 'utf8').split('\n').findLast((_, i, lines) => lines[i - 1]?.startsWith('report-path<<'));
const actionFindings = JSON.parse(readFileSync(reportPath, 'utf8')).findings.length;
if (actionFindings !== report.findings.length) throw new Error(`the Action found ${actionFindings} findings, the CLI ${report.findings.length}`);
rmSync(step, { recursive: true, force: true });

// What the WASM parser alone costs on this corpus, in the gate's threads: the floor under its own time.
const floor = join(root, 'bench', 'parser-floor.mjs');
const parserTree = bench(process.execPath, [floor, 'migrations', 'tree'], corpusRoot);
const parserCheck = bench(process.execPath, [floor, 'migrations', 'check'], corpusRoot);

const squawkBin = findSquawk();
let squawk = null;
let squawkVersion = '';
if (squawkBin) {
  squawkVersion = spawnSync(squawkBin, ['--version']).stdout.toString().trim();
  squawk = bench(squawkBin, ['migrations/*.sql', '--reporter', 'json'], corpusRoot);
}

// The pull-request case: the history committed, one new file committed on top, `--base HEAD~1`.
const repo = join(work, 'pr-repo');
rmSync(repo, { recursive: true, force: true });
cpSync(join(corpusRoot, 'migrations'), join(repo, 'migrations'), { recursive: true });
git(repo, 'init', '-q');
git(repo, 'add', '.');
git(repo, 'commit', '-q', '-m', 'history');
const extra = extraMigration(FILES);
writeFileSync(join(repo, 'migrations', extra.name), extra.sql);
git(repo, 'add', '.');
git(repo, 'commit', '-q', '-m', 'pull request');
const pr = bench(process.execPath, [cli, 'check', 'migrations', '--base', 'HEAD~1', '--no-dry-run', '--format', 'json'], repo);
const prReport = JSON.parse(pr.stdout.toString());
const prPending = prReport.migrations.filter((m) => m.status === 'pending').map((m) => m.file);
const prOther = prReport.findings.filter((f) => !f.file.endsWith(extra.name));
const squawkPr = squawkBin ? bench(squawkBin, [`migrations/${extra.name}`, '--reporter', 'json'], repo) : null;
// Node's own start on this host, the part of the PR case no code of the gate's can take away.
const nodeStart = bench(process.execPath, ['-e', 'console.log(1)'], repo);
// NODE_EXTRA_CA_CERTS makes node parse a certificate bundle before it runs any code (~0.07 s for Debian's): part of
// every run on a host that sets it, and of none on a GitHub runner, which does not.
const { NODE_EXTRA_CA_CERTS: extraCerts, ...withoutCerts } = process.env;
const bareStart = extraCerts ? bench(process.execPath, ['-e', 'console.log(1)'], repo, withoutCerts) : null;

// One large file: bare statements (every one a non-idempotent finding), a tenth and the whole. The rules judge each
// statement by the events on its own object, so ten times the statements should take about ten times the time.
const largeRoot = join(work, 'large');
rmSync(largeRoot, { recursive: true, force: true });
const large = [2_001, 20_001].map((statements) => {
  const tables = statements / 3;
  const sql = Array.from({ length: Math.floor(tables) }, (_, i) =>
    `CREATE TABLE t${i} (id serial PRIMARY KEY, v text);\nINSERT INTO t${i} (v) VALUES ('x');\nALTER TABLE t${i} ADD COLUMN note text;\n`,
  ).join('');
  const dir = join(largeRoot, String(statements), 'migrations');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '002_large.sql'), sql);
  const run = bench(process.execPath, [cli, 'check', 'migrations', '--all', '--no-dry-run', '--format', 'json'], dirname(dir));
  const findings = JSON.parse(run.stdout.toString()).findings.length;
  const sq = squawkBin ? bench(squawkBin, ['migrations/002_large.sql', '--reporter', 'json'], dirname(dir)) : null;
  return { statements: Math.floor(tables) * 3, bytes: Buffer.byteLength(sql), run, findings, squawk: sq };
});

const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const row = (label, r) =>
  `${label.padEnd(34)}${fmt(r.wall).padStart(8)}${fmt(r.cpu).padStart(8)}${fmt(corpus.files / r.wall, 0).padStart(10)}${fmt(mb / r.wall).padStart(8)}${fmt(r.rssMb, 0).padStart(9)}`;
console.log('');
console.log(`${'whole corpus (--all, static)'.padEnd(34)}${'wall s'.padStart(8)}${'cpu s'.padStart(8)}${'files/s'.padStart(10)}${'MB/s'.padStart(8)}${'RSS MB'.padStart(9)}`);
console.log(row('migration-gate (node dist/cli.js)', ours));
console.log(row('  same, MIGRATION_GATE_THREADS=1', oneThread));
console.log(row('  same, --cache, files unchanged', cached));
console.log(row('the Action (node dist/index.js)', action));
console.log(row('libpg-query alone, JSON trees', parserTree));
console.log(row('libpg-query alone, no tree', parserCheck));
if (squawk) {
  console.log(row(squawkVersion, squawk));
  const ratio = (label, r) => console.log(`${label.padEnd(34)}${fmt(r.wall / squawk.wall).padStart(8)}${fmt(r.cpu / squawk.cpu).padStart(8)}`);
  ratio('ratio migration-gate / squawk', ours);
  ratio('ratio with --cache / squawk', cached);
  ratio('ratio parser alone, no tree', parserCheck);
} else {
  console.log('squawk: not installed (npm install --prefix .bench/squawk squawk-cli, or SQUAWK_BIN=...)');
}
console.log('');
console.log(`pull request adding one file to the ${FILES}-file history (check --base HEAD~1 --no-dry-run):`);
console.log(`  migration-gate: cpu ${fmt(pr.cpu)} s (target < 0.5 s), wall ${fmt(pr.wall)} s, RSS ${fmt(pr.rssMb, 0)} MB; ` +
  `pending ${prPending.length} (${prPending.join(', ')}), findings outside the new file: ${prOther.length}`);
console.log(`  node -e alone on this host: cpu ${fmt(nodeStart.cpu)} s, wall ${fmt(nodeStart.wall)} s (the gate's own part: cpu ${fmt(pr.cpu - nodeStart.cpu)} s)`);
if (bareStart) console.log(`  of which NODE_EXTRA_CA_CERTS (${extraCerts}, set here): cpu ${fmt(nodeStart.cpu - bareStart.cpu)} s`);
if (squawkPr) console.log(`  ${squawkVersion} on the one changed file: cpu ${fmt(squawkPr.cpu)} s, wall ${fmt(squawkPr.wall)} s`);
console.log('');
console.log('one large file of bare statements (check --all --no-dry-run, the file alone in its folder):');
for (const l of large) {
  console.log(`  ${String(l.statements).padStart(6)} statements, ${fmt(l.bytes / 1e6)} MB: cpu ${fmt(l.run.cpu)} s, wall ${fmt(l.run.wall)} s, ` +
    `RSS ${fmt(l.run.rssMb, 0)} MB, ${l.findings} findings` + (l.squawk ? `; ${squawkVersion}: cpu ${fmt(l.squawk.cpu)} s, wall ${fmt(l.squawk.wall)} s` : ''));
}
console.log(`  ten times the statements took ${fmt(large[1].run.cpu / large[0].run.cpu, 1)}× the CPU (linear: about 10×)`);
console.log('');
console.log(`machine: ${process.platform} ${process.arch}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}` +
  (existsSync(TIME) ? '' : ' (install GNU time for CPU and RSS figures)'));
