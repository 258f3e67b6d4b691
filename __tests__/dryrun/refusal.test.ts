// A Flyway migration Flyway refuses is not dry-run as applied: with no script config file setting executeInTransaction,
// Flyway reads its statements to pick the transaction, and refuses one that holds both what it runs outside a
// transaction (CREATE INDEX CONCURRENTLY) and what it runs in one, before running any of it (ParserSqlScript.parse),
// unless its mixed setting is true: then it runs all of it outside a transaction.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { commit } from '../support/graphile.js';
import type { PresetName } from '../../src/options.js';
import type { Report } from '../../src/report/report.js';

/** The gate on a tree of files, every migration pending, its dry-run on `engine`. */
async function gateTree(files: Tree, options: { preset: PresetName; paths: string[]; engine: 'pglite' | 'url'; databaseUrl: string | undefined }) {
  const root = makeTree(files);
  try {
    return await runGate(await resolveOptions({ root, all: true, ...options }));
  } finally {
    removeTree(root);
  }
}

/** Each dry-run migration's file, status and skip reason. */
const runs = (report: Report) => report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason]);

describe.each([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
] as const)('on %s, Flyway mixing CONCURRENTLY with other statements', (engine, databaseUrl) => {
  const gate = (files: Tree) => gateTree(files, { preset: 'flyway', paths: ['sql'], engine, databaseUrl });
  // The QA repro (hunt-s9 flyway-mixed-dryrun-applies).
  const mixed = 'CREATE TABLE IF NOT EXISTS mixed_u (id int);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS mixed_u_id ON mixed_u (id);\n';
  const after = 'ALTER TABLE mixed_u ADD COLUMN IF NOT EXISTS n int;\n';

  test("is skipped with Flyway's reason, and so are the migrations after it, as Flyway stops there", async () => {
    const report = await gate({ 'sql/V1__mixed.sql': mixed, 'sql/V2__more.sql': after });
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason])).toEqual([
      [
        'sql/V1__mixed.sql',
        'skipped',
        'Flyway refuses the file at line 2 (Detected both transactional and non-transactional statements within the same migration (even though mixed is false). Offending statement found at line 2: CREATE INDEX CONCURRENTLY IF NOT EXISTS mixed_u_id ON mixed_u (id) [non-transactional]), so it runs none of it',
      ],
      ['sql/V2__more.sql', 'skipped', 'not run: Flyway refuses the earlier migration sql/V1__mixed.sql'],
    ]);
    // The static finding says the same, with the fix.
    expect(report.findings.filter((f) => f.rule === 'transaction-unsafe').map((f) => [f.file, f.line, f.severity])).toEqual([['sql/V1__mixed.sql', 2, 'error']]);
    // The statement that completes the mix is the offending one, whichever kind it is.
    const reversed = await gate({ 'sql/V1__mixed.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS pg_class_x ON pg_class (oid);\nCREATE TABLE IF NOT EXISTS mixed_u (id int);\n' });
    expect(reversed.dryRun!.migrations[0]!.reason).toMatch(/Offending statement found at line 2: CREATE TABLE IF NOT EXISTS mixed_u \(id int\)\), so it runs none of it$/);
  });

  test('applies where Flyway runs it: a script config file sets executeInTransaction, or CONCURRENTLY has a migration of its own', async () => {
    const configured = await gate({ 'sql/V1__mixed.sql': mixed, 'sql/V1__mixed.sql.conf': 'executeInTransaction=false\n', 'sql/V2__more.sql': after });
    expect(configured.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
    const split = await gate({
      'sql/V1__table.sql': 'CREATE TABLE IF NOT EXISTS mixed_u (id int);\n',
      'sql/V2__index.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS mixed_u_id ON mixed_u (id);\n',
      'sql/V3__more.sql': after,
    });
    expect(split.dryRun!.migrations.map((m) => m.status)).toEqual(['applied', 'applied', 'applied']);
    expect(split.findings.filter((f) => f.rule === 'transaction-unsafe' || f.rule === 'dry-run-failed')).toEqual([]);
  });

  test("with Flyway's mixed=true (flyway.conf, flyway.toml or FLYWAY_MIXED), applies it outside a transaction, statement by statement", async () => {
    // A new enum value used before CONCURRENTLY: it works only where each statement commits on its own (55P04 in one transaction).
    const enumMix = [
      "DO $$ BEGIN CREATE TYPE mixed_mood AS ENUM ('ok'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;",
      "ALTER TYPE mixed_mood ADD VALUE IF NOT EXISTS 'sad';",
      "ALTER TABLE mixed_u ADD COLUMN IF NOT EXISTS mood mixed_mood DEFAULT 'sad';",
      '',
    ].join('\n');
    const [table, index] = mixed.split('\n');
    const files = { 'sql/V1__mixed.sql': `${table}\n${enumMix}${index}\n`, 'sql/V2__more.sql': after };
    const outcome = (report: Awaited<ReturnType<typeof gate>>) => [
      report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason ?? m.error?.sqlstate]),
      report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.file}:${f.line}`),
    ];
    const applied = [
      [
        ['sql/V1__mixed.sql', 'applied', undefined],
        ['sql/V2__more.sql', 'applied', undefined],
      ],
      [],
    ];
    expect(outcome(await gate({ ...files, 'flyway.conf': 'flyway.mixed=true\n' }))).toEqual(applied);
    expect(outcome(await gate({ ...files, 'flyway.toml': '[flyway]\nmixed = true\n' }))).toEqual(applied);
    process.env.FLYWAY_MIXED = 'true';
    try {
      expect(outcome(await gate(files))).toEqual(applied);
    } finally {
      delete process.env.FLYWAY_MIXED;
    }
    // mixed=false is Flyway's default: refused; run in one transaction (executeInTransaction=true), the enum value fails.
    expect(outcome(await gate({ ...files, 'flyway.conf': 'flyway.mixed=false\n' }))[0]).toEqual([
      ['sql/V1__mixed.sql', 'skipped', expect.stringMatching(/^Flyway refuses the file at line 5 \(Detected both transactional and non-transactional/)],
      ['sql/V2__more.sql', 'skipped', 'not run: Flyway refuses the earlier migration sql/V1__mixed.sql'],
    ]);
    const wrapped = await gate({ ...files, 'flyway.conf': 'flyway.mixed=true\n', 'sql/V1__mixed.sql.conf': 'executeInTransaction=true\n' });
    expect(wrapped.dryRun!.migrations.map((m) => [m.status, m.error?.sqlstate, m.error?.line])).toEqual([
      ['failed', '55P04', 4],
      ['skipped', undefined, undefined],
    ]);
  });

  // Flyway recognises a statement by its words outside parentheses (PostgreSQLParser detectCanExecuteInTransaction, as
  // Parser reads them), not by whether PostgreSQL could run it in a transaction.
  test("recognises what Flyway's patterns match: REINDEX (VERBOSE) SCHEMA and any CREATE SUBSCRIPTION, refused beside other statements", async () => {
    const table = 'CREATE TABLE IF NOT EXISTS mixed_u (id int);\n';
    const reindex = 'REINDEX (VERBOSE) SCHEMA public;\n';
    // connect = false makes no slot: PostgreSQL runs it in a transaction, but Flyway runs it outside one all the same.
    const subscription = "CREATE SUBSCRIPTION mixed_sub CONNECTION 'dbname=none' PUBLICATION mixed_pub WITH (connect = false);\n";
    for (const statement of [reindex, subscription]) {
      const report = await gate({ 'sql/V1__mixed.sql': table + statement, 'sql/V2__more.sql': after });
      expect(report.dryRun!.migrations.map((m) => [m.status, m.reason])).toEqual([
        ['skipped', expect.stringContaining(`Offending statement found at line 2: ${statement.trim().slice(0, -1)} [non-transactional]), so it runs none of it`)],
        ['skipped', 'not run: Flyway refuses the earlier migration sql/V1__mixed.sql'],
      ]);
    }
    // Alone in its file, Flyway runs REINDEX (VERBOSE) SCHEMA outside a transaction: it applies.
    const alone = await gate({ 'sql/V1__table.sql': table, 'sql/V2__reindex.sql': reindex });
    expect(alone.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([
      ['sql/V1__table.sql', 'applied'],
      ['sql/V2__reindex.sql', 'applied'],
    ]);
  });
});

// sqlx and goose read every file name of the folder before they apply anything (sqlx-core migrate/source.rs resolve,
// which `sqlx migrate run` calls in Migrator::new; goose collectMigrationsFS): one name they refuse stops the folder.
describe.each([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
] as const)('on %s, a file name the runner refuses', (engine, databaseUrl) => {
  const gate = (files: Tree, preset: 'sqlx' | 'goose', paths: string[]) => gateTree(files, { preset, paths, engine, databaseUrl });

  test("sqlx: none of the folder's migrations runs, each with sqlx's message naming the file; another folder still runs", async () => {
    // The QA repro (hunt-s9 sqlx-dash-names).
    const report = await gate(
      {
        'migrations/0001_users.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n',
        'migrations/0003-add_email.sql': 'ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;\n',
        'migrations/0004_name.sql': 'ALTER TABLE users ADD COLUMN IF NOT EXISTS name text;\n',
        'other/0001_tags.sql': 'CREATE TABLE IF NOT EXISTS tags (id int);\n',
      },
      'sqlx',
      ['migrations', 'other'],
    );
    const reason =
      'not run: migrations/0003-add_email.sql is a name sqlx refuses: `sqlx migrate run` fails on it with "error parsing migration filename "0003-add_email.sql"; expected integer version prefix (e.g. `01_foo.sql`)", before it applies any migration';
    expect(runs(report)).toEqual([
      ['migrations/0001_users.sql', 'skipped', reason],
      ['migrations/0004_name.sql', 'skipped', reason],
      ['other/0001_tags.sql', 'applied', undefined],
    ]);
  });

  test("goose: none of the folder's migrations runs, each with goose's message naming the file; a name goose takes changes nothing", async () => {
    const up = (sql: string) => `-- +goose Up\n${sql}\n`;
    const files = { 'db/00001_users.sql': up('CREATE TABLE IF NOT EXISTS users (id int);'), 'db/00002_email.sql': up('ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;') };
    const refused = await gate({ ...files, 'db/seed.sql': up('SELECT 1;') }, 'goose', ['db']);
    const reason =
      'not run: db/seed.sql is a name goose refuses: `goose up` fails on it with "could not parse SQL migration file "db/seed.sql": no filename separator \'_\' found", before it applies any migration';
    expect(runs(refused)).toEqual([
      ['db/00001_users.sql', 'skipped', reason],
      ['db/00002_email.sql', 'skipped', reason],
    ]);
    expect(runs(await gate(files, 'goose', ['db'])).map(([, status]) => status)).toEqual(['applied', 'applied']);
  });
});

// What the runner refuses in a folder's migrations taken together, before it runs any: graphile-migrate's getAllMigrations
// reads every committed file's headers and checks the Previous chain, and runCommittedMigration checks each Hash before it
// runs that file (graphile/migrate src/migration.ts); goose, golang-migrate and Flyway refuse two files of one version.
describe.each([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
] as const)('on %s, what the runner refuses in the folder as a whole', (engine, databaseUrl) => {
  const gate = (files: Tree, preset: PresetName, paths = ['migrations/committed']) => gateTree(files, { preset, paths, engine, databaseUrl });
  const first = commit('create table if not exists g_a (id int);\n', null);
  const second = commit('create table if not exists g_b (id int);\n', first.hash);

  test('graphile-migrate: a file without headers stops it before any migration (QA repro headerless)', async () => {
    const report = await gate({ 'migrations/committed/000001.sql': first.text, 'migrations/committed/000002.sql': 'create table if not exists g_b (id int);\n' }, 'graphile-migrate');
    const reason =
      `not run: graphile-migrate refuses the folder's committed migrations ("Invalid committed migration 'migrations/committed/000002.sql': no 'Previous' comment"), before it applies any migration`;
    expect(runs(report)).toEqual([
      ['migrations/committed/000001.sql', 'skipped', reason],
      ['migrations/committed/000002.sql', 'skipped', reason],
    ]);
    expect(report.findings.map((f) => f.rule)).toEqual(['unreadable-file']);
  });

  test('graphile-migrate: two files committed on one parent break the chain: nothing runs (QA repro duplicate)', async () => {
    const other = commit('create table if not exists g_c (id int);\n', first.hash);
    const report = await gate(
      { 'migrations/committed/000001.sql': first.text, 'migrations/committed/000002.sql': second.text, 'migrations/committed/000002-other.sql': other.text },
      'graphile-migrate',
    );
    expect(report.dryRun!.migrations.map((m) => m.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(report.dryRun!.migrations[0]!.reason).toBe(
      `not run: graphile-migrate refuses the folder's committed migrations ("Previous migration with hash '${other.hash}' doesn't match '000002.sql''s expected previous hash '${first.hash}'"), before it applies any migration`,
    );
  });

  test('graphile-migrate: a tampered file is refused with its Hash message, and so is every file after it; the ones before run', async () => {
    const tampered = second.text.replace('g_b', 'g_bb');
    const third = commit('create table if not exists g_d (id int);\n', second.hash);
    const report = await gate(
      { 'migrations/committed/000001.sql': first.text, 'migrations/committed/000002.sql': tampered, 'migrations/committed/000003.sql': third.text },
      'graphile-migrate',
    );
    const now = `sha1:${report.findings.find((f) => f.rule === 'checksum-drift')!.message.match(/hashes to sha1:([0-9a-f]{40})/)![1]}`;
    expect(runs(report)).toEqual([
      ['migrations/committed/000001.sql', 'applied', undefined],
      [
        'migrations/committed/000002.sql',
        'skipped',
        `graphile-migrate refuses the file at line 2 (Hash for 000002.sql does not match - ${now} !== ${second.hash}; has the file been tampered with?), so it runs none of it`,
      ],
      ['migrations/committed/000003.sql', 'skipped', 'not run: graphile-migrate refuses the earlier migration migrations/committed/000002.sql'],
    ]);
    // AllowInvalidHash on a body that still matches is refused too, in graphile-migrate's words.
    const allowed = await gate({ 'migrations/committed/000001.sql': `--! AllowInvalidHash\n${first.text}` }, 'graphile-migrate');
    expect(runs(allowed)).toEqual([
      ['migrations/committed/000001.sql', 'skipped', 'graphile-migrate refuses the file at line 1 (Invalid hash allowed for 000001.sql; but hash matches.), so it runs none of it'],
    ]);
  });

  test('goose, golang-migrate and Flyway refuse two files of one version before any migration', async () => {
    const goose = await gate({ 'db/1_a.sql': '-- +goose Up\ncreate table if not exists d_a (id int);\n', 'db/01_b.sql': '-- +goose Up\ncreate table if not exists d_b (id int);\n' }, 'goose', ['db']);
    expect(runs(goose)).toEqual([
      ['db/01_b.sql', 'skipped', 'not run: 01_b.sql and 1_a.sql share a version: goose refuses to run: "duplicate version 1 detected"'],
      ['db/1_a.sql', 'skipped', 'not run: 01_b.sql and 1_a.sql share a version: goose refuses to run: "duplicate version 1 detected"'],
    ]);
    const golang = await gate({ 'db/1_a.up.sql': 'create table if not exists d_a (id int);\n', 'db/01_b.up.sql': 'create table if not exists d_b (id int);\n', 'db/2_c.up.sql': 'select 1;\n' }, 'golang-migrate', ['db']);
    expect(golang.dryRun!.migrations.map((m) => [m.status, m.reason])).toEqual(
      Array(3).fill(['skipped', 'not run: 01_b.up.sql and 1_a.up.sql share a version: golang-migrate refuses to read the folder ("duplicate migration file"), so every command fails']),
    );
    const flyway = await gate({ 'db/V1__a.sql': 'create table if not exists d_a (id int);\n', 'db/V1_0__b.sql': 'create table if not exists d_b (id int);\n' }, 'flyway', ['db']);
    expect(flyway.dryRun!.migrations.map((m) => m.reason)).toEqual(
      Array(2).fill('not run: V1_0__b.sql and V1__a.sql share a version: Flyway refuses to migrate: "Found more than one migration with version 1.0"'),
    );
  });

  // dbmate Migrate, the Supabase CLI's ApplyMigrations and sqlx Migrator::run apply each file whose version their history
  // lacks, inserting its row in the file's transaction, and return at the first error: the second file of a version fails
  // on its row's primary key, and nothing after it runs.
  test.each([
    ['dbmate', 'db', (sql: string) => `-- migrate:up\n${sql}-- migrate:down\n`, 'dbmate', 'schema_migrations_pkey'],
    ['supabase', 'supabase/migrations', (sql: string) => sql, 'the Supabase CLI', 'schema_migrations_pkey'],
    ['sqlx', 'db', (sql: string) => sql, 'sqlx', '_sqlx_migrations_pkey'],
  ] as const)('%s runs the first of two files of one version; the second fails on its history row and it stops there (QA repro)', async (preset, dir, file, name, pkey) => {
    const report = await gate(
      {
        [`${dir}/1_a.sql`]: file('create table if not exists d_a (id int);\n'),
        [`${dir}/1_b.sql`]: file('create table if not exists d_b (id int);\n'),
        [`${dir}/2_c.sql`]: file('create table if not exists d_c (id int);\n'),
      },
      preset,
      [dir],
    );
    expect(runs(report)).toEqual([
      [`${dir}/1_a.sql`, 'applied', undefined],
      [
        `${dir}/1_b.sql`,
        'skipped',
        `${name} runs it after ${dir}/1_a.sql, and it fails on its history row (duplicate key value violates unique constraint "${pkey}"), so it is rolled back`,
      ],
      [`${dir}/2_c.sql`, 'skipped', `not run: ${name} stops at the earlier migration ${dir}/1_b.sql, which fails on its history row`],
    ]);
    // The static finding says the same, with the fix.
    expect(report.findings.filter((f) => f.rule === 'duplicate-version').map((f) => f.file)).toEqual([`${dir}/1_b.sql`]);
  });

  // A twin already on the base: dbmate's FindMigrations marks the new file applied by its version; sqlx's Migrator::run
  // compares its checksum with the applied row's, and refuses a different one where it reaches it.
  test('with one of the two applied, dbmate never runs the other; sqlx skips an identical one and stops on a different one', async () => {
    const dbmate = (sql: string) => `-- migrate:up\n${sql}-- migrate:down\n`;
    const onBase = async (preset: 'dbmate' | 'sqlx', file: (sql: string) => string, added: string) => {
      const { root, baseSha } = makeGitRepo(
        { 'db/1_a.sql': file('create table if not exists d_a (id int);\n') },
        { 'db/1_b.sql': file(added), 'db/2_c.sql': file('create table if not exists d_c (id int);\n') },
      );
      try {
        return runs(await runGate(await resolveOptions({ root, paths: ['db'], preset, base: baseSha, engine, databaseUrl })));
      } finally {
        removeTree(root);
      }
    };
    expect(await onBase('dbmate', dbmate, 'create table if not exists d_b (id int);\n')).toEqual([
      ['db/1_b.sql', 'skipped', 'not run: dbmate takes version 1 for applied (by db/1_a.sql) and never runs it'],
      ['db/2_c.sql', 'applied', undefined],
    ]);
    expect(await onBase('sqlx', (sql) => sql, 'create table if not exists d_a (id int);\n')).toEqual([
      ['db/1_b.sql', 'skipped', 'not run: sqlx takes it for the applied db/1_a.sql, whose checksum it has'],
      ['db/2_c.sql', 'applied', undefined],
    ]);
    expect(await onBase('sqlx', (sql) => sql, 'create table if not exists d_b (id int);\n')).toEqual([
      ['db/1_b.sql', 'skipped', 'sqlx refuses it ("migration 1 was previously applied but has been modified"), so it runs none of it'],
      ['db/2_c.sql', 'skipped', 'not run: sqlx refuses the earlier migration db/1_b.sql'],
    ]);
  });

  test('a file opted out of the transaction keeps its changes when its row fails (dbmate transaction:false)', async () => {
    const report = await gate(
      {
        'db/1_a.sql': '-- migrate:up\ncreate table if not exists d_a (id int);\n-- migrate:down\n',
        'db/1_b.sql': '-- migrate:up transaction:false\ncreate table if not exists d_b (id int);\n-- migrate:down\n',
      },
      'dbmate',
      ['db'],
    );
    expect(runs(report)[0]).toEqual(['db/1_a.sql', 'applied', undefined]);
    expect(report.dryRun!.migrations[1]!.reason).toBe(
      'dbmate runs it after db/1_a.sql, and it fails on its history row (duplicate key value violates unique constraint "schema_migrations_pkey"), so it is left unrecorded, its changes kept',
    );
  });
});
