// SARIF 2.1.0 for code scanning: golden file, rule indexes, whole-file findings, fixes.

import { renderSarif } from '../../src/report/sarif.js';
import { cleanReport, failingReport } from '../github/report-fixtures.js';
import { expectGolden } from '../github/golden.js';

describe('SARIF', () => {
  const log = renderSarif(failingReport(), 'supabase');
  const run = log.runs[0]!;

  test('matches the golden file', () => {
    expectGolden('results.sarif', `${JSON.stringify(log, null, 2)}\n`);
  });

  test('declares version 2.1.0 and one rule per rule id used, each result pointing at its rule', () => {
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['checksum-drift', 'dry-run-failed', 'duplicate-version', 'non-idempotent']);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(run.automationDetails).toEqual({ id: 'supabase/' });
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

  test('a clean report is a valid log with no results', () => {
    const clean = renderSarif(cleanReport());
    expect(clean.runs[0]!.results).toEqual([]);
    expect(clean.runs[0]!.tool.driver.rules).toEqual([]);
  });
});
