// transaction-unsafe: statements PostgreSQL refuses inside a transaction block (CREATE INDEX
// CONCURRENTLY, VACUUM, ALTER SYSTEM, ...) where the file puts them in one, and BEGIN/COMMIT that
// do not pair up or that fight the runner's own transaction. Each claim was checked on PostgreSQL 15:
// REFRESH MATERIALIZED VIEW CONCURRENTLY and (since 12) ALTER TYPE ... ADD VALUE do run in a transaction,
// but the value ADD VALUE adds cannot be used before that transaction commits.

import type { Draft, Fix, Severity } from '../report/finding.js';
import type { PresetName } from '../options.js';
import type { Statement } from '../sql/parser.js';
import { asArray, doBodyStatements, nodeOf, stringOf, stringsOf, type AstNode } from '../sql/ast.js';
import { LineIndex } from '../sql/lines.js';
import type { FileContext, FileRule } from './rule.js';
import { PRESET_TABLE } from '../config/presets.js';

const REINDEX_WHOLE: Record<string, string> = {
  REINDEX_OBJECT_DATABASE: 'REINDEX DATABASE',
  REINDEX_OBJECT_SYSTEM: 'REINDEX SYSTEM',
};

function option(node: AstNode, key: string, name: string): AstNode | undefined {
  return asArray(node[key])
    .map((d) => nodeOf(d, 'DefElem'))
    .find((d) => d?.defname === name) ?? undefined;
}

/** The statement's name when PostgreSQL refuses to run it inside a transaction block, else null. */
export function needsOwnTransaction(kind: string, node: AstNode): string | null {
  switch (kind) {
    case 'IndexStmt':
      return node.concurrent ? 'CREATE INDEX CONCURRENTLY' : null;
    case 'DropStmt':
      return node.concurrent ? 'DROP INDEX CONCURRENTLY' : null;
    case 'ReindexStmt':
      if (option(node, 'params', 'concurrently')) return 'REINDEX CONCURRENTLY';
      return REINDEX_WHOLE[String(node.kind)] ?? null;
    case 'VacuumStmt':
      return node.is_vacuumcmd ? 'VACUUM' : null;
    case 'AlterSystemStmt':
      return 'ALTER SYSTEM';
    case 'CreatedbStmt':
      return 'CREATE DATABASE';
    case 'DropdbStmt':
      return 'DROP DATABASE';
    case 'CreateTableSpaceStmt':
      return 'CREATE TABLESPACE';
    case 'DropTableSpaceStmt':
      return 'DROP TABLESPACE';
    case 'DiscardStmt':
      return node.target === 'DISCARD_ALL' ? 'DISCARD ALL' : null;
    case 'ClusterStmt':
      // Only the form that re-clusters every table; CLUSTER <table> runs in a transaction.
      return node.relation ? null : 'CLUSTER';
    case 'AlterDatabaseStmt':
      return option(node, 'options', 'tablespace') ? 'ALTER DATABASE ... SET TABLESPACE' : null;
    case 'AlterTableStmt':
      return asArray(node.cmds).some((c) => {
        const cmd = nodeOf(c, 'AlterTableCmd');
        return cmd?.subtype === 'AT_DetachPartition' && nodeOf(cmd.def, 'PartitionCmd')?.concurrent === true;
      })
        ? 'ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY'
        : null;
    case 'CreateSubscriptionStmt': {
      // create_slot (default true) is what needs its own transaction; connect = false implies no slot.
      const off = (name: string) => {
        const arg = option(node, 'options', name)?.arg;
        return arg !== undefined && /^(false|off|0)$/i.test(stringOf(arg) ?? String(nodeOf(arg, 'Boolean')?.boolval ?? ''));
      };
      return off('create_slot') || off('connect') ? null : 'CREATE SUBSCRIPTION';
    }
    default:
      return null;
  }
}

