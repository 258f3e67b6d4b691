// The runner's own configuration file (Flyway's flyway.toml or flyway.conf, graphile-migrate's .gmrc), read for what
// the dry-run must do as the runner does: placeholder values and syntax, the search path. .migration-gate.yml and the
// CLI win over it (resolve.ts). Connection settings (url, user, password, connection strings) are never read.

import type { Session } from '../dryrun/engine.js';
import type { GateOptions, PresetName } from '../options.js';
import type { Fill } from '../sql/placeholders.js';
import { quoted } from '../sql/quoted.js';

/** A placeholder whose value the runner's file takes from an environment variable that is not set. */
export interface UnsetVariable {
  variable: string;
  /** The file that names the variable, as a message names it (flyway.conf, .gmrc). */
  file: string;
}

/** What a runner's configuration gives the gate. */
export interface RunnerConfig {
  placeholders: Record<string, string>;
  /** The runner's placeholder syntaxes where they are not the default ones; [] when it fills no placeholder. */
  placeholderPatterns?: string[];
  searchPath?: string;
  /** Roles the configuration says production has (graphile-migrate's databaseOwner). */
  roles?: string[];
  /** The runner's history table, as history-table names it, where the configuration moves it. */
  historyTable?: string;
  /** Schemas the runner creates, where missing, before it runs a migration (Flyway's createSchemas). */
  schemas?: string[];
  /** golang-migrate's x-multi-statement=true: each file cut at every `;`, each piece sent as a query of its own. */
  multiStatement?: true;
  /** golang-migrate's x-multi-statement-max-size, where the URL sets one: the bytes its scanner holds of one piece. */
  multiStatementMaxSize?: number;
  /** Flyway's mixed=true: a migration that holds what Flyway runs outside a transaction and the rest runs all outside one. */
  mixed?: true;
  /** By the placeholder's name in lower case, as placeholders are looked up regardless of case. */
  unset: Record<string, UnsetVariable>;
}

const NONE: RunnerConfig = { placeholders: {}, unset: {} };

/**
 * The configuration of the preset's runner in the project root (or, for golang-migrate, in the database URL), where the
 * runner has one; parsers load only then.
 */
export async function readRunnerConfig(root: string, preset: PresetName, env: NodeJS.ProcessEnv, databaseUrl?: string): Promise<RunnerConfig> {
  if (preset === 'flyway') return (await import('./flyway-config.js')).readFlywayConfig(root, env);
  if (preset === 'golang-migrate') return (await import('./golang-migrate-url.js')).readGolangMigrateUrl(databaseUrl) ?? NONE;
  if (preset === 'graphile-migrate') {
    const { readGraphileSettings } = await import('./graphile-settings.js');
    return (await readGraphileSettings(root, env)) ?? NONE;
  }
  return NONE;
}

/** A sentence naming the environment variable the runner's file takes a placeholder's missing value from, else ''. */
export function unsetVariableAdvice(options: Pick<GateOptions, 'unsetVariables'>, fill: Pick<Fill, 'key' | 'text' | 'kind'>): string {
  const unset = fill.kind === 'stand-in' ? options.unsetVariables?.[fill.key.toLowerCase()] : undefined;
  return unset ? ` ${unset.file} takes the value of ${fill.text} from the environment variable ${unset.variable}, which is not set here: set it for migration-gate too.` : '';
}

/**
 * Creates the runner's schemas that are missing, as the runner does before it migrates, and returns their names. Only the
 * missing ones, as Flyway's DbSchemas: CREATE SCHEMA IF NOT EXISTS needs the database's CREATE privilege all the same.
 */
export async function createRunnerSchemas(session: Pick<Session, 'query'>, schemas: string[]): Promise<string[]> {
  const missing = await session.query<{ name: string }>(
    `SELECT name FROM unnest($1::text[]) WITH ORDINALITY AS s (name, n) WHERE NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = name) ORDER BY n`,
    [schemas],
  );
  for (const { name } of missing) await session.query(`CREATE SCHEMA ${quoted(name)}`);
  return missing.map((s) => s.name);
}
