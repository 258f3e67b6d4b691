// The dry-run: replay the merged (baseline) migrations on a scratch database, then apply each pending
// migration for real, recording status, timing, mapped errors, schema changes, locks and a re-run proof.

import { createHash } from 'node:crypto';
import { runnerOf } from '../config/presets.js';
import type { Migration } from '../migration.js';
import type { RefusedName } from '../discover/naming.js';
import type { GateOptions } from '../options.js';
import { createRunnerSchemas, unsetVariableAdvice } from '../config/runner-config.js';
import { withDatabaseName } from '../config/runner-placeholders.js';
import type { Draft } from '../report/finding.js';
import type { DryRun, DryRunError, DryRunMigration } from '../report/report.js';
import { loadParser } from '../sql/parser.js';
import { CatalogWatch } from './catalog.js';
import { majorVersion, type Engine, type EngineKind, type Session } from './engine.js';
import { errorPlace, replayFile, runPending } from './execute.js';
import { currentName } from '../discover/graphile-current.js';
import { folderRefusal, runnerRefusal, setRefusals, stoppedBefore, takenVersions } from './refusal.js';
import { locatePgliteAssets } from './pglite-assets.js';
import { OneTransaction, runsPendingAsOne } from './one-transaction.js';
import { missingRole, outsideRoleAdvice, outsideRoleFinding, outsideRolesSql, typoAdvice, type MissingRole } from './outside-roles.js';
import { codeSkip, planMigration, skippedCodeNote, type Plan, type Transaction } from './plan.js';
import { startEngine } from './select.js';
import { actingServerWide, createdRoles, serverWideStatements, without, type ServerWide } from './server-wide.js';
import { SUPABASE_EXTENSIONS, SUPABASE_PRESET_SQL, SUPABASE_SEARCH_PATH } from './supabase-preset.js';
import { dryRunPathReset } from '../deploy/search-path.js';

export interface DryRunInput {
  options: GateOptions;
  /** Already merged/applied, in apply order: replayed first (and cached). */
  baseline: Migration[];
  /** To prove, in apply order. */
  pending: Migration[];
  /** File names the runner refuses (sqlx, goose): it applies no migration of their folders. */
  refusedNames?: RefusedName[];
}

export interface DryRunOutput {
  dryRun: DryRun;
  findings: Draft[];
}

/** Bump when what a saved baseline contains changes shape (the preset's SQL is part of the key itself). */
const CACHE_FORMAT = 3;

/** Errors that mean "something this migration expects is not there": after an environment skip, likely a consequence of it. */
const MISSING_OBJECT = new Set(['42704', '42883', '42P01', '3F000', '42703']);

/** Schemas Supabase's own services and extensions fill: what a migration misses there, the preset does not model. */
const SUPABASE_SCHEMAS = new Set([
  'auth', 'storage', 'realtime', 'extensions', 'graphql', 'graphql_public', 'vault', 'supabase_functions',
  'supabase_migrations', 'net', 'pgsodium', 'pgsodium_masks', 'cron', 'pgbouncer', '_realtime', '_analytics',
]);

/** Where to dry-run a file needing `names`: with PGlite when it bundles them all and another engine ran, else on a server that ships them. */
function extensionHint(names: string[], engine: EngineKind): string {
  const server = `a server that ships ${names.join(', ')}${names.includes('vector') ? ' (e.g. the pgvector/pgvector image)' : ''}`;
  if (engine === 'pglite') return `Dry-run on ${server} (--database-url): PGlite does not bundle ${names.length > 1 ? 'them all' : 'it'}.`;
  const bundled = names.every((n) => locatePgliteAssets().extensions.has(n));
  return bundled ? `Dry-run with --engine pglite, which bundles ${names.join(', ')}, or on ${server}.` : `Dry-run on ${server}.`;
}

/** Errors that mean "this already exists": on a platform object, Supabase gained it after the file was written. */
const DUPLICATE_OBJECT = new Set(['42701', '42P07', '42710', '42723']);
// no_active_sql_transaction: what PostgreSQL says of LOCK, SAVEPOINT and AND CHAIN sent outside a transaction block.
const NO_ACTIVE_TRANSACTION = '25P01';

