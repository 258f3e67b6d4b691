// In PR mode a conflict the base already has (two merged files sharing a version, say) is not the pull request's
// doing, and it cannot be fixed by renaming what the base has applied: it stays in the report as a warning that says
// so, instead of failing every pull request until the base is fixed. The base's own set findings tell which.
// graphile-migrate's current migration that fails its dry-run is the base's too where the pull request changes neither
// it nor any committed migration: it then runs on the very schema it ran on at the base.

import type { History } from '../history/history.js';
import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import type { Finding } from '../report/finding.js';
import type { SetContext } from './rule.js';
import { RULES, inScope, runSetRules } from './index.js';

const SET_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.scope === 'set').map((r) => r.id));

/** What the dry-run of the current migration finds: its first run failing, or its second, as `watch` runs it again. */
const CURRENT_RUNS: ReadonlySet<string> = new Set(['dry-run-failed', 'not-rerunnable']);

export function markInherited(findings: Finding[], base: { migrations: Migration[]; history: History }, options: GateOptions): Finding[] {
  // Only a failing set-rule finding can be the base's: without one, the base need not be checked at all.
  if (!findings.some((f) => f.severity === 'error' && SET_RULES.has(f.rule))) return findings;
  const key = (f: { rule: string; file: string }) => `${f.rule}\0${f.file}`;
  const onBase = new Set(runSetRules({ migrations: base.migrations, history: base.history, options }).map(key));
  if (onBase.size === 0) return findings;
  return findings.map((f) => (f.severity === 'error' && onBase.has(key(f)) ? inherited(f, base.history) : f));
}

/**
 * The current migration's dry-run failures, where the pull request adds and changes no committed migration and leaves
 * the text watch runs of the current migration, its includes expanded, as the base has it (the base's history compares
 * it so: readGitBase): before the findings are moved to the lines they were written at.
 */
export function markInheritedCurrent(findings: Finding[], ctx: SetContext & { history: History }): Finding[] {
  const changed = new Set(inScope({ ...ctx, options: { ...ctx.options, all: false } }));
  if ([...changed].some((m) => m.kind !== 'current')) return findings;
  const same = new Set(ctx.migrations.filter((m) => m.kind === 'current' && !changed.has(m)).map((m) => m.file));
  return findings.map((f) => (f.severity === 'error' && CURRENT_RUNS.has(f.rule) && same.has(f.file) ? inherited(f, ctx.history) : f));
}

/** A failing finding the base already has, as a warning that says so. */
function inherited(f: Finding, history: History): Finding {
  const ref = history.source.replace(/^git:/, '');
  return { ...f, severity: 'warning', message: `Already on ${ref} before this pull request, so it does not fail it: ${f.message}` };
}
