// Resolves what a door was given into GateOptions: inputs over the config file over the runner's own config file
// over the preset's defaults, every value validated here so that both doors give the same messages.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import {
  DEFAULT_LOCK_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  ENGINES,
  FAIL_ON,
  HISTORY_FORMATS,
  PLATFORMS,
  PRESETS,
  type GateOptions,
  type PresetName,
} from '../options.js';
import type { ChecksumAlgorithm } from '../history/history.js';
import type { SchemeId } from '../migration.js';
import { CHECKSUM_ALGORITHMS } from '../checksum/index.js';
import { DEFAULT_PLACEHOLDER_PATTERNS } from '../sql/placeholders.js';
import { folderPattern, mergeFolders, resolveFolders } from '../discover/files.js';
import { loadConfigFile, type ConfigFolder } from './config-file.js';
import type { GateInputs } from './inputs.js';
import { PRESET_TABLE } from './presets.js';
import { readRunnerConfig } from './runner-config.js';
import { SQITCH_PLAN } from '../discover/sqitch-plan.js';

/** Conventional folders, tried in order when neither inputs nor config name one. */
export const DEFAULT_FOLDERS = ['migrations', 'db/migrations', 'supabase/migrations', 'prisma/migrations', 'database/migrations', 'sql/migrations'];

