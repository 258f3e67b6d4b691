// graphile-migrate: graphile_migrate.migrations(hash text primary key, previous_hash text, filename text,
// date timestamptz), filename being the committed file's number and `.sql` (`000001.sql`, its message
// slug left out), hash its Hash header. A row is written only with the migration's own transaction.

import { UserError } from '../../errors.js';
import { entriesFor, hasColumns, insertRow, isoTime, qualified, type HistoryTable } from './table.js';

export const graphileMigrate: HistoryTable = {
  format: 'graphile-migrate',
  // status reads the last migration, and getLastMigration first runs _migrateMigrationSchema (src/migration.ts).
  createOnly: () => 'run `graphile-migrate status` once (it creates graphile_migrate.migrations and applies nothing)',
  defaultTable: { schema: 'graphile_migrate', name: 'migrations' },
  fits: (columns) => hasColumns(columns, ['hash', 'previous_hash', 'filename', 'date']),

  async read({ db, table, migrations, folder }) {
    const { rows } = await db.query(`SELECT filename::text AS filename, hash::text AS hash, date FROM ${qualified(table)} ORDER BY filename`);
    const entries = rows.flatMap((r) => {
      const filename = String(r.filename);
      const appliedAt = isoTime(r.date);
      return entriesFor(
        {
          version: filename.replace(/\.sql$/, ''),
          checksum: { algorithm: 'graphile', value: String(r.hash) },
          ...(appliedAt && { appliedAt }),
          state: 'applied',
        },
        migrations.filter((m) => m.kind === 'versioned' && `${m.version}.sql` === filename),
        `${folder}/${filename}`,
      );
    });
    return { entries, findings: [] };
  },

  async record(ctx) {
    const { migration: m } = ctx;
    if (!m.signature) {
      throw new UserError(`${m.file} has no graphile-migrate headers (--! Previous:, --! Hash:); commit it with \`graphile-migrate commit\` before it is applied`);
    }
    await insertRow(ctx, { hash: m.signature.hash, previous_hash: m.signature.previous, filename: `${m.version}.sql` }, { date: 'now()' });
  },
};
