// History is what is already applied: the migrations on the git base (PR mode) or the rows of a
// runner's history table (deploy mode). Rules compare the working tree with it.

export type ChecksumAlgorithm = 'sha256' | 'flyway' | 'prisma' | 'sqlx' | 'graphile' | 'drizzle' | 'sqitch';

export interface HistoryEntry {
  version: string;
  /** Repo-relative path, when the source knows it (git base) or records it (file-name versions). */
  file?: string;
  name?: string;
  /** The bytes as they were applied (git base only). */
  bytes?: Buffer;
  /** A checksum the source recorded, in that runner's own format (deploy mode). */
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
  /** Sqitch: the change ID it was deployed under (its plan entry's, chained to the entries before it). */
  changeId?: string;
  appliedAt?: string;
  executionMs?: number;
  /** failed/dirty/unfinished rows block a deploy until the runner's repair step is done. */
  state: 'applied' | 'failed' | 'dirty';
}

/** Whether the history is a git base (files with bytes) rather than a runner's table. */
export function fromGit(history: History): boolean {
  return history.source.startsWith('git:');
}

export interface History {
  /** What the entries were read from, for the report: `git:<ref>` or `table:<schema.table>`. */
  source: string;
  /** How an entry is matched to a file: by repo path (git base) or by version (history tables). */
  matchBy: 'file' | 'version';
  entries: HistoryEntry[];
  /** A git base's graphile-migrate current.sql (or current/'s files): work in progress, no part of the applied set. */
  current?: HistoryEntry[];
}
