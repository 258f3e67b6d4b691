// A folder's configured scheme holds however the command line names the folder: the CLI door's paths are matched to
// the config file's `folders` entries by the folder (or glob) they name, not by how the path is written.

import { join } from 'node:path';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { runCliIn } from '../support/cli.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

/** `check <paths>` in a repository holding `files`: the rule and file of each finding. */
async function findings(files: Tree, paths: (root: string) => string[]): Promise<string[][]> {
  const root = makeTree(files);
  roots.push(root);
  const { code, stderr, report } = await runCliIn(root, ['check', ...paths(root), '--all', '--no-dry-run', '--format', 'json']);
  expect(stderr).toBe('');
  expect(code).toBe(report!.findings.length ? 1 : 0);
  return report!.findings.map((f) => [f.rule, f.file]);
}

// Under the configured Flyway scheme, 001_add.sql is no migration name: the finding shows the scheme was applied.
const flyway = { 'migrations/001_add.sql': 'SELECT 1;\n', '.migration-gate.yml': 'folders:\n  - path: migrations\n    scheme: flyway\n' };

test.each([
  ['as configured', () => ['migrations']],
  ['with a trailing slash', () => ['migrations/']],
  ['from ./', () => ['./migrations']],
  ['from ./ with a trailing slash', () => ['./migrations/']],
  ['by its absolute path', (root: string) => [join(root, 'migrations')]],
])('a folder named on the command line %s keeps the scheme its config entry gives it', async (_, paths) => {
  expect(await findings(flyway, paths)).toEqual([['invalid-name', 'migrations/001_add.sql']]);
});

test('a config entry written with ./ and a slash gives its scheme to the folder named plainly', async () => {
  const files = { ...flyway, '.migration-gate.yml': 'folders:\n  - path: ./migrations/\n    scheme: flyway\n' };
  expect(await findings(files, () => ['migrations'])).toEqual([['invalid-name', 'migrations/001_add.sql']]);
});

test('another folder named on the command line takes no scheme from the entry', async () => {
  const files = { ...flyway, 'db/migrations/001_add.sql': 'SELECT 1;\n' };
  expect(await findings(files, () => ['db/migrations'])).toEqual([]);
});

test.each([
  ['as configured', 'services/*/migrations'],
  ['from ./ with a trailing slash', './services/*/migrations/'],
])('a glob named on the command line %s keeps the scheme of the glob entry', async (_, glob) => {
  const files = {
    'services/api/migrations/001_add.sql': 'SELECT 1;\n',
    'services/web/migrations/V1__w.sql': 'SELECT 1;\n',
    '.migration-gate.yml': 'folders:\n  - path: services/*/migrations\n    scheme: flyway\n',
  };
  expect(await findings(files, () => [glob])).toEqual([['invalid-name', 'services/api/migrations/001_add.sql']]);
});
