// COMMIT AND CHAIN and ROLLBACK AND CHAIN end a transaction and open the next at once, with its characteristics (read
// only, isolation level): the dry-run runs what follows in it, as the server does, and leaves no transaction open after
// the file. Fails, never skips, without a test server.

import { describe, expect, test } from '@jest/globals';
import { runDryRun } from '../../src/dryrun/index.js';
import type { EngineKind } from '../../src/dryrun/engine.js';
import type { Migration } from '../../src/migration.js';
import { migration } from '../support/build-migration.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { dryOptions } from './cases.js';

const run = (engine: EngineKind, baseline: Migration[], pending: Migration[]) =>
  runDryRun({ options: dryOptions(engine, {}, engine === 'url' ? TEST_DATABASE_URL : undefined), baseline, pending });

/** As discovery reads a file for a runner not known to wrap files in a transaction. */
function unwrapped(file: string, sql: string): Migration {
  return { ...migration(file, sql), runnerWraps: false };
}

const readOnly = (end: string) => `BEGIN;\nSET TRANSACTION READ ONLY;\nSELECT 1;\n${end};\nCREATE TABLE c (id int);\nCOMMIT;\n`;

describe.each(['url', 'pglite'] as const)('%s engine', (engine) => {
  test('a file ending in ROLLBACK AND CHAIN leaves no transaction open: a CONCURRENTLY after it runs', async () => {
    const pending = [
      migration('db/001_x.sql', 'CREATE TABLE x (id int);\n'),
      migration('db/002_chain.sql', 'CREATE TABLE gone (id int);\nROLLBACK AND CHAIN;\n'),
      unwrapped('db/003_index.sql', 'CREATE INDEX CONCURRENTLY x_id ON x (id);\n'),
    ];
    const out = await run(engine, [], pending);
    expect(out.dryRun.migrations.map((m) => [m.file, m.status, m.changes])).toEqual([
      ['db/001_x.sql', 'applied', [{ action: 'create', kind: 'table', name: 'public.x' }]],
      ['db/002_chain.sql', 'applied', []],
      ['db/003_index.sql', 'applied', [{ action: 'create', kind: 'index', name: 'public.x_id' }]],
    ]);
    expect(out.findings.filter((f) => f.rule === 'dry-run-failed')).toEqual([]);
  });

  test.each(['ROLLBACK AND CHAIN', 'COMMIT AND CHAIN'])('after %s the next transaction is read only too, as the file set it', async (end) => {
    const out = await run(engine, [], [migration('db/002_read_only.sql', readOnly(end))]);
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '25006', line: 5 } });
    expect(out.findings).toContainEqual(expect.objectContaining({ rule: 'dry-run-failed', file: 'db/002_read_only.sql', line: 5 }));
  });

  test('outside a transaction, ROLLBACK AND CHAIN fails as the server fails it', async () => {
    const out = await run(engine, [], [unwrapped('db/002_alone.sql', 'CREATE TABLE t (id int);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\nROLLBACK AND CHAIN;\n')]);
    expect(out.dryRun.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '25P01', line: 3 } });
  });

  test('a merged file with ROLLBACK AND CHAIN replays as its runner ran it: what follows the rollback stays', async () => {
    const baseline = [migration('db/001_base.sql', 'CREATE TABLE gone (id int);\nROLLBACK AND CHAIN;\nCREATE TABLE kept (id int);\n')];
    const pending = [migration('db/002_uses.sql', 'INSERT INTO kept VALUES (1);\n'), migration('db/003_gone.sql', 'CREATE TABLE gone (id int);\n')];
    const out = await run(engine, baseline, pending);
    expect(out.findings.filter((f) => f.rule === 'environment' || f.rule === 'dry-run-failed')).toEqual([]);
    expect(out.dryRun.migrations.map((m) => m.status)).toEqual(['applied', 'applied']);
  });
});
