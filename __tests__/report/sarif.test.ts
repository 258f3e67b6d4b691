// SARIF 2.1.0 for code scanning: golden file, rule indexes, whole-file findings, fixes, fingerprints.

import { renderSarif } from '../../src/report/sarif.js';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { cleanReport, failingReport } from '../github/report-fixtures.js';
import { expectGolden } from '../github/golden.js';
import { makeTree, removeTree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

describe('SARIF', () => {
  const log = renderSarif(failingReport());
  const run = log.runs[0]!;

  test('matches the golden file', () => {
    expectGolden('results.sarif', `${JSON.stringify(log, null, 2)}\n`);
  });

  test('declares version 2.1.0 and one rule per rule id used, each result pointing at its rule', () => {
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['checksum-drift', 'dry-run-failed', 'duplicate-version', 'non-idempotent']);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  test('sets no automationDetails, so the `category:` of the upload-sarif step names the analysis', () => {
    // github/codeql-action (upload-lib.ts, populateRunAutomationDetails) applies `category:` only to runs without one.
    expect(Object.keys(run)).toEqual(['tool', 'originalUriBaseIds', 'results']);
  });

  test('places whole-file findings on line 1 and keeps columns of the others', () => {
    const drift = run.results.find((r) => r.ruleId === 'checksum-drift')!;
    expect(drift.locations[0]!.physicalLocation.region).toEqual({ startLine: 1 });
    const dry = run.results.find((r) => r.ruleId === 'dry-run-failed')!;
    expect(dry.locations[0]!.physicalLocation.region).toEqual({ startLine: 12, startColumn: 8 });
  });

  test('percent-encodes file URIs and carries mechanical fixes as replacements', () => {
    const uris = run.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('supabase/migrations/003_messages.sql');
    const fixed = run.results.find((r) => r.fixes && r.ruleId === 'non-idempotent' && r.message.text.startsWith('CREATE TABLE'))!;
    expect(fixed.fixes![0]!.artifactChanges[0]!.replacements[0]).toEqual({
      deletedRegion: { startLine: 3, startColumn: 1, endLine: 4, endColumn: 1 },
      insertedContent: { text: 'CREATE TABLE IF NOT EXISTS messages (\n' },
    });
  });

  test('fingerprints stay the same when a finding moves to another line', () => {
    const moved = failingReport();
    moved.findings = moved.findings.map((f) => ({ ...f, line: f.line + 5 }));
    const again = renderSarif(moved).runs[0]!.results.map((r) => r.partialFingerprints);
    expect(again).toEqual(run.results.map((r) => r.partialFingerprints));
  });

  test('one statement written twice gets two fingerprints, each kept when an unrelated edit above moves both', () => {
    const twice = failingReport();
    const insert = { ...twice.findings.find((f) => f.rule === 'non-idempotent')!, message: 'INSERT INTO t applies twice', fix: undefined };
    twice.findings.push({ ...insert, line: 20 }, { ...insert, line: 21 });
    const prints = (report: typeof twice) =>
      renderSarif(report).runs[0]!.results.filter((r) => r.message.text.startsWith('INSERT')).map((r) => r.partialFingerprints['migrationGate/v2']);
    const [first, second] = prints(twice);
    expect(first).not.toBe(second);
    expect([first!.split(':')[1], second!.split(':')[1]]).toEqual(['1', '2']);
    const moved = { ...twice, findings: twice.findings.map((f) => ({ ...f, line: f.line + 3 })) };
    expect(prints(moved)).toEqual([first, second]);
  });

  test('on a real file, the two identical INSERTs of the QA repro are two results with distinct fingerprints', async () => {
    const root = makeTree({ 'migrations/001_a.sql': 'CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1);\n' });
    roots.push(root);
    const report = await runGate(await resolveOptions({ root, paths: ['migrations'], dryRun: false }));
    const inserts = renderSarif(report).runs[0]!.results.filter((r) => r.message.text.startsWith('INSERT INTO t'));
    expect(inserts.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([2, 3]);
    expect(new Set(inserts.map((r) => r.partialFingerprints['migrationGate/v2'])).size).toBe(2);
  });

  test('a clean report is a valid log with no results', () => {
    const clean = renderSarif(cleanReport());
    expect(clean.runs[0]!.results).toEqual([]);
    expect(clean.runs[0]!.tool.driver.rules).toEqual([]);
  });
});
