// node-pg-migrate: pgmigrations(id serial, name varchar, run_on timestamp), name being the file name
// without its extension; no checksum, each file one transaction unless it opts out.

import { entriesFor, hasColumns, insertRow, instant, isoTime, qualified, type HistoryTable } from './table.js';
import { stem } from '../../migration.js';

export const nodePgMigrate: HistoryTable = {
  format: 'node-pg-migrate',
  defaultTable: { name: 'pgmigrations' },
  fits: (columns) => hasColumns(columns, ['id', 'name', 'run_on']),

  async read({ db, table, columns, migrations, folder }) {
    const { rows } = await db.query(`SELECT name::text AS name, ${instant(columns, 'run_on')} AS run_on FROM ${qualified(table)} ORDER BY run_on, id`);
    const entries = rows.flatMap((r) => {
      const name = String(r.name);
      const appliedAt = isoTime(r.run_on);
      return entriesFor(
        { version: name.match(/^\d+/)?.[0] ?? name, name, ...(appliedAt && { appliedAt }), state: 'applied' },
        migrations.filter((m) => stem(m.file) === name),
        `${folder}/${name}.sql`,
      );
    });
    return { entries, findings: [] };
  },

  async record(ctx) {
    await insertRow(ctx, { name: stem(ctx.migration.file) }, { run_on: 'now()' });
  },
};
