// diesel: __diesel_schema_migrations(version varchar(50) primary key, run_on timestamp), the version
// being the folder name before its first `_` without dashes; no checksum, no failed rows (a migration
// and its row share one transaction unless its metadata.toml turns that off).

import { entriesFor, filesWithVersion, hasColumns, insertRow, instant, isoTime, onlyColumns, qualified, type HistoryTable } from './table.js';

export const diesel: HistoryTable = {
  format: 'diesel',
  defaultTable: { name: '__diesel_schema_migrations' },
  fits: (columns) => hasColumns(columns, ['version', 'run_on']) && onlyColumns(columns, ['version', 'run_on']),

  async read({ db, table, columns, migrations, folder }) {
    const { rows } = await db.query(`SELECT version::text AS version, ${instant(columns, 'run_on')} AS run_on FROM ${qualified(table)} ORDER BY version`);
    const entries = rows.flatMap((r) => {
      const version = String(r.version);
      const appliedAt = isoTime(r.run_on);
      return entriesFor({ version, ...(appliedAt && { appliedAt }), state: 'applied' }, filesWithVersion(migrations, version, 'diesel'), `${folder}/${version}`);
    });
    return { entries, findings: [] };
  },

  async record(ctx) {
    await insertRow(ctx, { version: ctx.migration.version }, { run_on: 'now()' });
  },
};
