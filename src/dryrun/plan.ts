// How one migration file will be run: its SQL after placeholder substitution, its statements (from
// the real parser), how its runner runs it (in a transaction, as one query, or statement by statement),
// which extensions it creates, and the way back from the SQL sent to the file's own words.

import { PRESET_TABLE, runnerOf, runsAloneAs, sendsCopyDataAsSql } from '../config/presets.js';
import type { CodeLanguage, Migration } from '../migration.js';
import type { GateOptions, PresetName } from '../options.js';
import { parseSql, type ParsedSql, type Statement } from '../sql/parser.js';
import { templateOf } from '../config/runner-placeholders.js';
import type { Template } from '../sql/template.js';
import { flywayRunsOutside, isRollback, needsBlock, needsOwnTransaction, runsAsWritten } from '../rules/transaction-unsafe.js';
import { gooseCuts } from './goose-plan.js';
import { multiStatementCuts } from '../discover/multi-statement.js';

/**
 * How a pending migration runs, as its runner runs it. 'transaction': in one transaction (the dry-run's, or the
 * runner's around a file it wraps, where CONCURRENTLY and the like fail as they do there); 'query': the whole text as
 * one simple query, which PostgreSQL runs as one implicit transaction when it holds several statements; 'statements':
 * one by one, those that cannot run in a transaction outside one; 'batches': what the runner takes out of its
 * transaction on its own, each stretch of statements between in one transaction (the Supabase CLI).
 */
export type RunAs = 'transaction' | 'query' | 'statements' | 'batches';

export interface Plan {
  migration: Migration;
  /** The file's text with placeholders filled in, and the way back to the file's positions and placeholders. */
  template: Template;
  /** The SQL that is sent: the migration's `up` SQL with placeholders substituted. */
  sql: string;
  parsed: ParsedSql;
  /** The statements to run; the file's own BEGIN/COMMIT are left out (stretches() places them). Null when the parser failed: the file is sent whole and the server reports where. */
  statements: Statement[] | null;
  /** Holds what cannot run in a transaction, or opts out of the runner's: replayed (and applied) statement by statement. */
  outsideTransaction: boolean;
  /** How the dry-run runs it as a pending migration. */
  runAs: RunAs;
  /** Its runner sends the rows after a `COPY ... FROM STDIN;` as SQL: sent whole, the server fails on them as the runner's does. */
  copyRowsAsSql: boolean;
  /** The runner's preset, whose runsAlone the 'batches' run follows. */
  preset: PresetName;
  /** Names from CREATE EXTENSION, in order. */
  extensions: string[];
}

const TX_CONTROL = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START', 'TRANS_STMT_COMMIT']);

function txControl(s: Statement): 'begin' | 'commit' | null {
  if (s.kind !== 'TransactionStmt' || !TX_CONTROL.has(String(s.node.kind))) return null;
  return s.node.kind === 'TRANS_STMT_COMMIT' ? 'commit' : 'begin';
}

/**
 * Which transaction a stretch runs in: the runner's around the file, one the file's BEGIN opened, the implicit one
 * PostgreSQL runs the rest of a one-query file in after the file's COMMIT, or a statement's own.
 */
export type Transaction = 'runner' | 'file' | 'query' | 'statement';

/** A stretch of the file as its runner runs it: statements in one transaction, or one statement run alone outside any (null). */
export interface Stretch {
  statements: Statement[];
  transaction: Transaction | null;
  /** Its last statement is the file's ROLLBACK, which ends its transaction and discards what ran in it. */
  rollsBack: boolean;
  /** It ends in the file's COMMIT AND CHAIN or ROLLBACK AND CHAIN: the next stretch's transaction opens at once, with this one's characteristics. */
  chains: boolean;
  /** The implicit transaction of a query, which the server aborts at the next stretch's statement, refused there: what ran in it is discarded. */
  aborted: boolean;
}

/** A COMMIT or ROLLBACK AND CHAIN: the server opens a new transaction as it ends one, with the same isolation level and access mode. */
export function chains(s: Statement): boolean {
  return s.kind === 'TransactionStmt' && s.node.chain === true;
}

type Block = Stretch & { transaction: Transaction };

