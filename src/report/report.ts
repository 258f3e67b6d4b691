// The Report is the one product of the gate: plain data, versioned, rendered by every door the same way.
// Its JSON shape is documented in README.md ("The JSON report"); bump SCHEMA_VERSION on a breaking change.

import type { Finding } from './finding.js';
import type { CodeLanguage } from '../migration.js';

export const SCHEMA_VERSION = 1;

export type Verdict = 'pass' | 'fail';

/**
 * applied: on the base (PR mode) or recorded in the history table (deploy mode); pending: not yet; current: graphile-migrate's
 * current.sql (or a file of current/), work in progress that `graphile-migrate watch` runs and `migrate` never does.
 */
export type MigrationStatus = 'applied' | 'pending' | 'current';

/** How the file differs from the base; null when there is no base to compare with. */
export type MigrationChange = 'added' | 'modified' | 'unchanged' | null;

export interface ReportMigration {
  file: string;
  version: string;
  name: string;
  status: MigrationStatus;
  change: MigrationChange;
  /** `<algorithm>:<value>` with the configured checksum algorithm. */
  checksum: string;
  /** A migration written in code (goose's Go, node-pg-migrate's JavaScript or TypeScript): the dry-run skips it. */
  language?: CodeLanguage;
  /** Deploy mode: when the history table says it was applied. */
  appliedAt?: string;
  /** Deploy mode: how long the runner recorded it took. */
  executionMs?: number;
  /** The version (in the form of `version`) a finding's suggested rename gives it: one plan for the whole report, so no two share one. */
  renumberTo?: string;
}

export type DryRunStatus = 'applied' | 'failed' | 'skipped';

export interface DryRunError {
  sqlstate: string;
  message: string;
  detail?: string;
  hint?: string;
  line: number;
  column: number;
  /** The file `line` is in, where it is not the migration's own: a file of graphile-migrate's current/, or a fixture it includes. */
  file?: string;
  /** The failing statement's text, trimmed for display. */
  statement?: string;
}

export interface SchemaChange {
  action: 'create' | 'alter' | 'drop';
  kind: string; // table, column, index, constraint, view, function, trigger, policy, type, extension, role, schema, sequence
  name: string; // qualified where it applies: schema.table.column
}

export interface LockTaken {
  relation: string;
  mode: string;
  /** Line in the file of the statement that took it (added by the dry-run). */
  line?: number;
  /** The file `line` is in, where it is not the migration's own: a file of graphile-migrate's current/, or a fixture it includes. */
  file?: string;
}

export interface DryRunMigration {
  file: string;
  status: DryRunStatus;
  durationMs: number;
  error?: DryRunError;
  /** Why a migration was skipped: an earlier failure, or an extension the engine lacks. */
  reason?: string;
  /** graphile-migrate's current migration, applied: how its second run went, which `watch` makes on every save. */
  rerun?: 'applied' | 'failed';
  changes: SchemaChange[];
  locks: LockTaken[];
}

export interface DryRun {
  engine: 'url' | 'cluster' | 'pglite';
  serverVersion: string;
  /** Whether the replayed baseline came from the cache. */
  baselineCached: boolean;
  baselineMs: number;
  migrations: DryRunMigration[];
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'migration-gate'; version: string };
  mode: 'pr' | 'deploy';
  verdict: Verdict;
  /** The git ref or history source that "applied" was read from, if any. */
  base: string | null;
  folders: string[];
  migrations: ReportMigration[];
  findings: Finding[];
  summary: { errors: number; warnings: number; pending: number; conflicts: number };
  dryRun: DryRun | null;
}

/** Rules whose findings are conflicts between migrations rather than problems inside one. */
export const CONFLICT_RULES: ReadonlySet<string> = new Set([
  'duplicate-version',
  'checksum-drift',
  'out-of-order',
  'missing-migration',
  'name-order',
  'dirty-history',
]);
