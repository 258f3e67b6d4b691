// apply against a real server: recording, one deploy at a time, failure without half-recorded state,
// a deploy killed mid-file, refusal on drift and on another runner's table.

import { spawn } from 'node:child_process';
import type { Migration } from '../../src/migration.js';
import type { GateOptions } from '../../src/options.js';
import { applyPending, type ApplyResult } from '../../src/deploy/apply.js';
import { readHistoryTable } from '../../src/history/read-table.js';
import { UserError } from '../../src/errors.js';
import { checksum } from '../../src/checksum/index.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { scratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { connectTestServer } from '../support/postgres.js';
import { makeTree, removeTree } from '../support/repo.js';
import { runCli } from '../../src/cli.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { discover } from '../../src/discover/index.js';

let db: ScratchDatabase;
beforeAll(async () => (db = await scratchDatabase('apply')));
afterAll(async () => db.drop());

/** Each test works in its own schema, so the history tables of different tests never meet. */
async function freshSchema(name: string): Promise<GateOptions> {
  await db.client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE; CREATE SCHEMA ${name}`);
  return testOptions({
    mode: 'deploy',
    dryRun: { ...testOptions().dryRun, databaseUrl: `${db.url}?options=${encodeURIComponent(`-c search_path=${name}`)}` },
  });
}

function collect(): { log(line: string): void; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (l) => lines.push(l) };
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await db.client.query(sql)).rows;
}

/** `migration-gate` on a folder tree made for the call, as a user runs it. */
async function cli(files: Record<string, string>, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = makeTree(files);
  try {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root, color: false });
    return { code, stdout, stderr };
  } finally {
    removeTree(root);
  }
}

describe('applyPending', () => {
  it('creates a seed-001-style table, records each file with its checksum and duration, and skips them next time', async () => {
    const options = await freshSchema('a_basic');
    const ms = [
      migration('migrations/001_users.sql', 'create table users(id int primary key);\n'),
      migration('migrations/002_index.sql', 'create index concurrently users_id on users(id);\n'),
      migration('migrations/003_posts.sql', 'BEGIN;\ncreate table posts(id int);\nCOMMIT;\n'),
      // As discovery reads them under the generic preset: its runner is not known to wrap a file in a transaction.
    ].map((m) => ({ ...m, runnerWraps: false }));
    const io = collect();
    const first = await applyPending(options, ms, io);
    expect(first).toEqual({ applied: ms.map((m) => m.file), skipped: [], total: 3 });
    expect(io.lines.at(-1)).toBe('3 applied, 0 skipped, 3 total');
    const recorded = await rows(`SELECT version, name, checksum, execution_time_ms, applied_by FROM a_basic.schema_migrations ORDER BY version`);
    expect(recorded.map((r) => [r.version, r.name, r.checksum])).toEqual(ms.map((m) => [m.version, m.name, checksum('sha256', m.bytes)]));
    expect(recorded.every((r) => typeof r.execution_time_ms === 'number' && r.applied_by === 'postgres')).toBe(true);
    expect(await rows(`SELECT indexname FROM pg_indexes WHERE schemaname = 'a_basic' AND indexname = 'users_id'`)).toHaveLength(1);

    const again = collect();
    expect(await applyPending(options, ms, again)).toEqual({ applied: [], skipped: ms.map((m) => m.file), total: 3 });
    expect(again.lines).toEqual(['0 applied, 3 skipped, 3 total']);
  });

  it('applies each migration exactly once when two deploys start at once', async () => {
    const options = await freshSchema('a_race');
    await db.client.query(`CREATE TABLE a_race.runs(version text)`);
    const ms = ['001_one', '002_two', '003_three'].map((n, i) =>
      migration(`migrations/${n}.sql`, `select pg_sleep(${i === 0 ? 0.4 : 0});\ninsert into runs values ('${n}');\n`),
    );
    const [a, b] = await Promise.all([applyPending(options, ms, collect()), applyPending(options, ms, collect())]);
    expect([a.applied.length, b.applied.length].sort()).toEqual([0, 3]);
    expect([a.skipped.length, b.skipped.length].sort()).toEqual([0, 3]);
    expect((await rows(`SELECT version FROM a_race.runs ORDER BY version`)).map((r) => r.version)).toEqual(['001_one', '002_two', '003_three']);
    expect(await rows(`SELECT 1 FROM a_race.schema_migrations`)).toHaveLength(3);
  });

  it('makes a second deploy wait for the lock, then fail naming the session that holds it', async () => {
    const options = await freshSchema('a_wait');
    const slow = [migration('migrations/001_slow.sql', 'select pg_sleep(1.5);\n')];
    const first = applyPending(options, slow, collect());
    await new Promise((r) => setTimeout(r, 400));
    const t0 = Date.now();
    await expect(applyPending(options, slow, collect(), { lockWaitMs: 300 })).rejects.toThrow(
      /Another deploy is applying migrations to .*\*\*\*.*pid \d+, migration-gate apply/,
    );
    expect(Date.now() - t0).toBeLessThan(1200);
    expect((await first).applied).toEqual(['migrations/001_slow.sql']);
  });

  it('stops at a failing file: its partial changes are rolled back, it is not recorded, nothing after it runs', async () => {
    const options = await freshSchema('a_fail');
    const ms = [
      migration('migrations/001_ok.sql', 'create table ok(id int);\n'),
      migration('migrations/002_bad.sql', 'create table half(id int);\n\ninsert into half values (1);\nselect * from no_such_table;\n'),
      migration('migrations/003_after.sql', 'create table after_bad(id int);\n'),
    ];
    const io = collect();
    const result = await applyPending(options, ms, io);
    expect(result.applied).toEqual(['migrations/001_ok.sql']);
    expect(result.failed?.file).toBe('migrations/002_bad.sql');
    expect(result.failed?.error).toMatch(/^migrations\/002_bad\.sql:4:\d+: relation "no_such_table" does not exist/);
    expect(io.lines.at(-1)).toBe('1 applied, 0 skipped, 3 total');
    expect(await rows(`SELECT version FROM a_fail.schema_migrations`)).toEqual([{ version: '001' }]);
    expect(await rows(`SELECT 1 FROM pg_tables WHERE schemaname = 'a_fail' AND tablename IN ('half', 'after_bad')`)).toEqual([]);
  });

  it("names a templated file's failure at the file's own line and column, after a value of another length", async () => {
    const options = { ...(await freshSchema('a_tpl')), placeholders: { table: 'people_everywhere', col: 'id' } };
    const people = migration('migrations/001_people.sql', 'create table ${table} (id int, email text);\n');
    const typo = migration('migrations/002_report.sql', '-- report\nselect ${col}, emial from ${table};\n');
    const io = collect();
    const result = await applyPending(options, [people, typo], io);
    expect(result.applied).toEqual(['migrations/001_people.sql']);
    expect(result.failed?.error).toBe(`migrations/002_report.sql:2:${'select ${col}, '.length + 1}: column "emial" does not exist`);
    expect(io.lines).toContain(`failed migrations/002_report.sql: ${result.failed?.error}`);
    expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_tpl'`)).toEqual(
      expect.arrayContaining([{ tablename: 'people_everywhere' }]),
    );
  });

  it('feeds inline COPY rows to their COPY, as psql does; a bad row fails the file at its own line', async () => {
    const options = await freshSchema('a_copy');
    const dump = migration(
      'migrations/001_dump.sql',
      'create table t (id int primary key, name text);\nCOPY t (id, name) FROM stdin;\n1\tone; -- data\n2\ttwo\n\\.\n\ncreate index t_name on t (name);\n',
    );
    const bad = migration('migrations/002_bad.sql', 'insert into t values (3, \'three\');\nCOPY t FROM stdin;\n4\tfour\nfive\t5\n\\.\n');
    const result = await applyPending(options, [dump, bad], collect());
    expect(result.applied).toEqual(['migrations/001_dump.sql']);
    expect(result.failed?.error).toBe('migrations/002_bad.sql:4:1: invalid input syntax for type integer: "five"');
    expect(await rows(`SELECT id, name FROM a_copy.t ORDER BY id`)).toEqual([
      { id: 1, name: 'one; -- data' },
      { id: 2, name: 'two' },
    ]);
  });

  it("sends a file the parser cannot read whole, and maps the server's position to the file", async () => {
    const options = { ...(await freshSchema('a_whole')), placeholders: { table: 'people_everywhere' } };
    const broken = migration('migrations/001_broken.sql', 'create table ${table} (id int);\ninsert into ${table} values (1) (2);\n');
    const result = await applyPending(options, [broken], collect());
    expect(result.failed?.error).toBe(`migrations/001_broken.sql:2:${'insert into ${table} values (1) '.length + 1}: syntax error at or near "("`);
  });

  it('refuses to apply, before any file runs, when a placeholder has no value (it would make objects named after its stand-in)', async () => {
    const options = await freshSchema('a_unset');
    const root = makeTree({
      'migrations/001_people.sql': 'create table ${table} (id int);\n',
      'migrations/002_report.sql': '-- report\nselect ${col},\n       ${col}, ${missing} from ${table};\n',
    });
    try {
      let stdout = '';
      let stderr = '';
      const argv = ['apply', 'migrations', '--database-url', options.dryRun.databaseUrl!, '--placeholder', 'table=people', '--placeholder', 'col=id'];
      const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root, color: false });
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toBe(
        'migration-gate: Not applying: a placeholder has no value, and would run as a stand-in name:\n' +
          '- migrations/002_report.sql:3: ${missing} (missing)\n' +
          'Give each a value under placeholders in .migration-gate.yml or with --placeholder <name>=VALUE, then apply again.\n',
      );
      // Nothing ran, the file with every value included: a deploy is all the files or none of them.
      expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_unset'`)).toEqual([]);
    } finally {
      removeTree(root);
    }
  });

  it('refuses to apply when an applied file was edited, and names it', async () => {
    const options = await freshSchema('a_drift');
    const v1 = migration('migrations/001_a.sql', 'create table a(id int);\n');
    await applyPending(options, [v1], collect());
    const edited = migration('migrations/001_a.sql', 'create table a(id bigint);\n');
    const next = migration('migrations/002_b.sql', 'create table b(id int);\n');
    const attempt = applyPending(options, [edited, next], collect());
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(/edited after table:a_drift\.schema_migrations recorded them \(checksum-drift\):\n- migrations\/001_a\.sql/);
    expect(await rows(`SELECT 1 FROM pg_tables WHERE schemaname = 'a_drift' AND tablename = 'b'`)).toEqual([]);
  });

  it('with apply.lock-timeout-ms a file that waits on a busy table gives up, keeps nothing, and says what to do', async () => {
    const options = { ...(await freshSchema('a_locks')), apply: { lockTimeoutMs: 300 } };
    await applyPending(options, [migration('migrations/001_orders.sql', 'create table orders(id int);\n')], collect());
    const next = migration('migrations/002_note.sql', 'create table notes(id int);\nalter table orders add column note text;\n');
    // Another session reads the table in a long transaction: ADD COLUMN needs ACCESS EXCLUSIVE and must wait.
    const reader = await connectTestServer(db.name);
    await reader.query('BEGIN; SELECT * FROM a_locks.orders');
    try {
      const io = collect();
      const started = performance.now();
      const result = await applyPending(options, [next], io);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(result.failed?.file).toBe('migrations/002_note.sql');
      expect(result.failed?.error).toBe(
        'migrations/002_note.sql:2:1: canceling statement due to lock timeout. It waited 300 ms for a lock another session holds; run apply again when that session is done, or raise apply.lock-timeout-ms.',
      );
      expect(await rows(`SELECT 1 FROM pg_tables WHERE schemaname = 'a_locks' AND tablename = 'notes'`)).toEqual([]);
      expect(await rows(`SELECT version FROM a_locks.schema_migrations`)).toEqual([{ version: '001' }]);
    } finally {
      await reader.query('ROLLBACK');
      await reader.end();
    }
    expect((await applyPending(options, [next], collect())).applied).toEqual(['migrations/002_note.sql']);
  });

  it('with apply.statement-timeout-ms a statement that runs too long is cancelled and the file rolled back', async () => {
    const options = { ...(await freshSchema('a_slow')), apply: { statementTimeoutMs: 200 } };
    const slow = migration('migrations/001_slow.sql', 'create table t(id int);\nselect pg_sleep(5);\n');
    const result = await applyPending(options, [slow], collect());
    expect(result.failed?.error).toBe(
      'migrations/001_slow.sql:2:1: canceling statement due to statement timeout. It ran past apply.statement-timeout-ms (200 ms); raise it, or split the work.',
    );
    expect(await rows(`SELECT 1 FROM pg_tables WHERE schemaname = 'a_slow' AND tablename = 't'`)).toEqual([]);
  });

  it('writes another runner\'s table only with history-write, in that runner\'s format', async () => {
    const options = await freshSchema('a_flyway');
    await db.client.query(`CREATE TABLE a_flyway.flyway_schema_history (
      installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,
      script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),
      execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)`);
    // A file in a subfolder of the location, as Flyway scans them: its script is the path below the location.
    const ms = [migration('db/V1_1__first_table.sql', 'create table first(id int);\r\n'), { ...migration('db/2024/V2__second.sql', 'create table second(id int);\n'), folder: 'db' }];
    await expect(applyPending(options, ms, collect())).rejects.toThrow(/belongs to flyway; migration-gate writes another runner's history only with history-write: true/);
    const io = collect();
    const views = migration('db/R__views.sql', 'create or replace view firsts as select * from first;\n');
    const written = await applyPending({ ...options, history: { ...options.history, write: true } }, [...ms, views], io);
    expect(written.applied).toEqual(['db/V1_1__first_table.sql', 'db/2024/V2__second.sql']);
    expect(io.lines[0]).toBe("not run: db/R__views.sql (repeatable and undo migrations are Flyway's to run; apply runs versioned files only)");
    expect(await rows(`SELECT installed_rank, version, description, type, script, checksum, success FROM a_flyway.flyway_schema_history`)).toEqual([
      { installed_rank: 1, version: '1.1', description: 'first table', type: 'SQL', script: 'V1_1__first_table.sql', checksum: Number(checksum('flyway', ms[0]!.bytes)), success: true },
      { installed_rank: 2, version: '2', description: 'second', type: 'SQL', script: '2024/V2__second.sql', checksum: Number(checksum('flyway', ms[1]!.bytes)), success: true },
    ]);
    const { history } = await readHistoryTable(options, ms);
    expect(history.entries.map((e) => [e.file, e.state])).toEqual([['db/V1_1__first_table.sql', 'applied'], ['db/2024/V2__second.sql', 'applied']]);
  });

  it('fails a migration Flyway runs in a transaction, as Flyway does: a statement it does not recognise fails there, rolled back and not recorded', async () => {
    const base = await freshSchema('a_flyway_tx');
    const options = { ...base, preset: 'flyway' as const, history: { ...base.history, write: true } };
    await db.client.query(`CREATE TABLE a_flyway_tx.flyway_schema_history (
      installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,
      script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),
      execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)`);
    // Flyway's parser recognises REINDEX SCHEMA, DATABASE and SYSTEM only: REINDEX TABLE ... CONCURRENTLY leaves the migration in its transaction.
    // As discovery reads them under Flyway: no script config file, so Flyway picks the transaction.
    const ms = [
      migration('db/V1__kept.sql', 'create table kept (id int);\n'),
      migration('db/V2__reindex.sql', 'create table half (id int);\nreindex table concurrently kept;\n'),
      migration('db/V3__after.sql', 'create table after_it (id int);\n'),
    ].map((m) => ({ ...m, runnerWraps: false }));
    const io = collect();
    const result = await applyPending(options, ms, io);
    expect(result).toEqual({
      applied: ['db/V1__kept.sql'],
      skipped: [],
      total: 3,
      failed: {
        file: 'db/V2__reindex.sql',
        error:
          'db/V2__reindex.sql:2:1: REINDEX CONCURRENTLY cannot run inside a transaction block. Flyway runs this file in one transaction: ' +
          'to run it outside one, set executeInTransaction=false in a script config file beside the migration (<name>.sql.conf).',
      },
    });
    expect(io.lines).toContain('db/V2__reindex.sql was rolled back and not recorded; nothing after it ran.');
    // On PostgreSQL Flyway rolls the failed migration back and writes no row for it ("Changes successfully rolled back").
    expect(await rows(`SELECT version, success FROM a_flyway_tx.flyway_schema_history ORDER BY installed_rank`)).toEqual([{ version: '1', success: true }]);
    expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_flyway_tx' AND tablename <> 'flyway_schema_history'`)).toEqual([{ tablename: 'kept' }]);
  });

  it('records a migration Flyway runs outside a transaction that fails as Flyway does (success = false), and then refuses as Flyway refuses', async () => {
    const base = await freshSchema('a_flyway_failed');
    const options = { ...base, preset: 'flyway' as const, history: { ...base.history, write: true } };
    await db.client.query(`CREATE TABLE a_flyway_failed.flyway_schema_history (
      installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,
      script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),
      execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL)`);
    // Flyway's parser recognises CREATE INDEX CONCURRENTLY: the migration runs outside a transaction, statement by statement.
    const ms = [
      migration('db/V1__kept.sql', 'create table kept (id int);\n'),
      migration('db/V2__add_index.sql', 'create table half (id int);\ncreate index concurrently missing_id on missing (id);\n'),
      migration('db/V3__after.sql', 'create table after_it (id int);\n'),
    ].map((m) => ({ ...m, runnerWraps: false }));
    const io = collect();
    const result = await applyPending(options, ms, io);
    expect(result.failed).toEqual({
      file: 'db/V2__add_index.sql',
      error: 'db/V2__add_index.sql:2:1: relation "missing" does not exist (run outside a transaction: statement 1 had run and stays, of 2)',
    });
    expect(io.lines).toContain(
      'db/V2__add_index.sql runs outside a transaction: the statements before the failing one stay applied; it is recorded as failed (success = false), ' +
        'as Flyway records it, and neither Flyway nor apply migrates again until it is repaired: The first statement of the script stays applied ' +
        '(it ran outside a transaction): undo that, then run `flyway repair` to remove the failed row, and migrate again from db.',
    );
    expect(
      await rows(`SELECT installed_rank, version, description, type, script, checksum, installed_by, execution_time >= 0 AS timed, success
        FROM a_flyway_failed.flyway_schema_history ORDER BY installed_rank`),
    ).toEqual([
      { installed_rank: 1, version: '1', description: 'kept', type: 'SQL', script: 'V1__kept.sql', checksum: Number(checksum('flyway', ms[0]!.bytes)), installed_by: 'postgres', timed: true, success: true },
      { installed_rank: 2, version: '2', description: 'add index', type: 'SQL', script: 'V2__add_index.sql', checksum: Number(checksum('flyway', ms[1]!.bytes)), installed_by: 'postgres', timed: true, success: false },
    ]);
    expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_flyway_failed' AND tablename <> 'flyway_schema_history' ORDER BY 1`)).toEqual([
      { tablename: 'half' },
      { tablename: 'kept' },
    ]);
    // The gate reads the row as Flyway's validate does: a failed migration, not an applied one.
    const { history, findings } = await readHistoryTable(options, ms);
    expect(history.entries.map((e) => [e.file, e.state])).toEqual([['db/V1__kept.sql', 'applied'], ['db/V2__add_index.sql', 'failed']]);
    expect(findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        'dirty-history',
        'db/V2__add_index.sql',
        'Flyway recorded version 2 (V2__add_index.sql) as failed (success = false), and refuses to migrate until the row is repaired: ' +
          '"Detected failed migration to version 2 (add index). Please remove any half-completed changes then run repair to fix the schema history."',
      ],
    ]);
    await expect(applyPending(options, ms, collect())).rejects.toThrow(/^Not applying: the migration history needs repair first\.\n- Flyway recorded version 2 \(V2__add_index\.sql\) as failed/);
    expect(await rows(`SELECT count(*)::int AS n FROM a_flyway_failed.flyway_schema_history`)).toEqual([{ n: 2 }]);
  });

  it('leaves the version dirty where golang-migrate fails, what ran outside a transaction kept, and then refuses as golang-migrate does', async () => {
    const options = await freshSchema('a_gm_dirty');
    await db.client.query(`CREATE TABLE a_gm_dirty.schema_migrations (version bigint not null primary key, dirty boolean not null);
      CREATE TABLE a_gm_dirty.a (id int); INSERT INTO a_gm_dirty.schema_migrations VALUES (1, false)`);
    const files = {
      'migrations/000001_a.up.sql': 'CREATE TABLE a (id int);\n',
      'migrations/000002_b.up.sql': 'CREATE TABLE b (id int);\nINSERT INTO nope VALUES (1);\n',
      'migrations/000003_c.up.sql': 'CREATE TABLE c (id int);\n',
    };
    const url = `${options.dryRun.databaseUrl!}&x-multi-statement=true`;
    const args = (command: string) => [command, 'migrations', '--preset', 'golang-migrate', '--history-write', '--database-url', url];
    const force = (v: number) => `\`migrate -path migrations -database "$DATABASE_URL" force ${v}\``;
    const failed = await cli(files, args('apply'));
    expect(failed.code).toBe(1);
    // apply knows what stayed: the first statement, committed on its own; so the repair is to undo that, or to finish the rest.
    expect(failed.stdout).toContain(
      'failed migrations/000002_b.up.sql: migrations/000002_b.up.sql:2:13: relation "nope" does not exist (run outside a transaction: statement 1 had run and stays, of 2)\n' +
        'migrations/000002_b.up.sql runs outside a transaction: the statements before the failing one stay applied; it is recorded as dirty (dirty = true), ' +
        'as golang-migrate records it, and neither golang-migrate nor apply migrates again until it is repaired: ' +
        `The first statement of version 2 stays applied (the file ran outside a transaction): undo that by hand and run ${force(1)}, and \`migrate up\` runs version 2 again; ` +
        `or finish the rest of it by hand and run ${force(2)}.\n`,
    );
    // runMigrations marks the version dirty before it runs the file: the row golang-migrate itself leaves.
    expect(await rows(`SELECT version::int, dirty FROM a_gm_dirty.schema_migrations`)).toEqual([{ version: 2, dirty: true }]);
    expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_gm_dirty' AND tablename <> 'schema_migrations' ORDER BY 1`)).toEqual([
      { tablename: 'a' },
      { tablename: 'b' },
    ]);
    // Read back later, the row cannot say what stayed: both ways out.
    const repair =
      "Check which of version 2's changes are in the database and finish or undo them by hand; then run " +
      `${force(2)} if they are all in place, or ${force(1)} to run version 2 again.`;
    const status = await cli(files, args('status'));
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('Blocked: the runner migrates nothing here, and neither does apply, until the history is repaired (dirty-history, under Problems).');
    expect(status.stdout).toMatch(/golang-migrate stopped in the middle of version 2: schema_migrations says dirty/);
    expect(status.stdout).toContain(repair);
    const again = await cli(files, args('apply'));
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`Not applying: the migration history needs repair first.\n- golang-migrate stopped in the middle of version 2`);
    expect(again.stderr).toContain(repair);
    expect(await rows(`SELECT to_regclass('a_gm_dirty.c') AS c`)).toEqual([{ c: null }]);
  });

  it('leaves the version dirty where golang-migrate fails even in its one implicit transaction, which rolled back: force to no version is `force -- -1`', async () => {
    const options = await freshSchema('a_gm_query');
    await db.client.query(`CREATE TABLE a_gm_query.schema_migrations (version bigint not null primary key, dirty boolean not null)`);
    const files = { 'migrations/000001_b.up.sql': 'CREATE TABLE b (id int);\nINSERT INTO nope VALUES (1);\n' };
    const failed = await cli(files, ['apply', 'migrations', '--preset', 'golang-migrate', '--history-write', '--database-url', options.dryRun.databaseUrl!]);
    expect(failed.code).toBe(1);
    // Go's flag package takes a bare `force -1` for an unknown flag -1: NilVersion goes after `--`.
    expect(failed.stdout).toContain(
      'failed migrations/000001_b.up.sql: migrations/000001_b.up.sql:2:13: relation "nope" does not exist\n' +
        'migrations/000001_b.up.sql was rolled back; ' +
        'it is recorded as dirty (dirty = true), as golang-migrate records it, and neither golang-migrate nor apply migrates again until it is repaired: ' +
        'Nothing of version 1 stayed in the database (PostgreSQL rolled it back), so there is nothing to undo: run ' +
        '`migrate -path migrations -database "$DATABASE_URL" force -- -1` (no version before it: -1 removes the row), and `migrate up` runs version 1 again.\n',
    );
    expect(failed.stdout).not.toMatch(/undo (that|them) by hand/);
    expect(await rows(`SELECT version::int, dirty FROM a_gm_query.schema_migrations`)).toEqual([{ version: 1, dirty: true }]);
    expect(await rows(`SELECT to_regclass('a_gm_query.b') AS b`)).toEqual([{ b: null }]);
  });

  it("says what a file sent as one query keeps after its own COMMIT, and then gives golang-migrate's repair both ways", async () => {
    const options = await freshSchema('a_gm_commit');
    await db.client.query(`CREATE TABLE a_gm_commit.schema_migrations (version bigint not null primary key, dirty boolean not null)`);
    const files = { 'migrations/000001_a.up.sql': 'CREATE TABLE q1 (id int);\nCOMMIT;\nCREATE TABLE q2 (id int);\nCREATE INDEX CONCURRENTLY q1_id ON q1 (id);\n' };
    const failed = await cli(files, ['apply', 'migrations', '--preset', 'golang-migrate', '--history-write', '--database-url', options.dryRun.databaseUrl!]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      'golang-migrate sends migrations/000001_a.up.sql as one query, which PostgreSQL runs as one implicit transaction: what its own COMMIT committed ' +
        "before the failure stays, the rest was rolled back; it is recorded as dirty (dirty = true), as golang-migrate records it, and neither golang-migrate nor apply migrates again until it is repaired: Check which of version 1's changes",
    );
    expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_gm_commit' AND tablename <> 'schema_migrations'`)).toEqual([{ tablename: 'q1' }]);
  });

  it('names the version before the dirty one exactly, a 19-digit unixNano one too, for golang-migrate\'s force after a rollback', async () => {
    const options = await freshSchema('a_gm_nano');
    await db.client.query(`CREATE TABLE a_gm_nano.schema_migrations (version bigint not null primary key, dirty boolean not null);
      INSERT INTO a_gm_nano.schema_migrations VALUES (1700000000000000001, false)`);
    const files = {
      'migrations/1700000000000000000_a.up.sql': 'CREATE TABLE a (id int);\n',
      'migrations/1700000000000000001_b.up.sql': 'CREATE TABLE b (id int);\n',
      'migrations/1700000000000000002_c.up.sql': 'CREATE TABLE c (id int);\nINSERT INTO nope VALUES (1);\n',
    };
    const failed = await cli(files, ['apply', 'migrations', '--preset', 'golang-migrate', '--history-write', '--database-url', options.dryRun.databaseUrl!]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      'Nothing of version 1700000000000000002 stayed in the database (PostgreSQL rolled it back), so there is nothing to undo: ' +
        'run `migrate -path migrations -database "$DATABASE_URL" force 1700000000000000001`, and `migrate up` runs version 1700000000000000002 again.\n',
    );
    expect(await rows(`SELECT version::text, dirty FROM a_gm_nano.schema_migrations`)).toEqual([{ version: '1700000000000000002', dirty: true }]);
  });

  it.each([
    ['graphile-migrate', 'migrations/committed', { 'migrations/committed/000001.sql': '--! Previous: -\n--! Hash: sha1:x\n\nCREATE TABLE a (id int);\n' }, 'run `graphile-migrate status` once (it creates graphile_migrate.migrations and applies nothing)'],
    ['golang-migrate', 'migrations', { 'migrations/000001_a.up.sql': 'CREATE TABLE a (id int);\n' }, 'run `migrate -path <folder> -database <url> version` once (opening the database creates its table; it applies nothing)'],
  ])('without %s\'s history table names a command of the runner that only creates it, never one that migrates', async (preset, folder, files, advice) => {
    const options = await freshSchema(`a_missing_${preset.replace('-', '_')}`);
    const failed = await cli(files, ['apply', folder, '--preset', preset, '--history-write', '--database-url', options.dryRun.databaseUrl!]);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain(`creates only its own (seed-runner) table: ${advice}, then apply again; or set history: seed-runner.`);
    expect(failed.stderr).not.toContain(`run ${preset} once`);
  });

  it("without Prisma's history table gives Prisma's own CREATE TABLE (no Prisma command only creates it); run as given, apply records there", async () => {
    const options = await freshSchema('a_missing_prisma');
    const files = { 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE a (id int);\n' };
    const args = ['apply', 'prisma/migrations', '--preset', 'prisma', '--history-write', '--database-url', options.dryRun.databaseUrl!];
    const failed = await cli(files, args);
    expect(failed.code).not.toBe(0);
    const ddl = failed.stderr.match(/create it as Prisma does: (CREATE TABLE .*?;), then apply again/)?.[1];
    expect(ddl).toMatch(/^CREATE TABLE a_missing_prisma\._prisma_migrations \(id VARCHAR\(36\) PRIMARY KEY NOT NULL, /);
    await db.client.query(ddl!);
    const applied = await cli(files, args);
    expect(applied.code).toBe(0);
    expect(await rows('SELECT migration_name, finished_at IS NOT NULL AS finished FROM a_missing_prisma._prisma_migrations')).toEqual([
      { migration_name: '20240101000000_init', finished: true },
    ]);
  });

  it('leaves an unfinished row where Prisma fails, as migrate deploy does, and then refuses as it refuses', async () => {
    const options = await freshSchema('a_prisma_failed');
    await db.client.query(`CREATE TABLE a_prisma_failed."_prisma_migrations" (
      "id" VARCHAR(36) NOT NULL PRIMARY KEY, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const files = {
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE a (id int);\n',
      'prisma/migrations/20240102000000_bad/migration.sql': 'CREATE TABLE b (id int);\nSELECT pg_sleep(0.5);\nINSERT INTO nope VALUES (1);\n',
    };
    const args = ['apply', 'prisma/migrations', '--preset', 'prisma', '--history-write', '--database-url', options.dryRun.databaseUrl!];
    const failed = await cli(files, args);
    const done = Date.now();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      'prisma/migrations/20240102000000_bad/migration.sql was rolled back; ' +
        'it is recorded as unfinished (finished_at empty), as Prisma records it, and neither Prisma nor apply migrates again until it is repaired: ' +
        'Nothing of 20240102000000_bad stayed in the database (PostgreSQL rolled it back), so there is nothing to undo: ' +
        'run `prisma migrate resolve --rolled-back 20240102000000_bad`, and `prisma migrate deploy` runs it again.\n',
    );
    // apply_migrations: record_migration_started before the script, record_failed_step after it failed; never finished.
    expect(
      await rows(`SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at, applied_steps_count, checksum FROM a_prisma_failed._prisma_migrations ORDER BY started_at, migration_name`),
    ).toEqual([
      { migration_name: '20240101000000_init', finished: true, rolled_back_at: null, applied_steps_count: 1, checksum: checksum('prisma', Buffer.from(files['prisma/migrations/20240101000000_init/migration.sql'])) },
      { migration_name: '20240102000000_bad', finished: false, rolled_back_at: null, applied_steps_count: 0, checksum: checksum('prisma', Buffer.from(files['prisma/migrations/20240102000000_bad/migration.sql'])) },
    ]);
    // record_failed_step writes the P3018 error into logs, which the next deploy's P3009 shows ("failed with the following logs:");
    // started_at is when the script started (record_migration_started, before it ran), not when the failure was recorded.
    const [init, bad] = await rows(`SELECT logs, started_at FROM a_prisma_failed._prisma_migrations ORDER BY started_at`);
    expect(init!.logs).toBeNull();
    expect(bad!.logs).toBe(
      'A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration ' +
        'issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: 20240102000000_bad\n\nDatabase error code: 42P01\n\n' +
        'Database error:\nERROR: relation "nope" does not exist\n',
    );
    expect(done - (bad!.started_at as Date).getTime()).toBeGreaterThanOrEqual(500);
    expect(await rows(`SELECT to_regclass('a_prisma_failed.b') AS b`)).toEqual([{ b: null }]);
    const status = await cli(files, ['status', ...args.slice(1)]);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('Blocked: the runner migrates nothing here');
    expect(status.stdout).toMatch(/✗ prisma\/migrations\/20240102000000_bad\/migration\.sql\s+failed: repair it first \(below\)/);
    const again = await cli(files, args);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Not applying: the migration history needs repair first.\n- Prisma started migration 20240102000000_bad but never finished it');
  });

  it("records when a file ran in the server's own clock and time zone, as node-pg-migrate does, so its order check still holds", async () => {
    const base = await freshSchema('a_npm_tz');
    // The runner writes NOW() into a timestamp without time zone: local time in the session's TimeZone.
    const url = `${base.dryRun.databaseUrl!}${encodeURIComponent(' -c TimeZone=Pacific/Kiritimati')}`;
    const options = { ...base, dryRun: { ...base.dryRun, databaseUrl: url }, history: { ...base.history, write: true } };
    await db.client.query(`CREATE TABLE a_npm_tz.pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL);
      SET TimeZone = 'Pacific/Kiritimati'; INSERT INTO a_npm_tz.pgmigrations (name, run_on) VALUES ('1700000000000_a', now()); RESET TimeZone`);
    const ms = ['1700000000000_a', '1700000001000_b'].map((n) => migration(`migrations/${n}.sql`, 'select 1;\n'));
    expect((await applyPending(options, ms, collect())).applied).toEqual(['migrations/1700000001000_b.sql']);
    // node-pg-migrate reads its history ORDER BY run_on, id and refuses a run when that order is not the files' order.
    expect((await rows(`SELECT name FROM a_npm_tz.pgmigrations ORDER BY run_on, id`)).map((r) => r.name)).toEqual(['1700000000000_a', '1700000001000_b']);
  });

  it('refuses, before any file runs, a pending migration the runner would refuse as out of order', async () => {
    const base = await freshSchema('a_npm_order');
    const options = { ...base, preset: 'node-pg-migrate' as const, history: { ...base.history, write: true } };
    await db.client.query(`CREATE TABLE a_npm_order.pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL);
      INSERT INTO a_npm_order.pgmigrations (name, run_on) VALUES ('1700000000000_a', now()), ('1700000002000_c', now())`);
    const ms = ['1700000000000_a', '1700000001000_b', '1700000002000_c', '1700000003000_d'].map((n) =>
      migration(`migrations/${n}.sql`, `create table t${n.slice(-1)} (id int);\n`),
    );
    await expect(applyPending(options, ms, collect())).rejects.toThrow(
      /^Not applying: a pending migration is out of order\.\n- 1700000001000_b\.sql is new but its name 1700000001000_b sorts before 1700000002000_c, .*node-pg-migrate stops on its order check: "Not run migration 1700000001000_b is preceding already run migration 1700000002000_c"/,
    );
    expect(await rows(`SELECT name FROM a_npm_order.pgmigrations ORDER BY id`)).toHaveLength(2);
    expect(await rows(`SELECT 1 FROM pg_tables WHERE schemaname = 'a_npm_order' AND tablename = 'td'`)).toHaveLength(0);
  });

  it('runs a file as a runner that wraps it does: CONCURRENTLY fails in its transaction, rolled back, not recorded, with its opt-out', async () => {
    // Each runner's own opt-out, read by discovery, takes the file out of the transaction, and then it applies.
    const cases: Array<{ preset: 'sqlx' | 'goose' | 'dbmate'; file: (sql: string, optOut: boolean) => string; hint: string }> = [
      { preset: 'sqlx', file: (sql, optOut) => `${optOut ? '-- no-transaction\n' : ''}${sql}`, hint: 'make `-- no-transaction` the first line of the file' },
      { preset: 'goose', file: (sql, optOut) => `${optOut ? '-- +goose NO TRANSACTION\n' : ''}-- +goose Up\n${sql}`, hint: 'put `-- +goose NO TRANSACTION` at the top of the file' },
      { preset: 'dbmate', file: (sql, optOut) => `-- migrate:up${optOut ? ' transaction:false' : ''}\n${sql}`, hint: 'mark the up section `-- migrate:up transaction:false`' },
    ];
    for (const { preset, file, hint } of cases) {
      const options = await freshSchema('a_wraps');
      const apply = (optOut: boolean) =>
        cli(
          {
            'migrations/20240101000001_users.sql': file('create table users(id int);\n', false),
            // Opted out, the index is alone in its file: sqlx and dbmate send the file as one query, where beside another statement it fails too.
            'migrations/20240101000002_index.sql': optOut
              ? file('create index concurrently users_id on users(id);\n', true)
              : file('create table half(id int);\ncreate index concurrently users_id on users(id);\n', false),
            'migrations/20240101000003_after.sql': file('create table after_it(id int);\n', false),
          },
          ['apply', 'migrations', '--preset', preset, '--history', 'seed-runner', '--database-url', options.dryRun.databaseUrl!],
        );
      const failed = await apply(false);
      const line = preset === 'sqlx' ? 2 : 3;
      expect(failed.code).not.toBe(0);
      expect(failed.stdout).toContain(
        `failed migrations/20240101000002_index.sql: migrations/20240101000002_index.sql:${line}:1: CREATE INDEX CONCURRENTLY cannot run inside a transaction block. ` +
          `${preset} runs this file in one transaction: to run it outside one, ${hint}.\n` +
          'migrations/20240101000002_index.sql was rolled back and not recorded; nothing after it ran.\n',
      );
      expect(await rows(`SELECT version FROM a_wraps.schema_migrations`)).toEqual([{ version: '20240101000001' }]);
      expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_wraps' AND tablename <> 'schema_migrations' ORDER BY 1`)).toEqual([{ tablename: 'users' }]);

      const optedOut = await apply(true);
      expect([optedOut.code, optedOut.stdout.split('\n').at(-2)]).toEqual([0, '2 applied, 1 skipped, 3 total']);
      expect(await rows(`SELECT indexname FROM pg_indexes WHERE schemaname = 'a_wraps' AND indexname = 'users_id'`)).toHaveLength(1);
    }
  });

  it('sends a file as one query where its runner does: CONCURRENTLY beside another statement fails in the implicit transaction, nothing of it kept', async () => {
    const options = await freshSchema('a_query');
    const args = ['apply', 'migrations', '--preset', 'dbmate', '--history', 'seed-runner', '--database-url', options.dryRun.databaseUrl!];
    const files = (up: string) => ({
      'migrations/20240101000001_users.sql': '-- migrate:up\ncreate table users(id int);\n',
      'migrations/20240101000002_index.sql': `-- migrate:up transaction:false\n${up}`,
      'migrations/20240101000003_after.sql': '-- migrate:up\ncreate table after_it(id int);\n',
    });
    const failed = await cli(files('create table half(id int);\ncreate index concurrently users_id on users(id);\n'), args);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toContain(
      'failed migrations/20240101000002_index.sql: migrations/20240101000002_index.sql:3:1: CREATE INDEX CONCURRENTLY cannot run inside a transaction block\n' +
        'dbmate sends migrations/20240101000002_index.sql as one query, which PostgreSQL runs as one implicit transaction: it was rolled back and not recorded; nothing after it ran.\n',
    );
    expect(await rows(`SELECT version FROM a_query.schema_migrations`)).toEqual([{ version: '20240101000001' }]);
    expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_query' AND tablename <> 'schema_migrations' ORDER BY 1`)).toEqual([{ tablename: 'users' }]);
    // A failure the server places keeps its line and column in the file sent whole.
    const placed = await cli(files('create table half(id int);\ninsert into half values (1);\nselect nope from half;\n'), args);
    expect(placed.stdout).toContain('failed migrations/20240101000002_index.sql: migrations/20240101000002_index.sql:4:8: column "nope" does not exist\n');
    expect(await rows(`SELECT 1 FROM pg_tables WHERE schemaname = 'a_query' AND tablename = 'half'`)).toHaveLength(0);
    // Alone in the file, the index runs outside any transaction.
    const applied = await cli(files('create index concurrently users_id on users(id);\n'), args);
    expect([applied.code, applied.stdout.split('\n').at(-2)]).toEqual([0, '2 applied, 1 skipped, 3 total']);
  });

  it('takes what the Supabase CLI runs alone out of its batches, committing the statements before it and recording the file in the last batch', async () => {
    const options = await freshSchema('a_supabase');
    const args = ['apply', 'migrations', '--preset', 'supabase', '--history', 'seed-runner', '--database-url', options.dryRun.databaseUrl!];
    const files = (index: string) => ({
      'migrations/20240101000001_users.sql': 'create table users(id int);\n',
      'migrations/20240101000002_index.sql': `create table before_it(id int);\n${index}\ncreate table after_it(id int);\n`,
    });
    // The statement after the index fails: the CLI committed the batch before the index and the index itself; its last batch, and the row, roll back.
    const failed = await cli(files('create index concurrently users_id on users(id);\ncreate table users(id int);'), args);
    expect(failed.stdout).toContain(
      'failed migrations/20240101000002_index.sql: migrations/20240101000002_index.sql:3:1: relation "users" already exists ' +
        "(in the Supabase CLI's batches: statements 1-2 had been committed and stay, of 4)\n" +
        "migrations/20240101000002_index.sql runs in the Supabase CLI's batches: the statements they committed before the failing one stay applied; " +
        'it is not recorded, so the next apply runs it again from the start.\n',
    );
    expect(await rows(`SELECT version FROM a_supabase.schema_migrations`)).toEqual([{ version: '20240101000001' }]);
    expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_supabase' AND tablename <> 'schema_migrations' ORDER BY 1`)).toEqual([
      { tablename: 'before_it' },
      { tablename: 'users' },
    ]);
    await db.client.query('DROP TABLE a_supabase.before_it; DROP INDEX a_supabase.users_id');
    const applied = await cli(files('create index concurrently users_id on users(id);'), args);
    expect([applied.code, applied.stdout.split('\n').at(-2)]).toEqual([0, '1 applied, 1 skipped, 2 total']);
    expect(await rows(`SELECT version FROM a_supabase.schema_migrations ORDER BY 1`)).toEqual([{ version: '20240101000001' }, { version: '20240101000002' }]);
    expect(await rows(`SELECT indexname FROM pg_indexes WHERE schemaname = 'a_supabase' AND indexname = 'users_id'`)).toHaveLength(1);
  });

  it("refuses, before any file runs, a folder holding a file name the runner refuses, in the runner's words", async () => {
    // sqlx and goose read every file name of the folder before they apply anything: one they refuse stops them there.
    const cases: Array<{ preset: 'sqlx' | 'goose'; files: Record<string, string>; refused: string }> = [
      {
        preset: 'sqlx',
        files: {
          'migrations/0001_users.sql': 'create table users(id int);\n',
          'migrations/0003-add_email.sql': 'alter table users add column email text;\n',
          'migrations/0004_name.sql': 'alter table users add column name text;\n',
        },
        refused:
          'migrations/0003-add_email.sql is a name sqlx refuses: `sqlx migrate run` fails on it with "error parsing migration filename "0003-add_email.sql"; expected integer version prefix (e.g. `01_foo.sql`)", before it applies any migration',
      },
      {
        preset: 'goose',
        files: { 'migrations/00001_users.sql': '-- +goose Up\ncreate table users(id int);\n', 'migrations/seed.sql': '-- +goose Up\nselect 1;\n' },
        refused:
          'migrations/seed.sql is a name goose refuses: `goose up` fails on it with "could not parse SQL migration file "migrations/seed.sql": no filename separator \'_\' found", before it applies any migration',
      },
    ];
    for (const { preset, files, refused } of cases) {
      const options = await freshSchema('a_refused');
      const apply = async (tree: Record<string, string>) => {
        const root = makeTree(tree);
        try {
          let stdout = '';
          let stderr = '';
          const argv = ['apply', 'migrations', '--preset', preset, '--history', 'seed-runner', '--database-url', options.dryRun.databaseUrl!];
          const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root, color: false });
          return { code, stdout, stderr };
        } finally {
          removeTree(root);
        }
      };
      expect(await apply(files)).toEqual({
        code: 2,
        stdout: '',
        stderr: `migration-gate: Not applying: ${preset} would apply no migration of migrations/.\n- ${refused}\nRename the file to a name ${preset} takes, or move it out of the folder, then apply again.\n`,
      });
      expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_refused'`)).toEqual([]);
      // With that file moved out, the folder applies.
      const moved = Object.fromEntries(Object.entries(files).filter(([path]) => !refused.startsWith(`${path} `)));
      expect((await apply(moved)).code).toBe(0);
      expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_refused' AND tablename = 'users'`)).toHaveLength(1);
    }
  });

  it('refuses, before any file runs, a pending Go migration, which it cannot run and would record; once goose ran it, the SQL after it applies', async () => {
    const options = await freshSchema('a_code');
    const files = {
      'migrations/00001_users.sql': '-- +goose Up\ncreate table users(id int);\n',
      'migrations/00002_backfill.go': 'package migrations\n',
      'migrations/00003_email.sql': '-- +goose Up\nalter table users add column email text;\n',
    };
    const argv = ['apply', 'migrations', '--preset', 'goose', '--history-write', '--database-url', options.dryRun.databaseUrl!];
    expect(await cli(files, argv)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'migration-gate: Not applying: a pending migration is written in code, which apply cannot run (it runs SQL only) and would record as applied without its changes:\n' +
        '- migrations/00002_backfill.go\nRun the goose binary your Go migrations are registered in (goose.AddMigrationContext) to apply the pending migrations.\n',
    });
    expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_code'`)).toEqual([]);
    // goose's own table once goose ran 1 and 2 (internal/dialect/dialectquery/postgres.go, its version-0 row first).
    await db.client.query(`CREATE TABLE a_code.goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT now());
      INSERT INTO a_code.goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true); CREATE TABLE a_code.users(id int)`);
    const applied = await cli(files, argv);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('applied migrations/00003_email.sql');
    expect(await rows(`SELECT version_id FROM a_code.goose_db_version ORDER BY id`)).toEqual([0, 1, 2, 3].map((v) => ({ version_id: String(v) })));
  });

  it('refuses, before any file runs, a diesel folder without up.sql, as the deploy action runs it: the fix is its up.sql, not a new name', async () => {
    // diesel's FileBasedMigrations::from_path refuses the folder while it lists them: unlike Prisma, it runs none before it.
    const options = await freshSchema('a_diesel');
    const root = makeTree({
      'migrations/2024-01-01-000000_a/up.sql': 'create table a(id int);\n',
      'migrations/2024-02-01-000000_b/down.sql': 'drop table b;\n',
      'migrations/2024-03-01-000000_c/up.sql': 'create table c(id int);\n',
    });
    try {
      const diesel = await resolveOptions({ root, paths: ['migrations'], preset: 'diesel', databaseUrl: options.dryRun.databaseUrl!, mode: 'deploy' });
      const { migrations, refusedNames } = discover(diesel);
      await expect(applyPending(diesel, migrations, collect(), {}, refusedNames)).rejects.toThrow(
        new UserError(
          'Not applying: diesel would apply no migration of migrations/.\n' +
            '- migrations/2024-02-01-000000_b/ holds no up.sql, and diesel refuses it: `diesel migration run` fails on it with ' +
            `"Invalid migration directory, the directory's name should be <timestamp>_<name_of_migration>, and it should only contain up.sql and down.sql.", ` +
            'before it applies any migration\n' +
            'Add its up.sql, or move the folder out of migrations, then apply again.',
        ),
      );
      expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_diesel' AND tablename IN ('a', 'c')`)).toEqual([]);
    } finally {
      removeTree(root);
    }
  });
});

