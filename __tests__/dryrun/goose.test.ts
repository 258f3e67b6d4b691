// The dry-run sends a goose file as goose does: where goose's splitter cuts a statement apart, the
// pieces it sends, which fail on the server as under goose; where it does not, the statements as parsed.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeTree, removeTree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

const FUNCTION = 'CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.at = now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n';

async function dryRun(body: string) {
  const root = makeTree({ 'db/00001_touch.sql': `-- +goose Up\n${body}\n-- +goose Down\nDROP FUNCTION IF EXISTS touch();\n` });
  try {
    return await runGate(await resolveOptions({ root, paths: ['db'], preset: 'goose', engine: 'pglite' }));
  } finally {
    removeTree(root);
  }
}

test('a $$ body goose cuts at its first ; fails the dry-run there, as under goose; wrapped in StatementBegin/End it applies', async () => {
  const cut = await dryRun(FUNCTION);
  expect(cut.dryRun!.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '42601', line: 2 } });
  expect(cut.dryRun!.migrations[0]!.error!.message).toMatch(/unterminated dollar-quoted string/);
  const wrapped = await dryRun(`-- +goose StatementBegin\n${FUNCTION}-- +goose StatementEnd\n`);
  expect(wrapped.dryRun!.migrations[0]).toMatchObject({ status: 'applied' });
  expect(wrapped.findings.filter((f) => f.rule === 'dry-run-failed' || f.rule === 'syntax-error')).toEqual([]);
});

test('a file goose refuses is not dry-run as applied: goose runs none of it, nor the files after it', async () => {
  const root = makeTree({
    // The last word of the line starts with `--`: goose never sees it end in `;`, and refuses the file.
    'db/00001_tags.sql': "-- +goose Up\nCREATE TABLE IF NOT EXISTS tags (name text);\nINSERT INTO tags VALUES ('a --b');\n",
    'db/00002_more.sql': '-- +goose Up\nALTER TABLE tags ADD COLUMN IF NOT EXISTS n int;\n',
  });
  try {
    const report = await runGate(await resolveOptions({ root, paths: ['db'], preset: 'goose', engine: 'pglite' }));
    expect(report.dryRun!.migrations.map((m) => [m.status, m.reason])).toEqual([
      ['skipped', expect.stringMatching(/^goose refuses the file at line \d+ \(.+\), so it runs none of it$/)],
      ['skipped', 'not run: goose refuses the earlier migration db/00001_tags.sql'],
    ]);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'syntax-error', file: 'db/00001_tags.sql' }));
  } finally {
    removeTree(root);
  }
});

test('${APP_SCHEMA:-app} fails the dry-run where goose sends it as written, and applies below -- +goose ENVSUB ON', async () => {
  const schema = 'CREATE SCHEMA IF NOT EXISTS ${APP_SCHEMA:-app};\nCREATE TABLE ${APP_SCHEMA:-app}.t (id int);';
  const written = await dryRun(schema);
  expect(written.dryRun!.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '42601', line: 2 } });
  const root = makeTree({ 'db/00001_schema.sql': `-- +goose ENVSUB ON\n-- +goose Up\n${schema}\n` });
  try {
    const report = await runGate(await resolveOptions({ root, paths: ['db'], preset: 'goose', engine: 'pglite' }));
    expect(report.dryRun!.migrations[0]).toMatchObject({ status: 'applied' });
    expect(report.findings.filter((f) => f.rule === 'dry-run-failed' || f.rule === 'syntax-error')).toEqual([]);
  } finally {
    removeTree(root);
  }
});

describe.each([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
] as const)('on %s, goose NO TRANSACTION: each query goose sends runs on its own, a StatementBegin block as one implicit transaction', (engine, databaseUrl) => {
  async function dryRunIdx(up: string) {
    const root = makeTree({
      'db/00001_a.sql': '-- +goose Up\nCREATE TABLE goose_a (id int, n int);\n',
      'db/00002_idx.sql': `-- +goose NO TRANSACTION\n-- +goose Up\n${up}\n-- +goose Down\nSELECT 1;\n`,
    });
    try {
      return await runGate(await resolveOptions({ root, paths: ['db'], preset: 'goose', engine, databaseUrl }));
    } finally {
      removeTree(root);
    }
  }
  const I = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS goose_a_i ON goose_a (id);';
  const J = 'CREATE INDEX CONCURRENTLY IF NOT EXISTS goose_a_j ON goose_a (n);';

  test('two CONCURRENTLY in one block fail as under goose; in blocks of their own, or none, they apply', async () => {
    const together = await dryRunIdx(`-- +goose StatementBegin\n${I}\n${J}\n-- +goose StatementEnd`);
    expect(together.dryRun!.migrations[1]).toMatchObject({ status: 'failed', error: { sqlstate: '25001', line: 4 } });
    expect(together.dryRun!.migrations[1]!.error!.message).toBe('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    for (const apart of [`${I}\n${J}`, `-- +goose StatementBegin\n${I}\n-- +goose StatementEnd\n-- +goose StatementBegin\n${J}\n-- +goose StatementEnd`]) {
      const report = await dryRunIdx(apart);
      expect(report.dryRun!.migrations[1]).toMatchObject({ status: 'applied' });
      expect(report.findings.filter((f) => f.rule === 'dry-run-failed' || f.rule === 'transaction-unsafe')).toEqual([]);
    }
  });

  test('a block whose statement has no `;` runs as goose sends it, with no finding', async () => {
    const report = await dryRunIdx(`-- +goose StatementBegin\n${I.slice(0, -1)}\n-- +goose StatementEnd`);
    expect(report.dryRun!.migrations[1]).toMatchObject({ status: 'applied', changes: [{ action: 'create', kind: 'index', name: 'public.goose_a_i' }] });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
