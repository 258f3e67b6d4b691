// transaction-unsafe: statements PostgreSQL refuses inside a transaction block (CREATE INDEX
// CONCURRENTLY, VACUUM, ALTER SYSTEM, ...) where the file puts them in one, and BEGIN/COMMIT that
// do not pair up or that fight the runner's own transaction, a ROLLBACK that discards what the runner records as
// applied, statements that need a transaction block (LOCK, SAVEPOINT) where they run outside one, and SET TRANSACTION
// after a query of its transaction, said the way the preset's runner sends a file
// (PRESET_TABLE.runner in config/presets.ts). Each claim about the server was checked on PostgreSQL 15:
// REFRESH MATERIALIZED VIEW CONCURRENTLY and (since 12) ALTER TYPE ... ADD VALUE do run in a transaction,
// but the value ADD VALUE adds cannot be used before that transaction commits; COMMIT and ROLLBACK AND CHAIN open the next
// transaction at once, and outside a transaction block (an implicit transaction too) PostgreSQL refuses them (25P01).
// REINDEX and CLUSTER ... USING of a partitioned table, and DROP SUBSCRIPTION of one with a replication slot, are refused in a
// block too, and every statement refused there is refused in any function, DO block or procedure, whatever the runner does.

import type { Draft, Fix, Severity } from '../report/finding.js';
import type { PresetName } from '../options.js';
import type { Statement } from '../sql/parser.js';
import { asArray, doBodyQueries, doBodyStatements, formatName, nodeOf, qualifiedName, rangeVarName, sameName, stringOf, stringsOf, type AstNode, type DoBodyStatement, type QualifiedName } from '../sql/ast.js';
import { functionBodyStatements } from '../sql/function-body.js';
import type { FileContext, FileRule } from './rule.js';
import { replacing, statementLines } from './file-lines.js';
import { PRESET_TABLE, runnerOf, runsAloneAs, runsOutsideOf } from '../config/presets.js';
import { DeclaredSchema, earlierSchema, valueUse } from './enum-literals.js';
import { gooseQueries, type GooseQuery } from '../discover/goose-split.js';
import type { EarlierTables } from './idempotency/earlier.js';
import { capital } from '../report/plural.js';

const REINDEX_WHOLE: Record<string, string> = {
  REINDEX_OBJECT_SCHEMA: 'REINDEX SCHEMA',
  REINDEX_OBJECT_DATABASE: 'REINDEX DATABASE',
  REINDEX_OBJECT_SYSTEM: 'REINDEX SYSTEM',
};

function option(node: AstNode, key: string, name: string): AstNode | undefined {
  return asArray(node[key])
    .map((d) => nodeOf(d, 'DefElem'))
    .find((d) => d?.defname === name) ?? undefined;
}

/** Whether the statement's WITH option `name` is set to false. */
function turnedOff(node: AstNode, name: string): boolean {
  const arg = option(node, 'options', name)?.arg;
  return arg !== undefined && /^(false|off|0)$/i.test(stringOf(arg) ?? String(nodeOf(arg, 'Boolean')?.boolval ?? ''));
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
    case 'CreateSubscriptionStmt':
      // create_slot (default true) is what needs its own transaction; connect = false implies no slot.
      return turnedOff(node, 'create_slot') || turnedOff(node, 'connect') ? null : 'CREATE SUBSCRIPTION';
    case 'AlterSubscriptionStmt':
      if (node.kind === 'ALTER_SUBSCRIPTION_REFRESH') return 'ALTER SUBSCRIPTION ... REFRESH';
      // SET, ADD and DROP PUBLICATION refresh the subscription unless told refresh = false.
      return /PUBLICATION$/.test(String(node.kind)) && !turnedOff(node, 'refresh') ? 'ALTER SUBSCRIPTION with refresh' : null;
    default:
      return null;
  }
}

/** Why PostgreSQL refuses a statement in a transaction block; `unsure`: the file does not tell whether the reason holds, said as a sentence. */
interface Refusal {
  name: string;
  unsure?: string;
}

const WITH_SLOT = 'DROP SUBSCRIPTION of a subscription with a replication slot';

/** The value a subscription's WITH or SET option `slot_name` gives (NONE reads as 'none'), undefined where it sets none. */
const slotName = (node: AstNode): string | undefined => {
  const arg = option(node, 'options', 'slot_name')?.arg;
  return arg === undefined ? undefined : stringOf(arg);
};

/**
 * What the file has made so far that decides whether PostgreSQL refuses a statement in a transaction block (checked on
 * PostgreSQL 15): REINDEX of a partitioned table or index and CLUSTER of a partitioned table, which it runs a transaction
 * per partition for, and DROP SUBSCRIPTION of one with a replication slot (every subscription, even one made with
 * connect = false, until slot_name = NONE takes it away). A table the earlier migrations leave partitioned counts too; an
 * index of one, or a subscription, made there is not known.
 */
class FileObjects {
  private readonly parted: QualifiedName[] = [];
  /** The named indexes the file makes, each with its table's RangeVar: whether that table is partitioned is asked only at a REINDEX INDEX. */
  private readonly indexes: Array<{ name: QualifiedName; table: unknown }> = [];
  /** Each subscription the file makes, by name, and whether it has a replication slot. */
  private readonly slots = new Map<string, boolean>();

  constructor(private readonly earlier: EarlierTables) {}

  /** Made PARTITION BY in the file, or left so by the migrations before it: asked of REINDEX and CLUSTER only, which are rare. */
  private isParted = (rel: unknown) => {
    const name = rangeVarName(rel);
    return this.parted.some((t) => sameName(t, name)) || this.earlier.partitioned(name);
  };

  /** Why PostgreSQL refuses the statement in a transaction block, null where it does not. */
  refusal(kind: string, node: AstNode): Refusal | null {
    const name = needsOwnTransaction(kind, node);
    if (name) return { name };
    if (kind === 'ReindexStmt' && node.kind === 'REINDEX_OBJECT_TABLE' && this.isParted(node.relation)) return { name: 'REINDEX TABLE of a partitioned table' };
    if (kind === 'ReindexStmt' && node.kind === 'REINDEX_OBJECT_INDEX' && this.indexes.some((i) => sameName(i.name, rangeVarName(node.relation)) && this.isParted(i.table))) {
      return { name: 'REINDEX INDEX of a partitioned index' };
    }
    if (kind === 'ClusterStmt' && typeof node.indexname === 'string' && this.isParted(node.relation)) return { name: 'CLUSTER of a partitioned table' };
    if (kind !== 'DropSubscriptionStmt') return null;
    const slot = this.slots.get(String(node.subname));
    if (slot === false) return null;
    return slot ? { name: WITH_SLOT } : { name: WITH_SLOT, unsure: 'No statement before it in the file tells whether this subscription has one: only one made or altered with slot_name = NONE has none.' };
  }

