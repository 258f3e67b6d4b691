// drizzle-kit projects: meta/_journal.json decides which files drizzle-orm's migrate() runs, in what order, and (by each
// entry's `when`) whether it runs them at all on a database that already has migrations.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { runCliIn } from '../support/cli.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';
import { journalWith as journal } from '../support/drizzle-folder.js';

const USERS = 'CREATE TABLE IF NOT EXISTS "users" ("id" serial PRIMARY KEY NOT NULL, "email" text NOT NULL);\n';
const POSTS = 'CREATE TABLE IF NOT EXISTS "posts" ("id" serial PRIMARY KEY NOT NULL);\n--> statement-breakpoint\nALTER TABLE "posts" ADD COLUMN IF NOT EXISTS "title" text;\n';
const INDEX = 'CREATE INDEX IF NOT EXISTS "posts_title_idx" ON "posts" ("title");\n';


const PROJECT: Tree = {
  'drizzle/0000_users.sql': USERS,
  'drizzle/0001_posts.sql': POSTS,
  'drizzle/meta/_journal.json': journal([
    ['0000_users', 1718000000000],
    ['0001_posts', 1718100000000],
  ]),
  'drizzle/meta/0000_snapshot.json': '{}',
};

async function gate(files: Tree) {
  const root = makeTree(files);
  try {
    return await runGate(await resolveOptions({ root, paths: ['drizzle'], preset: 'drizzle', dryRun: false, all: true }));
  } finally {
    removeTree(root);
  }
}

