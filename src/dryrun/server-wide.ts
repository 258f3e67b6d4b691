// Statements whose effect reaches past the scratch database: on the user's own server (url engine) they would create,
// drop or reconfigure what is not the run's, and on any engine leave what outlives it (a tablespace's folder, a
// publisher's replication slot, a prepared transaction), or reach another connection (dblink). The dry-run runs none of
// them, on every engine alike, so a report does not depend on where it ran; a DO block is read for them too. ALTER
// DATABASE ... SET is not one: cluster-state.ts puts database settings back after the run.

import { asArray, doBodyQueries, nodeOf, stringOf, stringsOf, type AstNode } from '../sql/ast.js';
import { parseSql, type Statement } from '../sql/parser.js';
import { someInTree } from '../sql/walk.js';
import { needsOwnTransaction } from '../rules/transaction-unsafe.js';
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

/** Transaction commands that act past the session: a prepared transaction outlives it, and holds its locks until someone ends it. */
const PREPARED: Record<string, Reach> = {
  TRANS_STMT_PREPARE: {
    label: 'PREPARE TRANSACTION',
    how: 'on the server itself, where the prepared transaction outlives the run and holds its locks until someone ends it',
  },
  TRANS_STMT_COMMIT_PREPARED: { label: 'COMMIT PREPARED', how: 'on the server itself, where it ends a transaction another session prepared' },
  TRANS_STMT_ROLLBACK_PREPARED: { label: 'ROLLBACK PREPARED', how: 'on the server itself, where it ends a transaction another session prepared' },
};

/** dblink's functions that open a connection of their own, to whatever server their connection string names. */
const DBLINK = new Set(['dblink', 'dblink_exec', 'dblink_connect', 'dblink_connect_u']);

const SERVER = 'on the server itself';

// What reaches past the scratch database names one of these words, EXECUTEd strings too: a DO block without any (most)
// is not read, which costs a parse of each of its expressions.
const NAMED = /\b(?:database|tablespace|system|subscription|copy|prepared?|dblink\w*)\b/i;

export interface ServerWide {
  statement: Statement;
  /** e.g. `DROP DATABASE`, `COPY ... TO PROGRAM`, `dblink_exec()`. */
  label: string;
  /** Where it acts, e.g. `on the server itself`. */
  how: string;
  /** Where in the plan's SQL: the statement, or what its DO block runs there. */
  at: number;
}

/** How a statement reaches past the scratch database; `offset`: where in its text, when a DO block runs it. */
type Reach = Omit<ServerWide, 'statement' | 'at'> & { offset?: number };

/** What of the server is the run's own, for a statement: `other` tells a database that is not the scratch one, `outlives` a grantee the run does not create. */
interface Scope {
  other: (database: unknown) => boolean;
  outlives: (grantee: unknown) => boolean;
}

/** The roles the plans create: the run drops them at its end with the privileges they hold (cluster-state.ts). */
export function createdRoles(plans: Plan[]): Set<string> {
  const roles = (plan: Plan) => (plan.statements ?? []).flatMap((s) => (s.kind === 'CreateRoleStmt' ? [String(s.node.role)] : []));
  return new Set(plans.flatMap(roles));
}

/** The plan's statements that act outside the scratch database `scratch`, in order; `created`: the roles the run creates. */
export function serverWideStatements(plan: Plan, scratch: string, created: ReadonlySet<string>): ServerWide[] {
  const out: ServerWide[] = [];
  const outlives = (grantee: unknown) => {
    const role = nodeOf(grantee, 'RoleSpec');
    return role?.roletype !== 'ROLESPEC_CSTRING' || !created.has(String(role.rolename));
  };
  // Null when the parser failed: the server then refuses the text whole, before it runs any of it.
  for (const s of plan.statements ?? []) {
    // Only the runner's placeholder for the database it is connected to (graphile-migrate's :DATABASE_NAME) names the
    // scratch one: a name the file writes is production's, whatever the engine calls its own database.
    const other = (name: unknown) => name !== scratch || !plan.template.valueIn(s.start, s.end);
    const reach = reachOf(s.kind, s.node, s.text, { other, outlives }, false);
    if (!reach) continue;
    const { label, how, offset } = reach;
    out.push({ statement: s, label: s.kind === 'DoStmt' ? `${label} in a DO block` : label, how, at: s.start + (offset ?? 0) });
  }
  return out;
}

/**
 * The first of them that would act, run as the runner runs the file. One PostgreSQL refuses in the transaction the runner
 * puts it in fails there before it acts: that one runs, and the report gives the runner's failure. A file sent as one
 * query is not cut: alone in it, the statement runs outside a transaction.
 */
export function actingServerWide(plan: Plan, scratch: string, created: ReadonlySet<string>): ServerWide | undefined {
  const inTransaction = new Set(plan.runAs === 'query' ? [] : stretches(plan).flatMap((p) => (p.transaction ? p.statements : [])));
  return serverWideStatements(plan, scratch, created).find((w) => !(inTransaction.has(w.statement) && cannotRunInTransaction(w.statement)));
}