  /** Whether the statement is CLUSTER of a partitioned table without USING, which PostgreSQL refuses always: it cannot mark an index of one clustered. */
  clusterWithoutIndex(kind: string, node: AstNode): boolean {
    return kind === 'ClusterStmt' && node.relation !== undefined && node.indexname === undefined && this.isParted(node.relation);
  }

  learn(kind: string, node: AstNode): void {
    if (kind === 'CreateStmt' && node.partspec) this.parted.push(rangeVarName(node.relation));
    // An index lives in its table's schema.
    else if (kind === 'IndexStmt' && typeof node.idxname === 'string') this.indexes.push({ name: { ...rangeVarName(node.relation), name: node.idxname }, table: node.relation });
    else if (kind === 'CreateSubscriptionStmt') this.slots.set(String(node.subname), slotName(node) !== 'none');
    // SET (slot_name = ...) tells of a subscription made anywhere: the usual way to drop one in a transaction is to set it to NONE first.
    else if (kind === 'AlterSubscriptionStmt' && slotName(node) !== undefined) this.slots.set(String(node.subname), slotName(node) !== 'none');
    else if (kind === 'DropSubscriptionStmt') this.slots.delete(String(node.subname));
  }
}

/** Words without which a function body holds no statement PostgreSQL refuses in a transaction block: only such a body is read. */
const REFUSED_WORDS = /\b(?:concurrently|vacuum|reindex|cluster|system|database|tablespace|subscription|discard|detach)\b/i;

/** Exception conditions that catch PostgreSQL's refusal of a statement in a function (active_sql_transaction, 25001): it, its class, OTHERS. */
const CATCHES_25001 = new Set(['others', 'active_sql_transaction', '25001', 'invalid_transaction_state', '25000']);

/** Where the statements after a COMMIT in the middle of a wrapped file run, by how the runner sends the file ('batch' holds for any). */
const AFTER_COMMIT: Record<'query' | 'batch', string> = {
  query: 'run as a second transaction',
  batch: 'no longer run in one transaction with those before it',
};

/**
 * Why a runner's own COMMIT fails where a COMMIT in the file has ended its transaction, where it does not merely warn:
 * dbmate commits through lib/pq, whose Commit checks the session's transaction status before it sends anything (conn.go).
 */
const COMMIT_FAILS: Partial<Record<PresetName, string>> = {
  dbmate: 'its driver, lib/pq, finds no transaction to commit ("pq: unexpected transaction status idle")',
};

/** What the Supabase CLI has taken out of a file's transaction since 2.109 (supabase/cli#5156); the rest of PRESET_TABLE.supabase.runsAlone since #6347's fix. */
const SUPABASE_2_109 = new Set(['CREATE INDEX CONCURRENTLY', 'DROP INDEX CONCURRENTLY', 'REINDEX CONCURRENTLY', 'VACUUM', 'ALTER SYSTEM', 'CLUSTER']);

/** Which runner versions take statement `unsafe`, which cannot run in a transaction, out of the file's (PRESET_TABLE.runsAlone), where older ones fail. */
function runsAloneSince(preset: PresetName, unsafe: string): string {
  if (preset !== 'supabase') return '';
  return ` Supabase CLIs before ${SUPABASE_2_109.has(unsafe) ? '2.109' : 'the fix of supabase/cli#6347'} refuse it in a migration (SQLSTATE 25001).`;
}

/** Presets whose runner runs a file holding its own transaction control as written, one statement at a time, with no transaction of its own. */
const AS_WRITTEN: ReadonlySet<PresetName> = new Set(['supabase']);

/**
 * Whether the preset's runner runs this file as written: it holds BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT or
 * PREPARE TRANSACTION, savepoints aside (the Supabase CLI's legacyHasTransactionControl, by the statements' first words).
 */
export function runsAsWritten(preset: PresetName, stmts: readonly Statement[]): boolean {
  return AS_WRITTEN.has(preset) && stmts.some(controlsTransaction);
}

const controlsTransaction = (s: Statement): boolean => s.kind === 'TransactionStmt' && !SAVEPOINTS[String(s.node.kind)];

/**
 * The statements whose first words Flyway's patterns can name (PRESET_TABLE.flyway.runsOutside: CREATE/DROP DATABASE,
 * TABLESPACE or SUBSCRIPTION, ALTER SYSTEM, [UNIQUE] INDEX CONCURRENTLY, REINDEX, VACUUM, DISCARD): only these are scanned.
 */
const FLYWAY_KINDS = new Set([
  'CreatedbStmt', 'DropdbStmt', 'CreateTableSpaceStmt', 'DropTableSpaceStmt', 'CreateSubscriptionStmt', 'DropSubscriptionStmt',
  'AlterSystemStmt', 'IndexStmt', 'DropStmt', 'ReindexStmt', 'VacuumStmt', 'DiscardStmt',
]);

/** Whether Flyway runs the statement's migration outside a transaction by itself: its parser recognises the statement. */
export function flywayRunsOutside(s: Statement): boolean {
  return flywayWords(s) !== null;
}

/** The words Flyway's parser recognises the statement by (`CREATE SUBSCRIPTION`, `REINDEX SCHEMA`), or null. */
function flywayWords(s: Statement): string | null {
  let out = flywayOutside.get(s);
  if (out === undefined) {
    // An index (or DROP) is one of Flyway's only when written CONCURRENTLY: the rest need no scan.
    const plain = (s.kind === 'IndexStmt' || s.kind === 'DropStmt') && s.node.concurrent !== true;
    flywayOutside.set(s, (out = FLYWAY_KINDS.has(s.kind) && !plain ? runsOutsideOf('flyway', s.text) : null));
  }
  return out;
}

/** Each statement's answer, asked by the rule and the dry-run's plan several times over. */
const flywayOutside = new WeakMap<Statement, string | null>();

/**
 * The statement at which Flyway refuses a migration that holds both what it runs outside a transaction and what it runs
 * in one (ParserSqlScript.parse, with mixed false and no executeInTransaction in a script config file); null if none.
 */
export function flywayMixedAt(stmts: readonly Statement[]): Statement | null {
  const seen = new Set<boolean>();
  return stmts.find((s) => seen.add(flywayRunsOutside(s)).size === 2) ?? null;
}


/** An enum value added in the transaction so far: PostgreSQL refuses to use it before that transaction commits. */
interface AddedValue {
  value: string;
  type: QualifiedName;
  line: number;
  /** The goose query it is in, where goose sends the file's queries one by one: each commits apart. */
  query: GooseQuery | undefined;
  /** ADD VALUE IF NOT EXISTS on a type whose values the gate cannot tell in full (no migration it reads makes it): it may add nothing. */
  mayExist: boolean;
}

const BEGINS = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START']);
const ENDS = new Set(['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE']);

/** Whether the statement is ROLLBACK or ABORT (AND CHAIN too): it discards its transaction, where ROLLBACK TO SAVEPOINT keeps it. */
export const isRollback = (s: Statement): boolean => s.kind === 'TransactionStmt' && s.node.kind === 'TRANS_STMT_ROLLBACK';