describe('drizzle journal', () => {
  it('the migrations are the files the journal lists, known by their `when`, in its order; snapshots are not migrations', async () => {
    const report = await gate(PROJECT);
    expect(report.findings).toEqual([]);
    expect(report.migrations.map((m) => [m.file, m.version, m.name])).toEqual([
      ['drizzle/0000_users.sql', '1718000000000', '0000_users'],
      ['drizzle/0001_posts.sql', '1718100000000', '0001_posts'],
    ]);
  });

  it('a .sql file the journal does not list is never applied, and says how to add it', async () => {
    const report = await gate({ ...PROJECT, 'drizzle/0002_by_hand.sql': INDEX });
    expect(report.migrations.map((m) => m.file)).toEqual(['drizzle/0000_users.sql', 'drizzle/0001_posts.sql']);
    expect(report.findings.map((f) => [f.rule, f.file, f.message, f.suggestion])).toEqual([
      [
        'invalid-name',
        'drizzle/0002_by_hand.sql',
        '0002_by_hand.sql is not in drizzle/meta/_journal.json: drizzle runs only the migrations its journal lists, so it never applies this file',
        'make migrations with `drizzle-kit generate` (`drizzle-kit generate --custom` for one written by hand), which writes the journal entry; or move the file out of the folder',
      ],
    ]);
  });

  it('an entry whose file is gone fails migrate() before it runs anything, in drizzle\'s words', async () => {
    const report = await gate({
      ...PROJECT,
      'drizzle/meta/_journal.json': journal([
        ['0000_users', 1718000000000],
        ['0001_posts', 1718100000000],
        ['0002_gone', 1718200000000],
      ]),
    });
    expect(report.verdict).toBe('fail');
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.message])).toEqual([
      [
        'unreadable-file',
        'error',
        'drizzle/meta/_journal.json',
        'drizzle/meta/_journal.json lists 0002_gone, but 0002_gone.sql is not in drizzle: drizzle\'s migrate() fails with "No file drizzle/0002_gone.sql found in drizzle folder" before it applies any migration',
      ],
    ]);
  });

  it('the dry-run applies none of a folder whose journal names a missing file, and says why', async () => {
    const root = makeTree({
      ...PROJECT,
      'drizzle/meta/_journal.json': journal([
        ['0000_users', 1718000000000],
        ['0001_posts', 1718100000000],
        ['0002_gone', 1718200000000],
      ]),
    });
    try {
      const run = await runCliIn(root, ['check', 'drizzle', '--preset', 'drizzle', '--all', '--engine', 'pglite', '--format', 'json']);
      expect(run.stderr).toBe('');
      const why = `not run: ${run.report!.findings.find((f) => f.rule === 'unreadable-file')!.message}`;
      expect(run.report!.dryRun!.migrations.map((m) => [m.file, m.status, m.reason])).toEqual([
        ['drizzle/0000_users.sql', 'skipped', why],
        ['drizzle/0001_posts.sql', 'skipped', why],
      ]);
    } finally {
      removeTree(root);
    }
  });

  it('a journal drizzle cannot parse (a merge conflict left in it) is an error; the files are still linted by their names', async () => {
    const conflicted = `{\n  "entries": [\n<<<<<<< HEAD\n    { "idx": 2, "when": 1, "tag": "0002_a" }\n=======\n    { "idx": 2, "when": 2, "tag": "0002_b" }\n>>>>>>> b\n  ]\n}\n`;
    const report = await gate({ ...PROJECT, 'drizzle/meta/_journal.json': conflicted, 'drizzle/0002_a.sql': 'CREATE TABLE a (id int);\n' });
    const unreadable = report.findings.filter((f) => f.rule === 'unreadable-file');
    expect(unreadable.map((f) => [f.file, f.severity])).toEqual([['drizzle/meta/_journal.json', 'error']]);
    expect(unreadable[0]!.message).toBe(
      'drizzle cannot read drizzle/meta/_journal.json: it holds an unresolved merge conflict (line 3), so `drizzle-kit migrate` (and migrate()) fails before it applies any migration',
    );
    expect(report.findings.filter((f) => f.rule === 'non-idempotent').map((f) => f.file)).toEqual(['drizzle/0002_a.sql']);
  });

  it('an entry whose `when` is not above an earlier one is passed over by a database that ran that one: an error with the journal fix', async () => {
    const report = await gate({
      ...PROJECT,
      'drizzle/0002_index.sql': INDEX,
      'drizzle/meta/_journal.json': journal([
        ['0000_users', 1718000000000],
        ['0001_posts', 1718100000000],
        ['0002_index', 1718050000000],
      ]),
    });
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.suggestion])).toEqual([
      [
        'out-of-order',
        'error',
        'drizzle/0002_index.sql',
        'In drizzle/meta/_journal.json, set the "when" of 0002_index above 1718100000000 (e.g. 1718100000001), before any database applies 0001_posts without it.',
      ],
    ]);
    expect(report.findings[0]!.message).toContain('a database that applied 0001_posts in an earlier run never applies 0002_index.sql, and says nothing');
    // The journal's order, as drizzle runs the files, not the order of their `when`.
    expect(report.migrations.map((m) => m.name)).toEqual(['0000_users', '0001_posts', '0002_index']);
  });

  it('a journal that is no JSON says where', async () => {
    const report = await gate({ ...PROJECT, 'drizzle/meta/_journal.json': '{\n  "entries": [\n    { "tag": "0000_users", "when": 1, }\n  ]\n}\n' });
    expect(report.findings.map((f) => f.message)).toEqual([
      'drizzle cannot read drizzle/meta/_journal.json: it is not valid JSON (line 3), so `drizzle-kit migrate` (and migrate()) fails before it applies any migration',
    ]);
  });

  it('a byte-order mark is an error: drizzle sends it with the first statement', async () => {
    const report = await gate({ ...PROJECT, 'drizzle/0001_posts.sql': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POSTS)]) });
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.line, f.suggestion])).toEqual([
      ['syntax-error', 'error', 'drizzle/0001_posts.sql', 1, 'save the file as UTF-8 without a byte-order mark'],
    ]);
  });

  it('an entry listed twice would run twice', async () => {
    const report = await gate({
      ...PROJECT,
      'drizzle/meta/_journal.json': journal([
        ['0000_users', 1718000000000],
        ['0001_posts', 1718100000000],
        ['0001_posts', 1718200000000],
      ]),
    });
    expect(report.findings.map((f) => [f.rule, f.file, f.suggestion])).toEqual([
      ['duplicate-version', 'drizzle/meta/_journal.json', 'remove the second 0001_posts entry from drizzle/meta/_journal.json'],
    ]);
  });

  it('CREATE INDEX CONCURRENTLY fails in the one transaction drizzle runs every pending migration in, which no setting leaves', async () => {
    const report = await gate({
      ...PROJECT,
      'drizzle/0002_index.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_title_idx" ON "posts" ("title");\n',
      'drizzle/meta/_journal.json': journal([
        ['0000_users', 1718000000000],
        ['0001_posts', 1718100000000],
        ['0002_index', 1718200000000],
      ]),
    });
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.suggestion])).toEqual([
      [
        'transaction-unsafe',
        'error',
        'drizzle/0002_index.sql',
        "Drizzle's migrate() runs every pending migration in one transaction, and has no setting that keeps a migration out of it: run this statement " +
          'outside drizzle (with psql, or a script run after migrate()) and keep it out of the migrations folder; or give it a migration of its own that ' +
          "starts with `COMMIT;`, deployed last in its run (the COMMIT ends drizzle's transaction, so what follows commits statement by statement).",
      ],
    ]);
  });

  it('a migration that opens with COMMIT (drizzle users\' way to CONCURRENTLY) runs what follows outside the transaction: a warning on the COMMIT only', async () => {
    const report = await gate({
      ...PROJECT,
      'drizzle/0002_index.sql': 'COMMIT;--> statement-breakpoint\nCREATE INDEX CONCURRENTLY IF NOT EXISTS "posts_title_idx" ON "posts" ("title");\n',
      'drizzle/meta/_journal.json': journal([
        ['0000_users', 1718000000000],
        ['0001_posts', 1718100000000],
        ['0002_index', 1718200000000],
      ]),
    });
    expect(report.findings.map((f) => [f.rule, f.severity, f.line, f.suggestion])).toEqual([
      [
        'transaction-unsafe',
        'warning',
        1,
        'Keep only what cannot run in a transaction after it (CREATE INDEX CONCURRENTLY and the like), and deploy this migration last in its run; ' +
          'or run this statement outside drizzle (with psql, or a script run after migrate()) and keep it out of the migrations folder.',
      ],
    ]);
    expect(report.findings[0]!.message).toContain("COMMIT at line 1 ends drizzle's transaction: the migrations drizzle ran before this one in the run are committed with it");
  });

  it('a new migration whose `when` is below the newest on the base is never applied where the base ran: out-of-order against the base', async () => {
    const { root, baseSha } = makeGitRepo(PROJECT, {
      'drizzle/0002_index.sql': INDEX,
      'drizzle/meta/_journal.json': journal([
        ['0000_users', 1718000000000],
        ['0002_index', 1718050000000],
        ['0001_posts', 1718100000000],
      ]),
    });
    try {
      const run = await runCliIn(root, ['check', 'drizzle', '--preset', 'drizzle', '--base', baseSha, '--no-dry-run', '--format', 'json']);
      expect(run.code).toBe(1);
      const late = run.report!.findings.filter((f) => f.rule === 'out-of-order');
      expect(late.map((f) => [f.file, f.severity])).toEqual([['drizzle/0002_index.sql', 'error']]);
      expect(late[0]!.message).toContain(
        "sorts before 1718100000000, the newest version already on the base (drizzle/0001_posts.sql). drizzle's migrate() runs only migrations whose journal `when` is above the newest one it applied, so it never applies this file, and says nothing.",
      );
      expect(late[0]!.suggestion).toBe(
        'In drizzle/meta/_journal.json, set the "when" of 0002_index above 1718100000000 (e.g. 1718100000001), so that drizzle applies it where the base ran.',
      );
    } finally {
      removeTree(root);
    }
  });

  it('a branch\'s migration appended to the journal with its older `when` gets one finding, the journal\'s', async () => {
    const { root, baseSha } = makeGitRepo(PROJECT, {
      'drizzle/0002_index.sql': INDEX,
      'drizzle/meta/_journal.json': journal([
        ['0000_users', 1718000000000],
        ['0001_posts', 1718100000000],
        ['0002_index', 1718050000000],
      ]),
    });
    try {
      const run = await runCliIn(root, ['check', 'drizzle', '--preset', 'drizzle', '--base', baseSha, '--no-dry-run', '--format', 'json']);
      expect(run.report!.findings.map((f) => [f.rule, f.file, f.suggestion])).toEqual([
        [
          'out-of-order',
          'drizzle/0002_index.sql',
          'In drizzle/meta/_journal.json, set the "when" of 0002_index above 1718100000000 (e.g. 1718100000001), before any database applies 0001_posts without it.',
        ],
      ]);
    } finally {
      removeTree(root);
    }
  });

  it('a journal for another database is refused with exit code 2', async () => {
    const root = makeTree({ ...PROJECT, 'drizzle/meta/_journal.json': journal([['0000_users', 1]], 'sqlite') });
    try {
      const run = await runCliIn(root, ['check', 'drizzle', '--preset', 'drizzle', '--no-dry-run']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('drizzle/meta/_journal.json is a drizzle journal for sqlite, not PostgreSQL');
    } finally {
      removeTree(root);
    }
  });
});

