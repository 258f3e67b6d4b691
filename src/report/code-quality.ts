// GitLab's Code Quality report (a subset of Code Climate's issue format): the findings as a merge request's Code Quality
// widget and changes view show them, new and fixed ones told apart by fingerprint against the target branch's report.

import { fingerprintsOf, type Finding, type Severity } from './finding.js';
import type { Report } from './report.js';

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'major' | 'minor';
  location: { path: string; lines: { begin: number } };
  content?: { body: string };
}

// GitLab's scale runs info, minor, major, critical, blocker; an error fails the gate, a warning does not.
const SEVERITY: Record<Severity, CodeQualityIssue['severity']> = { error: 'major', warning: 'minor' };

export function renderCodeQuality(report: Report): string {
  const fingerprints = fingerprintsOf(report.findings);
  const issues = report.findings.map((f, i) => issue(f, fingerprints[i]!));
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function issue(f: Finding, fingerprint: string): CodeQualityIssue {
  const out: CodeQualityIssue = {
    description: f.message,
    check_name: f.rule,
    fingerprint,
    severity: SEVERITY[f.severity],
    // GitLab places an issue on a line; a whole-file finding sits on line 1.
    location: { path: f.file, lines: { begin: Math.max(f.line, 1) } },
  };
  if (f.suggestion) out.content = { body: f.suggestion };
  return out;
}
