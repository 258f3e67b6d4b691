// The rule engine: runs every registered rule, applies configured severities and inline directives.
// It knows nothing about any one rule; a new rule is one file plus one line in RULES.

import type { Draft, Finding, RuleId, Severity } from '../report/finding.js';
import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import { loadParser, parseSql, type Statement } from '../sql/parser.js';
import { coolDown, runBatches, serveBatches, threadCount, warmUp, type PoolPlan } from './pool.js';
import { optimiseJs } from '../v8-tiers.js';
import { placeholderRegex } from '../sql/placeholders.js';
import { templateOf } from '../config/runner-placeholders.js';
import type { Template } from '../sql/template.js';
import { historyIndex } from '../report/build.js';
import { DIRECTIVE_MARK, isSilenced, readDirectives, type DirectedStatement, type Directives } from './directives.js';
import type { FileContext, FileLint, Rule, SetContext, SetRule } from './rule.js';
import { newVersions } from './renumber.js';
import { LintCache } from './lint-cache.js';
import { foldAlikeRuns } from './alike-runs.js';
import { EarlierMigrations, type Source } from './idempotency/earlier.js';
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
  'unreadable-file': { severity: 'error', description: 'A migration file cannot be read as SQL text: NUL bytes, invalid UTF-8, a symlink out of the repository, a Flyway script config file (.sql.conf) that Flyway refuses, a Prisma migration folder without migration.sql, a diesel one without up.sql.' },
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

/**
 * What the file rules read of `migration`: its SQL with placeholders filled in, parsed, the way back to the file, and
 * the migrations applied before it (of `earlier`, the set in apply order; none by default).
 */
export function fileContext(
  migration: Migration,
  options: GateOptions,
  regex = placeholderRegex(options.placeholderPatterns),
  earlier = new EarlierMigrations([], options),
): FileContext {
  const template = templateOf(migration, options, regex);
  const parsed = parseSql(template.sql);
  return { migration, template, parsed, options, position: (offset) => template.position(offset), earlier: earlier.before(migration.file) };
}

/** Runs the file rules (parse, syntax, statements) over each of `migrations` of the set `earlier` reads; call `loadParser()` first. */
export function runFileRules(migrations: Migration[], options: GateOptions, earlier = new EarlierMigrations(migrations, options)): FileLint[] {
  const regex = placeholderRegex(options.placeholderPatterns);
  return migrations.map((migration) => {
    const ctx = fileContext(migration, options, regex, earlier);
    const { template, parsed } = ctx;
    const directives = hasDirective(migration.sql) || hasDirective(template.sql) ? readDirectives(migration.sql, parsed.statements.map((s) => directed(s, ctx))) : null;
    // flatMap, not push(...): a pg_dump baseline's hundreds of thousands of findings overflow a call's argument list.
    const drafts: Draft[] = RULES.flatMap((rule) => (rule.scope === 'file' && enabled(rule.id, options) ? rule.check(ctx) : []));
    // Directives first: a statement one silences is neither counted in a folded run nor rewritten by its fix.
    const said = drafts.map((d) => asWritten(d, template)).filter((d) => !directives || !isSilenced(d, directives));
    const lint: FileLint = { file: migration.file, drafts: foldAlikeRuns(said, migration.sql), directives };
    if (ctx.earlier.terms.size) lint.earlierTerms = [...ctx.earlier.terms].sort();
    return lint;
  });
}

/** A statement's leading comments and its lines in the file, which a value with a line break puts elsewhere in the filled text. */
function directed(s: Statement, ctx: FileContext): DirectedStatement {
  return { leading: s.leading, line: ctx.position(s.start).line, endLine: ctx.position(Math.max(s.start, s.end - 1)).line };
}

/** A draft in the file's own words: what a rule quotes of the filled text names placeholders, not their stand-ins. */
function asWritten(d: Draft, template: Template): Draft {
  return {
    ...d,
    message: template.restore(d.message),
    ...(d.suggestion !== undefined && { suggestion: template.restore(d.suggestion) }),
    ...(d.fix && { fix: { ...d.fix, replacement: template.restore(d.fix.replacement) } }),
  };
}

/** Runs all rules over the set; `earlier` are drafts found before (discovery), judged the same way. Parser loaded first. */
export function runRules(ctx: SetContext, earlier: Draft[] = []): Finding[] {
  const set = runSetRules(ctx);
  return judge(ctx, [...earlier, ...set], runFileRules(inScope(ctx), ctx.options, new EarlierMigrations(ctx.migrations, ctx.options)));
}

/**
 * runRules for the gate: loads the parser only when a file is in scope, and spreads a scope of
 * PARALLEL_MIN_FILES or more over worker threads (see pool.ts). Same findings either way.
 */
export async function checkRules(ctx: SetContext, earlier: Draft[] = []): Promise<Finding[]> {
  // Started first: the parser (and any workers) load while the set rules run.
  const files = fileRulesFor(inScope(ctx), ctx);
  const set = runSetRules(ctx);
  return judge(ctx, [...earlier, ...set], await files);
}

/** Below this many files in scope, starting workers (~50–100 ms each) costs more than it saves. */
export const PARALLEL_MIN_FILES = 200;
/** SQL in one thread's lint past which JS optimisation pays (src/v8-tiers.ts). */
const LONG_LINT_CHARS = 256 * 1024;

