// Prisma Migrate: _prisma_migrations(id, checksum, finished_at, migration_name, logs, rolled_back_at,
// started_at, applied_steps_count), migration_name being the migration's folder. A row with neither
// finished_at nor rolled_back_at is a failed migration that blocks `prisma migrate deploy`.

import { posix } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Migration } from '../../migration.js';
import type { Draft } from '../../report/finding.js';
import type { HistoryEntry } from '../history.js';
import { checksum, checksumMatches } from '../../checksum/index.js';
import { dirtyDraft, entriesFor, hasColumns, insertRow, isoTime, qualified, type HistoryTable } from './table.js';

export const prisma: HistoryTable = {
  format: 'prisma',
  defaultTable: { name: '_prisma_migrations' },
  fits: (columns) => hasColumns(columns, ['migration_name', 'checksum', 'finished_at', 'rolled_back_at']),
  // apply_migrations: record_migration_started inserts the row before the script runs; a failure leaves it unfinished.
  recordsFailure: { when: 'always', as: 'unfinished (finished_at empty)' },

  async read({ db, table, migrations, folder }) {
    const { rows } = await db.query(
      `SELECT migration_name::text AS migration_name, checksum::text AS checksum, started_at, finished_at, rolled_back_at
         FROM ${qualified(table)} ORDER BY started_at`,
    );
    const byName = new Map<string, HistoryEntry[]>();
    const findings: Draft[] = [];
    for (const r of rows) {
      // Rolled back rows are history the runner ignores: the migration is pending again.
      if (r.rolled_back_at !== null) continue;
      const name = String(r.migration_name);
      const files = migrations.filter((m) => folderName(m) === name);
      const done = r.finished_at !== null;
      if (byName.get(name)?.some((e) => e.state === 'applied')) continue;
      const stored = String(r.checksum ?? '');
      const appliedAt = isoTime(r.finished_at);
      const started = r.started_at instanceof Date ? r.started_at.getTime() : NaN;
      const finished = r.finished_at instanceof Date ? r.finished_at.getTime() : NaN;
      const entries = entriesFor(
        {
          version: name.match(/^\d+/)?.[0] ?? name,
          name,
          ...(stored && { checksum: { algorithm: 'prisma' as const, value: runnerAccepted(stored, files[0]) } }),
          ...(appliedAt && { appliedAt }),
          ...(Number.isFinite(finished - started) && { executionMs: finished - started }),
          state: done ? 'applied' : 'failed',
        },
        files,
        `${folder}/${name}/migration.sql`,
      );
      byName.set(name, entries);
      if (!done) {
        findings.push(
          dirtyDraft(
            entries[0]!.file ?? folder,
            `Prisma started migration ${name} but never finished it (finished_at and rolled_back_at are empty); \`prisma migrate deploy\` refuses to run until it is resolved.`,
            `Undo what it changed and run \`prisma migrate resolve --rolled-back ${name}\` so it runs again, ` +
              `or finish it by hand and run \`prisma migrate resolve --applied ${name}\`.`,
          ),
        );
      }
    }
    return { entries: [...byName.values()].flat(), findings };
  },

  async record(ctx) {
    await insertRow(
      ctx,
      {
        id: randomUUID(),
        checksum: checksum('prisma', ctx.migration.bytes),
        migration_name: folderName(ctx.migration),
        applied_steps_count: ctx.failed ? 0 : 1,
      },
      { started_at: 'now()', ...(!ctx.failed && { finished_at: 'clock_timestamp()' }) },
    );
  },
};

/** Prisma's migration name: the folder that holds migration.sql. */
function folderName(m: Migration): string {
  return posix.basename(posix.dirname(m.file));
}

/**
 * Prisma accepts a stored checksum that matches the file with either line ending, or an old
 * unpadded hex rendering; such a value is reported as the file's own checksum, since Prisma sees no drift.
 */
function runnerAccepted(stored: string, file: Migration | undefined): string {
  return file && checksumMatches('prisma', stored, file.bytes) ? checksum('prisma', file.bytes) : stored;
}
