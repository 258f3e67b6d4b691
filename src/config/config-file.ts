// The config file (.migration-gate.yml): read, and checked key by key so that a typo is an error that
// names the key rather than a setting silently ignored. Its JSON Schema is schema/config.schema.json.

import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { RULE_IDS, isRuleId, type RuleId } from '../report/finding.js';
import { ENGINES, HISTORY_FORMATS, PLATFORMS, PRESETS, isRoleName, type RuleSetting } from '../options.js';
import { CHECKSUM_ALGORITHMS } from '../checksum/index.js';
import { SCHEME_IDS } from '../discover/schemes.js';

export const CONFIG_FILE_NAMES = ['.migration-gate.yml', '.migration-gate.yaml'];

export interface ConfigFolder {
  path: string;
  scheme?: string;
}

export interface ConfigFile {
  folders?: ConfigFolder[];
  preset?: string;
  checksum?: string;
  all?: boolean;
  placeholders?: Record<string, string>;
  'placeholder-patterns'?: string[];
  rules?: Partial<Record<RuleId, RuleSetting>>;
  'dry-run'?: {
    enabled?: boolean;
    engine?: string;
    'search-path'?: string;
    platform?: string;
    roles?: string[];
    'postgres-version'?: number;
    'statement-timeout-ms'?: number;
    'lock-timeout-ms'?: number;
  };
  history?: { format?: string; table?: string; write?: boolean };
  apply?: { 'lock-timeout-ms'?: number; 'statement-timeout-ms'?: number };
  cache?: boolean | string;
}

/**
 * Reads the named config file, or the default one in `root` when it exists; {} when there is none.
 * The YAML parser loads only when there is a file: most runs have none, and it costs ~15 ms to load.
 */
export async function loadConfigFile(root: string, explicit?: string): Promise<{ file: string | null; config: ConfigFile }> {
  const file = explicit ? resolve(root, explicit) : CONFIG_FILE_NAMES.map((n) => join(root, n)).find(existsSync);
  if (!file) return { file: null, config: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`config: cannot read ${explicit ?? file}; check the path given to --config`);
  }
  const { parse: parseYaml, YAMLParseError } = await import('yaml');
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` at line ${e.linePos[0].line}` : '';
    throw new UserError(`config ${file}: not valid YAML${where}: ${(e as Error).message.split('\n')[0]}`);
  }
  return { file, config: validateConfig(data ?? {}, file) };
}

type Check = (value: unknown, key: string) => void;

/** YAML 1.1's booleans that YAML 1.2 (the yaml package's default) leaves as strings. */
const YAML11_BOOLEAN = /^(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** Checks every key and value; throws a UserError naming the first bad key. */
export function validateConfig(data: unknown, file = 'config'): ConfigFile {
  const fail = (key: string, what: string): never => {
    throw new UserError(`config ${file}: ${key} ${what}`);
  };
  const str: Check = (v, k) => {
    if (typeof v !== 'string' || v === '') fail(k, 'must be a non-empty string');
  };
  const bool: Check = (v, k) => {
    if (typeof v !== 'boolean') fail(k, 'must be true or false');
  };
  const posInt: Check = (v, k) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) fail(k, 'must be a positive whole number');
  };
  const oneOf =
    (values: readonly string[]): Check =>
    (v, k) => {
      if (typeof v !== 'string' || !values.includes(v)) fail(k, `must be one of: ${values.join(', ')} (got ${JSON.stringify(v)})`);
    };
  const object = (v: unknown, k: string, fields: Record<string, Check>): void => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(k || 'the file', 'must be a mapping of keys to values');
    for (const [key, value] of Object.entries(v as object)) {
      const path = k ? `${k}.${key}` : key;
      const check = fields[key];
      if (!check) fail(path, `is not a known key; known keys here: ${Object.keys(fields).join(', ')}`);
      check!(value, path);
    }
  };
  const folders: Check = (v, k) => {
    if (!Array.isArray(v) || v.length === 0) fail(k, 'must be a non-empty list of folders');
    (v as unknown[]).forEach((item, i) => {
      if (typeof item === 'string') return str(item, `${k}[${i}]`);
      object(item, `${k}[${i}]`, { path: str, scheme: oneOf(SCHEME_IDS) });
      if (!(item as ConfigFolder).path) fail(`${k}[${i}].path`, 'is required');
    });
  };
  const stringMap: Check = (v, k) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(k, 'must be a mapping of names to values');
    for (const [name, value] of Object.entries(v as object)) {
      if (typeof value !== 'string' && typeof value !== 'number') fail(`${k}.${name}`, 'must be a string');
    }
  };
  const patternList: Check = (v, k) => {
    // A bare `name` would match every word of every file; the delimiters are what mark a placeholder.
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && /.(?:name|NAME)|(?:name|NAME)./s.test(s))) {
      fail(k, 'must be a list of patterns, each containing the word name (or NAME, for capitals only) inside its delimiters, e.g. "${name}" or ":NAME"');
    }
  };
  const roleList: Check = (v, k) => {
    if (!Array.isArray(v) || !v.every(isRoleName)) fail(k, 'must be a list of role names (at most 63 bytes; not pg_..., public or none), e.g. [readonly, app_owner]');
  };
  const rules: Check = (v, k) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(k, 'must be a mapping of rule ids to error, warning or off');
    for (const [rule, setting] of Object.entries(v as object)) {
      if (!isRuleId(rule)) fail(`${k}.${rule}`, `is not a rule; rules: ${RULE_IDS.join(', ')}`);
      oneOf(['error', 'warning', 'off'])(setting, `${k}.${rule}`);
    }
  };

  object(data, '', {
    folders,
    preset: oneOf(PRESETS),
    checksum: oneOf(CHECKSUM_ALGORITHMS),
    all: bool,
    placeholders: stringMap,
    'placeholder-patterns': patternList,
    rules,
    'dry-run': (v, k) =>
      object(v, k, {
        enabled: bool,
        engine: oneOf(ENGINES),
        'search-path': str,
        platform: oneOf(PLATFORMS),
        roles: roleList,
        'postgres-version': posInt,
        'statement-timeout-ms': posInt,
        'lock-timeout-ms': posInt,
      }),
    history: (v, k) => object(v, k, { format: oneOf(HISTORY_FORMATS), table: str, write: bool }),
    apply: (v, k) => object(v, k, { 'lock-timeout-ms': posInt, 'statement-timeout-ms': posInt }),
    cache: (v, k) => {
      if (typeof v !== 'boolean' && (typeof v !== 'string' || v === '')) fail(k, 'must be true, false or a folder path (e.g. .migration-gate-cache)');
      // YAML 1.2 reads these as strings, YAML 1.1 (and the person who wrote them) as booleans: neither is meant as a folder.
      if (typeof v === 'string' && YAML11_BOOLEAN.test(v)) {
        fail(k, `is ${JSON.stringify(v)}, a YAML 1.1 boolean that YAML 1.2 reads as a folder name: write true or false, or a folder path (./${v} for a folder of that name)`);
      }
    },
  });
  const config = data as ConfigFile;
  if (config.folders) config.folders = config.folders.map((f) => (typeof f === 'string' ? { path: f } : f));
  if (config.placeholders) {
    config.placeholders = Object.fromEntries(Object.entries(config.placeholders).map(([k, v]) => [k, String(v)]));
  }
  return config;
}
