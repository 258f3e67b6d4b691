import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discover } from '../../src/discover/index.js';
import { readGitBase } from '../../src/history/git-base.js';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { testOptions } from '../support/options.js';
import { git, makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

test('reads the base migrations from git objects, with their bytes as on the base', () => {
  const { root, baseSha } = makeGitRepo(
    { 'db/migrations/001_a.sql': 'create table a(id int);\n', 'db/migrations/002_b.sql': 'create table b(id int);\n', 'db/README.md': 'x' },
    { 'db/migrations/002_b.sql': 'create table b(id bigint);\n', 'db/migrations/003_c.sql': 'select 1;\n' },
  );
  roots.push(root);
  const base = readGitBase(testOptions({ root, base: baseSha, folders: [{ path: 'db/migrations' }] }));
  expect(base.history.source).toBe(`git:${baseSha}`);
  expect(base.history.matchBy).toBe('file');
  expect(base.history.entries.map((e) => [e.file, e.version, e.bytes!.toString()])).toEqual([
    ['db/migrations/001_a.sql', '001', 'create table a(id int);\n'],
    ['db/migrations/002_b.sql', '002', 'create table b(id int);\n'],
  ]);
  expect(base.migrations.map((m) => m.sql)).toEqual(['create table a(id int);\n', 'create table b(id int);\n']);
});

test('works when the gate runs from a subfolder of the repository', () => {
  const { root, baseSha } = makeGitRepo({ 'apps/api/migrations/001_a.sql': 'select 1;\n' }, { 'apps/api/migrations/002_b.sql': 'select 2;\n' });
  roots.push(root);
  const base = readGitBase(testOptions({ root: join(root, 'apps/api'), base: baseSha, folders: [{ path: 'migrations' }] }));
  expect(base.history.entries.map((e) => e.file)).toEqual(['migrations/001_a.sql']);
});

test('several folders, one inside another and one with a glob character in its name, each read their own files at the base', () => {
  const { root, baseSha } = makeGitRepo(
    {
      'db/v*/001_a.sql': 'select 1;\n',
      'db/v2/001_decoy.sql': 'select 0;\n',
      'db/migrations/001_b.sql': 'select 2;\n',
      'db/migrations/seed/001_c.sql': 'select 3;\n',
    },
    { 'db/migrations/002_d.sql': 'select 4;\n' },
  );
  roots.push(root);
  const base = readGitBase(testOptions({ root, base: baseSha, folders: [{ path: 'db/v*' }, { path: 'db/migrations' }, { path: 'db/migrations/seed' }] }));
  expect(base.history.entries.map((e) => e.file)).toEqual(['db/v*/001_a.sql', 'db/migrations/001_b.sql', 'db/migrations/seed/001_c.sql']);
});

describe('a base missing from a shallow clone says the fetch that brings it, for each shape of ref', () => {
  // The origin's main has the base and a head commit on it; branch `released` and tag `v1` are the base.
  const { root, baseSha } = makeGitRepo({ 'migrations/001_a.sql': 'select 1;\n' }, { 'migrations/002_b.sql': 'select 2;\n' });
  roots.push(root);
  git(root, 'branch', 'released', baseSha);
  git(root, 'tag', 'v1', baseSha);
  const shallowClone = () => {
    const clone = mkdtempSync(join(tmpdir(), 'mg-shallow-'));
    roots.push(clone);
    execFileSync('git', ['clone', '-q', '--depth=1', '--branch', 'main', `file://${root}`, clone]);
    return clone;
  };
  const fetchError = (clone: string, base: string) => {
    try {
      readGitBase(testOptions({ root: clone, base, folders: [{ path: 'migrations' }] }));
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error(`the base ${base} was found`);
  };

  test.each([
    ['origin/released', 'git fetch --no-tags --depth=1 origin +refs/heads/released:refs/remotes/origin/released'],
    ['refs/remotes/origin/released', 'git fetch --no-tags --depth=1 origin +refs/heads/released:refs/remotes/origin/released'],
    ['<base sha>', 'git fetch --no-tags --depth=1 origin <base sha>'],
    ['HEAD~1', 'git fetch --deepen=1'],
    ['HEAD^', 'git fetch --deepen=1'],
    ['released', 'git fetch --no-tags --depth=1 origin released:released'],
    ['v1', 'git fetch --no-tags --depth=1 origin v1:v1'],
    ['refs/tags/v1', 'git fetch --no-tags --depth=1 origin +refs/tags/v1:refs/tags/v1'],
  ])('%s: %s, which works', (shape, command) => {
    const [base, fetch] = [shape, command].map((s) => s.replace('<base sha>', baseSha));
    const clone = shallowClone();
    expect(fetchError(clone, base!)).toBe(
      `base ${base} is not in this clone; this is a shallow clone: fetch the base with \`${fetch}\`, or use actions/checkout with \`fetch-depth: 0\``,
    );
    const [, ...args] = fetch!.split(' ');
    execFileSync('git', args, { cwd: clone, stdio: 'ignore' });
    const read = readGitBase(testOptions({ root: clone, base, folders: [{ path: 'migrations' }] }));
    expect(read.history.entries.map((e) => e.file)).toEqual(['migrations/001_a.sql']);
  });

  test.each(['<short sha>', 'released~1', 'HEAD@{1}'])('%s names nothing a fetch asks for: only the actions/checkout advice', (shape) => {
    const base = shape.replace('<short sha>', baseSha.slice(0, 7));
    expect(fetchError(shallowClone(), base)).toBe(`base ${base} is not in this clone; this is a shallow clone: use actions/checkout with \`fetch-depth: 0\``);
  });
});

test('an unknown ref in a full clone says to fetch it or check the name', () => {
  const { root } = makeGitRepo({ 'migrations/001_a.sql': 'select 1;\n' });
  roots.push(root);
  expect(() => readGitBase(testOptions({ root, base: 'origin/nope', folders: [{ path: 'migrations' }] }))).toThrow(/base origin\/nope is not in this clone; fetch it first/);
});

test('--base outside a git repository is a user error', () => {
  const root = makeTree({ 'migrations/001_a.sql': 'select 1;\n' });
  roots.push(root);
  expect(() => readGitBase(testOptions({ root, base: 'main', folders: [{ path: 'migrations' }] }))).toThrow(/needs a git repository/);
});

test('head files with the base blob id lend their bytes; changed ones are still read from git', () => {
  const { root, baseSha } = makeGitRepo(
    { 'migrations/001_a.sql': 'create table a(id int);\n', 'migrations/002_b.sql': 'create table b(id int);\n' },
    { 'migrations/002_b.sql': 'create table b(id bigint);\n', 'migrations/003_c.sql': 'select 1;\n' },
  );
  roots.push(root);
  const options = testOptions({ root, base: baseSha, folders: [{ path: 'migrations' }] });
  const head = discover(options).migrations;
  const base = readGitBase(options, head);
  const headA = head.find((m) => m.file === 'migrations/001_a.sql')!;
  expect(base.history.entries.map((e) => [e.file, e.bytes!.toString()])).toEqual([
    ['migrations/001_a.sql', 'create table a(id int);\n'],
    ['migrations/002_b.sql', 'create table b(id int);\n'],
  ]);
  // The unchanged file's bytes are the head's own buffer (not re-read); the changed one is the base's.
  expect(base.history.entries[0]!.bytes).toBe(headA.bytes);
  expect(base.history.entries[1]!.bytes).not.toBe(head.find((m) => m.file === 'migrations/002_b.sql')!.bytes);
});

test('an unchanged file reads at the base as the base has it: a down file added in the head is not the base one', () => {
  const { root, baseSha } = makeGitRepo(
    { 'migrations/001_a.up.sql': 'create table a(id int);\n', 'migrations/002_b.up.sql': 'create table b(id int);\n' },
    { 'migrations/001_a.down.sql': 'drop table a;\n', 'migrations/003_c.up.sql': 'select 1;\n' },
  );
  roots.push(root);
  const options = testOptions({ root, base: baseSha, folders: [{ path: 'migrations' }], preset: 'golang-migrate' });
  const head = discover(options).migrations;
  const base = readGitBase(options, head);
  expect(head.map((m) => [m.file, m.downFile])).toEqual([
    ['migrations/001_a.up.sql', 'migrations/001_a.down.sql'],
    ['migrations/002_b.up.sql', undefined],
    ['migrations/003_c.up.sql', undefined],
  ]);
  expect(base.migrations.map((m) => [m.file, m.version, m.downFile])).toEqual([
    ['migrations/001_a.up.sql', '001', undefined],
    ['migrations/002_b.up.sql', '002', undefined],
  ]);
  // Read off the head's classification, yet its own objects: the head's stay as they were.
  expect(base.migrations[0]).not.toBe(head[0]);
  expect(head[0]!.downFile).toBe('migrations/001_a.down.sql');
});

test('a Flyway script config file at the base is read beside its migration, as on disk', () => {
  const { root, baseSha } = makeGitRepo(
    { 'db/V1__index.sql': 'CREATE INDEX CONCURRENTLY i ON t (a);\n', 'db/V1__index.sql.conf': 'executeInTransaction=false\n' },
    { 'db/V1__index.sql.conf': 'executeInTransaction=true\n', 'db/V2__more.sql': 'select 1;\n' },
  );
  roots.push(root);
  const options = testOptions({ root, base: baseSha, folders: [{ path: 'db' }], preset: 'flyway' });
  const base = readGitBase(options, discover(options).migrations);
  // The base's own .sql.conf, not the head's; and no history entry for it, since it is no migration.
  expect(base.migrations.map((m) => [m.file, m.transactional, m.runnerWraps])).toEqual([['db/V1__index.sql', false, false]]);
  expect(base.history.entries.map((e) => e.file)).toEqual(['db/V1__index.sql']);
  expect(discover(options).migrations.map((m) => [m.file, m.runnerWraps])).toEqual([
    ['db/V1__index.sql', true],
    ['db/V2__more.sql', false],
  ]);
});

test('under Flyway the base is read at any depth, as on disk, so only the new nested file is pending', () => {
  const { root, baseSha } = makeGitRepo(
    {
      'db/migration/V1__init.sql': 'create table a(id int);\n',
      'db/migration/2024/V2__b.sql': 'create table b(id int);\n',
      'db/migration/2024/q1/V3__c.sql': 'create table c(id int);\n',
      'db/migration/.old/V9__x.sql': 'select 9;\n',
      'db/migration/2024/README.md': 'x',
    },
    { 'db/migration/2024/q2/V4__d.sql': 'create table d(id int);\n' },
  );
  roots.push(root);
  const options = testOptions({ root, base: baseSha, folders: [{ path: 'db/migration' }], preset: 'flyway' });
  const base = readGitBase(options, discover(options).migrations);
  expect(base.history.entries.map((e) => [e.file, e.version])).toEqual([
    ['db/migration/V1__init.sql', '1'],
    ['db/migration/2024/V2__b.sql', '2'],
    ['db/migration/2024/q1/V3__c.sql', '3'],
  ]);
  // Under a flat runner the same base holds the folder's own files only.
  expect(readGitBase({ ...options, preset: 'generic' }).history.entries.map((e) => e.file)).toEqual(['db/migration/V1__init.sql']);
});

describe('symlinks at the base are followed as on disk', () => {
  /** A repository whose base commit holds `base` and the symlinks `links` (path → link text); `head` is committed on top. */
  const repoWithLinks = (base: Tree, links: Record<string, string>, head: Tree) => {
    const { root } = makeGitRepo(base);
    roots.push(root);
    for (const [path, target] of Object.entries(links)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      symlinkSync(target, join(root, path));
    }
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'links');
    const baseSha = git(root, 'rev-parse', 'HEAD').trim();
    makeTree(head, root);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'head');
    return { root, baseSha };
  };

  test('an unchanged symlinked migration is its target at the base: no drift, and the dry-run replays its SQL', async () => {
    const { root, baseSha } = repoWithLinks(
      { 'shared/001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\n' },
      { 'migrations/001_a.sql': '../shared/001_a.sql' },
      { 'migrations/002_b.sql': 'CREATE INDEX IF NOT EXISTS a_id ON a (id);\n' },
    );
    const base = readGitBase(testOptions({ root, base: baseSha, folders: [{ path: 'migrations' }] }));
    expect(base.history.entries.map((e) => [e.file, e.bytes!.toString()])).toEqual([['migrations/001_a.sql', 'CREATE TABLE IF NOT EXISTS a (id int);\n']]);
    const report = await runGate(await resolveOptions({ root, paths: ['migrations'], base: baseSha, engine: 'pglite' }));
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual([]);
    // 002 indexes the table the replayed 001 made.
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([['migrations/002_b.sql', 'applied']]);
  });

  test('a migration folder that is a symlink at the base lists the folder it leads to, with its own links followed from there', async () => {
    const { root, baseSha } = repoWithLinks(
      { 'db/migrations/001_a.sql': 'select 1;\n', 'db/shared/002_b.sql': 'select 2;\n' },
      { migrations: 'db/migrations', 'db/migrations/002_b.sql': '../shared/002_b.sql' },
      { 'db/migrations/001_a.sql': '-- edited\nselect 1;\n', 'db/migrations/003_c.sql': 'select 3;\n' },
    );
    const base = readGitBase(testOptions({ root, base: baseSha, folders: [{ path: 'migrations' }] }));
    expect(base.history.entries.map((e) => [e.file, e.bytes!.toString()])).toEqual([
      ['migrations/001_a.sql', 'select 1;\n'],
      ['migrations/002_b.sql', 'select 2;\n'],
    ]);
    const report = await runGate(await resolveOptions({ root, paths: ['migrations'], base: baseSha, dryRun: false }));
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual([['checksum-drift', 'migrations/001_a.sql']]);
  });

  test('a link the disk refuses (out of the root, absolute, broken) is refused at the base too: unchanged, it is neither drift nor new', async () => {
    const { root, baseSha } = repoWithLinks(
      { 'shared/001_a.sql': 'select 1;\n', 'apps/api/migrations/004_d.sql': 'select 4;\n' },
      { 'apps/api/migrations/001_a.sql': '../../../shared/001_a.sql', 'apps/api/migrations/002_b.sql': '/etc/hostname', 'apps/api/migrations/003_c.sql': 'gone.sql' },
      { 'apps/api/migrations/005_e.sql': 'select 5;\n' },
    );
    const api = join(root, 'apps/api');
    const base = readGitBase(testOptions({ root: api, base: baseSha, folders: [{ path: 'migrations' }] }));
    expect(base.history.entries.map((e) => [e.file, e.bytes!.length])).toEqual([
      ['migrations/001_a.sql', 0],
      ['migrations/002_b.sql', 0],
      ['migrations/003_c.sql', 0],
      ['migrations/004_d.sql', 10],
    ]);
    // Only the head's own refusals: no checksum-drift, and no out-of-order for files that are no newer than the base's.
    const report = await runGate(await resolveOptions({ root: api, paths: ['migrations'], base: baseSha, dryRun: false }));
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual([
      ['unreadable-file', 'migrations/001_a.sql'],
      ['unreadable-file', 'migrations/002_b.sql'],
      ['unreadable-file', 'migrations/003_c.sql'],
    ]);
  });
});
