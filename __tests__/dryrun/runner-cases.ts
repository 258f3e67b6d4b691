// How each preset's runner sends a file that holds CONCURRENTLY and the like, or opts out of its transaction:
// the dry-run fails where that runner fails, and applies where it applies. Files are read by discovery, as
// from a user's repository. url.test.ts and pglite.test.ts run them on their engine.

import { expect, test } from '@jest/globals';
import { classifyFolder } from '../../src/discover/classify.js';
import { runDryRun, type DryRunOutput } from '../../src/dryrun/index.js';
import type { Migration } from '../../src/migration.js';
import type { EngineChoice, PresetName } from '../../src/options.js';
import { migration } from '../support/build-migration.js';
import { dryOptions } from './cases.js';

/** The migrations discovery reads for `preset` from `files` (name → text) in the folder db/. */
export function discovered(preset: PresetName, files: Record<string, string>): Migration[] {
  const listing = { folder: 'db', files: Object.entries(files).map(([name, text]) => ({ path: `db/${name}`, bytes: Buffer.from(text) })) };
  const { migrations, findings } = classifyFolder(listing, undefined, preset);
  expect(findings).toEqual([]);
  return migrations;
}

export const users = () => migration('db/001_users.sql', 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n');

const TWO = 'CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n';
const LONE = 'CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n';

/** A runner that sends the file (or its up section) as one query, a file it does not wrap, and the line the SQL starts on. */
const ONE_QUERY: Array<[PresetName, string, (sql: string) => string, number, string]> = [
  ['dbmate', '20240102000000_idx.sql', (sql) => `-- migrate:up transaction:false\n${sql}\n-- migrate:down\nSELECT 1;\n`, 2, 'dbmate sends the up section'],
  ['sqlx', '20240102000000_idx.sql', (sql) => `-- no-transaction\n${sql}`, 2, 'sqlx sends the file'],
  ['golang-migrate', '000002_idx.up.sql', (sql) => sql, 1, 'golang-migrate sends the file (unless x-multi-statement is on)'],
  ['prisma', '20240102000000_idx/migration.sql', (sql) => sql, 1, 'Prisma sends the file'],
];

/** A runner that wraps the file in its transaction, the files as it reads them, and the line of CONCURRENTLY. */
const WRAPPED: Array<[PresetName, Record<string, string>, string, number]> = [
  ['dbmate', { '20240102000000_idx.sql': `-- migrate:up\n${LONE}-- migrate:down\n` }, 'dbmate', 2],
  ['sqlx', { '20240102000000_idx.sql': LONE }, 'sqlx', 1],
  ['goose', { '00002_idx.sql': `-- +goose Up\n${LONE}` }, 'goose', 2],
  ['node-pg-migrate', { '1700000000000_idx.sql': `-- Up Migration\n${LONE}` }, 'node-pg-migrate', 2],
  ['flyway', { 'V2__idx.sql': LONE, 'V2__idx.sql.conf': 'executeInTransaction=true\n' }, 'Flyway', 1],
];

/** A runner that runs such a file statement by statement, those that cannot run in a transaction outside one; why. */
const STATEMENTS: Array<[PresetName, string, Record<string, string>]> = [
  ['goose', 'NO TRANSACTION', { '00002_idx.sql': `-- +goose NO TRANSACTION\n-- +goose Up\n${TWO}` }],
  ['flyway', 'executeInTransaction=false', { 'V2__idx.sql': TWO, 'V2__idx.sql.conf': 'executeInTransaction=false\n' }],
  ['flyway', 'no script config', { 'V2__idx.sql': LONE }],
  ['supabase', 'takes CONCURRENTLY out of its transaction', { '20240102000000_idx.sql': TWO }],
  ['generic', 'a runner not known to wrap files', { '002_idx.sql': TWO }],
];

/**
 * What cannot run in a transaction but Flyway's PostgreSQL parser does not recognise (PostgreSQLParser
 * detectCanExecuteInTransaction), the line it is on, and the server's name for it: with no script config file Flyway
 * runs such a migration in a transaction, where it fails.
 */
const FLYWAY_UNRECOGNISED: Array<[string, number, string]> = [
  ['CREATE TABLE a (id int);\nREINDEX TABLE CONCURRENTLY users;\n', 2, 'REINDEX CONCURRENTLY'],
  [
    'CREATE TABLE p (id int) PARTITION BY RANGE (id);\nCREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);\nALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;\n',
    3,
    'ALTER TABLE ... DETACH CONCURRENTLY',
  ],
  ['CLUSTER;\n', 1, 'CLUSTER'],
];

const ENUM_COMMITTED = "BEGIN;\nALTER TYPE mood ADD VALUE 'sad';\nCOMMIT;\nINSERT INTO feelings VALUES ('sad');\n";
const CONCURRENTLY_IN_BLOCK = 'CREATE TABLE a (id int);\nBEGIN;\nCREATE INDEX CONCURRENTLY a_id ON a (id);\nCOMMIT;\n';

/**
 * A runner that wraps the file in its transaction, the file it reads holding `sql`, the line `sql` starts on, and how a
 * message says it sends the file as one query (null: statement by statement).
 */
const WRAPS: Array<[PresetName, (sql: string) => Record<string, string>, number, string | null]> = [
  ['sqlx', (sql) => ({ '20240102000000_sad.sql': sql }), 1, 'sqlx sends the file'],
  ['dbmate', (sql) => ({ '20240102000000_sad.sql': `-- migrate:up\n${sql}-- migrate:down\nSELECT 1;\n` }), 2, 'dbmate sends the up section'],
  ['node-pg-migrate', (sql) => ({ '1700000000000_sad.sql': `-- Up Migration\n${sql}` }), 2, 'node-pg-migrate sends the file'],
  ['goose', (sql) => ({ '00002_sad.sql': `-- +goose Up\n${sql}` }), 2, null],
];

/** A runner that runs the file statement by statement, the file it reads holding `sql`, the line `sql` starts on, and the runner's name. */
const ONE_BY_ONE: Array<[PresetName, (sql: string) => Record<string, string>, number, string]> = [
  ['goose', (sql) => ({ '00002_idx.sql': `-- +goose NO TRANSACTION\n-- +goose Up\n${sql}` }), 3, 'goose'],
  // Without executeInTransaction in a script config file, Flyway refuses a file that mixes CONCURRENTLY with other statements.
  ['flyway', (sql) => ({ 'V2__idx.sql': sql, 'V2__idx.sql.conf': 'executeInTransaction=false\n' }), 1, 'Flyway'],
  ['generic', (sql) => ({ '002_idx.sql': sql }), 1, 'the runner'],
];

const ENUM_AFTER_COMMIT = "CREATE TABLE a (id int);\nCOMMIT;\nALTER TYPE mood ADD VALUE 'sad';\nINSERT INTO feelings VALUES ('sad');\n";
const CONCURRENTLY_AFTER_COMMIT = 'CREATE TABLE a (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n';

export function runnerCases(engine: EngineChoice, databaseUrl?: string): void {
  const run = (preset: PresetName, pending: Migration[], baseline = [users()]): Promise<DryRunOutput> =>
    runDryRun({ options: dryOptions(engine, { preset }, databaseUrl), baseline, pending });

  test.each(ONE_QUERY)('%s sends a file as one query: CONCURRENTLY beside another statement fails, alone it applies', async (preset, name, file, first, sends) => {
    const failed = await run(preset, discovered(preset, { [name]: file(TWO) }));
    expect(failed.dryRun.migrations[0]!.status).toBe('failed');
    expect(failed.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '25001', line: first + 1, column: 1, statement: 'CREATE INDEX CONCURRENTLY a_id ON a (id)' });
    expect(failed.findings).toEqual([
      expect.objectContaining({
        rule: 'dry-run-failed',
        line: first + 1,
        message: expect.stringContaining(`, sent as one query as ${sends}: 25001: CREATE INDEX CONCURRENTLY cannot run inside a transaction block.`),
      }),
    ]);
    const alone = await run(preset, discovered(preset, { [name]: file(LONE) }));
    expect(alone.dryRun.migrations[0]).toMatchObject({ status: 'applied', changes: [{ action: 'create', kind: 'index', name: 'public.users_name_idx' }] });
  });

  test('a file sent as one query runs as one implicit transaction: a new enum value fails where it is used, and applies after a COMMIT in the query', async () => {
    const baseline = [migration('db/001_mood.sql', "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE feelings (m mood);\n")];
    const up = (sql: string) => ({ '20240102000000_sad.sql': `-- migrate:up transaction:false\n${sql}-- migrate:down\nSELECT 1;\n` });
    const used = await run('dbmate', discovered('dbmate', up("ALTER TYPE mood ADD VALUE 'sad';\nINSERT INTO feelings VALUES ('sad');\n")), baseline);
    expect(used.dryRun.migrations[0]!.status).toBe('failed');
    expect(used.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '55P04', line: 3, column: 30, message: 'unsafe use of new value "sad" of enum type mood' });
    // Not emulated with one explicit transaction: there the COMMIT would be left out, and the INSERT fail as above.
    const committed = await run('dbmate', discovered('dbmate', up("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'sad';\nCOMMIT;\nINSERT INTO feelings VALUES ('sad');\n")), baseline);
    expect(committed.dryRun.migrations[0]!.status).toBe('applied');
    expect(committed.findings.filter((f) => f.rule === 'dry-run-failed' || f.rule === 'not-rerunnable')).toEqual([]);
  });

  test('a file sent as one query has its locks recorded per statement, at its lines in the file', async () => {
    const out = await run('sqlx', discovered('sqlx', { '20240102000000_age.sql': '-- no-transaction\nSELECT count(*) FROM users;\nALTER TABLE users ADD COLUMN age int;\n' }));
    expect(out.dryRun.migrations[0]!.status).toBe('applied');
    expect(out.dryRun.migrations[0]!.locks).toEqual(
      expect.arrayContaining([
        { relation: 'public.users', mode: 'AccessShareLock', line: 2 },
        { relation: 'public.users', mode: 'AccessExclusiveLock', line: 3 },
      ]),
    );
    expect(out.findings).toContainEqual(expect.objectContaining({ rule: 'dangerous-lock', line: 3 }));
  });

  test.each(WRAPPED)('%s wraps the file in its transaction: CONCURRENTLY alone in it fails there', async (preset, files, name, line) => {
    const out = await run(preset, discovered(preset, files));
    expect(out.dryRun.migrations[0]!.status).toBe('failed');
    expect(out.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '25001', line, column: 1 });
    expect(out.findings).toEqual([
      expect.objectContaining({ rule: 'dry-run-failed', line, message: expect.stringContaining(`, in one transaction as ${name} runs this file: 25001: CREATE INDEX CONCURRENTLY`) }),
    ]);
  });

  test.each(FLYWAY_UNRECOGNISED)('Flyway runs a migration in its transaction unless it holds a statement Flyway recognises: %s fails there', async (sql, line, name) => {
    const out = await run('flyway', discovered('flyway', { 'V2__x.sql': sql }));
    expect(out.dryRun.migrations[0]!.status).toBe('failed');
    expect(out.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '25001', line, column: 1, message: `${name} cannot run inside a transaction block` });
    expect(out.findings).toEqual([
      expect.objectContaining({ rule: 'dry-run-failed', line, message: expect.stringContaining(`, in one transaction as Flyway runs this file: 25001: ${name} cannot`) }),
    ]);
    // A script config file with executeInTransaction=false runs it outside one, statement by statement.
    const optedOut = await run('flyway', discovered('flyway', { 'V2__x.sql': sql, 'V2__x.sql.conf': 'executeInTransaction=false\n' }));
    expect(optedOut.dryRun.migrations[0]!.status).toBe('applied');
  });

  test('the Supabase CLI runs only what its patterns match on its own, the rest in its transaction: REINDEX (CONCURRENTLY) fails there, CLUSTER <table> splits the file', async () => {
    const name = '20240102000000_x.sql';
    const database = await run('supabase', discovered('supabase', { [name]: 'REINDEX (CONCURRENTLY) TABLE migration_gate_never;\n' }));
    expect(database.dryRun.migrations[0]!.status).toBe('failed');
    expect(database.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '25001', line: 1, message: 'REINDEX CONCURRENTLY cannot run inside a transaction block' });
    expect(database.findings).toContainEqual(
      expect.objectContaining({ rule: 'dry-run-failed', message: expect.stringContaining(', in one transaction as the Supabase CLI runs this file: 25001') }),
    );
    // CLUSTER <table> runs on its own between two transactions: a failure after it is the file's, at its line.
    const split = 'CREATE TABLE a (id int PRIMARY KEY);\nCLUSTER a USING a_pkey;\nCREATE TABLE b (id int);\nSELECT 1/0;\n';
    const out = await run('supabase', discovered('supabase', { [name]: split }));
    expect(out.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '22012', line: 4 });
    expect(await run('supabase', discovered('supabase', { [name]: split.replace('SELECT 1/0;\n', '') }))).toMatchObject({
      dryRun: { migrations: [expect.objectContaining({ status: 'applied' })] },
    });
  });

  test('the Supabase CLI runs a file with a ROLLBACK of its own as written: what ran before it committed, and a later migration finds it', async () => {
    const files = { '20240103000000_a.sql': 'CREATE TABLE a (id int);\nROLLBACK;\n', '20240104000000_b.sql': 'SELECT id FROM a;\n' };
    const out = await run('supabase', discovered('supabase', files));
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
  });

  test.each(STATEMENTS)('%s (%s) runs CONCURRENTLY outside a transaction: the file applies', async (preset, _why, files) => {
    const out = await run(preset, discovered(preset, files));
    expect(out.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
    expect(out.dryRun.migrations[0]!.status).toBe('applied');
  });

  test.each(WRAPS)("%s wraps the file in its transaction: the file's COMMIT ends it, and a new enum value is usable after it", async (preset, files, first) => {
    const baseline = [migration('db/001_mood.sql', "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE feelings (m mood);\n")];
    const out = await run(preset, discovered(preset, files(ENUM_COMMITTED)), baseline);
    expect(out.dryRun.migrations[0]!.status).toBe('applied');
    expect(out.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
    // The re-run adds the value again: the file is not re-runnable, and is told so at the ALTER TYPE.
    expect(out.findings).toContainEqual(expect.objectContaining({ rule: 'not-rerunnable', line: first + 1, message: expect.stringContaining('42710') }));
  });

  test.each(ONE_BY_ONE)("%s runs the file statement by statement: the file's BEGIN..COMMIT is a real block, where CONCURRENTLY fails", async (preset, files, first, name) => {
    const out = await run(preset, discovered(preset, files(CONCURRENTLY_IN_BLOCK)));
    expect(out.dryRun.migrations[0]!.status).toBe('failed');
    expect(out.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '25001', line: first + 2, column: 1, statement: 'CREATE INDEX CONCURRENTLY a_id ON a (id)' });
    expect(out.findings).toEqual([
      expect.objectContaining({
        rule: 'dry-run-failed',
        line: first + 2,
        message: expect.stringContaining(`, in the file's own BEGIN ... COMMIT block as ${name} runs this file: 25001: CREATE INDEX CONCURRENTLY cannot run inside a transaction block.`),
      }),
    ]);
  });

  const oneQuery = WRAPS.flatMap(([preset, files, first, sends]) => (sends ? [[preset, files, first, sends] as const] : []));
  test.each(oneQuery)("%s wraps the file and sends it as one query: after the file's COMMIT the rest is one implicit transaction", async (preset, files, first, sends) => {
    const implicit = `, in one implicit transaction after the file's COMMIT, sent as one query as ${sends}: `;
    const baseline = [migration('db/001_mood.sql', "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE feelings (m mood);\n")];
    const enumUsed = await run(preset, discovered(preset, files(ENUM_AFTER_COMMIT)), baseline);
    expect(enumUsed.dryRun.migrations[0]!.status).toBe('failed');
    expect(enumUsed.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '55P04', line: first + 3, message: 'unsafe use of new value "sad" of enum type mood' });
    expect(enumUsed.findings).toEqual([
      expect.objectContaining({ rule: 'dry-run-failed', line: first + 3, message: expect.stringContaining(`${implicit}55P04: unsafe use of new value "sad" of enum type mood.`) }),
    ]);
    const concurrently = await run(preset, discovered(preset, files(CONCURRENTLY_AFTER_COMMIT)));
    expect(concurrently.dryRun.migrations[0]!.status).toBe('failed');
    expect(concurrently.dryRun.migrations[0]!.error).toMatchObject({ sqlstate: '25001', line: first + 2, column: 1, statement: 'CREATE INDEX CONCURRENTLY a_id ON a (id)' });
    expect(concurrently.findings).toEqual([
      expect.objectContaining({ rule: 'dry-run-failed', line: first + 2, message: expect.stringContaining(`${implicit}25001: CREATE INDEX CONCURRENTLY cannot run inside a transaction block.`) }),
    ]);
  });

  test("goose wraps the file but sends it statement by statement: after the file's COMMIT, CONCURRENTLY runs on its own and applies", async () => {
    const out = await run('goose', discovered('goose', { '00002_idx.sql': `-- +goose Up\n${CONCURRENTLY_AFTER_COMMIT}` }));
    expect(out.dryRun.migrations[0]!.status).toBe('applied');
    expect(out.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
  });
}
