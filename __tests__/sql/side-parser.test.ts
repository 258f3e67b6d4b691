// Statements nested too deep for a thread's stack, through the built bundles as users run them: the thread's parse
// overflows and the side worker (src/sql/side-parser.ts) parses it again. However many there are, the files after
// them parse as they are; and a statement gets the same report in whichever thread it was linted.
// MIGRATION_GATE_DIST names another build than dist/.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeTree } from '../support/repo.js';
import { ACTION_BUNDLE, runActionStep } from '../support/run-action.js';
import { PARALLEL_MIN_FILES } from '../../src/rules/index.js';
import type { Report } from '../../src/report/report.js';

const CLI_BUNDLE = resolve(process.env.MIGRATION_GATE_DIST ?? 'dist', 'cli.js');

const STACK = 'Syntax error: stack depth limit exceeded: PostgreSQL refuses a statement nested this deep (split it into smaller statements).';
/** Terms of `1+1+...` no thread parses: the side worker takes ~58,500. */
const OVER_DEEP = 100_000;
/** Terms of `1+1+...` a worker parses in its own stack (~38,400) and the main thread does not (~9,600). */
const MID_DEEP = 20_000;

const plus = (terms: number) => Array(terms).fill('1').join('+');
const file = (i: number) => `migrations/${String(i).padStart(4, '0')}_m.sql`;
const healthy = (i: number) => `CREATE TABLE h${i} (id int PRIMARY KEY);\n`;

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const root = makeTree(files);
  folders.push(root);
  return root;
}

/** `migration-gate check` of every file, as `file:line:column rule message` per finding. */
function check(root: string, threads: string): string[] {
  const r = spawnSync(process.execPath, [CLI_BUNDLE, 'check', 'migrations', '--all', '--no-dry-run', '--format', 'json'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MIGRATION_GATE_THREADS: threads },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.stderr).toBe('');
  return findings(JSON.parse(r.stdout) as Report);
}

const findings = (report: Report) => report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`);

test('40 files with a statement too deep for any thread: each gets the stack depth error at it, the healthy files after them their findings alone', () => {
  const tree: Record<string, string> = {};
  for (let i = 1; i <= 40; i++) tree[file(i)] = `CREATE TABLE IF NOT EXISTS d${i} (a int);\n\nUPDATE d${i} SET a = ${plus(OVER_DEEP)};\n`;
  for (let i = 41; i <= 50; i++) tree[file(i)] = healthy(i);
  const seen = check(project(tree), '1');
  expect(seen.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, i) => `${file(i + 1)}:3:1 syntax-error ${STACK}`));
  expect(seen.slice(40)).toEqual(Array.from({ length: 10 }, (_, i) => expect.stringMatching(new RegExp(`^${file(i + 41)}:1:1 non-idempotent CREATE TABLE h${i + 41} fails`))));
}, 120_000);

test('a statement deeper than the main thread parses and not a worker: the same findings in one thread as in three, by the CLI and by the Action', async () => {
  const tree: Record<string, string> = {};
  const count = PARALLEL_MIN_FILES + 40;
  // Spread out, so that with three threads both the main thread and the workers lint some of them.
  const deep = (i: number) => i % 30 === 0;
  for (let i = 1; i <= count; i++) tree[file(i)] = deep(i) ? `CREATE TABLE IF NOT EXISTS m${i} (a int);\nUPDATE m${i} SET a = a+${plus(MID_DEEP)};\n` : healthy(i);
  const root = project(tree);
  const one = check(root, '1');
  const updates = one.filter((f) => / UPDATE m\d+ applies twice/.test(f));
  expect(updates).toHaveLength(count / 30);
  expect(one.filter((f) => f.includes('syntax-error'))).toEqual([]);
  expect(check(root, '3')).toEqual(one);

  const work = mkdtempSync(join(tmpdir(), 'mg-side-action-'));
  folders.push(work);
  const step = await runActionStep({
    bundle: ACTION_BUNDLE,
    work,
    workspace: root,
    eventName: 'workflow_dispatch',
    event: {},
    sha: '0'.repeat(40),
    inputs: { migrations: 'migrations', 'dry-run': 'false', comment: 'off' },
    env: { MIGRATION_GATE_THREADS: '1' },
  });
  expect(findings(JSON.parse(readFileSync(step.outputs['report-path']!, 'utf8')) as Report)).toEqual(one);
}, 120_000);

test('a DO block whose body holds 30 statements too deep for any thread: the files after it parse and get their findings', () => {
  const tree: Record<string, string> = { [file(1)]: `DO $$\nBEGIN\n${`  PERFORM ${plus(OVER_DEEP)};\n`.repeat(30)}END $$;\n` };
  for (let i = 2; i <= 11; i++) tree[file(i)] = healthy(i);
  expect(check(project(tree), '1')).toEqual(Array.from({ length: 10 }, (_, i) => expect.stringMatching(new RegExp(`^${file(i + 2)}:1:1 non-idempotent CREATE TABLE h${i + 2} fails`))));
}, 120_000);
