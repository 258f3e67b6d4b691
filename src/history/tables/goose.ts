// goose: goose_db_version(id serial, version_id bigint, is_applied boolean, tstamp timestamp default now())
// (pressly/goose internal/dialect/dialectquery/postgres.go). goose writes (0, true) when it creates the
// table, (version, true) for each up; a down deletes the version's rows, or (older goose) adds (version,
// false). A version's newest row by id decides whether it is applied, as EnsureDBVersion and
// `goose status` read them; version 0 is goose's own row, never a file (goose refuses versions below 1).
//
// No `create`: goose makes its table, with the version-0 row, the first time any goose command runs, even
// `goose status` (provider_run.go ensureVersionTable, migrate.go EnsureDBVersion). A missing one means goose
// never ran on this database or keeps its table under another name (goose -table), so apply refuses, as for
// the other runners, rather than start an empty history and run every file again.

import { UserError } from '../../errors.js';
import { entriesFor, filesWithVersion, hasColumns, insertRow, instant, isoTime, qualified, type HistoryTable } from './table.js';

export const goose: HistoryTable = {
  format: 'goose',
  // provider_run.go ensureVersionTable, migrate.go EnsureDBVersion: every goose command makes it.
  createOnly: () => 'run `goose status` once (it creates goose_db_version and applies nothing)',
  defaultTable: { name: 'goose_db_version' },
  fits: (columns) => hasColumns(columns, ['id', 'version_id', 'is_applied', 'tstamp']),

  async read({ db, table, columns, migrations, folder }) {
    const { rows } = await db.query(
      `SELECT DISTINCT ON (version_id) version_id::text AS version, is_applied, ${instant(columns, 'tstamp')} AS tstamp
         FROM ${qualified(table)} WHERE version_id <> 0 ORDER BY version_id, id DESC`,
    );
    const entries = rows
      .filter((r) => r.is_applied === true)
      .flatMap((r) => {
        const version = String(r.version);
        const appliedAt = isoTime(r.tstamp);
        return entriesFor({ version, ...(appliedAt && { appliedAt }), state: 'applied' }, filesWithVersion(migrations, version), `${folder}/${version}`);
      });
    return { entries, findings: [] };
  },

  async record(ctx) {
    if (!/^\d+$/.test(ctx.migration.version)) {
      throw new UserError(`goose records versions as integers; ${ctx.migration.file} has version ${ctx.migration.version}.`);
    }
    // goose's InsertVersion: tstamp is left to the column's default, the server's now().
    await insertRow(ctx, { version_id: BigInt(ctx.migration.version).toString(), is_applied: true });
  },
};
