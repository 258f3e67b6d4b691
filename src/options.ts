// GateOptions: the one typed options object that the CLI and the Action translate their inputs into.
// Values here are already validated and merged (flags over config file over preset defaults).

import type { RuleId, Severity } from './report/finding.js';
import type { ChecksumAlgorithm } from './history/history.js';
import type { SchemeId } from './migration.js';
import type { UnsetVariable } from './config/runner-config.js';

export const PRESETS = [
  'generic',
  'supabase',
  'flyway',
  'prisma',
  'golang-migrate',
  'dbmate',
  'node-pg-migrate',
  'goose',
  'sqlx',
  'graphile-migrate',
  'diesel',
  'drizzle',
  'atlas',
  'sqitch',
] as const;
export type PresetName = (typeof PRESETS)[number];

export const ENGINES = ['auto', 'url', 'cluster', 'pglite'] as const;
export type EngineChoice = (typeof ENGINES)[number];

/** What the dry-run's database is made to hold first: a bare PostgreSQL, or what a Supabase project's holds (auth, storage, roles). */
export const PLATFORMS = ['postgres', 'supabase'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'gitlab'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export const HISTORY_FORMATS = [
  'auto',
  'seed-runner', // schema_migrations(version, name, applied_at, checksum, execution_time_ms, applied_by)
  'filename', // schema_migrations(version = file name, applied_at)
  'supabase',
  'flyway',
  'prisma',
  'golang-migrate',
  'dbmate',
  'node-pg-migrate',
  'goose',
  'sqlx',
  'graphile-migrate',
  'diesel',
  'drizzle',
  'atlas',
  'sqitch',
] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** A name CREATE ROLE takes: at most 63 bytes, not reserved (`pg_` names, PUBLIC, NONE). */
export function isRoleName(v: unknown): v is string {
  return typeof v === 'string' && v !== '' && Buffer.byteLength(v) <= 63 && !v.includes('\0') && !/^(?:pg_|(?:public|none)$)/i.test(v);
}

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Per-rule setting from the config file: a severity, or off. */
export type RuleSetting = Severity | 'off';

export interface FolderOptions {
  /** Repo-relative folder path (globs are expanded before this point). */
  path: string;
  /** Force a naming scheme instead of detecting one. */
  scheme?: SchemeId;
}

export interface DryRunOptions {
  enabled: boolean;
  engine: EngineChoice;
  databaseUrl?: string;
  searchPath?: string;
  /** The platform the migrations run on; under `supabase` the dry-run models its schemas, roles and extensions first. */
  platform: Platform;
  /** Roles production has that no migration creates: made (without login) before the history is replayed. */
  roles: string[];
  /** Minimum server major version the project targets, e.g. 15. */
  postgresVersion?: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
}

export interface GateOptions {
  /** Absolute path of the repository root; file paths in the report are relative to it. */
  root: string;
  folders: FolderOptions[];
  /**
   * The folders as given (paths or globs), whose matches on disk `folders` are: the git base resolves them in its
   * own tree too, where a folder the change deleted still is. Unset, the git base reads `folders`.
   */
  configured?: FolderOptions[];
  /** Git ref of the base (PR mode); null when there is none. */
  base: string | null;
  mode: 'pr' | 'deploy';
  preset: PresetName;
  checksum: ChecksumAlgorithm;
  /** Lint every file with statement-level rules, not only those new or changed against the base. */
  all: boolean;
  /** Placeholder values substituted before parsing, e.g. { schema: 'public' }. */
  placeholders: Record<string, string>;
  /** Placeholder syntaxes recognised in templated files: `${x}` and `{{ x }}` by default. */
  placeholderPatterns: string[];
  /** Placeholders the runner's own config file takes from an environment variable that is not set, by name in lower case. */
  unsetVariables?: Record<string, UnsetVariable>;
  /** Schemas the runner creates, where missing, before it runs a migration (Flyway's createSchemas): the dry-run and apply do too. */
  runnerSchemas?: string[];
  /** golang-migrate's x-multi-statement=true (from the database URL): it cuts each file at every `;` and sends each piece as a query of its own. */
  multiStatement?: true;
  /** golang-migrate's x-multi-statement-max-size where the database URL sets one (else its 10 MB default): the longest piece it reads. */
  multiStatementMaxSize?: number;
  /** Flyway's mixed=true (from its configuration): a migration that holds what Flyway runs outside a transaction and the rest runs all outside one, statement by statement. */
  mixed?: true;
  rules: Partial<Record<RuleId, RuleSetting>>;
  dryRun: DryRunOptions;
  /** Which findings make the verdict `fail`. */
  failOn: FailOn;
  /** Deploy mode: where the applied migrations are recorded. */
  history: { format: HistoryFormat; table?: string; write: boolean };
  /** `apply` on the target: how long a statement may wait for a lock, and run (unset: the server's own settings). */
  apply: { lockTimeoutMs?: number; statementTimeoutMs?: number };
  /** Absolute path of the lint cache folder (src/rules/lint-cache.ts); null when caching is off. */
  cache: string | null;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5 * 60 * 1000;
export const DEFAULT_LOCK_TIMEOUT_MS = 10 * 1000;
