// Statements whose effect reaches past the scratch database: on the user's own server (url engine) they would create,
// drop or reconfigure what is not the run's, and on any engine leave what outlives it (a tablespace's folder, a
// publisher's replication slot). The dry-run runs none of them, on every engine alike, so a report does not depend on
// where it ran. ALTER DATABASE ... SET is not one: cluster-state.ts puts database settings back after the run.

import type { Statement } from '../sql/parser.js';
import { cannotRunInTransaction, stretches, type Plan } from './plan.js';

/** Statements outside the scratch database whatever they name. */
const ALWAYS: Record<string, string> = {
  CreatedbStmt: 'CREATE DATABASE',
  DropdbStmt: 'DROP DATABASE',
  AlterSystemStmt: 'ALTER SYSTEM',
  CreateTableSpaceStmt: 'CREATE TABLESPACE',
  DropTableSpaceStmt: 'DROP TABLESPACE',
  AlterTableSpaceOptionsStmt: 'ALTER TABLESPACE',
  // They connect to the publisher, and create or drop replication slots there.
  CreateSubscriptionStmt: 'CREATE SUBSCRIPTION',
  AlterSubscriptionStmt: 'ALTER SUBSCRIPTION',
  DropSubscriptionStmt: 'DROP SUBSCRIPTION',
};

export interface ServerWide {
  statement: Statement;
  /** e.g. `DROP DATABASE`, `COPY ... TO PROGRAM`. */
  label: string;
}

/** The plan's statements that act outside the scratch database `scratch`, in order. */
export function serverWideStatements(plan: Plan, scratch: string): ServerWide[] {
  // Only the runner's placeholder for the database it is connected to (graphile-migrate's :DATABASE_NAME) names the
  // scratch one: a name the file writes is production's, whatever the engine calls its own database.
  const other = (s: Statement, name: unknown) => name !== scratch || !plan.template.valueIn(s.start, s.end);
  const out: ServerWide[] = [];
  // Null when the parser failed: the server then refuses the text whole, before it runs any of it.
  for (const s of plan.statements ?? []) {
    const label = labelOf(s, other);
    if (label) out.push({ statement: s, label });
  }
  return out;
}

/**
 * The first of them that would act, run as the runner runs the file. One PostgreSQL refuses in the transaction the runner
 * puts it in fails there before it acts: that one runs, and the report gives the runner's failure. A file sent as one
 * query is not cut: alone in it, the statement runs outside a transaction.
 */
export function actingServerWide(plan: Plan, scratch: string): ServerWide | undefined {
  const inTransaction = new Set(plan.runAs === 'query' ? [] : stretches(plan).flatMap((p) => (p.transaction ? p.statements : [])));
  return serverWideStatements(plan, scratch).find((w) => !(inTransaction.has(w.statement) && cannotRunInTransaction(w.statement)));
}

function labelOf(s: Statement, other: (s: Statement, name: unknown) => boolean): string | null {
  const n = s.node;
  const named = (n.object as { String?: { sval?: string } } | undefined)?.String?.sval;
  switch (s.kind) {
    case 'AlterDatabaseStmt':
    case 'AlterDatabaseRefreshCollStmt':
      return other(s, n.dbname) ? 'ALTER DATABASE' : null;
    case 'RenameStmt':
      if (n.renameType === 'OBJECT_TABLESPACE') return 'ALTER TABLESPACE';
      return n.renameType === 'OBJECT_DATABASE' && other(s, n.subname) ? 'ALTER DATABASE' : null;
    case 'AlterOwnerStmt':
      if (n.objectType === 'OBJECT_TABLESPACE') return 'ALTER TABLESPACE';
      return n.objectType === 'OBJECT_DATABASE' && other(s, named) ? 'ALTER DATABASE' : null;
    case 'CopyStmt':
      // No file name: STDIN or STDOUT, which go through the connection.
      if (n.filename === undefined) return null;
      return `COPY ... ${n.is_from ? 'FROM' : 'TO'} ${n.is_program ? 'PROGRAM' : 'a server file'}`;
    default:
      return ALWAYS[s.kind] ?? null;
  }
}

/**
 * The plan with `statements` left out: blanked in its SQL (newlines kept, so positions still map to the file), and
 * out of the statements it runs one by one.
 */
export function without(plan: Plan, statements: Statement[]): Plan {
  if (statements.length === 0) return plan;
  let sql = plan.sql;
  for (const s of statements) sql = sql.slice(0, s.start) + sql.slice(s.start, s.end).replace(/[^\n]/g, ' ') + sql.slice(s.end);
  return { ...plan, sql, statements: plan.statements?.filter((s) => !statements.includes(s)) ?? null };
}
