// SARIF 2.1.0: the findings in the format GitHub code scanning (and other viewers) upload and show.

import { gzipSync } from 'node:zlib';
import { fingerprintsOf, type Finding } from './finding.js';
import { plural } from './plural.js';
import type { Report } from './report.js';
import { defaultSeverity, describeRule } from '../rules/index.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifRun {
  tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
  /** Only when results were left out: the note saying so. */
  invocations?: Array<{ executionSuccessful: true; toolExecutionNotifications: Array<{ level: 'warning'; message: { text: string } }> }>;
  originalUriBaseIds: Record<string, { description: { text: string } }>;
  results: SarifResult[];
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' };
}

interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion } }>;
  partialFingerprints: Record<string, string>;
  fixes?: Array<{
    description: { text: string };
    artifactChanges: Array<{
      artifactLocation: { uri: string; uriBaseId: string };
      replacements: Array<{ deletedRegion: SarifRegion; insertedContent: { text: string } }>;
    }>;
  }>;
}

const INFORMATION_URI = 'https://github.com/migration-gate/migration-gate';

export interface SarifLimits {
  /** Results in the one run. */
  results: number;
  /** Bytes of the file once gzipped. */
  gzipBytes: number;
}

/** GitHub code scanning rejects a whole upload over 25,000 results in a run or 10 MB gzipped: the user gets no alert at all. */
export const GITHUB_SARIF_LIMITS: SarifLimits = { results: 25_000, gzipBytes: 10_000_000 };

// upload-sarif adds a line hash to each result before it gzips the file: 5% of the size limit stays free for them.
const GZIP_HEADROOM = 0.95;

/** The SARIF file as written: its log, its text, and how many findings it leaves out (with the note saying so, or null). */
export interface SarifFile {
  log: SarifLog;
  text: string;
  omitted: number;
  note: string | null;
}

/**
 * The report's findings as a SARIF file within `limits`: past them, the most severe findings first (the report's
 * order) and a run-level notification counting the rest. It sets no automationDetails: github/codeql-action/upload-sarif
 * applies its `category:` input only to a run without one, so the workflow names the analysis (a monorepo's gate steps one each).
 */
export function renderSarif(report: Report, limits: SarifLimits = GITHUB_SARIF_LIMITS): SarifFile {
  const { findings } = report;
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const rules: SarifRule[] = ruleIds.map((id) => ({
    id,
    shortDescription: { text: describeRule(id) || id },
    defaultConfiguration: { level: defaultSeverity(id) },
  }));
  // Over all findings, so a kept result's fingerprint does not depend on what was left out.
  const fingerprints = fingerprintsOf(findings);
  const results = findings.slice(0, limits.results).map((f, i) => result(f, ruleIds.indexOf(f.rule), fingerprints[i]!));
  const budget = limits.gzipBytes * GZIP_HEADROOM;
  let weights: number[] | null = null;
  let keep = results.length;
  for (;;) {
    const note = keep < findings.length ? omittedNote(findings, keep, limits) : null;
    const run: SarifRun = {
      tool: { driver: { name: report.tool.name, version: report.tool.version, informationUri: INFORMATION_URI, rules } },
      ...(note && { invocations: [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text: note } }] }] }),
      originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
      results: results.slice(0, keep),
    };
    const log: SarifLog = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
    const text = `${JSON.stringify(log, null, 2)}\n`;
    const size = gzipSync(text).length;
    if (size <= budget || keep === 0) return { log, text, omitted: findings.length - keep, note };
    // Cut where the kept results' own bytes scale down by budget/size: by weight, one big result counts as many small ones.
    weights ??= prefixSums(results.map((r) => JSON.stringify(r).length));
    const target = (weights[keep]! * budget) / size;
    let fit = keep - 1;
    while (fit > 0 && weights[fit]! > target) fit--;
    keep = fit;
  }
}

/** The run-level note and the Action's log line: what the file leaves out, and where every finding is. */
function omittedNote(findings: Finding[], keep: number, limits: SarifLimits): string {
  const left = findings.slice(keep);
  const errors = left.filter((f) => f.severity === 'error').length;
  return (
    `This SARIF file leaves out ${plural(left.length, 'finding')} of ${findings.length} (${plural(errors, 'error')}, ${plural(left.length - errors, 'warning')}): ` +
    `GitHub code scanning rejects an upload of over ${limits.results} results or ${limits.gzipBytes / 1e6} MB gzipped; it keeps errors before warnings. ` +
    'The JSON report (the Action\'s `report-path` output, or `migration-gate --format json`) lists every finding.'
  );
}

/** sums[i]: the total of the first i values. */
function prefixSums(values: number[]): number[] {
  const sums = [0];
  for (const v of values) sums.push(sums[sums.length - 1]! + v);
  return sums;
}

function result(f: Finding, ruleIndex: number, fingerprint: string): SarifResult {
  const artifactLocation = { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' };
  // Code scanning needs a line to place a result; a whole-file finding sits on line 1.
  const region: SarifRegion = { startLine: Math.max(f.line, 1) };
  if (f.column > 0) region.startColumn = f.column;
  const out: SarifResult = {
    ruleId: f.rule,
    ruleIndex,
    level: f.severity,
    message: { text: f.suggestion ? `${f.message} ${f.suggestion}` : f.message },
    locations: [{ physicalLocation: { artifactLocation, region } }],
    partialFingerprints: { 'migrationGate/v2': fingerprint },
  };
  if (f.fix) {
    out.fixes = [
      {
        description: { text: f.suggestion ?? `Apply the ${f.rule} fix` },
        artifactChanges: [
          {
            artifactLocation,
            replacements: [
              {
                deletedRegion: { startLine: f.fix.line, startColumn: 1, endLine: f.fix.endLine + 1, endColumn: 1 },
                insertedContent: { text: `${f.fix.replacement}\n` },
              },
            ],
          },
        ],
      },
    ];
  }
  return out;
}

/** SARIF URIs are URI references: percent-encode each path segment. */
function uriOf(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
