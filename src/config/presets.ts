// Runner presets: what each migration runner does that the gate must assume (transactions, checksums, history).

import type { ChecksumAlgorithm } from '../history/history.js';
import type { HistoryFormat, PresetName } from '../options.js';

export interface Preset {
  /** The runner opens a transaction around each file (so CONCURRENTLY and the like fail in it). */
  wrapsInTransaction: boolean;
  checksum: ChecksumAlgorithm;
  history: HistoryFormat;
}

export const PRESET_TABLE: Record<PresetName, Preset> = {
  // A runner of unknown habits: sends each file as one query, which Postgres runs as one implicit transaction.
  generic: { wrapsInTransaction: false, checksum: 'sha256', history: 'auto' },
  supabase: { wrapsInTransaction: true, checksum: 'sha256', history: 'supabase' },
  // Flyway runs a file outside a transaction only when it detects a non-transactional statement in it.
  flyway: { wrapsInTransaction: false, checksum: 'flyway', history: 'flyway' },
  prisma: { wrapsInTransaction: false, checksum: 'prisma', history: 'prisma' },
  'golang-migrate': { wrapsInTransaction: false, checksum: 'sha256', history: 'golang-migrate' },
  dbmate: { wrapsInTransaction: true, checksum: 'sha256', history: 'dbmate' },
  'node-pg-migrate': { wrapsInTransaction: true, checksum: 'sha256', history: 'node-pg-migrate' },
  goose: { wrapsInTransaction: true, checksum: 'sha256', history: 'auto' },
  sqlx: { wrapsInTransaction: true, checksum: 'sqlx', history: 'sqlx' },
};
