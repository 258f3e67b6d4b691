// The step's outputs and the files they point at: the JSON report and the SARIF log on disk.

import { info } from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../report/report.js';
import { renderSarif } from '../report/sarif.js';

export interface Artifacts {
  reportPath: string;
  sarifPath: string;
}

/**
 * Writes report.json and results.sarif into `dir` (one per migration set, so two steps do not clash); `log` gets the
 * note on findings the SARIF file leaves out to stay within code scanning's limits.
 */
export function writeArtifacts(report: Report, dir: string, log: (line: string) => void = info): Artifacts {
  mkdirSync(dir, { recursive: true });
  const reportPath = join(dir, 'report.json');
  const sarifPath = join(dir, 'results.sarif');
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const sarif = renderSarif(report);
  writeFileSync(sarifPath, sarif.text);
  if (sarif.note) log(`${sarifPath}: ${sarif.note}`);
  return { reportPath, sarifPath };
}

/** Every output the action declares, as strings; `applied`: what this step applied (deploy with apply). */
export function outputsOf(report: Report, artifacts: Artifacts, commentId: number | null, applied: string[] = []): Record<string, string> {
  const pending = report.migrations.filter((m) => m.status === 'pending').map((m) => m.file);
  return {
    verdict: report.verdict,
    pending: JSON.stringify(pending),
    'pending-count': String(pending.length),
    'conflict-count': String(report.summary.conflicts),
    'finding-count': String(report.findings.length),
    'report-path': artifacts.reportPath,
    'sarif-path': artifacts.sarifPath,
    'comment-id': commentId === null ? '' : String(commentId),
    'applied-count': String(applied.length),
  };
}
