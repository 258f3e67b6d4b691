// transaction-unsafe under the Supabase CLI as it runs a file today (legacy-migration-apply.ts): the file's statements and
// its history row as one pipeline bracketed in BEGIN and COMMIT (supabase/cli#6354), with what PostgreSQL refuses in a
// transaction run on its own (legacyIsPipelineIncompatible), and a file holding its own BEGIN, COMMIT or ROLLBACK run as
// written, one statement at a time (legacyHasTransactionControl); and COMMIT or ROLLBACK AND CHAIN under any runner.
// Each claim is checked on PostgreSQL 15, sending the statements the way the runner does.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { PresetName } from '../../src/options.js';
import { PRESET_TABLE } from '../../src/config/presets.js';
import { transactionUnsafe } from '../../src/rules/transaction-unsafe.js';
import { lintFile } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';
import { postgresBinary, scratchDatabase } from '../support/postgres.js';

/** The rule's drafts for `sql` under `preset`, wrapped when the preset's runner wraps a file. */
const lint = (sql: string, preset: PresetName = 'supabase') =>
  lintFile(transactionUnsafe, sql, { runnerWraps: PRESET_TABLE[preset].wrapsInTransaction }, testOptions({ preset }));

const HISTORY = 'INSERT INTO history VALUES (1)';

