// `migration-gate status`: what the target's history table says is applied (when, how long) and
// what is pending, with the set rules' findings (drift, missing, out-of-order, dirty rows).

import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import type { Report, ReportMigration } from '../report/report.js';
import { readHistoryTable } from '../history/read-table.js';
import { loadParser } from '../sql/parser.js';
import { runRules } from '../rules/index.js';
import { buildReport } from '../report/build.js';

/** The deploy-mode report without a dry-run: statuses from the history table, findings from the rules. */
export async function readStatus(options: GateOptions, migrations: Migration[]): Promise<Report> {
  const parserReady = loadParser();
  const { history, findings: drafts } = await readHistoryTable(options, migrations);
  await parserReady;
  const findings = runRules({ migrations, history, options }, drafts);
  return buildReport({ options, migrations, history, findings, dryRun: null });
}

/** The terminal view, like seed 001's `migrate:status`: applied with when and how long, then pending. */
export function renderStatus(report: Report): string {
  const applied = report.migrations.filter((m) => m.status === 'applied');
  const pending = report.migrations.filter((m) => m.status === 'pending');
  const width = Math.max(0, ...report.migrations.map((m) => m.file.length));
  const out: string[] = [`History: ${report.base ?? 'none'}`, ''];
  out.push(`Applied (${applied.length})`);
  if (applied.length === 0) out.push('  none');
  for (const m of applied) out.push(`  ✓ ${m.file.padEnd(width)}  ${when(m)}${duration(m)}`.trimEnd());
  out.push('', `Pending (${pending.length})`);
  if (pending.length === 0) out.push('  none: the database is up to date');
  for (const m of pending) out.push(`  • ${m.file}`);
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
