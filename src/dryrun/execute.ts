// Runs one migration's statements on a Session the way its runner would, and maps a server error back to
// the file's line and column, in the file's own words. Pending migrations also get their locks recorded per
// statement and a re-run proof that is rolled back.

import { compareText } from '../discover/version-order.js';
import { isUserError } from '../errors.js';
import type { DryRunError, LockTaken } from '../report/report.js';
import { rowOffset } from '../sql/copy-data.js';
import { scanTokens } from '../sql/ast.js';
import type { Statement } from '../sql/parser.js';
import { toServerError, type ServerError, type Session } from './engine.js';
import { isRollback, needsBlock } from '../rules/transaction-unsafe.js';
import { chains, onlyWarnsOutsideBlock, statementAt, stretches, type Plan, type Stretch, type Transaction } from './plan.js';

export interface PendingResult {
  error: DryRunError | null;
  /** The transaction the error happened in, as the runner's way of running the file placed it (stretches()). */
  failedIn: Transaction | null;
  /** Time spent in the migration's own statements. */
  durationMs: number;
  /** `oid` tells tables apart by identity, as `relation` is named as the file writes it. */
  locks: Array<LockTaken & { statement: string; oid: string }>;
  /** The error of the second run, when the migration applied once but not twice. */
  rerunError: DryRunError | null;
}

const SHOWN_STATEMENT = 300;

/**
 * Where a server error points in the file: its `position` (1-based, in the text sent, which began at `sentAt`), the
 * COPY row it names, or the statement that failed; its words name placeholders as the file writes them, not their stand-ins.
 */
export function mapError(plan: Plan, err: ServerError, sentAt: number, failed?: Statement): DryRunError {
  const row = failed?.copy && err.copyLine ? rowOffset(plan.sql, failed.copy, err.copyLine, csvOf(failed)) : undefined;
  let offset = err.position ? sentAt + err.position - 1 : (row ?? failed?.start ?? sentAt);
  const stmt = failed ?? statementAt(plan, offset);
  if (!err.position && stmt?.kind === 'DoStmt' && err.blockLine) offset = blockOffset(plan.sql, stmt, err.blockLine, err.internal) ?? offset;
  const pos = plan.template.position(offset);
  const restore = (text: string) => plan.template.restore(text);
  const text = stmt && restore(stmt.text.trim());
  return {
    sqlstate: err.sqlstate,
    message: restore(err.message),
    ...(err.detail ? { detail: restore(err.detail) } : {}),
    ...(err.hint ? { hint: restore(err.hint) } : {}),
    line: pos.line,
    column: pos.column,
    ...(text ? { statement: text.length > SHOWN_STATEMENT ? `${text.slice(0, SHOWN_STATEMENT)}…` : text } : {}),
  };
}

/**
 * Where line `line` of DO block `stmt`'s body is in `sql` (PL/pgSQL counts from the text right after the opening
 * quote): at the failing statement's own offset when the server gave it (`internal`), else at the line's first word.
 */
