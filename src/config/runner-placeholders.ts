// Placeholders a runner fills by itself: Flyway's built-ins have values without any configuration, and
// goose's ENVSUB (like the shell) takes `${NAME:-word}` defaults. A file is filled as its runner fills it,
// with the configured values winning.

import { posix } from 'node:path';
import type { Migration } from '../migration.js';
import type { GateOptions, PresetName } from '../options.js';
import { nameParts } from '../history/tables/table.js';
import { fillPlaceholders, placeholderRegex, type Fill } from '../sql/placeholders.js';
import { Template } from '../sql/template.js';

/** Runners whose placeholders are environment variables with shell-style defaults (the generic preset may have one). */
const SHELL_DEFAULTS: ReadonlySet<PresetName> = new Set(['goose', 'generic']);

/** The schemas a search_path's items name (`app`, `"App"`), unquoted; `"$user"` left out: a role's own schema, unknown here. */
export function pathSchemas(items: string[]): string[] {
  return items.map((s) => s.trim().replace(/^"(.*)"$/, '$1')).filter((s) => s && s !== '$user');
}

/** Flyway's default schema: the first schema of the search path it is given (flyway-config.ts puts it first), if any. */
export function flywayDefaultSchema(options: GateOptions): string | undefined {
  const path = options.dryRun.searchPath;
  return path ? pathSchemas(path.split(','))[0] : undefined;
}

/** What Flyway fills its built-ins with on the database the dry-run models, for a file named `file` (Flyway's placeholder docs). */
function flywayBuiltIns(options: GateOptions, file: string): Record<string, string> {
  return {
    // Without one, the database's default schema.
    'flyway:defaultSchema': flywayDefaultSchema(options) ?? 'public',
    'flyway:filename': posix.basename(file),
    // The table's own name, without the schema history-table may give it.
    'flyway:table': options.history.table ? nameParts(options.history.table).at(-1)! : 'flyway_schema_history',
  };
}

/**
 * graphile-migrate's `:DATABASE_OWNER` is the role that owns the database, which runs its migrations: CURRENT_USER says
 * so wherever a role goes (GRANT ... TO, OWNER TO, FOR ROLE), on every engine. `:DATABASE_NAME` is the database it is
 * connected to (withDatabaseName), so a file read without one has a stand-in there.
 */
const GRAPHILE_BUILT_INS = { DATABASE_OWNER: 'CURRENT_USER' };

/**
 * `options` for running files on the database `database` names: graphile-migrate fills `:DATABASE_NAME` with the name
 * of the database it is connected to, over any value given (migration.ts slowGeneratePlaceholderReplacement).
 */
export async function withDatabaseName(options: GateOptions, database: () => Promise<string>): Promise<GateOptions> {
  // Asked of the server only where the runner fills it.
  if (options.preset !== 'graphile-migrate') return options;
  return { ...options, placeholders: { ...options.placeholders, DATABASE_NAME: await database() } };
}

/** The placeholder values `file` is filled with: its runner's built-ins, then the configured ones. */
export function placeholderValues(options: GateOptions, file: string): Record<string, string> {
  if (options.preset === 'flyway') return { ...flywayBuiltIns(options, file), ...options.placeholders };
  if (options.preset === 'graphile-migrate') return { ...GRAPHILE_BUILT_INS, ...options.placeholders };
  return options.placeholders;
}

/**
 * A migration's text (`part.sql`, below `lineOffset` lines of its file) with its placeholders filled as its runner fills
 * them; `${...}` only within `envsub` when given (goose's ENVSUB regions), and a bare `$NAME` there too.
 */
export function templateOf(
  part: Pick<Migration, 'sql' | 'file' | 'envsub'> & { lineOffset?: number },
  options: GateOptions,
  regex = placeholderRegex(options.placeholderPatterns),
): Template {
  const values = placeholderValues(options, part.file);
  return new Template(part.sql, regex, values, part.lineOffset ?? 0, SHELL_DEFAULTS.has(options.preset), part.envsub);
}

/**
 * How `part`'s placeholders are filled (values, stand-ins, blanks): with its own text and the patterns, all that the
 * settings decide of its template, whichever value (configured or built-in) they come from. The lint cache's key.
 */
export function fillsOf(part: Pick<Migration, 'sql' | 'file' | 'envsub'>, options: GateOptions, regex = placeholderRegex(options.placeholderPatterns)): Fill[] {
  return fillPlaceholders(part.sql, regex, placeholderValues(options, part.file), SHELL_DEFAULTS.has(options.preset), part.envsub).fills;
}
