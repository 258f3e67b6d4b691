// SARIF 2.1.0: the findings in the format GitHub code scanning (and other viewers) upload and show.

import { createHash } from 'node:crypto';
import type { Finding, RuleId } from './finding.js';
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
  automationDetails?: { id: string };
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

/** The report's findings as a SARIF log; `category` separates several runs (e.g. monorepo folders) in code scanning. */
export function renderSarif(report: Report, category?: string): SarifLog {
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const rules: SarifRule[] = ruleIds.map((id) => ({
    id,
    shortDescription: { text: describeRule(id) || id },
    defaultConfiguration: { level: defaultSeverity(id) },
  }));
  const run: SarifRun = {
    tool: { driver: { name: report.tool.name, version: report.tool.version, informationUri: INFORMATION_URI, rules } },
    originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
    results: report.findings.map((f) => result(f, ruleIds.indexOf(f.rule))),
  };
  if (category) run.automationDetails = { id: `${category}/` };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

function result(f: Finding, ruleIndex: number): SarifResult {
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
    // Stable across pushes that move the line: rule, file and message identify the alert.
    partialFingerprints: { 'migrationGate/v1': fingerprint(f.rule as RuleId, f.file, f.message) },
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

function fingerprint(rule: RuleId, file: string, message: string): string {
  return createHash('sha256').update(`${rule}\0${file}\0${message}`).digest('hex').slice(0, 32);
}
