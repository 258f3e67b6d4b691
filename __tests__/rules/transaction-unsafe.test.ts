// transaction-unsafe: what the rule flags is what PostgreSQL 15 refuses, checked on the real server, and
// what it says each runner does is what that runner's way of sending a file does on the server.

import { spawnSync } from 'node:child_process';
import type pg from 'pg';
import type { PresetName } from '../../src/options.js';
import { PRESET_TABLE } from '../../src/config/presets.js';
import { discover } from '../../src/discover/index.js';
import { transactionUnsafe } from '../../src/rules/transaction-unsafe.js';
import { DeclaredSchema, valueUse } from '../../src/rules/enum-literals.js';
import { parseOne } from '../../src/sql/ast.js';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { applyFixes, fileContext, lintFile } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';
import { connectTestServer, createScratchDatabase, postgresBinary, scratchDatabase } from '../support/postgres.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';

/** The rule as the gate runs it under `preset`: the runner wraps the file when the preset says so, unless the file opts out. */
const lint = (sql: string, preset: PresetName = 'generic', optedOut = false) =>
  lintFile(
    transactionUnsafe,
    sql,
    { transactional: !optedOut, runnerWraps: !optedOut && PRESET_TABLE[preset].wrapsInTransaction },
    testOptions({ preset }),
  );
/** A runner that sends the file as one query: no explicit transaction, but an implicit one around several statements. */
const unwrapped = (sql: string) => lint(sql);
/** A file that opts out of transactions (goose NO TRANSACTION): its statements run one by one. */
const optedOut = (sql: string) => lint(sql, 'goose', true);

const CIC = 'CREATE INDEX CONCURRENTLY bookings_guest_idx ON bookings (guest)';

/** The rule's drafts for the one migration in `files` (under `db/`), as discovery reads it and its neighbours under `preset`. */
async function lintDiscovered(files: Tree, preset: PresetName) {
  const root = makeTree(files);
  try {
    const options = testOptions({ root, folders: [{ path: 'db' }], preset });
    const [m] = discover(options).migrations;
    return await transactionUnsafe.check(await fileContext(m!, options));
  } finally {
    removeTree(root);
  }
}

