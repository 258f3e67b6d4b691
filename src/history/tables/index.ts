// The history table formats migration-gate reads and writes, one file each.

import type { HistoryTable, TableFormat } from './table.js';
import { seedRunner } from './seed-runner.js';
import { filename } from './filename.js';
import { supabase } from './supabase.js';
import { flyway } from './flyway.js';
import { prisma } from './prisma.js';
import { golangMigrate } from './golang-migrate.js';
import { dbmate } from './dbmate.js';
import { nodePgMigrate } from './node-pg-migrate.js';
import { goose } from './goose.js';
import { sqlx } from './sqlx.js';
import { graphileMigrate } from './graphile-migrate.js';
import { diesel } from './diesel.js';
import { drizzle } from './drizzle.js';
import { atlas } from './atlas.js';
import { sqitch } from './sqitch.js';

export const HISTORY_TABLES: readonly HistoryTable[] = [seedRunner, filename, supabase, flyway, prisma, golangMigrate, dbmate, nodePgMigrate, goose, sqlx, graphileMigrate, diesel, drizzle, atlas, sqitch];

export function historyTable(format: TableFormat): HistoryTable {
  return HISTORY_TABLES.find((t) => t.format === format)!;
}
