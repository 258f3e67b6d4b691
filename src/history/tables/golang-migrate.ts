// golang-migrate: schema_migrations(version bigint, dirty boolean), one row holding the last version
// run. Every file up to it counts as applied (the runner keeps no more); dirty = it stopped mid-file.

import { entriesFor, dirtyDraft, filesWithVersion, hasColumns, onlyColumns, qualified, type HistoryTable } from './table.js';
import { compareVersions } from '../../discover/version-order.js';
import { UserError } from '../../errors.js';

export const golangMigrate: HistoryTable = {
  format: 'golang-migrate',
  defaultTable: { name: 'schema_migrations' },
  fits: (columns) => hasColumns(columns, ['version', 'dirty']) && onlyColumns(columns, ['version', 'dirty']),
  // runMigrations commits SetVersion(version, dirty = true) before it runs the file, and clears it only after the file succeeded.
  recordsFailure: { when: 'always', as: 'dirty (dirty = true)' },

  async read({ db, table, migrations, folder }) {
    const { rows } = await db.query(`SELECT version::text AS version, dirty FROM ${qualified(table)} ORDER BY version DESC`);
    const row = rows[0];
    if (!row) return { entries: [], findings: [] };
    const current = String(row.version);
    const dirty = row.dirty === true;
    const versioned = migrations.filter((m) => m.kind === 'versioned' && /^\d+$/.test(m.version));
    const below = versioned.filter((m) => compareVersions(m.version, current) < 0);
    const entries = [
      ...below.flatMap((m) => entriesFor({ version: m.version, state: 'applied' }, [m])),
      ...entriesFor({ version: current, state: dirty ? 'dirty' : 'applied' }, filesWithVersion(migrations, current), `${folder}/${current}`),
    ];
    if (!dirty) return { entries, findings: [] };
    const previous = below.length > 0 ? below[below.length - 1]!.version : '-1';
    const file = filesWithVersion(migrations, current)[0]?.file ?? folder;
    return {
      entries,
      findings: [
        dirtyDraft(
          file,
          `golang-migrate stopped in the middle of version ${current}: ${table.name} says dirty, and the runner refuses to go on until it is resolved.`,
          `Check which of version ${current}'s changes are in the database and finish or undo them by hand; then run ` +
            `\`migrate -path ${folder} -database "$DATABASE_URL" force ${current}\` if they are all in place, or ` +
            `\`... force ${Number(previous)}\` to run version ${current} again.`,
        ),
      ],
    };
  },

  async record(ctx) {
    if (!/^\d+$/.test(ctx.migration.version)) {
      throw new UserError(`golang-migrate records versions as integers; ${ctx.migration.file} has version ${ctx.migration.version}.`);
    }
    // The runner keeps one row: the version just run, dirty when it failed.
    await ctx.db.query(`DELETE FROM ${qualified(ctx.table)}`);
    await ctx.db.query(`INSERT INTO ${qualified(ctx.table)} (version, dirty) VALUES ($1::bigint, $2)`, [BigInt(ctx.migration.version).toString(), ctx.failed === true]);
  },
};
