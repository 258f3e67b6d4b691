// Prisma Migrate: _prisma_migrations(id, checksum, finished_at, migration_name, logs, rolled_back_at,
// started_at, applied_steps_count), migration_name being the migration's folder. A row with neither
// finished_at nor rolled_back_at is a failed migration that blocks `prisma migrate deploy`.

import { posix } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Migration } from '../../migration.js';
import type { Draft } from '../../report/finding.js';
import type { HistoryEntry } from '../history.js';
import { checksum, checksumMatches } from '../../checksum/index.js';
import { dirtyDraft, entriesFor, hasColumns, insertRow, isoTime, keptStatements, qualified, type HistoryTable, type RunError } from './table.js';

export const prisma: HistoryTable = {
  format: 'prisma',
  // No Prisma command makes only the table: migrate deploy applies, migrate status only reads. The DDL is the
  // schema engine's (sql-schema-connector flavour/postgres.rs create_migrations_table).
  createOnly: (table) =>
    `create it as Prisma does: CREATE TABLE ${table} (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, ` +
    'finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ, ' +
    'started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0);',
  defaultTable: { name: '_prisma_migrations' },
  fits: (columns) => hasColumns(columns, ['migration_name', 'checksum', 'finished_at', 'rolled_back_at']),
  // apply_migrations: record_migration_started inserts the row before the script runs; a failure leaves it unfinished.
  recordsFailure: { when: 'always', as: 'unfinished (finished_at empty)' },

  async read({ db, table, migrations, folder, failed }) {
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
        const file = entries[0]!.file ?? folder;
        findings.push(
          dirtyDraft(
            file,
            `Prisma started migration ${name} but never finished it (finished_at and rolled_back_at are empty); \`prisma migrate deploy\` refuses to run until it is resolved.`,
            repair(name, failed?.file === file ? failed.kept : null),
          ),
        );
      }
    }
    return { entries: [...byName.values()].flat(), findings };
  },

  async record(ctx) {
    // apply_migrations, as the engine writes the row: record_migration_started (started_at, its own clock, before the script),
    // then record_successful_step and record_migration_finished (applied_steps_count 1, finished_at), or record_failed_step (logs).
    const now = Date.now();
    const name = folderName(ctx.migration);
    await insertRow(ctx, {
      id: randomUUID(),
      checksum: checksum('prisma', ctx.migration.bytes),
      migration_name: name,
      started_at: new Date(now - ctx.executionMs),
      ...(ctx.failed ? { logs: failureLogs(name, ctx.failed), applied_steps_count: 0 } : { finished_at: new Date(now), applied_steps_count: 1 }),
    });
  },
};

/**
 * What record_failed_step writes into logs: the P3018 ApplyMigrationError apply_migration_script raises, the database error
 * as tokio-postgres prints a DbError (`ERROR: message`, then DETAIL and HINT lines). The engine follows it with the error's
 * Rust debug dump and its span trace, which are its own internals and left out.
 */
function failureLogs(name: string, e: RunError): string {
  const error = e.sqlstate ? `ERROR: ${e.message}${e.detail ? `\nDETAIL: ${e.detail}` : ''}${e.hint ? `\nHINT: ${e.hint}` : ''}` : e.message;
  return (
    'A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve ' +
    `migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: ${name}\n\n` +
    `Database error code: ${e.sqlstate ?? 'none'}\n\nDatabase error:\n${error}\n`
  );
}

/** `prisma migrate resolve`: --rolled-back sets rolled_back_at, so deploy runs the migration again; --applied records it as applied. */
function repair(name: string, kept: number | null): string {
  const rolledBack = `\`prisma migrate resolve --rolled-back ${name}\``;
  const applied = `\`prisma migrate resolve --applied ${name}\``;
  if (kept === 0) return `Nothing of ${name} stayed in the database (PostgreSQL rolled it back), so there is nothing to undo: run ${rolledBack}, and \`prisma migrate deploy\` runs it again.`;
  if (kept !== null) return `${keptStatements(kept, name)}: undo that and run ${rolledBack} so it runs again, or finish the rest by hand and run ${applied}.`;
  return `Undo what it changed and run ${rolledBack} so it runs again, or finish it by hand and run ${applied}.`;
}

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