/** How to get a file out of the runner's transaction, per runner. */
const OWN_FILE: Record<PresetName, string> = {
  generic: 'Move it to a migration file of its own, with no other statements, that the runner does not wrap in a transaction.',
  supabase: 'Move it to a migration file of its own with no other statements.',
  flyway: 'Move it to a migration of its own and add a script config file beside it (<name>.sql.conf) with executeInTransaction=false.',
  prisma: 'Move it to a migration of its own with no other statements.',
  'golang-migrate': 'Move it to a migration file of its own with no other statements: golang-migrate sends a file as one query, an implicit transaction.',
  dbmate: 'Move it to a migration of its own and mark it `-- migrate:up transaction:false`.',
  'node-pg-migrate': 'Move it to a migration of its own that calls pgm.noTransaction().',
  goose: 'Move it to a migration of its own with `-- +goose NO TRANSACTION` at the top.',
  sqlx: 'Move it to a migration of its own whose first line is `-- no-transaction`.',
};

/** Which runner versions take a statement out of the file's transaction (PRESET_TABLE.runsAlone), where older ones do not. */
const RUNS_ALONE_SINCE: Partial<Record<PresetName, string>> = {
  supabase: ' Supabase CLIs before 2.109 refuse it in a migration (SQLSTATE 25001).',
};

/** The string constants a statement uses, and the types it names (casts, column types). */
function literalsAndTypes(node: unknown, out: { strings: Set<string>; types: Set<string> } = { strings: new Set(), types: new Set() }) {
  if (Array.isArray(node)) {
    for (const item of node) literalsAndTypes(item, out);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as AstNode)) {
      if (key === 'A_Const') {
        const text = ((value as AstNode).sval as AstNode | undefined)?.sval;
        if (typeof text === 'string') out.strings.add(text);
      } else if (key === 'typeName' && value && typeof value === 'object' && !Array.isArray(value)) {
        const name = stringsOf((value as AstNode).names).pop();
        if (name !== undefined) out.types.add(name);
      }
      literalsAndTypes(value, out);
    }
  }
  return out;
}

/** An enum value added in the transaction so far: PostgreSQL refuses to use it before that transaction commits. */
interface AddedValue {
  value: string;
  type: string;
  line: number;
}

const BEGINS = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START']);
const ENDS = new Set(['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE']);

function txKind(s: Statement): 'begin' | 'end' | null {
  if (s.kind !== 'TransactionStmt') return null;
  const kind = String(s.node.kind);
  if (BEGINS.has(kind)) return 'begin';
  // COMMIT AND CHAIN starts the next transaction at once: the block stays open.
  return ENDS.has(kind) && !s.node.chain ? 'end' : null;
}

/** The first word(s) of a transaction statement as written: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK. */
function label(s: Statement): string {
  return s.text.replace(/\s+/g, ' ').split(' ').slice(0, /^start/i.test(s.text) ? 2 : 1).join(' ').toUpperCase();
}