/** The file rules' findings for `scope`, in scope order: from the lint cache where it has them. */
async function fileRulesFor(scope: Migration[], ctx: SetContext): Promise<FileLint[]> {
  const { options } = ctx;
  const earlier = new EarlierMigrations(ctx.migrations, options);
  const cache = options.cache === null ? null : LintCache.open(options.cache, options);
  const known = scope.map((m) => cache?.get(m, earlier) ?? null);
  const misses = scope.filter((_, i) => !known[i]);
  const fresh = await lintFiles(misses, options, ctx.migrations, earlier);
  if (!cache) return fresh;
  fresh.forEach((lint, i) => cache.put(misses[i]!, lint, earlier));
  cache.save(ctx.migrations);
  let next = 0;
  return known.map((k) => k ?? fresh[next++]!);
}

/**
 * Starts the file rules' workers early when every file will be in scope and the folders hold
 * PARALLEL_MIN_FILES `entries` or more: they load while the files are read (~0.2 s sooner at work).
 * Not with the lint cache (its misses are not known yet) nor in deploy mode (nor is the scope).
 */
export function warmFileRules(options: GateOptions, entries: number): void {
  const everything = options.all || (!options.base && options.mode !== 'deploy');
  if (everything && options.cache === null && entries >= PARALLEL_MIN_FILES) warmUp(threadCount() - 1, options);
}

/** The file rules over `scope`, of the set `migrations` (in apply order) that `earlier` reads in this thread. */
async function lintFiles(scope: Migration[], options: GateOptions, migrations: Migration[], earlier: EarlierMigrations): Promise<FileLint[]> {
  const threads = scope.length >= PARALLEL_MIN_FILES ? threadCount() : 1;
  if (threads > 1) return runFileRulesInThreads(scope, options, { workers: threads - 1, mainThread: true }, migrations, earlier);
  // One thread through hundreds of files or a very large one: TurboFan's code pays for itself there (1,600 files:
  // 2.8 → 2.0 s wall, same CPU; one 0.85 MB file: 4.8 → 4.4 s CPU), not below (an 80 kB file: 0.97 → 0.77 s).
  if (scope.length >= PARALLEL_MIN_FILES || scope.reduce((chars, m) => chars + m.sql.length, 0) >= LONG_LINT_CHARS) optimiseJs();
  coolDown();
  if (scope.length === 0) return [];
  await loadParser();
  return runFileRules(scope, options, earlier);
}

/** A migration as it crosses to a worker: its bytes copied out of any shared pool buffer, so only they travel. */
type Transferred = Omit<Migration, 'bytes'> & { bytes: Uint8Array };

/**
 * runFileRules over worker threads (and this one, as `plan` says), in batches; results in scope order. Each worker
 * gets the set's SQL once (a structured clone of its strings) and reads the earlier migrations itself.
 */
export async function runFileRulesInThreads(
  scope: Migration[],
  options: GateOptions,
  plan: PoolPlan,
  migrations = scope,
  earlier = new EarlierMigrations(migrations, options),
): Promise<FileLint[]> {
  const threads = plan.workers + (plan.mainThread ? 1 : 0);
  // Small batches keep every thread busy to the end; 8 per thread is plenty for files of mixed size.
  const size = Math.max(10, Math.ceil(scope.length / (threads * 8)));
  const batches: Migration[][] = [];
  for (let i = 0; i < scope.length; i += size) batches.push(scope.slice(i, i + size));
  const results = await runBatches(
    batches,
    options,
    { setup: loadParser, work: (batch: Migration[]) => runFileRules(batch, options, earlier) },
    plan,
    (batch) => batch.map((m): Transferred => ({ ...m, bytes: new Uint8Array(m.bytes) })),
    migrations.map(({ file, sql, kind }): Source => ({ file, sql, kind })),
  );
  return results.flat();
}

/** The worker side of runFileRulesInThreads (the CLI entry calls it in a worker thread). */
export function serveFileRules(options: GateOptions): Promise<void> {
  let earlier: EarlierMigrations | undefined;
  return serveBatches(loadParser, (batch: Transferred[], set) =>
    runFileRules(
      batch.map((m) => ({ ...m, bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength) })),
      options,
      (earlier ??= new EarlierMigrations(set as Source[], options)),
    ),
  );
}

export function runSetRules(all: SetContext): Draft[] {
  // graphile-migrate's current.sql has no version: it takes no part in the set's versions, order or history.
  const ctx = { ...all, migrations: all.migrations.filter((m) => m.kind !== 'current') };
  const rules = RULES.filter((rule): rule is SetRule => rule.scope === 'set' && enabled(rule.id, ctx.options));
  // One renumbering for all of them: two suggestions never give two files one version.
  const planned = { ...ctx, newVersions: newVersions(ctx, rules) };
  return rules.flatMap((rule) => rule.check(planned));
}

/** Findings from all drafts: severities applied, directives (of the files in scope, and ignore-file anywhere) obeyed. */
function judge(ctx: SetContext, drafts: Draft[], files: FileLint[]): Finding[] {
  const directives = new Map(files.flatMap((f) => (f.directives ? [[f.file, f.directives] as const] : [])));
  for (const m of ctx.migrations) {
    if (!directives.has(m.file) && hasDirective(m.sql)) directives.set(m.file, readDirectives(m.sql, []));
  }
  return resolve([...drafts, ...files.flatMap((f) => f.drafts)], ctx.options, directives);
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