describe('drizzle 1.0 folders', () => {
  const FOLDERS: Tree = {
    'drizzle/20250101000000_users/migration.sql': USERS,
    'drizzle/20250101000000_users/snapshot.json': '{}',
    'drizzle/20250301000000_posts/migration.sql': POSTS,
  };

  it('with no journal, each folder holding migration.sql is a migration, and a late one is applied by name: a warning', async () => {
    const { root, baseSha } = makeGitRepo(FOLDERS, { 'drizzle/20250201000000_index/migration.sql': INDEX });
    try {
      const run = await runCliIn(root, ['check', 'drizzle', '--preset', 'drizzle', '--base', baseSha, '--no-dry-run', '--format', 'json']);
      expect(run.report!.migrations.map((m) => [m.file, m.version])).toEqual([
        ['drizzle/20250101000000_users/migration.sql', '20250101000000'],
        ['drizzle/20250201000000_index/migration.sql', '20250201000000'],
        ['drizzle/20250301000000_posts/migration.sql', '20250301000000'],
      ]);
      const late = run.report!.findings.filter((f) => f.rule === 'out-of-order');
      expect(late.map((f) => [f.file, f.severity])).toEqual([['drizzle/20250201000000_index/migration.sql', 'warning']]);
      expect(late[0]!.message).toContain('drizzle 1.0 applies it, after migrations that were written later.');
    } finally {
      removeTree(root);
    }
  });
});
