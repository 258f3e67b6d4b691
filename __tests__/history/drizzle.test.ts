// drizzle's history on a real server: drizzle.__drizzle_migrations made with drizzle-orm's own DDL (0.x's three columns,
// 1.0's five) and filled with the rows its migrate() inserts, read back to the files drizzle takes them for; the rows
// apply writes in its place; which tables are drizzle's.

import { createHash } from 'node:crypto';
import type { Migration } from '../../src/migration.js';
import type { GateOptions } from '../../src/options.js';
import type { HistoryEntry } from '../../src/history/history.js';
import { locateHistoryTable, readHistoryTable } from '../../src/history/read-table.js';
import { HISTORY_TABLES, historyTable } from '../../src/history/tables/index.js';
import { otherTables } from '../support/runner-tables.js';
import type { Columns } from '../../src/history/tables/table.js';
import { checksumDrift } from '../../src/rules/checksum-drift.js';
import { outOfOrder } from '../../src/rules/out-of-order.js';
import { missingMigration } from '../../src/rules/missing-migration.js';
import { folderMigration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';
import { makeTree, removeTree } from '../support/repo.js';
import { runCli } from '../../src/cli.js';

const drizzle = historyTable('drizzle');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// pg-core dialect.ts migrate() (drizzle-orm 0.45.4), and pg-core/async/session.ts migrate() (1.0.0-rc.5) on a new database.
const SCHEMA = 'CREATE SCHEMA IF NOT EXISTS "drizzle"';
const TABLE_0X = 'CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)';
const TABLE_1X =
  'CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint, ' +
  'name text, applied_at timestamp with time zone DEFAULT now())';
// The rows each inserts after a migration ran, in the same transaction.
const INSERT_0X = 'insert into "drizzle"."__drizzle_migrations" ("hash", "created_at") values($1, $2)';
const INSERT_1X = 'insert into "drizzle"."__drizzle_migrations" ("hash", "created_at", "name") values($1, $2, $3)';

/** A journal migration as discovery hands it over: `<tag>.sql`, its version the entry's `when`, listed at its tag's index. */
function journalMigration(tag: string, when: number, content: string): Migration {
  const bytes = Buffer.from(content);
  return {
    file: `drizzle/${tag}.sql`,
    folder: 'drizzle',
    version: String(when),
    name: tag,
    scheme: 'sequential',
    kind: 'versioned',
    bytes,
    sql: content,
    lineOffset: 0,
    transactional: true,
    runnerWraps: true,
    listed: Number(tag.slice(0, 4)),
  };
}

function deployOptions(db: ScratchDatabase): GateOptions {
  return testOptions({
    mode: 'deploy',
    preset: 'drizzle',
    checksum: 'drizzle',
    folders: [{ path: 'drizzle' }],
    dryRun: { ...testOptions().dryRun, databaseUrl: db.url },
    history: { format: 'auto', write: false },
  });
}

function byFile(entries: HistoryEntry[]): Record<string, HistoryEntry> {
  return Object.fromEntries(entries.map((e) => [e.file ?? `version:${e.version}`, e]));
}

function ruleFiles(rule: typeof checksumDrift, migrations: Migration[], history: HistoryEntry[], options: GateOptions): string[] {
  return rule
    .check({ migrations, history: { source: 'table:drizzle.__drizzle_migrations', matchBy: 'file', entries: history }, options })
    .map((d) => d.file)
    .sort();
}

let db: ScratchDatabase;
beforeAll(async () => (db = await scratchDatabase('drizzle')));
afterAll(async () => db.drop());
beforeEach(async () => {
  await db.client.query('DROP SCHEMA IF EXISTS drizzle CASCADE');
  await db.client.query(SCHEMA);
});

describe("which tables are drizzle-orm's", () => {
  const columns = (names: string[]): Columns => new Map(names.map((n) => [n, 'text']));
  const fitting = (names: string[]) => HISTORY_TABLES.filter((t) => t.fits(columns(names))).map((t) => t.format);

  it.each(otherTables('drizzle'))("%s's table is not drizzle's", (format, names) => {
    expect(fitting(names)).toContain(format);
    expect(fitting(names)).not.toContain('drizzle');
  });

  it.each([
    ['0.x', ['id', 'hash', 'created_at']],
    ['1.0', ['id', 'hash', 'created_at', 'name', 'applied_at']],
    ['a 1.0 beta', ['id', 'hash', 'created_at', 'name', 'applied_at', 'version']],
  ])("drizzle-orm %s's table is drizzle's alone", (_version, names) => {
    expect(fitting(names)).toEqual(['drizzle']);
  });

  it("a table with more than drizzle gives it is not drizzle's", () => {
    expect(drizzle.fits(columns(['id', 'hash', 'created_at', 'checksum']))).toBe(false);
  });

  it('finds drizzle.__drizzle_migrations by itself, whichever drizzle-orm made it', async () => {
    for (const table of [TABLE_0X, TABLE_1X]) {
      await db.client.query('DROP TABLE IF EXISTS drizzle.__drizzle_migrations');
      await db.client.query(table);
      const located = await locateHistoryTable(db.client, deployOptions(db));
      expect(located).toMatchObject({ exists: true, table: { schema: 'drizzle', name: '__drizzle_migrations' } });
      expect(located.format.format).toBe('drizzle');
    }
  });

  it("the table a user is told to make, when it is missing, is drizzle-orm's own: 0.x's for a journal, 1.0's for folders", async () => {
    const told = drizzle.createOnly!('drizzle.__drizzle_migrations');
    const ddl = told.match(/CREATE SCHEMA [^;]*; CREATE TABLE [^;]*;/g)!;
    expect(ddl).toEqual([`${SCHEMA}; ${TABLE_0X};`, `${SCHEMA}; ${TABLE_1X};`]);
    expect(told).toMatch(/journal.*0\.x.*CREATE.*folder per migration.*1\.0.*CREATE/);
    for (const [i, names] of [['id', 'hash', 'created_at'], ['id', 'hash', 'created_at', 'name', 'applied_at']].entries()) {
      await db.client.query('DROP SCHEMA drizzle CASCADE');
      await db.client.query(ddl[i]!);
      const located = await locateHistoryTable(db.client, deployOptions(db));
      expect([...located.columns.keys()]).toEqual(names);
      expect(located.format.format).toBe('drizzle');
    }
  });
});

describe("drizzle-orm 0.x's table and a journal", () => {
  const ms = [
    journalMigration('0000_init', 1700000000123, 'CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE TABLE b (id int);\n'),
    journalMigration('0001_users', 1700000100456, 'CREATE TABLE users (id int);\n'),
    // Merged from a branch after a later migration ran here: below the newest created_at, so 0.x passes it over for good.
    journalMigration('0002_late', 1700000120000, 'CREATE TABLE late (id int);\n'),
    journalMigration('0004_next', 1700000300000, 'CREATE TABLE next (id int);\n'),
  ];

  it('reads each row to the file of its `when`, keeps a row whose file is gone, and leaves the rest pending', async () => {
    await db.client.query(TABLE_0X);
    await db.client.query(INSERT_0X, [sha256(ms[0]!.sql), 1700000000123]);
    await db.client.query(INSERT_0X, [sha256(ms[1]!.sql), 1700000100456]);
    await db.client.query(INSERT_0X, [sha256('CREATE TABLE gone (id int);\n'), 1700000150000]);
    const options = deployOptions(db);
    const { history, findings } = await readHistoryTable(options, ms);
    expect(history.source).toBe('table:drizzle.__drizzle_migrations');
    expect(findings).toEqual([]);
    const e = byFile(history.entries);
    expect(Object.keys(e).sort()).toEqual(['drizzle/0000_init.sql', 'drizzle/0001_users.sql', 'drizzle/1700000150000']);
    expect(e['drizzle/0000_init.sql']).toEqual({
      version: '1700000000123',
      file: 'drizzle/0000_init.sql',
      checksum: { algorithm: 'drizzle', value: sha256(ms[0]!.sql) },
      state: 'applied',
    });
    expect(e['drizzle/1700000150000']).toMatchObject({ version: '1700000150000', state: 'applied' });
    expect(ruleFiles(missingMigration, ms, history.entries, options)).toEqual(['drizzle/1700000150000']);
    // out-of-order already says it: drizzle never applies a file below the newest created_at.
    const late = outOfOrder.check({ migrations: ms, history, options });
    expect(late.map((d) => [d.file, d.severity])).toEqual([['drizzle/0002_late.sql', 'error']]);
    expect(late[0]!.message).toContain('never applies this file');
  });

  it('a file whose `when` changed is no longer the row: 0.x runs it again once it is above the newest row', async () => {
    const moved = journalMigration('0001_users', 1700000400000, ms[1]!.sql);
    await db.client.query(TABLE_0X);
    await db.client.query(INSERT_0X, [sha256(ms[0]!.sql), 1700000000123]);
    await db.client.query(INSERT_0X, [sha256(ms[1]!.sql), 1700000100456]);
    const options = deployOptions(db);
    const { history } = await readHistoryTable(options, [ms[0]!, moved]);
    expect(history.entries.map((e) => e.file)).toEqual(['drizzle/0000_init.sql', 'drizzle/1700000100456']);
    const renamed = missingMigration.check({ migrations: [ms[0]!, moved], history, options });
    expect(renamed.map((d) => d.file)).toEqual(['drizzle/0001_users.sql']);
  });

  it('an edited applied migration is drift, whatever drizzle itself makes of it', async () => {
    const edited = journalMigration('0001_users', 1700000100456, 'CREATE TABLE users (id int, name text);\n');
    await db.client.query(TABLE_0X);
    await db.client.query(INSERT_0X, [sha256(ms[0]!.sql), 1700000000123]);
    await db.client.query(INSERT_0X, [sha256(ms[1]!.sql), 1700000100456]);
    const options = deployOptions(db);
    const { history } = await readHistoryTable(options, [ms[0]!, edited]);
    expect(ruleFiles(checksumDrift, [ms[0]!, edited], history.entries, options)).toEqual(['drizzle/0001_users.sql']);
  });
});

describe("drizzle-orm 1.0's table and a folder per migration", () => {
  const ms = [
    folderMigration('drizzle/20240101120000_init/migration.sql', 'CREATE TABLE a (id int);\n'),
    // The same second: 1.0 keeps them apart by folder name.
    folderMigration('drizzle/20240101120000_zeta/migration.sql', 'CREATE TABLE z (id int);\n'),
    folderMigration('drizzle/20240201000000_users/migration.sql', 'CREATE TABLE users (id int);\n'),
  ];
  const at = (version: string) => Date.UTC(+version.slice(0, 4), +version.slice(4, 6) - 1, +version.slice(6, 8), +version.slice(8, 10), +version.slice(10, 12), +version.slice(12, 14));

  it('reads each row to its folder by name, tells apart two folders of one second, and keeps a row whose folder is gone', async () => {
    await db.client.query(TABLE_1X);
    await db.client.query(INSERT_1X, [sha256(ms[0]!.sql), at('20240101120000'), '20240101120000_init']);
    await db.client.query(INSERT_1X, [sha256(ms[2]!.sql), at('20240201000000'), '20240201000000_users']);
    await db.client.query(INSERT_1X, [sha256('CREATE TABLE gone (id int);\n'), at('20240115000000'), '20240115000000_gone']);
    const options = deployOptions(db);
    const { history, findings } = await readHistoryTable(options, ms);
    expect(findings).toEqual([]);
    const e = byFile(history.entries);
    expect(Object.keys(e).sort()).toEqual([
      'drizzle/20240101120000_init/migration.sql',
      'drizzle/20240115000000_gone/migration.sql',
      'drizzle/20240201000000_users/migration.sql',
    ]);
    expect(e['drizzle/20240101120000_init/migration.sql']).toMatchObject({
      version: '20240101120000',
      name: '20240101120000_init',
      checksum: { algorithm: 'drizzle', value: sha256(ms[0]!.sql) },
      state: 'applied',
    });
    // applied_at is the server's now() when the row was written.
    expect(Math.abs(Date.parse(e['drizzle/20240101120000_init/migration.sql']!.appliedAt!) - Date.now())).toBeLessThan(60_000);
    expect(e['drizzle/20240115000000_gone/migration.sql']).toMatchObject({ version: '20240115000000', name: '20240115000000_gone' });
    expect(ruleFiles(missingMigration, ms, history.entries, options)).toEqual(['drizzle/20240115000000_gone/migration.sql']);
  });

  it("reads an older table's rows to folders as 1.0 does when it adds names: by the second, then by hash", async () => {
    await db.client.query(TABLE_0X);
    // Written by 0.x from a journal whose `when` had milliseconds; the folders drizzle-kit up made keep the second.
    await db.client.query(INSERT_0X, [sha256(ms[1]!.sql), at('20240101120000') + 123]);
    await db.client.query(INSERT_0X, [sha256(ms[2]!.sql), 1]);
    const { history } = await readHistoryTable(deployOptions(db), ms);
    expect(history.entries.map((e) => [e.file, e.version])).toEqual([
      ['drizzle/20240101120000_zeta/migration.sql', '20240101120000'],
      ['drizzle/20240201000000_users/migration.sql', '20240201000000'],
    ]);
  });
});

describe("the rows apply writes in drizzle's place", () => {
  it('writes the hash, created_at and (1.0) name drizzle writes, and reads them back as applied', async () => {
    const journal = journalMigration('0000_init', 1700000000123, 'CREATE TABLE a (id int);\r\n');
    const folder = folderMigration('drizzle/20240101120000_init/migration.sql', 'CREATE TABLE a (id int);\n');
    for (const [table, m, row] of [
      [TABLE_0X, journal, { hash: sha256(journal.sql), created_at: '1700000000123' }],
      [TABLE_1X, folder, { hash: sha256(folder.sql), created_at: String(Date.UTC(2024, 0, 1, 12)), name: '20240101120000_init' }],
    ] as const) {
      await db.client.query('DROP TABLE IF EXISTS drizzle.__drizzle_migrations');
      await db.client.query(table);
      const options = deployOptions(db);
      const located = await locateHistoryTable(db.client, options);
      await drizzle.record({ db: db.client, table: located.table, columns: located.columns, migration: m, executionMs: 5, statements: [] });
      const { rows } = await db.client.query('SELECT * FROM drizzle.__drizzle_migrations');
      expect(rows).toEqual([expect.objectContaining({ id: 1, ...row })]);
      if (table === TABLE_1X) expect(rows[0].applied_at).toBeInstanceOf(Date);
      const { history } = await readHistoryTable(options, [m]);
      expect(history.entries).toEqual([expect.objectContaining({ file: m.file, state: 'applied' })]);
      expect(ruleFiles(checksumDrift, [m], history.entries, options)).toEqual([]);
    }
  });
});

describe('the hash of a file with CRLF line ends', () => {
  it('is the hash of the text as read, CRLF and all, as drizzle-orm 0.45 and 1.0.0-rc.5 store it: the file unchanged', async () => {
    const crlf = 'CREATE TABLE c (id int);\r\n--> statement-breakpoint\r\nCREATE TABLE d (id int);\r\n';
    const m = journalMigration('0000_crlf', 1700000000000, crlf);
    await db.client.query(TABLE_0X);
    await db.client.query(INSERT_0X, [sha256(crlf), 1700000000000]);
    const options = deployOptions(db);
    const { history } = await readHistoryTable(options, [m]);
    expect(history.entries).toEqual([expect.objectContaining({ file: m.file, checksum: { algorithm: 'drizzle', value: sha256(crlf) } })]);
    expect(ruleFiles(checksumDrift, [m], history.entries, options)).toEqual([]);
  });
});

describe("apply in drizzle's place, end to end", () => {
  // The hashes drizzle-orm 0.45.4's migrate() stored for these two files (0001_crlf.sql's over its CRLF text as read).
  it('writes the rows drizzle-orm writes for the same journal, and check reads them back as applied', async () => {
    const root = makeTree({
      'drizzle/0000_init.sql': 'CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE TABLE b (id int);\n',
      'drizzle/0001_crlf.sql': 'CREATE TABLE c (id int);\r\n',
      'drizzle/meta/_journal.json': JSON.stringify({
        version: '7',
        dialect: 'postgresql',
        entries: [
          { idx: 0, version: '7', when: 1700000000123, tag: '0000_init', breakpoints: true },
          { idx: 1, version: '7', when: 1700000100456, tag: '0001_crlf', breakpoints: true },
        ],
      }),
    });
    const cli = async (...argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), env: {}, cwd: root, color: false };
      const code = await runCli([...argv, 'drizzle', '--preset', 'drizzle', '--database-url', db.url], io);
      return { code, stdout, stderr };
    };
    try {
      await db.client.query(TABLE_0X);
      const applied = await cli('apply', '--history-write');
      expect(applied).toMatchObject({ code: 0 });
      const { rows } = await db.client.query('SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id');
      expect(rows).toEqual([
        { id: 1, hash: '264dc79c83942dd8ded2507a030c7093ae0443e5a3ec197b2e6b4962dbc2d18f', created_at: '1700000000123' },
        { id: 2, hash: '91ecf816eb7cea06d5c35b02bc2bf7ab98d010e6f34fcfc2d2872ed4e42fbce3', created_at: '1700000100456' },
      ]);
      const report = JSON.parse((await cli('check', '--mode', 'deploy', '--no-dry-run', '--format', 'json')).stdout);
      expect(report.migrations.map((m: { file: string; status: string }) => [m.file, m.status])).toEqual([
        ['drizzle/0000_init.sql', 'applied'],
        ['drizzle/0001_crlf.sql', 'applied'],
      ]);
      expect(report.findings).toEqual([]);
    } finally {
      removeTree(root);
    }
  });
});
