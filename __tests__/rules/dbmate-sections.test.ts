// dbmate refuses a file whose sections it cannot read (amacneil/dbmate pkg/dbmate/migration.go, parseMigrationContents,
// 2.29+): syntax-error says so in dbmate's words, at the line concerned. A second up section and an option dbmate does
// not read are reported too.

import { classifyFolder } from '../../src/discover/classify.js';
import type { PresetName } from '../../src/options.js';
import { runFileRules } from '../../src/rules/index.js';
import { loadParser } from '../../src/sql/parser.js';
import { testOptions } from '../support/options.js';

/** syntax-error's findings for the file `bytes` as the rule engine reports them under `preset`. */
async function lint(bytes: string | Buffer, preset: PresetName = 'dbmate') {
  await loadParser();
  const path = 'db/migrations/20240101000001_change.sql';
  const { migrations } = classifyFolder({ folder: 'db/migrations', files: [{ path, bytes: Buffer.from(bytes) }] }, undefined, preset);
  const [lint] = runFileRules(migrations, testOptions({ preset }));
  return lint!.drafts.filter((d) => d.rule === 'syntax-error').map(({ line, message, suggestion, severity }) => ({ line, message, suggestion, severity }));
}

const refused = (says: string) => `dbmate cannot read this file, so it runs none of it; dbmate says: ${says}`;
const NO_DOWN = "dbmate requires each migration to define a down block with '-- migrate:down'";
const NO_UP = "dbmate requires each migration to define an up block with '-- migrate:up'";
const SQL_BEFORE_UP = "dbmate does not support statements preceding the '-- migrate:up' block";

describe('files dbmate refuses (the QA repro)', () => {
  test('no `-- migrate:down`', async () => {
    expect(await lint('-- migrate:up\nCREATE TABLE IF NOT EXISTS a (id int);\n')).toEqual([
      {
        line: 1,
        message: refused(NO_DOWN),
        suggestion:
          'Add `-- migrate:down` at the very start of its own line (dbmate does not see an indented one) below the up statements, even with nothing under it: dbmate 2.0 and later refuses a migration without one.',
        severity: undefined,
      },
    ]);
  });

  test('an indented down marker is none', async () => {
    expect(await lint('-- migrate:up\nSELECT 1;\n  -- migrate:down\nSELECT 2;\n')).toMatchObject([{ line: 1, message: refused(NO_DOWN) }]);
  });

  test('SQL above `-- migrate:up`, at its line; comments and blank lines there are fine', async () => {
    expect(await lint('-- users\n\nCREATE TABLE IF NOT EXISTS b0 (id int);\n-- migrate:up\nCREATE TABLE IF NOT EXISTS b (id int);\n-- migrate:down\nDROP TABLE b;\n')).toEqual([
      { line: 3, message: refused(SQL_BEFORE_UP), suggestion: 'Move these statements below `-- migrate:up`: only blank lines and `--` comments may stand above it.', severity: undefined },
    ]);
    expect(await lint('-- users\n\n  -- indented\n-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n')).toEqual([]);
  });

  test('the down section first: refused for its SQL above the up marker', async () => {
    expect(await lint('-- migrate:down\nDROP TABLE c;\n-- migrate:up\nCREATE TABLE IF NOT EXISTS c (id int);\n')).toEqual([
      {
        line: 2,
        message: refused(SQL_BEFORE_UP),
        suggestion: 'Move `-- migrate:down` and the statements under it below the up section: dbmate needs `-- migrate:up` first.',
        severity: undefined,
      },
    ]);
  });

  test('words after `-- migrate:down` are fine since dbmate 2.8', async () => {
    expect(await lint('-- migrate:up\nCREATE TABLE IF NOT EXISTS d (id int);\n-- migrate:down not reversible\nSELECT 1;\n')).toEqual([]);
  });

  test('no up marker: the file has none, or hides it behind a BOM or white space', async () => {
    expect(await lint('CREATE TABLE e (id int);\n')).toMatchObject([{ line: 1, message: refused(NO_UP) }]);
    expect(await lint(' -- migrate:up\nSELECT 1;\n-- migrate:down\n')).toMatchObject([{ line: 1, message: refused(NO_UP) }]);
    const bom = await lint(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('-- migrate:up\nSELECT 1;\n-- migrate:down\n')]));
    expect(bom).toEqual([
      {
        line: 1,
        message: refused(NO_UP),
        suggestion:
          'The file starts with a UTF-8 byte order mark, which dbmate reads as part of the first line, so it sees no `-- migrate:up` there: save the file as UTF-8 without BOM.',
        severity: undefined,
      },
    ]);
  });

  test('two down markers in one section, at the second', async () => {
    expect(await lint('-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n-- migrate:down\nSELECT 3;\n')).toMatchObject([{ line: 5, message: refused(NO_UP) }]);
  });

  test('only where dbmate runs the file: its preset, or generic with its markers', async () => {
    expect(await lint('-- migrate:up\nSELECT 1;\n', 'generic')).toMatchObject([{ line: 1, message: refused(NO_DOWN) }]);
    expect(await lint('SELECT 1;\n', 'generic')).toEqual([]);
    expect(await lint('-- migrate:up\nSELECT 1;\n', 'flyway')).toEqual([]);
  });
});

test('a second up section: dbmate 2.29+ records the version twice and fails there', async () => {
  const [d, ...rest] = await lint('-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n\n-- migrate:up\nSELECT 3;\n-- migrate:down\nSELECT 4;\n');
  expect(rest).toEqual([]);
  expect(d).toEqual({
    line: 6,
    message:
      'dbmate 2.29 and later runs each `-- migrate:up` section as a migration and records the version after each, so this second section fails with `duplicate key value violates unique constraint "schema_migrations_pkey"` once the first is applied and recorded (dbmate issue #820); dbmate before 2.29 runs it only on rollback, as part of the first down section.',
    suggestion: 'Move this section to a migration file of its own.',
    severity: undefined,
  });
});

test('`transaction: false` is no option to dbmate: a warning at the marker says how to write it', async () => {
  const warning = {
    line: 1,
    message:
      'dbmate does not read `transaction: false` as an option (it takes `key:value` words split at white space, and only `transaction:false` as written so), so it runs this section in a transaction.',
    suggestion: 'Write the option `transaction:false` with no space around the colon: `-- migrate:up transaction:false`.',
    severity: 'warning',
  };
  expect(await lint('-- migrate:up transaction: false\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);\n-- migrate:down\nDROP INDEX t_id;\n')).toEqual([warning]);
  expect(await lint('-- migrate:up transaction:FALSE\nSELECT 1;\n-- migrate:down\n')).toMatchObject([{ line: 1, severity: 'warning' }]);
  expect(await lint('-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);\n-- migrate:down\nDROP INDEX t_id;\n')).toEqual([]);
});
