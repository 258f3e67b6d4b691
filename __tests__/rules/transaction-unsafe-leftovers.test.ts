// transaction-unsafe: REINDEX and CLUSTER of a partitioned table the file makes, statements PostgreSQL refuses in any
// function (a DO block, a function or procedure body), DROP SUBSCRIPTION by whether the subscription has a replication
// slot, and dbmate's own COMMIT after the file's. Each claim about the server is checked on the test server.

import type pg from 'pg';
import type { PresetName } from '../../src/options.js';
import { PRESET_TABLE } from '../../src/config/presets.js';
import { transactionUnsafe } from '../../src/rules/transaction-unsafe.js';
import { lintFile } from '../support/lint-file.js';
import { runRules } from '../../src/rules/index.js';
import { migration } from '../support/build-migration.js';
import { loadParser } from '../../src/sql/parser.js';
import { testOptions } from '../support/options.js';
import { scratchDatabase } from '../support/postgres.js';

/** The rule as the gate runs it under `preset`; `optedOut`: the file leaves the runner's transaction (goose NO TRANSACTION, dbmate transaction:false). */
const lint = (sql: string, preset: PresetName, optedOut = false) =>
  lintFile(transactionUnsafe, sql, { transactional: !optedOut, runnerWraps: !optedOut && PRESET_TABLE[preset].wrapsInTransaction }, testOptions({ preset }));

const PARTED = 'CREATE TABLE readings (id int, at date) PARTITION BY RANGE (at);\nCREATE TABLE readings_2024 PARTITION OF readings FOR VALUES FROM (\'2024-01-01\') TO (\'2025-01-01\');\nCREATE INDEX readings_at ON readings (at);\n';
const SUBSCRIPTION = "CREATE SUBSCRIPTION feed CONNECTION 'host=127.0.0.1 dbname=nowhere' PUBLICATION pub WITH (connect = false)";

