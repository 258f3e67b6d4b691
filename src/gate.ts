// The Gate: discover → history → rules → dry-run → Report. Orchestration only; it knows nothing of
// terminals or GitHub, so the CLI and the Action get the same report from the same options.

import type { GateOptions } from './options.js';
import type { Report } from './report/report.js';
import { loadParser } from './sql/parser.js';
import { discover } from './discover/index.js';
import { readGitBase } from './history/git-base.js';
import { runRules } from './rules/index.js';
import { buildReport } from './report/build.js';

export async function runGate(options: GateOptions): Promise<Report> {
  const parserReady = loadParser();
  const found = discover(options);
  const base = options.base ? readGitBase(options) : null;
  const history = base?.history ?? null;
  await parserReady;
  const findings = runRules({ migrations: found.migrations, history, options }, found.findings);
  return buildReport({ options, migrations: found.migrations, history, findings, dryRun: null });
}
