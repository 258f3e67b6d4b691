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
  const url = new URL(database ? testDatabaseUrl(database) : TEST_DATABASE_URL);
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

/** The test server's URL for `database`. */
export function testDatabaseUrl(database: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A database of its own on the test server, and a client connected to it. */
export interface ScratchDatabase {
  name: string;
  url: string;
  client: pg.Client;
  /** Ends the client, then drops the database, connections and all. */
  drop(): Promise<void>;
}

/** Runs `use` on a connection of its own to the test server's default database, ended afterwards. */
async function asAdmin(use: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = await connectTestServer();
  try {
    await use(admin);
  } finally {
    await admin.end();
  }
}

/** Makes database `name` (dropping a leftover of that name a killed run left) and connects a client to it. */
export async function createScratchDatabase(name: string): Promise<ScratchDatabase> {
  await asAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  });
  const client = await connectTestServer(name);
  return {
    name,
    url: testDatabaseUrl(name),
    client,
    async drop() {
      await client.end().catch(() => undefined);
      await asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * A scratch database `<prefix>_<pid>` on the test server for the enclosing describe block: made before its tests and
 * dropped after them, connections and all. `client()` is connected to it for the block; `admin()` is a connection to
 * the server's default database, for databases a test makes of its own.
 */
export function scratchDatabase(prefix: string): { name: string; url: string; client: () => pg.Client; admin: () => pg.Client } {
  const name = `${prefix}_${process.pid}`;
  let admin: pg.Client;
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    admin = await connectTestServer();
    scratch = await createScratchDatabase(name);
  });
  afterAll(async () => {
    await scratch.drop();
    await admin.end();
  });
  return { name, url: testDatabaseUrl(name), client: () => scratch.client, admin: () => admin };
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
 * Runs `use` holding the url engine's run lock on `admin`, a connection to the test server's default database (the
 * engine's maintenance database): runs take turns under it, so a dry-run in another test file does not see the roles,
 * memberships or settings `use` changes come or go while it runs, and report them as changes it cannot account for.
 */
export async function holdingRunLock<T>(admin: pg.Client, use: () => Promise<T>): Promise<T> {
  await admin.query(runLockSql('pg_advisory_lock'));
  try {
    return await use();
  } finally {
    await admin.query(runLockSql('pg_advisory_unlock'));
  }
}

/** Runs server-wide SQL (roles, memberships, database settings) under the url engine's run lock, on a connection of its own. */
export function serverWide(...statements: string[]): Promise<void> {
  return asAdmin((admin) =>
    holdingRunLock(admin, async () => {
      for (const sql of statements) await admin.query(sql);
    }),
  );
}
