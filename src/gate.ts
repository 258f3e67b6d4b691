// The Gate: discover → history → rules → dry-run → Report. Orchestration only; it knows nothing of
// terminals or GitHub, so the CLI and the Action get the same report from the same options.

import type { GateOptions } from './options.js';
import type { Migration } from './migration.js';
import { fromGit, type History } from './history/history.js';
import type { Draft, Finding } from './report/finding.js';
import type { DryRun, Report } from './report/report.js';
import { UserError } from './errors.js';
import { loadParser } from './sql/parser.js';
import { optimiseAll } from './v8-tiers.js';
import { discover } from './discover/index.js';
import { atWrittenLines, currentName, discoverCurrent, runsAtWrittenLines, type CurrentMigration } from './discover/graphile-current.js';
import { readGitBase } from './history/git-base.js';
import { checkRules, warmFileRules } from './rules/index.js';
import { markInherited, markInheritedCurrent } from './rules/inherited.js';
import { appliedIndex, buildReport, historyIndex } from './report/build.js';

interface Applied {
  history: History | null;
  /** What the dry-run replays before the pending migrations. */
  baseline: Migration[];
  findings: Draft[];
}

export async function runGate(options: GateOptions): Promise<Report> {
  const found = discover(options, (entries) => warmFileRules(options, entries));
  // graphile-migrate's work in progress, after its committed migrations: a deploy runs `migrate`, which never runs it.
  const current: CurrentMigration = options.mode === 'pr' ? discoverCurrent(options) : { migrations: [], findings: [], written: new Map() };
  const migrations = [...found.migrations, ...current.migrations];
  const applied = await readApplied(options, migrations);
  const ctx = { migrations, history: applied.history, options };
  const findings = [...found.findings, ...current.findings, ...applied.findings];
  let dryRun: DryRun | null = null;
  if (options.dryRun.enabled) {
    const pending = pendingOf(migrations, applied.history, options);
    // The dry-run parses every file: the parser compiles first, on the baseline tier like a static check.
    await loadParser();
    // The engines (pg, PGlite) load only for a dry-run: a static check starts without them.
    optimiseAll();
    const { runDryRun } = await import('./dryrun/index.js');
    const result = await runDryRun({ options: dryRunTarget(options), baseline: applied.baseline, pending, refusedNames: found.refusedNames });
    // The current migration's error, like its findings, at the line it was written at.
    dryRun = runsAtWrittenLines(result.dryRun, current.written);
    findings.push(...result.findings);
  }
  const watched = rerunByWatch(confirmStatic(await checkRules(ctx, findings)), current.migrations);
  const base = applied.history && fromGit(applied.history) ? applied.history : null;
  const ours = base ? markInheritedCurrent(watched, { ...ctx, history: base }) : watched;
  // Judged on the text watch runs, then told where it was written: the lines of an included fixture are the fixture's.
  const checked = atWrittenLines(ours, current.written);
  const judged = base ? markInherited(checked, { migrations: applied.baseline, history: base }, options) : checked;
  return buildReport({ options, migrations, history: applied.history, findings: judged, dryRun });
}

/**
 * `graphile-migrate watch` runs the current migration again on every save, and graphile-migrate requires it to be
 * idempotent: there a statement that breaks on the second run is an error whatever the configured severity.
 */
function rerunByWatch(findings: Finding[], current: Migration[]): Finding[] {
  if (current.length === 0) return findings;
  const files = new Set(current.map((m) => m.file));
  return findings.map((f) => {
    if (!files.has(f.file) || (f.rule !== 'non-idempotent' && f.rule !== 'not-rerunnable')) return f;
    const why = f.rule === 'non-idempotent' ? `\`graphile-migrate watch\` runs ${currentName(f.file)} again on every save, so it must be idempotent: ` : '';
    return { ...f, severity: 'error', message: `${why}${f.message}` };
  });
}

/** The dry-run's not-rerunnable and the static non-idempotent on one statement are one problem: say it once. */
function confirmStatic(findings: Finding[]): Finding[] {
  const key = (f: Finding) => `${f.file}:${f.line}`;
  const proven = new Set(findings.filter((f) => f.rule === 'not-rerunnable').map(key));
  const predicted = new Set(findings.filter((f) => f.rule === 'non-idempotent').map(key));
  return findings
    .filter((f) => !(f.rule === 'not-rerunnable' && predicted.has(key(f))))
    .map((f) => (f.rule === 'non-idempotent' && proven.has(key(f)) ? { ...f, message: `${f.message} The dry-run confirmed it.` } : f));
}

/** What is already applied: the git base in PR mode, the target's history table in deploy mode. */
async function readApplied(options: GateOptions, migrations: Migration[]): Promise<Applied> {
  if (options.mode === 'deploy') {
    const { readHistoryTable } = await import('./history/read-table.js');
    const { history, findings } = await readHistoryTable(options, migrations);
    const entryOf = historyIndex(history);
    // The target ran the files as they are recorded; drift, if any, is its own finding.
    const baseline = migrations.filter((m) => entryOf(m)?.state === 'applied');
    return { history, baseline, findings };
  }
  if (!options.base) return { history: null, baseline: [], findings: [] };
  const base = readGitBase(options, migrations);
  return { history: base.history, baseline: base.migrations, findings: [] };
}

/**
 * Migrations the dry-run proves: those not yet applied. A changed versioned file is drift, not pending; a changed
 * repeatable one (Flyway's `R__`) is pending, as the runner runs it again, after the versioned ones.
 */
function pendingOf(migrations: Migration[], history: History | null, options: GateOptions): Migration[] {
  if (!history) return migrations;
  const applied = appliedIndex(history, options.checksum);
  // The current migration runs after the pending ones, changed or not: they may break it.
  return migrations.filter((m) => m.kind === 'current' || !applied(m));
}

/** In deploy mode --database-url is the production target: the dry-run must never run there. */
function dryRunTarget(options: GateOptions): GateOptions {
  if (options.mode !== 'deploy') return options;
  if (options.dryRun.engine === 'url') {
    throw new UserError('in deploy mode --database-url is the target database and is only read; dry-run with --engine auto, cluster or pglite');
  }
  const { databaseUrl: _target, ...dryRun } = options.dryRun;
  return { ...options, dryRun };
}
