// SARIF 2.1.0 for code scanning: golden file, rule indexes, whole-file findings, fixes, fingerprints, and GitHub's
// upload limits (results per run, gzipped size) with the note on what was left out.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { GITHUB_SARIF_LIMITS, renderSarif } from '../../src/report/sarif.js';
import { writeArtifacts } from '../../src/github/outputs.js';
import { compareFindings, type Finding } from '../../src/report/finding.js';
import type { Report } from '../../src/report/report.js';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { cleanReport, failingReport } from '../github/report-fixtures.js';
import { expectGolden } from '../github/golden.js';
import { makeTree, removeTree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

describe('SARIF', () => {
  const { log, text } = renderSarif(failingReport());
  const run = log.runs[0]!;

  test('matches the golden file, and a small report leaves nothing out', () => {
    expectGolden('results.sarif', text);
    expect(renderSarif(failingReport())).toMatchObject({ omitted: 0, note: null });
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
    const again = renderSarif(moved).log.runs[0]!.results.map((r) => r.partialFingerprints);
    expect(again).toEqual(run.results.map((r) => r.partialFingerprints));
  });

  test('one statement written twice gets two fingerprints, each kept when an unrelated edit above moves both', () => {
    const twice = failingReport();
    const insert = { ...twice.findings.find((f) => f.rule === 'non-idempotent')!, message: 'INSERT INTO t applies twice', fix: undefined };
    twice.findings.push({ ...insert, line: 20 }, { ...insert, line: 21 });
    const prints = (report: typeof twice) =>
      renderSarif(report).log.runs[0]!.results.filter((r) => r.message.text.startsWith('INSERT')).map((r) => r.partialFingerprints['migrationGate/v2']);
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
    const inserts = renderSarif(report).log.runs[0]!.results.filter((r) => r.message.text.startsWith('INSERT INTO t'));
    expect(inserts.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([2, 3]);
    expect(new Set(inserts.map((r) => r.partialFingerprints['migrationGate/v2'])).size).toBe(2);
  });

  test('a clean report is a valid log with no results', () => {
    const clean = renderSarif(cleanReport()).log;
    expect(clean.runs[0]!.results).toEqual([]);
    expect(clean.runs[0]!.tool.driver.rules).toEqual([]);
  });
});

/** `warnings` CREATE TABLE warnings (with fixes, as the QA hunt's file had) in one file, then `errors` errors in a later one. */
function manyFindings(warnings: number, errors: number, message = (i: number) => `CREATE TABLE t${i} fails when the file runs a second time`): Report {
  const findings: Finding[] = [];
  for (let i = 1; i <= warnings; i++) {
    const fix = { line: i, endLine: i, replacement: `CREATE TABLE IF NOT EXISTS t${i} (id int);` };
    findings.push({ rule: 'non-idempotent', severity: 'warning', file: 'db/migrations/001_big.sql', line: i, column: 1, message: message(i), fix });
  }
  for (let i = 1; i <= errors; i++) {
    findings.push({ rule: 'syntax-error', severity: 'error', file: 'db/migrations/002_later.sql', line: i, column: 5, message: `syntax error at or near "COLUM" (${i})` });
  }
  return { ...failingReport(), findings: findings.sort(compareFindings) };
}

const where = (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) =>
  `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`;

describe("SARIF within GitHub code scanning's upload limits", () => {
  const report = manyFindings(29_000, 1_000);
  const file = renderSarif(report);
  const run = file.log.runs[0]!;

  test('30,000 findings give 25,000 results: every error first, then warnings in the report order', () => {
    expect(run.results).toHaveLength(25_000);
    expect(file.omitted).toBe(5_000);
    expect(run.results.slice(0, 1_000).every((r) => r.level === 'error')).toBe(true);
    expect(run.results.slice(1_000).every((r) => r.level === 'warning')).toBe(true);
    expect(run.results.map(where)).toEqual(report.findings.slice(0, 25_000).map((f) => `${f.file}:${f.line}`));
    expect(gzipSync(file.text).length).toBeLessThan(GITHUB_SARIF_LIMITS.gzipBytes);
  });

  test('the run carries a notification counting what was left out and naming the JSON report', () => {
    expect(run.invocations).toEqual([
      { executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: file.note } }] },
    ]);
    expect(file.note).toContain('leaves out 5000 findings of 30000 (0 errors, 5000 warnings)');
    expect(file.note).toContain('over 25000 results or 10 MB gzipped');
    expect(file.note).toContain('`report-path`');
  });

  test('everything else is as in a run that fits: rules, fingerprints, fixes, no automationDetails', () => {
    const whole = renderSarif(report, { results: Infinity, gzipBytes: Infinity }).log.runs[0]!;
    expect(whole.results).toHaveLength(30_000);
    expect(whole.invocations).toBeUndefined();
    expect(run.results).toEqual(whole.results.slice(0, 25_000));
    expect(run.tool).toEqual(whole.tool);
    expect(Object.keys(run)).toEqual(['tool', 'invocations', 'originalUriBaseIds', 'results']);
  });

  test('more errors than fit: the file is all errors, and the note counts the errors and warnings left out', () => {
    const errors = renderSarif(manyFindings(4_000, 26_000));
    expect(errors.log.runs[0]!.results.every((r) => r.level === 'error')).toBe(true);
    expect(errors.note).toContain('leaves out 5000 findings of 30000 (1000 errors, 4000 warnings)');
  });

  test('findings too big for 10 MB gzipped are cut further, to a file just under it', () => {
    // 16 KB of random hex per message: 1,500 of them gzip to about 12 MB.
    const big = manyFindings(1_450, 50, () => randomBytes(8_000).toString('hex'));
    const cut = renderSarif(big);
    const kept = cut.log.runs[0]!.results;
    const size = gzipSync(cut.text).length;
    expect(size).toBeLessThan(GITHUB_SARIF_LIMITS.gzipBytes);
    expect(size).toBeGreaterThan(9_000_000);
    expect(kept.length + cut.omitted).toBe(1_500);
    expect(kept.slice(0, 50).every((r) => r.level === 'error')).toBe(true);
    expect(cut.note).toContain(`leaves out ${cut.omitted} findings of 1500 (0 errors, ${cut.omitted} warnings)`);
  });

  test("the Action's results.sarif is the capped file, and its log says what was left out; a small report logs nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-sarif-'));
    roots.push(dir);
    const logged: string[] = [];
    const { sarifPath } = writeArtifacts(report, join(dir, 'big'), (line) => logged.push(line));
    expect(JSON.parse(readFileSync(sarifPath, 'utf8')).runs[0].results).toHaveLength(25_000);
    expect(logged).toEqual([`${sarifPath}: ${file.note}`]);
    const { reportPath } = writeArtifacts(failingReport(), join(dir, 'small'), (line) => logged.push(line));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(readFileSync(reportPath, 'utf8')).findings).toHaveLength(failingReport().findings.length);
  });
});
