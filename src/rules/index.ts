// The rule engine: runs every registered rule, applies configured severities and inline directives.
// It knows nothing about any one rule; a new rule is one file plus one line in RULES.

import type { Draft, Finding, RuleId, Severity } from '../report/finding.js';
import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import { parseSql } from '../sql/parser.js';
import { placeholderRegex, substitutePlaceholders } from '../sql/placeholders.js';
import { historyIndex } from '../report/build.js';
import { isSilenced, readDirectives, type Directives } from './directives.js';
import type { FileContext, Rule, SetContext } from './rule.js';
import { duplicateVersion } from './duplicate-version.js';
import { outOfOrder } from './out-of-order.js';
import { nameOrder } from './name-order.js';
import { checksumDrift } from './checksum-drift.js';
import { missingMigration } from './missing-migration.js';
import { syntaxError } from './syntax-error.js';
import { nonIdempotent } from './non-idempotent.js';
import { transactionUnsafe } from './transaction-unsafe.js';

export const RULES: Rule[] = [
  duplicateVersion,
  outOfOrder,
  nameOrder,
  checksumDrift,
  missingMigration,
  syntaxError,
  nonIdempotent,
  transactionUnsafe,
];

/** Default severities of rules that are emitted outside RULES (discovery, dry-run, deploy). */
const EXTERNAL_DEFAULTS: Partial<Record<RuleId, Severity>> = {
  'invalid-name': 'error',
  'unreadable-file': 'error',
  'empty-migration': 'warning',
  'dry-run-failed': 'error',
  'not-rerunnable': 'warning',
  'dangerous-lock': 'warning',
  environment: 'warning',
  'dirty-history': 'error',
};

export function defaultSeverity(rule: RuleId): Severity {
  return RULES.find((r) => r.id === rule)?.defaultSeverity ?? EXTERNAL_DEFAULTS[rule] ?? 'error';
}

/** The migrations that statement-level rules look at: new or changed ones, or all with --all or without history. */
export function inScope(ctx: SetContext): Migration[] {
  const { history, options, migrations } = ctx;
  if (options.all || !history) return migrations;
  const entryOf = historyIndex(history);
  return migrations.filter((m) => {
    const entry = entryOf(m);
    return !entry || entry.state !== 'applied' || (entry.bytes !== undefined && !entry.bytes.equals(m.bytes));
  });
}

/** Runs all rules over the set; `earlier` are drafts found before (discovery), judged the same way. */
export function runRules(ctx: SetContext, earlier: Draft[] = []): Finding[] {
  const drafts: Draft[] = [...earlier];
  for (const rule of RULES) if (rule.scope === 'set' && enabled(rule.id, ctx.options)) drafts.push(...rule.check(ctx));

  const directives = new Map<string, Directives>();
  const regex = placeholderRegex(ctx.options.placeholderPatterns);
  for (const migration of inScope(ctx)) {
    const sql = substitutePlaceholders(migration.sql, regex, ctx.options.placeholders);
    const parsed = parseSql(sql);
    const position = (offset: number) => {
      const p = parsed.lines.position(offset);
      return { line: p.line + migration.lineOffset, column: p.column };
    };
    const fileCtx: FileContext = { migration, parsed, options: ctx.options, position };
    directives.set(migration.file, readDirectives(migration.sql, parsed.statements, migration.lineOffset));
    for (const rule of RULES) if (rule.scope === 'file' && enabled(rule.id, ctx.options)) drafts.push(...rule.check(fileCtx));
  }
  for (const m of ctx.migrations) {
    if (!directives.has(m.file)) directives.set(m.file, readDirectives(m.sql, [], m.lineOffset));
  }
  return resolve(drafts, ctx.options, directives);
}

function enabled(rule: RuleId, options: GateOptions): boolean {
  return options.rules[rule] !== 'off';
}

/** Applies severities from the config (or each rule's default) and drops what directives silence. */
export function resolve(drafts: Draft[], options: GateOptions, directives = new Map<string, Directives>()): Finding[] {
  const out: Finding[] = [];
  for (const d of drafts) {
    const setting = options.rules[d.rule];
    if (setting === 'off') continue;
    const finding: Finding = { ...d, severity: setting ?? d.severity ?? defaultSeverity(d.rule) };
    const dir = directives.get(d.file);
    if (dir && isSilenced(finding, dir)) continue;
    out.push(finding);
  }
  return out;
}
