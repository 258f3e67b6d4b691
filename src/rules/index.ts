// The rule engine: runs every registered rule, applies configured severities and inline directives.
// It knows nothing about any one rule; a new rule is one file plus one line in RULES.

import type { Draft, Finding, RuleId, Severity } from '../report/finding.js';
import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import { parseSql } from '../sql/parser.js';
import { placeholderRegex, substitutePlaceholders } from '../sql/placeholders.js';
import { historyIndex } from '../report/build.js';
import { DIRECTIVE_MARK, isSilenced, readDirectives, type Directives } from './directives.js';
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

/** Rules whose findings come from outside RULES (discovery, the dry-run, the history table): severity and docs line. */
const EXTERNAL_RULES: Partial<Record<RuleId, { severity: Severity; description: string }>> = {
  'invalid-name': { severity: 'error', description: 'A .sql file in a migration folder fits no naming scheme, so the runner skips or rejects it.' },
  'unreadable-file': { severity: 'error', description: 'A migration file cannot be read as SQL text: NUL bytes, invalid UTF-8, a symlink out of the repository.' },
  'empty-migration': { severity: 'warning', description: 'A migration has no SQL (or an empty up section): it is recorded as applied and changes nothing.' },
  'dry-run-failed': { severity: 'error', description: 'A pending migration fails on a real PostgreSQL after the merged ones were replayed.' },
  'not-rerunnable': { severity: 'warning', description: 'A pending migration applies once but fails when the dry-run runs it a second time.' },
  'dangerous-lock': { severity: 'warning', description: 'A pending migration takes an ACCESS EXCLUSIVE lock on a table that already existed.' },
  environment: { severity: 'warning', description: 'The dry-run engine lacks something the migrations need (an extension, a newer server, a merged file that fails).' },
  'dirty-history': { severity: 'error', description: "The target's history table has a failed, dirty or unfinished row; the runner's repair step must come first." },
};

export function defaultSeverity(rule: RuleId): Severity {
  return RULES.find((r) => r.id === rule)?.defaultSeverity ?? EXTERNAL_RULES[rule]?.severity ?? 'error';
}

/** The one-line documentation of a rule, wherever its findings come from. */
export function describeRule(rule: RuleId): string {
  return RULES.find((r) => r.id === rule)?.description ?? EXTERNAL_RULES[rule]?.description ?? '';
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
    if (hasDirective(migration.sql) || hasDirective(sql)) {
      directives.set(migration.file, readDirectives(migration.sql, parsed.statements, migration.lineOffset));
    }
    for (const rule of RULES) if (rule.scope === 'file' && enabled(rule.id, ctx.options)) drafts.push(...rule.check(fileCtx));
  }
  for (const m of ctx.migrations) {
    if (!directives.has(m.file) && hasDirective(m.sql)) directives.set(m.file, readDirectives(m.sql, [], m.lineOffset));
  }
  return resolve(drafts, ctx.options, directives);
}

/** Every directive spells this out: a file without it has none, and needs no scan. */
function hasDirective(text: string): boolean {
  return text.includes(DIRECTIVE_MARK);
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
