// SARIF 2.1.0: the findings in the format GitHub code scanning (and other viewers) upload and show.

import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';
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

/**
 * The report's findings as a SARIF log. It sets no automationDetails: github/codeql-action/upload-sarif applies its
 * `category:` input only to a run without one, so the workflow names the analysis (a monorepo's gate steps one each).
 */
export function renderSarif(report: Report): SarifLog {
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const rules: SarifRule[] = ruleIds.map((id) => ({
    id,
    shortDescription: { text: describeRule(id) || id },
    defaultConfiguration: { level: defaultSeverity(id) },
  }));
  const fingerprints = fingerprintsOf(report.findings);
  const run: SarifRun = {
    tool: { driver: { name: report.tool.name, version: report.tool.version, informationUri: INFORMATION_URI, rules } },
    originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
    results: report.findings.map((f, i) => result(f, ruleIds.indexOf(f.rule), fingerprints[i]!)),
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
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

/**
 * Each finding's fingerprint, stable across pushes that move its line: rule, file and message identify it, and among
 * identical ones (one statement written twice) its rank in the file, `<hash>:<n>` as code scanning's own
 * primaryLocationLineHash counts identical lines; identical findings sharing one would be merged into one alert.
 */
function fingerprintsOf(findings: Finding[]): string[] {
  const hashes = findings.map((f) => createHash('sha256').update(`${f.rule}\0${f.file}\0${f.message}`).digest('hex').slice(0, 32));
  const inFile = findings.map((_, i) => i).sort((a, b) => findings[a]!.line - findings[b]!.line || findings[a]!.column - findings[b]!.column);
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const i of inFile) {
    const n = (seen.get(hashes[i]!) ?? 0) + 1;
    seen.set(hashes[i]!, n);
    out[i] = `${hashes[i]}:${n}`;
  }
  return out;
}
