// transaction-unsafe: what the rule flags is what PostgreSQL 15 refuses, checked on the real server.

import type pg from 'pg';
import { transactionUnsafe } from '../../src/rules/transaction-unsafe.js';
import { applyFixes, lintFile } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';
import { connectTestServer } from '../support/postgres.js';

const wrapped = (sql: string, preset: Parameters<typeof testOptions>[0] = {}) =>
  lintFile(transactionUnsafe, sql, { transactional: true, runnerWraps: true }, testOptions(preset));
/** A runner that sends the file as one query: no explicit transaction, but an implicit one around several statements. */
const unwrapped = (sql: string) => lintFile(transactionUnsafe, sql, { transactional: true, runnerWraps: false });
/** A file that opts out of transactions (goose NO TRANSACTION): its statements run one by one. */
const optedOut = (sql: string) => lintFile(transactionUnsafe, sql, { transactional: false, runnerWraps: false });

describe('transaction-unsafe', () => {
  let admin: pg.Client;
  let client: pg.Client;
  const db = `gate_tx_${process.pid}`;
  beforeAll(async () => {
    admin = await connectTestServer();
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    client = await connectTestServer(db);
    await client.query(`CREATE TABLE bookings (id int PRIMARY KEY, guest text);
CREATE MATERIALIZED VIEW booking_counts AS SELECT count(*) AS n FROM bookings;
CREATE UNIQUE INDEX ON booking_counts (n);
CREATE TYPE room_kind AS ENUM ('single');`);
  });
  afterAll(async () => {
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  });

  /** Sends `sql` as one query (an implicit transaction, as golang-migrate or Supabase do); the error or null. */
  async function runAsOneQuery(sql: string): Promise<string | null> {
    try {
      await client.query(sql);
      return null;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      return (e as Error).message;
    }
  }

  test('CREATE INDEX CONCURRENTLY inside the file\'s own BEGIN/COMMIT names the BEGIN, and the server agrees', async () => {
    const sql = 'BEGIN;\nALTER TABLE bookings ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY idx_bookings_guest ON bookings (guest);\nCOMMIT;';
    const drafts = await unwrapped(sql);
    expect(drafts).toHaveLength(1);
    expect([drafts[0]!.line, drafts[0]!.column]).toEqual([3, 1]);
    expect(drafts[0]!.message).toBe(
      'CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and this one runs inside the transaction opened by BEGIN at line 1.',
    );
    expect(await runAsOneQuery(sql)).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
  });

  test('in a file the runner wraps, the suggestion is the runner\'s own way out', async () => {
    const [goose] = await wrapped('CREATE INDEX CONCURRENTLY idx_b ON bookings (guest);', { preset: 'goose' });
    expect(goose!.message).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and the runner (preset goose) runs this file in one.');
    expect(goose!.suggestion).toBe('Move it to a migration of its own with `-- +goose NO TRANSACTION` at the top.');
    const [dbmate] = await wrapped('DROP INDEX CONCURRENTLY idx_b;', { preset: 'dbmate' });
    expect(dbmate!.suggestion).toContain('-- migrate:up transaction:false');
  });

  test('alone in a file nobody wraps it is fine; mixed with other statements it fails when sent as one query', async () => {
    expect(await unwrapped('CREATE INDEX CONCURRENTLY idx_alone ON bookings (id, guest);')).toEqual([]);
    expect(await optedOut('CREATE INDEX CONCURRENTLY idx_a ON bookings (id);\nCREATE INDEX CONCURRENTLY idx_b ON bookings (guest);')).toEqual([]);
    const mixed = 'ALTER TABLE bookings ADD COLUMN IF NOT EXISTS room int;\nCREATE INDEX CONCURRENTLY idx_room ON bookings (room);';
    const [d] = await unwrapped(mixed);
    expect(d!.line).toBe(2);
    expect(d!.message).toContain('this file has 1 other statement(s), and a runner that sends the file as one query');
    expect(await runAsOneQuery(mixed)).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    for (const statement of mixed.split('\n')) expect(await runAsOneQuery(statement)).toBeNull();
  });

  test('every statement it names is refused in a transaction; REFRESH ... CONCURRENTLY and ADD VALUE are not', async () => {
    const refused = [
      'VACUUM bookings',
      "ALTER SYSTEM SET work_mem = '8MB'",
      `CREATE DATABASE ${db}_x`,
      `DROP DATABASE IF EXISTS ${db}_x`,
      'REINDEX TABLE CONCURRENTLY bookings',
      'DISCARD ALL',
      'CLUSTER',
      `ALTER DATABASE ${db} SET TABLESPACE pg_default`,
    ];
    for (const statement of refused) {
      const drafts = await wrapped(`${statement};`);
      expect(drafts).toHaveLength(1);
      expect(await runAsOneQuery(`BEGIN; ${statement}; COMMIT;`)).toMatch(/cannot run inside a transaction block/);
    }
    const allowed = [
      'REFRESH MATERIALIZED VIEW CONCURRENTLY booking_counts',
      "ALTER TYPE room_kind ADD VALUE IF NOT EXISTS 'double'",
      'ANALYZE bookings',
      'CLUSTER bookings USING bookings_pkey',
    ];
    for (const statement of allowed) {
      expect(await wrapped(`${statement};`)).toEqual([]);
      expect(await runAsOneQuery(`BEGIN; ${statement}; COMMIT;`)).toBeNull();
    }
  });

  test('inside a DO block it always fails: a function body runs in a transaction', async () => {
    const sql = 'DO $$ BEGIN VACUUM bookings; END $$;';
    const [d] = await unwrapped(sql);
    expect(d!.message).toBe('VACUUM cannot be executed from a DO block: a function body always runs inside a transaction.');
    expect(await runAsOneQuery(sql)).toBe('VACUUM cannot be executed from a function');
  });

  test('BEGIN without COMMIT: the session end rolls the file back; the fix adds COMMIT and the change is kept', async () => {
    const sql = '-- 20240101000000_create_chat_tables.sql\nBEGIN;\n\nCREATE TABLE conversations (id uuid PRIMARY KEY);\nCREATE INDEX idx_conversations_id ON conversations (id);';
    const [d] = await unwrapped(sql);
    expect([d!.line, d!.column]).toEqual([2, 1]);
    expect(d!.message).toContain('BEGIN at line 2 has no COMMIT');
    expect(d!.fix).toEqual({ line: 5, endLine: 5, replacement: 'CREATE INDEX idx_conversations_id ON conversations (id);\nCOMMIT;' });

    const runAndDisconnect = async (text: string) => {
      const session = await connectTestServer(db);
      await session.query(text);
      await session.end();
      const r = await client.query("SELECT to_regclass('conversations') IS NOT NULL AS kept");
      await client.query('DROP TABLE IF EXISTS conversations');
      return r.rows[0].kept as boolean;
    };
    expect(await runAndDisconnect(sql)).toBe(false);
    expect(await runAndDisconnect(applyFixes(sql, [d!]))).toBe(true);
    expect(await unwrapped(applyFixes(sql, [d!]))).toEqual([]);
  });

  test('a new enum value used in the transaction that adds it: the server refuses it, the rule names the line that added it', async () => {
    const sql = "ALTER TYPE room_kind ADD VALUE 'suite';\nCREATE TABLE rooms (id int, kind room_kind NOT NULL DEFAULT 'suite');\n";
    expect(await runAsOneQuery(sql)).toBe('unsafe use of new value "suite" of enum type room_kind');
    const [use, ...rest] = await unwrapped(sql);
    expect(rest).toEqual([]);
    expect(use).toMatchObject({ line: 2, column: 1 });
    expect(use!.severity).toBeUndefined();
    expect(use!.message).toBe(
      "'suite' is the room_kind value that ALTER TYPE ... ADD VALUE at line 1 adds in the same transaction: PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04).",
    );
    expect(use!.suggestion).toBe("Move ALTER TYPE room_kind ADD VALUE 'suite' to a migration of its own that runs before this one, so that it commits first.");
    expect(await wrapped(sql, { preset: 'supabase' })).toHaveLength(1);
    // Statement by statement (goose NO TRANSACTION, psql -f), each commits before the next: fine.
    expect(await optedOut(sql)).toEqual([]);

    // A bare literal may be compared with a column of the type, or be plain text: a warning that says so.
    const [maybe] = await unwrapped("ALTER TYPE room_kind ADD VALUE 'family';\nUPDATE bookings SET guest = 'family' WHERE id = 0;\n");
    expect(maybe!.severity).toBe('warning');
    expect(maybe!.message).toMatch(/^If 'family' here is a room_kind value, it is the one ALTER TYPE \.\.\. ADD VALUE at line 1 adds/);

    // Not even a type created in the same transaction can use a value ADD VALUE gives it; a COMMIT in between can.
    const fresh = "CREATE TYPE bed AS ENUM ('single');\nALTER TYPE bed ADD VALUE 'double';\nSELECT 'double'::bed;\n";
    expect(await runAsOneQuery(fresh)).toBe('unsafe use of new value "double" of enum type bed');
    expect(await unwrapped(fresh)).toMatchObject([{ line: 3, message: expect.stringMatching(/^'double' is the bed value/) }]);
    const committed = "BEGIN;\nALTER TYPE room_kind ADD VALUE 'twin';\nCOMMIT;\nSELECT 'twin'::room_kind;\n";
    expect(await unwrapped(committed)).toEqual([]);
  });

  test('Supabase runs CONCURRENTLY, VACUUM and ALTER SYSTEM on their own: fine alone, a split transaction beside others', async () => {
    const supabase = (sql: string) => wrapped(sql, { preset: 'supabase' });
    // Its own file: the CLI (2.109+) flushes the batch and runs the statement by itself, as written.
    expect(await supabase('CREATE INDEX CONCURRENTLY bookings_guest ON bookings (guest);\n')).toEqual([]);
    expect(await supabase('DROP INDEX CONCURRENTLY IF EXISTS bookings_guest;\n')).toEqual([]);
    // The same statement in a wrapping runner without that step is still an error.
    expect(await wrapped('CREATE INDEX CONCURRENTLY bookings_guest ON bookings (guest);\n', { preset: 'dbmate' })).toMatchObject([{ line: 1 }]);

    const [split, ...rest] = await supabase('ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\nCREATE INDEX CONCURRENTLY bookings_note ON bookings (note);\n');
    expect(rest).toEqual([]);
    expect(split).toMatchObject({ line: 2, severity: 'warning', suggestion: 'Move it to a migration file of its own with no other statements.' });
    expect(split!.message).toBe(
      "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, so the runner (preset supabase) runs it on its own, outside the transaction of the file's 1 other statement(s): the file no longer applies all or nothing, and a failure after it leaves the file half-applied and unrecorded. Supabase CLIs before 2.109 refuse it in a migration (SQLSTATE 25001).",
    );

    // What the CLI does not take out of the batch fails in it, alone or not: not a migration at all.
    const [database] = await supabase('CREATE DATABASE analytics;\n');
    expect(database).toMatchObject({ line: 1, message: 'CREATE DATABASE cannot run inside a transaction block, and the runner (preset supabase) runs this file in one.' });
    expect(database!.severity).toBeUndefined();
    expect(database!.suggestion).toBe(
      'The runner takes only CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM, ALTER SYSTEM out of a file\'s transaction: run this statement outside the migrations (e.g. with psql).',
    );
  });

  test("seed 004's BEGIN/COMMIT files: fine under psql, redundant in a wrapped runner, harmful when COMMIT comes early", async () => {
    const sql = 'BEGIN;\n\nCREATE TABLE IF NOT EXISTS new_table (id uuid PRIMARY KEY);\nALTER TABLE new_table ENABLE ROW LEVEL SECURITY;\n\nCOMMIT;\n';
    expect(await unwrapped(sql)).toEqual([]);
    const [begin, commit] = await wrapped(sql, { preset: 'supabase' });
    expect(begin!.severity).toBe('warning');
    expect(begin!.message).toContain('there is already a transaction in progress');
    expect(begin!.fix).toEqual({ line: 1, endLine: 1, replacement: '' });
    expect(commit!.line).toBe(6);
    expect(commit!.fix).toEqual({ line: 6, endLine: 6, replacement: '' });

    const early = 'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);';
    const drafts = await wrapped(early);
    const commitEarly = drafts.find((x) => x.line === 3)!;
    expect(commitEarly.severity).toBeUndefined();
    expect(commitEarly.message).toBe(
      "COMMIT at line 3 ends the runner's transaction in the middle of the file: the 1 statement(s) after it run outside any transaction, so a failure there leaves the migration half-applied and unrecorded.",
    );
  });

  test('COMMIT without BEGIN and a nested BEGIN are warnings in an unwrapped file', async () => {
    const drafts = await unwrapped('COMMIT;\nBEGIN;\nSTART TRANSACTION;\nCOMMIT;');
    expect(drafts.map((d) => [d.line, d.severity, d.message.split(':')[0]])).toEqual([
      [1, 'warning', 'COMMIT without a BEGIN before it'],
      [3, 'warning', 'START TRANSACTION while the transaction opened at line 2 is still open'],
    ]);
  });
});
