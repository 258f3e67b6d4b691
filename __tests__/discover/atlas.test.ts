// Atlas projects: every *.sql file of the folder is a migration, run in name order, and atlas.sum must agree with them
// before `atlas migrate apply` runs anything; `-- atlas:txmode none` in a file's header takes it out of the transaction.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { sumFileText, sumLines } from '../../src/discover/atlas-sum.js';
import { runCliIn } from '../support/cli.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';

const USERS = 'CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);\n';
const POSTS = 'CREATE TABLE IF NOT EXISTS posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n';
const INDEX = 'CREATE INDEX IF NOT EXISTS posts_user_idx ON posts (user_id);\n';
const CONCURRENT = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS posts_user_idx ON posts (user_id);\n';

/** A folder's files with the atlas.sum `atlas migrate hash` writes for them. */
function hashed(files: Record<string, string>): Tree {
  const names = Object.keys(files).sort();
  const sum = sumFileText(sumLines(names.map((name) => ({ name, bytes: Buffer.from(files[name]!) }))));
  return Object.fromEntries([...names.map((n) => [`migrations/${n}`, files[n]!]), ['migrations/atlas.sum', sum]]);
}

const PROJECT = { '20240101000000_users.sql': USERS, '20240102000000_posts.sql': POSTS };

async function gate(files: Tree) {
  const root = makeTree(files);
  try {
    return await runGate(await resolveOptions({ root, paths: ['migrations'], preset: 'atlas', dryRun: false, all: true }));
  } finally {
    removeTree(root);
  }
}

const brief = (report: Awaited<ReturnType<typeof gate>>) => report.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.message]);