/** A Supabase-owned object a missing- or duplicate-object error names, e.g. `relation auth.refresh_tokens`. */
interface PlatformObject {
  name: string;
  /** The model has it (the file re-adds it), rather than lacks it. */
  exists: boolean;
}

/**
 * The Supabase-owned object (column, relation, constraint, type, function, schema) an error says is missing or already
 * there; null when it is not one, or is a policy or trigger (the project's own). A name the message leaves unqualified
 * takes its schema from where the failing statement qualifies it, or the relation the message names.
 */
function platformObject(error: DryRunError): PlatformObject | null {
  const exists = DUPLICATE_OBJECT.has(error.sqlstate);
  if (!exists && !MISSING_OBJECT.has(error.sqlstate)) return null;
  const named = /^(column|constraint|relation|type|function|schema) "?([\w$.]+)"?(?:\(.*?\))?(?: (?:of|for) relation "([^"]+)")? (?:does|already)/
    .exec(error.message);
  if (!named) return null;
  const [kind, object, relation] = [named[1]!, named[2]!, named[3]];
  const dot = object.indexOf('.');
  if (dot > 0) return SUPABASE_SCHEMAS.has(object.slice(0, dot)) ? { name: `${kind} ${object}`, exists } : null;
  if (kind === 'schema') return SUPABASE_SCHEMAS.has(object) ? { name: `schema ${object}`, exists } : null;
  const target = relation ?? object;
  const qualified = [...(error.statement ?? '').matchAll(/"?([\w$]+)"?\s*\.\s*"?([\w$]+)"?/g)];
  const schema = qualified.find((m) => m[2]!.toLowerCase() === target && SUPABASE_SCHEMAS.has(m[1]!.toLowerCase()))?.[1]?.toLowerCase();
  if (!schema) return null;
  return { name: relation ? `${kind} ${schema}.${relation}.${object}` : `${kind} ${schema}.${object}`, exists };
}

/** Where a bare database lacks one of Supabase's own objects: the way to dry-run on Supabase's model (a drizzle or Prisma project on Supabase). */
function supabaseHint(error: DryRunError): string | null {
  const object = platformObject(error);
  if (!object || object.exists) return null;
  return `${object.name} is one of Supabase's own objects: if these migrations run on Supabase, dry-run them on its model with --platform supabase (\`dry-run: platform: supabase\` in .migration-gate.yml).`;
}

export async function runDryRun(input: DryRunInput): Promise<DryRunOutput> {
  const { options } = input;
  await loadParser();
  const baseline = input.baseline.map((m) => planMigration(m, options));
  const pending = input.pending.map((m) => planMigration(m, options));
  const wanted = new Set([
    ...(options.dryRun.platform === 'supabase' ? SUPABASE_EXTENSIONS : []),
    ...[...baseline, ...pending].flatMap((p) => p.extensions),
  ]);
  const engine = await startEngine(options.dryRun, wanted);
  let output: DryRunOutput;
  try {
    output = await dryRunOn(engine, options, baseline, pending, input.refusedNames ?? []);
  } catch (e) {
    await engine.close();
    throw e;
  }
  const { notPutBack, unnamed } = await engine.close();
  const first = pending[0] ?? baseline[0];
  if (notPutBack.length) output.findings.push(leftBehind(notPutBack, engine, first));
  if (unnamed.length) output.findings.push(changedMeanwhile(unnamed, engine, first));
  return output;
}

/** What the run changed on a shared server outside its scratch database and could not undo. */
function leftBehind(left: string[], engine: Engine, first: Plan | undefined): Draft {
  return serverWarning(
    first,
    `The dry-run could not put back what the migrations changed on the ${engine.kind} server (PostgreSQL ${engine.serverVersion}) ` +
      `outside its scratch database: ${left.join('; ')}.`,
    'Undo it on that server by hand, and dry-run such migrations with --engine cluster or pglite, whose database goes away with the run.',
  );
}