/** SET LOCAL, SET TRANSACTION and SET CONSTRAINTS: outside a transaction block the server only warns (25P01) and they do nothing. */
export function onlyWarnsOutsideBlock(s: Statement): boolean {
  if (s.kind === 'ConstraintsSetStmt') return true;
  return s.kind === 'VariableSetStmt' && (s.node.is_local === true || /^TRANSACTION/.test(String(s.node.name)));
}

/** What acts only in a transaction block: outside one the server refuses it (LOCK, SAVEPOINT: transaction-unsafe's needsBlock) or ignores it. */
function needsTransactionBlock(s: Statement): boolean {
  return needsBlock(s) !== null || onlyWarnsOutsideBlock(s);
}

/** In a query's implicit transaction the server refuses SAVEPOINT, RELEASE, ROLLBACK TO and AND CHAIN, which need a block; LOCK and DECLARE CURSOR run there. */
const refusedInQuery = (s: Statement): boolean => s.kind === 'TransactionStmt' && needsBlock(s) !== null;

/**
 * The file cut where its runner's transactions begin and end, the file's own BEGIN/COMMIT included: a COMMIT ends the
 * block it is in (the runner's too), and outside a block each statement commits on its own until a BEGIN, except in a
 * file sent as one query, whose rest PostgreSQL runs as one implicit transaction until the next COMMIT.
 */
export function stretches(plan: Plan): Stretch[] {
  const out: Stretch[] = [];
  // Whether the open block is a transaction block to the server (the runner's, or BEGIN's), not a query's implicit transaction.
  let explicit = false;
  const open = (transaction: Transaction): Block => {
    const opened: Block = { statements: [], transaction, rollsBack: false, chains: false, aborted: false };
    out.push(opened);
    explicit = transaction !== 'query';
    return opened;
  };
  const alone = (s: Statement, transaction: 'statement' | null) => out.push({ statements: [s], transaction, rollsBack: false, chains: false, aborted: false });
  // A file sent as one query: PostgreSQL runs several statements as one implicit transaction, where a BEGIN takes in what
  // ran before it; one statement alone runs as it would sent by itself.
  const sendsQuery = plan.runAs === 'query' || (plan.runAs === 'transaction' && PRESET_TABLE[plan.preset].runner.sends === 'query');
  const oneQuery = sendsQuery && plan.parsed.statements.length > 1;
  // The block open now: the runner's transaction around the file, one the file's BEGIN opened, or the query's.
  let block: Block | null = plan.runAs === 'transaction' ? open('runner') : null;
  // The server refuses `s` in the query's implicit transaction (25P01) and aborts it: sent alone, it fails there too.
  const refused = (s: Statement) => {
    if (block) block.aborted = true;
    block = null;
    alone(s, null);
  };
  for (const s of plan.parsed.statements) {
    const control = txControl(s);
    // A BEGIN inside a block only warns (25001); in a query's implicit transaction it makes that a transaction block.
    if (control === 'begin') {
      block ??= open('file');
      explicit = true;
      continue;
    }
    // A COMMIT or ROLLBACK ends the block it is in, the runner's too (whose COMMIT then only warns, 25P01). A ROLLBACK
    // discards what ran there, and the runner still records the file. What follows runs outside it, unless AND CHAIN
    // opened the next one, which ends as this one would have.
    if (control === 'commit' || isRollback(s)) {
      // Outside a block they only warn, but AND CHAIN fails (25P01), in a query's implicit transaction too.
      if (chains(s) && (!block || !explicit)) refused(s);
      else if (block) {
        if (control !== 'commit') {
          block.statements.push(s);
          block.rollsBack = true;
        }
        block.chains = chains(s);
        block = block.chains ? open(block.transaction) : null;
        // The chained transaction is a transaction block, as the one it follows was.
        explicit = block !== null;
      }
      continue;
    }
    // The Supabase CLI commits its transaction before what it runs alone.
    if (plan.runAs === 'batches' && runsAlone(plan, s)) block = null;
    if ((block ? !explicit : oneQuery) && refusedInQuery(s)) refused(s);
    else if (block) block.statements.push(s);
    else if (oneQuery) (block = open('query')).statements.push(s);
    else if (runsAlone(plan, s)) alone(s, null);
    else if (plan.runAs === 'batches') (block = open('runner')).statements.push(s);
    // Each in a transaction of its own, for its locks; what acts only in a block, outside one as the runner sends it.
    else alone(s, needsTransactionBlock(s) ? null : 'statement');
  }
  return out;
}