describe('atlas.sum', () => {
  it("is computed as Atlas computes it: Atlas's own atlas.sum for three files, to the byte", () => {
    // ariga/atlas cmd/atlas/internal/migrate/testdata/fixed: each file's hash covers it and every file before it.
    const files = [
      ['1.sql', 'CREATE TABLE `users` (`id` int NOT NULL PRIMARY KEY);'],
      ['2.sql', 'ALTER TABLE `users` ADD COLUMN `happy` boolean NOT NULL DEFAULT true;'],
      ['3.sql', 'CREATE TABLE `pets` (`id` int NOT NULL PRIMARY KEY);\nALTER TABLE `pets` ADD COLUMN `happy` boolean NULL;'],
    ] as const;
    expect(sumFileText(sumLines(files.map(([name, text]) => ({ name, bytes: Buffer.from(text) }))))).toBe(
      'h1:oNV0f9HzMMCf2pzF+sA6CmsSHGjdkWYmcTjoc/lWxLs=\n' +
        '1.sql h1:twN+zPVp8JzWEUcPPfNIT6/62Wa08dfxxZhT4gZxBzg=\n' +
        '2.sql h1:KHLlrSPwSjbp4+KrpQHwYZf8zlSIiAR7MS3H2yd1yeE=\n' +
        '3.sql h1:osHrPgu8uNgd6j09XCiyBQWWEh9aAmwjRgzdZZgm68M=\n',
    );
  });

  it('in sync: every .sql file is a migration, its version the text before the first `_`, in name order; a name without `_` too', async () => {
    const report = await gate(hashed({ ...PROJECT, 'seed.sql': 'SELECT 1;\n' }));
    expect(report.findings).toEqual([]);
    expect(report.migrations.map((m) => [m.file, m.version, m.name])).toEqual([
      ['migrations/20240101000000_users.sql', '20240101000000', 'users'],
      ['migrations/20240102000000_posts.sql', '20240102000000', 'posts'],
      ['migrations/seed.sql', 'seed', ''],
    ]);
  });

  it('a file added without `atlas migrate hash`: an error on that file, in the line Atlas points at', async () => {
    const report = await gate({ ...hashed(PROJECT), 'migrations/20240103000000_index.sql': INDEX });
    expect(report.verdict).toBe('fail');
    expect(brief(report)).toEqual([
      [
        'unreadable-file',
        'error',
        'migrations/20240103000000_index.sql',
        0,
        'migrations/atlas.sum has no line for 20240103000000_index.sql: `atlas migrate apply` fails with "You have a checksum error in your migration directory. ' +
          'L4: 20240103000000_index.sql was added" (Error: checksum mismatch) before it applies any migration',
      ],
    ]);
    expect(report.findings[0]!.suggestion).toBe(
      'run `atlas migrate hash --dir file://migrations` and commit the atlas.sum it writes; `atlas migrate apply` refuses the folder until atlas.sum agrees with it',
    );
  });

  it('a file edited after hashing: the line of atlas.sum that no longer matches it, and none of the lines after it', async () => {
    const tree = hashed({ ...PROJECT, '20240103000000_index.sql': INDEX });
    const report = await gate({ ...tree, 'migrations/20240102000000_posts.sql': POSTS.replace('bigint PRIMARY KEY,', 'bigint PRIMARY KEY, title text,') });
    expect(brief(report).map(([rule, , file, line]) => [rule, file, line])).toEqual([['unreadable-file', 'migrations/atlas.sum', 3]]);
    expect(report.findings[0]!.message).toContain('L3: 20240102000000_posts.sql was edited');
  });

  it('a file removed: the line of atlas.sum whose file is gone', async () => {
    const tree = hashed({ ...PROJECT, '20240103000000_index.sql': INDEX });
    delete tree['migrations/20240102000000_posts.sql'];
    const report = await gate(tree);
    expect(brief(report).map(([rule, , file, line, message]) => [rule, file, line, message])).toEqual([
      [
        'unreadable-file',
        'migrations/atlas.sum',
        3,
        'migrations/atlas.sum line 3 is for 20240102000000_posts.sql, which is not in migrations: `atlas migrate apply` fails with "You have a checksum error in your migration directory. ' +
          'L3: 20240102000000_posts.sql was removed" (Error: checksum mismatch) before it applies any migration',
      ],
    ]);
  });

  it("a merge that kept both branches' lines: the first line is not their sum, or, summed again by hand, the second branch's file's line is wrong", async () => {
    const main = hashed({ ...PROJECT, '20240103000000_index.sql': INDEX });
    const branch = hashed({ ...PROJECT, '20240104000000_seed.sql': 'INSERT INTO users VALUES (1) ON CONFLICT DO NOTHING;\n' });
    const [mainSum, branchSum] = [String(main['migrations/atlas.sum']), String(branch['migrations/atlas.sum'])];
    const both = `${mainSum}${branchSum.split('\n')[3]}\n`;
    const merged = { ...main, ...branch, 'migrations/atlas.sum': both };
    expect(brief(await gate(merged))).toEqual([
      [
        'unreadable-file',
        'error',
        'migrations/atlas.sum',
        1,
        'Atlas cannot read migrations/atlas.sum: checksum mismatch (its first line is not the sum of the lines below it); `atlas migrate apply` fails with ' +
          '"You have a checksum error in your migration directory." (Error: checksum mismatch) before it applies any migration',
      ],
    ]);
    // The first line summed again over the four lines: the branch's line was hashed without main's file before it.
    const lines = both.split('\n').slice(1, 5).map((l) => ({ name: l.split(' ')[0]!, hash: l.split(' h1:')[1]! }));
    const { sumOf } = await import('../../src/discover/atlas-sum.js');
    const resummed = { ...merged, 'migrations/atlas.sum': `h1:${sumOf(lines)}\n${both.split('\n').slice(1).join('\n')}` };
    const report = await gate(resummed);
    expect(brief(report).map(([, , file, line]) => [file, line])).toEqual([['migrations/atlas.sum', 5]]);
    expect(report.findings[0]!.message).toContain("as when a merge kept both branches' atlas.sum lines");
  });

  it('git conflict markers left in atlas.sum: Atlas cannot read it', async () => {
    const tree = hashed(PROJECT);
    const sum = String(tree['migrations/atlas.sum']).split('\n');
    const report = await gate({ ...tree, 'migrations/atlas.sum': [sum[0], sum[1], '<<<<<<< HEAD', sum[2], '=======', '>>>>>>> branch', ''].join('\n') });
    expect(brief(report).map(([, , file, line, message]) => [file, line, message])).toEqual([
      [
        'migrations/atlas.sum',
        3,
        'Atlas cannot read migrations/atlas.sum: checksum file format invalid (an unresolved merge conflict); `atlas migrate apply` fails with ' +
          '"You have a checksum error in your migration directory." (Error: checksum file format invalid) before it applies any migration',
      ],
    ]);
  });

  it('no atlas.sum beside the migrations: Atlas refuses the folder', async () => {
    const report = await gate({ 'migrations/20240101000000_users.sql': USERS });
    expect(brief(report).map(([, , file, , message]) => [file, message])).toEqual([
      [
        'migrations/atlas.sum',
        'migrations has migrations but no atlas.sum: `atlas migrate apply` fails with "You have a checksum error in your migration directory." (Error: checksum file not found) before it applies any migration',
      ],
    ]);
  });

  it('a file opening with `-- atlas:sum ignore` has no line of its own', async () => {
    const ignored = '-- atlas:sum ignore\nSELECT 1;\n';
    expect(sumLines([{ name: '1_a.sql', bytes: Buffer.from(USERS) }, { name: '2_b.sql', bytes: Buffer.from(ignored) }]).map((l) => l.name)).toEqual(['1_a.sql']);
  });
});

