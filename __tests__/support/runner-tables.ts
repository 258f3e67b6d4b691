// Each runner's history table as that runner creates it (its column names), for the tests that a table is one runner's alone.

import type { TableFormat } from '../../src/history/tables/table.js';

export const RUNNER_TABLES: Record<TableFormat, string[]> = {
  'seed-runner': ['version', 'name', 'applied_at', 'checksum', 'execution_time_ms', 'applied_by'],
  filename: ['version', 'applied_at'],
  supabase: ['version', 'statements', 'name'],
  flyway: ['installed_rank', 'version', 'description', 'type', 'script', 'checksum', 'installed_by', 'installed_on', 'execution_time', 'success'],
  prisma: ['id', 'checksum', 'finished_at', 'migration_name', 'logs', 'rolled_back_at', 'started_at', 'applied_steps_count'],
  'golang-migrate': ['version', 'dirty'],
  dbmate: ['version'],
  'node-pg-migrate': ['id', 'name', 'run_on'],
  goose: ['id', 'version_id', 'is_applied', 'tstamp'],
  sqlx: ['version', 'description', 'installed_on', 'success', 'checksum', 'execution_time'],
  atlas: ['version', 'description', 'type', 'applied', 'total', 'executed_at', 'execution_time', 'error', 'error_stmt', 'hash', 'partial_hashes', 'operator_version'],
  'graphile-migrate': ['hash', 'previous_hash', 'filename', 'date'],
  diesel: ['version', 'run_on'],
  drizzle: ['id', 'hash', 'created_at', 'name', 'applied_at'],
  sqitch: ['change_id', 'script_hash', 'change', 'project', 'note', 'committed_at', 'committer_name', 'committer_email', 'planned_at', 'planner_name', 'planner_email'],
};

/** Every other runner's table than `format`'s, as [format, columns]. */
export function otherTables(format: TableFormat): Array<[string, string[]]> {
  return Object.entries(RUNNER_TABLES).filter(([f]) => f !== format);
}