/** What changed on a shared server outside the scratch database during the run, where the run's SQL names none of it. */
function changedMeanwhile(unnamed: string[], engine: Engine, first: Plan | undefined): Draft {
  return serverWarning(
    first,
    `While the dry-run ran, the ${engine.kind} server (PostgreSQL ${engine.serverVersion}) changed outside its scratch database in ways ` +
      `the migrations' SQL does not name, so the dry-run left them as they are: ${unnamed.join('; ')}.`,
    'Most likely another session on that server made these changes. If a migration did (through EXECUTE or a function), undo them by hand, ' +
      'and dry-run such migrations with --engine cluster or pglite, whose database goes away with the run.',
  );
}

/** An environment warning about the server outside the scratch database: it belongs to no line, and is put on the run's first migration. */
function serverWarning(first: Plan | undefined, message: string, suggestion: string): Draft {
  return { rule: 'environment', file: first?.migration.file ?? '', line: 0, column: 0, message, suggestion };
}

function baselineKey(engine: Engine, options: GateOptions, baseline: Plan[]): string {
  const hash = createHash('sha256');
  hash.update(`${CACHE_FORMAT}\0${engine.identity}\0${options.preset}\0${options.dryRun.searchPath ?? ''}\0`);
  // A saved baseline holds the preset's model: a newer model must not reuse it.
  if (options.dryRun.platform === 'supabase') hash.update(`${SUPABASE_PRESET_SQL}\0`);
  hash.update(`${options.dryRun.roles.join(',')}\0${options.runnerSchemas?.join(',') ?? ''}\0`);
  for (const p of baseline) hash.update(`${p.migration.file}\0${p.sql}\0`);
  return hash.digest('hex');
}

async function configure(session: Session, options: GateOptions): Promise<void> {
  const searchPath = options.dryRun.searchPath ?? (options.dryRun.platform === 'supabase' ? SUPABASE_SEARCH_PATH : null);
  await session.exec(
    `SET statement_timeout = ${Math.max(0, Math.floor(options.dryRun.statementTimeoutMs))}; ` +
      `SET lock_timeout = ${Math.max(0, Math.floor(options.dryRun.lockTimeoutMs))}; ` +
      `SET application_name = 'migration-gate'; SET client_min_messages = warning`,
  );
  if (searchPath) await session.query(`SELECT set_config('search_path', $1, false)`, [searchPath]);
}

function missingExtensions(plan: Plan, available: Set<string>): string[] {
  return plan.extensions.filter((e) => !available.has(e));
}

/** Names read from the plan's SQL as the file writes them, for messages: a stand-in is its placeholder. */
function shownNames(plan: Plan, names: string[]): string[] {
  return names.map((n) => plan.template.restore(n));
}

function extensionLine(plan: Plan, name: string): { line: number; column: number } {
  const s = plan.parsed.statements.find((st) => st.kind === 'CreateExtensionStmt' && st.node.extname === name);
  return s ? plan.template.position(s.start) : { line: 0, column: 0 };
}