/** Statements PostgreSQL refuses inside a transaction block: the ones transaction-unsafe names. */
export function cannotRunInTransaction(s: Statement): boolean {
  return needsOwnTransaction(s.kind, s.node) !== null;
}

/** Whether the plan's runner runs the statement on its own, outside a transaction. */
export function runsAlone(plan: Plan, s: Statement): boolean {
  return plan.runAs === 'batches' ? runsAloneAs(plan.preset, s.text) !== null : cannotRunInTransaction(s);
}

/** How the runner runs the file: `outside` when it holds what cannot run in a transaction, or opts out of its transaction. */
function runAsFor(migration: Migration, options: GateOptions, statements: Statement[], written: readonly Statement[], outside: boolean): RunAs {
  // The Supabase CLI runs a file with transaction control of its own as written, statement by statement.
  if (migration.runnerWraps && runsAsWritten(options.preset, written)) return 'statements';
  // A runner that wraps the file runs the rest of it in its transaction, where CREATE DATABASE and the like fail as they do there.
  if (migration.runnerWraps) return statements.some((s) => runsAloneAs(options.preset, s.text)) ? 'batches' : 'transaction';
  // Unless a script config file sets executeInTransaction, Flyway runs a migration outside a transaction exactly when it
  // holds a statement it recognises: CREATE SUBSCRIPTION without a slot, which could run in one, too.
  if (options.preset === 'flyway' && migration.transactional) return statements.some(flywayRunsOutside) ? 'statements' : 'transaction';
  if (!outside) return 'transaction';
  return runnerOf(options).sends === 'query' ? 'query' : 'statements';
}

export function planMigration(migration: Migration, options: GateOptions): Plan {
  const template = templateOf(migration, options);
  const sql = template.sql;
  const read = parseSql(sql);
  // goose's and golang-migrate's own cuts, where they split a statement the parser reads whole, are what they send.
  const cuts = gooseCuts(migration, options, template, read) ?? (options.multiStatement ? multiStatementCuts(sql, read) : null);
  const parsed = cuts ? { ...read, statements: cuts } : read;
  const statements = parsed.error ? null : parsed.statements.filter((s) => !txControl(s));
  const extensions = read.statements
    .filter((s) => s.kind === 'CreateExtensionStmt')
    .map((s) => String(s.node.extname));
  // Under x-multi-statement golang-migrate sends every piece on its own: no file runs as one unit.
  const outsideTransaction = !migration.transactional || options.multiStatement === true || (statements ?? []).some(cannotRunInTransaction);
  return {
    migration,
    template,
    sql,
    parsed,
    statements,
    outsideTransaction,
    runAs: runAsFor(migration, options, statements ?? [], parsed.error ? [] : parsed.statements, outsideTransaction),
    copyRowsAsSql: sendsCopyDataAsSql(options.preset) && parsed.statements.some((s) => s.copy && s.copy.resume > s.copy.start),
    preset: options.preset,
    extensions,
  };
}

const LANGUAGE: Record<CodeLanguage, string> = { go: 'Go', javascript: 'JavaScript', typescript: 'TypeScript' };

/** Why the dry-run skips a migration written in code: it runs SQL only; null for an SQL migration. */
export function codeSkip(migration: Migration, preset: PresetName): string | null {
  if (!migration.language) return null;
  return `a ${LANGUAGE[migration.language]} migration: the gate runs SQL only (${PRESET_TABLE[preset].runner.name} runs its code), so what it changes is missing for the migrations after it`;
}

/** What a failure after code migrations the dry-run skipped (`skipped`, in order) must say: their changes were not there. */
export function skippedCodeNote(skipped: Migration[]): string {
  if (skipped.length === 0) return '';
  const [one, them, they] = skipped.length === 1 ? ['migration', 'it', 'it changes'] : ['migrations', 'them', 'they change'];
  return (
    ` The code ${one} ${skipped.map((m) => m.file).join(', ')} ran before it, and the dry-run skipped ${them} (it runs SQL only): ` +
    `what ${they} is missing here, which may be why it fails.`
  );
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
