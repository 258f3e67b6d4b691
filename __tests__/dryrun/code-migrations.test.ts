// The dry-run runs SQL only. A migration written in code (a goose Go migration, a node-pg-migrate JavaScript one) is
// skipped, saying so: an applied one in the replay of the base, a pending one with the reason. The SQL migrations after it
// still run, and one that fails there says which skipped code migrations ran before it: their changes are missing.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import type { EngineChoice } from '../../src/options.js';
import { makeGitRepo, removeTree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

const up = (sql: string) => `-- +goose Up\n${sql}\n`;

// The base: a Go migration adds column n between two SQL ones. The branch adds a Go backfill, then SQL that uses n.
const BASE = {
  'migrations/00001_init.sql': up('CREATE TABLE IF NOT EXISTS t (id int);'),
  'migrations/00002_add_n.go': 'package migrations\n\n// Up adds t.n in Go.\n',
  'migrations/00003_idx.sql': up('CREATE INDEX IF NOT EXISTS t_id ON t (id);'),
};
const HEAD = {
  'migrations/00004_backfill.go': 'package migrations\n\n// Up fills t.n in Go.\n',
  'migrations/00005_more.sql': up('ALTER TABLE t ADD COLUMN IF NOT EXISTS m int;'),
  'migrations/00006_use_n.sql': up('UPDATE t SET m = n;'),
};

const GO_SKIP = 'a Go migration: the gate runs SQL only (goose runs its code), so what it changes is missing for the migrations after it';

describe.each<[EngineChoice, string | undefined]>([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
])('on the %s engine', (engine, databaseUrl) => {
  it('skips the Go migrations, replays and applies the SQL around them, and a failure after them names them', async () => {
    const { root, baseSha } = makeGitRepo(BASE, HEAD);
    try {
      const report = await runGate(await resolveOptions({ root, paths: ['migrations'], preset: 'goose', base: baseSha, engine, ...(databaseUrl && { databaseUrl }) }));
      expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason ?? m.error?.sqlstate])).toEqual([
        ['migrations/00004_backfill.go', 'skipped', GO_SKIP],
        // The base replayed past 00002_add_n.go: t is there.
        ['migrations/00005_more.sql', 'applied', undefined],
        ['migrations/00006_use_n.sql', 'failed', '42703'],
      ]);
      const failed = report.findings.filter((f) => f.rule === 'dry-run-failed' || f.rule === 'environment');
      expect(failed.map((f) => [f.rule, f.file])).toEqual([['dry-run-failed', 'migrations/00006_use_n.sql']]);
      expect(failed[0]!.message).toMatch(
        /: 42703: column "n" does not exist\. The code migrations migrations\/00002_add_n\.go, migrations\/00004_backfill\.go ran before it, and the dry-run skipped them \(it runs SQL only\): what they change is missing here, which may be why it fails\.$/,
      );
      expect(report.findings.filter((f) => f.file.endsWith('.go'))).toEqual([]);
    } finally {
      removeTree(root);
    }
  });
});

test('node-pg-migrate: a pending JavaScript migration is skipped with the reason, on PGlite', async () => {
  const { root, baseSha } = makeGitRepo(
    { 'migrations/1600000000000_init.sql': '-- Up Migration\nCREATE TABLE IF NOT EXISTS t (id int);\n' },
    {
      'migrations/1600000000001_seed.js': 'exports.up = (pgm) => pgm.sql("INSERT INTO t VALUES (1)");\n',
      'migrations/1600000000002_more.sql': '-- Up Migration\nALTER TABLE t ADD COLUMN IF NOT EXISTS m int;\n',
    },
  );
  try {
    const report = await runGate(await resolveOptions({ root, paths: ['migrations'], preset: 'node-pg-migrate', base: baseSha, engine: 'pglite' }));
    expect(report.dryRun!.migrations.map((m) => [m.file, m.status, m.reason])).toEqual([
      [
        'migrations/1600000000001_seed.js',
        'skipped',
        'a JavaScript migration: the gate runs SQL only (node-pg-migrate runs its code), so what it changes is missing for the migrations after it',
      ],
      ['migrations/1600000000002_more.sql', 'applied', undefined],
    ]);
  } finally {
    removeTree(root);
  }
});
