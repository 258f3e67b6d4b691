// check --fix: the fixes written into the migrations new against the base (line endings, BOM and placeholders as the
// file writes them), the files on the base left byte for byte, and the report of the check that runs on the fixed files.

import { chmodSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { makeGitRepo, removeTree, type Tree } from '../support/repo.js';
import { runCliIn } from '../support/cli.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { scratchDatabase } from '../deploy/scratch-database.js';
import { commit } from '../support/graphile.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

/** A repository whose base holds `base` and whose head adds `head`; returns its root and the base's SHA. */
function repo(base: Tree, head: Tree): { root: string; baseSha: string } {
  const made = makeGitRepo(base, head);
  roots.push(made.root);
  return made;
}

const read = (root: string, file: string) => readFileSync(join(root, file));
const MERGED = { 'migrations/001_users.sql': 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY);\n' };

test('a new migration becomes idempotent: it runs twice on the server, and the dry-run and the report say so', async () => {
  const orders = ['CREATE TABLE orders (', '  id int PRIMARY KEY,', '  a text', ');', 'CREATE INDEX orders_a ON orders(a);', "INSERT INTO orders (id, a) VALUES (1, 'one');"];
  const { root, baseSha } = repo(MERGED, { 'migrations/002_orders.sql': `${orders.join('\n')}\n` });
  const run = await runCliIn(root, ['check', '--base', baseSha, '--fix', '--format', 'json', '--engine', 'url', '--database-url', TEST_DATABASE_URL]);

  const fixed = read(root, 'migrations/002_orders.sql').toString();
  expect(fixed).toBe(
    [
      'CREATE TABLE IF NOT EXISTS orders (',
      '  id int PRIMARY KEY,',
      '  a text',
      ');',
      'CREATE INDEX IF NOT EXISTS orders_a ON orders(a);',
      "INSERT INTO orders (id, a) VALUES (1, 'one') ON CONFLICT DO NOTHING;",
      '',
    ].join('\n'),
  );
  expect(run.stderr).toBe('fixed 3 findings in migrations/002_orders.sql\n');
  expect(run.code).toBe(0);
  expect(run.report!.findings).toEqual([]);
  expect(run.report!.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([['migrations/002_orders.sql', 'applied']]);

  const db = await scratchDatabase('s13fix');
  try {
    await db.client.query(MERGED['migrations/001_users.sql']);
    await db.client.query(fixed);
    await db.client.query(fixed);
    expect((await db.client.query('SELECT id, a FROM orders')).rows).toEqual([{ id: 1, a: 'one' }]);
  } finally {
    await db.drop();
  }
});

test('CRLF, a BOM and a missing final newline stay as they were; the dry-run on PGlite runs the fixed file', async () => {
  const crlf = '\uFEFFCREATE TABLE t (\r\n  id int PRIMARY KEY\r\n);\r\nINSERT INTO t (id) VALUES (1);\r\n';
  const { root, baseSha } = repo(MERGED, { 'migrations/002_t.sql': crlf, 'migrations/003_u.sql': 'CREATE TABLE u (id int);' });
  const run = await runCliIn(root, ['check', '--base', baseSha, '--fix', '--engine', 'pglite']);
  expect(read(root, 'migrations/002_t.sql').toString()).toBe(
    '\uFEFFCREATE TABLE IF NOT EXISTS t (\r\n  id int PRIMARY KEY\r\n);\r\nINSERT INTO t (id) VALUES (1) ON CONFLICT DO NOTHING;\r\n',
  );
  expect(read(root, 'migrations/003_u.sql').toString()).toBe('CREATE TABLE IF NOT EXISTS u (id int);');
  expect(run.stderr).toBe('fixed 2 findings in migrations/002_t.sql\nfixed 1 finding in migrations/003_u.sql\n');
  expect(run.code).toBe(0);
  expect(run.stdout).not.toContain('non-idempotent');
  expect(run.stdout).toMatch(/✔ gate passes · 0 errors, 0 warnings in 3 migrations\n$/);
});

test('migrations on the base are left byte for byte, unchanged or edited, even with --all', async () => {
  const base = { ...MERGED, 'migrations/002_a.sql': 'CREATE TABLE a (id int);\n', 'migrations/003_b.sql': 'CREATE TABLE b (id int);\n' };
  const { root, baseSha } = repo(base, { 'migrations/003_b.sql': 'CREATE TABLE b (id int, c int);\n', 'migrations/004_c.sql': 'CREATE TABLE c (id int);\n' });
  const run = await runCliIn(root, ['check', '--base', baseSha, '--fix', '--all', '--no-dry-run', '--format', 'json']);
  expect(read(root, 'migrations/002_a.sql').toString()).toBe('CREATE TABLE a (id int);\n');
  expect(read(root, 'migrations/003_b.sql').toString()).toBe('CREATE TABLE b (id int, c int);\n');
  expect(read(root, 'migrations/004_c.sql').toString()).toBe('CREATE TABLE IF NOT EXISTS c (id int);\n');
  expect(run.stderr).toBe(
    `left migrations/002_a.sql as it is: it is on git:${baseSha} already, and an edit would be checksum drift\n` +
      `left migrations/003_b.sql as it is: it is on git:${baseSha} already, and an edit would be checksum drift\n` +
      'fixed 1 finding in migrations/004_c.sql\n',
  );
  // The exit code is the check's on the fixed files: the edited migration is still drift.
  expect(run.code).toBe(1);
  expect(run.report!.findings.map((f) => [f.rule, f.file])).toEqual([
    ['checksum-drift', 'migrations/003_b.sql'],
    ['non-idempotent', 'migrations/002_a.sql'],
    ['non-idempotent', 'migrations/003_b.sql'],
  ]);
});

test('--fix without --base is refused with exit 2, and says why and what to pass', async () => {
  const { root } = repo(MERGED, { 'migrations/002_a.sql': 'CREATE TABLE a (id int);\n' });
  const run = await runCliIn(root, ['check', '--fix', '--no-dry-run']);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(
    'migration-gate: --fix edits only migrations that are new against the base: one a database already ran would change its checksum, ' +
      'which runners that check it refuse (checksum-drift). Pass --base with what is already merged, e.g. --base origin/main\n',
  );
  expect(run.stdout).toBe('');
  expect(read(root, 'migrations/002_a.sql').toString()).toBe('CREATE TABLE a (id int);\n');
  const status = await runCliIn(root, ['status', '--fix', '--base', 'HEAD', '--database-url', TEST_DATABASE_URL]);
  expect([status.code, status.stderr]).toEqual([2, 'migration-gate: --fix goes with check, not status\n']);
  const deploy = await runCliIn(root, ['check', '--fix', '--mode', 'deploy', '--base', 'HEAD', '--database-url', TEST_DATABASE_URL]);
  expect([deploy.code, deploy.stderr]).toEqual([2, 'migration-gate: --fix edits the migrations a pull request adds: it goes with PR mode (--base), not --mode deploy\n']);
});

test('a new migration that is a link is left as it is: its target may be a migration that ran', async () => {
  const { root, baseSha } = repo({ 'svc-a/migrations/001_a.sql': 'CREATE TABLE a (id int);\n', 'svc-b/migrations/001_init.sql': 'SELECT 1;\n' }, {});
  symlinkSync('../../svc-a/migrations/001_a.sql', join(root, 'svc-b/migrations/002_a.sql'));
  const run = await runCliIn(root, ['check', 'svc-b/migrations', '--base', baseSha, '--fix', '--no-dry-run', '--format', 'json']);
  expect(run.stderr).toBe(
    'left svc-b/migrations/002_a.sql as it is: it is a link to svc-a/migrations/001_a.sql, which other migrations may read too: fix that file itself\n',
  );
  expect(lstatSync(join(root, 'svc-b/migrations/002_a.sql')).isSymbolicLink()).toBe(true);
  expect(read(root, 'svc-a/migrations/001_a.sql').toString()).toBe('CREATE TABLE a (id int);\n');
  expect(run.report!.findings.map((f) => [f.rule, f.file])).toEqual([['non-idempotent', 'svc-b/migrations/002_a.sql']]);
});

test('two fixes on one line: the first is written, the other is left for the next --fix, which writes it', async () => {
  const { root, baseSha } = repo(MERGED, { 'migrations/002_ab.sql': 'CREATE TABLE a (id int); CREATE TABLE b (id int);\n' });
  const argv = ['check', '--base', baseSha, '--fix', '--no-dry-run', '--format', 'json'];
  const first = await runCliIn(root, argv);
  expect(read(root, 'migrations/002_ab.sql').toString()).toBe('CREATE TABLE IF NOT EXISTS a (id int); CREATE TABLE b (id int);\n');
  expect(first.stderr).toBe('fixed 1 finding in migrations/002_ab.sql; the fix at line 1 overlaps another: run --fix again for it\n');
  expect(first.report!.findings.map((f) => [f.rule, f.message.split(' fails')[0]])).toEqual([['non-idempotent', 'CREATE TABLE b']]);
  const second = await runCliIn(root, argv);
  expect(read(root, 'migrations/002_ab.sql').toString()).toBe('CREATE TABLE IF NOT EXISTS a (id int); CREATE TABLE IF NOT EXISTS b (id int);\n');
  expect([second.code, second.stderr, second.report!.findings]).toEqual([0, 'fixed 1 finding in migrations/002_ab.sql\n', []]);
});

test('a read-only file: exit 2 with a message naming it, the file untouched, the other new files fixed', async () => {
  const { root, baseSha } = repo(MERGED, { 'migrations/002_a.sql': 'CREATE TABLE a (id int);\n', 'migrations/003_b.sql': 'CREATE TABLE b (id int);\n' });
  chmodSync(join(root, 'migrations/002_a.sql'), 0o444);
  const run = await runCliIn(root, ['check', '--base', baseSha, '--fix', '--no-dry-run']);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(
    'fixed 1 finding in migrations/003_b.sql\n' +
      'migration-gate: cannot write migrations/002_a.sql (it is read-only): its fixes are not applied; make it writable and run --fix again\n',
  );
  expect(read(root, 'migrations/002_a.sql').toString()).toBe('CREATE TABLE a (id int);\n');
  expect(read(root, 'migrations/003_b.sql').toString()).toBe('CREATE TABLE IF NOT EXISTS b (id int);\n');
});

test('a templated file keeps its ${placeholder}, never the value it was checked with', async () => {
  const { root, baseSha } = repo(MERGED, { 'migrations/002_t.sql': 'CREATE TABLE ${schema}.t (id int);\nCREATE INDEX t_id ON ${schema}.t (id);\n' });
  const run = await runCliIn(root, ['check', '--base', baseSha, '--fix', '--no-dry-run', '--placeholder', 'schema=a_schema_longer_than_its_placeholder']);
  expect(read(root, 'migrations/002_t.sql').toString()).toBe('CREATE TABLE IF NOT EXISTS ${schema}.t (id int);\nCREATE INDEX IF NOT EXISTS t_id ON ${schema}.t (id);\n');
  expect([run.code, run.stderr]).toEqual([0, 'fixed 2 findings in migrations/002_t.sql\n']);
});

describe("graphile-migrate's current migration: work in progress no database records, fixed wherever the branch changes it", () => {
  const first = commit('CREATE TABLE IF NOT EXISTS people (id int PRIMARY KEY);\n', null);
  const gate = (root: string, baseSha: string, ...flags: string[]) =>
    runCliIn(root, ['check', 'migrations/committed', '--preset', 'graphile-migrate', '--base', baseSha, '--fix', '--no-dry-run', '--format', 'json', ...flags]);

  test("a file of current/ that the base has, in a current/ the branch changes; a fixture it includes is left, and says why", async () => {
    const { root, baseSha } = repo(
      { 'migrations/committed/000001.sql': first.text, 'migrations/current/1-a.sql': 'SELECT 1;\n', 'migrations/current/2-b.sql': 'CREATE TABLE b (id int);\n' },
      {
        'migrations/current/1-a.sql': 'SELECT 2;\n--!include pets.sql\n',
        'migrations/fixtures/pets.sql': 'CREATE TABLE pets (id int);\n',
      },
    );
    const run = await gate(root, baseSha);
    expect(read(root, 'migrations/current/2-b.sql').toString()).toBe('CREATE TABLE IF NOT EXISTS b (id int);\n');
    expect(read(root, 'migrations/fixtures/pets.sql').toString()).toBe('CREATE TABLE pets (id int);\n');
    expect(run.stderr).toBe(
      'left migrations/fixtures/pets.sql as it is: it is a fixture that `--!include` shares with every migration that includes it: fix it by hand\n' +
        'fixed 1 finding in migrations/current/2-b.sql\n',
    );
    expect(run.report!.findings.map((f) => [f.rule, f.file])).toEqual([['non-idempotent', 'migrations/fixtures/pets.sql']]);
  });

  test('current.sql changed by the branch is fixed; one it leaves unchanged is not (with --all, it is checked), and says so', async () => {
    const edited = repo({ 'migrations/committed/000001.sql': first.text, 'migrations/current.sql': 'SELECT 1;\n' }, { 'migrations/current.sql': 'CREATE TABLE t (id int);\n' });
    const run = await gate(edited.root, edited.baseSha);
    expect([run.stderr, read(edited.root, 'migrations/current.sql').toString()]).toEqual(['fixed 1 finding in migrations/current.sql\n', 'CREATE TABLE IF NOT EXISTS t (id int);\n']);
    expect(run.report!.findings).toEqual([]);

    const untouched = repo({ 'migrations/committed/000001.sql': first.text, 'migrations/current.sql': 'CREATE TABLE t (id int);\n' }, { 'migrations/x.txt': '' });
    const left = await gate(untouched.root, untouched.baseSha, '--all');
    expect(left.stderr).toBe(`left migrations/current.sql as it is: it is on git:${untouched.baseSha} already, and this branch leaves it unchanged\n`);
    expect(read(untouched.root, 'migrations/current.sql').toString()).toBe('CREATE TABLE t (id int);\n');
  });
});
