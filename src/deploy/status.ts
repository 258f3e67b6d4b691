// `migration-gate status`: what the target's history table says is applied (when, how long) and
// what is pending, with the set rules' findings (drift, missing, out-of-order, dirty rows).

import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import type { Report, ReportMigration } from '../report/report.js';
import { readHistoryTable, type LocatedTable } from '../history/read-table.js';
import { tableName } from '../history/tables/table.js';
import { loadParser } from '../sql/parser.js';
import { runRules } from '../rules/index.js';
import { buildReport } from '../report/build.js';

/** A target's status: the deploy-mode report, and why nothing is applied where it has no history table (the report's base names the table either way). */
export interface Status {
  report: Report;
  noTable: string | null;
}

/** The deploy-mode report without a dry-run: statuses from the history table, findings from the rules. */
export async function readStatus(options: GateOptions, migrations: Migration[]): Promise<Status> {
  const parserReady = loadParser();
  const { history, findings: drafts, located } = await readHistoryTable(options, migrations);
  await parserReady;
  const findings = runRules({ migrations, history, options }, drafts);
  const report = buildReport({ options, migrations, history, findings, dryRun: null });
  return { report, noTable: located.exists ? null : absent(located, options) };
}

function absent(located: LocatedTable, options: GateOptions): string {
  return options.history.format === 'auto' && !options.history.table
    ? 'no history table of a known runner exists here, so nothing is applied yet (set history and history-table if yours is elsewhere)'
    : `${tableName(located.table)}, ${located.format.format}'s history table, does not exist yet, so nothing is applied`;
}

/**
 * The terminal view, like seed 001's `migrate:status`: applied with when and how long, then pending. A history the runner
 * refuses to go on from (a dirty-history error) says so first, and marks the migration it stopped on.
 */
export function renderStatus({ report, noTable: none }: Status): string {
  const applied = report.migrations.filter((m) => m.status === 'applied');
  const pending = report.migrations.filter((m) => m.status === 'pending');
  const blocking = report.findings.filter((f) => f.rule === 'dirty-history' && f.severity === 'error');
  const stopped = new Set(blocking.map((f) => f.file));
  const width = Math.max(0, ...report.migrations.map((m) => m.file.length));
  const out: string[] = [`History: ${none ? `none: ${none}` : (report.base ?? 'none')}`, ''];
  if (blocking.length > 0) {
    out.push('Blocked: the runner migrates nothing here, and neither does apply, until the history is repaired (dirty-history, under Problems).', '');
  }
  out.push(`Applied (${applied.length})`);
  if (applied.length === 0) out.push(none ? '  none: the database has no history table yet' : '  none');
  for (const m of applied) out.push(`  ✓ ${m.file.padEnd(width)}  ${when(m)}${duration(m)}`.trimEnd());
  out.push('', `Pending (${pending.length})`);
  if (pending.length === 0) out.push('  none: the database is up to date');
  for (const m of pending) out.push(stopped.has(m.file) ? `  ✗ ${m.file.padEnd(width)}  failed: repair it first (below)` : `  • ${m.file}`);
  if (report.findings.length > 0) {
    out.push('', `Problems (${report.findings.length})`);
    for (const f of report.findings) {
      out.push(`  ${f.severity === 'error' ? '✗' : '!'} ${f.rule}  ${f.file}: ${f.message}`);
      if (f.suggestion) out.push(`      ${f.suggestion}`);
    }
  }
  out.push('', `${applied.length} applied, ${pending.length} pending, ${report.migrations.length} total`);
  return out.join('\n') + '\n';
}

function when(m: ReportMigration): string {
  return m.appliedAt ? m.appliedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : 'applied (time not recorded)';
}

function duration(m: ReportMigration): string {
  return m.executionMs !== undefined ? `  ${m.executionMs} ms` : '';
}
