// Runner presets: what each migration runner does that the gate must assume (transactions, checksums, history).

import type { ChecksumAlgorithm } from '../history/history.js';
import type { GateOptions, HistoryFormat, PresetName } from '../options.js';
import type { Migration, SchemeId } from '../migration.js';
import { scanTokens } from '../sql/ast.js';

/**
 * How each preset's runner sends a migration file to the server, read in its source (dbmate db.go, goose
 * provider_run.go, golang-migrate postgres.go, sqlx migrate.rs, node-pg-migrate migration.ts and sqlMigration.ts,
 * Prisma's apply_script, Supabase CLI pkg/migration/file.go and legacy-migration-apply.ts, Flyway's parser).
 */
export interface Runner {
  /** The runner as a message names it, mid-sentence. */
  name: string;
  /**
   * 'query': the whole file (or its `part`) as one query, which PostgreSQL runs as one implicit
   * transaction when it holds several statements; 'batch': the Supabase CLI's pipeline of the file's statements
   * and its history row ending in one Sync, one implicit transaction likewise (newer CLIs run a file that has
   * BEGIN/COMMIT statement by statement); 'statements': one statement at a time; null: unknown.
   */
  sends: 'query' | 'batch' | 'statements' | null;
  /** What the runner sends as one query, where not the whole file (dbmate: the up section, with or without its transaction). */
  part?: string;
  /** How one migration file stays out of the runner's transaction, where the runner has a way. */
  optOut?: string;
  /** Where the runner has no setting that keeps a file out of its transaction: why, and how such a statement gets run all the same. */
  noWayOut?: { why: string; instead: string };
  /** The setting under which the runner sends statements one by one instead of the file as one query. */
  unless?: string;
  /**
   * The runner sends each query on its session as written, so after a COMMIT in the file each one commits by itself until a
   * BEGIN opens a block (goose's migration_sql.go; drizzle's tx.execute of each chunk).
   */
  autocommitsAfterCommit?: true;
  /**
   * The runner feeds the rows after `COPY ... FROM STDIN;` to the server as psql does (Flyway: PostgreSQLParser reads
   * them to `\.`, CopyManager sends them). A known runner without it sends them as SQL, which fails (the Supabase CLI's
   * pkg/parser, goose's sqlparser and the drivers' plain queries have no copy-in).
   */
  copyIn?: true;
}

/** A statement the runner takes out of the file's transaction, found by the runner's own test of its text. */
export interface RunsAlone {
  /** The statement as transaction-unsafe names it. */
  name: string;
  /** The runner's pattern, tried on the statement upper-cased from its first word (its leading comments left out). */
  pattern: RegExp;
}

export interface Preset {
  /** The runner opens a transaction around each file (so CONCURRENTLY and the like fail in it). */
  wrapsInTransaction: boolean;
  /**
   * Statements that the runner takes out of the file's transaction and runs on their own, between the
   * statements before and after them, which run in a transaction of their own on each side.
   */
  runsAlone: readonly RunsAlone[];
  /**
   * Statements whose presence makes the runner run the whole migration outside a transaction, by the runner's own test:
   * a pattern matches all of the statement's first words outside parentheses (runsOutsideOf).
   */
  runsOutside?: readonly RegExp[];
  checksum: ChecksumAlgorithm;
  history: HistoryFormat;
  /** How the runner sends a file and keeps one out of its transaction (read in each runner's source). */
  runner: Runner;
  /** The naming scheme of a folder not configured otherwise, where the runner has names no other takes. */
  scheme?: SchemeId;
  /** The runner also reads the migrations in the folder's subfolders, at any depth, as one set (Flyway's FileSystemScanner). */
  nested?: true;
  /** The runner runs all of a folder's pending migrations, and their history rows, in one transaction (drizzle's migrate()). */
  oneRun?: true;
  /** The runner sends the statements one by one in autocommit, as `psql --file` does: only the file's own BEGIN … COMMIT makes it atomic (Sqitch). */
  autocommit?: true;
  /** Placeholder patterns the runner has besides the default ones, used when the config names none. */
  placeholderPatterns?: readonly string[];
}

