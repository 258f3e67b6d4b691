// Runs one migration's statements on a Session the way a runner would, and maps a server error's
// position back to the file's line and column. Pending migrations also get their locks recorded per
// statement and a re-run proof in a savepoint that is rolled back.

import type { DryRunError, LockTaken } from '../report/report.js';
import type { Statement } from '../sql/parser.js';
import { toServerError, type ServerError, type Session } from './engine.js';
import { cannotRunInTransaction, statementAt, type Plan } from './plan.js';

export interface PendingResult {
  error: DryRunError | null;
  /** Time spent in the migration's own statements. */
  durationMs: number;
  locks: Array<LockTaken & { statement: string }>;
  /** The error of the second run, when the migration applied once but not twice. */
  rerunError: DryRunError | null;
}

const SHOWN_STATEMENT = 300;

/** Where a server error points in the file: its `position` (1-based, in the text sent, which began at `sentAt`) or the statement that failed. */
export function mapError(plan: Plan, err: ServerError, sentAt: number, failed?: Statement): DryRunError {
  const offset = err.position ? sentAt + err.position - 1 : (failed?.start ?? sentAt);
  const stmt = failed ?? statementAt(plan, offset);
  const pos = plan.parsed.lines.position(offset);
  const text = stmt?.text.trim();
  return {
    sqlstate: err.sqlstate,
    message: err.message,
    ...(err.detail ? { detail: err.detail } : {}),
    ...(err.hint ? { hint: err.hint } : {}),
    line: pos.line + plan.migration.lineOffset,
    column: pos.column,
    ...(text ? { statement: text.length > SHOWN_STATEMENT ? `${text.slice(0, SHOWN_STATEMENT)}…` : text } : {}),
  };
}

export function lineOf(plan: Plan, s: Statement): number {
  return s.line + plan.migration.lineOffset;
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

async function run(session: Session, plan: Plan, s: Statement): Promise<number> {
  const t0 = performance.now();
  try {
    await session.exec(s.text);
  } catch (e) {
    throw new StatementFailed(mapError(plan, toServerError(e), s.start, s));
  }
  return performance.now() - t0;
}

async function runWhole(session: Session, plan: Plan): Promise<number> {
  const t0 = performance.now();
  try {
    await session.exec(plan.sql);
  } catch (e) {
    const err = toServerError(e);
    throw new StatementFailed(mapError(plan, err, 0), err.position !== undefined);
  }
  return performance.now() - t0;
}

const LOCKS_SQL = `SELECT relation::text AS oid, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted`;

/** Records locks held now on tables that existed before the migration, first statement to take each wins. */
async function collectLocks(
  session: Session,
  tables: Map<string, string>,
  into: PendingResult['locks'],
  plan: Plan,
  s: Statement,
): Promise<void> {
  for (const { oid, mode } of await session.query<{ oid: string; mode: string }>(LOCKS_SQL)) {
    const relation = tables.get(oid);
    if (!relation || into.some((l) => l.relation === relation && l.mode === mode)) continue;
    into.push({ relation, mode, line: lineOf(plan, s), statement: s.text });
  }
}

/** A pending migration: applied for real (and committed), locks recorded, then proven re-runnable. */
export async function runPending(session: Session, plan: Plan, tables: Map<string, string>): Promise<PendingResult> {
  const result: PendingResult = { error: null, durationMs: 0, locks: [], rerunError: null };
  const statements = plan.statements;
  try {
    if (!statements) {
      await session.exec('BEGIN');
      result.durationMs = await runWhole(session, plan);
      await session.exec('COMMIT');
      return result;
    }
    if (plan.outsideTransaction) {
      for (const s of statements) {
        if (cannotRunInTransaction(s)) {
          result.durationMs += await run(session, plan, s);
          continue;
        }
        await session.exec('BEGIN');
        result.durationMs += await run(session, plan, s);
        await collectLocks(session, tables, result.locks, plan, s);
        await session.exec('COMMIT');
      }
      result.rerunError = await rerunOutside(session, plan, statements);
      return result;
    }
    await session.exec('BEGIN');
    for (const s of statements) {
      result.durationMs += await run(session, plan, s);
      await collectLocks(session, tables, result.locks, plan, s);
    }
    await session.exec('SAVEPOINT migration_gate_rerun');
    try {
      for (const s of statements) await run(session, plan, s);
    } catch (e) {
      if (!(e instanceof StatementFailed)) throw e;
      result.rerunError = e.error;
    }
    await session.exec('ROLLBACK TO SAVEPOINT migration_gate_rerun');
    await session.exec('COMMIT');
    return result;
  } catch (e) {
    if (!(e instanceof StatementFailed)) throw e;
    await session.exec('ROLLBACK').catch(() => undefined);
    result.error = e.error;
    return result;
  }
}

/**
 * The second run of a file that runs outside a transaction. Consecutive statements that can share a
 * transaction share one, so `DROP ... IF EXISTS` still guards the `CREATE` after it; it is rolled back at
 * the end, and committed only before a statement that cannot run in one (which may need its effect).
 */
async function rerunOutside(session: Session, plan: Plan, statements: Statement[]): Promise<DryRunError | null> {
  let open = false;
  try {
    for (const s of statements) {
      if (cannotRunInTransaction(s)) {
        if (open) await session.exec('COMMIT');
        open = false;
      } else if (!open) {
        await session.exec('BEGIN');
        open = true;
      }
      await run(session, plan, s);
    }
    return null;
  } catch (e) {
    if (!(e instanceof StatementFailed)) throw e;
    return e.error;
  } finally {
    if (open) await session.exec('ROLLBACK');
  }
}

/** A baseline (already merged) file: as fast as possible, one round trip when it can run in one transaction. */
export async function replayFile(session: Session, plan: Plan): Promise<DryRunError | null> {
  try {
    if (plan.statements && plan.outsideTransaction) {
      for (const s of plan.statements) await run(session, plan, s);
      return null;
    }
    await runWhole(session, plan);
    return null;
  } catch (e) {
    if (!(e instanceof StatementFailed)) throw e;
    // Without a position the server does not say which statement failed: find it by running them one by one.
    if (!plan.statements || e.positioned) return e.error;
    return (await locateFailure(session, plan, plan.statements)) ?? e.error;
  }
}

async function locateFailure(session: Session, plan: Plan, statements: Statement[]): Promise<DryRunError | null> {
  await session.exec('BEGIN');
  try {
    for (const s of statements) await run(session, plan, s);
    return null;
  } catch (e) {
    if (!(e instanceof StatementFailed)) throw e;
    return e.error;
  } finally {
    await session.exec('ROLLBACK');
  }
}
