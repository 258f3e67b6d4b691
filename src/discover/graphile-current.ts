// graphile-migrate's work in progress: current.sql, or the .sql files of current/ ("current directory" mode), beside
// committed/. `graphile-migrate watch` runs it after the committed migrations and again on every save, so it must be
// idempotent; `graphile-migrate commit` signs it into committed/, and `migrate` never runs it. Read as graphile-migrate's
// current.ts reads it (getCurrentMigrationLocation, readCurrentMigration): it has no version, and is no part of the set.

import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Draft } from '../report/finding.js';
import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import type { SourceFile } from './classify.js';
import { decodeSql } from './decode.js';
import { readSource } from './files.js';

/** current/'s file names (current.ts VALID_FILE_REGEX): a number from 1, then an optional `-message`. */
const CURRENT_NAME = /^([0-9]+)(-[-_a-zA-Z0-9]*)?\.sql$/;

/** Header lines (a capital after `--! `), which readCurrentMigration lifts off each file of current/ (parseMigrationText). */
const HEADER = /^--! [A-Z][a-zA-Z0-9_]*(?::.*)?$/;

/** header.ts isNoTransactionDefined: the first line of the text. */
const NO_TRANSACTION = /^--!\s*no-transaction\b/;

/** Where graphile-migrate keeps the work in progress of a checked folder: null unless the folder is a `committed/`. */
export function currentPaths(folder: string): { file: string; dir: string } | null {
  if (posix.basename(folder) !== 'committed') return null;
  const parent = posix.dirname(folder);
  const at = (name: string) => (parent === '.' ? name : `${parent}/${name}`);
  return { file: at('current.sql'), dir: at('current') };
}

/** How graphile-migrate's messages name the current migration a file belongs to: current.sql, or current/. */
export function currentName(file: string): string {
  return posix.basename(file) === 'current.sql' ? 'current.sql' : 'current/';
}

/** What is there of the work in progress: current.sql, and the files of current/ that graphile-migrate reads (null: no such folder). */
export interface CurrentListing {
  file: SourceFile | null;
  dir: SourceFile[] | null;
}

/** The work in progress as it is on disk under `root`. */
export function listCurrent(root: string, paths: { file: string; dir: string }): CurrentListing {
  const realRoot = realpathSync(root);
  const read = (path: string) => readSource(realRoot, join(root, path), path);
  const isDir = (path: string) => existsSync(join(root, path)) && statSync(join(root, path)).isDirectory();
  const file = existsSync(join(root, paths.file)) && !isDir(paths.file) ? read(paths.file) : null;
  const dir = isDir(paths.dir) ? readdirSync(join(root, paths.dir)).filter(readsName).sort().map((name) => read(`${paths.dir}/${name}`)) : null;
  return { file, dir };
}

/** Whether readCurrentMigration reads a name in current/: it leaves out dot files and names not ending in `.sql`. */
export function readsName(name: string): boolean {
  return !name.startsWith('.') && name.endsWith('.sql');
}

/**
 * The work in progress of the committed folder `folder` as migrations of kind `current`, in the order graphile-migrate
 * runs them (current/'s files by their number as a value), or the finding that says why graphile-migrate refuses to read
 * it, and so `watch` runs none of it.
 */
export function classifyCurrent(folder: string, listing: CurrentListing): { migrations: Migration[]; findings: Draft[] } {
  const { file, dir } = listing;
  const refuse = (at: string, line: number, said: string, fix: string, rule: Draft['rule'] = 'unreadable-file') => ({
    migrations: [],
    findings: [{ rule, file: at, line, column: line ? 1 : 0, message: `graphile-migrate refuses to read its current migration, so \`graphile-migrate watch\` runs none of it: "${said}"`, suggestion: fix }],
  });
  if (file && dir) {
    return refuse(file.path, 0, `Invalid current migration: both the '${file.path}' file and the '${posix.dirname(file.path)}/current' directory exist; only one of these may exist at a time.`, 'keep current.sql or current/, not both');
  }
  const sources = file ? [file] : (dir ?? []);
  const ids = new Map<number, SourceFile>();
  for (const source of dir ?? []) {
    const name = posix.basename(source.path);
    const id = Number(CURRENT_NAME.exec(name)?.[1] ?? 0);
    if (id < 1) {
      return refuse(
        source.path,
        0,
        `Invalid current migration filename: '${name}'. File must follow the naming 001.sql or 001-message.sql, where 001 is a unique number (with optional zero padding) and message is an optional alphanumeric string.`,
        'name it 001.sql or 001-message.sql (a number from 1; letters, digits, `-` and `_` after it)',
        'invalid-name',
      );
    }
    const twin = ids.get(id);
    if (twin) {
      return refuse(
        source.path,
        0,
        `Current migration filename clash: files must have a unique numeric prefix, but at least 2 files ('${name}' and '${posix.basename(twin.path)}') have the prefix '${id}'.`,
        `give one of them another number: graphile-migrate runs current/'s files in the order of their numbers`,
        'invalid-name',
      );
    }
    ids.set(id, source);
  }
  const ordered = file ? sources : [...ids.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
  const migrations: Migration[] = [];
  for (const source of ordered) {
    if (source.problem) return refuse(source.path, 0, source.problem.message, source.problem.fix);
    const bytes = source.bytes!;
    const decoded = decodeSql(bytes);
    if (!decoded.ok) return refuse(source.path, decoded.line, `${posix.basename(source.path)} ${decoded.problem}`, decoded.fix);
    const lines = decoded.text.split('\n');
    // current.sql opts out by its first line; a file of current/ cannot (readCurrentMigration throws), by its first after the headers.
    const first = file ? 0 : Math.max(0, lines.findIndex((l) => !HEADER.test(l)));
    const noTransaction = NO_TRANSACTION.test(lines[first] ?? '');
    if (noTransaction && dir) {
      return refuse(
        source.path,
        first + 1,
        `Error in '${source.path}': cannot use '--! no-transaction' with 'current/' directory migrations; use 'current.sql' instead.`,
        'move the work in progress to current.sql, whose first line may be `--! no-transaction`',
      );
    }
    migrations.push({
      file: source.path,
      folder,
      version: '',
      name: posix.basename(source.path, '.sql'),
      scheme: 'graphile',
      kind: 'current',
      bytes,
      sql: decoded.text,
      lineOffset: 0,
      transactional: !noTransaction,
      runnerWraps: !noTransaction,
    });
  }
  return { migrations, findings: [] };
}

/** graphile-migrate's work in progress beside each checked `committed/` folder, read from disk (PR mode and full lint only). */
export function discoverCurrent(options: GateOptions): { migrations: Migration[]; findings: Draft[] } {
  const out: { migrations: Migration[]; findings: Draft[] } = { migrations: [], findings: [] };
  if (options.preset !== 'graphile-migrate') return out;
  for (const folder of options.folders) {
    const paths = currentPaths(folder.path);
    if (!paths) continue;
    const found = classifyCurrent(folder.path, listCurrent(options.root, paths));
    out.migrations.push(...found.migrations);
    out.findings.push(...found.findings);
  }
  return out;
}