async function dryRunOn(engine: Engine, options: GateOptions, baseline: Plan[], pending: Plan[], refusedNames: RefusedName[]): Promise<DryRunOutput> {
  const findings: Draft[] = [];
  const available = await engine.availableExtensions();
  const key = baselineKey(engine, options, baseline);
  const started = performance.now();
  const opened = await engine.open(key);
  let session = opened.session;
  await configure(session, options);
  // Flyway puts its path back before each migration: one's own SET does not move where the next one's objects land.
  const resetPath = await dryRunPathReset(session, options);
  const scratch = (await session.query<{ name: string }>('SELECT current_database() AS name'))[0]!.name;
  // What the runner fills from the database it is connected to (graphile-migrate's :DATABASE_NAME) is the scratch one's.
  const onScratch = await withDatabaseName(options, async () => scratch);
  if (onScratch !== options) {
    baseline = baseline.map((p) => planMigration(p.migration, onScratch));
    pending = pending.map((p) => planMigration(p.migration, onScratch));
  }
  const where = `${engine.kind} engine, PostgreSQL ${engine.serverVersion}`;
  const created = createdRoles([...baseline, ...pending]);

  const extensionFinding = (plan: Plan, missing: string[], role: string) => {
    const at = extensionLine(plan, missing[0]!);
    const names = shownNames(plan, missing);
    findings.push({
      rule: 'environment',
      file: plan.migration.file,
      ...at,
      message:
        `${role} needs extension${names.length > 1 ? 's' : ''} ${names.map((m) => `"${m}"`).join(', ')}, ` +
        `which the dry-run database (${where}) does not have, so it was not run.`,
      suggestion: extensionHint(names, engine.kind),
    });
  };

  const target = options.dryRun.postgresVersion;
  if (target && majorVersion(engine.serverVersionNum) < target)
    findings.push({
      rule: 'environment',
      file: pending[0]?.migration.file ?? baseline[0]?.migration.file ?? '',
      line: 0,
      column: 0,
      message: `The dry-run database (${where}) is older than the targeted PostgreSQL ${target}: newer syntax may fail here that works in production.`,
      suggestion: `Use a PostgreSQL ${target} server for --database-url, or --engine pglite (PostgreSQL 18).`,
    });

  let blocked: string | null = null;
  if (!opened.cached) {
    let clean = true;
    if (options.dryRun.platform === 'supabase') await session.exec(SUPABASE_PRESET_SQL);
    if (options.dryRun.roles.length) await session.exec(outsideRolesSql(options.dryRun.roles));
    if (options.runnerSchemas) await createRunnerSchemas(session, options.runnerSchemas);
    for (const [i, plan] of baseline.entries()) {
      // Applied code migrations are skipped: the base's SQL after them still runs.
      if (plan.migration.language) continue;
      const missing = missingExtensions(plan, available);
      if (missing.length > 0) {
        extensionFinding(plan, missing, `Baseline (already merged) file ${plan.migration.file}`);
        clean = false;
        continue;
      }
      await resetPath?.(session);
      // Merged, it ran on production long ago: its server-wide statements are left out, as they would act on this server.
      const error = await replayFile(session, without(plan, serverWideStatements(plan, scratch, created).map((w) => w.statement)));
      if (error) {
        findings.push(baselineFailure(plan, error, where, missingRole(error, plan, baseline), codeIn(baseline.slice(0, i))));
        blocked = `the baseline (already merged) file ${plan.migration.file} does not apply`;
        clean = false;
        break;
      }
    }
    // A baseline with findings is not cached: the next run must report them again.
    if (clean) {
      session = await engine.saveBaseline(key);
      await configure(session, options);
    }
  }
  const baselineMs = Math.round(performance.now() - started);

  const migrations: DryRunMigration[] = [];
  const envSkipped: NotRun = new Map();
  // The code migrations that ran before the next pending one and that the dry-run skipped.
  const skippedCode = codeIn(baseline);
  const skip = (file: string, reason: string, durationMs = 0) =>
    migrations.push({ file, status: 'skipped', durationMs: Math.round(durationMs), reason, changes: [], locks: [] });
  const refusedSets = setRefusals([...baseline, ...pending].map((p) => p.migration), options);
  const taken = takenVersions(baseline.map((p) => p.migration), pending.map((p) => p.migration), options);
  let catalog: CatalogWatch | null = null;
  const run = runsPendingAsOne(options) ? new OneTransaction(runnerOf(options).name) : null;
  // graphile-migrate's current migration comes last, as `watch` runs it after the committed ones.
  for (const plan of pending) {
    const file = plan.migration.file;
    // The runner stops while it lists the folder, before it applies any of its migrations, or at an earlier folder it cannot read.
    const listing =
      folderRefusal(plan.migration, refusedNames, options) ?? refusedSets.get(plan.migration.folder) ?? stoppedBefore(plan.migration, refusedNames, options);
    if (listing) {
      skip(file, `not run: ${listing}`);
      continue;
    }
    if (blocked) {
      skip(file, `not run: ${blocked}`);
      continue;
    }
    const code = codeSkip(plan.migration, options.preset);
    if (code) {
      skippedCode.push(plan.migration);
      skip(file, code);
      continue;
    }
    // Its syntax-error says why, in the runner's words: the runner stops there, before any SQL.
    const refusal = runnerRefusal(plan, options);
    if (refusal) {
      blocked = `${refusal.runner} refuses the earlier migration ${file}`;
      const reason = `${refusal.runner} refuses the file at line ${refusal.line} (${refusal.message}), so it runs none of it`;
      skip(file, reason);
      continue;
    }
    // An earlier migration holds its version: the runner fails on its history row, or takes it for applied.
    const twin = taken.get(plan.migration);
    if (twin) {
      blocked = twin.stops;
      skip(file, twin.reason);
      continue;
    }
    const missing = missingExtensions(plan, available);
    if (missing.length > 0) {
      extensionFinding(plan, missing, `This migration`);
      envSkipped.set(file, 'missing extension');
      skip(file, `extension ${shownNames(plan, missing).join(', ')} is not available on the ${engine.kind} engine`);
      continue;
    }
    const outside = actingServerWide(plan, scratch, created);
    if (outside) {
      const { line } = plan.template.position(outside.at);
      findings.push(serverWideFinding(plan, outside, where));
      envSkipped.set(file, 'server-wide statement');
      skip(file, `${outside.label} at line ${line} acts outside the scratch database, and the dry-run does not run server-wide statements`);
      continue;
    }
    await resetPath?.(session);
    // The catalog is read whole before the first file that runs, then caught up with what each file wrote: what it changed.
    catalog ??= await CatalogWatch.start(session);
    const inRun = await run?.join(session, plan, catalog.tables);
    const result = await runPending(session, plan, catalog.tables, inRun);
    // Its failure rolled back the run's transaction, and what ran in it before this file.
    const discarded = result.error ? run?.end() : undefined;
    // Also after a failure: a file run in parts keeps what its committed parts did.
    const changes = await catalog.changes(plan.template);
    if (result.error) {
      const platform = options.dryRun.platform === 'supabase' ? platformObject(result.error) : null;
      if (platform) {
        // Not the migration's fault: the dry-run's Supabase model lacks a platform object, or has one the platform gained
        // after the file ran there; what follows may need the file.
        findings.push(platformFinding(plan, result.error, platform, where));
        blocked = `the earlier migration ${file} could not be checked past ${platform.exists ? 're-adding' : 'its use of'} ${platform.name}`;
        const reason = `${platform.exists ? 're-adds' : 'uses'} ${platform.name}, which the dry-run's Supabase model ${platform.exists ? 'already has' : 'lacks'}`;
        skip(file, reason, result.durationMs);
        continue;
      }
      const role = missingRole(result.error, plan, [...baseline, ...pending]);
      if (role && !role.near) {
        findings.push(outsideRoleFinding(plan, result.error, role.role, where));
        blocked = `the earlier migration ${file} could not be checked past its use of role ${role.role}`;
        const reason = `needs role ${role.role}, which the dry-run database lacks (list it under dry-run.roles)`;
        skip(file, reason, result.durationMs);
        continue;
      }
      const inOne = discarded ? run!.where(discarded) : '';
      const advice = [discarded && run!.advice(result.error, discarded), options.dryRun.platform !== 'supabase' && supabaseHint(result.error)].filter((a) => a).join(' ');
      const finding = pendingFailure(plan, result.error, `${where}${inOne}${asRun(plan, options, result.failedIn, result.error)}`, envSkipped, majorVersion(engine.serverVersionNum), role, options, skippedCode, advice);
      findings.push(finding);
      if (finding.rule === 'environment') {
        // Not the migration's fault: it needs what the skipped ones create, so it is skipped too.
        blocked = `an earlier migration was not run (${whys(envSkipped)})`;
        const reason = `needs objects from ${[...envSkipped.keys()].join(', ')}, which the dry-run did not run (${whys(envSkipped)})`;
        skip(file, reason, result.durationMs);
        continue;
      }
      blocked = `the earlier migration ${file} failed`;
      for (const { entry } of discarded?.ran ?? []) migrations[entry] = run!.rolledBack(migrations[entry]!, file);
      migrations.push({ file, status: 'failed', durationMs: Math.round(result.durationMs), error: result.error, changes: [], locks: [] });
      continue;
    }
    for (const lock of result.locks) {
      // A table the migration drops is going away: locking it is no hazard (a rename keeps its oid, so it still counts).
      if (lock.mode !== 'AccessExclusiveLock' || !catalog.tables.has(lock.oid)) continue;
      findings.push({
        rule: 'dangerous-lock',
        file,
        line: lock.line ?? 0,
        column: 0,
        message:
          `${commandOf(plan, lock.statement)} takes an ACCESS EXCLUSIVE lock on the existing table ${lock.relation}: ` +
          // In drizzle's one transaction the lock outlives the file: it is held until the last pending migration commits.
          `every read and write on it waits until ${inRun ? `${runnerOf(options).name}'s run of every pending migration commits` : 'this migration commits'}.`,
        suggestion:
          `Keep such statements short and in their own migration with a lock_timeout${inRun ? ', deployed in a run of its own' : ''}; build indexes with CREATE INDEX ` +
          'CONCURRENTLY, add constraints NOT VALID then VALIDATE CONSTRAINT, and avoid rewrites (type changes) on large tables.',
      });
    }
    if (result.rerunError) findings.push(rerunFinding(plan, result.rerunError));
    if (inRun) run!.applied(plan, migrations.length);
    migrations.push({
      file,
      status: 'applied',
      durationMs: Math.round(result.durationMs),
      // The current migration's row tells how watch's second run went, also where its finding is folded into the lint's.
      ...(plan.migration.kind === 'current' ? { rerun: result.rerunError ? ('failed' as const) : ('applied' as const) } : {}),
      changes,
      locks: result.locks.map(({ relation, mode, line }) => ({ relation, mode, ...(line ? { line } : {}) })),
    });
  }
  await run?.commit(session);
  return {
    dryRun: {
      engine: engine.kind,
      serverVersion: engine.serverVersion,
      baselineCached: opened.cached,
      baselineMs,
      migrations,
    },
    findings,
  };
}

