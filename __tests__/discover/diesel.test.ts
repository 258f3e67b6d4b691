// diesel projects: a folder per migration with up.sql, and the metadata.toml beside it read as diesel reads
// it, so transaction-unsafe and the runner's transaction agree with what `diesel migration run` does.

import { runGate } from '../../src/gate.js';
import { runCliIn } from '../support/cli.js';
import type { Report } from '../../src/report/report.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { dieselRunsInTransaction } from '../../src/discover/diesel-metadata.js';
import { makeTree, removeTree } from '../support/repo.js';
import { scratchDatabase } from '../deploy/scratch-database.js';

const CIC = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name ON users (name);\n';

/** The static report of a diesel project holding `files`. */
async function gate(files: Record<string, string>) {
  const root = makeTree(files);
  try {
    return await runGate(await resolveOptions({ root, paths: ['migrations'], preset: 'diesel', dryRun: false, all: true }));
  } finally {
    removeTree(root);
  }
}

async function findings(files: Record<string, string>): Promise<Array<[string, number, string]>> {
  const report = await gate({ 'migrations/2024-01-01-000000_users/up.sql': 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name text);\n', ...files });
  return report.findings.map((f) => [f.file, f.line, f.rule]);
}

describe('diesel', () => {
  it('metadata.toml: the key decides; a file without it means false (serde), one diesel cannot parse means true (its default)', () => {
    expect(dieselRunsInTransaction('run_in_transaction = false\n')).toBe(false);
    expect(dieselRunsInTransaction('# how diesel runs it\nrun_in_transaction = true # the default\n')).toBe(true);
    expect(dieselRunsInTransaction('author = "me"\n')).toBe(false);
    expect(dieselRunsInTransaction('this is not toml\n')).toBe(true);
  });

  it('a lone CREATE INDEX CONCURRENTLY fails in the transaction diesel opens, unless metadata.toml turns it off', async () => {
    const up = 'migrations/2024-02-01-000000-0000_users_name/up.sql';
    expect(await findings({ [up]: CIC })).toEqual([[up, 1, 'transaction-unsafe']]);
    expect(await findings({ [up]: CIC, 'migrations/2024-02-01-000000-0000_users_name/metadata.toml': 'run_in_transaction = false\n' })).toEqual([]);
    // Out of diesel's transaction, batch_execute still sends up.sql as one query: two statements share an implicit one.
    const two = `${CIC}CREATE INDEX CONCURRENTLY IF NOT EXISTS users_id ON users (id);\n`;
    expect(await findings({ [up]: two, 'migrations/2024-02-01-000000-0000_users_name/metadata.toml': 'run_in_transaction = false\n' })).toEqual([
      [up, 1, 'transaction-unsafe'],
      [up, 2, 'transaction-unsafe'],
    ]);
  });

  it('a zero-byte up.sql is an error in diesel\'s words, since diesel refuses it; one holding only a comment is the usual warning', async () => {
    const report = await gate({
      'migrations/2024-01-01-000000_users/up.sql': '',
      'migrations/2024-02-01-000000_noop/up.sql': '-- nothing to do\n',
    });
    expect(report.findings.map((f) => [f.file, f.severity, f.message])).toEqual([
      [
        'migrations/2024-01-01-000000_users/up.sql',
        'error',
        'up.sql is empty, and diesel refuses it: "Failed to run 2024-01-01-000000_users with: Attempted to run an empty migration."',
      ],
      ['migrations/2024-02-01-000000_noop/up.sql', 'warning', 'up.sql has no SQL: the runner records it as applied and nothing changes'],
    ]);
  });

  it('versions are text: 00000000000000 and 000000000000000 are two migrations, applied in text order (lemmy)', async () => {
    const report = await gate({
      'migrations/00000000000000_diesel_initial_setup/up.sql': 'SELECT 1;\n',
      'migrations/000000000000000_forbid_diesel_cli/up.sql': 'SELECT 2;\n',
    });
    expect(report.findings.map((f) => f.rule)).toEqual([]);
    expect(report.migrations.map((m) => m.version)).toEqual(['00000000000000', '000000000000000']);
  });
});

describe('diesel reads its folder as migrations_internals lists it (migrations_directories, version_from_string)', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeTree));

  /** The JSON report and exit code of `check --all --preset diesel` on the embedded engine, run in-process on `files`. */
  async function check(files: Record<string, string>): Promise<{ code: number; report: Report }> {
    const root = makeTree(files);
    roots.push(root);
    const { code, report } = await runCliIn(root, ['check', 'migrations', '--all', '--preset', 'diesel', '--engine', 'pglite', '--format', 'json']);
    return { code, report: report! };
  }


  it('any folder name is a migration, its version the text before the first `_` without dashes (all of it without one)', async () => {
    const report = await gate({
      'migrations/00000000000000_diesel_initial_setup/up.sql': 'SELECT 1;\n',
      'migrations/2024-01-01-000000_users/up.sql': 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY);\n',
      'migrations/add_posts/up.sql': 'CREATE TABLE IF NOT EXISTS posts (id int PRIMARY KEY);\n',
      'migrations/initial-tags/up.sql': 'CREATE TABLE IF NOT EXISTS tags (id int PRIMARY KEY);\n',
    });
    expect(report.findings).toEqual([]);
    // As text, `add` and `initialtags` sort after the digits, as diesel runs them (MigrationVersion's Ord).
    expect(report.migrations.map((m) => [m.file, m.version])).toEqual([
      ['migrations/00000000000000_diesel_initial_setup/up.sql', '00000000000000'],
      ['migrations/2024-01-01-000000_users/up.sql', '20240101000000'],
      ['migrations/add_posts/up.sql', 'add'],
      ['migrations/initial-tags/up.sql', 'initialtags'],
    ]);
  });

  it('a folder with up.sql and other files is one migration of its up.sql; a hidden folder is skipped, as diesel skips it', async () => {
    const report = await gate({
      'migrations/2024-01-01-000000_users/up.sql': 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY);\n',
      'migrations/2024-01-01-000000_users/down.sql': 'DROP TABLE users;\n',
      'migrations/2024-01-01-000000_users/seed.sql': 'INSERT INTO users VALUES (1);\n',
      'migrations/2024-01-01-000000_users/README.md': 'the users table\n',
      'migrations/.2024-02-01-000000_draft/up.sql': 'CREATE TABLE IF NOT EXISTS drafts (id int PRIMARY KEY);\n',
      'migrations/.scratch/notes.txt': 'not a migration\n',
    });
    expect(report.migrations.map((m) => m.file)).toEqual(['migrations/2024-01-01-000000_users/up.sql']);
    expect(report.findings.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        'invalid-name',
        'migrations/.2024-02-01-000000_draft/up.sql',
        '.2024-02-01-000000_draft/up.sql is not a migration name to diesel (<version>_<name>/up.sql), so diesel ignores it: it is never applied',
      ],
    ]);
  });

  it('a folder without up.sql: `diesel migration run` fails on it while it lists the folder, so the dry-run and apply run none', async () => {
    const files = {
      'migrations/2024-01-01-000000_users/up.sql': 'CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY);\n',
      'migrations/2024-02-01-000000_posts/migration.sql': 'CREATE TABLE IF NOT EXISTS posts (id int PRIMARY KEY);\n',
      'migrations/2024-03-01-000000_tags/up.sql': 'CREATE TABLE IF NOT EXISTS tags (id int PRIMARY KEY);\n',
    };
    const { code, report } = await check(files);
    expect(code).toBe(1);
    const refusal =
      'migrations/2024-02-01-000000_posts/ holds no up.sql, and diesel refuses it: `diesel migration run` fails on it with ' +
      `"Invalid migration directory, the directory's name should be <timestamp>_<name_of_migration>, and it should only contain up.sql and down.sql.", ` +
      'before it applies any migration';
    expect(report.findings.map((f) => [f.rule, f.severity, f.file, f.message, f.suggestion])).toEqual([
      ['unreadable-file', 'error', 'migrations/2024-02-01-000000_posts', refusal, 'add its up.sql, or move the folder out of migrations'],
    ]);
    expect(report.dryRun?.migrations.map((m) => [m.file, m.status, m.reason])).toEqual(
      ['2024-01-01-000000_users', '2024-03-01-000000_tags'].map((d) => [`migrations/${d}/up.sql`, 'skipped', `not run: ${refusal}`]),
    );
    // apply refuses before any file runs.
    const db = await scratchDatabase('diesel_refused');
    const root = makeTree(files);
    roots.push(root);
    try {
      const applied = await runCliIn(root, ['apply', 'migrations', '--preset', 'diesel', '--database-url', db.url]);
      expect([applied.code, applied.stderr]).toEqual([2, `migration-gate: cannot apply: ${refusal}\n`]);
      expect((await db.client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
