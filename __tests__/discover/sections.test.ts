// Up/down sections and transaction opt-outs read as each runner reads them: node-pg-migrate's marker regexp
// (salsita/node-pg-migrate src/sqlMigration.ts), dbmate's (amacneil/dbmate pkg/dbmate/migration.go, 2.29+) and sqlx's
// `sql.starts_with("-- no-transaction")` (launchbadge/sqlx sqlx-core/src/migrate/source.rs), on the bytes they read.

import { classifyFolder } from '../../src/discover/classify.js';
import { dbmateTransaction, readDbmate, upSection as cut } from '../../src/discover/sections.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { runGate } from '../../src/gate.js';
import type { PresetName } from '../../src/options.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';

/** The up section as the generic preset cuts it: by whichever tool's markers the file has. */
const upSection = (text: string) => cut(text, 'generic');

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The migration as discovery reads `bytes` under `preset`. */
function discovered(bytes: string | Buffer, preset: PresetName) {
  const path = 'migrations/20240102000000_idx.sql';
  return classifyFolder({ folder: 'migrations', files: [{ path, bytes: Buffer.from(bytes) }] }, undefined, preset).migrations[0]!;
}

/** The gate over `files` (under `migrations/`), every file pending, dry-run on PGlite. */
async function gate(files: Tree, preset: PresetName) {
  const root = makeTree(files);
  try {
    return await runGate(await resolveOptions({ root, paths: ['migrations'], preset, all: true, engine: 'pglite' }));
  } finally {
    removeTree(root);
  }
}

describe('node-pg-migrate markers: any case, leading white space, more dashes, anything after `migration`', () => {
  test('each form node-pg-migrate matches cuts the file there', () => {
    for (const [up, down] of [
      ['-- up migration', '-- down migration'],
      ['  --  UP   Migration: users', '---- Down Migration (undo)'],
      ['-- - Up Migrations', '--\tdown\tmigration'],
    ]) {
      // The down regexp's `^\s*` takes in the blank lines above the marker: the up SQL ends before them.
      expect(upSection(`${up}\nCREATE TABLE users (id int);\n\n${down}\nDROP TABLE users;\n`)).toEqual({
        tool: 'node-pg-migrate',
        sql: 'CREATE TABLE users (id int);\n',
        lineOffset: 1,
        transactional: null,
      });
    }
  });

  test('what stands above the up marker never runs; a down marker above it leaves the up section running to the end', () => {
    expect(upSection('SELECT 0;\n-- Up Migration\nSELECT 1;\n-- Down Migration\nSELECT 2;\n')).toMatchObject({ sql: 'SELECT 1;\n', lineOffset: 2 });
    expect(upSection('-- Down Migration\nSELECT 2;\n-- Up Migration\nSELECT 1;\n')).toMatchObject({ sql: 'SELECT 1;\n', lineOffset: 3 });
  });

  test('not markers to node-pg-migrate: the word glued on, another word between', () => {
    for (const marker of ['-- upmigration', '-- up the migration', '-- Upgrade Migration']) expect(upSection(`${marker}\nSELECT 1;\n`).tool).toBeNull();
  });

  test('the QA repro: `-- up migration` in lower case dry-runs its up section alone, so the down DROP TABLE neither fails nor locks', async () => {
    const report = await gate(
      {
        'migrations/1700000000000_users.sql': '-- Up Migration\nCREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY);\n\n-- Down Migration\nDROP TABLE users;\n',
        'migrations/1700000000001_posts.sql':
          '-- up migration\nCREATE TABLE IF NOT EXISTS posts (id int PRIMARY KEY, user_id int REFERENCES users(id));\n\n-- down migration\nDROP TABLE posts;\n',
        'migrations/1700000000002_posts_idx.sql': '-- Up Migration\nCREATE INDEX IF NOT EXISTS posts_user_idx ON posts (user_id);\n\n-- Down Migration\nDROP INDEX posts_user_idx;\n',
      },
      'node-pg-migrate',
    );
    expect(report.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'applied', 'applied']);
    expect(report.findings).toEqual([]);
  });
});

describe('dbmate sections', () => {
  test('markers as dbmate finds them: no space after `--` needed, any words after, never indented', () => {
    expect(upSection('--migrate:up\nCREATE TABLE a (id int);\n--migrate:down not reversible\nSELECT 1;\n')).toEqual({
      tool: 'dbmate',
      sql: 'CREATE TABLE a (id int);\n',
      lineOffset: 1,
      transactional: null,
    });
    // An indented down marker is SQL of the up section to dbmate (which then refuses the file for want of a down one).
    expect(upSection('-- migrate:up\nSELECT 1;\n  -- migrate:down\nSELECT 2;\n').sql).toBe('SELECT 1;\n  -- migrate:down\nSELECT 2;\n');
    for (const marker of ['  -- migrate:up', '-- migrate:upgrade', '-- Migrate:Up']) expect(upSection(`${marker}\nSELECT 1;\n`).tool).toBeNull();
  });

  test('a second `-- migrate:up` starts a section of its own, which is not part of the first', () => {
    const text = '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n-- migrate:up transaction:false\nSELECT 3;\n-- migrate:down\nSELECT 4;\n';
    expect(upSection(text)).toMatchObject({ sql: 'SELECT 1;\n', transactional: null });
    expect(readDbmate(text).sections.map((s) => [s.transaction, s.downs.length])).toEqual([[true, 1], [false, 1]]);
  });

  test('only `transaction:false`, written so, opts out: dbmate splits the options at white space, then each at `:`', () => {
    expect(dbmateTransaction(' transaction:false')).toBe(false);
    expect(dbmateTransaction('  foo:bar\ttransaction:false  ')).toBe(false);
    expect(dbmateTransaction(' transaction:false transaction:true')).toBe(true);
    for (const missed of [' transaction: false', ' transaction :false', ' transaction:FALSE', ' transaction:false;', ' transaction=false', ' transaction:false:x']) {
      expect(dbmateTransaction(missed)).toBe(true);
    }
    expect(discovered('-- migrate:up transaction: false\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- migrate:down\nDROP INDEX i;\n', 'dbmate').transactional).toBe(true);
    expect(discovered('-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- migrate:down\nDROP INDEX i;\n', 'dbmate').transactional).toBe(false);
  });

  test('the QA repro: `transaction: false` keeps the index build in dbmate\'s transaction, so the dry-run fails it as dbmate would', async () => {
    const report = await gate(
      {
        'migrations/20240101000001_t.sql': '-- migrate:up\nCREATE TABLE IF NOT EXISTS t (id int);\n-- migrate:down\nDROP TABLE t;\n',
        'migrations/20240101000002_idx.sql': '-- migrate:up transaction: false\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);\n-- migrate:down\nDROP INDEX t_id;\n',
      },
      'dbmate',
    );
    expect(report.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'failed']);
    const onIdx = report.findings.filter((f) => f.file === 'migrations/20240101000002_idx.sql').map((f) => [f.rule, f.line, f.severity]);
    expect(onIdx).toEqual(expect.arrayContaining([['syntax-error', 1, 'warning'], ['transaction-unsafe', 2, 'error']]));
  });
});