describe('transaction-unsafe: leftovers checked on PostgreSQL', () => {
  const scratch = scratchDatabase('gate_tx_leftovers');
  let client: pg.Client;
  beforeAll(async () => {
    client = scratch.client();
    await loadParser();
  });

  /** The error of `sql` sent as one query (null for none); a block it leaves open and failed is rolled back. */
  const error = (sql: string) =>
    client.query(sql).then(
      () => null,
      async (e: Error) => {
        await client.query('ROLLBACK');
        return e.message;
      },
    );

  test('REINDEX of a partitioned table or index and CLUSTER ... USING of one are refused in a transaction block; the migrations must make the table for the rule to say so', async () => {
    await client.query(`DROP TABLE IF EXISTS readings; ${PARTED}`);
    expect(await error('BEGIN; REINDEX TABLE readings; COMMIT')).toBe('REINDEX TABLE cannot run inside a transaction block');
    expect(await error('BEGIN; REINDEX INDEX readings_at; COMMIT')).toBe('REINDEX INDEX cannot run inside a transaction block');
    expect(await error('BEGIN; CLUSTER readings USING readings_at; COMMIT')).toBe('CLUSTER cannot run inside a transaction block');
    // A partition that is a plain table is reindexed in a transaction.
    expect(await error('BEGIN; REINDEX TABLE readings_2024; COMMIT')).toBeNull();
    for (const statement of ['REINDEX TABLE readings', 'REINDEX INDEX readings_at', 'CLUSTER readings USING readings_at']) {
      expect(await error(statement)).toBeNull();
    }

    const [reindex] = await lint(`${PARTED}REINDEX TABLE readings;\n`, 'dbmate');
    expect(reindex).toMatchObject({ line: 4, message: 'REINDEX TABLE of a partitioned table cannot run inside a transaction block, and dbmate runs this file in one.' });
    expect(reindex!.severity).toBeUndefined();
    const [index] = await lint(`${PARTED}REINDEX INDEX readings_at;\n`, 'prisma');
    expect(index!.message).toBe(
      'REINDEX INDEX of a partitioned index cannot run inside a transaction block; this file has 3 other statement(s), and Prisma sends the file as one query, which PostgreSQL runs as one implicit transaction: there it fails.',
    );
    // The Supabase CLI takes any CLUSTER out of the file's transaction: it runs, apart from the rest, since 2.109.
    const [cluster] = await lint(`${PARTED}CLUSTER readings USING readings_at;\n`, 'supabase');
    expect(cluster).toMatchObject({ line: 4, severity: 'warning' });
    expect(cluster!.message).toMatch(/^CLUSTER of a partitioned table cannot run inside a transaction block, so the Supabase CLI runs it on its own, .* Supabase CLIs before 2\.109 refuse it/);
    // Outside a transaction, one statement at a time, it runs: nothing to say.
    expect(await lint(`${PARTED}REINDEX TABLE readings;\n`, 'goose', true)).toEqual([]);
    // A table no migration makes may be a plain one, which REINDEX and CLUSTER handle in a transaction.
    expect(await lint('REINDEX TABLE readings;\nCLUSTER readings USING readings_at;\n', 'dbmate')).toEqual([]);
    expect(await lint(`${PARTED}REINDEX TABLE readings_2024;\n`, 'dbmate')).toEqual([]);
  });

  test('a table an earlier migration makes PARTITION BY counts too; one dropped or renamed away since, or a plain one, does not', async () => {
    const findings = (...files: string[]) =>
      runRules({ migrations: files.map((sql, i) => migration(`migrations/00${i + 1}_m.sql`, sql)), history: null, options: testOptions({ preset: 'dbmate', all: true }) })
        .filter((f) => f.rule === 'transaction-unsafe')
        .map((f) => [f.file, f.line, f.message]);
    expect(findings(PARTED, 'REINDEX TABLE readings;\n')).toEqual([
      ['migrations/002_m.sql', 1, 'REINDEX TABLE of a partitioned table cannot run inside a transaction block, and dbmate runs this file in one.'],
    ]);
    expect(findings(PARTED, 'DROP TABLE readings;\n', 'REINDEX TABLE readings;\n')).toEqual([]);
    expect(findings(PARTED, 'ALTER TABLE readings RENAME TO readings_old;\n', 'REINDEX TABLE readings;\n')).toEqual([]);
    expect(findings('CREATE TABLE readings (id int);\n', 'REINDEX TABLE readings;\n')).toEqual([]);
  });

  test('CLUSTER of a partitioned table without USING fails even outside a transaction: no index of one can be marked clustered', async () => {
    await client.query(`DROP TABLE IF EXISTS readings; ${PARTED}`);
    expect(await error('CLUSTER readings')).toBe('there is no previously clustered index for table "readings"');
    expect(await error('ALTER TABLE readings CLUSTER ON readings_at')).toBe('cannot mark index clustered in partitioned table');

    const [d] = await lint(`${PARTED}CLUSTER readings;\n`, 'goose', true);
    expect(d).toMatchObject({ line: 4, suggestion: 'Name the index: CLUSTER <table> USING <index> clusters each partition on it, outside a transaction block only.' });
    expect(d!.message).toBe(
      'CLUSTER of a partitioned table without USING fails however goose runs it: it reclusters on the index marked clustered, and PostgreSQL cannot mark one on a partitioned table ("there is no previously clustered index").',
    );
  });

  test('in a DO block, a function or a procedure the statement always fails, whatever the runner does; a handler that catches it hides it', async () => {
    await client.query('DROP TABLE IF EXISTS rooms; CREATE TABLE rooms (id int)');
    const doBlock = 'DO $$ BEGIN CREATE INDEX CONCURRENTLY rooms_id ON rooms (id); END $$;';
    expect(await error(doBlock)).toBe('CREATE INDEX CONCURRENTLY cannot be executed from a function');
    // Even where the runner keeps the file out of a transaction, and the advice is then only to take it out.
    for (const preset of ['dbmate', 'goose'] as const) {
      const [d] = await lint(doBlock, preset, true);
      expect(d!.message).toBe(
        `CREATE INDEX CONCURRENTLY cannot be executed from a DO block: PostgreSQL refuses it in any function, DO block or procedure, whose statements always run inside a transaction (SQLSTATE 25001), and the DO block fails there however ${preset} runs the file.`,
      );
      expect(d!.suggestion).toBe(`Take it out of the DO block: as a statement of its own, ${preset} runs it outside any transaction.`);
    }
    // In the runner's transaction it must also leave that; a guard in the DO block has a plain SQL twin.
    const [guarded] = await lint('DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = \'rooms_id\') THEN CREATE INDEX CONCURRENTLY rooms_id ON rooms (id); END IF; END $$;', 'dbmate');
    expect(guarded!.suggestion).toBe(
      'Take it out of the DO block and run it as a statement of its own. Move it to a migration of its own, with no other statements, and mark the up section `-- migrate:up transaction:false`. CREATE INDEX CONCURRENTLY IF NOT EXISTS keeps the guard the DO block gave it.',
    );
    // A branch no run takes never runs it.
    expect(await lint('DO $$ BEGIN IF false THEN CREATE INDEX CONCURRENTLY rooms_id ON rooms (id); END IF; END $$;', 'dbmate', true)).toEqual([]);

    // OTHERS catches the refusal: the DO block succeeds, and the index is never made.
    const caught = "DO $$ BEGIN CREATE INDEX CONCURRENTLY rooms_id ON rooms (id); EXCEPTION WHEN others THEN RAISE NOTICE 'skipped'; END $$;";
    expect(await error(caught)).toBeNull();
    expect((await client.query("SELECT to_regclass('rooms_id') AS i")).rows[0].i).toBeNull();
    const [hidden] = await lint(caught, 'goose', true);
    expect(hidden).toMatchObject({ severity: 'warning' });
    expect(hidden!.message).toMatch(/the exception handler around it catches that error, so the DO block goes on without it and it never runs\.$/);

    // A PL/pgSQL function and an SQL procedure: made without complaint, refused at each call.
    const fn = 'CREATE OR REPLACE FUNCTION tidy() RETURNS void LANGUAGE plpgsql AS $$ BEGIN VACUUM rooms; END $$;';
    const proc = 'CREATE OR REPLACE PROCEDURE reindex_rooms() LANGUAGE sql AS $$ REINDEX TABLE CONCURRENTLY rooms; $$;';
    expect(await error(`${fn} ${proc}`)).toBeNull();
    expect(await error('SELECT tidy()')).toBe('VACUUM cannot be executed from a function');
    expect(await error('CALL reindex_rooms()')).toBe('REINDEX CONCURRENTLY cannot be executed from a function');
    const [f, p] = await lint(`${fn}\n${proc}\n`, 'goose', true);
    expect(f).toMatchObject({ line: 1 });
    expect(f!.message).toBe(
      'VACUUM cannot be executed from the body of function tidy: PostgreSQL refuses it in any function, DO block or procedure, whose statements always run inside a transaction (SQLSTATE 25001), and each call of function tidy fails there.',
    );
    expect(f!.suggestion).toBe('Take it out of the function and run it as a statement of its own. Move it to a migration of its own and put `-- +goose NO TRANSACTION` at the top of the file.');
    expect(p).toMatchObject({ line: 2 });
    expect(p!.message).toMatch(/^REINDEX CONCURRENTLY cannot be executed from the body of procedure reindex_rooms: .* each call of procedure reindex_rooms fails there\.$/);
  });

  test('DROP SUBSCRIPTION: refused in a transaction block while the subscription has a replication slot, even one made with connect = false; SET (slot_name = NONE) lifts it', async () => {
    await client.query(SUBSCRIPTION);
    try {
      expect(await error('BEGIN; DROP SUBSCRIPTION feed; COMMIT')).toBe('DROP SUBSCRIPTION cannot run inside a transaction block');
      expect(await error('SELECT 1; DROP SUBSCRIPTION feed')).toBe('DROP SUBSCRIPTION cannot run inside a transaction block');
      expect(await error('DO $$ BEGIN DROP SUBSCRIPTION feed; END $$')).toBe('DROP SUBSCRIPTION cannot be executed from a function');
      expect(await error('BEGIN; ALTER SUBSCRIPTION feed DISABLE; ALTER SUBSCRIPTION feed SET (slot_name = NONE); DROP SUBSCRIPTION feed; COMMIT')).toBeNull();
    } finally {
      // With its slot, DROP would go to the publisher to drop it, which is not there.
      await error('ALTER SUBSCRIPTION feed SET (slot_name = NONE)');
      await client.query('DROP SUBSCRIPTION IF EXISTS feed');
    }

    // Made in the file with a slot: certain.
    const [made] = await lint(`${SUBSCRIPTION};\nDROP SUBSCRIPTION feed;\n`, 'dbmate');
    expect(made).toMatchObject({ line: 2, message: 'DROP SUBSCRIPTION of a subscription with a replication slot cannot run inside a transaction block, and dbmate runs this file in one.' });
    expect(made!.severity).toBeUndefined();
    // Its slot taken away first: it runs in the transaction.
    const released = 'ALTER SUBSCRIPTION feed DISABLE;\nALTER SUBSCRIPTION feed SET (slot_name = NONE);\nDROP SUBSCRIPTION feed;\n';
    expect(await lint(released, 'dbmate')).toEqual([]);
    expect(await lint(`${SUBSCRIPTION.replace('connect = false', 'connect = false, slot_name = NONE')};\nDROP SUBSCRIPTION feed;\n`, 'prisma')).toEqual([]);
    // The Supabase CLI still takes it out of the file's transaction by its first words, though it could run there.
    const [supabase] = await lint(released, 'supabase');
    expect(supabase!.message).toMatch(/^The Supabase CLI runs every DROP SUBSCRIPTION statement, this one too though it could run in a transaction, on its own/);
    // Made elsewhere: the file does not tell, so a warning that says so.
    const [unknown] = await lint('DROP SUBSCRIPTION feed;\n', 'dbmate');
    expect(unknown).toMatchObject({ severity: 'warning', suggestion: 'Mark the up section `-- migrate:up transaction:false`.' });
    expect(unknown!.message).toBe(
      'DROP SUBSCRIPTION of a subscription with a replication slot cannot run inside a transaction block, and dbmate runs this file in one. No statement before it in the file tells whether this subscription has one: only one made or altered with slot_name = NONE has none.',
    );
    // Alone in a file Prisma sends it as a query of its own; Flyway runs any DROP SUBSCRIPTION outside a transaction.
    expect(await lint('DROP SUBSCRIPTION feed;\n', 'prisma')).toEqual([]);
    expect(await lint('DROP SUBSCRIPTION feed;\n', 'flyway')).toEqual([]);
  });

  test("dbmate: after the file's own COMMIT, lib/pq refuses dbmate's COMMIT, so dbmate reports a failure though all is committed", async () => {
    const [last] = await lint('CREATE TABLE guests (id int);\nCOMMIT;\n', 'dbmate');
    expect(last).toMatchObject({ line: 2, fix: { line: 2, endLine: 2, replacement: '' } });
    expect(last!.severity).toBeUndefined();
    expect(last!.message).toBe(
      'COMMIT ends dbmate\'s transaction before dbmate records the migration, so dbmate\'s own COMMIT then fails: its driver, lib/pq, finds no transaction to commit ("pq: unexpected transaction status idle"), and dbmate reports the migration failed and stops there, though the file and its history row are both committed, apart from each other.',
    );
    const early = (await lint('BEGIN;\nCREATE TABLE t_before (id int);\nCOMMIT;\nCREATE TABLE t_after (id int);\n', 'dbmate')).find((d) => d.line === 3)!;
    expect(early.message).toMatch(/Even when they succeed, dbmate's own COMMIT then fails, as its driver, lib\/pq, finds no transaction to commit/);
    // AND CHAIN opens the next transaction at once, which dbmate's COMMIT ends; another runner's own COMMIT only warns.
    expect((await lint('CREATE TABLE guests (id int);\nCOMMIT AND CHAIN;\n', 'dbmate'))[0]!.message).not.toMatch(/lib\/pq/);
    expect((await lint('CREATE TABLE guests (id int);\nCOMMIT;\n', 'sqlx'))[0]).toMatchObject({ severity: 'warning' });
    // What lib/pq reads from the server: once the file's COMMIT has run, the session is idle, no transaction in progress.
    const notices: string[] = [];
    const listen = (n: { message?: string }) => notices.push(n.message ?? '');
    client.on('notice', listen);
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE guests (id int); COMMIT');
    await client.query('COMMIT');
    client.off('notice', listen);
    expect(notices).toEqual(['there is no transaction in progress']);
  });
});
