// dbmate: schema_migrations(version varchar(128) primary key), the digits before the first `_` of
// each applied file; no checksum, no timing, no failed rows (each file runs in one transaction).

import { entriesFor, filesWithVersion, insertRow, onlyColumns, qualified, type HistoryTable } from './table.js';

export const dbmate: HistoryTable = {
  format: 'dbmate',
  defaultTable: { name: 'schema_migrations' },
  fits: (columns) => columns.has('version') && onlyColumns(columns, ['version']),

  async confirm(db, table) {
    const { rows } = await db.query(`SELECT version::text AS version FROM ${qualified(table)} LIMIT 50`);
    return rows.every((r) => /^\d+$/.test(String(r.version)));
  },

  async read({ db, table, migrations, folder }) {
    const { rows } = await db.query(`SELECT version::text AS version FROM ${qualified(table)} ORDER BY version`);
    const entries = rows.flatMap((r) => {
      const version = String(r.version);
      return entriesFor({ version, state: 'applied' }, filesWithVersion(migrations, version, 'dbmate'), `${folder}/${version}`);
    });
    return { entries, findings: [] };
  },

  async record(ctx) {
    await insertRow(ctx, { version: ctx.migration.version });
  },
};