export const transactionUnsafe: FileRule = {
  id: 'transaction-unsafe',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'A statement that cannot run in a transaction block where the file puts it in one, a new enum value used in the transaction that adds it, or BEGIN/COMMIT that do not pair up.',
  check(ctx) {
    const out: Draft[] = [];
    const stmts = ctx.parsed.statements;
    let lineIndex: LineIndex | undefined; // only fixes need the file's own lines
    const file = () => (lineIndex ??= new LineIndex(ctx.migration.sql));
    const draft = (s: Statement, message: string, suggestion: string, severity?: Severity, fix?: Fix | null): void => {
      const pos = ctx.position(s.start);
      const d: Draft = { rule: 'transaction-unsafe', file: ctx.migration.file, line: pos.line, column: pos.column, message, suggestion };
      if (severity) d.severity = severity;
      if (fix) d.fix = fix;
      out.push(d);
    };
    const line = (s: Statement) => ctx.position(s.start).line;
    const own = OWN_FILE[ctx.options.preset] ?? OWN_FILE.generic;
    const { runsAlone } = PRESET_TABLE[ctx.options.preset];
    const runsAloneNote = RUNS_ALONE_SINCE[ctx.options.preset] ?? '';
    const wrapped = ctx.migration.runnerWraps;
    const others = stmts.length - 1;

    let open: Statement | null = null;
    // Enum values added in the transaction the file is in at this point.
    let added: AddedValue[] = [];
    const oneTransaction = wrapped || (ctx.migration.transactional && others > 0);
    const checkNewValues = (s: Statement, nodes: unknown[]): void => {
      if (!added.length || !(oneTransaction || open)) return;
      const used = literalsAndTypes(nodes);
      const hit = added.find((a) => used.strings.has(a.value));
      if (!hit) return;
      const value = `'${hit.value.replace(/'/g, "''")}'`;
      const rule = `PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04).`;
      const suggestion = `Move ALTER TYPE ${hit.type} ADD VALUE ${value} to a migration of its own that runs before this one, so that it commits first.`;
      // Naming the type makes it certain; a bare literal may be compared with a column of that type, or be plain text.
      if (used.types.has(hit.type)) draft(s, `${value} is the ${hit.type} value that ALTER TYPE ... ADD VALUE at line ${hit.line} adds in the same transaction: ${rule}`, suggestion);
      else draft(s, `If ${value} here is a ${hit.type} value, it is the one ALTER TYPE ... ADD VALUE at line ${hit.line} adds in the same transaction: ${rule}`, suggestion, 'warning');
    };
    stmts.forEach((s, i) => {
      const tx = txKind(s);
      if (tx === 'end') added = [];
      if (tx === 'begin') {
        if (wrapped) {
          draft(s, `${label(s)} inside a file the runner already runs in a transaction: PostgreSQL only warns "there is already a transaction in progress", and a COMMIT in the file ends the runner's transaction, not a nested one.`, 'Remove the BEGIN and its COMMIT: the runner commits the file as a whole.', 'warning', deleteLine(ctx, file(), s));
        } else if (open) {
          draft(s, `${label(s)} while the transaction opened at line ${line(open)} is still open: PostgreSQL ignores it with a warning, and the first COMMIT ends both.`, 'Remove this BEGIN, or COMMIT the first transaction before it.', 'warning');
        }
        open ??= s;
        return;
      }
      if (tx === 'end') {
        const last = i === stmts.length - 1;
        if (wrapped) {
          if (last) {
            draft(s, `${label(s)} ends the runner's transaction before the runner does: the runner's own COMMIT then only warns, and anything it records after the file runs outside the transaction.`, 'Remove it (and the BEGIN that opens it): the runner commits the file as a whole.', 'warning', deleteLine(ctx, file(), s));
          } else {
            draft(s, `${label(s)} at line ${line(s)} ends the runner's transaction in the middle of the file: the ${stmts.length - 1 - i} statement(s) after it run outside any transaction, so a failure there leaves the migration half-applied and unrecorded.`, 'Remove it: the runner commits the file as a whole. If part of the file must run outside a transaction, move that part to a migration of its own.');
          }
        } else if (!open) {
          draft(s, `${label(s)} without a BEGIN before it: there is no transaction in progress, so it only raises a warning and commits nothing.`, 'Remove it, or add BEGIN where the transaction should start.', 'warning');
        }
        open = null;
        return;
      }
      const unsafe = needsOwnTransaction(s.kind, s.node);
      if (unsafe) {
        if (open) {
          draft(s, `${unsafe} cannot run inside a transaction block, and this one runs inside the transaction opened by ${label(open)} at line ${line(open)}.`, `Move it after the COMMIT. ${own}`);
        } else if (wrapped && runsAlone.includes(unsafe)) {
          // Alone in its file it runs as written; beside others it splits the file's transaction.
          if (others > 0) {
            draft(s, `${unsafe} cannot run inside a transaction block, so the runner (preset ${ctx.options.preset}) runs it on its own, outside the transaction of the file's ${others} other statement(s): the file no longer applies all or nothing, and a failure after it leaves the file half-applied and unrecorded.${runsAloneNote}`, own, 'warning');
          }
        } else if (wrapped) {
          const outside = runsAlone.length ? `The runner takes only ${runsAlone.join(', ')} out of a file's transaction: run this statement outside the migrations (e.g. with psql).` : own;
          draft(s, `${unsafe} cannot run inside a transaction block, and the runner (preset ${ctx.options.preset}) runs this file in one.`, outside);
        } else if (others > 0 && ctx.migration.transactional) {
          draft(s, `${unsafe} cannot run inside a transaction block; this file has ${others} other statement(s), and a runner that sends the file as one query (golang-migrate, Supabase, node-postgres) runs them all as one implicit transaction, where it fails. Only statement-by-statement execution (psql -f) runs it.`, own);
        }
      }
      // Even a type created in the same transaction cannot use a value ADD VALUE gives it (checked on PostgreSQL 15).
      if (s.kind === 'AlterEnumStmt' && typeof s.node.newVal === 'string') {
        added.push({ value: s.node.newVal, type: stringsOf(s.node.typeName).pop() ?? '', line: line(s) });
      } else {
        checkNewValues(s, s.kind === 'DoStmt' ? doBodyStatements(s.text, s.node).map((inner) => inner.parsed?.[1]) : [s.node]);
      }
      if (s.kind === 'DoStmt') {
        for (const inner of doBodyStatements(s.text, s.node)) {
          const name = inner.parsed && needsOwnTransaction(inner.parsed[0], inner.parsed[1]);
          if (name) draft(s, `${name} cannot be executed from a DO block: a function body always runs inside a transaction.`, `Take it out of the DO block. ${own}`);
        }
      }
    });
    if (open && !wrapped) {
      const begin: Statement = open;
      draft(begin, `${label(begin)} at line ${line(begin)} has no COMMIT: when the session ends the open transaction is rolled back, so \`psql -f\` exits 0 while nothing the file did is kept.`, 'Add COMMIT; at the end of the file.', undefined, appendCommit(ctx, file(), stmts[stmts.length - 1]!));
    }
    return out;
  },
};

