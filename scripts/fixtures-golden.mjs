#!/usr/bin/env node
// Regenerates migrations-fixtures/*/expected-report.json: runs the fixtures' golden test with
// UPDATE_GOLDEN=1, so the files are written by the same in-process gate the test compares against.
// Read the diff line by line before committing it: every finding must be one the project would accept.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(process.execPath, [jest, '__tests__/fixtures'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, UPDATE_GOLDEN: '1', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() },
});
if (result.error) {
  console.error(`fixtures-golden: cannot run jest (${result.error.message}); run \`npm ci\` first`);
  process.exit(2);
}
process.exit(result.status ?? 2);
