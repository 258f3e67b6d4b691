// Supabase CLI: supabase_migrations.schema_migrations(version text, statements text[], name text),
// version being the digits of `<version>_<name>.sql`; no checksum, no timing, each file one transaction.

import { entriesFor, filesWithVersion, hasColumns, insertRow, qualified, type HistoryTable } from './table.js';

export const supabase: HistoryTable = {
  format: 'supabase',
  defaultTable: { schema: 'supabase_migrations', name: 'schema_migrations' },
  fits: (columns) => hasColumns(columns, ['version', 'statements']),

  async read({ db, table, columns, migrations, folder }) {
    const name = columns.has('name') ? 'name::text' : 'NULL';
    const { rows } = await db.query(`SELECT version::text AS version, ${name} AS name FROM ${qualified(table)} ORDER BY version`);
    const entries = rows.flatMap((r) => {
      const version = String(r.version);
      const recordedName = r.name === null ? undefined : String(r.name);
      return entriesFor(
        { version, ...(recordedName !== undefined && { name: recordedName }), state: 'applied' },
        filesWithVersion(migrations, version, 'supabase'),
        recordedName !== undefined ? `${folder}/${version}_${recordedName}.sql` : undefined,
      );
    });
    return { entries, findings: [] };
  },

  async record(ctx) {
    await insertRow(ctx, { version: ctx.migration.version, name: ctx.migration.name, statements: ctx.statements });
  },
};
