// sqlx: _sqlx_migrations(version bigint, description, installed_on, success, checksum bytea,
// execution_time bigint nanoseconds). The checksum is SHA-384 of the file's bytes; success = false
// marks a migration that stopped part-way ("partially applied" in sqlx's own words).

import type { Draft } from '../../report/finding.js';
import { checksum } from '../../checksum/index.js';
import { dirtyDraft, entriesFor, filesWithVersion, hasColumns, insertRow, isoTime, num, qualified, type HistoryTable } from './table.js';

export const sqlx: HistoryTable = {
  format: 'sqlx',
  defaultTable: { name: '_sqlx_migrations' },
  fits: (columns) => hasColumns(columns, ['version', 'description', 'success', 'checksum', 'execution_time']),

  async read({ db, table, migrations, folder }) {
    const { rows } = await db.query(
      `SELECT version::text AS version, description::text AS description, installed_on, success,
              encode(checksum, 'hex') AS checksum, execution_time::text AS execution_time
         FROM ${qualified(table)} ORDER BY version`,
    );
    const findings: Draft[] = [];
    const entries = rows.flatMap((r) => {
      const version = String(r.version);
      const files = filesWithVersion(migrations, version);
      const appliedAt = isoTime(r.installed_on);
      const ns = num(r.execution_time);
      const state = r.success === false ? 'failed' : 'applied';
      if (state === 'failed') {
        findings.push(
          dirtyDraft(
            files[0]?.file ?? folder,
            `sqlx recorded migration ${version} (${String(r.description)}) as partially applied (success = false); sqlx refuses to run until it is resolved.`,
            `Finish or undo its changes by hand, then delete its row: DELETE FROM ${table.name} WHERE version = ${version}; and run \`sqlx migrate run\` again.`,
          ),
        );
      }
      return entriesFor(
        {
          version,
          name: String(r.description ?? ''),
          ...(r.checksum && { checksum: { algorithm: 'sqlx' as const, value: String(r.checksum) } }),
          ...(appliedAt && { appliedAt }),
          ...(ns !== undefined && { executionMs: Math.round(ns / 1e6) }),
          state,
        },
        files,
        `${folder}/${version}_${String(r.description ?? '').replace(/ /g, '_')}.sql`,
      );
    });
    return { entries, findings };
  },

  async record(ctx) {
    const m = ctx.migration;
    await insertRow(
      ctx,
      {
        version: BigInt(m.version).toString(),
        description: m.name.replace(/_/g, ' '),
        success: true,
        checksum: Buffer.from(checksum('sqlx', m.bytes), 'hex'),
        execution_time: Math.round(ctx.executionMs * 1e6).toString(),
      },
      { installed_on: 'now()' },
    );
  },
};
