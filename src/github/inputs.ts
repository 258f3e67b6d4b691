// The Action's inputs, read and validated in one place: a bad value fails with a message naming the input.
// Read straight from the INPUT_* variables (as @actions/core does) so tests can pass an env object.

import { UserError } from '../errors.js';
import { ENGINES, FAIL_ON, HISTORY_FORMATS, PRESETS, type FailOn } from '../options.js';
import type { GateInputs } from '../config/inputs.js';

export const MODES = ['auto', 'pr', 'deploy'] as const;
export const COMMENT_MODES = ['update', 'recreate', 'off'] as const;
export const REVIEW_MODES = ['suggestions', 'off'] as const;

export interface ActionInputs {
  /** Folders or globs, one per line; empty means "from the config file". */
  migrations: string[];
  config?: string;
  baseRef?: string;
  databaseUrl?: string;
  engine?: string;
  preset?: string;
  /** Undefined when not given: the config file decides. */
  dryRun?: boolean;
  mode: (typeof MODES)[number];
  failOn?: FailOn;
  comment: (typeof COMMENT_MODES)[number];
  review: (typeof REVIEW_MODES)[number];
  /** Empty when the workflow passes none: then nothing is posted and the summary carries the report. */
  githubToken: string;
  /** Deploy mode: apply the pending migrations to the target after the gate passes. */
  apply: boolean;
  /** Deploy mode: the history table's format (auto-detected when absent) and name. */
  history?: string;
  historyTable?: string;
  /** Let apply write another runner's history table (otherwise only migration-gate's own). */
  historyWrite?: boolean;
  /** The lint cache: true for the default folder, a folder, or false; undefined lets the config file decide. */
  cache?: boolean | string;
}

type Env = Record<string, string | undefined>;

/** Reads `name` the way the runner passes it: INPUT_<NAME upper-cased, spaces as _>, trimmed. */
export function readInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function getInputs(env: Env = process.env): ActionInputs {
  const get = (name: string) => readInput(env, name) || undefined;
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback?: T): T | undefined => {
    const value = get(name);
    if (value === undefined) return fallback;
    if (!(values as readonly string[]).includes(value)) {
      throw new UserError(`Input '${name}' must be one of: ${values.join(', ')} (got ${JSON.stringify(value)})`);
    }
    return value as T;
  };
  const migrations = (get('migrations') ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const databaseUrl = get('database-url');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    // Never echo the value: it may hold a password.
    throw new UserError(`Input 'database-url' must be a postgres:// or postgresql:// connection URL`);
  }
  return {
    migrations,
    config: get('config'),
    baseRef: get('base-ref'),
    databaseUrl,
    engine: oneOf('engine', ENGINES),
    preset: oneOf('preset', PRESETS),
    dryRun: booleanInput('dry-run', get('dry-run')),
    mode: oneOf('mode', MODES, 'auto')!,
    failOn: oneOf('fail-on', FAIL_ON),
    comment: oneOf('comment', COMMENT_MODES, 'update')!,
    review: oneOf('review', REVIEW_MODES, 'suggestions')!,
    githubToken: get('github-token') ?? '',
    apply: booleanInput('apply', get('apply')) ?? false,
    history: oneOf('history', HISTORY_FORMATS),
    historyTable: get('history-table'),
    historyWrite: booleanInput('history-write', get('history-write')),
    cache: cacheInput(get('cache')),
  };
}

/** `true`/`false`, or the folder to keep the lint cache in (restored between runs with actions/cache). */
function cacheInput(value: string | undefined): boolean | string | undefined {
  if (value === undefined) return undefined;
  return TRUE_WORDS.includes(value) || FALSE_WORDS.includes(value) ? booleanInput('cache', value) : value;
}

/**
 * pr or deploy: `auto` is pr on events before the merge (a pull request, a merge queue's group), and deploy elsewhere when
 * there is a database. `apply: true` outside deploy mode is refused here, so a workflow never believes it deployed when it did not.
 */
export function resolveMode(inputs: ActionInputs, beforeMerge: boolean): 'pr' | 'deploy' {
  const mode = inputs.mode !== 'auto' ? inputs.mode : beforeMerge || !inputs.databaseUrl ? 'pr' : 'deploy';
  if (inputs.apply && mode !== 'deploy') {
    const why =
      inputs.mode === 'auto'
        ? beforeMerge
          ? 'mode auto is pr on a pull-request or merge-queue event'
          : 'mode auto is pr without a database-url'
        : 'mode is pr';
    throw new UserError(
      `Input 'apply' is true, but ${why}: apply runs only in deploy mode. ` +
        `Set mode: deploy and database-url in a job that runs after the merge (e.g. on push), or remove apply.`,
    );
  }
  return mode;
}

/** The YAML 1.2 core-schema booleans, as actions/toolkit's getBooleanInput accepts them. */
const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];

function booleanInput(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (TRUE_WORDS.includes(value)) return true;
  if (FALSE_WORDS.includes(value)) return false;
  throw new UserError(`Input '${name}' must be true or false (got ${JSON.stringify(value)})`);
}

/** The inputs as the gate's door-neutral GateInputs; `base` and `mode` are resolved by the caller. */
export function toGateInputs(inputs: ActionInputs, root: string, mode: 'pr' | 'deploy', base: string | null): GateInputs {
  const gate: GateInputs = { root, mode, base };
  if (inputs.migrations.length > 0) gate.paths = inputs.migrations;
  if (inputs.config) gate.config = inputs.config;
  if (inputs.databaseUrl) gate.databaseUrl = inputs.databaseUrl;
  if (inputs.engine) gate.engine = inputs.engine;
  if (inputs.preset) gate.preset = inputs.preset;
  if (inputs.dryRun !== undefined) gate.dryRun = inputs.dryRun;
  if (inputs.cache !== undefined) gate.cache = inputs.cache;
  if (inputs.failOn) gate.failOn = inputs.failOn;
  if (inputs.history) gate.history = inputs.history;
  if (inputs.historyTable) gate.historyTable = inputs.historyTable;
  if (inputs.historyWrite !== undefined) gate.historyWrite = inputs.historyWrite;
  return gate;
}
