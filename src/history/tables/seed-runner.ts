// Seed 001's runner: schema_migrations(version, name, applied_at, checksum, execution_time_ms, applied_by),
// one row per file, written after the file ran. Its checksum is taken to be the SHA-256 hex of the
// file's bytes (the runner is not published; this is the common Node idiom, and what we write).

import { checksum } from '../../checksum/index.js';
import { stem } from '../../migration.js';
import {
  entriesFor,
  filesWithVersion,
  hasColumns,
  insertRow,
  instant,
  isoTime,
  num,
  qualified,
  type HistoryTable,
  type TableRef,
} from './table.js';

export const seedRunner: HistoryTable = {
  format: 'seed-runner',
  defaultTable: { name: 'schema_migrations' },
  fits: (columns) => hasColumns(columns, ['version', 'name', 'checksum']) && !columns.has('dirty'),

  async read({ db, table, columns, migrations, folder }) {
    const timing = columns.has('execution_time_ms') ? 'execution_time_ms' : 'NULL';
    const applied = columns.has('applied_at') ? instant(columns, 'applied_at') : 'NULL';
    const { rows } = await db.query(
      `SELECT version::text AS version, name::text AS name, checksum::text AS checksum, ${applied} AS applied_at,
              ${timing} AS execution_time_ms
         FROM ${qualified(table)} ORDER BY version`,
    );
    const entries = rows.flatMap((r) => {
      const version = String(r.version);
      const name = r.name === null ? undefined : String(r.name);
      // The runner keys rows by version; the recorded name tells apart two files that share one.
      const byVersion = filesWithVersion(migrations, version);
      const byName = byVersion.filter((m) => name !== undefined && (m.name === name || stem(m.file) === name || m.file.endsWith(`/${name}`)));
      return entriesFor(
        {
          version,
          ...(name !== undefined && { name }),
          ...(r.checksum && { checksum: { algorithm: 'sha256' as const, value: String(r.checksum).toLowerCase() } }),
          ...(isoTime(r.applied_at) && { appliedAt: isoTime(r.applied_at)! }),
          ...(num(r.execution_time_ms) !== undefined && { executionMs: num(r.execution_time_ms)! }),
          state: 'applied',
        },
        byName.length > 0 ? byName : byVersion,
        `${folder}/${name && name.endsWith('.sql') ? name : `${version}_${name ?? ''}.sql`}`,
      );
    });
    return { entries, findings: [] };
  },

  async record(ctx) {
    const m = ctx.migration;
    await insertRow(
      ctx,
      { version: m.version, name: m.name, checksum: checksum('sha256', m.bytes), execution_time_ms: Math.round(ctx.executionMs) },
      { applied_at: 'now()', applied_by: 'current_user' },
    );
  },

  create: (table: TableRef) =>
    `CREATE TABLE IF NOT EXISTS ${qualified(table)} (
  version text PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  checksum text NOT NULL,
  execution_time_ms integer,
  applied_by text DEFAULT current_user
)`,
};
