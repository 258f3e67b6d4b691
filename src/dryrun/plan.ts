// How one migration file will be run: its SQL after placeholder substitution, its statements (from
// the real parser), whether it must run outside a transaction, and which extensions it creates.

import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import { parseSql, type ParsedSql, type Statement } from '../sql/parser.js';
import { placeholderRegex, substitutePlaceholders } from '../sql/placeholders.js';

export interface Plan {
  migration: Migration;
  /** The SQL that is sent: the migration's `up` SQL with placeholders substituted. */
  sql: string;
  parsed: ParsedSql;
  /** The statements to run; the file's own BEGIN/COMMIT are left out (the dry-run owns the transaction). Null when the parser failed: the file is sent whole and the server reports where. */
  statements: Statement[] | null;
  /** Runs statement by statement without a wrapping transaction, as Flyway does for such files. */
  outsideTransaction: boolean;
  /** Names from CREATE EXTENSION, in order. */
  extensions: string[];
}

const TX_CONTROL = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START', 'TRANS_STMT_COMMIT']);

/** Statements PostgreSQL refuses inside a transaction block. */
export function cannotRunInTransaction(s: Statement): boolean {
  const n = s.node;
  switch (s.kind) {
    case 'IndexStmt':
    case 'DropStmt':
      return n.concurrent === true;
    case 'ReindexStmt':
      return JSON.stringify(n.params ?? []).includes('"concurrently"');
    case 'AlterTableStmt':
      return JSON.stringify(n.cmds ?? []).includes('"concurrent":true');
    case 'VacuumStmt':
      return n.is_vacuumcmd === true;
    case 'CreatedbStmt':
    case 'DropdbStmt':
    case 'AlterSystemStmt':
    case 'CreateTableSpaceStmt':
    case 'DropTableSpaceStmt':
      return true;
    default:
      return false;
  }
}

export function planMigration(migration: Migration, options: GateOptions): Plan {
  const regex = placeholderRegex(options.placeholderPatterns);
  const sql = substitutePlaceholders(migration.sql, regex, options.placeholders);
  const parsed = parseSql(sql);
  const statements = parsed.error
    ? null
    : parsed.statements.filter((s) => !(s.kind === 'TransactionStmt' && TX_CONTROL.has(String(s.node.kind))));
  const extensions = parsed.statements
    .filter((s) => s.kind === 'CreateExtensionStmt')
    .map((s) => String(s.node.extname));
  return {
    migration,
    sql,
    parsed,
    statements,
    outsideTransaction: !migration.transactional || (statements ?? []).some(cannotRunInTransaction),
    extensions,
  };
}

/** The statement that covers character `offset` of the plan's SQL (or the last one before it). */
export function statementAt(plan: Plan, offset: number): Statement | undefined {
  let found: Statement | undefined;
  for (const s of plan.parsed.statements) {
    if (s.start <= offset) found = s;
    else break;
  }
  return found;
}
