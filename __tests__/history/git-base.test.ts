import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discover } from '../../src/discover/index.js';
import { readGitBase } from '../../src/history/git-base.js';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { testOptions } from '../support/options.js';
import { runCliIn } from '../support/cli.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
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

test('a folder a glob and its path both reach is read once at the base too, with the scheme of the entry that names it', async () => {
  const { root } = makeGitRepo(
    { 'services/api/migrations/001_a.sql': 'select 1;\n', 'services/web/migrations/V1__w.sql': 'select 2;\n' },
    {
      'services/api/migrations/002_b.sql': 'select 3;\n',
      '.migration-gate.yml':
        'folders:\n  - path: services/*/migrations\n    scheme: flyway\n  - path: services/api/migrations\n    scheme: sequential\n',
    },
  );
  roots.push(root);
  const { code, report } = await runCliIn(root, ['check', '--base', 'HEAD~1', '--no-dry-run', '--format', 'json']);
  expect(report!.migrations.map((m) => [m.file, m.status, m.change])).toEqual([
    ['services/api/migrations/001_a.sql', 'applied', 'unchanged'],
    ['services/api/migrations/002_b.sql', 'pending', 'added'],
    ['services/web/migrations/V1__w.sql', 'applied', 'unchanged'],
  ]);
  expect(report!.findings).toEqual([]);
  expect(code).toBe(0);
});