/**
 * How a statement (`kind`, `node`, its `text`) reaches past the scratch database, or null. `inBlock`: a DO block runs
 * it, where PostgreSQL refuses what cannot run in a transaction before it acts ("cannot be executed from a function").
 */
function reachOf(kind: string, node: AstNode, text: string, scope: Scope, inBlock: boolean): Reach | null {
  if (inBlock && needsOwnTransaction(kind, node)) return null;
  const label = labelOf(kind, node, scope);
  if (label) return { label, how: SERVER };
  if (kind === 'TransactionStmt') return PREPARED[String(node.kind)] ?? null;
  if (kind === 'DoStmt') return NAMED.test(text) ? inDoBlock(text, node, scope) : null;
  const dblink = /dblink/i.test(text) ? dblinkCall(node) : undefined;
  return dblink
    ? { label: `${dblink}()`, how: "through a connection of its own (dblink), to whatever server its connection string names, past the dry-run's transaction" }
    : null;
}

/**
 * What a DO block runs that reaches past the scratch database: its SQL statements, and a constant string it EXECUTEs,
 * read as the statements it holds. A string built as it runs (format(), ||, a variable) cannot be known: it is not read.
 */
function inDoBlock(text: string, node: AstNode, scope: Scope): Reach | null {
  for (const q of doBodyQueries(text, node)) {
    if (q.never || !q.parsed) continue;
    const executed = constantText(q.parsed);
    const statements = executed === undefined ? [{ kind: q.parsed[0], node: q.parsed[1], text: q.text }] : parseSql(executed).statements;
    for (const s of statements) {
      const reach = reachOf(s.kind, s.node, s.text, scope, true);
      // An expression's place is not known (-1): its text is, in the block's.
      if (reach) return { ...reach, offset: Math.max(0, q.offset >= 0 ? q.offset : text.indexOf(q.text)) };
    }
  }
  return null;
}

/** The text of `SELECT '<constant>'`: how PL/pgSQL evaluates EXECUTE's string. */
function constantText([kind, node]: [string, AstNode]): string | undefined {
  const targets = asArray(node.targetList);
  if (kind !== 'SelectStmt' || node.fromClause || targets.length !== 1) return undefined;
  const value = (targets[0] as { ResTarget?: { val?: { A_Const?: { sval?: { sval?: unknown } } } } }).ResTarget?.val?.A_Const?.sval?.sval;
  return typeof value === 'string' ? value : undefined;
}

/** The dblink function the statement calls that opens a connection, or undefined. */
function dblinkCall(node: AstNode): string | undefined {
  let found: string | undefined;
  someInTree(node, (n, key) => {
    const name = key === 'FuncCall' ? stringsOf((n as AstNode).funcname).pop() : undefined;
    if (name === undefined || !DBLINK.has(name)) return false;
    found = name;
    return true;
  });
  return found;
}

function labelOf(kind: string, n: AstNode, { other, outlives }: Scope): string | null {
  switch (kind) {
    case 'AlterDatabaseStmt':
    case 'AlterDatabaseRefreshCollStmt':
      return other(n.dbname) ? 'ALTER DATABASE' : null;
    case 'RenameStmt':
      if (n.renameType === 'OBJECT_TABLESPACE') return 'ALTER TABLESPACE';
      return n.renameType === 'OBJECT_DATABASE' && other(n.subname) ? 'ALTER DATABASE' : null;
    case 'AlterOwnerStmt':
      if (n.objectType === 'OBJECT_TABLESPACE') return 'ALTER TABLESPACE';
      return n.objectType === 'OBJECT_DATABASE' && other(stringOf(n.object)) ? 'ALTER DATABASE' : null;
    // A database's or tablespace's privileges, comment and label are the server's: nothing puts them back after the run,
    // but for the privileges of a role the run creates, which go with it.
    case 'GrantStmt': {
      const verb = n.is_grant ? 'GRANT' : 'REVOKE';
      if (!asArray(n.grantees).some(outlives)) return null;
      if (n.objtype === 'OBJECT_TABLESPACE') return `${verb} ... ON TABLESPACE`;
      return n.objtype === 'OBJECT_DATABASE' && asArray(n.objects).some((o) => other(stringOf(o))) ? `${verb} ... ON DATABASE` : null;
    }
    case 'CommentStmt':
    case 'SecLabelStmt': {
      const verb = kind === 'CommentStmt' ? 'COMMENT' : 'SECURITY LABEL';
      if (n.objtype === 'OBJECT_TABLESPACE') return `${verb} ON TABLESPACE`;
      return n.objtype === 'OBJECT_DATABASE' && other(stringOf(n.object)) ? `${verb} ON DATABASE` : null;
    }
    case 'CopyStmt':
      // No file name: STDIN or STDOUT, which go through the connection.
      if (n.filename === undefined) return null;
      return `COPY ... ${n.is_from ? 'FROM' : 'TO'} ${n.is_program ? 'PROGRAM' : 'a server file'}`;
    default:
      return ALWAYS[kind] ?? null;
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
