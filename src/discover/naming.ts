// Reads a version and a name out of a migration's file (or folder) name, per naming scheme.

import type { MigrationKind, SchemeId } from '../migration.js';
import type { PresetName } from '../options.js';

export interface ParsedName {
  scheme: SchemeId;
  kind: MigrationKind;
  version: string;
  name: string;
  /** up-down scheme: which half this file is. */
  direction?: 'up' | 'down';
}

/** Most specific first: a Flyway or up/down name would also look sequential. */
const FILE_PATTERNS: Array<{ scheme: SchemeId; re: RegExp; build(m: RegExpMatchArray): ParsedName; forcedOnly?: true }> = [
  {
    scheme: 'flyway',
    re: /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/,
    build: (m) => ({ scheme: 'flyway', kind: m[1] === 'U' ? 'undo' : 'versioned', version: m[2]!, name: m[3]! }),
  },
  {
    scheme: 'flyway',
    re: /^R__(.+)\.sql$/,
    build: (m) => ({ scheme: 'flyway', kind: 'repeatable', version: '', name: m[1]! }),
  },
  {
    scheme: 'up-down',
    re: /^(\d+)_(.+)\.(up|down)\.sql$/,
    build: (m) => ({ scheme: 'up-down', kind: 'versioned', version: m[1]!, name: m[2]!, direction: m[3] as 'up' | 'down' }),
  },
  {
    scheme: 'timestamp',
    re: /^(\d{14})[_-](.+)\.sql$/,
    build: (m) => ({ scheme: 'timestamp', kind: 'versioned', version: m[1]!, name: m[2]! }),
  },
  {
    scheme: 'date',
    re: /^((?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))[_-](.+)\.sql$/,
    build: (m) => ({ scheme: 'date', kind: 'versioned', version: m[1]!, name: m[2]! }),
  },
  {
    scheme: 'sequential',
    re: /^(\d+)[_-](.+)\.sql$/,
    build: (m) => ({ scheme: 'sequential', kind: 'versioned', version: m[1]!, name: m[2]! }),
  },
  // graphile-migrate's committed files (its migrationFilename.ts): a bare number is a name only that runner takes.
  {
    scheme: 'graphile',
    re: /^(\d+)(?:-([-\w]*))?\.sql$/,
    build: (m) => ({ scheme: 'graphile', kind: 'versioned', version: m[1]!, name: m[2] ?? '' }),
    forcedOnly: true,
  },
];

/** Parses a .sql file name; null when it fits no scheme (or not the forced one). */
export function parseFileName(base: string, forced?: SchemeId): ParsedName | null {
  for (const p of FILE_PATTERNS) {
    if (p.forcedOnly && forced !== p.scheme) continue;
    const m = base.match(p.re);
    if (!m) continue;
    const parsed = p.build(m);
    if (!forced || forced === parsed.scheme) return parsed;
    // A forced scheme reads names of its own kind only: a forced 'sequential' folder still accepts 20240101_x.sql.
    if (forced === 'sequential' && (parsed.scheme === 'date' || parsed.scheme === 'timestamp')) {
      return { ...parsed, scheme: 'sequential' };
    }
    if ((forced === 'dbmate' || forced === 'goose') && parsed.kind === 'versioned' && !parsed.direction) {
      return { ...parsed, scheme: forced };
    }
  }
  return null;
}

/** The file a folder-per-migration keeps its SQL in: Prisma's migration.sql or diesel's up.sql. */
export const FOLDER_SQL_FILES = ['migration.sql', 'up.sql'];

/**
 * Parses a folder-per-migration name: `20240101120000_init` (Prisma), `2024-01-01-120000_init` (diesel) or
 * `2024-01-01-120000-0000_init` (diesel_cli 2.2+ adds a sub-version); the version without its dashes, as diesel reads it.
 */
export function parseFolderName(dir: string): ParsedName | null {
  const m = dir.match(/^(\d{4}-\d{2}-\d{2}-\d{6}(?:-\d{4})?|\d+)_(.+)$/);
  if (!m) return null;
  return { scheme: 'folder', kind: 'versioned', version: m[1]!.replace(/-/g, ''), name: m[2]! };
}

/**
 * Parses a folder-per-migration (`dir/file`) as the preset's runner reads it. Prisma runs every folder that holds
 * migration.sql whatever its name, known by that whole name (listMigrations.ts), so a folder without a leading
 * version is a migration too, its name its version.
 */
export function parseMigrationFolder(dir: string, file: string, preset: PresetName): ParsedName | null {
  const parsed = parseFolderName(dir);
  if (parsed || preset !== 'prisma' || file !== 'migration.sql') return parsed;
  return { scheme: 'folder', kind: 'versioned', version: dir, name: dir };
}
