// Atlas: atlas_schema_revisions.atlas_schema_revisions (cmd/atlas/internal/migrate/ent/schema/revision.go; in the connected
// schema instead when the URL names one, cmdapi/migrate.go revisionSchemaName), one row per version: version, description,
// type (1 baseline, 2 executed, 4 set by `atlas migrate set`), applied and total statements, executed_at, execution_time
// (nanoseconds), error and error_stmt, hash (the file's atlas.sum hash), partial_hashes (one `h1:` hash per statement applied)
// and operator_version. A version `.atlas_cloud_identifier` row names the table for Atlas Cloud and is no migration.
//
// sql/migrate/migrate.go Execute writes the row before the file's first statement and again after each one. Under the
// default --tx-mode file the row is written in the file's transaction, so a failure rolls it back with the file; under
// `-- atlas:txmode none` the row stays with applied below total and the error, and the next `atlas migrate apply` resumes
// the file at its first statement not applied, after checking the ones before are unchanged (HistoryChangedError).

import { createHash } from 'node:crypto';
import type { Draft } from '../../report/finding.js';
import { dirtyDraft, entriesFor, hasColumns, insertRow, isoTime, num, onlyColumns, qualified, type HistoryTable } from './table.js';

const COLUMNS = ['version', 'description', 'type', 'applied', 'total', 'executed_at', 'execution_time', 'error', 'error_stmt', 'hash', 'partial_hashes', 'operator_version'];

/** migrate.go RevisionTypeExecute: a migration Atlas ran. */
const EXECUTED = 2;

/** cmd/atlas/internal/migrate/migrate.go revisionID: the Atlas Cloud row, which no file stands for. */
const CLOUD_ROW = '.atlas_cloud_identifier';

export const atlas: HistoryTable = {
  format: 'atlas',
  // cmdapi migrateApplyRun makes the schema and the table (EntRevisions.Migrate) before it reads the history, dry run or not.
  createOnly: () => 'run `atlas migrate apply --dry-run` once (it creates the schema and the table before it reads them, and applies nothing)',
  defaultTable: { schema: 'atlas_schema_revisions', name: 'atlas_schema_revisions' },
  fits: (columns) => hasColumns(columns, ['version', 'description', 'applied', 'total', 'hash', 'partial_hashes']) && onlyColumns(columns, COLUMNS),
  // Under txmode file the failure rolls the row back with the file; under txmode none Execute's deferred write keeps it.
  recordsFailure: {
    when: 'outside-transaction',
    as: 'partially applied (applied below total, with the error)',
    next: '`atlas migrate apply` resumes it at the statement that failed, while apply refuses to migrate until it is repaired',
  },

  async read({ db, table, migrations, folder }) {
    const { rows } = await db.query(
      `SELECT version::text AS version, description::text AS description, applied, total, executed_at, execution_time::text AS execution_time,
              error, error_stmt
         FROM ${qualified(table)} WHERE version <> $1 ORDER BY version`,
      [CLOUD_ROW],
    );
    const findings: Draft[] = [];
    const entries = rows.flatMap((r) => {
      const version = String(r.version);
      const description = String(r.description ?? '');
      // Atlas keys revisions by the version as written (Pending compares them as strings).
      const files = migrations.filter((m) => m.kind === 'versioned' && m.version === version);
      const [applied, total] = [num(r.applied) ?? 0, num(r.total) ?? 0];
      const unfinished = applied < total;
      if (unfinished) findings.push(unfinishedDraft(files[0]?.file ?? folder, { version, description, applied, total, error: r.error }, qualified(table)));
      const appliedAt = isoTime(r.executed_at);
      const ns = num(r.execution_time);
      return entriesFor(
        {
          version,
          name: description,
          ...(appliedAt && { appliedAt }),
          ...(ns !== undefined && { executionMs: Math.round(ns / 1e6) }),
          state: unfinished ? 'dirty' : 'applied',
        },
        files,
        `${folder}/${version}${description ? `_${description}` : ''}.sql`,
      );
    });
    return { entries, findings };
  },

  async record(ctx) {
    const m = ctx.migration;
    const statements = asAtlasLexes(m.sql, ctx.statements);
    const n = statements.length;
    // Not known what ran (the failure came outside the file's statements): none counted, so Atlas re-checks nothing and starts over.
    const applied = ctx.failed ? (ctx.failed.kept ?? 0) : n;
    await insertRow(
      ctx,
      {
        version: m.version,
        description: m.name,
        type: EXECUTED,
        applied,
        total: n,
        execution_time: Math.round(ctx.executionMs * 1e6).toString(),
        // Execute's r.Error = err.Error(), which lib/pq (Atlas's PostgreSQL driver) prints as `pq: ` and the server's message.
        ...(ctx.failed && { error: `pq: ${ctx.failed.message}`, error_stmt: statements[applied] ?? null }),
        hash: m.atlasHash ?? '',
        // One per statement applied, which Atlas checks before it resumes a revision left part-way (HistoryChangedError).
        partial_hashes: JSON.stringify(partialHashes(statements).slice(0, applied)),
        operator_version: 'migration-gate',
      },
      { executed_at: 'now()' },
    );
  },
};

/**
 * The statements as Atlas's scanner (lex.go) gives them, which its hashes and error_stmt hold: from the first token through the
 * `;` that ends it (comments before that `;` too), or the rest of the file for a last one without; a text not found stays as it is.
 */
function asAtlasLexes(sql: string, statements: string[]): string[] {
  let cursor = 0;
  return statements.map((text) => {
    const at = sql.indexOf(text, cursor);
    if (at < 0) return text;
    cursor = at + text.length;
    const rest = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*;/.exec(sql.slice(cursor));
    if (rest) cursor += rest[0].length;
    return (rest ? sql.slice(at, cursor) : sql.slice(at)).trim();
  });
}

/** migrate.go Execute: one SHA-256 runs over the statements in turn, and each one's hash is that digest so far, `h1:` first. */
function partialHashes(statements: string[]): string[] {
  const h = createHash('sha256');
  return statements.map((s) => `h1:${h.update(s).copy().digest('base64')}`);
}

/** The dirty-history draft for a revision Atlas left with statements not applied: it resumes there, and how to get past it. */
function unfinishedDraft(
  file: string,
  r: { version: string; description: string; applied: number; total: number; error: unknown },
  table: string,
): Draft {
  const next = r.applied + 1;
  const failed = typeof r.error === 'string' && r.error !== '' ? `: statement ${next} failed (${r.error.split('\n')[0]})` : ` (statement ${next} never finished)`;
  return dirtyDraft(
    file,
    `Atlas recorded version ${r.version}${r.description ? ` (${r.description})` : ''} as partially applied, ${r.applied} of its ${r.total} statements${failed}. ` +
      `\`atlas migrate apply\` resumes it at statement ${next}, once it has checked the ${r.applied} before it are unchanged, and applies nothing after it until then.`,
    `Fix what stopped statement ${next} (in the database, or in the file from statement ${next} on, then \`atlas migrate hash\`) and run \`atlas migrate apply\` again; ` +
      `to start the file over instead, undo its first ${r.applied} statement(s) by hand and delete its revision: DELETE FROM ${table} WHERE version = '${r.version}';`,
  );
}
