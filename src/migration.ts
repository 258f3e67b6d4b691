// A Migration is one versioned (or repeatable) SQL change as a runner would see it.

import { posix } from 'node:path';
import type { Signature } from './discover/graphile.js';
import type { Plan, PlanChange } from './discover/sqitch-plan.js';

/** How a file name (or folder name) encodes the version; see src/discover/schemes.ts. */
export type SchemeId =
  | 'sequential' // NNN_name.sql, NNNN-name.sql (any digit count)
  | 'date' // YYYYMMDD_name.sql
  | 'timestamp' // YYYYMMDDHHMMSS_name.sql
  | 'flyway' // V<ver>__name.sql, R__name.sql, U<ver>__name.sql
  | 'up-down' // <ver>_name.up.sql + .down.sql (golang-migrate and friends)
  | 'folder' // <ts>_<name>/migration.sql (Prisma) or <ts>_<name>/up.sql (diesel)
  | 'dbmate' // -- migrate:up / -- migrate:down sections in one file
  | 'goose' // -- +goose Up / -- +goose Down sections in one file
  | 'graphile'; // committed/000001.sql, 000001-message.sql (graphile-migrate)

/** `current`: graphile-migrate's work in progress (current.sql, or a file of current/), which has no version and `migrate` never runs. */
export type MigrationKind = 'versioned' | 'repeatable' | 'undo' | 'current';

/** The language of a migration written in code: goose's Go migrations, node-pg-migrate's JavaScript and TypeScript ones. */
export type CodeLanguage = 'go' | 'javascript' | 'typescript';

export interface Migration {
  /** Repo-relative POSIX path of the file that holds the SQL. */
  file: string;
  /** Repo-relative POSIX path of the migration folder it was found in. */
  folder: string;
  /** The version as written ('' for a repeatable migration). */
  version: string;
  name: string;
  scheme: SchemeId;
  kind: MigrationKind;
  /** The exact bytes on disk (checksums are over these). */
  bytes: Buffer;
  /** The SQL that runs on "up", decoded as UTF-8 with any BOM removed. */
  sql: string;
  /** Lines of the file before `sql` starts (dbmate/goose sections), so positions map back to the file. */
  lineOffset: number;
  /**
   * Under the goose preset, the [start, end) spans of `sql` where goose substitutes `${NAME}` (its ENVSUB ON regions), the
   * only ones where the gate fills it; elsewhere goose sends it as written. Unset under other presets: filled everywhere.
   */
  envsub?: Array<[number, number]>;
  /**
   * Whether the file runs as one atomic unit: in the runner's transaction, or as one multi-statement query
   * (which PostgreSQL runs as one implicit transaction). False only when the file opts out of the runner's
   * transaction (goose NO TRANSACTION, dbmate transaction:false, sqlx -- no-transaction, a Flyway .sql.conf
   * with executeInTransaction=false); dbmate and sqlx still send such a file as one query (PRESET_TABLE.runner.sends).
   */
  transactional: boolean;
  /**
   * Whether the runner opens an explicit transaction around the file, so even a lone statement runs inside one
   * (under Flyway: only when its .sql.conf sets executeInTransaction=true).
   */
  runnerWraps: boolean;
  /** graphile-migrate's Previous/Hash headers, as the file is signed now. */
  signature?: Signature;
  /** Companion down file, when the scheme keeps one. */
  downFile?: string;
  /** drizzle: the place of its entry in meta/_journal.json, which is the order drizzle runs it in. */
  listed?: number;
  /** Atlas: its atlas.sum hash as Atlas computes it over the folder (this file and every one before it), which its revision records. */
  atlasHash?: string;
  /** Sqitch: the plan's entry for the change whose deploy script this is, and the plan's project. */
  sqitch?: { project: Plan['project']; uri?: string; change: PlanChange };
  /** Set for a migration written in code, which its runner runs as code: its `sql` is empty, and the dry-run cannot run it. */
  language?: CodeLanguage;
}

/** The repo-relative path of `rel` inside `folder` (`.` the repository root): pathIn's inverse. */
export function inFolder(folder: string, rel: string): string {
  return folder === '.' ? rel : `${folder}/${rel}`;
}

/** `file`'s path inside `folder` (repo-relative, `.` the repository root), or null when it is not inside it. */
export function pathIn(folder: string, file: string): string | null {
  if (folder === '.') return file;
  return file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : null;
}

/** The file's name without its folder or extension (what node-pg-migrate names a migration by: Migration.name). */
export function stem(file: string): string {
  return posix.basename(file, posix.extname(file));
}
