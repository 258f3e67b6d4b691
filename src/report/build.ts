// Assembles the Report from what the gate found: statuses against the history, counts and the verdict.

import type { Migration } from '../migration.js';
import { fromGit, type ChecksumAlgorithm, type History, type HistoryEntry } from '../history/history.js';
import { canonicalVersion } from '../discover/version-order.js';
import type { GateOptions } from '../options.js';
import { checksum } from '../checksum/index.js';
import { compareFindings, type Finding } from './finding.js';
import type { PlannedVersions } from '../rules/renumber.js';
import { TOOL_VERSION } from '../version.js';
import {
  CONFLICT_RULES,
  SCHEMA_VERSION,
  type DryRun,
  type MigrationChange,
  type Report,
  type ReportMigration,
  type Verdict,
} from './report.js';

export interface ReportParts {
  options: GateOptions;
  migrations: Migration[];
  history: History | null;
  /** Judged findings; one whose suggestion follows the renumbering plan carries the versions it gives, for the migrations' rows. */
  findings: Array<Finding & PlannedVersions>;
  dryRun: DryRun | null;
}

/** The history entry a migration corresponds to, by path or by version as the source dictates. */
export function historyIndex(history: History): (m: Migration) => HistoryEntry | undefined {
  const key = (file: string | undefined, version: string) => (history.matchBy === 'file' ? file : canonicalVersion(version));
  const byKey = new Map([...history.entries, ...(history.current ?? [])].map((e) => [key(e.file, e.version), e]));
  return (m) => byKey.get(key(m.file, m.version));
}

/**
 * Whether a migration is applied as it is now. A repeatable one (Flyway's `R__`) is applied only while its checksum is
 * the one it ran with: the runner runs it again once that changes (a history table's reader already leaves it out).
 */
export function appliedIndex(history: History, algorithm: ChecksumAlgorithm): (m: Migration) => boolean {
  const entryOf = historyIndex(history);
  return (m) => {
    const entry = entryOf(m);
    if (entry?.state !== 'applied') return false;
    if (m.kind !== 'repeatable' || !entry.bytes || entry.bytes.equals(m.bytes)) return true;
    return checksum(algorithm, entry.bytes) === checksum(algorithm, m.bytes);
  };
}

export function buildReport({ options, migrations, history, findings, dryRun }: ReportParts): Report {
  const entryOf = history ? historyIndex(history) : () => undefined;
  const applied = history ? appliedIndex(history, options.checksum) : () => false;
  // The one plan the suggestions follow, as data on the rows: a reader of the report need not parse their `git mv`.
  const planned = new Map(findings.flatMap((f) => Object.entries(f.renumbers ?? {})));
  const rows: ReportMigration[] = migrations.map((m) => {
    const entry = entryOf(m);
    const row: ReportMigration = {
      file: m.file,
      version: m.version,
      name: m.name,
      status: m.kind === 'current' ? 'current' : applied(m) ? 'applied' : 'pending',
      change: changeOf(m, entry, history),
      checksum: `${options.checksum}:${checksum(options.checksum, m.bytes)}`,
      ...(m.language && { language: m.language }),
    };
    if (entry?.appliedAt) row.appliedAt = entry.appliedAt;
    if (entry?.executionMs !== undefined) row.executionMs = entry.executionMs;
    const renumberTo = planned.get(m.file);
    if (renumberTo) row.renumberTo = renumberTo;
    return row;
  });
  // The rows carry the plan: the findings stay as their JSON has always been.
  const sorted = findings.map(({ renumbers: _onTheRows, ...f }) => f).sort(compareFindings);
  const errors = sorted.filter((f) => f.severity === 'error').length;
  const warnings = sorted.length - errors;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'migration-gate', version: TOOL_VERSION },
    mode: options.mode,
    verdict: verdictOf(options.failOn, errors, warnings),
    base: history?.source ?? null,
    folders: options.folders.map((f) => f.path),
    migrations: rows,
    findings: sorted,
    summary: {
      errors,
      warnings,
      pending: rows.filter((r) => r.status === 'pending').length,
      conflicts: sorted.filter((f) => CONFLICT_RULES.has(f.rule)).length,
    },
    dryRun,
  };
}

function changeOf(m: Migration, entry: HistoryEntry | undefined, history: History | null): MigrationChange {
  if (!history || !fromGit(history)) return null;
  if (!entry) return 'added';
  return entry.bytes && !entry.bytes.equals(m.bytes) ? 'modified' : 'unchanged';
}

export function verdictOf(failOn: GateOptions['failOn'], errors: number, warnings: number): Verdict {
  if (failOn === 'never') return 'pass';
  return errors > 0 || (failOn === 'warning' && warnings > 0) ? 'fail' : 'pass';
}
