// transaction-unsafe where the runner's own transaction meets a COMMIT or BEGIN in the file: goose sends each query as
// written on its transaction (migration_sql.go), so after the file's COMMIT it runs in autocommit until a BEGIN (goose's
// COMMIT trick); Flyway runs a transactional migration over JDBC with autocommit off, so the driver opens a transaction
// before any statement that finds none (checked by hand with pgjdbc 42.7). Each file is run here on PostgreSQL 15 the
// way that runner sends it.

import type pg from 'pg';
import type { Draft } from '../../src/report/finding.js';
import { transactionUnsafe } from '../../src/rules/transaction-unsafe.js';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { lintFile } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';
import { connectTestServer, scratchDatabase } from '../support/postgres.js';
import { makeTree, removeTree } from '../support/repo.js';

const CIC = 'CREATE INDEX CONCURRENTLY bookings_guest_idx ON bookings (guest);';
const HISTORY = "INSERT INTO history VALUES ('1')";

/** The rule's findings for a goose file whose Up section is `up` (from line 2), as the gate discovers and lints it. */
async function goose(up: string[]): Promise<Pick<Draft, 'line' | 'severity' | 'message' | 'suggestion'>[]> {
  const root = makeTree({ 'db/00001_index.sql': `-- +goose Up\n${up.join('\n')}\n` });
  try {
    const report = await runGate(await resolveOptions({ root, paths: ['db'], preset: 'goose', dryRun: false, all: true }));
    return report.findings.filter((f) => f.rule === 'transaction-unsafe').map(({ line, severity, message, suggestion }) => ({ line, severity, message, suggestion }));
  } finally {
    removeTree(root);
  }
}

/** The rule's drafts for a Flyway migration without a script config file. */
const flyway = (sql: string) => lintFile(transactionUnsafe, sql, { runnerWraps: false }, testOptions({ preset: 'flyway' }));