/**
 * The transaction a statement runs in: a block (BEGIN's, or the runner's), the implicit one PostgreSQL gives a query of
 * several statements, none, or, for a runner of unknown habits, one of a query or none (psql -f).
 */
type Block = 'explicit' | 'implicit' | 'none' | 'unknown';

/** Statements PostgreSQL refuses outside a transaction block (25P01), by the name its error gives them; the transaction ones also in an implicit transaction. */
export function needsBlock(s: Statement): string | null {
  if (s.kind === 'LockStmt') return 'LOCK TABLE';
  if (s.kind === 'TransactionStmt' && s.node.chain) return `${s.node.kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK'} AND CHAIN`;
  // A cursor WITH HOLD (CURSOR_OPT_HOLD, 0x20) outlives its transaction, so it needs none.
  if (s.kind === 'DeclareCursorStmt') return Number(s.node.options) & 0x20 ? null : 'DECLARE CURSOR';
  return SAVEPOINTS[String(s.kind === 'TransactionStmt' ? s.node.kind : '')] ?? null;
}

const SAVEPOINTS: Record<string, string> = {
  TRANS_STMT_SAVEPOINT: 'SAVEPOINT',
  TRANS_STMT_RELEASE: 'RELEASE SAVEPOINT',
  TRANS_STMT_ROLLBACK_TO: 'ROLLBACK TO SAVEPOINT',
};

/** Statements that take no snapshot (PortalRunUtility): SET TRANSACTION may still follow them. */
const NO_SNAPSHOT = new Set(['TransactionStmt', 'LockStmt', 'VariableSetStmt', 'VariableShowStmt', 'ConstraintsSetStmt', 'ListenStmt', 'NotifyStmt', 'UnlistenStmt', 'CheckPointStmt']);

/** What a SET TRANSACTION sets that PostgreSQL refuses after the transaction's first query (25001), else null. */
function lateSetting(s: Statement): string | null {
  if (s.kind !== 'VariableSetStmt' || s.node.kind !== 'VAR_SET_MULTI') return null;
  if (s.node.name === 'TRANSACTION SNAPSHOT') return 'SET TRANSACTION SNAPSHOT';
  if (s.node.name !== 'TRANSACTION') return null;
  for (const d of asArray(s.node.args).map((a) => nodeOf(a, 'DefElem'))) {
    // The default level, READ COMMITTED, may be set again at any time; READ ONLY too (checked on PostgreSQL 15).
    if (d?.defname === 'transaction_isolation' && (nodeOf(d.arg, 'A_Const')?.sval as AstNode | undefined)?.sval !== 'read committed') return 'SET TRANSACTION ISOLATION LEVEL';
    if (d?.defname === 'transaction_deferrable') return 'SET TRANSACTION [NOT] DEFERRABLE';
  }
  return null;
}

function txKind(s: Statement): 'begin' | 'end' | null {
  if (s.kind !== 'TransactionStmt') return null;
  const kind = String(s.node.kind);
  if (BEGINS.has(kind)) return 'begin';
  return ENDS.has(kind) ? 'end' : null;
}

/** The first word(s) of a transaction statement as written: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, COMMIT AND CHAIN. */
function label(s: Statement): string {
  const words = s.text.replace(/\s+/g, ' ').split(' ').slice(0, /^start/i.test(s.text) ? 2 : 1).join(' ').toUpperCase();
  return s.kind === 'TransactionStmt' && s.node.chain ? `${words} AND CHAIN` : words;
}

/** How a transaction still open at the end of the file began: a BEGIN without COMMIT, or an AND CHAIN that opened it. */
function unclosed(s: Statement, line: number): string {
  return s.node.chain ? `${label(s)} at line ${line} opens a new transaction at once, and nothing commits it` : `${label(s)} at line ${line} has no COMMIT`;
}

