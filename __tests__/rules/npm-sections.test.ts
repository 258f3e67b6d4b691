// node-pg-migrate runs a whole file on `up` when it has no `-- Up Migration` marker (getActions in src/sqlMigration.ts):
// a file with only a `-- Down Migration` one runs its down statements right after its up ones. syntax-error says so.

import { classifyFolder } from '../../src/discover/classify.js';
import type { PresetName } from '../../src/options.js';
import { runFileRules } from '../../src/rules/index.js';
import { loadParser } from '../../src/sql/parser.js';
import { testOptions } from '../support/options.js';

async function lint(text: string, preset: PresetName = 'node-pg-migrate') {
  await loadParser();
  const path = 'migrations/1700000000000_users.sql';
  const { migrations } = classifyFolder({ folder: 'migrations', files: [{ path, bytes: Buffer.from(text) }] }, undefined, preset);
  const [lint] = runFileRules(migrations, testOptions({ preset }));
  return lint!.drafts.filter((d) => d.rule === 'syntax-error').map(({ line, column, message, severity }) => ({ line, column, message, severity }));
}

const QA_REPRO = 'CREATE TABLE IF NOT EXISTS users (id int);\n\n-- Down Migration\nDROP TABLE users;\n';

test('a down marker without an up marker: an error at the marker, which says the down statements run on up', async () => {
  expect(await lint(QA_REPRO)).toEqual([
    {
      line: 3,
      column: 1,
      severity: 'error',
      message:
        'This file has a `-- Down Migration` marker but no `-- Up Migration` one, so node-pg-migrate takes the whole file for its up ' +
        'migration: `node-pg-migrate up` runs the down statements too, right after the up ones.',
    },
  ]);
});

test('with its up marker, without a down one, or under another runner, no such finding', async () => {
  expect(await lint(`-- Up Migration\n${QA_REPRO}`)).toEqual([]);
  expect(await lint('CREATE TABLE IF NOT EXISTS users (id int);\n')).toEqual([]);
  // node-pg-migrate's marker regexp: any case, more dashes, white space before it.
  expect((await lint('SELECT 1;\n  ---  down MIGRATION\nSELECT 2;\n')).map((d) => [d.line, d.column])).toEqual([[2, 3]]);
  expect(await lint(QA_REPRO, 'generic')).toEqual([]);
});
