// diesel projects: a folder per migration with up.sql, and the metadata.toml beside it read as diesel reads
// it, so transaction-unsafe and the runner's transaction agree with what `diesel migration run` does.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { dieselRunsInTransaction } from '../../src/discover/diesel-metadata.js';
import { makeTree, removeTree } from '../support/repo.js';

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
