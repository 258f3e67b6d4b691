// In PR mode a conflict the base already has (two merged files sharing a version, say) is not the pull request's
// doing, and it cannot be fixed by renaming what the base has applied: it stays in the report as a warning that says
// so, instead of failing every pull request until the base is fixed. The base's own set findings tell which.

import type { History } from '../history/history.js';
import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import type { Finding } from '../report/finding.js';
import { RULES, runSetRules } from './index.js';

const SET_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.scope === 'set').map((r) => r.id));

export function markInherited(findings: Finding[], base: { migrations: Migration[]; history: History }, options: GateOptions): Finding[] {
  // Only a failing set-rule finding can be the base's: without one, the base need not be checked at all.
  if (!findings.some((f) => f.severity === 'error' && SET_RULES.has(f.rule))) return findings;
  const key = (f: { rule: string; file: string }) => `${f.rule}\0${f.file}`;
  const onBase = new Set(runSetRules({ migrations: base.migrations, history: base.history, options }).map(key));
  if (onBase.size === 0) return findings;
  const ref = base.history.source.replace(/^git:/, '');
  return findings.map((f) =>
    f.severity === 'error' && onBase.has(key(f))
      ? { ...f, severity: 'warning', message: `Already on ${ref} before this pull request, so it does not fail it: ${f.message}` }
      : f,
  );
}
