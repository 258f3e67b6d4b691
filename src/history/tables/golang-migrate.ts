// golang-migrate: schema_migrations(version bigint, dirty boolean), one row holding the last version
// run. Every file up to it counts as applied (the runner keeps no more); dirty = it stopped mid-file.

import type { Migration } from '../../migration.js';
import { entriesFor, dirtyDraft, filesWithVersion, hasColumns, keptStatements, onlyColumns, qualified, type HistoryTable } from './table.js';
import { compareVersions } from '../../discover/version-order.js';
import { UserError } from '../../errors.js';

export const golangMigrate: HistoryTable = {
  format: 'golang-migrate',
  // Opening the database creates the table: database/postgres/postgres.go WithConnection calls ensureVersionTable.
  createOnly: () => 'run `migrate -path <folder> -database <url> version` once (opening the database creates its table; it applies nothing)',
  defaultTable: { name: 'schema_migrations' },
  fits: (columns) => hasColumns(columns, ['version', 'dirty']) && onlyColumns(columns, ['version', 'dirty']),
  // runMigrations commits SetVersion(version, dirty = true) before it runs the file, and clears it only after the file succeeded.
  recordsFailure: { when: 'always', as: 'dirty (dirty = true)' },

  async read({ db, table, migrations, folder, failed }) {
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
    const file = filesWithVersion(migrations, current)[0]?.file ?? folder;
    return {
      entries,
      findings: [
        dirtyDraft(
          file,
          `golang-migrate stopped in the middle of version ${current}: ${table.name} says dirty, and the runner refuses to go on until it is resolved.`,
          repair(current, previousVersion(below), folder, failed?.file === file ? failed.kept : null),
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
    await ctx.db.query(`INSERT INTO ${qualified(ctx.table)} (version, dirty) VALUES ($1::bigint, $2)`, [BigInt(ctx.migration.version).toString(), ctx.failed !== undefined]);
  },
};

/** The version `migrate up` ran before `current` (source.Prev), as `force` takes it; null when there is none. */
function previousVersion(below: Migration[]): string | null {
  const newest = below.reduce<Migration | null>((max, m) => (max === null || compareVersions(m.version, max.version) > 0 ? m : max), null);
  return newest ? BigInt(newest.version).toString() : null;
}

/**
 * `migrate force V` sets version V and clears the dirty flag without running anything (Migrate.Force → SetVersion(V, false));
 * -1 is database.NilVersion, whose SetVersion leaves the table empty. Go's flag package takes a bare `-1` after `force`
 * for an unknown flag and exits, so it goes after `--`.
 */
function repair(current: string, previous: string | null, folder: string, kept: number | null): string {
  const force = (v: string) => `\`migrate -path ${folder} -database "$DATABASE_URL" force ${v}\``;
  const back = previous === null ? `${force('-- -1')} (no version before it: -1 removes the row)` : force(previous);
  const again = `and \`migrate up\` runs version ${current} again`;
  if (kept === 0) return `Nothing of version ${current} stayed in the database (PostgreSQL rolled it back), so there is nothing to undo: run ${back}, ${again}.`;
  if (kept !== null) {
    return (
      `${keptStatements(kept, `version ${current}`)} (the file ran outside a transaction): undo that by hand and run ${back}, ${again}; ` +
      `or finish the rest of it by hand and run ${force(current)}.`
    );
  }
  return `Check which of version ${current}'s changes are in the database and finish or undo them by hand; then run ${force(current)} if they are all in place, or ${back} to run version ${current} again.`;
}
