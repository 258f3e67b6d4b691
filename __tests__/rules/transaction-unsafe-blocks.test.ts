// transaction-unsafe: ROLLBACK in a migration, statements that need a transaction block (LOCK, SAVEPOINT), SET
// TRANSACTION after a query, and new enum values read through enum_range: what the rule says of each runner is
// what PostgreSQL 15 does with the file sent that runner's way.

import type pg from 'pg';
import type { PresetName } from '../../src/options.js';
import { PRESET_TABLE } from '../../src/config/presets.js';
import { transactionUnsafe } from '../../src/rules/transaction-unsafe.js';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { lintFile } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';
import { connectTestServer, scratchDatabase } from '../support/postgres.js';
import { makeTree, removeTree } from '../support/repo.js';

/** The rule as the gate runs it under `preset`; `optedOut`: the file leaves the runner's transaction (goose NO TRANSACTION). */
const lint = (sql: string, preset: PresetName, optedOut = false) =>
  lintFile(transactionUnsafe, sql, { transactional: !optedOut, runnerWraps: !optedOut && PRESET_TABLE[preset].wrapsInTransaction }, testOptions({ preset }));

const REMOVE_ROLLBACK = 'Remove the ROLLBACK: a migration keeps what it does. If the file is a test meant to leave nothing behind, keep it out of the migrations.';

