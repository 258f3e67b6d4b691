// drizzle-orm: drizzle.__drizzle_migrations(id serial, hash text, created_at bigint), and from drizzle-orm 1.0 also
// name text and applied_at timestamptz (pg-core migrate(); up-migrations/pg.ts adds them to an older table). created_at
// is the migration's own time in milliseconds: the journal entry's `when`, or Date.UTC of a migration folder's 14-digit
// name; hash the SHA-256 of its text as read; name (1.0) its folder's name. All pending migrations and their rows run
// in one transaction, so no failed row is ever left.
//
// drizzle-orm 0.x runs a journal migration only when its `when` is above the newest created_at, and never matches rows
// to files; 1.0 runs every folder whose name no row has, and matches an old table's rows to folders by created_at (to the
// second), by hash where that is not one folder, when it adds the name column. Rows are read back to files the same way.

import { posix } from 'node:path';
import type { Migration } from '../../migration.js';
import { checksum, checksumMatches } from '../../checksum/index.js';
import { quoted } from '../../sql/quoted.js';
import { entriesFor, hasColumns, insertRow, isoTime, onlyColumns, qualified, type HistoryTable } from './table.js';

/** Every column any drizzle-orm has given the table (`version` only in a 1.0 pre-release's source). */
const COLUMNS = ['id', 'hash', 'created_at', 'name', 'applied_at', 'version'];

export const drizzle: HistoryTable = {
  format: 'drizzle',
  // drizzle has no command that makes only the table: migrate() makes it (pg-core dialect.ts; async/session.ts in 1.0), then applies.
  createOnly: (table) => {
    // `schema.table` as tableName() gives it; drizzle quotes both as sql.identifier does.
    const dot = table.indexOf('.');
    const [schema, name] = [table.slice(0, dot), table.slice(dot + 1)].map(quoted);
    const create = (extra: string) =>
      `CREATE SCHEMA IF NOT EXISTS ${schema}; CREATE TABLE IF NOT EXISTS ${schema}.${name} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint${extra});`;
    return (
      `create it as drizzle-orm's migrate() does: for a meta/_journal.json folder (drizzle-orm 0.x), ${create('')} ` +
      `for a folder per migration (drizzle-orm 1.0), ${create(', name text, applied_at timestamp with time zone DEFAULT now()')}`
    );
  },
  defaultTable: { schema: 'drizzle', name: '__drizzle_migrations' },
  fits: (columns) => hasColumns(columns, ['id', 'hash', 'created_at']) && onlyColumns(columns, COLUMNS),

  async read({ db, table, columns, migrations, folder }) {
    const { rows } = await db.query(
      `SELECT hash::text AS hash, created_at::text AS created_at, ${columns.has('name') ? 'name::text' : 'NULL'} AS name,
              ${columns.has('applied_at') ? 'applied_at' : 'NULL'} AS applied_at
         FROM ${qualified(table)} ORDER BY id`,
    );
    const versioned = migrations.filter((m) => m.kind === 'versioned');
    const entries = rows.flatMap((r) => {
      const hash = String(r.hash);
      const createdAt = r.created_at === null ? NaN : Number(r.created_at);
      const name = r.name === null ? undefined : String(r.name);
      const files = name !== undefined ? versioned.filter((m) => m.scheme === 'folder' && folderName(m) === name) : byTime(versioned, createdAt, hash);
      // A hash checksumMatches takes for the file is reported as the file's own, so apply's drift check agrees with it.
      const stored = files[0] && checksumMatches('drizzle', hash, files[0].bytes) ? checksum('drizzle', files[0].bytes) : hash;
      const appliedAt = isoTime(r.applied_at);
      return entriesFor(
        {
          version: name?.match(/^\d{14}/)?.[0] ?? name ?? String(r.created_at),
          ...(name !== undefined && { name }),
          checksum: { algorithm: 'drizzle', value: stored },
          ...(appliedAt && { appliedAt }),
          state: 'applied',
        },
        files,
        name !== undefined ? `${folder}/${name}/migration.sql` : `${folder}/${String(r.created_at)}`,
      );
    });
    return { entries, findings: [] };
  },

  async record(ctx) {
    const m = ctx.migration;
    // drizzle 1.0 writes the folder's name; 0.x, the only drizzle that runs a journal's migrations, writes none. applied_at is its default, now().
    await insertRow(ctx, {
      hash: checksum('drizzle', m.bytes),
      created_at: String(millis(m)),
      ...(m.scheme === 'folder' && { name: folderName(m) }),
    });
  },
};

/**
 * The files a row without a name stands for: by created_at, which is a journal entry's `when`, or a folder's time to the
 * second (1.0 drops the milliseconds of an old row); among several, those of its hash. Else the folder of its hash (the
 * last, as 1.0 backfills names); a journal file never, since 0.x reruns a file whose `when` changed once above the newest row.
 */
function byTime(migrations: Migration[], createdAt: number, hash: string): Migration[] {
  const second = Math.floor(createdAt / 1000) * 1000;
  const timed = migrations.filter((m) => millis(m) === (m.scheme === 'folder' ? second : createdAt));
  const sameHash = (m: Migration) => checksumMatches('drizzle', hash, m.bytes);
  if (timed.length === 1) return timed;
  if (timed.length === 0) return migrations.filter((m) => m.scheme === 'folder' && sameHash(m)).slice(-1);
  const hashed = timed.filter(sameHash);
  return hashed.length > 0 ? hashed : timed;
}

/** drizzle 1.0 knows a migration by its whole folder name. */
function folderName(m: Migration): string {
  return posix.basename(posix.dirname(m.file));
}

/** What drizzle stores as created_at: the journal's `when`, or Date.UTC of the folder's YYYYMMDDHHMMSS (formatToMillis). */
function millis(m: Migration): number {
  if (m.scheme !== 'folder') return Number(m.version);
  const part = (at: number, length = 2) => Number(m.version.slice(at, at + length));
  return Date.UTC(part(0, 4), part(4) - 1, part(6), part(8), part(10), part(12));
}
