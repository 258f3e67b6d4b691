// drizzle-orm's migrate() (pg-core dialect.ts) reads the applied rows once, then runs every pending migration of the
// folder, each one's history row after it, in ONE transaction it commits at the end. The dry-run runs them so: a
// failure discards the migrations before it in the run, and a value one adds to an enum cannot be used by a later one (55P04).

import type { GateOptions } from '../options.js';
import { PRESET_TABLE } from '../config/presets.js';
import type { DryRunError, DryRunMigration } from '../report/report.js';
import type { Session } from './engine.js';
import { joinsTransaction, type InRun } from './execute.js';
import type { Plan } from './plan.js';

/** Whether the preset's runner runs all of a folder's pending migrations in one transaction. */
export function runsPendingAsOne(options: Pick<GateOptions, 'preset'>): boolean {
  return PRESET_TABLE[options.preset].oneRun === true;
}

/** How many of the files before a failure in the run its message names. */
const SHOWN_FILES = 4;

/** A file applied in the open run: its entry in the dry-run's list, which holds only if the run commits. */
interface Ran {
  plan: Plan;
  entry: number;
}

/** What a failure in the run took with it: the files applied before it in the run's transaction. */
export interface Discarded {
  ran: readonly Ran[];
}

/** The runner's transaction over a folder's pending migrations, open from the first that runs until the folder's last. */
export class OneTransaction {
  /** The folder whose run is open; null when none is. */
  private folder: string | null = null;
  private ran: Ran[] = [];
  /** The open run, as runPending needs it. */
  private run: InRun = { existing: [] };

  constructor(private readonly runner: string) {}

  /**
   * Opens the run for `plan`'s folder, committing another folder's first (a migrate() call each); undefined where the
   * file has transaction control of its own and runs as its stretches say: the run so far is committed before it.
   * `tables`: the database's tables now, by oid.
   */
  async join(session: Session, plan: Plan, tables: ReadonlyMap<string, string>): Promise<InRun | undefined> {
    const joins = joinsTransaction(plan);
    if (this.folder !== null && (!joins || this.folder !== plan.migration.folder)) await this.commit(session);
    if (!joins) return undefined;
    if (this.folder === null) {
      await session.exec('BEGIN');
      this.folder = plan.migration.folder;
      this.run = { existing: [...tables.keys()] };
    }
    return this.run;
  }

  /** `plan` applied in the run, its result at `entry` of the dry-run's list. */
  applied(plan: Plan, entry: number): void {
    this.ran.push({ plan, entry });
  }

  /** A file of the run failed, and its rollback ended the run's transaction: what ran before it in the run. */
  end(): Discarded {
    const ended = { ran: this.ran };
    this.folder = null;
    this.ran = [];
    return ended;
  }

  async commit(session: Session): Promise<void> {
    if (this.folder === null) return;
    await session.exec('COMMIT');
    this.end();
  }

  /** Where the failure ran, for its message: in the run's transaction after the files before it. */
  where(discarded: Discarded): string {
    const files = discarded.ran.map((r) => r.plan.migration.file);
    if (!files.length) return '';
    // A long run is named by its first files: the report lists them all, rolled back.
    const shown = files.length > SHOWN_FILES ? `${files.slice(0, SHOWN_FILES - 1).join(', ')} and ${files.length - SHOWN_FILES + 1} more` : files.join(', ');
    return `, in one transaction after ${shown}, as ${this.runner} runs every pending migration`;
  }

  /** The result of a file the failure of `failed` discarded: it ran, and nothing of it stays. */
  rolledBack(entry: DryRunMigration, failed: string): DryRunMigration {
    return {
      file: entry.file,
      status: 'skipped',
      durationMs: entry.durationMs,
      reason: `applied, then rolled back: ${this.runner} runs every pending migration in one transaction, and ${failed} failed in it, so none of them is applied`,
      changes: [],
      locks: [],
    };
  }

  /** A value an earlier file of the run adds to an enum is not committed when this file uses it (55P04): which file, and the way out. */
  advice(error: DryRunError, discarded: Discarded): string | null {
    const value = error.sqlstate === '55P04' ? /^unsafe use of new value "(.*)" of enum type/.exec(error.message)?.[1] : undefined;
    if (value === undefined) return null;
    const adder = discarded.ran.find((r) => r.plan.parsed.statements.some((s) => s.kind === 'AlterEnumStmt' && s.node.newVal === value));
    if (!adder) return null;
    return (
      `${adder.plan.migration.file} adds "${value}", and ${this.runner} commits it only after the last pending migration: apply ` +
      `${adder.plan.migration.file} in a run of its own (deploy it first), then this one.`
    );
  }
}