function commandOf(plan: Plan, statement: string): string {
  // Restored after upper-casing: restore ignores case and gives back the placeholder as written.
  return plan.template.restore(statement.trim().split(/\s+/).slice(0, 2).join(' ').toUpperCase());
}

/**
 * How the dry-run ran the failing statement where its runner's way makes it fail: a file that holds CONCURRENTLY and
 * the like, or opts out of a transaction, sent as one query or in the runner's transaction; or any file in a
 * transaction the file itself opened (`failedIn`), by its BEGIN or by a COMMIT in a file sent as one query; a statement
 * that needs a transaction block (LOCK, SAVEPOINT) sent outside one; or a file whose inline COPY rows its runner sends as SQL.
 */
function asRun(plan: Plan, options: GateOptions, failedIn: Transaction | null, error: DryRunError): string {
  const { name, part, unless } = runnerOf(options);
  if (plan.copyRowsAsSql) return `, its COPY rows sent as SQL as ${name} sends them`;
  const sent = `as ${name} sends the ${part ?? 'file'}${unless ? ` (unless ${unless} is on)` : ''}`;
  if (plan.runAs === 'query') return `, sent as one query ${sent}`;
  if (failedIn === 'query') return `, in one implicit transaction after the file's COMMIT, sent as one query ${sent}`;
  if (failedIn === 'file') return `, in the file's own BEGIN ... COMMIT block as ${name} runs this file`;
  if (failedIn === null && error.sqlstate === NO_ACTIVE_TRANSACTION) return `, outside any transaction block as ${name} runs it`;
  return plan.runAs === 'transaction' && failedIn === 'runner' && plan.outsideTransaction ? `, in one transaction as ${name} runs this file` : '';
}

