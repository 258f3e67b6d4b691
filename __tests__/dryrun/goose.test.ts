// The dry-run sends a goose file as goose does: where goose's splitter cuts a statement apart, the
// pieces it sends, which fail on the server as under goose; where it does not, the statements as parsed.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeTree, removeTree } from '../support/repo.js';

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
