// The dry-run runs a file the way its runner does, where the server tells a transaction block from none: what needs a
// block (LOCK, DECLARE CURSOR, SAVEPOINT, AND CHAIN) fails where the runner sends it outside one, as the server fails it
// (25P01); SET LOCAL and the like do nothing there; a merged file replays as a pending one runs. Each behaviour was checked
// with psql on PostgreSQL 15. Fails, never skips, without a test server.

import { describe, expect, test } from '@jest/globals';
import { runDryRun } from '../../src/dryrun/index.js';
import type { Migration } from '../../src/migration.js';
import type { EngineKind } from '../../src/dryrun/engine.js';
import type { GateOptions, PresetName } from '../../src/options.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { dryOptions } from './cases.js';
import { discovered, users } from './runner-cases.js';

const gooseNoTx = (sql: string) => ({ '00002_x.sql': `-- +goose NO TRANSACTION\n-- +goose Up\n${sql}` });
const dbmateNoTx = (sql: string) => ({ '20240102000000_x.sql': `-- migrate:up transaction:false\n${sql}-- migrate:down\nSELECT 1;\n` });
const dbmate = (sql: string, name = '20240102000000_x.sql') => ({ [name]: `-- migrate:up\n${sql}-- migrate:down\nSELECT 1;\n` });

/** What the server refuses outside a transaction block, and the name its error gives it. */
const BLOCK_ONLY: Array<[string, string]> = [
  ['LOCK TABLE users;\n', 'LOCK TABLE'],
  ['DECLARE c CURSOR FOR SELECT 1;\n', 'DECLARE CURSOR'],
  ['SAVEPOINT s;\n', 'SAVEPOINT'],
  ['RELEASE SAVEPOINT s;\n', 'RELEASE SAVEPOINT'],
  ['ROLLBACK TO SAVEPOINT s;\n', 'ROLLBACK TO SAVEPOINT'],
];

/** A runner sending `sql` statement by statement outside any transaction block, the files it reads, and the line `sql` starts on. */
const OUTSIDE: Array<[string, PresetName, (sql: string) => Record<string, string>, number, Partial<GateOptions>]> = [
  ['goose NO TRANSACTION', 'goose', gooseNoTx, 3, {}],
  // Its own COMMIT makes the Supabase CLI run the file as written, one statement at a time.
  ['the Supabase CLI, a file run as written', 'supabase', (sql) => ({ '20240102000000_x.sql': `${sql}BEGIN;\nCOMMIT;\n` }), 1, {}],
  ['golang-migrate under x-multi-statement', 'golang-migrate', (sql) => ({ '000002_x.up.sql': `SELECT 1;\n${sql}` }), 2, { multiStatement: true }],
];