describe('a base missing from a shallow clone says the fetch that brings it, for each shape of ref', () => {
  // The origin's main has the base and a head commit on it; branch `released`, tag `v1` and annotated tag `v2` are the base.
  const { root, baseSha } = makeGitRepo({ 'migrations/001_a.sql': 'select 1;\n' }, { 'migrations/002_b.sql': 'select 2;\n' });
  roots.push(root);
  git(root, 'branch', 'released', baseSha);
  git(root, 'tag', 'v1', baseSha);
  git(root, 'tag', '-a', '-m', 'release', 'v2', baseSha);
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
    ['refs/heads/released', 'git fetch --no-tags --depth=1 origin +refs/heads/released:refs/heads/released'],
    ['refs/tags/v1', 'git fetch --no-tags --depth=1 origin +refs/tags/v1:refs/tags/v1'],
    ['refs/tags/v2', 'git fetch --no-tags --depth=1 origin +refs/tags/v2:refs/tags/v2'],
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

  // `git fetch origin v1:v1` would store a tag as the branch refs/heads/v1, and fail on the annotated v2.
  test.each([
    ['released', 'branch'],
    ['v1', 'tag'],
    ['v2', 'tag'],
  ])('a bare name, %s: its branch fetch or its tag fetch, of which the one for what it is on the remote (a %s) works', (base, kind) => {
    const clone = shallowClone();
    const [branch, tag] = ['heads', 'tags'].map((k) => `git fetch --no-tags --depth=1 origin +refs/${k}/${base}:refs/${k}/${base}`);
    expect(fetchError(clone, base)).toBe(
      `base ${base} is not in this clone; this is a shallow clone: fetch the base with \`${branch}\` if it is a branch or \`${tag}\` ` +
        'if it is a tag, or use actions/checkout with `fetch-depth: 0`',
    );
    const [fits, other] = kind === 'branch' ? [branch!, tag!] : [tag!, branch!];
    const run = (command: string) => execFileSync('git', command.split(' ').slice(1), { cwd: clone, stdio: 'pipe' });
    expect(() => run(other)).toThrow(`couldn't find remote ref ${other.split(':').pop()}`);
    run(fits);
    expect(readGitBase(testOptions({ root: clone, base, folders: [{ path: 'migrations' }] })).history.entries.map((e) => e.file)).toEqual([
      'migrations/001_a.sql',
    ]);
    // Fetched as what it is: a tag stays a tag here, not a branch of its name.
    expect(git(clone, 'for-each-ref', '--format=%(refname)').split('\n')).toContain(kind === 'branch' ? `refs/heads/${base}` : `refs/tags/${base}`);
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

test('a tag made on the origin after a full clone: the advice names the tag fetch, which brings it', () => {
  const { root: origin, baseSha } = makeGitRepo({ 'migrations/001_a.sql': 'select 1;\n' }, { 'migrations/002_b.sql': 'select 2;\n' });
  const clone = mkdtempSync(join(tmpdir(), 'mg-clone-'));
  roots.push(origin, clone);
  execFileSync('git', ['clone', '-q', `file://${origin}`, clone]);
  git(origin, 'tag', '-a', '-m', 'release', 'v1.2', baseSha);
  const options = testOptions({ root: clone, base: 'v1.2', folders: [{ path: 'migrations' }] });
  const tag = 'git fetch --no-tags origin +refs/tags/v1.2:refs/tags/v1.2';
  expect(() => readGitBase(options)).toThrow(
    `base v1.2 is not in this clone; fetch it first (\`git fetch --no-tags origin +refs/heads/v1.2:refs/heads/v1.2\` if it is a branch or \`${tag}\` if it is a tag) or check the name`,
  );
  execFileSync('git', tag.split(' ').slice(1), { cwd: clone, stdio: 'pipe' });
  expect(readGitBase(options).history.entries.map((e) => e.file)).toEqual(['migrations/001_a.sql']);
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

describe('a migration folder the change deleted, with its applied migrations, is read at the base', () => {
  /** Two services' migrations at the base; the change deletes services/b whole (`git rm -r`) and writes `head`. */
  const repo = (head: Tree = {}) => {
    const { root } = makeGitRepo({
      'services/a/migrations/001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\n',
      'services/b/migrations/001_b.sql': 'CREATE TABLE IF NOT EXISTS b (id int);\n',
      'services/b/migrations/002_b.sql': 'CREATE INDEX IF NOT EXISTS b_id ON b (id);\n',
    });
    roots.push(root);
    rmSync(join(root, 'services/b'), { recursive: true });
    makeTree(head, root);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'delete services/b');
    return root;
  };
  const missing = (file: string) => ({
    rule: 'missing-migration',
    file,
    message:
      `${file} is on HEAD~1 but no longer exists. Databases that ran it keep its changes, new databases will not get them, ` +
      'and runners that validate their history (Flyway) stop on it.',
    suggestion: `Restore it (\`git checkout 'HEAD~1' -- ${file}\`); to take its changes back, add a new migration that reverses them.`,
  });
  const deleted = [missing('services/b/migrations/001_b.sql'), missing('services/b/migrations/002_b.sql')];

  test.each([
    ['a glob in the config file', ['check'], 'folders:\n  - services/*/migrations\n'],
    ['a glob given on the command line', ['check', 'services/*/migrations'], ''],
    ['a `**` glob', ['check', '**/migrations'], ''],
    ['its path given beside the one kept', ['check', 'services/a/migrations', 'services/b/migrations'], ''],
  ])('%s: each applied migration of the deleted folder is missing-migration', async (_, argv, config) => {
    const root = repo(config ? { '.migration-gate.yml': config } : {});
    const { code, report } = await runCliIn(root, [...argv, '--base', 'HEAD~1', '--no-dry-run', '--format', 'json']);
    expect(report!.findings.map(({ rule, file, message, suggestion }) => ({ rule, file, message, suggestion }))).toEqual(deleted);
    expect(code).toBe(1);
    // The report's folders are those on disk; the deleted one is only the base's.
    expect(report!.folders).toEqual(['services/a/migrations']);
  });

  test('without a base, the deleted folder given by its path is still a usage error', async () => {
    const root = repo();
    const { code, stderr } = await runCliIn(root, ['check', 'services/a/migrations', 'services/b/migrations', '--no-dry-run']);
    expect(code).toBe(2);
    expect(stderr).toContain(`migration folder services/b/migrations does not exist (looked in ${join(root, 'services/b/migrations')}); check the path`);
  });

  test('a path or glob that names no folder on disk nor at the base is still refused, saying where it looked', async () => {
    const root = repo();
    const path = await runCliIn(root, ['check', 'services/a/migrations', 'services/c/migrations', '--base', 'HEAD~1', '--no-dry-run']);
    expect(path.code).toBe(2);
    expect(path.stderr).toContain(`migration folder services/c/migrations does not exist (looked in ${join(root, 'services/c/migrations')} and at HEAD~1)`);
    const glob = await runCliIn(root, ['check', 'apps/*/migrations', '--base', 'HEAD~1', '--no-dry-run']);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toContain(`no folder matches apps/*/migrations (from ${root} and at HEAD~1); check the glob`);
    const file = await runCliIn(root, ['check', 'services/a/migrations/001_a.sql', '--base', 'HEAD~1', '--no-dry-run']);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('migration folder services/a/migrations/001_a.sql is a file, not a folder');
  });

  test.each(['url', 'pglite'])('the dry-run (%s) replays the deleted folder too, as the databases that ran the base have it', async (engine) => {
    // The kept service indexes the deleted one's table, which every database that ran the base holds.
    const root = repo({ 'services/a/migrations/002_a.sql': 'CREATE INDEX IF NOT EXISTS b_a ON b (id);\n' });
    const report = await runGate(
      await resolveOptions({ root, paths: ['services/*/migrations'], base: 'HEAD~1', engine, ...(engine === 'url' && { databaseUrl: TEST_DATABASE_URL }) }),
    );
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([['services/a/migrations/002_a.sql', 'applied']]);
    expect(report.findings.map((f) => [f.rule, f.file])).toEqual(deleted.map((d) => [d.rule, d.file]));
  });
});

describe('a migration folder under a symlinked parent (`db` -> `database`) reads at the base through the link, as on disk', () => {
  const repo = (head: Tree) => {
    const { root } = makeGitRepo({ 'database/migrations/001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\n' });
    roots.push(root);
    symlinkSync('database', join(root, 'db'));
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'link');
    const baseSha = git(root, 'rev-parse', 'HEAD').trim();
    makeTree(head, root);
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'head');
    return { root, baseSha };
  };

  test.each(['url', 'pglite'])('an unchanged migration is applied, only the new one pending and dry-run (%s)', async (engine) => {
    const { root, baseSha } = repo({ 'database/migrations/002_b.sql': 'CREATE INDEX IF NOT EXISTS a_id ON a (id);\n' });
    const report = await runGate(
      await resolveOptions({ root, paths: ['db/migrations'], base: baseSha, engine, ...(engine === 'url' && { databaseUrl: TEST_DATABASE_URL }) }),
    );
    expect(report.migrations.map((m) => [m.file, m.status, m.change])).toEqual([
      ['db/migrations/001_a.sql', 'applied', 'unchanged'],
      ['db/migrations/002_b.sql', 'pending', 'added'],
    ]);
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([['db/migrations/002_b.sql', 'applied']]);
    expect(report.findings).toEqual([]);
  });

  test('an applied migration edited through the link is drift; a glob through the link reads the same', async () => {
    const { root, baseSha } = repo({ 'database/migrations/001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id bigint);\n' });
    for (const path of ['db/migrations', 'db/*']) {
      const report = await runGate(await resolveOptions({ root, paths: [path], base: baseSha, dryRun: false }));
      expect(report.findings.map((f) => [f.rule, f.file])).toEqual([['checksum-drift', 'db/migrations/001_a.sql']]);
    }
  });
});
