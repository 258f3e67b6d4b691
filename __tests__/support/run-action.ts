// Runs the built Action bundle the way the runner does: INPUT_* variables, an event payload file, the
// step summary and GITHUB_OUTPUT files in a fresh folder, and reads back what the step wrote.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeGitHub } from '../github/fake-github.js';

/** The built Action as action.yml runs it; MIGRATION_GATE_DIST names another build. */
export const ACTION_BUNDLE = resolve(process.env.MIGRATION_GATE_DIST ?? 'dist', 'index.js');

/** Stops a suite before its first test when the bundle it spawns is not built. */
export function requireBundle(): void {
  if (!existsSync(ACTION_BUNDLE)) {
    throw new Error(`${ACTION_BUNDLE} is missing: run \`npm run build\` (or scripts/build.mjs <dir>) before the end-to-end tests`);
  }
}

/** A suite's fake GitHub API, started before its tests, emptied before each, and its work folder, removed after. */
export function suiteWithFakeGitHub(prefix: string): { github: FakeGitHub; work: string } {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const github = new FakeGitHub();
  beforeAll(async () => {
    requireBundle();
    await github.start();
  });
  afterAll(async () => {
    await github.stop();
    rmSync(work, { recursive: true, force: true });
  });
  beforeEach(() => github.reset());
  return { github, work };
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived: the step's log. */
  log: string;
  summary: string;
  outputs: Record<string, string>;
}

export interface ActionStep {
  bundle: string;
  /** Where the run's own folder (event, summary, outputs) is made. */
  work: string;
  workspace: string;
  eventName: string;
  event: unknown;
  sha: string;
  /** GitHub's API; none for a step that must not reach it. */
  apiUrl?: string;
  /** Input names as action.yml spells them, e.g. `dry-run`. */
  inputs: Record<string, string>;
  /** Further variables, or replacements (HOME, MIGRATION_GATE_CACHE_DIR). */
  env?: Record<string, string>;
}

export async function runActionStep(step: ActionStep): Promise<ActionRun> {
  const run = mkdtempSync(join(step.work, 'run-'));
  writeFileSync(join(run, 'event.json'), JSON.stringify(step.event));
  writeFileSync(join(run, 'summary.md'), '');
  writeFileSync(join(run, 'output.txt'), '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: step.eventName,
    GITHUB_EVENT_PATH: join(run, 'event.json'),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: step.sha,
    GITHUB_WORKSPACE: step.workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_STEP_SUMMARY: join(run, 'summary.md'),
    GITHUB_OUTPUT: join(run, 'output.txt'),
    RUNNER_TEMP: run,
    ...(step.apiUrl ? { GITHUB_API_URL: step.apiUrl } : {}),
    ...step.env,
  };
  for (const [name, value] of Object.entries(step.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [step.bundle], { cwd: step.workspace, env });
  let stdout = '';
  let stderr = '';
  let log = '';
  child.stdout.on('data', (d) => ((stdout += d), (log += d)));
  child.stderr.on('data', (d) => ((stderr += d), (log += d)));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return {
    code,
    stdout,
    stderr,
    log,
    summary: readFileSync(join(run, 'summary.md'), 'utf8'),
    outputs: parseOutputs(readFileSync(join(run, 'output.txt'), 'utf8')),
  };
}

/** The GITHUB_OUTPUT file format: `name<<delimiter`, the value lines, `delimiter`. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i]!.match(/^([\w-]+)<<(.+)$/);
    if (!m) continue;
    const value: string[] = [];
    while (lines[++i] !== m[2]) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}
