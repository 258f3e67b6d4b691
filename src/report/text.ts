// The terminal view of a Report: findings grouped by file with line numbers, then pending, dry-run and a summary line.

import { compareText } from '../discover/version-order.js';
import { findingsByFile, type Finding } from './finding.js';
import type { Report } from './report.js';
import { plural } from './plural.js';

export interface TextStyle {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: TextStyle = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

export function ansiStyle(): TextStyle {
  const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

export function renderText(report: Report, style: TextStyle = plain): string {
  const out: string[] = [];
  const byFile = findingsByFile(report.findings);
  const at = (f: Finding) => (f.line ? (f.column ? `${f.line}:${f.column}` : `${f.line}`) : '');
  // A loop, not Math.max(...): a baseline's hundreds of thousands of findings overflow a call's argument list.
  const width = report.findings.reduce((w, f) => Math.max(w, at(f).length), 0);
  const indent = `  ${' '.repeat(width)}           `;

  for (const [file, findings] of [...byFile].sort(([a], [b]) => compareText(a, b))) {
    out.push(style.bold(file));
    for (const f of [...findings].sort((a, b) => a.line - b.line || a.column - b.column)) {
      const where = at(f).padEnd(width);
      const sev = f.severity === 'error' ? style.red('error  ') : style.yellow('warning');
      out.push(`  ${style.dim(where)}  ${sev}  ${f.message}  ${style.dim(f.rule)}`);
      // A multi-line suggestion (a DO block) stays under its arrow rather than at the left margin.
      if (f.suggestion) out.push(indent + style.dim('→ ' + f.suggestion.split('\n').join(`\n${indent}  `)));
    }
    out.push('');
  }

  const pending = report.migrations.filter((m) => m.status === 'pending');
  if (report.base !== null || report.mode === 'deploy') {
    out.push(style.bold(`Pending against ${report.base ?? 'the target'}: ${plural(pending.length, 'migration')}`));
    for (const m of pending) out.push(`  ${m.file}${m.change === 'modified' ? style.yellow(' (changed)') : ''}`);
    out.push('');
  }

  if (report.dryRun) {
    const d = report.dryRun;
    const counts = (['applied', 'failed', 'skipped'] as const)
      .map((s) => [s, d.migrations.filter((m) => m.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    out.push(style.bold(`Dry-run on ${d.engine} (PostgreSQL ${d.serverVersion}): ${counts.join(', ') || 'nothing pending'}`));
    for (const m of d.migrations) {
      const mark = m.status === 'applied' ? style.green('✓') : m.status === 'failed' ? style.red('✗') : style.dim('-');
      out.push(`  ${mark} ${m.file} ${style.dim(`${m.durationMs} ms`)}`);
      if (m.error) out.push(`      ${style.red(`${m.error.sqlstate} ${m.error.message}`)} ${style.dim(`at ${m.error.file ? `${m.error.file}:` : ''}${m.error.line}:${m.error.column}`)}`);
      // A skip always has a reason (an earlier failure, the runner's refusal, a missing extension): the count alone hides it.
      if (m.reason) out.push(`      ${style.dim(m.reason)}`);
    }
    out.push('');
  }

  const { errors, warnings } = report.summary;
  const tally = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(report.migrations.length, 'migration')}`;
  out.push(report.verdict === 'pass' ? style.green(`✔ gate passes · ${tally}`) : style.red(`✖ gate fails · ${tally}`));
  return out.join('\n') + '\n';
}
