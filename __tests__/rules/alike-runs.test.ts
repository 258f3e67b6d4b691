// A long run of alike findings (a seed file's INSERTs) is one finding that says how many follow, and --fix still
// rewrites every statement of the run; shorter runs stay one finding per statement.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadParser } from '../../src/sql/parser.js';
import { runRules } from '../../src/rules/index.js';
import { FOLD_FROM } from '../../src/rules/alike-runs.js';
import { migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { makeGitRepo, removeTree } from '../support/repo.js';
import { runCliIn } from '../support/cli.js';

beforeAll(() => loadParser());

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

const lint = (sql: string) =>
  runRules({ migrations: [migration('migrations/001_seed.sql', sql)], history: null, options: testOptions() }).map((f) => [f.line, f.message]);

/** `n` single-row INSERTs into countries, one a line. */
const inserts = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `INSERT INTO countries (id, name) VALUES (${from + i}, 'c${from + i}');`);

const INSERT_SAYS =
  'INSERT INTO countries applies twice when the file runs a second time: the rows are inserted again, or the run fails on a unique key (SQLSTATE 23505 unique_violation).';

test(`${FOLD_FROM} alike statements in a row are one finding at the first, saying how many follow and where the run ends`, () => {
  const sql = ['CREATE TABLE IF NOT EXISTS countries (id int PRIMARY KEY, name text);', ...inserts(6), '-- the rest of Europe', '', ...inserts(6, 7), ''].join('\n');
  expect(lint(sql)).toEqual([[2, `${INSERT_SAYS} The same holds for the 11 statements like it after it, up to line 15.`]]);
});

test('a shorter run stays one finding per statement, and another message ends a run', () => {
  const sql = [...inserts(FOLD_FROM - 1), "INSERT INTO regions (id) VALUES (1);", ...inserts(FOLD_FROM - 1, 20), ''].join('\n');
  const found = lint(sql);
  expect(found).toHaveLength(2 * (FOLD_FROM - 1) + 1);
  expect(found[FOLD_FROM - 1]).toEqual([FOLD_FROM, expect.stringMatching(/^INSERT INTO regions applies twice/)]);
  expect(found.every(([, message]) => !String(message).includes('The same holds'))).toBe(true);
});

test('a statement a directive silences is neither counted in the run nor rewritten by its fix', () => {
  const sql = [...inserts(5), '-- migration-gate: ignore non-idempotent', ...inserts(1, 6), ...inserts(6, 7), ''].join('\n');
  const [only, ...rest] = runRules({ migrations: [migration('migrations/001_seed.sql', sql)], history: null, options: testOptions() });
  expect(rest).toEqual([]);
  expect(only!.message).toBe(`${INSERT_SAYS} The same holds for the 10 statements like it after it, up to line 13.`);
  expect(only!.fix!.replacement.split('\n')).toEqual([
    ...inserts(5).map((s) => s.replace(/;$/, ' ON CONFLICT DO NOTHING;')),
    '-- migration-gate: ignore non-idempotent',
    inserts(1, 6)[0],
    ...inserts(6, 7).map((s) => s.replace(/;$/, ' ON CONFLICT DO NOTHING;')),
  ]);
});

test('--fix rewrites every statement of a folded run, keeping the comments between them and the CRLF line breaks', async () => {
  const seed = ['CREATE TABLE IF NOT EXISTS countries (id int PRIMARY KEY, name text);', ...inserts(6), '-- more', ...inserts(4, 7).slice(0, 3), 'INSERT INTO countries (id, name)', "  VALUES (10, 'c10');", ''].join('\r\n');
  const { root, baseSha } = makeGitRepo({ 'migrations/001_init.sql': 'SELECT 1;\n' }, { 'migrations/002_seed.sql': seed });
  roots.push(root);
  const run = await runCliIn(root, ['check', '--base', baseSha, '--fix', '--format', 'json', '--engine', 'pglite']);
  expect(run.stderr).toBe('fixed 1 finding in migrations/002_seed.sql\n');
  const fixed = readFileSync(join(root, 'migrations/002_seed.sql'), 'utf8');
  expect(fixed).toBe(seed.replace(/VALUES \((\d+), '(c\d+)'\);/g, "VALUES ($1, '$2') ON CONFLICT DO NOTHING;"));
  // The check that runs on the fixed file finds nothing, and its dry-run ran the file twice without a failure.
  expect(run.report!.findings).toEqual([]);
  expect(run.report!.dryRun!.migrations.map((m) => [m.file, m.status])).toEqual([['migrations/002_seed.sql', 'applied']]);
  expect(run.code).toBe(0);
});
