// Runner presets: what each migration runner does that the gate must assume (transactions, checksums, history).

import type { ChecksumAlgorithm } from '../history/history.js';
import type { HistoryFormat, PresetName } from '../options.js';

export interface Preset {
  /** The runner opens a transaction around each file (so CONCURRENTLY and the like fail in it). */
  wrapsInTransaction: boolean;
  /**
   * Statements (as transaction-unsafe names them) that the runner takes out of the file's transaction
   * and runs on their own, between the statements before and after them.
   */
  runsAlone: readonly string[];
  checksum: ChecksumAlgorithm;
  history: HistoryFormat;
}

export const PRESET_TABLE: Record<PresetName, Preset> = {
  // A runner of unknown habits: sends each file as one query, which Postgres runs as one implicit transaction.
  generic: { wrapsInTransaction: false, runsAlone: [], checksum: 'sha256', history: 'auto' },
  // Supabase CLI 2.109+ (supabase/cli#5156, #6009), DROP INDEX CONCURRENTLY since #6276; older CLIs fail with 25001.
  supabase: {
    wrapsInTransaction: true,
    runsAlone: ['CREATE INDEX CONCURRENTLY', 'DROP INDEX CONCURRENTLY', 'REINDEX CONCURRENTLY', 'VACUUM', 'ALTER SYSTEM'],
    checksum: 'sha256',
    history: 'supabase',
  },
  // Flyway runs a file outside a transaction only when it detects a non-transactional statement in it.
  flyway: { wrapsInTransaction: false, runsAlone: [], checksum: 'flyway', history: 'flyway' },
  prisma: { wrapsInTransaction: false, runsAlone: [], checksum: 'prisma', history: 'prisma' },
  'golang-migrate': { wrapsInTransaction: false, runsAlone: [], checksum: 'sha256', history: 'golang-migrate' },
  dbmate: { wrapsInTransaction: true, runsAlone: [], checksum: 'sha256', history: 'dbmate' },
  'node-pg-migrate': { wrapsInTransaction: true, runsAlone: [], checksum: 'sha256', history: 'node-pg-migrate' },
  goose: { wrapsInTransaction: true, runsAlone: [], checksum: 'sha256', history: 'auto' },
  sqlx: { wrapsInTransaction: true, runsAlone: [], checksum: 'sqlx', history: 'sqlx' },
};
