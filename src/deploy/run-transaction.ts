// drizzle-orm's migrate() sends BEGIN, each pending migration's statements and its history row, then COMMIT, all on one
// connection, so the server decides what a migration's own BEGIN, COMMIT or ROLLBACK does to the run: a COMMIT ends
// drizzle's transaction and keeps all of the run before it, and what follows commits statement by statement (drizzle's
// COMMIT then only warns) until a BEGIN opens another block. apply sends them so; this follows what stays of the run.

import { OneTransaction, type Discarded } from '../dryrun/one-transaction.js';
import { chains, type Plan } from '../dryrun/plan.js';
import { isRollback } from '../rules/transaction-unsafe.js';
import type { Statement } from '../sql/parser.js';

/** What a file's own COMMIT or ROLLBACK did to the files of the run whose changes and rows waited in the block it ended. */
export interface Ended {
  kept: boolean;
  files: Discarded;
}

/** drizzle's run of one folder's pending migrations, as the server holds it: which files are committed, which still wait. */
export class RunTransaction {
  /** The files done in the open block, which its COMMIT keeps and a ROLLBACK (or a failure) discards; and the dry-run's words for them. */
  readonly held: OneTransaction;
  /** Whether a transaction block is open: drizzle's from the start, or one a file's BEGIN opened after its COMMIT. */
  private open = true;
  /** The file whose COMMIT or ROLLBACK ended drizzle's transaction, once one has. */
  endedBy: string | null = null;
  /** Statements of the running file stay whatever comes: committed by its COMMIT, or run outside any block. */
  partly = false;

  constructor(runner: string) {
    this.held = new OneTransaction(runner);
  }

  /** `plan` begins to run. */
  start(): void {
    this.partly = false;
  }

  /** `s`, a statement of `file`, ran without error: what it did to the files waiting in the block it ended, if it ended one. */
  ran(file: string, s: Statement): Ended | null {
    const control = s.kind === 'TransactionStmt' ? String(s.node.kind) : '';
    // In a block, BEGIN only warns (25001).
    if (control === 'TRANS_STMT_BEGIN' || control === 'TRANS_STMT_START') {
      this.open = true;
      return null;
    }
    const ends = control === 'TRANS_STMT_COMMIT' || isRollback(s);
    // Outside a block each statement commits as it runs, and COMMIT or ROLLBACK only warns (25P01).
    if (!this.open) {
      this.partly ||= !ends;
      return null;
    }
    if (!ends) return null;
    const kept = !isRollback(s);
    this.partly ||= kept;
    this.endedBy ??= file;
    // AND CHAIN opens the next block as it ends this one.
    this.open = chains(s);
    return { kept, files: this.held.end() };
  }

  /** `plan`'s history row is written, at `entry` of the run: true when it is committed at once (no block open), else it waits. */
  recorded(plan: Plan, entry: number): boolean {
    if (this.open) this.held.applied(plan, entry);
    return !this.open;
  }

  /** drizzle's COMMIT at the end of the run, or its ROLLBACK after a failure: the files that waited in the open block. */
  close(): Discarded {
    this.open = false;
    return this.held.end();
  }
}