function blockOffset(sql: string, stmt: Statement, line: number, internal: ServerError['internal']): number | null {
  const body = scanTokens(stmt.text).find((t) => /^(?:\$[^$]*\$|')/.test(t.text));
  if (!body) return null;
  let at = stmt.start + body.start + (body.text.startsWith("'") ? 1 : body.text.indexOf('$', 1) + 1);
  for (let n = 1; n < line; n++) {
    const eol = sql.indexOf('\n', at);
    if (eol === -1 || eol >= stmt.end) return null;
    at = eol + 1;
  }
  const query = internal ? sql.indexOf(internal.query, at) : -1;
  if (internal && query !== -1 && query < stmt.end) return query + internal.position - 1;
  while (at < stmt.end && /[ \t]/.test(sql[at]!)) at++;
  return at;
}

/** Where in the migration's file a finding about `error` goes. */
export function errorPlace(plan: Plan, error: DryRunError): { file: string; line: number; column: number } {
  return { file: plan.migration.file, line: error.line, column: error.column };
}

/** The quote and escape of a COPY in CSV format (PostgreSQL's defaults: both `"`), whose quoted fields may span lines. */
function csvOf(s: Statement): { quote: string; escape: string } | null {
  const options = new Map<string, string>();
  for (const o of (s.node.options ?? []) as Array<{ DefElem?: { defname: string; arg?: { String?: { sval: string } } } }>) {
    if (o.DefElem) options.set(o.DefElem.defname, o.DefElem.arg?.String?.sval ?? '');
  }
  if (options.get('format')?.toLowerCase() !== 'csv') return null;
  const quote = options.get('quote') || '"';
  return { quote, escape: options.get('escape') || quote };
}

/** Sends one statement of `sql` (the plan's text): a `COPY ... FROM STDIN` with the rows that follow it there, as psql does. */
export function send(session: Session, sql: string, s: Statement): Promise<void> {
  if (!s.copy) return session.exec(s.text);
  return session.copyFrom({ sql: s.text, stdin: s.copy.stdin - s.start, rows: sql.slice(s.copy.start, s.copy.end) });
}

export function lineOf(plan: Plan, s: Statement): number {
  return plan.template.position(s.start).line;
}

class StatementFailed extends Error {
  /** `positioned`: the server said where; otherwise the error points at the start of what was sent. */
  constructor(
    readonly error: DryRunError,
    readonly positioned = true,
  ) {
    super(error.message);
  }
}

/** What the server said of a statement; the engine's own error (its database is gone) is no statement's, and ends the run. */
function serverError(e: unknown): ServerError {
  if (isUserError(e)) throw e;
  return toServerError(e);
}

async function run(session: Session, plan: Plan, s: Statement): Promise<number> {
  const t0 = performance.now();
  try {
    await send(session, plan.sql, s);
  } catch (e) {
    throw new StatementFailed(mapError(plan, serverError(e), s.start, s));
  }
  return performance.now() - t0;
}

async function runWhole(session: Session, plan: Plan): Promise<number> {
  const t0 = performance.now();
  try {
    await session.exec(plan.sql);
  } catch (e) {
    const err = serverError(e);
    throw new StatementFailed(mapError(plan, err, 0), err.position !== undefined);
  }
  return performance.now() - t0;
}

const LOCKS_SQL = `SELECT relation::text AS oid, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted`;
// Tables made in the run are no one else's until it commits; without them, what the query returns does not grow with the run.
const RUN_LOCKS_SQL = `${LOCKS_SQL} AND relation = ANY($1::oid[])`;

/** A file run in the transaction its runner opened for several (OneTransaction). */
export interface InRun {
  /** The tables that existed before the run's transaction opened, by oid. */
  existing: string[];
}

/** The locks of a file in a run: on the tables there before it, not those earlier files of the run took (still held). */
interface RunLocks extends InRun {
  held: Set<string>;
}

async function locksNow(session: Session, run?: InRun): Promise<Array<{ oid: string; mode: string }>> {
  return run ? session.query(RUN_LOCKS_SQL, [run.existing]) : session.query(LOCKS_SQL);
}

/** Records locks held now on tables that existed before the migration, first statement to take each wins. */
async function collectLocks(
  session: Session,
  tables: Map<string, string>,
  into: PendingResult['locks'],
  plan: Plan,
  s: Statement,
  run?: RunLocks,
): Promise<void> {
  const taken: PendingResult['locks'] = [];
  for (const { oid, mode } of await locksNow(session, run)) {
    const relation = tables.get(oid);
    if (!relation || into.some((l) => l.oid === oid && l.mode === mode) || run?.held.has(`${oid} ${mode}`)) continue;
    taken.push({ oid, relation: plan.template.restore(relation), mode, line: lineOf(plan, s), statement: s.text });
  }
  // pg_locks lists a server's locks in hash order: sorted, two runs of one migration report them alike.
  taken.sort((a, b) => compareText(a.relation, b.relation) || compareText(a.mode, b.mode));
  into.push(...taken);
}

/** The one transaction a file runs in throughout, as its runner runs it (unless the file's ROLLBACK ends it); null if none. */
function oneTransaction(parts: Stretch[]): Stretch | null {
  const [only, ...rest] = parts;
  return only?.transaction && rest.length === 0 && !only.rollsBack ? only : null;
}

/** Whether the file runs in one transaction it neither opens nor ends itself: it can run in one its runner opened for several files. */
export function joinsTransaction(plan: Plan): boolean {
  return !plan.statements || plan.copyRowsAsSql || (plan.runAs !== 'query' && oneTransaction(stretches(plan)) !== null);
}

/**
 * A pending migration: applied for real (and committed), locks recorded, then proven re-runnable. `inRun`: in the
 * transaction already open for several files (joinsTransaction), left open; a failure rolls it back.
 */
export async function runPending(session: Session, plan: Plan, tables: Map<string, string>, inRun?: InRun): Promise<PendingResult> {
  const result: PendingResult = { error: null, failedIn: null, durationMs: 0, locks: [], rerunError: null };
  // The transaction of the stretch being run: a failure's message says where the runner's way put it.
  const progress: Progress = { running: null, durationMs: 0 };
  // In the run's transaction, a savepoint per file: what it writes gets xids of its own, which CatalogWatch tells apart.
  const [open, close] = inRun ? ['SAVEPOINT migration_gate_file', 'RELEASE SAVEPOINT migration_gate_file'] : ['BEGIN', 'COMMIT'];
  try {
    if (!plan.statements || plan.copyRowsAsSql) {
      await session.exec(open);
      result.durationMs = await runWhole(session, plan);
      await session.exec(close);
      return result;
    }
    if (plan.runAs === 'query') {
      result.durationMs = await runAsOneQuery(session, plan, { tables, locks: result.locks });
      result.rerunError = await rerunOutside(session, plan);
      return result;
    }
    const parts = stretches(plan);
    const only = oneTransaction(parts);
    // In one transaction throughout: the re-run is rolled back to a savepoint, all of it.
    if (only) {
      progress.running = only.transaction;
      const runLocks = inRun ? { ...inRun, held: new Set((await locksNow(session, inRun)).map((l) => `${l.oid} ${l.mode}`)) } : undefined;
      await session.exec(open);
      for (const s of only.statements) {
        result.durationMs += await run(session, plan, s);
        await collectLocks(session, tables, result.locks, plan, s, runLocks);
      }
      await session.exec('SAVEPOINT migration_gate_rerun');
      try {
        for (const s of only.statements) await run(session, plan, s);
      } catch (e) {
        if (!(e instanceof StatementFailed)) throw e;
        result.rerunError = e.error;
      }
      await session.exec('ROLLBACK TO SAVEPOINT migration_gate_rerun');
      await session.exec(close);
      return result;
    }
    await runStretches(session, plan, parts, progress, { tables, locks: result.locks });
    result.durationMs = progress.durationMs;
    result.rerunError = await rerunOutside(session, plan);
    return result;
  } catch (e) {
    if (!(e instanceof StatementFailed)) throw e;
    await session.exec('ROLLBACK').catch(() => undefined);
    result.error = e.error;
    result.failedIn = progress.running;
    return result;
  }
}

/** Where a run of the stretches is: the transaction of the one running (a failure's message says where), and the time spent. */
interface Progress {
  running: Transaction | null;
  durationMs: number;
}

/** Runs the stretches as the runner does, each transaction committed as it ends; with `record`, the locks of each statement in one. */
async function runStretches(session: Session, plan: Plan, parts: Stretch[], progress: Progress, record?: LockRecord): Promise<void> {
  // Whether the stretch before ended in AND CHAIN, which opened this one's transaction already.
  let chained = false;
  for (const part of parts) {
    progress.running = part.transaction;
    if (part.transaction && !chained) await session.exec('BEGIN');
    for (const s of part.statements) {
      progress.durationMs += await run(session, plan, s);
      if (part.transaction && record) await collectLocks(session, record.tables, record.locks, plan, s);
    }
    // The file's ROLLBACK [AND CHAIN] was sent as its last statement; the file's COMMIT AND CHAIN is sent here; an aborted
    // implicit transaction is discarded before the statement the server refuses in it fails alone.
    if (part.transaction && !part.rollsBack) await session.exec(part.aborted ? 'ROLLBACK' : part.chains ? 'COMMIT AND CHAIN' : 'COMMIT');
    chained = part.chains;
  }
}

/**
 * The second run of a file that runs outside one transaction, or commits in it. Consecutive stretches that run in a
 * transaction share one, so `DROP ... IF EXISTS` still guards the `CREATE` after it; it is rolled back at the end,
 * and committed only before a statement run alone (which may need its effect).
 */
async function rerunOutside(session: Session, plan: Plan): Promise<DryRunError | null> {
  let open = false;
  try {
    for (const part of stretches(plan)) {
      // Outside a block they did nothing the first time (a warning); inside the re-run's transaction they would act.
      if (!part.transaction && part.statements.every(onlyWarnsOutsideBlock)) continue;
      if (!part.transaction && open) await session.exec('COMMIT');
      if (part.transaction && !open) await session.exec('BEGIN');
      open = part.transaction !== null;
      for (const s of part.statements) await run(session, plan, s);
      // The file's ROLLBACK ended the transaction; with AND CHAIN, it opened the next.
      if (part.rollsBack) open = part.chains;
    }
    return null;
  } catch (e) {
    if (!(e instanceof StatementFailed)) throw e;
    return e.error;
  } finally {
    if (open) await session.exec('ROLLBACK');
  }
}

/**
 * A baseline (already merged) file: as fast as possible, one round trip when it can run in one transaction. Not
 * as its runner runs it (runAs): it is merged already, and replayed so the pending migrations get its schema.
 */
export async function replayFile(session: Session, plan: Plan): Promise<DryRunError | null> {
  try {
    // AND CHAIN acts, or fails (25P01), by the transaction it is in: such a file runs as its runner ran it, as a pending one does.
    if (plan.statements && plan.parsed.statements.some(chains)) {
      await runStretches(session, plan, stretches(plan), { running: null, durationMs: 0 }).catch(async (e: unknown) => {
        await session.exec('ROLLBACK').catch(() => undefined);
        throw e;
      });
      return null;
    }
    if (plan.statements && plan.outsideTransaction) {
      for (const s of plan.statements) await run(session, plan, s);
      return null;
    }
    // No query carries COPY rows: such a file runs statement by statement, in one transaction.
    if (plan.statements && plan.parsed.statements.some((s) => s.copy)) {
      await session.exec('BEGIN');
      try {
        for (const s of plan.statements) await run(session, plan, s);
      } catch (e) {
        await session.exec('ROLLBACK');
        throw e;
      }
      await session.exec('COMMIT');
      return null;
    }
    await runWhole(session, plan);
    return null;
  } catch (e) {
    if (!(e instanceof StatementFailed)) throw e;
    // Without a position the server does not say which statement failed: find it by running them one by one.
    if (!plan.statements || e.positioned) return e.error;
    return pinned(e, await rehearse(session, plan));
  }
}

/**
 * A file its runner sends as one query, sent so: it fails where the runner's does, several statements running as one
 * implicit transaction that refuses CONCURRENTLY and the like. A rehearsal first shows what one query does not: the
 * locks each statement takes, and which one fails.
 */
async function runAsOneQuery(session: Session, plan: Plan, record: LockRecord): Promise<number> {
  const rehearsed = await rehearse(session, plan, record);
  try {
    return await runWhole(session, plan);
  } catch (e) {
    if (!(e instanceof StatementFailed)) throw e;
    throw new StatementFailed(pinned(e, rehearsed));
  }
}

/** The error of text sent whole, at the statement a rehearsal saw fail with the same error, where the server gave no position. */
function pinned(e: StatementFailed, rehearsed: DryRunError | null): DryRunError {
  const same = rehearsed?.sqlstate === e.error.sqlstate && rehearsed.message === e.error.message;
  return !e.positioned && same ? rehearsed : e.error;
}

interface LockRecord {
  tables: Map<string, string>;
  locks: PendingResult['locks'];
}

/**
 * Runs the file's statements in a transaction that is rolled back, which PostgreSQL runs as it runs the implicit one of
 * a multi-statement query: the first error, if any, and with `record` the locks each statement takes.
 */
async function rehearse(session: Session, plan: Plan, record?: LockRecord): Promise<DryRunError | null> {
  await session.exec('BEGIN');
  try {
    for (const part of stretches(plan)) {
      for (const s of part.statements) {
        // The file's ROLLBACK discards what ran before it; sent, it would end the rehearsal and commit what follows. With
        // AND CHAIN it opens the next transaction itself, as the file's characteristics want.
        if (isRollback(s) && !chains(s)) {
          await session.exec('ROLLBACK; BEGIN');
          continue;
        }
        // What the server refuses where the file puts it (SAVEPOINT or AND CHAIN in an implicit transaction) is refused
        // here too, sent outside the rehearsal's transaction.
        if (!part.transaction && needsBlock(s)) await session.exec('ROLLBACK');
        await run(session, plan, s);
        if (record) await collectLocks(session, record.tables, record.locks, plan, s);
      }
    }
    return null;
  } catch (e) {
    if (!(e instanceof StatementFailed)) throw e;
    return e.error;
  } finally {
    await session.exec('ROLLBACK');
  }
}
