// graphile-migrate's settings file, .gmrc (JSON5) in the project root, checked as its parseSettings checks it
// (graphile/migrate src/settings.ts, src/commands/_common.ts). .gmrc.js and .gmrc.cjs are programs: never run, so
// their values must be given in .migration-gate.yml. A placeholder graphile-migrate fills itself is refused here as it
// refuses it before it runs any migration (src/migration.ts slowGeneratePlaceholderReplacement, since 0.3.0): a problem
// of the settings, not of a file.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { isRoleName } from '../options.js';
import type { RunnerConfig } from './runner-config.js';

const FILE = '.gmrc';

/** The settings the gate models, or null without a .gmrc. */
export async function readGraphileSettings(root: string, env: NodeJS.ProcessEnv): Promise<RunnerConfig | null> {
  const path = join(root, FILE);
  if (!existsSync(path)) return null;
  const { default: JSON5 } = await import('json5');
  let data: unknown;
  try {
    data = JSON5.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const { lineNumber, columnNumber } = e as { lineNumber?: number; columnNumber?: number };
    const where = lineNumber ? ` at line ${lineNumber}, column ${columnNumber}` : '';
    throw new UserError(`${FILE}: not valid JSON5${where}: ${(e as Error).message.replace(/^JSON5: /, '')}; graphile-migrate cannot read it either, so fix it there`);
  }
  const fail = (key: string, what: string): never => {
    throw new UserError(`${FILE}: ${key} ${what}, as graphile-migrate requires`);
  };
  const object = (value: unknown, key: string): Record<string, unknown> => {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) fail(key, 'must be an object');
    return value as Record<string, unknown>;
  };
  const settings = object(data, 'the file');
  const owner = settings.databaseOwner;
  if (owner !== undefined && typeof owner !== 'string') fail('databaseOwner', 'must be a string');
  const config: RunnerConfig = { placeholders: {}, unset: {} };
  for (const [key, value] of Object.entries(object(settings.placeholders, 'placeholders'))) {
    if (!/^:[A-Z][0-9A-Z_]+$/.test(key)) fail(`placeholders key ${JSON.stringify(key)}`, 'must look like ":ABCD_EFG_HIJ"');
    if (typeof value !== 'string') fail(`placeholders[${JSON.stringify(key)}]`, 'must be a string');
    // `!ENV` takes the environment variable named as the placeholder, without its colon; graphile-migrate refuses an empty one.
    const name = key.slice(1);
    if (name === 'DATABASE_NAME' || name === 'DATABASE_OWNER') {
      reserved(name, value === '!ENV' ? (env[name] ?? `$${name}`) : (value as string), owner as string | undefined);
    }
    if (value !== '!ENV') config.placeholders[name] = value as string;
    else if (env[name]) config.placeholders[name] = env[name];
    else config.unset[name.toLowerCase()] = { variable: name, file: FILE };
  }
  const pgSettings = object(settings.pgSettings, 'pgSettings');
  for (const [key, value] of Object.entries(pgSettings)) {
    if (typeof value !== 'string' && typeof value !== 'number') fail(`pgSettings.${key}`, 'must be a string');
  }
  // graphile-migrate sets pgSettings on its connection (set_config) before it runs the migrations.
  if (pgSettings.search_path !== undefined) config.searchPath = String(pgSettings.search_path);
  if (owner) {
    config.placeholders.DATABASE_OWNER = owner as string;
    // The owner runs the migrations in production, so it exists there: the dry-run makes it as it makes listed roles.
    if (isRoleName(owner)) config.roles = [owner];
  }
  return config;
}

/**
 * graphile-migrate fills :DATABASE_NAME and :DATABASE_OWNER itself, and mergeWithoutClobbering (src/lib.ts) stops it on a
 * placeholders value that differs. The database name differs from one database to the next (the shadow one too), and the
 * owner from one connection string to the next unless databaseOwner fixes it: only a value equal to databaseOwner is safe.
 */
function reserved(name: 'DATABASE_NAME' | 'DATABASE_OWNER', value: string, owner: string | undefined): void {
  if (name === 'DATABASE_OWNER' && owner && value === owner) return;
  const [filled, to] =
    name === 'DATABASE_NAME'
      ? ['the name of the database it connects to (the shadow database\'s too)', "<that database's name>"]
      : owner
        ? ['databaseOwner', owner]
        : ['the owner it takes from connectionString (its user, else its database name)', '<that owner>'];
  const instead = name === 'DATABASE_OWNER' && !owner ? ` and set databaseOwner to ${JSON.stringify(value)} if that is the owner` : '';
  throw new UserError(
    `${FILE}: placeholders must not set ":${name}": graphile-migrate fills it itself with ${filled} and stops before it runs any migration ` +
      `on another value, saying "Refusing to clobber ':${name}' (from '${value}' to '${to}'): do not specify reserved placeholders."; remove it from placeholders${instead}`,
  );
}