describe('a deploy killed mid-file (SIGKILL)', () => {
  it('leaves the file unrecorded and its changes rolled back; the next run reports it pending and applies it', async () => {
    const options = await freshSchema('a_kill');
    // The second file sleeps only while the flag table exists, so the recovery run is fast.
    await db.client.query(`CREATE TABLE a_kill.slow_flag()`);
    const ms: Migration[] = [
      migration('migrations/001_first.sql', 'create table first(id int);\n'),
      migration('migrations/002_slow.sql', `create table slow(id int);\nselect pg_sleep(case when to_regclass('slow_flag') is null then 0 else 60 end);\n`),
      migration('migrations/003_last.sql', 'create table last(id int);\n'),
    ];
    const spec = { options, migrations: ms.map(({ bytes: _bytes, ...m }) => m) };
    const child = spawn(process.execPath, ['--import', './__tests__/deploy/ts-register.mjs', './__tests__/deploy/apply-child.mjs'], {
      env: { ...process.env, NODE_OPTIONS: '', MG_APPLY_SPEC: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise((r) => child.on('exit', r));
    await waitFor(async () => (await rows(`SELECT 1 FROM pg_stat_activity WHERE datname = '${db.name}' AND query LIKE '%pg_sleep%' AND state = 'active' AND pid <> pg_backend_pid()`)).length === 1, 30000, () => output);
    child.kill('SIGKILL');
    await exited;
    // The server notices the vanished client (client_connection_check_interval) and rolls back.
    await waitFor(async () => (await rows(`SELECT 1 FROM pg_stat_activity WHERE datname = '${db.name}' AND application_name = 'migration-gate apply'`)).length === 0, 10000, () => output);

    expect(await rows(`SELECT version FROM a_kill.schema_migrations ORDER BY version`)).toEqual([{ version: '001' }]);
    expect(await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'a_kill' AND tablename IN ('slow', 'last')`)).toEqual([]);
    const { history } = await readHistoryTable(options, ms);
    expect(history.entries.map((e) => e.file)).toEqual(['migrations/001_first.sql']);

    await db.client.query(`DROP TABLE a_kill.slow_flag`);
    const io = collect();
    const result: ApplyResult = await applyPending(options, ms, io, { lockWaitMs: 2000 });
    expect(result).toEqual({ applied: ['migrations/002_slow.sql', 'migrations/003_last.sql'], skipped: ['migrations/001_first.sql'], total: 3 });
    expect(io.lines.at(-1)).toBe('2 applied, 1 skipped, 3 total');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out; child output:\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
