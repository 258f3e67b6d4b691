// The real PostgreSQL server the database tests run against: .ci/run installs and starts it and
// exports its URL. Locally the same default works once the Debian cluster is started.
// These tests never skip: without a server they fail, with a message saying how to start one.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { runLockSql } from '../../src/dryrun/url-engine.js';

export const TEST_DATABASE_URL =
  process.env.MIGRATION_GATE_TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/** Connects to the test server or throws an error that says how to get one. */
export async function connectTestServer(database?: string): Promise<pg.Client> {
  const url = new URL(TEST_DATABASE_URL);
  if (database) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `These tests need a PostgreSQL server at ${url.host} (set MIGRATION_GATE_TEST_DATABASE_URL, or run .ci/run ` +
        `which installs and starts one): ${(e as Error).message}`,
    );
  }
  return client;
}

/**
 * A scratch database `<prefix>_<pid>` on the test server for the enclosing describe block: made before its tests and
 * dropped after them, connections and all. `admin()` is the connection that made it, for databases a test makes of its own.
 */
export function scratchDatabase(prefix: string): { name: string; admin: () => pg.Client } {
  const name = `${prefix}_${process.pid}`;
  let admin: pg.Client;
  beforeAll(async () => {
    admin = await connectTestServer();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return { name, admin: () => admin };
}

/** A client program installed with the server (pg_dump, pgbench): Debian keeps them per major version, off the PATH. */
export function postgresBinary(name: string): string {
  const majors = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  return majors.map((m) => `/usr/lib/postgresql/${m}/bin/${name}`).find((p) => existsSync(p)) ?? name;
}

/** A schema-and-data dump of a database, to prove a run left it byte-for-byte unchanged. */
export function dumpDatabase(url: string): string {
  // A fixed restrict key: pg_dump 15.14+ prints a random one per run otherwise.
  return execFileSync(postgresBinary('pg_dump'), ['--no-owner', '--restrict-key=migrationgate', url], { encoding: 'utf8' });
}

/**
 * Runs server-wide SQL (roles, memberships, database settings) under the url engine's run lock: a dry-run in another test file would
 * otherwise see the role come or go while it ran and rightly report it as a change it cannot account for.
 */
export async function serverWide(...statements: string[]): Promise<void> {
  const admin = await connectTestServer();
  try {
    await admin.query(runLockSql('pg_advisory_lock'));
    for (const sql of statements) await admin.query(sql);
  } finally {
    // Ending the session releases the lock.
    await admin.end();
  }
}