/** Pending migrations the dry-run did not run, with why in a few words: a later one that needs their objects fails for want of them. */
type NotRun = Map<string, string>;

function whys(notRun: NotRun): string {
  return [...new Set(notRun.values())].join(', ');
}

function serverWideFinding(plan: Plan, { label, how, at }: ServerWide, where: string): Draft {
  return {
    rule: 'environment',
    file: plan.migration.file,
    ...plan.template.position(at),
    message:
      `${label} acts outside the dry-run's scratch database (${where}), ${how}: the dry-run does not run ` +
      'server-wide statements, so it did not run this migration, and what the migration creates is missing for those after it.',
    suggestion:
      'Check this statement by hand. Databases, tablespaces, ALTER SYSTEM, subscriptions, COPY with a server file or program, ' +
      "prepared transactions and dblink belong to the server's setup rather than to a migration: moved there, the rest of the file can be dry-run.",
  };
}

function describe(error: DryRunError): string {
  return [`${error.sqlstate}: ${error.message}`, error.detail ? `(${error.detail})` : ''].filter(Boolean).join(' ');
}

/** The migrations written in code among `plans`. */
function codeIn(plans: Plan[]): Migration[] {
  return plans.filter((p) => p.migration.language).map((p) => p.migration);
}

function baselineFailure(plan: Plan, error: DryRunError, where: string, role: MissingRole | null, skippedCode: Migration[]): Draft {
  return {
    rule: 'environment',
    ...errorPlace(plan, error),
    message:
      `Baseline (already merged) file ${plan.migration.file} does not apply on the dry-run database (${where}): ` +
      `${describe(error)}. The pending migrations were not dry-run.${skippedCodeNote(skippedCode)}`,
    suggestion:
      (role && (typoAdvice(role) ?? outsideRoleAdvice(role.role))) ??
      error.hint ??
      'The merged history needs something this database lacks: set the runner preset (--preset), --search-path or placeholder values, or use a database that matches production.',
  };
}