export const transactionUnsafe: FileRule = {
  id: 'transaction-unsafe',
  scope: 'file',
  defaultSeverity: 'error',
  description: 'A statement that cannot run in a transaction block where the file puts it in one, a new enum value used in the transaction that adds it, or BEGIN/COMMIT that do not pair up.',
  check(ctx) {
    const out: Draft[] = [];
    const stmts = ctx.parsed.statements;
    const draft = (s: Statement, message: string, suggestion: string, severity?: Severity, fix?: Fix | null): void => {
      const pos = ctx.position(s.start);
      const d: Draft = { rule: 'transaction-unsafe', file: ctx.migration.file, line: pos.line, column: pos.column, message, suggestion };
      if (severity) d.severity = severity;
      if (fix) d.fix = fix;
      out.push(d);
    };
    const line = (s: Statement) => ctx.position(s.start).line;
    const preset = ctx.options.preset;
    const runner = runnerOf(ctx.options, ctx.migration);
    const { name } = runner;
    const { runsAlone } = PRESET_TABLE[preset];
    // The Supabase CLI runs a file holding its own BEGIN or COMMIT as written, one statement at a time, with no transaction of its own.
    const asWritten = ctx.migration.runnerWraps && runsAsWritten(preset, stmts);
    const wraps = ctx.migration.runnerWraps;
    const wrapped = wraps && !asWritten;
    // Under x-multi-statement golang-migrate sends each statement as a query of its own: no file runs as one unit. With
    // mixed, Flyway runs a migration holding a statement it runs outside a transaction all outside one, statement by statement.
    // Whether the file holds a statement Flyway takes out of a transaction: it decides how Flyway runs the whole file.
    const flywayOutside = preset === 'flyway' && stmts.some(flywayRunsOutside);
    const flywayMixed = flywayOutside && ctx.options.mixed === true && !wrapped;
    const transactional = ctx.migration.transactional && !ctx.options.multiStatement && !flywayMixed && !asWritten;
    // Unless a script config file sets executeInTransaction, Flyway picks the transaction from the statements it recognises.
    const flywayDecides = preset === 'flyway' && transactional && !wrapped;
    const others = stmts.length - 1;
    // Several statements sent as one query run as one implicit transaction; generic: a runner that may send it so.
    const oneQuery = runner.sends === 'query' || (runner.sends === null && transactional);
    const part = runner.part ?? 'file';
    const sendsOneQuery = `${name} sends the ${part} as one query${runner.unless ? ` (unless ${runner.unless} is on)` : ''}`;
    const runnerTx = runner.sends === 'batch' ? "the file's transaction" : `${name}'s transaction`;
    // goose runs a file's statements one by one; Flyway does too, but when it decides, refuses a file that mixes what it runs outside a transaction with the rest.
    const oneByOne = (runner.sends === 'statements' && !flywayDecides) || asWritten;
    // A migration of its own does not inherit the file's search_path, which its unqualified names may need. A SET there
    // helps only where the runner sends it apart from the statement: in one query it shares the statement's implicit transaction.
    const paths = stmts.filter((t) => t.kind === 'VariableSetStmt' && t.node.name === 'search_path' && t.node.kind === 'VAR_SET_VALUE');
    const setPath = paths.length ? paths[paths.length - 1]!.text : null;
    const setBeside =
      runner.sends === 'query'
        ? `${sendsOneQuery}, so a SET beside the statement would put it back in one implicit transaction`
        : runner.sends === 'batch'
          ? `a SET beside the statement would make that file two statements, which ${name} no longer applies all or nothing`
          : 'a SET beside the statement would put it back in one implicit transaction where the runner sends the file as one query';
    const carry = !setPath
      ? ''
      : runner.sends === 'statements'
        ? ` Start it with \`${setPath};\`, as this file sets it, or schema-qualify its names.`
        : ` Schema-qualify its names there, as that migration does not inherit this file's \`${setPath}\`: ${setBeside}.`;
    const own = runner.noWayOut
      ? `${capital(runner.noWayOut.why)}: ${runner.noWayOut.instead}; or give it a migration of its own that starts with \`COMMIT;\`, deployed last in its run (the COMMIT ends ${name}'s transaction, so what follows commits statement by statement).`
      : oneByOne
        ? runner.optOut
          ? `Move it to a migration of its own and ${runner.optOut}.${carry}`
          : `Make it a statement of its own: ${name} sends each statement as a query of its own, outside any transaction.`
        : `Move it to a migration of its own, with no other statements${runner.optOut ? `, and ${runner.optOut}` : ''}.${carry}`;
    // Nothing in the file needs the runner's transaction: switching it off for this file is enough.
    const switchOff =
      runner.optOut && (others === 0 || (runner.sends === 'statements' && stmts.every((t) => needsOwnTransaction(t.kind, t.node)))) ? `${capital(runner.optOut)}.` : null;
    const Name = capital(name);
    // goose sends each query on database/sql's transaction as written: after a COMMIT in the file the session runs in
    // autocommit until a BEGIN in it opens a block, which goose's own COMMIT then ends with the history row (migration_sql.go).
    const gooseTx = wrapped && preset === 'goose';
    // Flyway runs a transactional migration over JDBC with autocommit off: after a COMMIT in the file the driver opens the next transaction by itself.
    const flywayTx = preset === 'flyway' && transactional && (wrapped || !flywayOutside);
    // Under NO TRANSACTION goose sends each query on its own, but a StatementBegin block, or a line, may hold several statements.
    // Split only for a file with a statement that needs it: the split reads the whole file again.
    let split: GooseQuery[] | null | undefined;
    const queries = () => (split === undefined ? (split = transactional && !gooseTx ? null : gooseQueries(ctx.migration, preset, ctx.template)) : split);
    /** The finding for `unsafe` statement `s` where goose sends it in one query with others; null where it sends it alone. */
    const queryOf = (s: Statement) => queries()?.find((q) => q.start <= s.start && s.start < q.end);
    const inGooseQuery = (s: Statement, unsafe: string): [string, string] | null => {
      const q = queryOf(s);
      const shared = q ? stmts.filter((t) => t !== s && q.start <= t.start && t.start < q.end).length : 0;
      if (!q || !shared) return null;
      const fails = `as one query, which PostgreSQL runs as one implicit transaction: there it fails.`;
      return q.chunk.block
        ? [
            `${unsafe} cannot run inside a transaction block, and goose sends the \`-- +goose StatementBegin\` / \`-- +goose StatementEnd\` block it is in, with its ${shared} other statement(s), ${fails}`,
            'Give it a `-- +goose StatementBegin` / `-- +goose StatementEnd` block of its own, or move it out of the block: goose then sends it as a query of its own.',
          ]
        : [
            `${unsafe} cannot run inside a transaction block, and goose, which ends a query only at a line whose last word ends in \`;\`, sends it with the ${shared} other statement(s) up to the end of line ${q.chunk.endLine} ${fails}`,
            'Put it on a line of its own, ending in `;`: goose then sends it as a query of its own.',
          ];
    };
    const takesOnly = `${Name} takes only ${runsAlone.map((r) => r.name).join(', ')} out of a file's transaction: run this statement outside the migrations (e.g. with psql).`;
    // What the wrapping runner takes out of its transaction, by its own test of the statement's first words.
    const aloneAs = (s: Statement) => (wraps ? runsAloneAs(preset, s.text) : null);
    // A wrapped runner that takes some statements out of its transaction cannot be told to leave out any other.
    const wayOut = (s: Statement) => (wrapped && runsAlone.length && !aloneAs(s) ? takesOnly : own);
    /** The advice for a statement inside the file's own BEGIN ... COMMIT: after the COMMIT only where statements run one by one. */
    const outOfBlock = (s: Statement): string => {
      if (gooseTx && open && lastEnd && lastEnd.start < open.start) {
        return `Move it before the ${label(open)} at line ${line(open)}: goose runs what follows the ${label(lastEnd)} at line ${line(lastEnd)} outside any transaction, up to that ${label(open)}.`;
      }
      if (stmts.every((t) => t === s || t.kind === 'TransactionStmt')) {
        const runsOutside = flywayDecides ? flywayRunsOutside(s) : wraps ? aloneAs(s) !== null : runner.sends !== null;
        if (runsOutside) return `Remove the BEGIN and COMMIT around it: alone in its file, ${name} runs it outside any transaction.${wraps ? runsAloneSince(preset, aloneAs(s) ?? '') : ''}`;
        return runner.optOut ? `Remove the BEGIN and COMMIT around it, and ${runner.optOut}.` : wayOut(s);
      }
      if (oneByOne && !wrapped) {
        return `Move it after the COMMIT: ${name} runs this file's statements one by one, outside any transaction.`;
      }
      const implicit = 'PostgreSQL runs what follows a COMMIT in the same query in an implicit transaction block too';
      if (runner.sends === null) {
        return `If the runner runs the file statement by statement (psql -f), move it after the COMMIT. If it sends the file as one query, that does not help (${implicit}): ${own[0]!.toLowerCase()}${own.slice(1)}`;
      }
      return oneQuery ? `${own} Moving it after the COMMIT does not help: ${sendsOneQuery}, and ${implicit}.` : wayOut(s);
    };

    let open: Statement | null = null;
    // Where the statements since the last COMMIT begin: a COMMIT with no BEGIN commits those, in a file sent as one query.
    let sinceEnd = 0;
    // Where the statements of the transaction in progress begin, and the COMMIT or ROLLBACK that ended the last one.
    let from = 0;
    let lastEnd: Statement | null = null;
    // The runner's own transaction, which a BEGIN in the file only joins.
    const runnerOwns = () => flywayTx || (wrapped && sinceEnd === 0);
    /** After a COMMIT or ROLLBACK: AND CHAIN opens the next transaction at once, the runner's where it ended the runner's. */
    const ended = (s: Statement, i: number): void => {
      const owned = runnerOwns();
      if (!(s.node.chain && owned)) sinceEnd = i + 1;
      open = s.node.chain && !owned ? s : null;
      added = [];
      from = i + 1;
      lastEnd = s;
    };
    // After the file's COMMIT, until a BEGIN, where the runner sends its queries as written (goose, drizzle): each commits on its own.
    const autocommit = () => wrapped && runner.autocommitsAfterCommit === true && !open && !runnerOwns();
    const blockAt = (s: Statement): Block => {
      if (open || runnerOwns()) return 'explicit';
      if (wrapped && !gooseTx && !autocommit()) return 'implicit';
      if (oneQuery) return stmts.length === 1 ? 'none' : runner.sends === null ? 'unknown' : 'implicit';
      // goose NO TRANSACTION, or after the file's COMMIT: a query of several statements is one implicit transaction.
      const q = queryOf(s);
      return q && stmts.some((t) => t !== s && q.start <= t.start && t.start < q.end) ? 'implicit' : 'none';
    };
    /** Where a statement that needs a transaction block runs, outside one. */
    const outsideBlock = (block: Exclude<Block, 'explicit'>): string => {
      if (block === 'implicit') return `${sendsOneQuery}, which PostgreSQL runs in an implicit transaction, not a transaction block`;
      if (block === 'unknown') return 'the runner runs it outside one whether it sends the file as one query (an implicit transaction, not a transaction block) or statement by statement (psql -f)';
      if (asWritten) return `${name} runs a file that holds BEGIN, COMMIT or ROLLBACK as written, one statement at a time, and this one runs outside any transaction`;
      if (wrapped && lastEnd) return `it comes after the ${label(lastEnd)} at line ${line(lastEnd)}, which ended ${runnerTx}: ${name} runs what follows statement by statement, outside any transaction`;
      if (stmts.length === 1) return `it is the file's only statement, so ${name} sends it as a query of its own, outside any transaction`;
      return `${name} runs this file's statements one by one, outside any transaction`;
    };
    // Enum values added in the transaction the file is in at this point.
    let added: AddedValue[] = [];
    // The tables, domains and enums the file declares so far: they tell where a literal becomes an enum value.
    const schema = new DeclaredSchema(earlierSchema(ctx.earlier));
    // The partitioned tables and subscriptions the file makes so far: PostgreSQL refuses some statements on them in a transaction block.
    const objects = new FileObjects(ctx.earlier);
    const oneTransaction = wrapped || (others > 0 && (transactional || oneQuery));
    /** Drafts the first new value `nodes` use, if any; `branch`: they sit in a branch of a DO block that a run may not take. */
    const checkNewValues = (s: Statement, nodes: unknown[], branch = false): boolean => {
      // Outside a transaction, goose's query of several statements is one implicit transaction all the same.
      const live = (oneTransaction && !autocommit()) || open ? added : added.filter((a) => a.query && a.query === queryOf(s));
      if (!live.length || !nodes.length) return false;
      const uses = live.map((a) => ({ a, use: valueUse(nodes, a.value, a.type, schema) }));
      const found = uses.find((u) => u.use === 'enum') ?? uses.find((u) => u.use === 'range') ?? uses.find((u) => u.use === 'maybe');
      if (!found) return false;
      const hit = found.a;
      const value = `'${hit.value.replace(/'/g, "''")}'`;
      const type = formatName(hit.type);
      const rule = `PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04).`;
      const suggestion = `Move ALTER TYPE ${type} ADD VALUE ${value} to a migration of its own that runs before this one, so that it commits first.`;
      // A literal the statement turns into the type is certain; one whose place the file does not type (a column of a table made elsewhere) may be plain text.
      // PL/pgSQL plans a statement only when it runs it (checked on PostgreSQL 15): in a branch, only if the branch is taken.
      const adds = `ALTER TYPE ... ADD VALUE at line ${hit.line} adds in the same transaction: ${rule}`;
      const untaken = branch ? ' PL/pgSQL plans a statement of a DO block only when it runs it: a branch not taken fails nothing.' : '';
      // Not an error where the type may hold the value already: IF NOT EXISTS then adds nothing, and nothing is new.
      const held = hit.mayExist ? ` The migrations before this file do not tell every value of ${type} (none makes it, or one changes it in a way the gate does not read): if it already holds ${value}, ADD VALUE IF NOT EXISTS adds nothing and this is fine.` : '';
      const severity = found.use === 'maybe' || branch || hit.mayExist ? 'warning' : undefined;
      const said =
        found.use === 'range'
          ? `${branch ? 'If this branch runs, ' : ''}enum_range reads every ${type} value, ${value} among them, which ${adds}`
          : found.use === 'enum'
            ? branch
              ? `If this branch runs, ${value} in it is the ${type} value that ${adds}`
              : `${value} is the ${type} value that ${adds}`
            : branch
              ? `If this branch runs and ${value} in it is a ${type} value, it is the one ${adds}`
              : `If ${value} here is a ${type} value, it is the one ${adds}`;
      draft(s, `${said}${untaken}${held}`, suggestion, severity);
      return true;
    };
    /** A statement that the body of DO block `s` (or of `routine`, the function or procedure `s` makes) holds, which PostgreSQL refuses in any function. */
    const fromFunction = (s: Statement, refused: Refusal, inner: DoBodyStatement, routine?: { kind: string; name: string }): void => {
      const called = routine ? `each call of ${routine.kind} ${routine.name}` : 'the DO block';
      // PreventInTransactionBlock's error, 25001: a handler for it, its class or OTHERS catches it.
      const caught = inner.handlers.some((h) => CATCHES_25001.has(h));
      const outcome = caught
        ? `the exception handler around it catches that error, so ${called} goes on without it and it never runs`
        : `${called} fails there${routine ? '' : ` however ${name} runs the file`}`;
      const where = routine ? `the body of ${routine.kind} ${routine.name}` : 'a DO block';
      const message = `${refused.name} cannot be executed from ${where}: PostgreSQL refuses it in any function, DO block or procedure, whose statements always run inside a transaction (SQLSTATE 25001), and ${outcome}.`;
      // Taken out, it stands where the DO block stood: a file already outside a transaction, one statement at a time or alone, needs nothing more.
      const standsAlone = !routine && !transactional && (others === 0 || oneByOne);
      const out = standsAlone
        ? `Take it out of the DO block: as a statement of its own, ${name} runs it outside any transaction.`
        : `Take it out of the ${routine?.kind ?? 'DO block'} and run it as a statement of its own. ${own}`;
      const guard = inner.conditional && inner.parsed?.[0] === 'IndexStmt' ? ' CREATE INDEX CONCURRENTLY IF NOT EXISTS keeps the guard the DO block gave it.' : '';
      draft(s, refused.unsure ? `${message} ${refused.unsure}` : message, `${out}${guard}`, caught || refused.unsure ? 'warning' : undefined);
    };
    stmts.forEach((s, i) => {
      // Asked only of the few statements it matters for: a goose file's queries are read for it.
      let known: Block | undefined;
      const block = () => (known ??= blockAt(s));
      const blockless = needsBlock(s);
      // A lock or a cursor may live in a query's implicit transaction; a savepoint or AND CHAIN needs a block; for an unknown runner, only those fail both ways.
      const where = blockless ? block() : 'explicit';
      if (blockless && where !== 'explicit' && (s.kind === 'TransactionStmt' || where === 'none')) {
        const advice = s.kind === 'LockStmt'
          ? 'A lock lasts only until its transaction ends: put it between BEGIN and COMMIT with the statements it guards, or remove it.'
          : s.kind === 'DeclareCursorStmt'
            ? 'Declare it WITH HOLD, or put it between BEGIN and COMMIT with the statements that use it.'
            : s.kind === 'TransactionStmt' && s.node.chain
              ? `Write ${label(s).replace(' AND CHAIN', '')} without AND CHAIN, or put it after a BEGIN.`
              : 'Remove it, or put it between BEGIN and COMMIT with the statements it is for.';
        draft(s, `${blockless} can only be used in transaction blocks, and ${outsideBlock(where)}: PostgreSQL refuses it (SQLSTATE 25P01).`, advice);
        // Refused, it ends no transaction and opens none.
        if (s.kind === 'TransactionStmt') return;
      }
      // Outside any transaction PostgreSQL only warns that SET TRANSACTION does nothing.
      const late = lateSetting(s);
      const setting = late && block() !== 'none' ? late : null;
      const query = setting ? stmts.slice(from, i).find((t) => !NO_SNAPSHOT.has(t.kind)) : undefined;
      if (query) {
        const refused = `${setting} must come before any query of its transaction, and the statement at line ${line(query)} runs before it in the same transaction: PostgreSQL refuses it (SQLSTATE 25001).`;
        const advice = `Make it the first statement of its transaction${open ? `, right after the ${label(open)} at line ${line(open)}` : ''}, or remove it.`;
        if (block() !== 'unknown') draft(s, refused, advice);
        else draft(s, `In a file sent as one query, ${refused[0]!.toLowerCase()}${refused.slice(1)} Run statement by statement (psql -f), it only warns that it does nothing outside a transaction block.`, advice, 'warning');
      }
      if (isRollback(s)) {
        const gone = stmts.slice(from, i).filter((t) => t.kind !== 'TransactionStmt');
        if (gone.length && block() !== 'none') {
          const what = `the ${gone.length} statement(s) before it (from line ${line(gone[0]!)})`;
          const whose = runnerOwns()
            ? runnerTx
            : open
              ? `the transaction opened by ${label(open)} at line ${line(open)}`
              : `the implicit transaction PostgreSQL runs the ${part} in, as ${sendsOneQuery}`;
          const message =
            block() === 'unknown'
              ? `${label(s)} without a BEGIN before it: in a file sent as one query PostgreSQL discards ${what} while the runner records the migration as applied; run statement by statement (psql -f) it only warns "there is no transaction in progress" and rolls back nothing.`
              : `${label(s)} rolls back ${whose}: ${name} records the migration as applied, while PostgreSQL discards ${what}.`;
          draft(s, message, `Remove the ${label(s)}: a migration keeps what it does. If the file is a test meant to leave nothing behind, keep it out of the migrations.`);
          ended(s, i);
          return;
        }
      }
      const tx = txKind(s);
      if (tx === 'begin') {
        if (autocommit()) {
          // goose's COMMIT trick: this BEGIN opens the block that goose's own COMMIT ends, with the history row.
          added = [];
        } else if (flywayTx) {
          // The JDBC driver's transaction is open already: PostgreSQL only warns "there is already a transaction in progress" (checked with pgjdbc 42.7).
        } else if (wrapped || (asWritten && stmts.some((t, j) => j > i && txKind(t) === 'end' && !t.node.chain))) {
          // Run as written, BEGIN raises no warning; one that nothing closes is reported once, as the error it is, after the loop.
          const message =
            asWritten
              ? `${label(s)} is not needed: ${name} applies a file and its history row as one transaction by itself. PostgreSQL raises no warning, but a COMMIT in the file ends the transaction before ${name} records the migration.`
              : `${label(s)} inside a file ${name} already runs in a transaction: PostgreSQL only warns "there is already a transaction in progress", and a COMMIT in the file ends ${name}'s transaction, not a nested one.`;
          draft(s, message, `Remove the BEGIN and its COMMIT: ${name} commits the file together with its history row.`, 'warning', deleteLine(ctx, s));
        } else if (open) {
          draft(s, `${label(s)} while the transaction opened at line ${line(open)} is still open: PostgreSQL ignores it with a warning, and the first COMMIT ends both.`, 'Remove this BEGIN, or COMMIT the first transaction before it.', 'warning');
        }
        if (block() === 'none' || block() === 'unknown') from = i + 1;
        // Statement by statement, the values added before it have committed.
        if (block() === 'none') added = [];
        open ??= s;
        return;
      }
      if (tx === 'end') {
        const last = i === stmts.length - 1;
        const after = `the ${stmts.length - 1 - i} statement(s) after it`;
        if (flywayTx) {
          // At the end it commits the file's statements just before Flyway would; the transaction the driver opens next is Flyway's to commit.
          const committed = !isRollback(s) && stmts.slice(sinceEnd, i).some((t) => t.kind !== 'TransactionStmt');
          if (!last && committed) draft(s, `${label(s)} at line ${line(s)} ends Flyway's transaction in the middle of the file: the JDBC driver opens a new one for ${after}, so a failure there leaves the statements before it committed and the migration unrecorded.`, `Remove it: Flyway commits the migration as a whole. If part of the file must be committed first, move that part to a migration of its own.`, 'warning');
        } else if (gooseTx && !autocommit()) {
          if (s.node.chain || stmts.some((t, j) => j > i && txKind(t) === 'begin')) {
            // goose's COMMIT trick: what follows runs in autocommit up to the BEGIN (or in the chained transaction), whose block goose commits with its history row.
          } else {
            const outside = last ? "goose's history row runs" : `${after} and goose's history row run`;
            draft(
              s,
              `${label(s)} at line ${line(s)} ends goose's transaction, and no BEGIN after it opens another: ${outside} outside any transaction, so goose's own COMMIT finds none. PostgreSQL only warns "there is no transaction in progress", which pgx (goose's CLI) lets pass, but with lib/pq the commit fails ("unexpected transaction status idle") and goose reports the migration failed though it is applied and recorded.`,
              last
                ? 'Remove it and the BEGIN that opens it: goose then commits the file together with its history row.'
                : 'End the file with `BEGIN;` after the statements that must run outside a transaction: goose then commits that block with its history row.',
              'warning',
              last ? deleteLine(ctx, s) : null,
            );
          }
        } else if ((wrapped || (asWritten && open && !s.node.chain)) && !gooseTx) {
          // AND CHAIN leaves a transaction open for the runner's own COMMIT.
          const failsCommit = !asWritten && !s.node.chain ? COMMIT_FAILS[preset] : undefined;
          if (last) {
            const remove = `Remove it and the BEGIN that opens it: ${name} then commits the file together with its history row.`;
            if (failsCommit) {
              draft(s, `${label(s)} ends ${runnerTx} before ${name} records the migration, so ${name}'s own COMMIT then fails: ${failsCommit}, and ${name} reports the migration failed and stops there, though the file and its history row are both committed, apart from each other.`, remove, undefined, deleteLine(ctx, s));
            } else {
              const ownCommit = asWritten || s.node.chain ? '' : `, and ${name}'s own COMMIT then only warns "there is no transaction in progress"`;
              draft(s, `${label(s)} ends ${runnerTx} before ${name} records the migration${ownCommit}: the history row is committed apart from the file's changes.`, remove, 'warning', deleteLine(ctx, s));
            }
          } else {
            const evenSo = failsCommit ? ` Even when they succeed, ${name}'s own COMMIT then fails, as ${failsCommit}, and ${name} reports the migration failed though it is applied and recorded.` : '';
            const message = `${label(s)} at line ${line(s)} ends ${runnerTx} in the middle of the file: ${after} ${AFTER_COMMIT[runner.sends === 'query' ? 'query' : 'batch']}, so a failure there leaves the migration half-applied and unrecorded.${evenSo}`;
            // drizzle has no other way out of its transaction: a COMMIT that opens the file is its users' known way, with its cost.
            if (runner.noWayOut && i === 0) {
              draft(
                s,
                `${label(s)} at line ${line(s)} ends ${name}'s transaction: the migrations ${name} ran before this one in the run are committed with it, and the rest of this file, its history row and every later migration of the run each commit by themselves, so a failure there leaves the run half-applied and this migration unrecorded.`,
                `Keep only what cannot run in a transaction after it (CREATE INDEX CONCURRENTLY and the like), and deploy this migration last in its run; or ${runner.noWayOut.instead}.`,
                'warning',
              );
            } else draft(s, message, `Remove it: ${name} commits the file as a whole. If part of the file must run outside a transaction, move that part to a migration of its own.`);
          }
        } else if (!open) {
          const before = i - sinceEnd;
          const fix = 'Remove it, or add BEGIN where the transaction should start.';
          if (!oneQuery || before === 0) {
            // Run as written, the file's statements each commit by themselves: the CLI's all or nothing is gone with it.
            const split = asWritten && others > 0 ? `, and it makes ${name} run this file as written, one statement at a time with no transaction of its own, so a failure leaves the file half-applied and unrecorded` : '';
            draft(s, `${label(s)} without a BEGIN before it: there is no transaction in progress, so it only raises a warning and ${isRollback(s) ? 'rolls back' : 'commits'} nothing${split}.`, fix, 'warning');
          } else {
            // In one query it ends the implicit transaction: what came before is committed, what follows is a new one.
            const commits = `commits the ${before} statement(s) before it, so the statements before and after it run as two transactions and a failure after it leaves the file half-applied`;
            const what = runner.sends === null ? `; run statement by statement (psql -f) it commits nothing, but in a file sent as one query it ${commits}.` : ` and ${commits}: ${sendsOneQuery}.`;
            draft(s, `${label(s)} without a BEGIN before it: PostgreSQL warns "there is no transaction in progress"${what}`, fix, 'warning');
          }
        }
        ended(s, i);
        return;
      }
      const refusal = objects.refusal(s.kind, s.node);
      objects.learn(s.kind, s.node);
      const unsafe = refusal?.name ?? null;
      if (objects.clusterWithoutIndex(s.kind, s.node)) {
        draft(s, `CLUSTER of a partitioned table without USING fails however ${name} runs it: it reclusters on the index marked clustered, and PostgreSQL cannot mark one on a partitioned table ("there is no previously clustered index").`, 'Name the index: CLUSTER <table> USING <index> clusters each partition on it, outside a transaction block only.');
      }
      const alone = open || !wrapped ? null : aloneAs(s);
      if (alone) {
        // Alone in its file it runs as written; beside others it splits the file's transaction, even where it could run in it (CLUSTER <table>).
        if (others > 0) {
          const why = unsafe ? `${unsafe} cannot run inside a transaction block, so ${name} runs it` : `${Name} runs every ${alone} statement, this one too though it could run in a transaction,`;
          draft(s, `${why} on its own, outside the transaction of the file's ${others} other statement(s): the file no longer applies all or nothing, and a failure after it leaves the file half-applied and unrecorded.${unsafe ? runsAloneSince(preset, alone) : ''}`, own, 'warning');
        }
        // The runner commits the statements before it first: what follows runs in a new transaction.
        added = [];
        from = i + 1;
      } else if (unsafe || (flywayDecides && !open && flywayRunsOutside(s))) {
        // Where the file does not tell whether PostgreSQL refuses it (a subscription made elsewhere), each finding says so, as a warning.
        const refused = (message: string, suggestion: string): void =>
          refusal?.unsure ? draft(s, `${message} ${refusal.unsure}`, suggestion, 'warning') : draft(s, message, suggestion);
        // Flyway's own test decides its refusal, as the dry-run's: CREATE SUBSCRIPTION ... WITH (connect = false) could run in a transaction.
        if (open) {
          refused(`${unsafe} cannot run inside a transaction block, and this one runs inside the transaction opened by ${label(open)} at line ${line(open)}.`, outOfBlock(s));
        } else if (wrapped && !autocommit()) {
          // goose's COMMIT trick works only for what comes after the file's COMMIT.
          const commit = gooseTx ? stmts.find((t, j) => j > i && txKind(t) === 'end') : undefined;
          const why = preset === 'flyway' ? ': its script config file sets executeInTransaction=true' : commit ? `: it comes before the ${label(commit)} at line ${line(commit)} that ends goose's transaction` : '';
          const advice = commit ? `Move it after the ${label(commit)} at line ${line(commit)}: goose runs what follows a COMMIT in the file outside any transaction, up to a BEGIN.` : switchOff ?? wayOut(s);
          refused(`${unsafe} cannot run inside a transaction block, and ${name} runs this file in one${why}.`, advice);
        } else if (flywayDecides) {
          if (!flywayRunsOutside(s)) {
            refused(`${unsafe} cannot run inside a transaction block, and Flyway runs this migration in one unless a script config file beside it (<name>.sql.conf) sets executeInTransaction=false: by itself Flyway leaves a migration out of a transaction only for the statements it recognises (CREATE INDEX CONCURRENTLY, VACUUM and the like), and ${unsafe} is not one of them.`, switchOff ?? own);
          } else if (flywayMixedAt(stmts)) {
            // Flyway's own words for it: it runs any DROP SUBSCRIPTION outside a transaction, a slot or none.
            draft(s, `${needsOwnTransaction(s.kind, s.node) ?? flywayWords(s)} makes Flyway run this migration outside a transaction, and Flyway refuses a migration that also holds statements it runs in one ("Detected both transactional and non-transactional statements within the same migration") unless mixed is true, which runs all of it outside a transaction.`, 'Move it to a migration of its own, with no other statements: Flyway runs that one outside a transaction by itself.');
          }
        } else {
          const shared = unsafe && inGooseQuery(s, unsafe);
          if (shared) refused(shared[0], shared[1]);
          else if (others > 0 && oneQuery) {
            const even = transactional ? '' : ' even when it opens no transaction';
            const fails =
              runner.sends === null
                ? "a runner that sends the file as one query (golang-migrate, Prisma, dbmate, sqlx, node-postgres' client.query) runs them all as one implicit transaction, where it fails. Only statement-by-statement execution (psql -f, goose NO TRANSACTION) runs it."
                : `${sendsOneQuery}${even}, which PostgreSQL runs as one implicit transaction: there it fails.`;
            refused(`${unsafe} cannot run inside a transaction block; this ${part} has ${others} other statement(s), and ${fails}`, own);
          }
        }
      }
      const body = s.kind === 'DoStmt' ? doBodyStatements(s.text, s.node).flatMap((b) => (b.parsed ? [b.parsed] : [])) : [];
      // Even a type created in the same transaction cannot use a value ADD VALUE gives it (checked on PostgreSQL 15).
      if (s.kind === 'AlterEnumStmt' && typeof s.node.newVal === 'string') {
        const type = qualifiedName(stringsOf(s.node.typeName));
        const { oldVal, newVal } = s.node;
        // A new value renamed is still new; IF NOT EXISTS for a value the type already holds adds nothing.
        const renamed = added.find((a) => sameName(a.type, type) && a.value === oldVal);
        if (renamed) renamed.value = newVal;
        else if (oldVal === undefined && !(s.node.skipIfNewValExists && schema.enumValues(type)?.has(newVal))) {
          // IF NOT EXISTS on a type whose values neither the file nor an earlier migration tells in full may add nothing.
          const mayExist = s.node.skipIfNewValExists === true && !schema.enumComplete(type);
          added.push({ value: newVal, type, line: line(s), query: oneTransaction && !autocommit() ? undefined : queryOf(s), mayExist });
        }
      }
      schema.learn(s.kind, s.node);
      for (const [kind, node] of body) schema.learn(kind, node);
      if (s.kind === 'DoStmt') {
        // What a run never reaches is never planned; what a branch holds is planned only if the branch runs.
        // Read for its queries only after a new value in the transaction: no query can use one before.
        const reached = added.length ? doBodyQueries(s.text, s.node).filter((b) => b.parsed && !b.never) : [];
        const nodes = (branch: boolean) => reached.filter((b) => b.conditional === branch).map((b) => ({ [b.parsed![0]]: b.parsed![1] }));
        if (!checkNewValues(s, nodes(false))) checkNewValues(s, nodes(true), true);
      } else if (s.kind !== 'AlterEnumStmt' && added.length) checkNewValues(s, [{ [s.kind]: s.node }]);
      if (s.kind === 'DoStmt') {
        // A DO block runs its statements now, in order: what they make counts for the statements after them.
        for (const inner of doBodyStatements(s.text, s.node)) {
          const refused = inner.parsed && !inner.never ? objects.refusal(inner.parsed[0], inner.parsed[1]) : null;
          if (inner.parsed) objects.learn(inner.parsed[0], inner.parsed[1]);
          if (refused) fromFunction(s, refused, inner);
        }
      } else if (s.kind === 'CreateFunctionStmt' && REFUSED_WORDS.test(s.text)) {
        const routine = { kind: s.node.is_procedure ? 'procedure' : 'function', name: formatName(qualifiedName(stringsOf(s.node.funcname))) };
        // The body runs at each call, not now: it makes nothing for the file's later statements.
        for (const inner of functionBodyStatements(s.text, s.node)) {
          const refused = inner.parsed && !inner.never ? objects.refusal(inner.parsed[0], inner.parsed[1]) : null;
          if (refused) fromFunction(s, refused, inner, routine);
        }
      }
    });
    if (open && asWritten) {
      // Its history row goes into the open transaction; the next file's COMMIT, or the end of the session, ends it (checked on PostgreSQL 15).
      const begin: Statement = open;
      const only = stmts.filter(controlsTransaction).length === 1;
      draft(
        begin,
        `${unclosed(begin, line(begin))}: ${name} runs a file holding it as written, with no transaction of its own, so the transaction stays open after the file and ${name} records the migration inside it. Only a later migration's COMMIT on that connection keeps it: applied last, the file and its history row are rolled back when ${name} disconnects, while ${name} reports success.`,
        only ? `Remove the ${label(begin)}: ${name} then applies the file and its history row as one transaction.` : 'Add COMMIT; at the end of the file.',
        undefined,
        only ? deleteLine(ctx, begin) : appendCommit(ctx, stmts[stmts.length - 1]!),
      );
    } else if (open && !wrapped && !flywayTx) {
      const begin: Statement = open;
      const psql = runner.sends === null ? ' (`psql -f` then exits 0 while nothing the file did is kept)' : '';
      draft(begin, `${unclosed(begin, line(begin))}: the file leaves its transaction open, and PostgreSQL rolls it back when the session ends, unless something ${name} sends later on that connection commits it${psql}.`, 'Add COMMIT; at the end of the file.', undefined, appendCommit(ctx, stmts[stmts.length - 1]!));
    }
    return out;
  },
};

/** What may follow a statement for it to be alone on its last line: its `;`, white space, comments that end there. */
const ALONE = /^\s*;?\s*(?:\/\*.*?\*\/\s*)*(?:--.*)?\s*$/;

/** The lines of a statement up to its last token: a last statement without `;` ends after the comments that follow it. */
const codeLines = (ctx: FileContext, s: Statement) => statementLines(ctx, s.start, s.end);

/** The statement's lines become empty, when it is alone on them. */
function deleteLine(ctx: FileContext, s: Statement): Fix | null {
  const lines = codeLines(ctx, s);
  return lines && lines.before.trim() === '' && ALONE.test(lines.after) ? replacing(lines, '') : null;
}

/** The last statement's last line, its `;` added where missing, followed by a COMMIT line. */
function appendCommit(ctx: FileContext, last: Statement): Fix | null {
  const lines = codeLines(ctx, last);
  if (!lines || !ALONE.test(lines.after)) return null;
  const upTo = lines.before + lines.text;
  const semicolon = /^\s*;/.test(lines.after) ? '' : ';';
  return replacing({ line: lines.endLine, endLine: lines.endLine }, `${upTo.slice(upTo.lastIndexOf('\n') + 1)}${semicolon}${lines.after}\nCOMMIT;`);
}