describe('transaction-unsafe: ROLLBACK and transaction blocks', () => {
  const scratch = scratchDatabase('gate_tx_blocks');
  const db = scratch.name;
  let client: pg.Client;
  beforeAll(async () => {
    client = scratch.client();
    await client.query("CREATE TABLE rooms (id int PRIMARY KEY); CREATE TYPE mood AS ENUM ('calm')");
  });

  /** Each step sent as a query of its own on one session, as a runner sends them: the error of each (null for none). */
  async function run(...steps: string[]): Promise<(string | null)[]> {
    const session = await connectTestServer(db);
    const errors: (string | null)[] = [];
    for (const step of steps) errors.push(await session.query(step).then(() => null, (e: Error) => e.message));
    await session.end();
    return errors;
  }

  /** Which of `tables` exist now; all of them are dropped afterwards. */
  async function kept(...tables: string[]): Promise<string[]> {
    const r = await client.query<{ t: string }>('SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL ORDER BY t', [tables]);
    await client.query(`DROP TABLE IF EXISTS ${tables.join(', ')}`);
    return r.rows.map((row) => row.t);
  }

  const file = 'CREATE TABLE guests (id int);\nINSERT INTO guests VALUES (1);\nROLLBACK;\n';

  test('ROLLBACK in a file sent as one query discards the file while the runner records it: an error, not "commits"', async () => {
    const [d] = await lint(file, 'prisma');
    expect(d).toMatchObject({ line: 3 });
    expect(d!.severity).toBeUndefined();
    expect(d!.message).toBe(
      'ROLLBACK rolls back the implicit transaction PostgreSQL runs the file in, as Prisma sends the file as one query: Prisma records the migration as applied, while PostgreSQL discards the 2 statement(s) before it (from line 1).',
    );
    expect(d!.suggestion).toBe(REMOVE_ROLLBACK);
    // Prisma: the file as one query, then its history row.
    expect(await run(file, 'CREATE TABLE history_row ()')).toEqual([null, null]);
    expect(await kept('guests', 'history_row')).toEqual(['history_row']);
  });

  test("ROLLBACK in a wrapped runner's file discards the runner's transaction, and the history row is still written", async () => {
    const [d] = await lint(file, 'dbmate');
    expect(d!.severity).toBeUndefined();
    expect(d!.message).toBe("ROLLBACK rolls back dbmate's transaction: dbmate records the migration as applied, while PostgreSQL discards the 2 statement(s) before it (from line 1).");
    expect((await lint(file.replace('ROLLBACK', 'ABORT'), 'flyway'))[0]!.message).toBe(
      "ABORT rolls back Flyway's transaction: Flyway records the migration as applied, while PostgreSQL discards the 2 statement(s) before it (from line 1).",
    );
    // dbmate: BEGIN, the file as one query, the history row, COMMIT (which only warns).
    expect(await run('BEGIN', file, 'CREATE TABLE history_row ()', 'COMMIT')).toEqual([null, null, null, null]);
    expect(await kept('guests', 'history_row')).toEqual(['history_row']);
  });

  test('statement by statement, BEGIN ... ROLLBACK discards what it holds; a ROLLBACK with no BEGIN only warns', async () => {
    const [d] = await lint(`BEGIN;\n${file}`, 'goose', true);
    expect(d).toMatchObject({ line: 4 });
    expect(d!.message).toBe('ROLLBACK rolls back the transaction opened by BEGIN at line 1: goose records the migration as applied, while PostgreSQL discards the 2 statement(s) before it (from line 2).');
    await run('BEGIN', 'CREATE TABLE guests (id int)', 'INSERT INTO guests VALUES (1)', 'ROLLBACK');
    expect(await kept('guests')).toEqual([]);
    const [alone] = await lint(file, 'goose', true);
    expect(alone).toMatchObject({ line: 3, severity: 'warning' });
    expect(alone!.message).toBe('ROLLBACK without a BEGIN before it: there is no transaction in progress, so it only raises a warning and rolls back nothing.');
    await run('CREATE TABLE guests (id int)', 'INSERT INTO guests VALUES (1)', 'ROLLBACK');
    expect(await kept('guests')).toEqual(['guests']);
  });

  test('ROLLBACK TO SAVEPOINT inside BEGIN ... COMMIT keeps the transaction: nothing to say', async () => {
    const sql = 'BEGIN;\nSAVEPOINT before_guests;\nCREATE TABLE guests (id int);\nROLLBACK TO SAVEPOINT before_guests;\nCREATE TABLE visits (id int);\nCOMMIT;\n';
    for (const preset of ['prisma', 'golang-migrate'] as const) expect(await lint(sql, preset)).toEqual([]);
    expect(await lint(sql, 'goose', true)).toEqual([]);
    expect(await run(sql)).toEqual([null]);
    expect(await kept('guests', 'visits')).toEqual(['visits']);
  });

  test('LOCK TABLE alone in a file no runner wraps runs outside a transaction block, and PostgreSQL refuses it', async () => {
    const lock = 'LOCK TABLE rooms IN ACCESS EXCLUSIVE MODE;\n';
    const [d] = await lint(lock, 'prisma');
    expect(d).toMatchObject({ line: 1 });
    expect(d!.message).toBe(
      "LOCK TABLE can only be used in transaction blocks, and it is the file's only statement, so Prisma sends it as a query of its own, outside any transaction: PostgreSQL refuses it (SQLSTATE 25P01).",
    );
    expect(d!.suggestion).toBe('A lock lasts only until its transaction ends: put it between BEGIN and COMMIT with the statements it guards, or remove it.');
    expect(await run(lock)).toEqual(['LOCK TABLE can only be used in transaction blocks']);
    // With another statement in the same query, the implicit transaction holds the lock; a wrapped runner's transaction too.
    const guarded = `${lock}ALTER TABLE rooms ADD COLUMN note text;\n`;
    expect(await lint(guarded, 'prisma')).toEqual([]);
    expect(await lint(lock, 'dbmate')).toEqual([]);
    expect(await run(guarded)).toEqual([null]);
    // One by one, the lock is alone again.
    expect((await lint(guarded, 'goose', true))[0]!.message).toBe(
      "LOCK TABLE can only be used in transaction blocks, and goose runs this file's statements one by one, outside any transaction: PostgreSQL refuses it (SQLSTATE 25P01).",
    );
  });

  test('SAVEPOINT needs a transaction block: the implicit transaction of a query is not one', async () => {
    const sql = 'SAVEPOINT s1;\nCREATE TABLE guests (id int);\nRELEASE SAVEPOINT s1;\n';
    const drafts = await lint(sql, 'golang-migrate');
    expect(drafts.map((d) => [d.line, d.message.split(',')[0]])).toEqual([
      [1, 'SAVEPOINT can only be used in transaction blocks'],
      [3, 'RELEASE SAVEPOINT can only be used in transaction blocks'],
    ]);
    expect(drafts[0]!.message).toBe(
      'SAVEPOINT can only be used in transaction blocks, and golang-migrate sends the file as one query (unless x-multi-statement is on), which PostgreSQL runs in an implicit transaction, not a transaction block: PostgreSQL refuses it (SQLSTATE 25P01).',
    );
    expect(await run(sql)).toEqual(['SAVEPOINT can only be used in transaction blocks']);
    // A wrapped runner's transaction is a block.
    expect(await lint(sql, 'sqlx')).toEqual([]);
  });

  test('SET TRANSACTION ISOLATION LEVEL after a query of the same transaction is refused where it is', async () => {
    const sql = 'CREATE TABLE guests (id int);\nSET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\n';
    const [d] = await lint(sql, 'prisma');
    expect(d).toMatchObject({ line: 2 });
    expect(d!.message).toBe(
      'SET TRANSACTION ISOLATION LEVEL must come before any query of its transaction, and the statement at line 1 runs before it in the same transaction: PostgreSQL refuses it (SQLSTATE 25001).',
    );
    expect(await run(sql)).toEqual(['SET TRANSACTION ISOLATION LEVEL must be called before any query']);
    // First in its transaction, or READ COMMITTED (the level it already has), PostgreSQL takes it.
    const first = 'BEGIN;\nSET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE guests (id int);\nCOMMIT;\n';
    const same = sql.replace('SERIALIZABLE', 'READ COMMITTED');
    expect([await lint(first, 'prisma'), await lint(same, 'prisma')]).toEqual([[], []]);
    expect([await run(first), await run('DROP TABLE guests', same)]).toEqual([[null], [null, null]]);
    await kept('guests');
  });

  test('enum_range after ADD VALUE in the same transaction reads the new value, and PostgreSQL refuses it', async () => {
    const sql = "ALTER TYPE mood ADD VALUE 'tense';\nSELECT enum_range(NULL::mood);\n";
    const [d] = await lint(sql, 'prisma');
    expect(d).toMatchObject({ line: 2 });
    expect(d!.severity).toBeUndefined();
    expect(d!.message).toBe(
      "enum_range reads every mood value, 'tense' among them, which ALTER TYPE ... ADD VALUE at line 1 adds in the same transaction: PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04).",
    );
    expect(await run('BEGIN', sql, 'ROLLBACK')).toEqual([null, 'unsafe use of new value "tense" of enum type mood', null]);
  });
});