function pendingFailure(
  plan: Plan,
  error: DryRunError,
  where: string,
  envSkipped: NotRun,
  major: number,
  role: MissingRole | null,
  options: GateOptions,
  skippedCode: Migration[],
  extraAdvice: string,
): Draft {
  const skipped = [...envSkipped.keys()].join(', ');
  if (skipped && MISSING_OBJECT.has(error.sqlstate))
    return {
      rule: 'environment',
      ...errorPlace(plan, error),
      message: `Could not be dry-run: ${describe(error)}, probably because the dry-run did not run ${skipped} (${whys(envSkipped)}).`,
      suggestion: `See the finding for ${skipped}: this failure follows from it.`,
    };
  const advice = [unfilledAdvice(plan, error, options), role && typoAdvice(role), newerBuiltIn(error, major), error.hint, extraAdvice].filter((a) => a).join(' ');
  return {
    rule: 'dry-run-failed',
    ...errorPlace(plan, error),
    message: `Fails on ${where}: ${describe(error)}.${skippedCodeNote(skippedCode)}`,
    ...(advice ? { suggestion: advice } : {}),
  };
}

/** Built-in functions of newer PostgreSQL releases that migrations use, and the major release that added them. */
const BUILT_IN_SINCE: Record<string, number> = { uuidv7: 18, uuidv4: 18, casefold: 18, array_sort: 18, array_reverse: 18, any_value: 16, random_normal: 16 };