describe.each(['url', 'pglite'] as const)('%s engine', (engine: EngineKind) => {
  const run = (preset: PresetName, pending: Migration[], baseline = [users()], overrides: Partial<GateOptions> = {}) =>
    runDryRun({ options: dryOptions(engine, { preset, ...overrides }, engine === 'url' ? TEST_DATABASE_URL : undefined), baseline, pending });

  describe.each(OUTSIDE)('%s', (_name, preset, files, line, overrides) => {
    test.each(BLOCK_ONLY)('%s fails as the server refuses it outside a transaction block (25P01)', async (sql, name) => {
      const out = await run(preset, discovered(preset, files(sql)), [users()], overrides);
      expect(out.dryRun.migrations[0]).toMatchObject({
        status: 'failed',
        error: { sqlstate: '25P01', line, message: `${name} can only be used in transaction blocks` },
      });
      // The finding says where the runner put it.
      expect(out.findings.find((f) => f.rule === 'dry-run-failed')!.message).toMatch(/, outside any transaction block as \S.* runs it: 25P01: /);
    });
  });

  test('goose NO TRANSACTION: a statement that runs outside a block still has its locks recorded', async () => {
    const out = await run('goose', discovered('goose', gooseNoTx('ALTER TABLE users ADD COLUMN age int;\n')));
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'applied', locks: [{ relation: 'public.users', mode: 'AccessExclusiveLock', line: 3 }] });
  });

  test("the Supabase CLI runs a file as written: LOCK inside the file's own BEGIN ... COMMIT applies, its lock recorded", async () => {
    const sql = 'BEGIN;\nLOCK TABLE users IN SHARE MODE;\nALTER TABLE users ADD COLUMN age int;\nCOMMIT;\n';
    const out = await run('supabase', discovered('supabase', { '20240102000000_x.sql': sql }));
    expect(out.dryRun.migrations[0]!.status).toBe('applied');
    expect(out.dryRun.migrations[0]!.locks).toContainEqual({ relation: 'public.users', mode: 'ShareLock', line: 2 });
  });

  test.each([
    ['SET LOCAL search_path = nowhere;\n', '3F000'],
    ['SET TRANSACTION READ ONLY;\n', '25006'],
  ])('outside a block %s does nothing, in the run or its re-run: the CREATE after it applies, and its re-run fails as a re-run does', async (set, leaked) => {
    const out = await run('goose', discovered('goose', gooseNoTx(`${set}SET CONSTRAINTS ALL DEFERRED;\nCREATE TABLE t (id int);\n`)));
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'applied', changes: [{ action: 'create', kind: 'table', name: 'public.t' }] });
    const rerun = out.findings.filter((f) => f.rule === 'not-rerunnable');
    expect(rerun).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining('42P07') })]);
    expect(rerun[0]!.message).not.toContain(leaked);
  });

  test('dbmate transaction:false sends the up section as one query: LOCK alone in it fails, beside another statement it runs', async () => {
    const alone = await run('dbmate', discovered('dbmate', dbmateNoTx('LOCK TABLE users;\n')));
    expect(alone.dryRun.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '25P01', line: 2, message: 'LOCK TABLE can only be used in transaction blocks' } });
    const beside = await run('dbmate', discovered('dbmate', dbmateNoTx('SELECT 1;\nLOCK TABLE users;\n')));
    expect(beside.dryRun.migrations[0]!.status).toBe('applied');
  });

  test.each(['SAVEPOINT s', 'COMMIT AND CHAIN', 'ROLLBACK AND CHAIN'])(
    'dbmate transaction:false: %s in the implicit transaction of the query fails there, at its line; in a BEGIN block it applies',
    async (stmt) => {
      const sql = `CREATE TABLE a (id int);\n${stmt};\nCREATE TABLE b (id int);\n`;
      const out = await run('dbmate', discovered('dbmate', dbmateNoTx(sql)));
      const name = stmt.replace(/ s$/, '');
      expect(out.dryRun.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '25P01', line: 3, message: `${name} can only be used in transaction blocks` } });
      // In a block of the file's own, the same statements apply.
      const block = await run('dbmate', discovered('dbmate', dbmateNoTx(`BEGIN;\n${sql}COMMIT;\n`)));
      expect(block.dryRun.migrations[0]).toMatchObject({ status: 'applied' });
      expect(block.dryRun.migrations[0]!.changes).toContainEqual({ action: 'create', kind: 'table', name: 'public.b' });
    },
  );

  test("dbmate wraps the up section and sends it as one query: COMMIT AND CHAIN after the file's COMMIT fails, in its own block it chains", async () => {
    const after = await run('dbmate', discovered('dbmate', dbmate('CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);\nCOMMIT AND CHAIN;\nCREATE TABLE c (id int);\n')));
    expect(after.dryRun.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '25P01', line: 5, message: 'COMMIT AND CHAIN can only be used in transaction blocks' } });
    const chained = await run('dbmate', discovered('dbmate', dbmate('CREATE TABLE a (id int);\nCOMMIT AND CHAIN;\nCREATE TABLE b (id int);\n')));
    expect(chained.dryRun.migrations[0]).toMatchObject({ status: 'applied' });
  });

  test('a merged file with AND CHAIN replays as a pending one runs: refused in the implicit transaction of one query, kept in a block', async () => {
    const sql = 'CREATE TABLE a (id int);\nCOMMIT AND CHAIN;\nCREATE TABLE b (id int);\n';
    const pending = discovered('dbmate', dbmate('SELECT a.id, b.id FROM a, b;\n', '20240105000000_uses.sql'));
    const refused = await run('dbmate', pending, [users(), ...discovered('dbmate', dbmateNoTx(sql))]);
    expect(refused.findings).toContainEqual(
      expect.objectContaining({ rule: 'environment', file: 'db/20240102000000_x.sql', line: 3, message: expect.stringContaining('25P01') }),
    );
    expect(refused.dryRun.migrations[0]).toMatchObject({ status: 'skipped' });
    const kept = await run('dbmate', pending, [users(), ...discovered('dbmate', dbmateNoTx(`BEGIN;\n${sql}COMMIT;\n`))]);
    expect(kept.findings.filter((f) => f.rule === 'environment' || f.rule === 'dry-run-failed')).toEqual([]);
    expect(kept.dryRun.migrations[0]).toMatchObject({ status: 'applied' });
  });
});