test('ADD VALUE IF NOT EXISTS on a type no migration makes: the value may be there already, so a use of it is a warning', async () => {
  const root = makeTree({
    'migrations/001_a.sql': 'CREATE TABLE rooms (id int PRIMARY KEY);\n',
    'migrations/002_b.sql': "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'calm';\nSELECT 'calm'::mood;\n",
  });
  try {
    const report = await runGate(await resolveOptions({ root, paths: ['migrations'], dryRun: false, all: true }));
    const found = report.findings.filter((f) => f.rule === 'transaction-unsafe');
    expect(found).toMatchObject([{ file: 'migrations/002_b.sql', line: 2, severity: 'warning' }]);
    expect(found[0]!.message).toBe(
      "'calm' is the mood value that ALTER TYPE ... ADD VALUE at line 1 adds in the same transaction: PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04). The migrations before this file do not tell every value of mood (none makes it, or one changes it in a way the gate does not read): if it already holds 'calm', ADD VALUE IF NOT EXISTS adds nothing and this is fine.",
    );
  } finally {
    removeTree(root);
  }
  // A type the file makes itself: its values are known, so a value it holds is not new, and one it lacks is.
  const made = "CREATE TYPE mood AS ENUM ('calm');\nALTER TYPE mood ADD VALUE IF NOT EXISTS 'calm';\nSELECT 'calm'::mood;\nALTER TYPE mood ADD VALUE IF NOT EXISTS 'tense';\nSELECT 'tense'::mood;\n";
  const drafts = await lint(made, 'prisma');
  expect(drafts.map((d) => [d.line, d.severity])).toEqual([[5, undefined]]);
});
