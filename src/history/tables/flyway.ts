// Flyway: flyway_schema_history(installed_rank, version, description, type, script, checksum int,
// installed_by, installed_on, execution_time, success). Checksums are Flyway's signed CRC32; a row
// with success = false blocks every later migrate until `flyway repair`.

import { posix } from 'node:path';
import type { HistoryEntry } from '../history.js';
import type { Draft } from '../../report/finding.js';
import { flywayChecksum } from '../../checksum/index.js';
import { compareVersions } from '../../discover/version-order.js';
import { dirtyDraft, entriesFor, filesWithVersion, hasColumns, insertRow, instant, isoTime, keptStatements, num, qualified, type FailedRun, type HistoryTable, type RecordedRow } from './table.js';

/** Row types that undo an earlier row of the same version (repair's DELETE, Teams' undo). */
const REMOVING = /^(DELETE|UNDO_)/;
/** Java, script and custom migrations (JDBC, SPRING_JDBC, SCRIPT, CUSTOM): applied versions with no .sql file to find. */
const FILE_TYPES = /^SQL/;

export const flyway: HistoryTable = {
  format: 'flyway',
  defaultTable: { name: 'flyway_schema_history' },
  fits: (columns) => hasColumns(columns, ['installed_rank', 'version', 'script', 'checksum', 'success']),
  // DbMigrate.applyMigrations: a transactional script that failed rolls back with its row.
  recordsFailure: { when: 'outside-transaction', as: 'failed (success = false)' },

  async read({ db, table, columns, migrations, folder, failed: run }) {
    // pgjdbc sends the JVM's zone, which the row does not keep: read in the database's, right where Flyway ran in that zone.
    const { rows } = await db.query(
      `SELECT installed_rank, version::text AS version, description::text AS description, type::text AS type,
              script::text AS script, checksum, ${instant(columns, 'installed_on')} AS installed_on, execution_time, success
         FROM ${qualified(table)} ORDER BY installed_rank`,
    );
    const byVersion = new Map<string, HistoryEntry[]>();
    const findings: Draft[] = [];
    // Each repeatable script's latest successful run, by script.
    const latestRun = new Map<string, Record<string, unknown>>();
    for (const r of rows) {
      const type = String(r.type ?? 'SQL');
      const version = r.version === null ? null : String(r.version);
      if (type === 'SCHEMA') continue;
      if (version === null) {
        if (r.success === false) findings.push(failed(r, null, folder, posix.join(folder, String(r.script)), run));
        else latestRun.set(String(r.script), r);
        continue;
      }
      const key = canonical(version);
      if (REMOVING.test(type)) {
        byVersion.delete(key);
        continue;
      }
      if (type === 'BASELINE') {
        // A baseline stands for every version up to it: the runner never runs those files.
        for (const m of migrations) {
          if (m.kind === 'versioned' && /^[\d._]+$/.test(m.version) && compareVersions(m.version, version) <= 0) {
            byVersion.set(canonical(m.version), entriesFor({ version: m.version, state: 'applied' }, [m]));
          }
        }
        if (!byVersion.has(key)) byVersion.set(key, entriesFor({ version, state: 'applied', name: String(r.description) }, []));
        continue;
      }
      const files = filesWithVersion(migrations, version);
      const script = posix.join(folder, String(r.script ?? `V${version}__${String(r.description ?? '').replace(/ /g, '_')}.sql`));
      const entries = entriesFor(recorded(r, version), files, FILE_TYPES.test(type) ? script : undefined);
      byVersion.set(key, entries);
      if (r.success === false) findings.push(failed(r, version, folder, entries[0]!.file ?? folder, run));
    }
    // Flyway runs a repeatable migration again whenever its checksum changes: applied only while it matches.
    const repeatables = migrations.flatMap((m) => {
      const r = m.kind === 'repeatable' ? latestRun.get(posix.relative(folder, m.file)) : undefined;
      return r && String(r.checksum) === String(flywayChecksum(m.bytes)) ? entriesFor(recorded(r, ''), [m]) : [];
    });
    return { entries: [...[...byVersion.values()].flat(), ...repeatables], findings };
  },

  async record(ctx) {
    const m = ctx.migration;
    await insertRow(
      ctx,
      {
        version: m.version.replace(/_/g, '.'),
        description: m.name.replace(/_/g, ' '),
        type: 'SQL',
        // Flyway records the path below its location: `2024/V1__orders.sql` for a file in a subfolder.
        script: posix.relative(m.folder, m.file),
        checksum: flywayChecksum(m.bytes),
        execution_time: Math.round(ctx.executionMs),
        success: !ctx.failed,
      },
      {
        installed_on: 'now()',
        installed_rank: `(SELECT coalesce(max(installed_rank), 0) + 1 FROM ${qualified(ctx.table)})`,
        installed_by: 'current_user',
      },
    );
  },
};

/** A flyway_schema_history row as the history model records it. */
function recorded(r: Record<string, unknown>, version: string): RecordedRow {
  const appliedAt = isoTime(r.installed_on);
  const executionMs = num(r.execution_time);
  return {
    version,
    name: String(r.description ?? ''),
    ...(r.checksum !== null && { checksum: { algorithm: 'flyway' as const, value: String(r.checksum) } }),
    ...(appliedAt && { appliedAt }),
    ...(executionMs !== undefined && { executionMs }),
    state: r.success === false ? 'failed' : 'applied',
  };
}

/** `1_1`, `1.1` and `1.1.0` are one Flyway version. */
function canonical(version: string): string {
  return version.replace(/_/g, '.').split('.').map((p) => p.replace(/^0+(?=\d)/, '')).join('.').replace(/(\.0+)+$/, '');
}

function failed(r: Record<string, unknown>, version: string | null, folder: string, file: string, run: FailedRun | undefined): Draft {
  const what = version === null ? `repeatable migration ${String(r.script)}` : `version ${version} (${String(r.script)})`;
  // MigrationInfoImpl.validate's words, which migrate stops on.
  const detected = version === null ? `Detected failed repeatable migration: ${String(r.description)}` : `Detected failed migration to version ${version} (${String(r.description)})`;
  const kept = run?.file === file ? run.kept : null;
  const repair = `run \`flyway repair\` to remove the failed row, and migrate again from ${folder}.`;
  return dirtyDraft(
    file,
    `Flyway recorded ${what} as failed (success = false), and refuses to migrate until the row is repaired: ` +
      `"${detected}. Please remove any half-completed changes then run repair to fix the schema history."`,
    kept === 0
      ? `Nothing of it stayed in the database (its first statement failed), so there is nothing to undo: ${repair}`
      : kept !== null
        ? `${keptStatements(kept, 'the script')} (it ran outside a transaction): undo that, then ${repair}`
        : `Undo whatever part of it ran (PostgreSQL rolled back a transactional script, but not a non-transactional one), then ${repair}`,
  );
}
