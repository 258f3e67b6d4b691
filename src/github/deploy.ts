// The Action's deploy step: after the gate, apply the pending migrations to the target when the
// workflow opted in with `apply: true` and the gate passed; say in the summary what was (not) applied.

import type { GateOptions } from '../options.js';
import type { Report } from '../report/report.js';
import { isUserError } from '../errors.js';
import { redactUrl, safeDecode } from '../redact.js';
import { discover } from '../discover/index.js';
import { applyPending, summaryLine, type ApplyResult } from '../deploy/apply.js';
import { code, message } from '../report/markdown.js';

export interface DeployOutcome {
  /** Files this step applied to the target, in order. */
  applied: string[];
  /** The gate's report as the target stands after the apply: the files applied are no longer pending. */
  report: Report;
  /** Markdown for the job summary, right under the verdict. */
  markdown: string;
  /** Why the step fails, or null when it succeeded. */
  failure: string | null;
}

/** `host:port/database` of a connection URL: what the summary names as the target (no user, no password). */
export function targetLabel(url: string): string {
  if (!URL.canParse(url)) return 'the database-url';
  const u = new URL(url);
  const host = u.hostname || u.searchParams.get('host') || 'localhost';
  return `${host}${u.port ? `:${u.port}` : ''}/${safeDecode(u.pathname.slice(1)) || '(default database)'}`;
}

const HEADING = '#### Apply to the target';

/** Applies when the gate passed; a failed gate applies nothing, and says so. */
export async function applyAfterGate(options: GateOptions, report: Report, log: (line: string) => void): Promise<DeployOutcome> {
  if (report.verdict === 'fail') {
    const { errors, warnings } = report.summary;
    return {
      applied: [],
      report,
      markdown: section('❌ Nothing was applied: the gate failed (see below). Fix the problems and deploy again.'),
      failure: `migration-gate: ${errors} error(s), ${warnings} warning(s); nothing was applied to the target. See the job summary.`,
    };
  }
  let result: ApplyResult;
  try {
    const { migrations, refusedNames } = discover(options);
    result = await applyPending(options, migrations, { log }, {}, refusedNames);
  } catch (e) {
    if (!isUserError(e)) throw e;
    // Refused under the lock (drift appeared meanwhile, another deploy holds it, a table it may not write).
    const why = redactUrl(e.message);
    return { applied: [], report, markdown: section('❌ Nothing was applied:', [quote(why)]), failure: `migration-gate: nothing was applied: ${why}` };
  }
  const line = summaryLine(result);
  const list = result.applied.map((f) => `- ${code(f)}`);
  const after = appliedOnTarget(report, result.applied);
  if (!result.failed) {
    return { applied: result.applied, report: after, markdown: section(`✅ ${line}`, list), failure: null };
  }
  const error = redactUrl(result.failed.error);
  return {
    applied: result.applied,
    report: after,
    markdown: section(
      `❌ ${code(result.failed.file)} failed; it was not recorded and nothing after it ran (the step log says what stayed applied).`,
      [quote(error), '', line, ...(list.length ? ['', 'Applied before it:', ...list] : [])],
    ),
    failure: `migration-gate: applying ${result.failed.file} failed: ${error} (${line})`,
  };
}

/** `report` with `applied` recorded on the target: their status applied, and the pending count without them. */
function appliedOnTarget(report: Report, applied: string[]): Report {
  const done = new Set(applied);
  const migrations = report.migrations.map((m) => (done.has(m.file) ? { ...m, status: 'applied' as const } : m));
  return { ...report, migrations, summary: { ...report.summary, pending: migrations.filter((m) => m.status === 'pending').length } };
}

function section(headline: string, body: string[] = []): string {
  return [HEADING, '', headline, ...(body.length ? ['', ...body] : [])].join('\n');
}

/** An error as a block quote, line by line, its `quoted` parts as code (all of it escaped: it names files). */
function quote(error: string): string {
  return error
    .split(/\r?\n/)
    .map((l) => `> ${message(l)}`)
    .join('\n>\n');
}