describe('the dry-run of a folder Atlas refuses', () => {
  it('applies nothing and says why in the finding\'s words, not as a refused name', async () => {
    const root = makeTree({ ...hashed(PROJECT), 'migrations/20240103000000_index.sql': INDEX });
    try {
      const report = await runGate(await resolveOptions({ root, paths: ['migrations'], preset: 'atlas', all: true, engine: 'pglite' }));
      const added = report.findings.find((f) => f.rule === 'unreadable-file')!;
      expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason])).toEqual(
        Object.keys({ ...PROJECT, '20240103000000_index.sql': '' }).map((n) => [`migrations/${n}`, 'skipped', `not run: ${added.message}`]),
      );
    } finally {
      removeTree(root);
    }
  });
});

describe('atlas txmode', () => {
  const unsafe = (report: Awaited<ReturnType<typeof gate>>) => report.findings.filter((f) => f.rule === 'transaction-unsafe');

  it('CREATE INDEX CONCURRENTLY in a file Atlas runs in its transaction: an error whose fix is the txmode directive', async () => {
    const report = await gate(hashed({ ...PROJECT, '20240103000000_index.sql': CONCURRENT }));
    expect(unsafe(report).map((f) => [f.file, f.severity])).toEqual([['migrations/20240103000000_index.sql', 'error']]);
    expect(unsafe(report)[0]!.suggestion).toBe(
      'Start the file with the line `-- atlas:txmode none` and an empty line after it (Atlas reads file directives only in a header an empty line ends).',
    );
  });

  it('`-- atlas:txmode none` and an empty line: the file runs outside a transaction; without the empty line Atlas does not read it', async () => {
    const header = '-- atlas:txmode none\n\n';
    expect(unsafe(await gate(hashed({ ...PROJECT, '20240103000000_index.sql': header + CONCURRENT })))).toEqual([]);
    expect(unsafe(await gate(hashed({ ...PROJECT, '20240103000000_index.sql': `-- atlas:txmode none\n${CONCURRENT}` })))).toHaveLength(1);
  });

  it('a txmode Atlas refuses fails `atlas migrate apply` at that file', async () => {
    const report = await gate(hashed({ ...PROJECT, '20240103000000_index.sql': `-- atlas:txmode all\n\n${INDEX}` }));
    expect(brief(report)).toEqual([
      [
        'unreadable-file',
        'error',
        'migrations/20240103000000_index.sql',
        1,
        '`atlas migrate apply` fails when it reaches 20240103000000_index.sql: txmode "all" is not allowed in file directive "20240103000000_index.sql". Use "file" instead',
      ],
    ]);
  });
});

describe('atlas against a git base', () => {
  it('a new file that sorts before the newest on the base: Atlas refuses it as added out of order', async () => {
    const { root, baseSha } = makeGitRepo(hashed(PROJECT), hashed({ ...PROJECT, '20240101120000_index.sql': INDEX }));
    try {
      const run = await runCliIn(root, ['check', 'migrations', '--preset', 'atlas', '--base', baseSha, '--no-dry-run', '--format', 'json']);
      expect(run.code).toBe(1);
      expect(run.report!.findings.map((f) => [f.rule, f.severity, f.file])).toEqual([['out-of-order', 'error', 'migrations/20240101120000_index.sql']]);
      expect(run.report!.findings[0]!.message).toContain('`atlas migrate apply` refuses to apply anything: "migration file … was added out of order"');
      expect(run.report!.findings[0]!.suggestion).toContain('`atlas migrate apply --exec-order non-linear`');
    } finally {
      removeTree(root);
    }
  });

  it('an applied file edited and hashed again: atlas.sum agrees, and the edit is checksum-drift against the base', async () => {
    const edited = POSTS.replace('bigint PRIMARY KEY,', 'bigint PRIMARY KEY, title text,');
    const { root, baseSha } = makeGitRepo(hashed(PROJECT), hashed({ ...PROJECT, '20240102000000_posts.sql': edited }));
    try {
      const run = await runCliIn(root, ['check', 'migrations', '--preset', 'atlas', '--base', baseSha, '--no-dry-run', '--format', 'json']);
      expect(run.report!.findings.map((f) => [f.rule, f.file])).toEqual([['checksum-drift', 'migrations/20240102000000_posts.sql']]);
      expect(run.report!.findings[0]!.suggestion).toContain('Atlas records a hash in its revision but never compares it');
    } finally {
      removeTree(root);
    }
  });

  it('an atlas.sum left stale at the base is not the head\'s finding', async () => {
    const stale = { ...hashed(PROJECT), 'migrations/20240103000000_index.sql': INDEX };
    const { root, baseSha } = makeGitRepo(stale, hashed({ ...PROJECT, '20240103000000_index.sql': INDEX }));
    try {
      const run = await runCliIn(root, ['check', 'migrations', '--preset', 'atlas', '--base', baseSha, '--no-dry-run', '--format', 'json']);
      expect(run.code).toBe(0);
      expect(run.report!.findings).toEqual([]);
    } finally {
      removeTree(root);
    }
  });
});
