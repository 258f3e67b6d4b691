// The QA hunt's repro, run from the sources as a step: a file with more bare CREATE TABLEs than code scanning takes
// in one run gives a results.sarif it accepts, and the step's log says what it left out and where all of them are.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeTree, removeTree } from '../support/repo.js';
import { runActionStep } from '../support/run-action.js';

const ACTION_SOURCE = resolve('__tests__/action-source.mjs');
const work = mkdtempSync(join(tmpdir(), 'mg-sarif-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('26,000 non-idempotent statements: 25,000 results in results.sarif, a log line for the 1,000 left out', async () => {
  const sql = Array.from({ length: 26_000 }, (_, i) => `CREATE TABLE t${i} (id int);\n`).join('');
  const root = makeTree({ 'migrations/001_big.sql': sql });
  try {
    const run = await runActionStep({
      bundle: ACTION_SOURCE,
      work,
      workspace: root,
      eventName: 'workflow_dispatch',
      event: { repository: { full_name: 'acme/shop', default_branch: 'main' } },
      sha: '0'.repeat(40),
      inputs: { migrations: 'migrations', 'dry-run': 'false', comment: 'off', 'github-token': '' },
    });
    expect(run.code).toBe(0);
    const sarifPath = run.outputs['sarif-path']!;
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(25_000);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(1);
    const note = sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text;
    expect(note).toMatch(/^This SARIF file leaves out 1000 findings of 26000 \(0 errors, 1000 warnings\)/);
    expect(run.stdout.split('\n')).toContain(`${sarifPath}: ${note}`);
    expect(JSON.parse(readFileSync(run.outputs['report-path']!, 'utf8')).findings).toHaveLength(26_000);
    expect(run.outputs['finding-count']).toBe('26000');
  } finally {
    removeTree(root);
  }
}, 180_000);
