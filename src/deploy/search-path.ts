// The search path a runner puts on its connection for the migrations, which `apply` and the dry-run put there as the
// runner does, so unqualified objects land where the runner would create them. Flyway, before each migration, puts its
// schema (defaultSchema, else the first of schemas, else the connection's current one: SchemaHistoryFactory
// prepareSchemas) in front of the connection's own path (flyway/flyway DbMigrate.doMigrateGroup and PostgreSQLConnection
// changeCurrentSchemaTo), so a migration's own SET lasts only to its end; graphile-migrate sets its pgSettings once on
// the connection, before anything runs (graphile/migrate src/pgReal.ts withClient). Both as a session setting
// (set_config(..., false)).

import type { Session } from '../dryrun/engine.js';
import type { GateOptions } from '../options.js';
import { flywayDefaultSchema } from '../config/runner-placeholders.js';
import { flywaySearchPath } from '../config/flyway-config.js';
import { quoted } from '../sql/quoted.js';

export interface RunnerSearchPath {
  /** Before the first migration, outside any transaction. */
  start(session: Session): Promise<void>;
  /** Before each migration: in its transaction when it has one. */
  beforeEach(session: Session): Promise<void>;
}

const LEFT_ALONE: RunnerSearchPath = { start: async () => undefined, beforeEach: async () => undefined };

const setSearchPath = async (session: Session, path: string) => {
  await session.query(`SELECT set_config('search_path', $1, false)`, [path]);
};

/** Flyway's path on `session`, a fresh connection, and its schema; null where Flyway leaves the path alone. */
async function flywayPath(session: Session, options: GateOptions): Promise<{ schema: string; path: string } | null> {
  const [{ schema: current, path: original }] = await session.query<{ schema: string | null; path: string }>(
    'SELECT current_schema AS schema, current_setting($1) AS path',
    ['search_path'],
  );
  const schema = flywayDefaultSchema(options) ?? current;
  // Flyway reads the connection's path once, when it connects, and leaves it alone where it already starts with the schema.
  if (!schema || original === schema || original.startsWith(`${schema},`)) return null;
  return { schema, path: original ? `${quoted(schema)},${original}` : quoted(schema) };
}

/** What the preset's runner does to the search path of `session`, a fresh connection to the target whose path is still the role's own. */
export async function runnerSearchPath(session: Session, options: GateOptions): Promise<RunnerSearchPath> {
  const path = options.dryRun.searchPath;
  if (options.preset === 'graphile-migrate' && path) return { start: (s) => setSearchPath(s, path), beforeEach: LEFT_ALONE.beforeEach };
  const flyway = options.preset === 'flyway' ? await flywayPath(session, options) : null;
  if (!flyway) return LEFT_ALONE;
  return {
    start: LEFT_ALONE.start,
    async beforeEach(s) {
      // ...and while the schema does not exist (createSchemas off, or a migration yet to create it).
      const exists = await s.query(`SELECT FROM pg_namespace WHERE nspname = $1`, [flyway.schema]);
      if (exists.length) await setSearchPath(s, flyway.path);
    },
  };
}

/**
 * What the dry-run puts back before each migration on its engine's session, where the path it set at the start (its
 * searchPath: the runner's configuration or --search-path) stands for the runner's: Flyway's, each time; null for a
 * runner that sets its path once. With no schema configured, Flyway's is the session's current schema in front of
 * PostgreSQL's default path, which a production connection has where an engine may not (PGlite's is `public` alone).
 */
export async function dryRunPathReset(session: Session, options: GateOptions): Promise<((session: Session) => Promise<void>) | null> {
  if (options.preset !== 'flyway') return null;
  const given = options.dryRun.searchPath;
  const schema = given ? null : (await session.query<{ schema: string | null }>('SELECT current_schema AS schema'))[0]!.schema;
  const path = given ?? (schema && flywaySearchPath(schema));
  return path ? (s) => setSearchPath(s, path) : null;
}
