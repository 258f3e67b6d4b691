// A Finding is one thing the gate has to say about one place in one migration file.

import { createHash } from 'node:crypto';
import { compareText } from '../discover/version-order.js';

export type Severity = 'error' | 'warning';

/** Rule ids are a public contract: users configure them and the JSON report carries them. */
export const RULE_IDS = [
  // set level (issue: static gate)
  'duplicate-version',
  'invalid-name',
  'out-of-order',
  'name-order',
  'checksum-drift',
  'missing-migration',
  // statement level
  'syntax-error',
  'non-idempotent',
  'transaction-unsafe',
  // file content
  'unreadable-file',
  'empty-migration',
  // dry-run
  'dry-run-failed',
  'not-rerunnable',
  'dangerous-lock',
  'environment',
  // deploy
  'dirty-history',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

/** A mechanical in-file fix: lines `line`..`endLine` (1-based, inclusive) become `replacement`. */
export interface Fix {
  line: number;
  endLine: number;
  replacement: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Repo-relative POSIX path. */
  file: string;
  /** 1-based; 0 when the finding is about the file as a whole. */
  line: number;
  /** 1-based; 0 when the finding is about the file or line as a whole. */
  column: number;
  message: string;
  suggestion?: string;
  fix?: Fix;
}

/** What a rule emits: the severity is applied afterwards from the rule's default and the config. */
export type Draft = Omit<Finding, 'severity'> & { severity?: Severity };

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1 };


/** The findings of each file, in their order, files in order of their first finding; in one pass, however many a file has. */
export function findingsByFile<T extends Pick<Finding, 'file'>>(findings: readonly T[]): Map<string, T[]> {
  const byFile = new Map<string, T[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  return byFile;
}

/** Most severe first, then by file, line and column, so every renderer lists findings the same way. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.rule, b.rule)
  );
}

/**
 * Each finding's fingerprint, stable across pushes that move its line: rule, file and message identify it, and among
 * identical ones (one statement written twice) its rank in the file, `<hash>:<n>` as code scanning's own
 * primaryLocationLineHash counts identical lines; identical findings sharing one would be merged into one alert.
 */
export function fingerprintsOf(findings: Finding[]): string[] {
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