/** The statement's lines become empty, when it is alone on them (its `;` and a trailing comment may follow). */
function deleteLine(ctx: FileContext, file: LineIndex, s: Statement): Fix | null {
  const sql = ctx.migration.sql;
  const at = ctx.parsed.lines.position(s.start);
  const from = file.lineStart(at.line);
  const start = from + at.column - 1;
  if (sql.slice(start, start + s.text.length) !== s.text || sql.slice(from, start).trim() !== '') return null;
  const endLine = file.position(start + s.text.length - 1).line;
  const next = endLine < file.lineCount ? file.lineStart(endLine + 1) - 1 : sql.length;
  if (!/^\s*;?\s*(--.*)?$/.test(sql.slice(start + s.text.length, next))) return null;
  return { line: at.line + ctx.migration.lineOffset, endLine: endLine + ctx.migration.lineOffset, replacement: '' };
}

/** The last statement's last line, followed by a COMMIT line. */
function appendCommit(ctx: FileContext, file: LineIndex, last: Statement): Fix {
  const endLine = ctx.parsed.lines.position(Math.max(last.start, last.end - 1)).line;
  const from = file.lineStart(endLine);
  const next = endLine < file.lineCount ? file.lineStart(endLine + 1) - 1 : ctx.migration.sql.length;
  const text = ctx.migration.sql.slice(from, next).replace(/\r$/, '');
  const terminated = ctx.migration.sql.slice(last.end, next).includes(';');
  const n = endLine + ctx.migration.lineOffset;
  return { line: n, endLine: n, replacement: `${text}${terminated ? '' : ';'}\nCOMMIT;` };
}