export const PRESET_TABLE: Record<PresetName, Preset> = {
  // A runner of unknown habits: sends each file as one query, which Postgres runs as one implicit transaction.
  generic: {
    wrapsInTransaction: false,
    runsAlone: [],
    checksum: 'sha256',
    history: 'auto',
    runner: { name: 'the runner', sends: null, optOut: 'make sure the runner does not run the file in a transaction' },
  },
  // The Supabase CLI sends a file's statements and its history row as one pipeline with one Sync, bracketed in BEGIN and
  // COMMIT since supabase/cli#6354 (2.115 and 2.116 sent it bare, #6224: LOCK and SAVEPOINT failed there with 25P01). It runs a
  // file holding BEGIN, COMMIT, ROLLBACK or the like as written, one statement at a time (transaction-unsafe's runsAsWritten).
  supabase: {
    wrapsInTransaction: true,
    // legacyIsPipelineIncompatible's patterns (apps/cli/src/legacy/shared/legacy-migration-apply.ts), by first words, so any CLUSTER:
    // the first six since 2.109 (#5156, #6009; DROP INDEX CONCURRENTLY since #6276), the rest since the fix of #6347; older CLIs fail with 25001.
    runsAlone: [
      { name: 'CREATE INDEX CONCURRENTLY', pattern: /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY(?:\s|$)/ },
      { name: 'DROP INDEX CONCURRENTLY', pattern: /^DROP\s+INDEX\s+CONCURRENTLY(?:\s|$)/ },
      { name: 'REINDEX CONCURRENTLY', pattern: /^REINDEX(?:\s|\().*\sCONCURRENTLY(?:\s|$)/ },
      { name: 'VACUUM', pattern: /^VACUUM(?:\s|\(|$)/ },
      { name: 'ALTER SYSTEM', pattern: /^ALTER\s+SYSTEM(?:\s|$)/ },
      { name: 'CLUSTER', pattern: /^CLUSTER(?:\s|$)/ },
      { name: 'CREATE DATABASE', pattern: /^CREATE\s+DATABASE(?:\s|$)/ },
      { name: 'DROP DATABASE', pattern: /^DROP\s+DATABASE(?:\s|$)/ },
      { name: 'CREATE TABLESPACE', pattern: /^CREATE\s+TABLESPACE(?:\s|$)/ },
      { name: 'DROP TABLESPACE', pattern: /^DROP\s+TABLESPACE(?:\s|$)/ },
      { name: 'REINDEX SCHEMA, DATABASE or SYSTEM', pattern: /^REINDEX(?:\s+\([^)]*\))?\s+(?:DATABASE|SYSTEM|SCHEMA)(?:\s|$)/ },
      { name: 'CREATE SUBSCRIPTION', pattern: /^CREATE\s+SUBSCRIPTION(?:\s|$)/ },
      { name: 'DROP SUBSCRIPTION', pattern: /^DROP\s+SUBSCRIPTION(?:\s|$)/ },
      { name: 'DISCARD ALL', pattern: /^DISCARD\s+ALL(?:\s|$)/ },
      { name: 'ALTER DATABASE ... SET TABLESPACE', pattern: /^ALTER\s+DATABASE\s+(?:"[^"]*"|\S+)\s+SET\s+TABLESPACE(?:\s|$)/ },
      {
        name: 'ALTER SUBSCRIPTION ... REFRESH, SET, ADD or DROP PUBLICATION',
        pattern: /^ALTER\s+SUBSCRIPTION\s+(?:"[^"]*"|\S+)\s+(?:REFRESH\s+PUBLICATION|(?:SET|ADD|DROP)\s+PUBLICATION)(?:\s|$)/,
      },
      {
        name: 'ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY or FINALIZE',
        pattern: /^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:"[^"]*"|\S+)\s+DETACH\s+PARTITION\s+(?:"[^"]*"|\S+)\s+(?:CONCURRENTLY|FINALIZE)(?:\s|$)/,
      },
    ],
    checksum: 'sha256',
    history: 'supabase',
    runner: { name: 'the Supabase CLI', sends: 'batch' },
  },
  // Flyway runs a file outside a transaction when it detects a non-transactional statement in it, or as its .sql.conf says.
  flyway: {
    wrapsInTransaction: false,
    runsAlone: [],
    // PostgreSQLParser's patterns (detectCanExecuteInTransaction), which Java's matches() tries on the whole text.
    runsOutside: [
      /^(?:CREATE|DROP) (?:DATABASE|TABLESPACE|SUBSCRIPTION)$/,
      /^ALTER SYSTEM$/,
      /^(?:CREATE|DROP)(?: UNIQUE)? INDEX CONCURRENTLY$/,
      /^REINDEX(?: VERBOSE)? (?:SCHEMA|DATABASE|SYSTEM)$/,
      /^VACUUM$/,
      /^DISCARD ALL$/,
    ],
    checksum: 'flyway',
    history: 'flyway',
    nested: true,
    runner: {
      name: 'Flyway',
      sends: 'statements',
      optOut: 'set executeInTransaction=false in a script config file beside the migration (<name>.sql.conf)',
      copyIn: true,
    },
  },
  prisma: { wrapsInTransaction: false, runsAlone: [], checksum: 'prisma', history: 'prisma', runner: { name: 'Prisma', sends: 'query' } },
  'golang-migrate': {
    wrapsInTransaction: false,
    runsAlone: [],
    checksum: 'sha256',
    history: 'golang-migrate',
    runner: { name: 'golang-migrate', sends: 'query', unless: 'x-multi-statement' },
  },
  dbmate: {
    wrapsInTransaction: true,
    runsAlone: [],
    checksum: 'sha256',
    history: 'dbmate',
    runner: { name: 'dbmate', sends: 'query', part: 'up section', optOut: 'mark the up section `-- migrate:up transaction:false`' },
  },
  'node-pg-migrate': {
    wrapsInTransaction: true,
    runsAlone: [],
    checksum: 'sha256',
    history: 'node-pg-migrate',
    runner: {
      name: 'node-pg-migrate',
      sends: 'query',
      optOut: 'write the migration in JavaScript or TypeScript and call pgm.noTransaction() in it (an SQL migration always runs in a transaction)',
    },
  },
  goose: {
    wrapsInTransaction: true,
    runsAlone: [],
    checksum: 'sha256',
    history: 'goose',
    runner: { name: 'goose', sends: 'statements', optOut: 'put `-- +goose NO TRANSACTION` at the top of the file', autocommitsAfterCommit: true },
  },
  sqlx: {
    wrapsInTransaction: true,
    runsAlone: [],
    checksum: 'sqlx',
    history: 'sqlx',
    runner: { name: 'sqlx', sends: 'query', optOut: 'make `-- no-transaction` the first line of the file' },
  },
  // The committed folder: BEGIN, the body as one query, the history row, COMMIT (migration.ts runStringMigration).
  'graphile-migrate': {
    wrapsInTransaction: true,
    runsAlone: [],
    checksum: 'graphile',
    history: 'graphile-migrate',
    runner: { name: 'graphile-migrate', sends: 'query', optOut: 'make `--! no-transaction` the first line after the headers' },
    scheme: 'graphile',
    // Its placeholders are `:DATABASE_NAME`, `:DATABASE_OWNER` and the settings' own `:NAME` keys.
    placeholderPatterns: [':NAME'],
  },
  // up.sql through batch_execute (one simple query) in a transaction unless metadata.toml says otherwise (diesel_migrations).
  diesel: {
    wrapsInTransaction: true,
    runsAlone: [],
    checksum: 'sha256',
    history: 'diesel',
    runner: { name: 'diesel', sends: 'query', optOut: 'put `run_in_transaction = false` in a metadata.toml beside its up.sql' },
    scheme: 'folder',
  },
  // drizzle-orm's migrate() (pg-core dialect.ts): every pending migration, split at `--> statement-breakpoint` into queries,
  // and each one's history row, in one transaction, with no way for a migration to leave it.
  drizzle: {
    wrapsInTransaction: true,
    runsAlone: [],
    checksum: 'drizzle',
    history: 'drizzle',
    oneRun: true,
    runner: {
      name: 'drizzle',
      sends: 'statements',
      autocommitsAfterCommit: true,
      noWayOut: {
        why: "drizzle's migrate() runs every pending migration in one transaction, and has no setting that keeps a migration out of it",
        instead: 'run this statement outside drizzle (with psql, or a script run after migrate()) and keep it out of the migrations folder',
      },
    },
  },
  // `atlas migrate apply` (cmdapi/migrate_oss.go migrateApplyRun, --tx-mode file by default): each file in a transaction of its
  // own with its revision row; the Executor (sql/migrate/migrate.go Execute) sends the statements its lexer cuts one by one.
  atlas: {
    wrapsInTransaction: true,
    runsAlone: [],
    checksum: 'sha256',
    history: 'atlas',
    runner: {
      name: 'Atlas',
      sends: 'statements',
      optOut: 'start the file with the line `-- atlas:txmode none` and an empty line after it (Atlas reads file directives only in a header an empty line ends)',
    },
  },
  // `sqitch deploy` (Engine/pg.pm run_file): each change's deploy script through `psql --file` with ON_ERROR_STOP=1, in
  // autocommit, so the script's own BEGIN and COMMIT (which `sqitch add` writes into it) are its only transaction.
  sqitch: {
    wrapsInTransaction: false,
    runsAlone: [],
    checksum: 'sqitch',
    history: 'sqitch',
    scheme: 'sequential',
    autocommit: true,
    runner: {
      name: 'Sqitch',
      sends: 'statements',
      optOut: 'move it out of the BEGIN … COMMIT block that `sqitch add` wrote into the deploy script (psql runs it in autocommit there)',
      copyIn: true,
    },
  },
};

/** golang-migrate under x-multi-statement=true: each piece it cuts at a `;` goes as a query of its own, outside any transaction. */
const MULTI_STATEMENT: Runner = { name: 'golang-migrate', sends: 'statements' };

/**
 * How graphile-migrate's current migration leaves its transaction: current.sql by its very first line, as
 * runStringMigration reads it (no headers there); current/ not at all (readCurrentMigration refuses it).
 */
const CURRENT_OPT_OUT = {
  file: 'make `--! no-transaction` the very first line of current.sql (graphile-migrate reads no headers there)',
  dir: 'run it from current.sql instead of current/ (graphile-migrate refuses `--! no-transaction` in current/), with `--! no-transaction` its very first line',
};

/** How the runner sends a file under these options: the preset's way, or golang-migrate's under x-multi-statement; `migration`'s own way out of its transaction. */
export function runnerOf(options: Pick<GateOptions, 'preset' | 'multiStatement'>, migration?: Pick<Migration, 'kind' | 'file'>): Runner {
  const runner = options.multiStatement ? MULTI_STATEMENT : PRESET_TABLE[options.preset].runner;
  if (migration?.kind !== 'current') return runner;
  return { ...runner, optOut: migration.file.endsWith('.sql') ? CURRENT_OPT_OUT.file : CURRENT_OPT_OUT.dir };
}

/** The name of what the preset's runner takes out of the file's transaction, if `text` (a statement from its first word) is one. */
export function runsAloneAs(preset: PresetName, text: string): string | null {
  const upper = text.toUpperCase();
  return PRESET_TABLE[preset].runsAlone.find((r) => r.pattern.test(upper))?.name ?? null;
}

/** A word the way Flyway's parser reads a keyword: letters and underscores only (Parser.isKeyword). */
const WORD = /^[\p{L}_]+$/u;
/** How many words Flyway reads before it decides a statement runs in a transaction (Parser.getTransactionalDetectionCutoff). */
const FLYWAY_CUTOFF = 10;

/**
 * The words by which the preset's runner runs a migration holding the statement `text` (from its first word) outside a
 * transaction, null where it does not, tested as Flyway's Parser tests it: each time it reads a word outside parentheses,
 * on the words so far, upper-cased and joined by one space. So `REINDEX (VERBOSE) SCHEMA s` is `REINDEX SCHEMA`, and any
 * CREATE SUBSCRIPTION counts.
 */
export function runsOutsideOf(preset: PresetName, text: string): string | null {
  const patterns = PRESET_TABLE[preset].runsOutside;
  if (!patterns) return null;
  let depth = 0;
  const words: string[] = [];
  for (const t of scanTokens(text)) {
    if (t.text === '(' || t.text === ')') depth += t.text === '(' ? 1 : -1;
    else if (depth === 0 && WORD.test(t.text)) {
      words.push(t.text.toUpperCase());
      if (words.length > FLYWAY_CUTOFF) return null;
      const sofar = words.join(' ');
      if (patterns.some((p) => p.test(sofar))) return sofar;
    }
  }
  return null;
}

/** Whether the preset's runner sends the rows after `COPY ... FROM STDIN;` as SQL: a known runner that does not copy them in. */
export function sendsCopyDataAsSql(preset: PresetName): boolean {
  const { runner } = PRESET_TABLE[preset];
  return runner.sends !== null && !runner.copyIn;
}
