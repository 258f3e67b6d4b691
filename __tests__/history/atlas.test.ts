// Atlas's history on a real server: atlas_schema_revisions.atlas_schema_revisions made as Atlas's ent schema makes it on
// PostgreSQL, filled with the rows `atlas migrate apply` writes, read back to the files Atlas keys them by (their version);
// a revision left part-way under `-- atlas:txmode none`; the rows apply writes in Atlas's place, end to end.

import type { Migration } from '../../src/migration.js';
import type { GateOptions } from '../../src/options.js';
import { locateHistoryTable, readHistoryTable } from '../../src/history/read-table.js';
import { HISTORY_TABLES, historyTable } from '../../src/history/tables/index.js';
import { sumFileText, sumLines } from '../../src/discover/atlas-sum.js';
import { missingMigration } from '../../src/rules/missing-migration.js';
import { testOptions } from '../support/options.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';
import { makeTree, removeTree } from '../support/repo.js';
import { runCli } from '../../src/cli.js';
import { ATLAS_REVISIONS_SCHEMA, ATLAS_REVISIONS_TABLE } from '../support/atlas-revisions.js';

const atlas = historyTable('atlas');

const INSERT =
  'INSERT INTO atlas_schema_revisions.atlas_schema_revisions (version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version) ' +
  "VALUES ($1, $2, $3, $4, $5, now(), 1500000, $6, $7, $8, $9, 'Atlas CLI v0.36.0')";

function migration(name: string, content: string): Migration {
  const cut = name.indexOf('_');
  return {
    file: `migrations/${name}`,
    folder: 'migrations',
    version: name.slice(0, cut),
    name: name.slice(cut + 1, -4),
    scheme: 'timestamp',
    kind: 'versioned',
    bytes: Buffer.from(content),
    sql: content,
    lineOffset: 0,
    transactional: true,
    runnerWraps: true,
  };
}

function deployOptions(db: ScratchDatabase): GateOptions {
  return testOptions({
    mode: 'deploy',
    preset: 'atlas',
    folders: [{ path: 'migrations' }],
    dryRun: { ...testOptions().dryRun, databaseUrl: db.url },
    history: { format: 'auto', write: false },
  });
}

const USERS = migration('20240101000000_users.sql', 'CREATE TABLE users (id bigint PRIMARY KEY);\n');
const POSTS = migration('20240102000000_posts.sql', 'CREATE TABLE posts (id bigint PRIMARY KEY);\nCREATE INDEX CONCURRENTLY posts_id ON posts (id);\n');

let db: ScratchDatabase;
beforeAll(async () => (db = await scratchDatabase('atlas')));
afterAll(async () => db.drop());
beforeEach(async () => {
  await db.client.query('DROP SCHEMA IF EXISTS atlas_schema_revisions CASCADE');
  await db.client.query(ATLAS_REVISIONS_SCHEMA);
  await db.client.query(ATLAS_REVISIONS_TABLE);
});

