// Seed 002's startup runner: schema_migrations(version, applied_at) where version is the file name
// ("001_init_schema.sql"); no checksum, files run in name order.

import { posix } from 'node:path';
import { entriesFor, insertRow, instant, isoTime, onlyColumns, qualified, type HistoryTable } from './table.js';

export const filename: HistoryTable = {
  format: 'filename',
  defaultTable: { name: 'schema_migrations' },
  fits: (columns) => columns.has('version') && onlyColumns(columns, ['version', 'applied_at', 'executed_at', 'id']),

  async confirm(db, table) {
    const { rows } = await db.query(`SELECT version::text AS version FROM ${qualified(table)} LIMIT 50`);
    return rows.some((r) => /\.sql$/i.test(String(r.version)));
  },

  async read({ db, table, columns, migrations, folder }) {
    const at = columns.has('applied_at') ? instant(columns, 'applied_at') : columns.has('executed_at') ? instant(columns, 'executed_at') : 'NULL';
    const { rows } = await db.query(`SELECT version::text AS version, ${at} AS applied_at FROM ${qualified(table)} ORDER BY version`);
    const entries = rows.flatMap((r) => {
      const recorded = String(r.version);
      const files = migrations.filter((m) => posix.basename(m.file) === recorded);
      const appliedAt = isoTime(r.applied_at);
      return entriesFor(
        { version: recorded.match(/^\d+/)?.[0] ?? recorded, name: recorded, ...(appliedAt && { appliedAt }), state: 'applied' },
        files,
        `${folder}/${recorded}`,
      );
    });
    return { entries, findings: [] };
  },

  async record(ctx) {
    await insertRow(ctx, { version: posix.basename(ctx.migration.file) }, { applied_at: 'now()' });
  },
};
