// The CLI run in-process in a folder, as a user runs it there: its exit code, what it printed, and its JSON report.

import { runCli } from '../../src/cli.js';
import type { Report } from '../../src/report/report.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The JSON report, where `--format json` printed one. */
  report: Report | null;
}

/** `migration-gate <argv>` in `cwd`, with `env` as its whole environment and no colour. */
export async function runCliIn(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd, color: false });
  const json = argv.includes('json') && stdout.trimStart().startsWith('{');
  return { code, stdout, stderr, report: json ? (JSON.parse(stdout) as Report) : null };
}