describe('sqlx `-- no-transaction`: the file must start with exactly these bytes', () => {
  const CIC = 'CREATE INDEX CONCURRENTLY i ON t (a);\n';
  test.each([
    ['-- no-transaction\n', false],
    ['-- no-transaction (CONCURRENTLY needs it)\n', false],
    ['-- no-transactional\n', false],
    ['--no-transaction\n', true],
    ['-- No-Transaction\n', true],
    [' -- no-transaction\n', true],
    ['\n-- no-transaction\n', true],
  ])('%j: transactional %s', (head, transactional) => {
    expect(discovered(head + CIC, 'sqlx').transactional).toBe(transactional);
  });

  test('a UTF-8 BOM before it: sqlx reads the BOM as the first character, so the file runs in its transaction', () => {
    expect(discovered(Buffer.concat([BOM, Buffer.from(`-- no-transaction\n${CIC}`)]), 'sqlx').transactional).toBe(true);
  });

  test('the QA repro: the marker with words after it takes the index out of the transaction; `--no-transaction` does not', async () => {
    const init = { 'migrations/20240101000000_init.sql': 'CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, name text);\n' };
    const idx = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name_idx ON users (name);\n';
    const honoured = await gate({ ...init, 'migrations/20240102000000_idx.sql': `-- no-transaction (CONCURRENTLY needs it)\n${idx}` }, 'sqlx');
    expect(honoured.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
    expect(honoured.findings.map((f) => f.rule)).not.toContain('transaction-unsafe');
    const ignored = await gate({ ...init, 'migrations/20240102000000_idx.sql': `--no-transaction\n${idx}` }, 'sqlx');
    expect(ignored.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'failed']);
    expect(ignored.findings.map((f) => [f.rule, f.line])).toEqual(expect.arrayContaining([['transaction-unsafe', 2]]));
  });
});

describe('whose markers count', () => {
  const goose = '-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n';
  const npm = '-- Up Migration\nCREATE TABLE a (id int);\n-- Down Migration\nDROP TABLE a;\n';

  test("a preset's runner cuts a file by its own markers only; the generic preset by any tool's", () => {
    expect(cut(goose, 'goose').tool).toBe('goose');
    expect(cut(goose, 'generic').tool).toBe('goose');
    expect(cut(npm, 'node-pg-migrate').tool).toBe('node-pg-migrate');
    // To dbmate a node-pg-migrate marker is a comment: it runs the file whole, the DROP TABLE with it.
    expect(cut(npm, 'dbmate')).toEqual({ tool: null, sql: npm, lineOffset: 0, transactional: null });
    expect(cut(goose, 'golang-migrate').sql).toBe(goose);
  });

  test('under Flyway a goose file runs whole, so its down section drops what the up made: the dry-run fails as Flyway would', async () => {
    const report = await gate({ 'migrations/V1__a.sql': goose.replace('CREATE TABLE a', 'CREATE TABLE IF NOT EXISTS a'), 'migrations/V2__b.sql': 'ALTER TABLE a ADD COLUMN IF NOT EXISTS b int;\n' }, 'flyway');
    expect(report.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'failed']);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'dry-run-failed', file: 'migrations/V2__b.sql', message: expect.stringContaining('relation "a" does not exist') }));
  });
});

describe('a file dbmate refuses in the dry-run', () => {
  test('is skipped with dbmate\'s reason, and so are the files after it, instead of applied', async () => {
    const report = await gate(
      {
        'migrations/20240101000000_users.sql': '-- migrate:up\nCREATE TABLE IF NOT EXISTS users (id int);\n',
        'migrations/20240102000000_more.sql': '-- migrate:up\nALTER TABLE users ADD COLUMN IF NOT EXISTS n int;\n-- migrate:down\n',
      },
      'dbmate',
    );
    expect(report.dryRun!.migrations.map((m) => [m.status, m.reason])).toEqual([
      ['skipped', "dbmate refuses the file at line 1 (dbmate requires each migration to define a down block with '-- migrate:down'), so it runs none of it"],
      ['skipped', 'not run: dbmate refuses the earlier migration migrations/20240101000000_users.sql'],
    ]);
  });
});