describe("Atlas's revisions table", () => {
  it('is found by itself in its own schema, and is no other runner\'s', async () => {
    const located = await locateHistoryTable(db.client, deployOptions(db));
    expect(located).toMatchObject({ exists: true, table: { schema: 'atlas_schema_revisions', name: 'atlas_schema_revisions' } });
    expect(located.format.format).toBe('atlas');
    expect(HISTORY_TABLES.filter((t) => t.fits(located.columns)).map((t) => t.format)).toEqual(['atlas']);
  });

  it('reads each revision to the file of its version; the Atlas Cloud row is none, and a revision whose file is gone stays', async () => {
    await db.client.query(INSERT, ['.atlas_cloud_identifier', 'b7f1c4e2-0d7a-4d4e-9a51-2f0c4a1d9e11', 0, 0, 0, null, null, '', null]);
    await db.client.query(INSERT, ['20240101000000', 'users', 2, 1, 1, null, null, 'h1', '["h1:a"]']);
    await db.client.query(INSERT, ['20231231000000', 'gone', 2, 1, 1, null, null, 'h0', '["h1:b"]']);
    const options = deployOptions(db);
    const { history, findings } = await readHistoryTable(options, [USERS, POSTS]);
    expect(findings).toEqual([]);
    expect(history.entries.map((e) => [e.file, e.version, e.state])).toEqual([
      ['migrations/20231231000000_gone.sql', '20231231000000', 'applied'],
      ['migrations/20240101000000_users.sql', '20240101000000', 'applied'],
    ]);
    const missing = missingMigration.check({ migrations: [USERS, POSTS], history, options });
    expect(missing.map((d) => d.file)).toEqual(['migrations/20231231000000_gone.sql']);
    expect(missing[0]!.message).toContain("Atlas refuses the folder until `atlas migrate hash` drops its atlas.sum line");
  });

  it('a revision txmode none left part-way is dirty-history: Atlas resumes it at the statement that failed', async () => {
    await db.client.query(INSERT, ['20240101000000', 'users', 2, 1, 1, null, null, 'h1', '["h1:a"]']);
    const error = 'pq: relation "posts_id" already exists';
    await db.client.query(INSERT, ['20240102000000', 'posts', 2, 1, 2, error, 'CREATE INDEX CONCURRENTLY posts_id ON posts (id);', 'h2', '["h1:c"]']);
    const { history, findings } = await readHistoryTable(deployOptions(db), [USERS, POSTS]);
    expect(history.entries.map((e) => [e.file, e.state])).toEqual([
      ['migrations/20240101000000_users.sql', 'applied'],
      ['migrations/20240102000000_posts.sql', 'dirty'],
    ]);
    expect(findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        'dirty-history',
        'migrations/20240102000000_posts.sql',
        `Atlas recorded version 20240102000000 (posts) as partially applied, 1 of its 2 statements: statement 2 failed (${error}). ` +
          '`atlas migrate apply` resumes it at statement 2, once it has checked the 1 before it are unchanged, and applies nothing after it until then.',
      ],
    ]);
    expect(findings[0]!.suggestion).toContain(`DELETE FROM "atlas_schema_revisions"."atlas_schema_revisions" WHERE version = '20240102000000';`);
  });

  it('writes the revision Atlas writes: version, description, executed, every statement applied, the atlas.sum hash', async () => {
    const m = { ...USERS, atlasHash: 'twN+zPVp8JzWEUcPPfNIT6/62Wa08dfxxZhT4gZxBzg=' };
    const options = deployOptions(db);
    const located = await locateHistoryTable(db.client, options);
    await atlas.record({ db: db.client, table: located.table, columns: located.columns, migration: m, executionMs: 2, statements: ['CREATE TABLE users (id bigint PRIMARY KEY);'] });
    const { rows } = await db.client.query('SELECT * FROM atlas_schema_revisions.atlas_schema_revisions');
    expect(rows).toEqual([
      expect.objectContaining({
        version: '20240101000000',
        description: 'users',
        type: '2',
        applied: '1',
        total: '1',
        execution_time: '2000000',
        error: null,
        hash: 'twN+zPVp8JzWEUcPPfNIT6/62Wa08dfxxZhT4gZxBzg=',
        partial_hashes: ['h1:ZMc0UO51dY1xoKemC6IWUC4bs4uT3WH76uk2l4SGwJM='],
      }),
    ]);
    expect(rows[0].executed_at).toBeInstanceOf(Date);
    const { history } = await readHistoryTable(options, [m]);
    expect(history.entries).toEqual([expect.objectContaining({ file: m.file, state: 'applied' })]);
  });
});

describe("apply in Atlas's place, end to end", () => {
  it("writes each file's revision with its atlas.sum hash, and check reads them back as applied", async () => {
    const files = { '20240101000000_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n', '20240102000000_posts.sql': 'CREATE TABLE posts (id bigint PRIMARY KEY);\n' };
    const lines = sumLines(Object.entries(files).map(([name, text]) => ({ name, bytes: Buffer.from(text) })));
    const root = makeTree({ ...Object.fromEntries(Object.entries(files).map(([n, t]) => [`migrations/${n}`, t])), 'migrations/atlas.sum': sumFileText(lines) });
    const cli = async (...argv: string[]) => {
      let stdout = '';
      let stderr = '';
      const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), env: {}, cwd: root, color: false };
      const code = await runCli([...argv, 'migrations', '--preset', 'atlas', '--database-url', db.url], io);
      return { code, stdout, stderr };
    };
    try {
      const applied = await cli('apply', '--history-write');
      expect(applied).toMatchObject({ code: 0 });
      const { rows } = await db.client.query('SELECT version, description, applied, total, hash FROM atlas_schema_revisions.atlas_schema_revisions ORDER BY version');
      expect(rows).toEqual([
        { version: '20240101000000', description: 'users', applied: '1', total: '1', hash: lines[0]!.hash },
        { version: '20240102000000', description: 'posts', applied: '1', total: '1', hash: lines[1]!.hash },
      ]);
      const report = JSON.parse((await cli('check', '--mode', 'deploy', '--no-dry-run', '--format', 'json')).stdout);
      expect(report.migrations.map((m: { file: string; status: string }) => [m.file, m.status])).toEqual([
        ['migrations/20240101000000_users.sql', 'applied'],
        ['migrations/20240102000000_posts.sql', 'applied'],
      ]);
      expect(report.findings).toEqual([]);
    } finally {
      removeTree(root);
    }
  });
});
