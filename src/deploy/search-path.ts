// The search path a runner puts on its connection for the migrations, which `apply` puts there as the runner does, so
// unqualified objects land where the runner would create them. Flyway, before each migration, puts its default schema
// in front of the connection's own path (flyway/flyway DbMigrate.doMigrateGroup and PostgreSQLConnection
// changeCurrentSchemaTo); graphile-migrate sets its pgSettings once on the connection, before anything runs
// (graphile/migrate src/pgReal.ts withClient). Both as a session setting (set_config(..., false)).

import type { Db } from '../history/tables/table.js';
import type { GateOptions } from '../options.js';
import { flywayDefaultSchema } from '../config/runner-placeholders.js';
import { quoted } from '../sql/quoted.js';

export interface RunnerSearchPath {
  /** Before the first migration, outside any transaction. */
  start(db: Db): Promise<void>;
  /** Before each migration: in its transaction when it has one. */
  beforeEach(db: Db): Promise<void>;
}

const LEFT_ALONE: RunnerSearchPath = { start: async () => undefined, beforeEach: async () => undefined };

const setSearchPath = async (db: Db, path: string) => {
  await db.query(`SELECT set_config('search_path', $1, false)`, [path]);
};

/** What the preset's runner does to the search path of `db`, a fresh connection whose path is still the role's own. */
export async function runnerSearchPath(db: Db, options: GateOptions): Promise<RunnerSearchPath> {
  const path = options.dryRun.searchPath;
  if (options.preset === 'graphile-migrate' && path) return { start: (d) => setSearchPath(d, path), beforeEach: LEFT_ALONE.beforeEach };
  const schema = options.preset === 'flyway' ? flywayDefaultSchema(options) : undefined;
  if (!schema) return LEFT_ALONE;
  // Flyway reads the connection's path once, when it connects, and puts the schema in front of it each time.
  const { rows } = await db.query<{ search_path: string }>('SHOW search_path');
  const original = rows[0]!.search_path;
  // It leaves the path alone where it already starts with the schema.
  if (original === schema || original.startsWith(`${schema},`)) return LEFT_ALONE;
  const flywayPath = original ? `${quoted(schema)},${original}` : quoted(schema);
  return {
    start: LEFT_ALONE.start,
    async beforeEach(d) {
      // ...and while the schema does not exist (createSchemas off, or a migration yet to create it).
      const exists = await d.query(`SELECT FROM pg_namespace WHERE nspname = $1`, [schema]);
      if (exists.rowCount) await setSearchPath(d, flywayPath);
    },
  };
}