describe('transaction-unsafe', () => {
  const scratch = scratchDatabase('gate_tx');
  const db = scratch.name;
  let client: pg.Client;
  beforeAll(async () => {
    client = scratch.client();
    await client.query(`CREATE TABLE bookings (id int PRIMARY KEY, guest text);
CREATE MATERIALIZED VIEW booking_counts AS SELECT count(*) AS n FROM bookings;
CREATE UNIQUE INDEX ON booking_counts (n);
CREATE TYPE room_kind AS ENUM ('single');`);
  });

  /** Sends `sql` as one query (an implicit transaction, as golang-migrate or Prisma do); the error or null. */
  async function runAsOneQuery(sql: string): Promise<string | null> {
    try {
      await client.query(sql);
      return null;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      return (e as Error).message;
    }
  }

  /** Sends each step as its own query on a fresh session, as a runner does; the errors (null for success) and the warnings. */
  async function runSteps(steps: string[]): Promise<{ errors: (string | null)[]; warnings: string[] }> {
    const session = await connectTestServer(db);
    const warnings: string[] = [];
    session.on('notice', (n) => warnings.push(n.message ?? ''));
    const errors: (string | null)[] = [];
    for (const step of steps) errors.push(await session.query(step).then(() => null, (e: Error) => e.message));
    await session.end();
    return { errors, warnings };
  }

  /** Which of `tables` exist now; all of them are dropped afterwards. */
  async function kept(...tables: string[]): Promise<string[]> {
    const r = await client.query<{ t: string }>('SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL ORDER BY t', [tables]);
    await client.query(`DROP TABLE IF EXISTS ${tables.join(', ')}`);
    return r.rows.map((row) => row.t);
  }

  /** Runs `sql` with `psql -c`, which sends it as one simple query; PostgreSQL's error, or null. */
  function psqlCommand(sql: string): string | null {
    const run = spawnSync(postgresBinary('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', scratch.url, '-c', sql], { encoding: 'utf8' });
    return /ERROR:\s+(.+)/.exec(run.stderr)?.[1] ?? null;
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

  describe('a statement inside the file\'s BEGIN ... COMMIT: the way out depends on how the runner sends the file', () => {
    const block = `BEGIN;\n${CIC};\nCOMMIT;\n`;
    const suggestion = async (sql: string, preset: PresetName, opted = false) => {
      const drafts = await lint(sql, preset, opted);
      return drafts.find((d) => d.severity === undefined)!.suggestion;
    };

    test('only BEGIN/COMMIT around it (sourcegraph\'s golang-migrate file): remove them, and the runner\'s switch where it needs one', async () => {
      // Sent as one query, the statements after a COMMIT are still an implicit transaction block; alone, it is none.
      expect(await runAsOneQuery(`BEGIN; COMMIT; ${CIC}`)).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
      expect(await runAsOneQuery(CIC)).toBeNull();
      await client.query('DROP INDEX bookings_guest_idx');

      expect(await suggestion(block, 'golang-migrate')).toBe('Remove the BEGIN and COMMIT around it: alone in its file, golang-migrate runs it outside any transaction.');
      expect(await suggestion(block, 'prisma')).toBe('Remove the BEGIN and COMMIT around it: alone in its file, Prisma runs it outside any transaction.');
      expect(await suggestion(block, 'flyway')).toBe('Remove the BEGIN and COMMIT around it: alone in its file, Flyway runs it outside any transaction.');
      expect(await suggestion(block, 'supabase')).toBe(
        'Remove the BEGIN and COMMIT around it: alone in its file, the Supabase CLI runs it outside any transaction. Supabase CLIs before 2.109 refuse it in a migration (SQLSTATE 25001).',
      );
      expect(await suggestion(block, 'goose')).toBe('Remove the BEGIN and COMMIT around it, and put `-- +goose NO TRANSACTION` at the top of the file.');
      expect(await suggestion(block, 'generic')).toBe('Remove the BEGIN and COMMIT around it, and make sure the runner does not run the file in a transaction.');
      // Flyway runs a migration outside a transaction by itself only for what its parser recognises.
      expect(await suggestion('BEGIN;\nREINDEX TABLE CONCURRENTLY bookings;\nCOMMIT;\n', 'flyway')).toBe(
        'Remove the BEGIN and COMMIT around it, and set executeInTransaction=false in a script config file beside the migration (<name>.sql.conf).',
      );
    });

    test('with other statements: after the COMMIT only where statements run one by one, never in a file sent as one query', async () => {
      const sql = `BEGIN;\nALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\n${CIC};\nCOMMIT;\n`;
      expect(await runAsOneQuery(`BEGIN; ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text; COMMIT; ${CIC}`)).toBe(
        'CREATE INDEX CONCURRENTLY cannot run inside a transaction block',
      );
      expect((await runSteps(['BEGIN', 'ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text', 'COMMIT', CIC])).errors).toEqual([null, null, null, null]);
      await client.query('DROP INDEX bookings_guest_idx');

      expect(await suggestion(sql, 'goose', true)).toBe("Move it after the COMMIT: goose runs this file's statements one by one, outside any transaction.");
      expect(await suggestion(sql, 'golang-migrate')).toBe(
        'Move it to a migration of its own, with no other statements. Moving it after the COMMIT does not help: golang-migrate sends the file as one query (unless x-multi-statement is on), and PostgreSQL runs what follows a COMMIT in the same query in an implicit transaction block too.',
      );
      expect(await suggestion(sql, 'prisma')).toMatch(/^Move it to a migration of its own, with no other statements\. Moving it after the COMMIT does not help: Prisma sends/);
      expect(await suggestion(sql, 'generic')).toBe(
        'If the runner runs the file statement by statement (psql -f), move it after the COMMIT. If it sends the file as one query, that does not help (PostgreSQL runs what follows a COMMIT in the same query in an implicit transaction block too): move it to a migration of its own, with no other statements, and make sure the runner does not run the file in a transaction.',
      );
      // A runner that opens a transaction and sends the file as one query: its switch, and why not after the COMMIT.
      expect(await suggestion(sql, 'dbmate')).toBe(
        'Move it to a migration of its own, with no other statements, and mark the up section `-- migrate:up transaction:false`. Moving it after the COMMIT does not help: dbmate sends the up section as one query, and PostgreSQL runs what follows a COMMIT in the same query in an implicit transaction block too.',
      );
      expect(await suggestion(sql, 'sqlx')).toMatch(/^Move it to a migration of its own, with no other statements, and make `-- no-transaction` the first line of the file\. Moving/);
      expect(await suggestion(sql, 'node-pg-migrate')).toMatch(
        /^Move it to a migration of its own, with no other statements, and write the migration in JavaScript or TypeScript and call pgm\.noTransaction\(\) in it \(an SQL migration always runs in a transaction\)\. Moving/,
      );
      // goose runs statements one by one: the others may stay, they just keep their transaction.
      expect(await suggestion(sql, 'goose')).toBe('Move it to a migration of its own and put `-- +goose NO TRANSACTION` at the top of the file.');
      // The Supabase CLI runs a file holding BEGIN or COMMIT as written, one statement at a time, as the steps above.
      expect(await suggestion(sql, 'supabase')).toBe("Move it after the COMMIT: the Supabase CLI runs this file's statements one by one, outside any transaction.");
    });
  });

  test('in a file the runner wraps, the message names the runner and the suggestion is its own way out', async () => {
    const [goose] = await lint(`${CIC};`, 'goose');
    expect(goose!.message).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and goose runs this file in one.');
    // Alone in its file, switching the runner's transaction off for the file is all it takes.
    expect(goose!.suggestion).toBe('Put `-- +goose NO TRANSACTION` at the top of the file.');
    expect((await lint('DROP INDEX CONCURRENTLY idx_b;', 'dbmate'))[0]!.suggestion).toBe('Mark the up section `-- migrate:up transaction:false`.');
    expect((await lint(`${CIC};`, 'sqlx'))[0]!.suggestion).toBe('Make `-- no-transaction` the first line of the file.');
    // goose runs a NO TRANSACTION file statement by statement, so several such statements may share it (_probe-goose-tx).
    const indexes = `${CIC};
CREATE INDEX CONCURRENTLY bookings_id_idx ON bookings (id);
`;
    expect((await lint(indexes, 'goose')).map((d) => d.suggestion)).toEqual(Array(2).fill('Put `-- +goose NO TRANSACTION` at the top of the file.'));
    expect((await runSteps(indexes.trim().split('\n'))).errors).toEqual([null, null]);
    await client.query('DROP INDEX bookings_guest_idx, bookings_id_idx');
    // dbmate sends the up section as one query even without its transaction: each needs a file of its own.
    expect((await lint(indexes, 'dbmate'))[0]!.suggestion).toBe(
      'Move it to a migration of its own, with no other statements, and mark the up section `-- migrate:up transaction:false`.',
    );
    expect((await lint(`ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;
${CIC};`, 'goose'))[0]!.suggestion).toBe(
      'Move it to a migration of its own and put `-- +goose NO TRANSACTION` at the top of the file.',
    );
  });

  test('alone in a file nobody wraps it is fine; mixed with other statements it fails when sent as one query', async () => {
    expect(await unwrapped('CREATE INDEX CONCURRENTLY idx_alone ON bookings (id, guest);')).toEqual([]);
    expect(await optedOut('CREATE INDEX CONCURRENTLY idx_a ON bookings (id);\nCREATE INDEX CONCURRENTLY idx_b ON bookings (guest);')).toEqual([]);
    const mixed = 'ALTER TABLE bookings ADD COLUMN IF NOT EXISTS room int;\nCREATE INDEX CONCURRENTLY idx_room ON bookings (room);';
    const [d] = await unwrapped(mixed);
    expect(d!.line).toBe(2);
    expect(d!.message).toBe(
      "CREATE INDEX CONCURRENTLY cannot run inside a transaction block; this file has 1 other statement(s), and a runner that sends the file as one query (golang-migrate, Prisma, dbmate, sqlx, node-postgres' client.query) runs them all as one implicit transaction, where it fails. Only statement-by-statement execution (psql -f, goose NO TRANSACTION) runs it.",
    );
    expect(await runAsOneQuery(mixed)).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    for (const statement of mixed.split('\n')) expect(await runAsOneQuery(statement)).toBeNull();
  });

  test('several statements sent as one query: the message names the preset\'s runner (Prisma), never Supabase', async () => {
    // _probe-prisma-conc: two CONCURRENTLY indexes in one Prisma migration.
    const sql = `-- CreateIndex\n${CIC.replace('bookings_guest_idx', 'bookings_id_idx').replace('(guest)', '(id)')};\n-- CreateIndex\n${CIC};\n`;
    expect(await runAsOneQuery(sql)).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    const prisma = await lint(sql, 'prisma');
    expect(prisma.map((d) => d.line)).toEqual([2, 4]);
    expect(prisma[0]!.message).toBe(
      'CREATE INDEX CONCURRENTLY cannot run inside a transaction block; this file has 1 other statement(s), and Prisma sends the file as one query, which PostgreSQL runs as one implicit transaction: there it fails.',
    );
    expect(prisma[0]!.suggestion).toBe('Move it to a migration of its own, with no other statements.');
    expect((await lint(sql, 'golang-migrate'))[0]!.message).toContain('and golang-migrate sends the file as one query (unless x-multi-statement is on), which');
    // dbmate sends the up section as one query with or without its transaction.
    expect((await lint(sql, 'dbmate', true))[0]!.message).toContain('and dbmate sends the up section as one query even when it opens no transaction, which');
    // goose runs a NO TRANSACTION file statement by statement; the Supabase CLI takes CONCURRENTLY out of its batch.
    expect(await lint(sql, 'goose', true)).toEqual([]);
    expect((await lint(sql, 'supabase')).map((d) => d.severity)).toEqual(['warning', 'warning']);
    for (const d of await lint(sql, 'generic')) expect(d.message).not.toContain('Supabase');
  });

  test('goose NO TRANSACTION sends a StatementBegin block, or a line, as one query: CONCURRENTLY beside another statement there fails', async () => {
    const second = 'CREATE INDEX CONCURRENTLY bookings_id_idx ON bookings (id);';
    const noTx = (up: string) => ({ 'db/00001_idx.sql': `-- +goose NO TRANSACTION\n-- +goose Up\n${up}\n` });
    const block = `-- +goose StatementBegin\n${CIC};\n${second}\n-- +goose StatementEnd`;
    // goose sends the block's two lines as one query (hunt repro goose-notx-block-two-concurrently).
    expect(await runAsOneQuery(`${CIC};\n${second}`)).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    for (const preset of ['goose', 'generic'] as const) {
      const drafts = await lintDiscovered(noTx(block), preset);
      expect(drafts.map((d) => [d.line, d.severity])).toEqual([[4, undefined], [5, undefined]]);
      expect(drafts[0]!.message).toBe(
        'CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and goose sends the `-- +goose StatementBegin` / `-- +goose StatementEnd` block it is in, with its 1 other statement(s), as one query, which PostgreSQL runs as one implicit transaction: there it fails.',
      );
      expect(drafts[0]!.suggestion).toBe(
        'Give it a `-- +goose StatementBegin` / `-- +goose StatementEnd` block of its own, or move it out of the block: goose then sends it as a query of its own.',
      );
    }
    const [line] = await lintDiscovered(noTx(`ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text; ${CIC};`), 'goose');
    expect(line).toMatchObject({ line: 3, column: 58, suggestion: 'Put it on a line of its own, ending in `;`: goose then sends it as a query of its own.' });
    expect(line!.message).toBe(
      'CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and goose, which ends a query only at a line whose last word ends in `;`, sends it with the 1 other statement(s) up to the end of line 3 as one query, which PostgreSQL runs as one implicit transaction: there it fails.',
    );
    // Each in a block of its own, or in none: goose sends each alone, outside any transaction, where it runs.
    const apart = `-- +goose StatementBegin\n${CIC};\n-- +goose StatementEnd\n-- +goose StatementBegin\n${second}\n-- +goose StatementEnd`;
    expect(await lintDiscovered(noTx(apart), 'goose')).toEqual([]);
    expect(await lintDiscovered(noTx(`${CIC};\n${second}`), 'goose')).toEqual([]);
    for (const statement of [CIC, second]) expect(await runAsOneQuery(statement)).toBeNull();
    await client.query('DROP INDEX bookings_guest_idx, bookings_id_idx');
  });

  test('Flyway: what its parser recognises runs outside a transaction, but not beside statements that need one', async () => {
    const mixed = await lint(`ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\n${CIC};\n`, 'flyway');
    expect(mixed).toHaveLength(1);
    expect(mixed[0]!.message).toBe(
      'CREATE INDEX CONCURRENTLY makes Flyway run this migration outside a transaction, and Flyway refuses a migration that also holds statements it runs in one ("Detected both transactional and non-transactional statements within the same migration") unless mixed is true, which runs all of it outside a transaction.',
    );
    expect(mixed[0]!.suggestion).toBe('Move it to a migration of its own, with no other statements: Flyway runs that one outside a transaction by itself.');
    // Two statements it recognises: the migration runs outside a transaction, one statement at a time.
    expect(await lint(`${CIC};\nVACUUM bookings;\n`, 'flyway')).toEqual([]);
    const [reindex] = await lint('ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\nREINDEX TABLE CONCURRENTLY bookings;\n', 'flyway');
    expect(reindex!.message).toMatch(
      /^REINDEX CONCURRENTLY cannot run inside a transaction block, and Flyway runs this migration in one unless a script config file beside it \(<name>\.sql\.conf\) sets executeInTransaction=false/,
    );
    // Alone in its file, a statement Flyway does not recognise still runs in Flyway's transaction: the script config file is the way out.
    const [cluster, ...more] = await lint('CLUSTER;\n', 'flyway');
    expect(more).toEqual([]);
    expect(cluster!.message).toBe(
      'CLUSTER cannot run inside a transaction block, and Flyway runs this migration in one unless a script config file beside it (<name>.sql.conf) sets executeInTransaction=false: by itself Flyway leaves a migration out of a transaction only for the statements it recognises (CREATE INDEX CONCURRENTLY, VACUUM and the like), and CLUSTER is not one of them.',
    );
    expect(cluster!.suggestion).toBe('Set executeInTransaction=false in a script config file beside the migration (<name>.sql.conf).');
  });

  test("Flyway refuses a mixed migration by its parser's test, even for a statement PostgreSQL runs in a transaction (CREATE SUBSCRIPTION without a slot)", async () => {
    const sub = "CREATE SUBSCRIPTION bookings_sub CONNECTION 'host=127.0.0.1 dbname=nowhere' PUBLICATION bookings_pub WITH (connect = false)";
    // PostgreSQL 15 runs it in a transaction: connect = false creates no slot.
    await client.query('BEGIN');
    await client.query(sub);
    await client.query('ROLLBACK');
    const [d, ...rest] = await lint(`ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\n${sub};\n`, 'flyway');
    expect(rest).toEqual([]);
    expect(d!.line).toBe(2);
    expect(d!.message).toBe(
      'CREATE SUBSCRIPTION makes Flyway run this migration outside a transaction, and Flyway refuses a migration that also holds statements it runs in one ("Detected both transactional and non-transactional statements within the same migration") unless mixed is true, which runs all of it outside a transaction.',
    );
    expect((await lint('-- drop it\nALTER SUBSCRIPTION bookings_sub SET (slot_name = NONE);\nDROP SUBSCRIPTION bookings_sub;\n', 'flyway')).map((f) => f.message.split(' makes')[0])).toEqual(['DROP SUBSCRIPTION']);
    // Alone, or beside what Flyway also runs outside a transaction, it runs; the generic preset does not ask Flyway's parser.
    expect(await lint(`${sub};\n`, 'flyway')).toEqual([]);
    expect(await lint(`${sub};\nVACUUM bookings;\n`, 'flyway')).toEqual([]);
    expect(await lint(`ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\n${sub};\n`)).toEqual([]);
  });

  test('Flyway with mixed=true: a migration holding what its parser recognises runs all outside a transaction, one statement at a time', async () => {
    const mixedOn = (sql: string) => lintFile(transactionUnsafe, sql, { runnerWraps: false }, testOptions({ preset: 'flyway', mixed: true }));
    const alter = 'ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\n';
    expect(await mixedOn(`${alter}${CIC};\n`)).toEqual([]);
    // Beside CONCURRENTLY, what Flyway does not recognise runs outside a transaction too, and a new enum value commits before its use.
    expect(await mixedOn(`${alter}REINDEX TABLE CONCURRENTLY bookings;\n${CIC};\n`)).toEqual([]);
    const enumUse = "CREATE TYPE mood AS ENUM ('ok');\nALTER TYPE mood ADD VALUE 'sad';\nCREATE TABLE moods (m mood DEFAULT 'sad');\n";
    expect(await mixedOn(`${enumUse}${CIC};\n`)).toEqual([]);
    expect((await lint(`${enumUse}${CIC};\n`, 'flyway')).map((d) => d.line)).toEqual([3, 4]);
    // Without a statement it recognises, Flyway still runs the migration in a transaction.
    const [reindex, ...more] = await mixedOn(`${alter}REINDEX TABLE CONCURRENTLY bookings;\n`);
    expect(more).toEqual([]);
    expect(reindex!.message).toMatch(/^REINDEX CONCURRENTLY cannot run inside a transaction block, and Flyway runs this migration in one unless/);
    const [inBlock] = await mixedOn(`BEGIN;\n${alter}${CIC};\nCOMMIT;\n`);
    expect(inBlock!.suggestion).toBe("Move it after the COMMIT: Flyway runs this file's statements one by one, outside any transaction.");
  });

  describe('Flyway script config files: the .sql.conf beside a migration decides, as Flyway reads it', () => {
    const alter = 'ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text';
    const flyway = (sql: string, conf?: string) =>
      lintDiscovered({ 'db/V3__add_index.sql': sql, ...(conf === undefined ? {} : { 'db/V3__add_index.sql.conf': conf }) }, 'flyway');

    test('executeInTransaction=false: each statement runs on its own, so nothing is refused (the false positive is gone)', async () => {
      const mixed = `${alter};\n${CIC};\n`;
      expect(await flyway(mixed)).toHaveLength(1);
      expect(await flyway(mixed, 'executeInTransaction=false\n')).toEqual([]);
      expect(await flyway(mixed, '# the index is built concurrently\n  executeInTransaction = FALSE  \n')).toEqual([]);
      expect(await flyway(`${alter};\nREINDEX TABLE CONCURRENTLY bookings;\n`, 'executeInTransaction=false')).toEqual([]);
      // Flyway then sends one statement at a time with autocommit on: both run.
      expect((await runSteps([alter, CIC])).errors).toEqual([null, null]);
      await client.query('DROP INDEX bookings_guest_idx');
      // Its own BEGIN ... COMMIT is the one transaction left, and what follows the COMMIT runs outside it.
      const [inBlock] = await flyway(`BEGIN;\n${alter};\n${CIC};\nCOMMIT;\n`, 'executeInTransaction=false');
      expect(inBlock!.suggestion).toBe("Move it after the COMMIT: Flyway runs this file's statements one by one, outside any transaction.");
    });

    test('executeInTransaction=true: Flyway runs the file in a transaction even around what it would run outside one', async () => {
      const [d, ...rest] = await flyway(`${CIC};\n`, 'executeInTransaction=true\n');
      expect(rest).toEqual([]);
      expect(d!.message).toBe(
        'CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and Flyway runs this file in one: its script config file sets executeInTransaction=true.',
      );
      expect(d!.suggestion).toBe('Set executeInTransaction=false in a script config file beside the migration (<name>.sql.conf).');
      expect(await runAsOneQuery(`BEGIN; ${CIC}; COMMIT;`)).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
      // Without the file Flyway recognises CONCURRENTLY and runs the migration outside a transaction by itself.
      expect(await flyway(`${CIC};\n`)).toEqual([]);
    });
  });

  test('bare CLUSTER (every clustered table again) is refused in a transaction block; every preset says so where the file puts it in one', async () => {
    expect(await runAsOneQuery('BEGIN; CLUSTER; COMMIT;')).toBe('CLUSTER cannot run inside a transaction block');
    expect(await runAsOneQuery('SELECT 1; CLUSTER;')).toBe('CLUSTER cannot run inside a transaction block');
    expect(await runAsOneQuery('CLUSTER')).toBeNull();
    const presets = Object.keys(PRESET_TABLE) as PresetName[];
    const seen = async (sql: string) =>
      Object.fromEntries(await Promise.all(presets.map(async (p) => [p, (await lint(sql, p)).map((d) => `${d.line} ${d.severity ?? 'error'} ${d.message.split(' ')[0]}`)])));
    // Beside another statement it shares a transaction everywhere but under Sqitch, whose psql sends each statement alone in
    // autocommit; only the Supabase CLI takes it out (a split file, a warning).
    const mixed = await seen('ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\nCLUSTER;\n');
    for (const p of presets) expect([p, mixed[p]]).toEqual([p, p === 'sqitch' ? [] : [`2 ${p === 'supabase' ? 'warning' : 'error'} CLUSTER`]]);
    // Alone it is refused only where the runner opens a transaction around it (Flyway: it does not recognise CLUSTER).
    const alone = await seen('CLUSTER;\n');
    expect(presets.filter((p) => alone[p]!.length)).toEqual(['flyway', 'dbmate', 'node-pg-migrate', 'goose', 'sqlx', 'graphile-migrate', 'diesel', 'drizzle', 'atlas']);
  });

  test('dbmate transaction:false and sqlx -- no-transaction: enough alone; beside other statements still one query, so it fails', async () => {
    const dbmate = (body: string) => lintDiscovered({ 'db/20240101000000_add_index.sql': `-- migrate:up transaction:false\n${body}\n-- migrate:down\nDROP INDEX IF EXISTS bookings_guest_idx;\n` }, 'dbmate');
    const sqlx = (body: string) => lintDiscovered({ 'db/20240101000000_add_index.sql': `-- no-transaction\n${body}\n` }, 'sqlx');
    const mixed = `ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\n${CIC};`;
    // psql -c sends its string as one simple query, as dbmate and sqlx send theirs.
    expect(psqlCommand(mixed)).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    expect(psqlCommand(`${CIC};`)).toBeNull();
    await client.query('DROP INDEX bookings_guest_idx');

    expect(await dbmate(`${CIC};`)).toEqual([]);
    expect(await sqlx(`${CIC};`)).toEqual([]);
    const [d, ...rest] = await dbmate(mixed);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ line: 3, column: 1 });
    expect(d!.message).toBe(
      'CREATE INDEX CONCURRENTLY cannot run inside a transaction block; this up section has 1 other statement(s), and dbmate sends the up section as one query even when it opens no transaction, which PostgreSQL runs as one implicit transaction: there it fails.',
    );
    expect(d!.suggestion).toBe('Move it to a migration of its own, with no other statements, and mark the up section `-- migrate:up transaction:false`.');
    const [s, ...more] = await sqlx(mixed);
    expect(more).toEqual([]);
    expect(s!.message).toBe(
      'CREATE INDEX CONCURRENTLY cannot run inside a transaction block; this file has 1 other statement(s), and sqlx sends the file as one query even when it opens no transaction, which PostgreSQL runs as one implicit transaction: there it fails.',
    );
    expect(s!.suggestion).toBe('Move it to a migration of its own, with no other statements, and make `-- no-transaction` the first line of the file.');
  });

  test("the file's SET search_path goes into the advice only where the runner sends it apart from the statement; else it is to schema-qualify", async () => {
    const setPath = 'SET search_path TO rooms_app';
    const index = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS lodgings_id_idx ON lodgings (id)';
    await client.query('CREATE SCHEMA rooms_app; CREATE TABLE rooms_app.lodgings (id int)');
    // One query (dbmate's up section, sqlx's file, diesel's up.sql): the SET makes it an implicit transaction, and the index fails.
    expect(await runAsOneQuery(`${setPath}; ${index};`)).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    // One statement at a time (goose NO TRANSACTION, Flyway executeInTransaction=false): the SET then the index both run.
    expect((await runSteps([setPath, index])).errors).toEqual([null, null]);
    await client.query('DROP SCHEMA rooms_app CASCADE');

    const body = `${setPath};
${index};
`;
    const qualify = (how: string) => ` Schema-qualify its names there, as that migration does not inherit this file's \`${setPath}\`: ${how}.`;
    const suggestions = async (files: Tree, preset: PresetName) => (await lintDiscovered(files, preset)).map((d) => d.suggestion);
    expect(await suggestions({ 'db/20240102000000_idx.sql': `-- migrate:up transaction:false
${body}
-- migrate:down
` }, 'dbmate')).toEqual([
      'Move it to a migration of its own, with no other statements, and mark the up section `-- migrate:up transaction:false`.' +
        qualify('dbmate sends the up section as one query, so a SET beside the statement would put it back in one implicit transaction'),
    ]);
    expect(await suggestions({ 'db/20240102000000_idx.sql': `-- no-transaction
${body}` }, 'sqlx')).toEqual([
      'Move it to a migration of its own, with no other statements, and make `-- no-transaction` the first line of the file.' +
        qualify('sqlx sends the file as one query, so a SET beside the statement would put it back in one implicit transaction'),
    ]);
    expect(await suggestions({ 'db/2024-01-02-000000_idx/up.sql': body, 'db/2024-01-02-000000_idx/metadata.toml': 'run_in_transaction = false\n' }, 'diesel')).toEqual([
      'Move it to a migration of its own, with no other statements, and put `run_in_transaction = false` in a metadata.toml beside its up.sql.' +
        qualify('diesel sends the file as one query, so a SET beside the statement would put it back in one implicit transaction'),
    ]);
    // The Supabase CLI takes the index out of the file's batch: a SET beside it would split the migration again.
    expect((await lint(body, 'supabase')).map((d) => [d.severity, d.suggestion])).toEqual([
      ['warning', `Move it to a migration of its own, with no other statements.${qualify('a SET beside the statement would make that file two statements, which the Supabase CLI no longer applies all or nothing')}`],
    ]);
    // goose runs a NO TRANSACTION file's statements one by one: the SET can lead the new migration.
    const [goose] = await lint(`${setPath};\nALTER TABLE lodgings ADD COLUMN IF NOT EXISTS note text;\n${index};\n`, 'goose');
    expect(goose!.suggestion).toBe(
      `Move it to a migration of its own and put \`-- +goose NO TRANSACTION\` at the top of the file. Start it with \`${setPath};\`, as this file sets it, or schema-qualify its names.`,
    );
  });

  test('every statement it names is refused in a transaction; REFRESH ... CONCURRENTLY and ADD VALUE are not', async () => {
    const refused = [
      'VACUUM bookings',
      "ALTER SYSTEM SET work_mem = '8MB'",
      `CREATE DATABASE ${db}_x`,
      `DROP DATABASE IF EXISTS ${db}_x`,
      'REINDEX TABLE CONCURRENTLY bookings',
      'REINDEX SCHEMA public',
      'DISCARD ALL',
      'CLUSTER',
      `ALTER DATABASE ${db} SET TABLESPACE pg_default`,
    ];
    for (const statement of refused) {
      const drafts = await lint(`${statement};`, 'dbmate');
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
      expect(await lint(`${statement};`, 'dbmate')).toEqual([]);
      expect(await runAsOneQuery(`BEGIN; ${statement}; COMMIT;`)).toBeNull();
    }
  });

  test('inside a DO block it always fails: a function body runs in a transaction', async () => {
    const sql = 'DO $$ BEGIN VACUUM bookings; END $$;';
    const [d] = await unwrapped(sql);
    expect(d!.message).toBe(
      'VACUUM cannot be executed from a DO block: PostgreSQL refuses it in any function, DO block or procedure, whose statements always run inside a transaction (SQLSTATE 25001), and the DO block fails there however the runner runs the file.',
    );
    expect(await runAsOneQuery(sql)).toBe('VACUUM cannot be executed from a function');
  });

  test('BEGIN without COMMIT: the session end rolls the file back; the fix adds COMMIT and the change is kept', async () => {
    const sql = '-- 20240101000000_create_chat_tables.sql\nBEGIN;\n\nCREATE TABLE conversations (id uuid PRIMARY KEY);\nCREATE INDEX idx_conversations_id ON conversations (id);';
    const [d] = await unwrapped(sql);
    expect([d!.line, d!.column]).toEqual([2, 1]);
    expect(d!.message).toBe(
      'BEGIN at line 2 has no COMMIT: the file leaves its transaction open, and PostgreSQL rolls it back when the session ends, unless something the runner sends later on that connection commits it (`psql -f` then exits 0 while nothing the file did is kept).',
    );
    expect(d!.fix).toEqual({ line: 5, endLine: 5, replacement: 'CREATE INDEX idx_conversations_id ON conversations (id);\nCOMMIT;' });
    // psql -f is the generic runner's example; a named runner is not said to behave like it.
    expect((await lint(sql, 'golang-migrate'))[0]!.message).toMatch(/unless something golang-migrate sends later on that connection commits it\.$/);

    const runAndDisconnect = async (text: string) => {
      const session = await connectTestServer(db);
      await session.query(text);
      await session.end();
      return (await kept('conversations')).length === 1;
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
    expect(await lint(sql, 'supabase')).toHaveLength(1);
    // Statement by statement (goose NO TRANSACTION, psql -f), each commits before the next: fine.
    expect(await optedOut(sql)).toEqual([]);
    // dbmate's transaction:false still sends the up section as one query: one implicit transaction.
    expect(await lint(sql, 'dbmate', true)).toHaveLength(1);

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

  describe('a new enum value: reported only where the literal becomes the enum', () => {
    /** Runs `sql` in one transaction that is rolled back, as a runner that sends the file as one query would run it; the error or null. */
    async function inOneTransaction(sql: string): Promise<string | null> {
      await client.query('BEGIN');
      try {
        await client.query(sql);
        return null;
      } catch (e) {
        return (e as Error).message;
      } finally {
        await client.query('ROLLBACK');
      }
    }
    const REFUSED = 'unsafe use of new value "archived" of enum type room_kind';
    // The file declares rooms itself, so the rule knows each column's type; bookings (guest text) comes from elsewhere.
    const file = (statement: string) =>
      `CREATE TABLE rooms (id int PRIMARY KEY, kind room_kind, note text, code varchar(20));\nALTER TYPE room_kind ADD VALUE 'archived';\n${statement};\n`;
    /** What the rule says of the statement (line 3) and what the server does with the file. */
    async function judge(statement: string) {
      const sql = file(statement);
      const drafts = await unwrapped(sql);
      expect(drafts.every((d) => d.line === 3)).toBe(true);
      const [d] = drafts;
      return { rule: d ? (d.severity ?? 'error') : null, server: await inOneTransaction(sql) };
    }

    test.each([
      ['compared to a column cast to text', "SELECT count(*) FROM rooms WHERE kind::text IN ('single', 'archived')"],
      ['cast to text or varchar', "SELECT 'archived'::text, CAST('archived' AS varchar(20))"],
      ['LIKE and ILIKE', "SELECT id FROM rooms WHERE note LIKE 'archived' OR kind::text ILIKE 'archived'"],
      ['a || operand, even beside the enum column', "SELECT kind || 'archived', 'x' || 'archived' FROM rooms"],
      ['arguments of text functions', "SELECT lower('archived'), format('%s', 'archived'), position('archived' in note) FROM rooms"],
      ['assigned to text and varchar columns', "UPDATE rooms SET note = 'archived', code = 'archived' WHERE note IS NULL"],
      ['inserted into a text column beside the enum one', "INSERT INTO rooms (id, kind, note) VALUES (1, 'single', 'archived') ON CONFLICT DO NOTHING"],
      ['a CASE result of text', "SELECT CASE WHEN id > 0 THEN 'archived' ELSE 'other' END FROM rooms"],
      ['DEFAULT and CHECK of a text column', "CREATE TABLE archive (note text DEFAULT 'archived' CHECK (note <> 'archived'))"],
      ['a PL/pgSQL function body, not run when created', "CREATE FUNCTION archived_kind() RETURNS room_kind LANGUAGE plpgsql AS $$ BEGIN RETURN 'archived'::room_kind; END $$"],
      ['text in a DO block', "DO $$ BEGIN UPDATE rooms SET note = 'archived'; END $$"],
      ['a comment, a dollar-quoted string', "SELECT $q$archived$q$ -- 'archived'::room_kind"],
      ['compared to ->> of jsonb', "SELECT 1 WHERE '{}'::jsonb ->> 'state' = 'archived'"],
      ['a row assigned to the text column', "UPDATE rooms SET (kind, note) = ('single', 'archived')"],
      ['COMMENT ON the type', "COMMENT ON TYPE room_kind IS 'archived'"],
    ])('nothing where it is text: %s', async (_, statement) => {
      expect(await judge(statement)).toEqual({ rule: null, server: null });
    });

    test.each([
      ['compared to the enum column', "SELECT id FROM rooms WHERE kind = 'archived'"],
      ['in an IN list with the enum column', "SELECT id FROM rooms WHERE kind IN ('single', 'archived')"],
      ['CASE on the enum column', "SELECT CASE kind WHEN 'archived' THEN 1 END FROM rooms"],
      ['an array literal compared with ANY', "SELECT id FROM rooms WHERE kind = ANY ('{single,archived}')"],
      ['cast to the type', "SELECT 'archived'::room_kind"],
      ['cast to the type through text', "SELECT 'archived'::text::room_kind"],
      ['cast to an array of the type', "SELECT ARRAY['archived']::room_kind[], '{archived}'::room_kind[]"],
      ['a dollar-quoted string cast to the type', 'SELECT $q$archived$q$::room_kind'],
      ['united with the enum column', "SELECT 'archived' UNION SELECT kind FROM rooms"],
      ['assigned to the enum column, even to no row', "UPDATE rooms SET kind = 'archived' WHERE false"],
      ['inserted into the enum column', "INSERT INTO rooms (id, kind) VALUES (2, 'archived')"],
      ['inserted without a column list', "INSERT INTO rooms VALUES (2, 'archived')"],
      ['SET DEFAULT of the enum column', "ALTER TABLE rooms ALTER COLUMN kind SET DEFAULT 'archived'"],
      ['a CHECK on the enum column', "ALTER TABLE rooms ADD CONSTRAINT not_archived CHECK (kind <> 'archived')"],
      ['an index predicate', "CREATE INDEX ON rooms (id) WHERE kind = 'archived'"],
      ['a SQL function body, which PostgreSQL checks when it creates it', "CREATE FUNCTION archived_kind() RETURNS room_kind LANGUAGE sql AS $$ SELECT 'archived'::room_kind $$"],
      ['a DO block, which runs now', "DO $$ BEGIN UPDATE rooms SET kind = 'archived' WHERE false; END $$"],
      ['compared to the column through a CTE and a subquery', "WITH r AS (SELECT kind FROM rooms) SELECT 1 FROM r, (SELECT kind AS k FROM rooms) q WHERE r.kind = q.k OR q.k = 'archived'"],
      ['COALESCE with the enum column', "SELECT coalesce(kind, 'archived') FROM rooms"],
      ['inserted by INSERT ... SELECT', "INSERT INTO rooms (id, kind) SELECT id, 'archived' FROM bookings"],
      ['ON CONFLICT DO UPDATE', "INSERT INTO rooms (id, kind) VALUES (1, 'single') ON CONFLICT (id) DO UPDATE SET note = 'x' WHERE excluded.kind <> 'archived'"],
      ['a row assigned to the enum column', "UPDATE rooms SET (kind, note) = ('archived', 'x')"],
      ['ALTER COLUMN ... TYPE ... USING', "ALTER TABLE rooms ALTER COLUMN note TYPE room_kind USING 'archived'"],
      ['tested against a query of the enum column', "SELECT 1 WHERE 'archived' IN (SELECT kind FROM rooms)"],
    ])('an error where it becomes the enum: %s', async (_, statement) => {
      expect(await judge(statement)).toEqual({ rule: 'error', server: REFUSED });
    });

    test('in a DO block: a branch no run takes is never planned and is no finding; one a run may take is a warning that says so; PERFORM counts', async () => {
      for (const never of [
        "DO $$ BEGIN IF false THEN PERFORM 'archived'::room_kind; END IF; END $$",
        "DO $$ BEGIN IF true THEN NULL; ELSE UPDATE rooms SET kind = 'archived'; END IF; END $$",
        "DO $$ BEGIN WHILE false LOOP INSERT INTO rooms (id, kind) VALUES (1, 'archived'); END LOOP; END $$",
      ]) {
        expect([never, await judge(never)]).toEqual([never, { rule: null, server: null }]);
      }
      // rooms is empty: the first branch is not taken, the second is, and only that one fails on the server.
      expect(await judge("DO $$ BEGIN IF (SELECT count(*) FROM rooms) > 0 THEN UPDATE rooms SET kind = 'archived'; END IF; END $$")).toEqual({ rule: 'warning', server: null });
      const taken = "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM rooms) THEN PERFORM 'archived'::room_kind; END IF; END $$";
      expect(await judge(taken)).toEqual({ rule: 'warning', server: REFUSED });
      const [d] = await unwrapped(file(taken));
      expect(d!.message).toBe(
        "If this branch runs, 'archived' in it is the room_kind value that ALTER TYPE ... ADD VALUE at line 2 adds in the same transaction: PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04). PL/pgSQL plans a statement of a DO block only when it runs it: a branch not taken fails nothing.",
      );
      // Outside any branch it runs now, PERFORM too.
      expect(await judge("DO $$ BEGIN PERFORM 'archived'::room_kind; END $$")).toEqual({ rule: 'error', server: REFUSED });
    });

    test('a warning where the file does not tell the column type: a table made by another migration', async () => {
      // In the test database bookings.guest is text, so these run; were it a room_kind column, they would fail.
      for (const statement of ["UPDATE bookings SET guest = 'archived' WHERE id = 0", "SELECT id FROM bookings WHERE guest IN ('archived')"]) {
        expect(await judge(statement)).toEqual({ rule: 'warning', server: null });
      }
      const [d] = await unwrapped(file("SELECT id FROM bookings WHERE guest = 'archived'"));
      expect(d!.message).toBe(
        "If 'archived' here is a room_kind value, it is the one ALTER TYPE ... ADD VALUE at line 2 adds in the same transaction: PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04).",
      );
    });

    test('the column types come from the schema it is given: what earlier migrations left tells a text column from an enum one', async () => {
      const statement = (sql: string) => ({ [parseOne(sql)![0]]: parseOne(sql)![1] });
      const update = statement("UPDATE job SET label = 'archived' WHERE label IS NULL");
      const insert = statement("INSERT INTO job VALUES (1, 'archived')");
      expect(valueUse(update, 'archived', { name: 'status' }, new DeclaredSchema())).toBe('maybe');
      expect(valueUse(insert, 'archived', { name: 'status' }, new DeclaredSchema())).toBe('maybe');
      const before = new DeclaredSchema();
      before.learn(...parseOne('CREATE TABLE job (id int PRIMARY KEY, s status, label text)')!);
      const file = new DeclaredSchema(before);
      expect(valueUse(update, 'archived', { name: 'status' }, file)).toBeNull();
      expect(valueUse(insert, 'archived', { name: 'status' }, file)).toBe('enum');
      // What the file changes, it changes in its own copy: the schema before it stays as it was.
      file.learn(...parseOne('ALTER TABLE job ALTER COLUMN label TYPE status USING label::status')!);
      expect(valueUse(update, 'archived', { name: 'status' }, file)).toBe('enum');
      expect(valueUse(update, 'archived', { name: 'status' }, before)).toBeNull();
    });

    test('a file that adds the value and uses it only as text, its table made before: the text uses pass, the unknown columns stay warnings', async () => {
      const sql =
        "ALTER TYPE room_kind ADD VALUE IF NOT EXISTS 'archived';\nSELECT count(*) FROM bookings WHERE guest::text IN ('single', 'archived');\nUPDATE bookings SET guest = 'archived' WHERE guest IS NULL;\n";
      expect((await unwrapped(sql)).map((d) => [d.line, d.severity])).toEqual([[3, 'warning']]);
      expect(await inOneTransaction(sql)).toBeNull();
    });

    test('IF NOT EXISTS: a first run adds the value and fails on its use; a value the type holds already is not new', async () => {
      const firstRun = "ALTER TYPE room_kind ADD VALUE IF NOT EXISTS 'archived';\nSELECT 'archived'::room_kind;\n";
      expect(await unwrapped(firstRun)).toMatchObject([{ line: 2, message: expect.stringMatching(/^'archived' is the room_kind value/) }]);
      expect(await inOneTransaction(firstRun)).toBe(REFUSED);
      const held = "CREATE TYPE shade AS ENUM ('dark');\nALTER TYPE shade ADD VALUE IF NOT EXISTS 'dark';\nSELECT 'dark'::shade;\n";
      expect(await unwrapped(held)).toEqual([]);
      expect(await inOneTransaction(held)).toBeNull();
      // Committed by an earlier transaction of the file, the value is there when IF NOT EXISTS meets it again.
      const again = "BEGIN;\nCREATE TYPE shade AS ENUM ('dark');\nALTER TYPE shade ADD VALUE 'light';\nCOMMIT;\nALTER TYPE shade ADD VALUE IF NOT EXISTS 'light';\nSELECT 'light'::shade;\n";
      expect(await unwrapped(again)).toEqual([]);
      expect(await runAsOneQuery(again)).toBeNull();
      await client.query('DROP TYPE shade');
    });

    test('a new value renamed is still new; an old one renamed is not; a domain over the type takes it too', async () => {
      const renamedNew = "ALTER TYPE room_kind ADD VALUE 'archived';\nALTER TYPE room_kind RENAME VALUE 'archived' TO 'retired';\nSELECT 'retired'::room_kind;\n";
      expect(await unwrapped(renamedNew)).toMatchObject([{ line: 3, message: expect.stringMatching(/^'retired' is the room_kind value that ALTER TYPE \.\.\. ADD VALUE at line 1/) }]);
      expect(await inOneTransaction(renamedNew)).toBe('unsafe use of new value "retired" of enum type room_kind');
      const renamedOld = "ALTER TYPE room_kind ADD VALUE 'archived';\nALTER TYPE room_kind RENAME VALUE 'single' TO 'solo';\nSELECT 'solo'::room_kind;\n";
      expect(await unwrapped(renamedOld)).toEqual([]);
      expect(await inOneTransaction(renamedOld)).toBeNull();
      const domain = "CREATE DOMAIN room_kind_d AS room_kind;\nALTER TYPE room_kind ADD VALUE 'archived';\nSELECT 'archived'::room_kind_d;\n";
      expect(await unwrapped(domain)).toMatchObject([{ line: 3, message: expect.stringMatching(/^'archived' is the room_kind value/) }]);
      expect(await inOneTransaction(domain)).toBe(REFUSED);
    });

    test("each runner's transaction decides as before: golang-migrate's one query and goose's transaction fail, goose NO TRANSACTION does not", async () => {
      const sql = file("UPDATE rooms SET kind = 'archived' WHERE false");
      const refused = [{ line: 3, message: expect.stringMatching(/^'archived' is the room_kind value/) }];
      // golang-migrate wraps nothing, but sends the file as one query: one implicit transaction.
      expect(await lint(sql, 'golang-migrate')).toMatchObject(refused);
      expect(await runAsOneQuery(sql)).toBe(REFUSED);
      expect(await lint(sql, 'goose')).toMatchObject(refused);
      expect(await optedOut(sql)).toEqual([]);
      const steps = await runSteps(['CREATE TABLE rooms (id int, kind room_kind)', "ALTER TYPE room_kind ADD VALUE 'archived_by_steps'", "UPDATE rooms SET kind = 'archived_by_steps' WHERE false"]);
      expect(steps.errors).toEqual([null, null, null]);
      await client.query('DROP TABLE rooms');
    });
  });

  test('Supabase runs CONCURRENTLY, VACUUM, ALTER SYSTEM and CLUSTER on their own: fine alone, a split transaction beside others', async () => {
    const supabase = (sql: string) => lint(sql, 'supabase');
    // Its own file: the CLI (2.109+) flushes the batch and runs the statement by itself, as written.
    expect(await supabase('CREATE INDEX CONCURRENTLY bookings_guest ON bookings (guest);\n')).toEqual([]);
    expect(await supabase('DROP INDEX CONCURRENTLY IF EXISTS bookings_guest;\n')).toEqual([]);
    // Its pattern is any CLUSTER; only the bare one (every clustered table) needs it (supabase/cli#5156).
    expect(await supabase('CLUSTER;\n')).toEqual([]);
    // The same statement in a wrapping runner without that step is still an error.
    expect(await lint('CREATE INDEX CONCURRENTLY bookings_guest ON bookings (guest);\n', 'dbmate')).toMatchObject([{ line: 1 }]);

    const [split, ...rest] = await supabase('ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\nCREATE INDEX CONCURRENTLY bookings_note ON bookings (note);\n');
    expect(rest).toEqual([]);
    expect(split).toMatchObject({ line: 2, severity: 'warning', suggestion: 'Move it to a migration of its own, with no other statements.' });
    expect(split!.message).toBe(
      "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, so the Supabase CLI runs it on its own, outside the transaction of the file's 1 other statement(s): the file no longer applies all or nothing, and a failure after it leaves the file half-applied and unrecorded. Supabase CLIs before 2.109 refuse it in a migration (SQLSTATE 25001).",
    );

    // What the CLI does not take out of the batch fails in it, alone or not: not a migration at all.
    const [reindex] = await supabase('REINDEX (CONCURRENTLY) TABLE bookings;\n');
    expect(reindex).toMatchObject({ line: 1, message: 'REINDEX CONCURRENTLY cannot run inside a transaction block, and the Supabase CLI runs this file in one.' });
    expect(reindex!.severity).toBeUndefined();
    expect(reindex!.suggestion).toMatch(/^The Supabase CLI takes only CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM, ALTER SYSTEM, CLUSTER, CREATE DATABASE, .* out of a file's transaction: run this statement outside the migrations \(e\.g\. with psql\)\.$/);
  });

  test("Supabase takes out what its patterns match by first words, after comments, in any case: CLUSTER <table> too, REINDEX (CONCURRENTLY) not", async () => {
    const supabase = (sql: string) => lint(sql, 'supabase');
    const add = 'ALTER TABLE bookings ADD COLUMN IF NOT EXISTS note text;\n';
    // CLUSTER <table> runs in a transaction, but /^CLUSTER(?:\s|$)/ takes it out of the file's all the same.
    expect(await supabase('CLUSTER bookings USING bookings_pkey;\n')).toEqual([]);
    const [cluster, ...rest] = await supabase(`${add}-- re-order\ncluster bookings using bookings_pkey;\n`);
    expect(rest).toEqual([]);
    expect(cluster).toMatchObject({ line: 3, severity: 'warning', suggestion: 'Move it to a migration of its own, with no other statements.' });
    expect(cluster!.message).toBe(
      "The Supabase CLI runs every CLUSTER statement, this one too though it could run in a transaction, on its own, outside the transaction of the file's 1 other statement(s): the file no longer applies all or nothing, and a failure after it leaves the file half-applied and unrecorded.",
    );
    // Runners that keep it in their transaction: nothing to say.
    expect(await lint(`${add}CLUSTER bookings USING bookings_pkey;\n`, 'dbmate')).toEqual([]);
    // The parenthesised option has no blank before CONCURRENTLY: the CLI leaves it in the batch, where it fails.
    const [reindex] = await supabase('REINDEX (CONCURRENTLY) TABLE bookings;\n');
    expect(reindex).toMatchObject({ line: 1, message: 'REINDEX CONCURRENTLY cannot run inside a transaction block, and the Supabase CLI runs this file in one.' });
    expect(await supabase('REINDEX TABLE CONCURRENTLY bookings;\n')).toEqual([]);
  });

  describe("seed 004's BEGIN/COMMIT files: fine under psql, redundant in a wrapped runner, harmful when COMMIT comes early", () => {
    const sql = 'BEGIN;\n\nCREATE TABLE IF NOT EXISTS new_table (id uuid PRIMARY KEY);\nALTER TABLE new_table ENABLE ROW LEVEL SECURITY;\n\nCOMMIT;\n';
    const file = 'CREATE TABLE IF NOT EXISTS new_table (id uuid PRIMARY KEY); ALTER TABLE new_table ENABLE ROW LEVEL SECURITY';

    test('under psql nothing to say; a runner that opens a transaction warns twice, and its history row is committed apart', async () => {
      expect(await unwrapped(sql)).toEqual([]);
      const [begin, commit] = await lint(sql, 'dbmate');
      expect(begin).toMatchObject({ line: 1, severity: 'warning', fix: { line: 1, endLine: 1, replacement: '' } });
      expect(begin!.message).toBe(
        'BEGIN inside a file dbmate already runs in a transaction: PostgreSQL only warns "there is already a transaction in progress", and a COMMIT in the file ends dbmate\'s transaction, not a nested one.',
      );
      // PostgreSQL only warns, but dbmate's driver (lib/pq) refuses to commit an idle session: dbmate reports a failure.
      expect(commit).toMatchObject({ line: 6, fix: { line: 6, endLine: 6, replacement: '' } });
      expect(commit!.severity).toBeUndefined();
      expect(commit!.message).toBe(
        'COMMIT ends dbmate\'s transaction before dbmate records the migration, so dbmate\'s own COMMIT then fails: its driver, lib/pq, finds no transaction to commit ("pq: unexpected transaction status idle"), and dbmate reports the migration failed and stops there, though the file and its history row are both committed, apart from each other.',
      );
      expect(commit!.suggestion).toBe('Remove it and the BEGIN that opens it: dbmate then commits the file together with its history row.');
      // dbmate: BEGIN, the file as one query, its history row, COMMIT. A failure after the file's COMMIT keeps the file.
      const run = await runSteps(['BEGIN', `BEGIN; ${file}; COMMIT`, 'CREATE TABLE history_row ()', 'SELECT 1/0', 'COMMIT']);
      expect(run.warnings).toEqual(['there is already a transaction in progress', 'there is no transaction in progress']);
      expect(await kept('new_table', 'history_row')).toEqual(['history_row', 'new_table']);
    });

    test('the Supabase CLI runs the file as written: BEGIN is silent, and COMMIT splits the file from its history row', async () => {
      const [begin, commit] = await lint(sql, 'supabase');
      expect(begin).toMatchObject({ line: 1, severity: 'warning', fix: { line: 1, endLine: 1, replacement: '' } });
      expect(begin!.message).toBe(
        'BEGIN is not needed: the Supabase CLI applies a file and its history row as one transaction by itself. PostgreSQL raises no warning, but a COMMIT in the file ends the transaction before the Supabase CLI records the migration.',
      );
      expect(begin!.suggestion).toBe('Remove the BEGIN and its COMMIT: the Supabase CLI commits the file together with its history row.');
      expect(commit!.message).toBe(
        "COMMIT ends the file's transaction before the Supabase CLI records the migration: the history row is committed apart from the file's changes.",
      );
      // One statement at a time, then its history row: one that fails leaves the file's changes in place.
      const steps = await runSteps(['BEGIN', ...file.split('; '), 'COMMIT', 'INSERT INTO missing_history VALUES (1)']);
      expect(steps.errors).toEqual([null, null, null, null, 'relation "missing_history" does not exist']);
      expect(steps.warnings).toEqual([]);
      expect(await kept('new_table')).toEqual(['new_table']);
    });

    test('a COMMIT in the middle ends the runner\'s transaction: what follows runs as each runner sends it', async () => {
      const early = 'BEGIN;\nCREATE TABLE t_before (id int);\nCOMMIT;\nCREATE TABLE t_after (id int);\n';
      const message = async (preset: PresetName) => (await lint(early, preset)).find((d) => d.line === 3)!;
      const dbmate = await message('dbmate');
      expect(dbmate.severity).toBeUndefined();
      expect(dbmate.message).toBe(
        "COMMIT at line 3 ends dbmate's transaction in the middle of the file: the 1 statement(s) after it run as a second transaction, so a failure there leaves the migration half-applied and unrecorded. " +
          'Even when they succeed, dbmate\'s own COMMIT then fails, as its driver, lib/pq, finds no transaction to commit ("pq: unexpected transaction status idle"), and dbmate reports the migration failed though it is applied and recorded.',
      );
      expect((await message('goose')).message).toContain("the 1 statement(s) after it and goose's history row run outside any transaction");
      expect((await message('supabase')).message).toBe(
        "COMMIT at line 3 ends the file's transaction in the middle of the file: the 1 statement(s) after it no longer run in one transaction with those before it, so a failure there leaves the migration half-applied and unrecorded.",
      );
      const failing = ['BEGIN', 'CREATE TABLE t_before (id int)', 'COMMIT', 'CREATE TABLE t_after (id int)', 'SELECT 1/0'];
      // dbmate: the file as one query in its transaction; what follows the COMMIT is rolled back with the failure.
      await runSteps(['BEGIN', `${failing.join('; ')}`, 'ROLLBACK']);
      expect(await kept('t_before', 't_after')).toEqual(['t_before']);
      // goose: one statement at a time; what follows the COMMIT is committed statement by statement.
      await runSteps(['BEGIN', ...failing, 'ROLLBACK']);
      expect(await kept('t_before', 't_after')).toEqual(['t_after', 't_before']);
      // The Supabase CLI runs a file holding a COMMIT as written, one statement at a time: what follows it commits statement by statement.
      await runSteps(failing);
      expect(await kept('t_before', 't_after')).toEqual(['t_after', 't_before']);
    });
  });

  test('COMMIT without BEGIN: a warning that commits nothing statement by statement, but splits a file sent as one query', async () => {
    const drafts = await unwrapped('COMMIT;\nBEGIN;\nSTART TRANSACTION;\nCOMMIT;');
    expect(drafts.map((d) => [d.line, d.severity, d.message.split(':')[0]])).toEqual([
      [1, 'warning', 'COMMIT without a BEGIN before it'],
      [3, 'warning', 'START TRANSACTION while the transaction opened at line 2 is still open'],
    ]);

    const sql = 'CREATE TABLE t_before (id int);\nCOMMIT;\nCREATE TABLE t_after (id int);\n';
    const [golang] = await lint(sql, 'golang-migrate');
    expect(golang).toMatchObject({ line: 2, severity: 'warning' });
    expect(golang!.message).toBe(
      'COMMIT without a BEGIN before it: PostgreSQL warns "there is no transaction in progress" and commits the 1 statement(s) before it, so the statements before and after it run as two transactions and a failure after it leaves the file half-applied: golang-migrate sends the file as one query (unless x-multi-statement is on).',
    );
    expect((await optedOut(sql))[0]!.message).toBe('COMMIT without a BEGIN before it: there is no transaction in progress, so it only raises a warning and commits nothing.');
    expect((await unwrapped(sql))[0]!.message).toBe(
      'COMMIT without a BEGIN before it: PostgreSQL warns "there is no transaction in progress"; run statement by statement (psql -f) it commits nothing, but in a file sent as one query it commits the 1 statement(s) before it, so the statements before and after it run as two transactions and a failure after it leaves the file half-applied.',
    );
    const run = await runSteps([`${sql} SELECT 1/0`]);
    expect(run.warnings).toEqual(['there is no transaction in progress']);
    expect(await kept('t_before', 't_after')).toEqual(['t_before']);
  });
});

test('the column types come from the migrations before the file: an enum column is certain, a text one says nothing', async () => {
  const root = makeTree({
    'migrations/001_a.sql': "CREATE TYPE status AS ENUM ('new', 'done');\nCREATE TABLE IF NOT EXISTS job (id int PRIMARY KEY, s status, label text);\n",
    'migrations/002_b.sql':
      "ALTER TYPE status ADD VALUE IF NOT EXISTS 'archived';\n" +
      "SELECT count(*) FROM job WHERE s::text IN ('done', 'archived');\n" +
      "UPDATE job SET label = 'archived' WHERE label IS NULL;\n" +
      "INSERT INTO job (id, s, label) VALUES (1, 'done', 'archived') ON CONFLICT DO NOTHING;\n" +
      "UPDATE job SET s = 'archived' WHERE id = 1;\n",
  });
  try {
    const report = await runGate(await resolveOptions({ root, paths: ['migrations'], dryRun: false, all: true }));
    // An error: 001 makes status without 'archived', so ADD VALUE IF NOT EXISTS adds it in 002's transaction.
    expect(report.findings.filter((f) => f.rule === 'transaction-unsafe').map((f) => [f.file, f.line, f.severity])).toEqual([
      ['migrations/002_b.sql', 5, 'error'],
    ]);
  } finally {
    removeTree(root);
  }
});

describe('a new enum value: the type as PostgreSQL names it (renamed, schema-qualified, quoted) and goose queries of several statements', () => {
  /** The file run as one query on PostgreSQL 15 and on PGlite, after `setup`: each one's error or null. */
  async function servers(setup: string, sql: string): Promise<[string | null, string | null]> {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await createScratchDatabase(`gate_enum_names_${process.pid}`);
    const lite = new PGlite();
    const run = async (query: (q: string) => Promise<unknown>) => {
      await query(setup);
      return query(sql).then(() => null, (e: Error) => e.message);
    };
    try {
      return [await run((q) => db.client.query(q)), await run((q) => lite.exec(q))];
    } finally {
      await lite.close();
      await db.drop();
    }
  }

  test("Prisma's enum swap: the column follows the type renamed in an earlier migration, and the advice quotes the name", async () => {
    const swap = [
      'CREATE TYPE "Role" AS ENUM (\'USER\', \'GUEST\');\nCREATE TABLE "User" ("id" SERIAL NOT NULL, "role" "Role" NOT NULL DEFAULT \'USER\');\n',
      'BEGIN;\nCREATE TYPE "Role_new" AS ENUM (\'USER\');\nALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;\nALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");\nALTER TYPE "Role" RENAME TO "Role_old";\nALTER TYPE "Role_new" RENAME TO "Role";\nDROP TYPE "Role_old";\nALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT \'USER\';\nCOMMIT;\n',
    ];
    const add = 'ALTER TYPE "Role" ADD VALUE \'OWNER\';\n\nALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT \'OWNER\';\n';
    expect(await servers(swap.join(''), add)).toEqual(Array(2).fill('unsafe use of new value "OWNER" of enum type "Role"'));
    const root = makeTree({
      'prisma/migrations/20240101000000_init/migration.sql': swap[0]!,
      'prisma/migrations/20240102000000_drop_guest/migration.sql': swap[1]!,
      'prisma/migrations/20240103000000_add_owner/migration.sql': add,
    });
    try {
      const report = await runGate(await resolveOptions({ root, preset: 'prisma', dryRun: false, all: true }));
      const found = report.findings.filter((f) => f.rule === 'transaction-unsafe');
      expect(found).toMatchObject([{ file: 'prisma/migrations/20240103000000_add_owner/migration.sql', line: 3, severity: 'error' }]);
      expect(found[0]!.message).toMatch(/^'OWNER' is the "Role" value that ALTER TYPE \.\.\. ADD VALUE at line 1 adds/);
      expect(found[0]!.suggestion).toBe('Move ALTER TYPE "Role" ADD VALUE \'OWNER\' to a migration of its own that runs before this one, so that it commits first.');
    } finally {
      removeTree(root);
    }
    // In one file: the swapped type has only the values of the new one, so IF NOT EXISTS of an old one adds it again.
    const oneFile = "CREATE TYPE role AS ENUM ('user', 'guest');\nCREATE TYPE role_new AS ENUM ('user');\nCREATE TABLE users (role role_new);\nALTER TYPE role RENAME TO role_old;\nALTER TYPE role_new RENAME TO role;\nALTER TYPE role ADD VALUE IF NOT EXISTS 'guest';\nUPDATE users SET role = 'guest';\n";
    // PGlite takes a value added to a type made in the same transaction (checked): PostgreSQL 15 refuses it.
    expect(await servers('', oneFile)).toEqual(['unsafe use of new value "guest" of enum type role', null]);
    expect(await lint(oneFile)).toMatchObject([{ line: 7, message: expect.stringMatching(/^'guest' is the role value/) }]);
  });

  test('an enum of another schema is another type: no finding; an unqualified one that may be it is a warning', async () => {
    const setup = "CREATE SCHEMA billing;\nCREATE TYPE public.status AS ENUM ('active', 'closed');\nCREATE TYPE billing.status AS ENUM ('active');\nCREATE TABLE public.accounts (id int, state public.status);\n";
    const other = "ALTER TYPE billing.status ADD VALUE 'closed';\nUPDATE public.accounts SET state = 'closed' WHERE id = 1;\n";
    expect(await servers(setup, other)).toEqual([null, null]);
    expect(await lint(setup + other)).toEqual([]);
    const same = "ALTER TYPE public.status ADD VALUE 'frozen';\nUPDATE accounts SET state = 'frozen' WHERE id = 1;\n";
    expect(await servers(setup, same)).toEqual(Array(2).fill('unsafe use of new value "frozen" of enum type status'));
    expect(await lint(setup + same)).toMatchObject([{ line: 6, message: expect.stringMatching(/^'frozen' is the public\.status value/) }]);
    // An unqualified column type may be billing's, by the search_path: it says if.
    const maybe = "CREATE TABLE ledger (state status);\nALTER TYPE billing.status ADD VALUE 'frozen';\nINSERT INTO ledger VALUES ('frozen');\n";
    expect(await lint(maybe)).toMatchObject([{ line: 3, severity: 'warning', message: expect.stringMatching(/^If 'frozen' here is a billing\.status value/) }]);
  });

  test('goose NO TRANSACTION: a StatementBegin block or a line holding the new value and its use is one query, one implicit transaction', async () => {
    const setup = "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE t (m mood);\n";
    const block = "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'b';\nUPDATE t SET m = 'b' WHERE m = 'a';";
    expect(await servers(setup, block)).toEqual(Array(2).fill('unsafe use of new value "b" of enum type mood'));
    // The type and table first, each a query of its own (lines 3 and 4).
    const goose = (up: string) => lintDiscovered({ 'db/00002_b.sql': `-- +goose NO TRANSACTION\n-- +goose Up\n${setup}${up}\n` }, 'goose');
    expect(await goose(`-- +goose StatementBegin\n${block}\n-- +goose StatementEnd`)).toMatchObject([{ line: 7, message: expect.stringMatching(/^'b' is the mood value/) }]);
    expect(await goose(block.replace('\n', ' '))).toMatchObject([{ line: 5, message: expect.stringMatching(/^'b' is the mood value/) }]);
    // Each on a line of its own, goose sends them as two queries: the first commits before the second.
    expect(await goose(block)).toEqual([]);
  });
});
