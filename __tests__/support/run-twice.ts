// Runs a migration file twice in a row on the local server and on PGlite, as a retried deploy would: the
// non-idempotent suites prove each finding (the second run fails) and each fix (it does not) on both engines.

import { PGlite } from '@electric-sql/pglite';
import { holdingRunLock, scratchDatabase } from './postgres.js';

/** Each engine's error message on the second (or first) run, or null when both runs pass. */
export interface TwiceOutcome {
  postgres: string | null;
  pglite: string | null;
}

/** The same outcome on both engines. */
export const both = (message: string | null): TwiceOutcome => ({ postgres: message, pglite: message });

/** SQL that may make, alter or drop a role. */
const ROLE_SQL = /\b(ROLE|USER|GROUP)\b/i;

/**
 * A scratch database `<name>_<pid>` and one PGlite (it takes seconds to start) for the suite, made in beforeAll and dropped
 * in afterAll; `twice(sql, setup)` empties each with `reset`, runs `setup` once, then `sql` twice.
 */
export function runTwiceOnBoth(name: string, reset: string): (sql: string, setup?: string) => Promise<TwiceOutcome> {
  const scratch = scratchDatabase(name);
  let pglite: PGlite;
  beforeAll(() => {
    pglite = new PGlite();
  });
  afterAll(() => pglite.close());
  return async (sql, setup = 'SELECT 1') => {
    const run = async (exec: (text: string) => Promise<unknown>) => {
      try {
        for (const text of [reset, setup, sql, sql]) await exec(text);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    };
    const onPostgres = () => run((text) => scratch.client().query(text));
    // Roles are server-wide: SQL that makes or drops them takes turns with other test files' dry-runs, which would
    // report them; the rest need not wait for those runs.
    const postgres = ROLE_SQL.test(`${reset}\n${setup}\n${sql}`) ? await holdingRunLock(scratch.admin(), onPostgres) : await onPostgres();
    return { postgres, pglite: await run((text) => pglite.exec(text)) };
  };
}