function pick<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UserError(`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`${name} must be a whole number such as 15; got ${JSON.stringify(value)}`);
  return n;
}

export async function resolveOptions(inputs: GateInputs): Promise<GateOptions> {
  const root = resolve(inputs.root);
  const { config } = await loadConfigFile(root, inputs.config);
  const preset = pick('preset', inputs.preset, PRESETS) ?? pick('preset', config.preset, PRESETS) ?? 'generic';
  const defaults = PRESET_TABLE[preset];

  const configured = config.folders ?? [];
  // A path on the command line takes the scheme of the entry naming its folder or glob, written any way (`migrations/`, `./migrations`).
  const entryNaming = (path: string) => {
    const named = folderPattern(root, path);
    return configured.find((f) => folderPattern(root, f.path) === named);
  };
  const requested = inputs.paths?.length ? inputs.paths.map((path) => ({ ...entryNaming(path), path })) : configured;
  const given = (requested.length ? requested : [{ path: findDefaultFolder(root, preset) }]).map((f: ConfigFolder) => ({
    path: f.path,
    ...(f.scheme ? { scheme: f.scheme as SchemeId } : {}),
  }));
  const mode = pick('mode', inputs.mode, ['pr', 'deploy'] as const) ?? 'pr';
  // Against a git base, a folder the change deleted is no usage error: the base still has its applied migrations.
  const withBase = Boolean(inputs.base) && mode === 'pr';
  const matched = given.flatMap((f) =>
    resolveFolders(root, [f.path], withBase).map((path) => ({ folder: { ...f, path }, entry: f.path, named: folderPattern(root, f.path) === path })),
  );
  const folders = mergeFolders(root, matched);

  const databaseUrl = inputs.databaseUrl || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UserError('database-url must start with postgres:// or postgresql:// (e.g. postgres://user:pass@localhost:5432/db)');
  }
  const runner = await readRunnerConfig(root, preset, process.env, databaseUrl);
  const dry = config['dry-run'] ?? {};
  const postgresVersion = positiveInt('postgres-version', inputs.postgresVersion) ?? dry['postgres-version'];
  const searchPath = inputs.searchPath || dry['search-path'] || runner.searchPath;
  const historyFormat =
    pick('history', inputs.history, HISTORY_FORMATS) ?? pick('history', config.history?.format, HISTORY_FORMATS) ?? defaults.history;
  // The runner's own table only where the history read is the runner's.
  const runnerTable = historyFormat === defaults.history || historyFormat === 'auto' ? runner.historyTable : undefined;
  const table = inputs.historyTable || config.history?.table || runnerTable;

  return {
    root,
    folders,
    configured: given,
    base: inputs.base || null,
    mode,
    preset,
    checksum:
      pick<ChecksumAlgorithm>('checksum', inputs.checksum, CHECKSUM_ALGORITHMS) ??
      pick<ChecksumAlgorithm>('checksum', config.checksum, CHECKSUM_ALGORITHMS) ??
      defaults.checksum,
    all: inputs.all ?? config.all ?? false,
    placeholders: { ...runner.placeholders, ...config.placeholders, ...inputs.placeholders },
    placeholderPatterns:
      config['placeholder-patterns'] ?? runner.placeholderPatterns ?? [...DEFAULT_PLACEHOLDER_PATTERNS, ...(defaults.placeholderPatterns ?? [])],
    ...(Object.keys(runner.unset).length ? { unsetVariables: runner.unset } : {}),
    ...(runner.schemas?.length ? { runnerSchemas: runner.schemas } : {}),
    ...(runner.multiStatement ? { multiStatement: true } : {}),
    ...(runner.multiStatementMaxSize ? { multiStatementMaxSize: runner.multiStatementMaxSize } : {}),
    ...(runner.mixed ? { mixed: true } : {}),
    rules: { ...config.rules, ...inputs.rules },
    failOn: pick('fail-on', inputs.failOn, FAIL_ON) ?? 'error',
    dryRun: {
      enabled: inputs.dryRun ?? dry.enabled ?? true,
      engine: pick('engine', inputs.engine, ENGINES) ?? pick('engine', dry.engine, ENGINES) ?? 'auto',
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(searchPath ? { searchPath } : {}),
      // A Supabase CLI project runs on Supabase; any other runner's project may too (drizzle or Prisma on Supabase).
      platform: pick('platform', inputs.platform, PLATFORMS) ?? pick('platform', dry.platform, PLATFORMS) ?? (preset === 'supabase' ? 'supabase' : 'postgres'),
      roles: [...new Set([...(dry.roles ?? []), ...(inputs.roles ?? []), ...(runner.roles ?? [])])],
      ...(postgresVersion ? { postgresVersion } : {}),
      statementTimeoutMs: dry['statement-timeout-ms'] ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: dry['lock-timeout-ms'] ?? DEFAULT_LOCK_TIMEOUT_MS,
    },
    history: {
      format: historyFormat,
      ...(table ? { table } : {}),
      write: inputs.historyWrite ?? config.history?.write ?? false,
    },
    apply: {
      ...(config.apply?.['lock-timeout-ms'] ? { lockTimeoutMs: config.apply['lock-timeout-ms'] } : {}),
      ...(config.apply?.['statement-timeout-ms'] ? { statementTimeoutMs: config.apply['statement-timeout-ms'] } : {}),
    },
    cache: cacheFolder(root, inputs.cache ?? config.cache ?? false),
  };
}

/** The lint cache's folder under the repository root when `cache: true` names none. */
const DEFAULT_CACHE_DIR = '.migration-gate-cache';

function cacheFolder(root: string, setting: boolean | string): string | null {
  if (setting === false) return null;
  return resolve(root, setting === true ? DEFAULT_CACHE_DIR : setting);
}

/** Where Sqitch projects keep their plan, when it is not the repository's top folder. */
const SQITCH_FOLDERS = ['.', 'sqitch', 'db', 'database', 'migrations'];

function findDefaultFolder(root: string, preset: PresetName): string {
  // A Sqitch project is the folder that holds its plan.
  if (preset === 'sqitch') {
    const found = SQITCH_FOLDERS.find((f) => existsSync(join(root, f, SQITCH_PLAN)));
    if (found) return found;
    throw new UserError(`no migration folder given and no ${SQITCH_PLAN} in ${SQITCH_FOLDERS.join(', ')} of ${root}; pass the Sqitch project's folder (e.g. \`migration-gate check db --preset sqitch\`) or set folders in .migration-gate.yml`);
  }
  // graphile-migrate runs the files of migrations/committed; migrations itself holds its work in progress too.
  for (const candidate of preset === 'graphile-migrate' ? ['migrations/committed', ...DEFAULT_FOLDERS] : DEFAULT_FOLDERS) {
    try {
      resolveFolders(root, [candidate]);
      return candidate;
    } catch {
      // not this one; try the next convention
    }
  }
  throw new UserError(
    `no migration folder given and none of ${DEFAULT_FOLDERS.join(', ')} exists in ${root}; pass the folder (e.g. \`migration-gate check db/migrations\`) or set folders in .migration-gate.yml`,
  );
}
