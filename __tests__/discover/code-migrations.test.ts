// Migrations written in code take part in the set: goose takes a numbered `.go` file for a Go migration (migrate.go
// collectGoMigrations, provider_collect.go collectFilesystemSources), node-pg-migrate imports every file of its folder that is
// no .sql file (runner.ts loadMigrations). They are listed as migrations in code, with no SQL; the generic preset reads none.

import { discover } from '../../src/discover/index.js';
import type { PresetName } from '../../src/options.js';
import { testOptions } from '../support/options.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

function run(files: Tree, preset: PresetName) {
  const root = makeTree(files);
  roots.push(root);
  return discover(testOptions({ root, folders: [{ path: 'migrations' }], preset }));
}

const listed = (r: ReturnType<typeof run>) => r.migrations.map((m) => [m.file, m.version, m.name, m.language ?? 'sql', m.sql]);

const GO = 'package migrations\n\nimport "github.com/pressly/goose/v3"\n\nfunc init() { goose.AddMigrationContext(up, down) }\n';

describe('goose', () => {
  const files = {
    'migrations/00001_init.sql': '-- +goose Up\nCREATE TABLE t (id int);\n',
    'migrations/00002_backfill.go': GO,
    'migrations/00003_add.sql': '-- +goose Up\nALTER TABLE t ADD COLUMN n int;\n',
    // What goose skips: a test file, a helper without a version, version 0, a name without `_`.
    'migrations/00004_backfill_test.go': 'package migrations\n',
    'migrations/helpers.go': 'package migrations\n',
    'migrations/0_zero.go': 'package migrations\n',
    'migrations/00005.go': 'package migrations\n',
  };

  it('lists a numbered .go file as a Go migration in its version order, with no SQL and no finding', () => {
    const found = run(files, 'goose');
    expect(listed(found)).toEqual([
      ['migrations/00001_init.sql', '00001', 'init', 'sql', 'CREATE TABLE t (id int);\n'],
      ['migrations/00002_backfill.go', '00002', 'backfill', 'go', ''],
      ['migrations/00003_add.sql', '00003', 'add', 'sql', 'ALTER TABLE t ADD COLUMN n int;\n'],
    ]);
    expect(found.migrations[1]!.bytes.toString()).toBe(GO);
    expect(found.findings).toEqual([]);
  });

  it('the generic preset, which does not know the runner, reads no .go file', () => {
    expect(listed(run(files, 'generic')).map(([file]) => file)).toEqual(['migrations/00001_init.sql', 'migrations/00003_add.sql']);
  });
});

describe('node-pg-migrate', () => {
  it('lists its numbered JavaScript and TypeScript migrations, known by the file name without its extension; a README is still refused', () => {
    const found = run(
      {
        'migrations/1600000000000_init.js': 'exports.up = (pgm) => { pgm.createTable("t", { id: "id" }); };\n',
        'migrations/1600000000001_more.ts': 'export const up = () => {};\n',
        'migrations/1600000000002_cjs.cjs': 'exports.up = () => {};\n',
        'migrations/1600000000003_esm.mjs': 'export const up = () => {};\n',
        'migrations/1600000000004_add.sql': '-- Up Migration\nALTER TABLE t ADD COLUMN n int;\n',
        // Hidden: its default ignorePattern leaves it out.
        'migrations/.1600000000005_hidden.js': 'exports.up = () => {};\n',
      },
      'node-pg-migrate',
    );
    expect(listed(found).map(([file, version, name, language]) => [file, version, name, language])).toEqual([
      ['migrations/1600000000000_init.js', '1600000000000', 'init', 'javascript'],
      ['migrations/1600000000001_more.ts', '1600000000001', 'more', 'typescript'],
      ['migrations/1600000000002_cjs.cjs', '1600000000002', 'cjs', 'javascript'],
      ['migrations/1600000000003_esm.mjs', '1600000000003', 'esm', 'javascript'],
      ['migrations/1600000000004_add.sql', '1600000000004', 'add', 'sql'],
    ]);
    expect(found.findings).toEqual([]);
    const refused = run({ 'migrations/1600000000000_init.js': 'exports.up = () => {};\n', 'migrations/README.md': '# notes\n' }, 'node-pg-migrate');
    expect(refused.findings.map((f) => [f.rule, f.file])).toEqual([['invalid-name', 'migrations/README.md']]);
  });
});
