// Runs a migration file twice in a row on the local server and on PGlite, as a retried deploy would: the
// non-idempotent suites prove each finding (the second run fails) and each fix (it does not) on both engines.

import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { connectTestServer } from './postgres.js';

/** Each engine's error message on the second (or first) run, or null when both runs pass. */
export interface TwiceOutcome {
  postgres: string | null;
  pglite: string | null;
}

/** The same outcome on both engines. */
export const both = (message: string | null): TwiceOutcome => ({ postgres: message, pglite: message });

/**
 * A scratch database named `name` and one PGlite (it takes seconds to start) for the suite, made in beforeAll and dropped
 * in afterAll; `twice(sql, setup)` empties each with `reset`, runs `setup` once, then `sql` twice.
 */
export function runTwiceOnBoth(name: string, reset: string): (sql: string, setup?: string) => Promise<TwiceOutcome> {
  const db = `${name}_${process.pid}`;
  let admin: pg.Client;
  let client: pg.Client;
  let pglite: PGlite;
  beforeAll(async () => {
    admin = await connectTestServer();
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    client = await connectTestServer(db);
    pglite = new PGlite();
  });
  afterAll(async () => {
    await client.end();
    await pglite.close();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  });
  return async (sql, setup = 'SELECT 1') => {
    const run = async (exec: (text: string) => Promise<unknown>) => {
      try {
        for (const text of [reset, setup, sql, sql]) await exec(text);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    };
    return { postgres: await run((text) => client.query(text)), pglite: await run((text) => pglite.exec(text)) };
  };
}
