import { loadParser } from '../../src/sql/parser.js';
import { runRules } from '../../src/rules/index.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';

beforeAll(() => loadParser());

const lint = (...files: Array<[string, string]>) =>
  runRules({ migrations: files.map(([f, sql]) => migration(f, sql)), history: null, options: testOptions() }).map((f) => [f.rule, f.file, f.line]);

test('`-- migration-gate: ignore <rule>` silences that rule for the next statement only', () => {
  expect(
    lint([
      'migrations/001_a.sql',
      'create table if not exists t (id int);\n' +
        '-- seeded once by hand, re-runs are not expected\n-- migration-gate: ignore non-idempotent\n' +
        "insert into t values (1);\n" +
        'insert into t values (2);\n',
    ]),
  ).toEqual([['non-idempotent', 'migrations/001_a.sql', 5]]);
});

test('an ignore for another rule, or after the statement, silences nothing', () => {
  expect(
    lint(['migrations/001_a.sql', '-- migration-gate: ignore transaction-unsafe\ncreate table t (id int); -- migration-gate: ignore non-idempotent\n']),
  ).toEqual([['non-idempotent', 'migrations/001_a.sql', 2]]);
});

test('`ignore-file` silences a rule for the whole file, including set-level findings on it', () => {
  expect(
    lint(
      ['migrations/001_a.sql', 'create table a (id int);\n'],
      ['migrations/001_b.sql', '-- migration-gate: ignore-file duplicate-version, non-idempotent\ncreate table b (id int);\n'],
    ),
  ).toEqual([['non-idempotent', 'migrations/001_a.sql', 1]]);
});