/** A function the dry-run's server lacks but a newer PostgreSQL has built in: the failure may be the server's age, not the file's. */
function newerBuiltIn(error: DryRunError, major: number): string | null {
  const name = error.sqlstate === '42883' ? /^function (?:pg_catalog\.)?(\w+)\(/.exec(error.message)?.[1] : undefined;
  const since = name ? BUILT_IN_SINCE[name] : undefined;
  if (!since || major >= since) return null;
  return (
    `${name}() is built into PostgreSQL ${since} and later, and this dry-run ran on ${major}: if production runs ${since} or later, ` +
    `dry-run on it (--engine pglite is PostgreSQL 18, or a PostgreSQL ${since} server) with --postgres-version ${since}; if not, the migration fails there too.`
  );
}

/** The placeholders without a value in the failing statement: the dry-run ran stand-in names there, which no database has. */
function unfilledAdvice(plan: Plan, error: DryRunError, options: GateOptions): string | null {
  const named = [...new Map(plan.template.unfilled.filter((f) => f.kind === 'stand-in' && error.statement?.includes(f.text)).map((f) => [f.key, f])).values()];
  if (!named.length) return null;
  const [first] = named;
  const many = named.length > 1;
  return (
    `${named.map((f) => f.text).join(', ')} ${many ? 'have' : 'has'} no value, so the dry-run ran ${many ? 'them' : 'it'} as a stand-in name: ` +
    `give ${many ? 'each' : 'it'} one under placeholders in .migration-gate.yml (${first!.key}: VALUE) or with --placeholder ${first!.key}=VALUE.` +
    named.map((f) => unsetVariableAdvice(options, f)).join('')
  );
}

/** Extensions whose objects migrations use from Supabase's `extensions` schema, by object name. */
const EXTENSION_OF: Record<string, string> = {
  vector: 'vector', halfvec: 'vector', sparsevec: 'vector', citext: 'citext', hstore: 'hstore', ltree: 'ltree', cube: 'cube',
  earth: 'earthdistance', similarity: 'pg_trgm', gin_trgm_ops: 'pg_trgm', gist_trgm_ops: 'pg_trgm', unaccent: 'unaccent',
  http: 'http', http_get: 'http', http_post: 'http', moddatetime: 'moddatetime',
};

/**
 * What lives in Supabase's `extensions` schema comes from the extensions a project enables: the model enables only those
 * a new project has. One enabled from the dashboard is in no migration, so a fresh database (db reset, a branch) lacks it too.
 */
function extensionAdvice(platform: PlatformObject): string | null {
  const object = /^\w+ extensions\.(\w+)/.exec(platform.name)?.[1];
  if (platform.exists || !object) return null;
  const extension = EXTENSION_OF[object];
  const enable = extension ? `create extension if not exists ${extension} with schema extensions` : 'create extension ... with schema extensions';
  return (
    `No migration before it enables the extension that makes ${platform.name}${extension ? ` (${extension})` : ''}, and a new Supabase project does not ` +
    `have it. If it was enabled from the dashboard, a fresh database (supabase db reset, a preview branch) lacks it too: enable it in a migration (${enable}).`
  );
}

function platformFinding(plan: Plan, error: DryRunError, platform: PlatformObject, where: string): Draft {
  const rest = 'the rest of the file was not checked, nor were the migrations after it.';
  return {
    rule: 'environment',
    ...errorPlace(plan, error),
    message: platform.exists
      ? `Adds ${platform.name}, which the dry-run's Supabase model (${where}) already has (${describe(error)}): the model is ` +
        `today's platform, newer than this file, which the platform ran before it had that object; ${rest}`
      : `Uses ${platform.name}, which the dry-run's Supabase model (${where}) lacks (${describe(error)}): ${rest}`,
    suggestion: extensionAdvice(platform) ?? (platform.exists
      ? 'Supabase now creates this object itself; if the platform ran this file before it did, nothing is wrong here. ' +
        'On a new project the statement fails: make it conditional (ADD COLUMN IF NOT EXISTS, CREATE ... IF NOT EXISTS) or drop it.'
      : 'Supabase creates this object itself; if the platform has it, nothing is wrong here. To dry-run the whole file, ' +
        'use --database-url with a database that has it, such as a local Supabase one (supabase start).'),
  };
}

function rerunFinding(plan: Plan, error: DryRunError): Draft {
  // `graphile-migrate watch` runs the current migration again on every save: graphile-migrate requires it to be idempotent.
  if (plan.migration.kind === 'current') {
    return {
      rule: 'not-rerunnable',
      severity: 'error',
      ...errorPlace(plan, error),
      message: `Not idempotent: fails when \`graphile-migrate watch\` runs ${currentName(plan.migration.file)} again: ${describe(error)}${error.statement ? `, at \`${error.statement}\`` : ''}.`,
      suggestion:
        'graphile-migrate runs the current migration again on every save: make each statement idempotent (CREATE ... IF NOT EXISTS, ' +
        'CREATE OR REPLACE, DROP ... IF EXISTS first), so the second run leaves the database as the first did.',
    };
  }
  return {
    rule: 'not-rerunnable',
    ...errorPlace(plan, error),
    message: `Applies once but fails when run a second time: ${describe(error)}.`,
    // COPY has no guard of its own: its rows go through a table that takes them again.
    suggestion: /^\s*copy\b/i.test(error.statement ?? '')
      ? 'COPY loads its rows again on every run: COPY them into a temporary table (CREATE TEMP TABLE ... ON COMMIT DROP) and ' +
        'INSERT ... SELECT ... ON CONFLICT DO NOTHING from it, or load them with INSERT ... ON CONFLICT DO NOTHING.'
      : 'Make the statement idempotent (CREATE ... IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, DROP ... IF EXISTS, CREATE OR REPLACE), ' +
        'so a retried or re-applied migration does not break the deploy.',
  };
}
