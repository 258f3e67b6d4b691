// The dry-run on embedded PGlite (no server): the same behaviours as on a real server, plus the
// extensions it bundles and its boot from a saved data directory.

import { describe, expect, test } from '@jest/globals';
import { runDryRun } from '../../src/dryrun/index.js';
import { migration } from '../support/build-migration.js';
import { dryOptions, dryRunCases } from './cases.js';
import { runnerCases } from './runner-cases.js';

describe('pglite engine', () => {
  dryRunCases('pglite');
  runnerCases('pglite');

  test('bundled extensions load when a migration creates them', async () => {
    const ext = migration(
      'db/001_ext.sql',
      `CREATE EXTENSION IF NOT EXISTS vector;
       CREATE EXTENSION IF NOT EXISTS pg_trgm;
       CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
       CREATE EXTENSION IF NOT EXISTS citext;
       CREATE TABLE docs (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), email citext, body text, embedding vector(3));
       CREATE INDEX docs_body_trgm ON docs USING gin (body gin_trgm_ops);`,
    );
    const out = await runDryRun({ options: dryOptions('pglite'), baseline: [], pending: [ext] });
    expect(out.dryRun).toMatchObject({ engine: 'pglite', serverVersion: expect.stringMatching(/^1[89]\./) });
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'applied' });
    expect(out.dryRun.migrations[0]!.changes).toEqual(
      expect.arrayContaining([{ action: 'create', kind: 'extension', name: 'vector' }, { action: 'create', kind: 'table', name: 'public.docs' }]),
    );
  });

  test('an extension it does not bundle is an environment finding, not a failure', async () => {
    const m = migration('db/001_http.sql', 'CREATE EXTENSION IF NOT EXISTS http;\n');
    const out = await runDryRun({ options: dryOptions('pglite'), baseline: [], pending: [m] });
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'skipped' });
    expect(out.findings).toEqual([expect.objectContaining({ rule: 'environment', file: 'db/001_http.sql', line: 1 })]);
    // Pointing at --engine pglite would send the user back to the engine that just lacked it.
    expect(out.findings[0]!.suggestion).toBe('Dry-run on a server that ships http (--database-url): PGlite does not bundle it.');
  });

  test('a placeholder without a value that fails the dry-run: the advice says it ran as a stand-in, and how to give it one', async () => {
    const m = migration('db/001_grant.sql', 'CREATE TABLE notes (id int);\nGRANT SELECT ON notes TO ${visitor};\n');
    const out = await runDryRun({ options: dryOptions('pglite'), baseline: [], pending: [m] });
    expect(out.findings).toEqual([
      expect.objectContaining({
        rule: 'dry-run-failed',
        line: 2,
        message: expect.stringContaining('role "${visitor}" does not exist'),
        suggestion: '${visitor} has no value, so the dry-run ran it as a stand-in name: give it one under placeholders in .migration-gate.yml (visitor: VALUE) or with --placeholder visitor=VALUE.',
      }),
    ]);
  });
});