describe('transaction-unsafe under the Supabase CLI, and AND CHAIN', () => {
  const scratch = scratchDatabase('gate_tx_supabase');
  let client: pg.Client;
  beforeAll(() => {
    client = scratch.client();
  });
  beforeEach(() => client.query("DROP TABLE IF EXISTS bookings, history, t_a, t_b, t_next; DROP TYPE IF EXISTS mood; CREATE TABLE bookings (id int, guest text); CREATE TABLE history (v int); CREATE TYPE mood AS ENUM ('ok')"));

  /**
   * Sends `parts` on one session over the extended protocol (pgbench -M extended): a string as a statement of its own,
   * a list as one pipeline with one Sync, as the CLI sends a batch. The first error and the warnings.
   */
  function send(...parts: (string | string[])[]): { error: string | null; warnings: string[] } {
    const dir = mkdtempSync(join(tmpdir(), 'gate-supabase-'));
    const script = join(dir, 'file.sql');
    writeFileSync(script, parts.map((p) => (typeof p === 'string' ? `${p};` : ['\\startpipeline', ...p.map((s) => `${s};`), '\\endpipeline'].join('\n'))).join('\n'));
    const run = spawnSync(postgresBinary('pgbench'), ['-n', '-M', 'extended', '-t', '1', '-f', script, scratch.url], { encoding: 'utf8' });
    rmSync(dir, { recursive: true });
    if (run.error) throw new Error(`These tests send pipelines with pgbench, which comes with the PostgreSQL server: ${run.error.message}`);
    const output = `${run.stdout}${run.stderr}`;
    return { error: /ERROR:\s+(.+)/.exec(output)?.[1] ?? null, warnings: [...output.matchAll(/WARNING:\s+(.+)/g)].map((m) => m[1]!) };
  }

  /** Which of `tables` exist now, and whether the history row is there. */
  async function kept(...tables: string[]): Promise<string[]> {
    const r = await client.query<{ t: string }>(
      "SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL UNION ALL SELECT 'history row' FROM history ORDER BY 1",
      [tables],
    );
    return r.rows.map((row) => row.t);
  }

  test('what PostgreSQL refuses in a transaction block the CLI runs on its own: CREATE DATABASE, REINDEX SCHEMA, DISCARD ALL, ... alone are fine', async () => {
    for (const sql of [
      'CREATE DATABASE analytics',
      'DROP DATABASE IF EXISTS analytics',
      'CREATE TABLESPACE cold LOCATION \'/mnt/cold\'',
      'DROP TABLESPACE cold',
      'REINDEX SCHEMA public',
      'REINDEX (VERBOSE) DATABASE app',
      'REINDEX SYSTEM app',
      'DISCARD ALL',
      'ALTER DATABASE app SET TABLESPACE cold',
      'ALTER TABLE bookings DETACH PARTITION bookings_2024 CONCURRENTLY',
      "CREATE SUBSCRIPTION sub CONNECTION 'dbname=app' PUBLICATION pub",
      'DROP SUBSCRIPTION sub',
      'ALTER SUBSCRIPTION sub REFRESH PUBLICATION',
    ]) {
      expect([sql, await lint(`${sql};\n`)]).toEqual([sql, []]);
    }
    // In the batch's transaction block it fails; the CLI sends it as a statement of its own, where it runs.
    expect(send(['BEGIN', 'REINDEX SCHEMA public', HISTORY, 'COMMIT']).error).toBe('REINDEX SCHEMA cannot run inside a transaction block');
    expect(send('REINDEX SCHEMA public', ['BEGIN', HISTORY, 'COMMIT']).error).toBeNull();
    expect(await kept()).toEqual(['history row']);
  });

  test('beside other statements such a statement splits the file, and the warning says since when the CLI does it', async () => {
    const [split, ...rest] = await lint('CREATE TABLE t_a (id int);\nREINDEX SCHEMA public;\nCREATE TABLE t_b (id int);\n');
    expect(rest).toEqual([]);
    expect(split).toMatchObject({ line: 2, severity: 'warning', suggestion: 'Move it to a migration of its own, with no other statements.' });
    expect(split!.message).toBe(
      "REINDEX SCHEMA cannot run inside a transaction block, so the Supabase CLI runs it on its own, outside the transaction of the file's 2 other statement(s): the file no longer applies all or nothing, and a failure after it leaves the file half-applied and unrecorded. Supabase CLIs before the fix of supabase/cli#6347 refuse it in a migration (SQLSTATE 25001).",
    );
    // The CLI commits the batch before it: a failure after it keeps t_a and records nothing.
    expect(send(['BEGIN', 'CREATE TABLE t_a (id int)', 'COMMIT'], 'REINDEX SCHEMA public', ['BEGIN', 'CREATE TABLE t_b (id int)', 'SELECT 1/0', HISTORY, 'COMMIT']).error).toBe('division by zero');
    expect(await kept('t_a', 't_b')).toEqual(['t_a']);

    // DROP SUBSCRIPTION needs it only while the subscription has a replication slot; FINALIZE may run in a transaction,
    // but the CLI's pattern takes it out all the same.
    const [drop] = await lint('CREATE TABLE t_a (id int);\nDROP SUBSCRIPTION sub;\n');
    expect(drop!.message).toMatch(/^DROP SUBSCRIPTION of a subscription with a replication slot cannot run inside a transaction block, so the Supabase CLI runs it on its own/);
    const [finalize] = await lint('CREATE TABLE t_a (id int);\nALTER TABLE bookings DETACH PARTITION bookings_2024 FINALIZE;\n');
    expect(finalize!.message).toMatch(/^The Supabase CLI runs every ALTER TABLE \.\.\. DETACH PARTITION \.\.\. CONCURRENTLY or FINALIZE statement, this one too though it could run in a transaction, on its own/);
    // Statements the CLI keeps in the batch, where PostgreSQL refuses them, are still errors.
    expect((await lint('REINDEX (CONCURRENTLY) TABLE bookings;\n'))[0]!.message).toBe('REINDEX CONCURRENTLY cannot run inside a transaction block, and the Supabase CLI runs this file in one.');
  });

  test('ALTER SUBSCRIPTION ... REFRESH PUBLICATION, and SET PUBLICATION unless refresh = false, cannot run in a transaction block', async () => {
    const [refresh] = await lint('ALTER SUBSCRIPTION sub REFRESH PUBLICATION;\n', 'dbmate');
    expect(refresh!.message).toBe('ALTER SUBSCRIPTION ... REFRESH cannot run inside a transaction block, and dbmate runs this file in one.');
    expect((await lint('ALTER SUBSCRIPTION sub SET PUBLICATION pub;\n', 'dbmate'))[0]!.message).toMatch(/^ALTER SUBSCRIPTION with refresh cannot run/);
    expect(await lint('ALTER SUBSCRIPTION sub SET PUBLICATION pub WITH (refresh = false);\n', 'dbmate')).toEqual([]);
    await client.query("CREATE SUBSCRIPTION sub CONNECTION 'host=127.0.0.1 port=1 dbname=none' PUBLICATION pub WITH (connect = false); ALTER SUBSCRIPTION sub ENABLE");
    try {
      expect(send('BEGIN', 'ALTER SUBSCRIPTION sub REFRESH PUBLICATION', 'COMMIT').error).toBe('ALTER SUBSCRIPTION ... REFRESH cannot run inside a transaction block');
    } finally {
      await client.query('ALTER SUBSCRIPTION sub DISABLE; ALTER SUBSCRIPTION sub SET (slot_name = NONE); DROP SUBSCRIPTION sub');
    }
  });

  test('after a statement run on its own the next batch is a new transaction: a value added before it may be used after it', async () => {
    const sql = "ALTER TYPE mood ADD VALUE 'glad';\nVACUUM bookings;\nINSERT INTO bookings (id, guest) SELECT 1, 'glad'::mood::text;\n";
    expect((await lint(sql)).map((d) => [d.line, d.severity])).toEqual([[2, 'warning']]);
    expect(send(['BEGIN', "ALTER TYPE mood ADD VALUE 'glad'", 'COMMIT'], 'VACUUM bookings', ['BEGIN', "INSERT INTO bookings (id, guest) SELECT 1, 'glad'::mood::text", HISTORY, 'COMMIT']).error).toBeNull();
  });

  test('the batch is a transaction block since supabase/cli#6354: LOCK and SAVEPOINT pass (2.115 and 2.116 refused them)', async () => {
    const sql = 'LOCK TABLE bookings IN ACCESS EXCLUSIVE MODE;\nSAVEPOINT before_note;\nALTER TABLE bookings ADD COLUMN note text;\n';
    expect(await lint(sql)).toEqual([]);
    const statements = ['LOCK TABLE bookings IN ACCESS EXCLUSIVE MODE', 'SAVEPOINT before_note', 'ALTER TABLE bookings ADD COLUMN note text', HISTORY];
    expect(send(['BEGIN', ...statements, 'COMMIT']).error).toBeNull();
    expect(send(statements).error).toBe('LOCK TABLE can only be used in transaction blocks');
  });

  describe('a file holding its own BEGIN, COMMIT or ROLLBACK runs as written, one statement at a time', () => {
    test('a ROLLBACK with no BEGIN discards nothing: each statement has committed, and the server only warns', async () => {
      const [rollback, ...rest] = await lint('CREATE TABLE t_a (id int);\nROLLBACK;\n');
      expect(rest).toEqual([]);
      expect(rollback).toMatchObject({ line: 2, severity: 'warning' });
      expect(rollback!.message).toBe(
        'ROLLBACK without a BEGIN before it: there is no transaction in progress, so it only raises a warning and rolls back nothing, and it makes the Supabase CLI run this file as written, one statement at a time with no transaction of its own, so a failure leaves the file half-applied and unrecorded.',
      );
      expect(send('CREATE TABLE t_a (id int)', 'ROLLBACK', HISTORY)).toEqual({ error: null, warnings: ['there is no transaction in progress'] });
      expect(await kept('t_a')).toEqual(['history row', 't_a']);
    });

    test('a value added outside BEGIN ... COMMIT has committed: using it later in the file is fine', async () => {
      const sql = "ALTER TYPE mood ADD VALUE 'glad';\nBEGIN;\nINSERT INTO bookings (id, guest) SELECT 1, 'glad'::mood::text;\nCOMMIT;\n";
      expect((await lint(sql)).filter((d) => d.message.includes('55P04'))).toEqual([]);
      expect(send("ALTER TYPE mood ADD VALUE 'glad'", 'BEGIN', "INSERT INTO bookings (id, guest) SELECT 1, 'glad'::mood::text", 'COMMIT', HISTORY).error).toBeNull();
    });

    test('what needs a transaction block fails outside BEGIN ... COMMIT; what refuses one runs after the COMMIT', async () => {
      const sql = 'LOCK TABLE bookings;\nBEGIN;\nALTER TABLE bookings ADD COLUMN note text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY bookings_note ON bookings (note);\n';
      const drafts = await lint(sql);
      const lock = drafts.find((d) => d.line === 1)!;
      expect(lock.severity).toBeUndefined();
      expect(lock.message).toBe(
        'LOCK TABLE can only be used in transaction blocks, and the Supabase CLI runs a file that holds BEGIN, COMMIT or ROLLBACK as written, one statement at a time, and this one runs outside any transaction: PostgreSQL refuses it (SQLSTATE 25P01).',
      );
      expect(drafts.some((d) => d.line === 5)).toBe(false);
      expect(send('LOCK TABLE bookings').error).toBe('LOCK TABLE can only be used in transaction blocks');
      expect(send('BEGIN', 'ALTER TABLE bookings ADD COLUMN note text', 'COMMIT', 'CREATE INDEX CONCURRENTLY bookings_note ON bookings (note)', HISTORY).error).toBeNull();
    });

    test('a BEGIN that nothing closes keeps the file and its history row only if a later migration commits them', async () => {
      const sql = 'CREATE TABLE t_a (id int);\nBEGIN;\nCREATE TABLE t_b (id int);\n';
      const [open, ...rest] = await lint(sql);
      expect(rest).toEqual([]);
      expect(open).toMatchObject({ line: 2, suggestion: 'Remove the BEGIN: the Supabase CLI then applies the file and its history row as one transaction.', fix: { line: 2, endLine: 2, replacement: '' } });
      expect(open!.severity).toBeUndefined();
      expect(open!.message).toBe(
        'BEGIN at line 2 has no COMMIT: the Supabase CLI runs a file holding it as written, with no transaction of its own, so the transaction stays open after the file and the Supabase CLI records the migration inside it. Only a later migration\'s COMMIT on that connection keeps it: applied last, the file and its history row are rolled back when the Supabase CLI disconnects, while the Supabase CLI reports success.',
      );
      const file = ['CREATE TABLE t_a (id int)', 'BEGIN', 'CREATE TABLE t_b (id int)', HISTORY];
      expect(send(...file).error).toBeNull();
      expect(await kept('t_a', 't_b')).toEqual(['t_a']);
      await client.query('DROP TABLE t_a');
      // The next file's batch: its BEGIN only warns, its COMMIT commits the open transaction with it.
      expect(send(...file, ['BEGIN', 'CREATE TABLE t_next (id int)', 'COMMIT'])).toEqual({ error: null, warnings: ['there is already a transaction in progress'] });
      expect(await kept('t_a', 't_b', 't_next')).toEqual(['history row', 't_a', 't_b', 't_next']);
    });
  });

  describe('COMMIT and ROLLBACK AND CHAIN open the next transaction at once', () => {
    test('outside a transaction block PostgreSQL refuses them, an implicit transaction too', async () => {
      const [supabase] = await lint('CREATE TABLE t_a (id int);\nCOMMIT AND CHAIN;\n');
      expect(supabase).toMatchObject({ line: 2, suggestion: 'Write COMMIT without AND CHAIN, or put it after a BEGIN.' });
      expect(supabase!.message).toBe(
        'COMMIT AND CHAIN can only be used in transaction blocks, and the Supabase CLI runs a file that holds BEGIN, COMMIT or ROLLBACK as written, one statement at a time, and this one runs outside any transaction: PostgreSQL refuses it (SQLSTATE 25P01).',
      );
      expect(send('CREATE TABLE t_a (id int)', 'COMMIT AND CHAIN').error).toBe('COMMIT AND CHAIN can only be used in transaction blocks');

      // Sent as one query (golang-migrate), it is no rollback of the implicit transaction: the query fails.
      const [golang, ...rest] = await lint('CREATE TABLE t_b (id int);\nROLLBACK AND CHAIN;\n', 'golang-migrate');
      expect(rest).toEqual([]);
      expect(golang!.message).toBe(
        'ROLLBACK AND CHAIN can only be used in transaction blocks, and golang-migrate sends the file as one query (unless x-multi-statement is on), which PostgreSQL runs in an implicit transaction, not a transaction block: PostgreSQL refuses it (SQLSTATE 25P01).',
      );
      await expect(client.query('CREATE TABLE t_b (id int); ROLLBACK AND CHAIN')).rejects.toThrow('ROLLBACK AND CHAIN can only be used in transaction blocks');
      expect(await kept('t_a', 't_b')).toEqual(['t_a']);
    });

    test('BEGIN ... COMMIT AND CHAIN at the end leaves a transaction open', async () => {
      const sql = 'BEGIN;\nCREATE TABLE t_a (id int);\nCOMMIT AND CHAIN;\n';
      const [generic] = await lint(sql, 'generic');
      expect(generic).toMatchObject({ line: 3, suggestion: 'Add COMMIT; at the end of the file.' });
      expect(generic!.message).toMatch(/^COMMIT AND CHAIN at line 3 opens a new transaction at once, and nothing commits it: the file leaves its transaction open, and PostgreSQL rolls it back when the session ends/);
      const [supabase] = await lint(sql);
      expect(supabase).toMatchObject({ line: 3, suggestion: 'Add COMMIT; at the end of the file.' });
      expect(supabase!.message).toMatch(/^COMMIT AND CHAIN at line 3 opens a new transaction at once, and nothing commits it: the Supabase CLI runs a file holding it as written/);
      // The history row lands in the chained transaction, which the end of the session rolls back.
      expect(send('BEGIN', 'CREATE TABLE t_a (id int)', 'COMMIT AND CHAIN', HISTORY).error).toBeNull();
      expect(await kept('t_a')).toEqual(['t_a']);
    });

    test('in a block it commits: a value added before it may be used after it', async () => {
      const sql = "BEGIN;\nALTER TYPE mood ADD VALUE 'glad';\nCOMMIT AND CHAIN;\nINSERT INTO bookings (id, guest) SELECT 1, 'glad'::mood::text;\nCOMMIT;\n";
      expect(await lint(sql, 'generic')).toEqual([]);
      expect(send('BEGIN', "ALTER TYPE mood ADD VALUE 'glad'", 'COMMIT AND CHAIN', "INSERT INTO bookings (id, guest) SELECT 1, 'glad'::mood::text", 'COMMIT').error).toBeNull();
    });

    test("in a wrapping runner's transaction it commits the part before it: the rest runs as a second transaction", async () => {
      const [chain, ...rest] = await lint('CREATE TABLE t_a (id int);\nCOMMIT AND CHAIN;\nCREATE TABLE t_b (id int);\n', 'dbmate');
      expect(rest).toEqual([]);
      expect(chain!.severity).toBeUndefined();
      expect(chain!.message).toBe(
        "COMMIT AND CHAIN at line 2 ends dbmate's transaction in the middle of the file: the 1 statement(s) after it run as a second transaction, so a failure there leaves the migration half-applied and unrecorded.",
      );
      // dbmate: BEGIN, the file as one query, its history row, COMMIT; no warning, and a failure after the chain keeps t_a.
      expect(send('BEGIN', 'CREATE TABLE t_a (id int); COMMIT AND CHAIN; CREATE TABLE t_b (id int); SELECT 1/0', HISTORY, 'COMMIT')).toEqual({ error: 'division by zero', warnings: [] });
      expect(await kept('t_a', 't_b')).toEqual(['t_a']);
      // At the end it only splits the history row off, with no warning from dbmate's own COMMIT.
      const [last] = await lint('CREATE TABLE t_a (id int);\nCOMMIT AND CHAIN;\n', 'dbmate');
      expect(last!.message).toBe("COMMIT AND CHAIN ends dbmate's transaction before dbmate records the migration: the history row is committed apart from the file's changes.");
    });
  });
});