describe("transaction-unsafe: COMMIT and BEGIN in a file the runner runs in its own transaction", () => {
  const scratch = scratchDatabase('gate_tx_runner');
  const db = scratch.name;
  let client: pg.Client;
  beforeAll(() => {
    client = scratch.client();
  });
  beforeEach(() => client.query('DROP TABLE IF EXISTS bookings, rooms, history; CREATE TABLE bookings (id int, guest text); CREATE TABLE history (v text)'));

  /**
   * `queries` on one session as a runner sends them: goose opens its transaction, sends each, its history row and its
   * COMMIT; Flyway's driver sends BEGIN before any statement that finds no transaction, the history row too. The first
   * error (the runner then rolls back) and the server's warnings.
   */
  async function run(runner: 'goose' | 'flyway', queries: string[]): Promise<{ error: string | null; warnings: string[] }> {
    const session = await connectTestServer(db);
    const warnings: string[] = [];
    session.on('notice', (n) => warnings.push(n.message ?? ''));
    let status = 'I';
    session.connection.on('readyForQuery', (m: { status: string }) => (status = m.status));
    const send = async (q: string) => {
      if (runner === 'flyway' && status === 'I') await session.query('BEGIN');
      await session.query(q);
    };
    let error: string | null = null;
    try {
      if (runner === 'goose') await session.query('BEGIN');
      for (const q of [...queries, HISTORY]) await send(q);
      await session.query('COMMIT');
    } catch (e) {
      error = (e as Error).message;
      await session.query('ROLLBACK');
    }
    await session.end();
    return { error, warnings };
  }

  /** What the run left: the rooms table, the index, the bookings rows, the history row. */
  async function left(): Promise<{ rooms: boolean; index: boolean; bookings: number; recorded: boolean }> {
    const r = await client.query(
      "SELECT to_regclass('rooms') IS NOT NULL AS rooms, to_regclass('bookings_guest_idx') IS NOT NULL AS index, (SELECT count(*)::int FROM bookings) AS bookings, EXISTS (SELECT FROM history) AS recorded",
    );
    return r.rows[0];
  }

  describe("goose's COMMIT trick", () => {
    const trick = ['CREATE TABLE rooms (id int);', 'COMMIT;', CIC, 'BEGIN;', "INSERT INTO bookings VALUES (1, 'a');"];

    test('CREATE INDEX CONCURRENTLY between the file\'s COMMIT and BEGIN runs outside a transaction, and goose commits the rest with its history row: no finding', async () => {
      expect(await goose(trick)).toEqual([]);
      expect(await run('goose', trick)).toEqual({ error: null, warnings: [] });
      expect(await left()).toEqual({ rooms: true, index: true, bookings: 1, recorded: true });
    });

    test('before the COMMIT it is still in goose\'s transaction: an error that names the COMMIT', async () => {
      const early = ['CREATE TABLE rooms (id int);', CIC, 'COMMIT;', 'BEGIN;', "INSERT INTO bookings VALUES (1, 'a');"];
      expect(await goose(early)).toEqual([
        {
          line: 3,
          severity: 'error',
          message: "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and goose runs this file in one: it comes before the COMMIT at line 4 that ends goose's transaction.",
          suggestion: 'Move it after the COMMIT at line 4: goose runs what follows a COMMIT in the file outside any transaction, up to a BEGIN.',
        },
      ]);
      expect((await run('goose', early)).error).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
      expect(await left()).toEqual({ rooms: false, index: false, bookings: 0, recorded: false });
    });

    test('after the BEGIN that reopens a block it fails again: the advice points before that BEGIN', async () => {
      const late = ['COMMIT;', 'BEGIN;', CIC];
      const [d, ...rest] = await goose(late);
      expect(rest).toEqual([]);
      expect(d).toMatchObject({ line: 4, severity: 'error', message: 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and this one runs inside the transaction opened by BEGIN at line 3.' });
      expect(d!.suggestion).toBe('Move it before the BEGIN at line 3: goose runs what follows the COMMIT at line 2 outside any transaction, up to that BEGIN.');
      expect((await run('goose', late)).error).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    });

    test('on one line goose sends the trick as one query, whose implicit transaction CONCURRENTLY refuses', async () => {
      const oneLine = ['CREATE TABLE rooms (id int);', `COMMIT; ${CIC} BEGIN;`];
      const [d, ...rest] = await goose(oneLine);
      expect(rest).toEqual([]);
      expect(d).toMatchObject({ line: 3, severity: 'error', suggestion: 'Put it on a line of its own, ending in `;`: goose then sends it as a query of its own.' });
      expect(d!.message).toMatch(/^CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and goose, which ends a query only at a line whose last word ends in `;`, sends it with the 2 other statement\(s\)/);
      expect((await run('goose', oneLine)).error).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    });

    test('with no BEGIN after the COMMIT, the history row runs outside a transaction and goose\'s COMMIT finds none: a warning that says so', async () => {
      const open = ['CREATE TABLE rooms (id int);', 'COMMIT;', CIC];
      expect(await goose(open)).toEqual([
        {
          line: 3,
          severity: 'warning',
          message:
            'COMMIT at line 3 ends goose\'s transaction, and no BEGIN after it opens another: the 1 statement(s) after it and goose\'s history row run outside any transaction, so goose\'s own COMMIT finds none. PostgreSQL only warns "there is no transaction in progress", which pgx (goose\'s CLI) lets pass, but with lib/pq the commit fails ("unexpected transaction status idle") and goose reports the migration failed though it is applied and recorded.',
          suggestion: 'End the file with `BEGIN;` after the statements that must run outside a transaction: goose then commits that block with its history row.',
        },
      ]);
      // The server: all of it applied and recorded, and goose's COMMIT meets no transaction.
      expect(await run('goose', open)).toEqual({ error: null, warnings: ['there is no transaction in progress'] });
      expect(await left()).toEqual({ rooms: true, index: true, bookings: 0, recorded: true });
    });

    test('an enum value added between the COMMIT and the BEGIN commits at once: using it later is fine', async () => {
      const sql = ["CREATE TYPE mood AS ENUM ('calm');", 'COMMIT;', "ALTER TYPE mood ADD VALUE 'tense';", 'BEGIN;', "SELECT 'tense'::mood;"];
      expect(await goose(sql)).toEqual([]);
      expect(await run('goose', sql)).toEqual({ error: null, warnings: [] });
      await client.query('DROP TYPE mood');
    });
  });

  describe("Flyway's JDBC transaction", () => {
    test('BEGIN with no COMMIT only meets the transaction the driver opened: PostgreSQL warns, and Flyway commits it all', async () => {
      for (const sql of ["BEGIN;\nCREATE TABLE rooms (id int);\nINSERT INTO bookings VALUES (1, 'a');\n", "CREATE TABLE rooms (id int);\nBEGIN;\nINSERT INTO bookings VALUES (1, 'a');\n"]) {
        expect(await flyway(sql)).toEqual([]);
        expect(await run('flyway', sql.trim().split('\n'))).toEqual({ error: null, warnings: ['there is already a transaction in progress'] });
        expect(await left()).toEqual({ rooms: true, index: false, bookings: 1, recorded: true });
        await client.query('DROP TABLE rooms; TRUNCATE bookings, history');
      }
      // A COMMIT that closes it at the end commits the file a moment before Flyway would: nothing to say either.
      expect(await flyway("BEGIN;\nCREATE TABLE rooms (id int);\nCOMMIT;\n")).toEqual([]);
    });

    test('a COMMIT in the middle commits what came before: the driver opens a new transaction for the rest, so a failure there leaves the file half-applied', async () => {
      const sql = "CREATE TABLE rooms (id int);\nCOMMIT;\nINSERT INTO bookings VALUES ('not a number', 'a');\n";
      expect(await flyway(sql)).toEqual([
        {
          rule: 'transaction-unsafe',
          file: 'migrations/001_test.sql',
          line: 2,
          column: 1,
          severity: 'warning',
          message:
            "COMMIT at line 2 ends Flyway's transaction in the middle of the file: the JDBC driver opens a new one for the 1 statement(s) after it, so a failure there leaves the statements before it committed and the migration unrecorded.",
          suggestion: 'Remove it: Flyway commits the migration as a whole. If part of the file must be committed first, move that part to a migration of its own.',
        },
      ]);
      expect(await run('flyway', sql.trim().split('\n'))).toEqual({ error: 'invalid input syntax for type integer: "not a number"', warnings: [] });
      expect(await left()).toEqual({ rooms: true, index: false, bookings: 0, recorded: false });
    });
  });
});
