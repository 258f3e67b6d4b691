// Finds migration folders on disk (paths or globs) and lists the SQL files in each, refusing
// symlinks that lead out of the repository.

import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { FolderListing, SourceFile } from './classify.js';
import type { FolderOptions, PresetName } from '../options.js';
import { PRESET_TABLE } from '../config/presets.js';
import { failsOnOtherFile, folderSqlFiles, readCodeName } from './naming.js';
import { isScriptConfig } from './script-config.js';
import { inFolder } from '../migration.js';
import { DIESEL_METADATA } from './diesel-metadata.js';
import { DRIZZLE_JOURNAL, DRIZZLE_META } from './drizzle-journal.js';
import { ATLAS_SUM } from './atlas-sum.js';
import { SQITCH_DEPLOY } from './sqitch-project.js';
import { SQITCH_PLAN } from './sqitch-plan.js';

const SKIP_DIRS = new Set(['node_modules', '.git']);

function toPosix(p: string): string {
  return p.split(sep).join('/');
}

function hasGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

function segmentRegex(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

function subdirs(abs: string): string[] {
  try {
    return readdirSync(abs, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** The folders a glob is expanded in, by path from the root (`''` the root itself): the working tree's, or a git base's. */
export interface FolderTree {
  /** The names of the folders in `dir`. */
  subdirs(dir: string): string[];
  isFolder(dir: string): boolean;
}

/** The working tree under `root`, as readdir and stat see it. */
export function diskTree(root: string): FolderTree {
  return { subdirs: (dir) => subdirs(join(root, dir)), isFolder: (dir) => isDirectory(join(root, dir)) };
}

/** Expands a repo-relative glob (`*`, `?`, `**`) to the folders it matches in `tree`, sorted. */
function expandGlob(tree: FolderTree, pattern: string): string[] {
  const children = (dir: string) => tree.subdirs(dir).filter((name) => !SKIP_DIRS.has(name));
  let current = [''];
  for (const segment of pattern.split('/').filter(Boolean)) {
    const next: string[] = [];
    for (const dir of current) {
      if (segment === '**') {
        const stack = [dir];
        while (stack.length) {
          const d = stack.pop()!;
          next.push(d);
          for (const child of children(d)) stack.push(d ? `${d}/${child}` : child);
        }
      } else if (hasGlob(segment)) {
        const re = segmentRegex(segment);
        for (const child of children(dir)) if (re.test(child)) next.push(dir ? `${dir}/${child}` : child);
      } else {
        next.push(dir ? `${dir}/${segment}` : segment);
      }
    }
    current = [...new Set(next)];
  }
  return current.filter((d) => tree.isFolder(d)).sort();
}

/** The folder every match of a glob lies in: its path up to the first segment with a wildcard (a plain path is itself). */
export function globRoot(pattern: string): string {
  const segments = pattern.split('/');
  const wild = segments.findIndex(hasGlob);
  return wild < 0 ? pattern : segments.slice(0, wild).join('/') || '.';
}

function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** A configured folder path or glob as its path from the root; one outside the repository is refused. */
export function folderPattern(root: string, raw: string): string {
  const p = toPosix(raw).replace(/^\.\//, '').replace(/\/+$/, '') || '.';
  // An absolute path inside the repository is its path from the root.
  const rel = toPosix(relative(root, resolve(root, p))) || '.';
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) {
    throw new UserError(`migration folder ${raw} is outside the repository (${root}); migration folders must be inside the repository: give a path inside it, or -C the repository that holds it`);
  }
  return rel;
}

/** The folders a configured path (from folderPattern) names in `tree`. */
export function matchFolders(tree: FolderTree, rel: string): string[] {
  // A folder whose name holds `[`, `?` or `*` is named as it is: only a path that is no folder is read as a glob.
  return tree.isFolder(rel) ? [rel] : hasGlob(rel) ? expandGlob(tree, rel) : [];
}

/** Why a configured path names no folder; `base`, where the git base was looked in too. */
export function noFolder(root: string, raw: string, rel: string, base?: string): UserError {
  const there = base ? ` and at ${base}` : '';
  return new UserError(
    hasGlob(rel)
      ? `no folder matches ${raw} (from ${root}${there}); check the glob`
      : existsSync(join(root, rel))
        ? `migration folder ${raw} is a file, not a folder; give the folder that holds the migrations`
        : `migration folder ${raw} does not exist (looked in ${join(root, rel)}${there}); check the path, or run from the repository root`,
  );
}

/**
 * Resolves the configured paths/globs to repo-relative folders; a path that matches nothing is an error, except with a
 * base (`withBase`): there it may name a folder the change deleted, which the git base reads (and refuses if it has none).
 */
export function resolveFolders(root: string, paths: string[], withBase = false): string[] {
  const folders: string[] = [];
  for (const raw of paths) {
    const rel = folderPattern(root, raw);
    const found = matchFolders(diskTree(root), rel);
    if (found.length === 0 && !(withBase && !existsSync(join(root, rel)))) throw noFolder(root, raw, rel);
    folders.push(...found);
  }
  return [...new Set(folders)];
}

/** A folder one configured entry (`entry`, as given) matched; `named` where the entry is its path, not a glob matching it. */
export interface MatchedFolder {
  folder: FolderOptions;
  entry: string;
  named: boolean;
}

/**
 * Each matched folder once, at its first place and under its first path: two entries (or two paths through a symlink)
 * that reach one folder would read its files twice, each a duplicate version of itself. Its scheme is the entry's that names
 * it over a glob's that matches it; two entries of one kind that force different schemes are refused, as either one
 * silently dropped would check the folder in a way its entry did not ask for.
 */
export function mergeFolders(root: string, matched: MatchedFolder[]): FolderOptions[] {
  const merged = new Map<string, { folder: FolderOptions; from?: MatchedFolder }>();
  for (const m of matched) {
    const key = realFolder(root, m.folder.path);
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { folder: { ...m.folder }, ...(m.folder.scheme ? { from: m } : {}) });
      continue;
    }
    const scheme = m.folder.scheme;
    if (!scheme || (seen.from?.named && !m.named)) continue;
    if (seen.from && seen.from.named === m.named && scheme !== seen.folder.scheme) {
      throw new UserError(
        `migration folder ${seen.folder.path} is given twice with different schemes: ${seen.from.entry} (scheme ${seen.from.folder.scheme}) and ` +
          `${m.entry} (scheme ${scheme}); keep one scheme for it, or remove one of the entries`,
      );
    }
    seen.folder.scheme = scheme;
    seen.from = m;
  }
  return [...merged.values()].map((v) => v.folder);
}

/** A folder's real path, by which two paths to it are one; a folder only the git base has is its own path. */
function realFolder(root: string, folder: string): string {
  try {
    return realpathSync(join(root, folder));
  } catch {
    return join(root, folder);
  }
}

/** Entries in the order of their names' code units, as the runners list a folder, whatever the locale. */
function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A folder's entries, as readdir gives them; listFolder reads the files among them. */
export function folderEntries(root: string, folder: string): Dirent[] {
  try {
    return readdirSync(join(root, folder), { withFileTypes: true });
  } catch (e) {
    throw new UserError(`cannot read migration folder ${folder}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; check its permissions`);
  }
}

/**
 * Lists a folder's .sql files, the Flyway script config files beside them, the migrations goose and node-pg-migrate take
 * written in code (readCodeName), and its folder-per-migration SQL (the one the preset's runner runs, and diesel's
 * metadata.toml) files, reading their bytes. Under a runner that reads subfolders (Flyway) it lists the .sql and script
 * config files of its subfolders at any depth instead.
 */
export function listFolder(root: string, folder: string, entries = folderEntries(root, folder), preset: PresetName = 'generic'): FolderListing {
  if (preset === 'graphile-migrate') refuseGraphileRoot(folder, entries);
  if (preset === 'sqitch') return listSqitchProject(root, folder, entries);
  const { nested } = PRESET_TABLE[preset];
  const sqlFiles = folderSqlFiles(preset);
  const realRoot = realpathSync(root);
  const files: SourceFile[] = [];
  const scriptless: string[] = [];
  const child = (dir: string, name: string) => (dir.endsWith(sep) ? dir + name : dir + sep + name);
  // A plain file's (or folder's) real path is its folder's plus its name: only links need resolving, one by one.
  const read = (dir: string, realDir: string, entries: Dirent[]) => {
    const abs = join(root, dir);
    // Entry names hold no separator and no `.`/`..`: plain concatenation is what join would give, per file.
    const rel = (name: string) => inFolder(dir, name);
    for (const entry of entries.sort(byName)) {
      // Atlas's atlas.sum, which must agree with the folder's files.
      const listed =
        entry.name.endsWith('.sql') || isScriptConfig(entry.name) || readCodeName(entry.name, preset) !== null || (preset === 'atlas' && entry.name === ATLAS_SUM);
      if ((listed && !entry.isDirectory()) || (entry.isFile() && failsOnOtherFile(entry.name, preset))) {
        const real = entry.isSymbolicLink() ? undefined : child(realDir, entry.name);
        files.push(readSource(realRoot, child(abs, entry.name), rel(entry.name), real));
      } else if (entry.isDirectory() && nested) {
        // A link to a folder is not followed, as the git base (where a link is a blob) cannot follow it either.
        if (isScannedSubfolder(entry.name)) read(rel(entry.name), child(realDir, entry.name), folderEntries(root, rel(entry.name)));
      } else if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) {
        const sqlName = sqlFiles.find((name) => isFile(join(abs, entry.name, name)));
        if (sqlName) files.push(readSource(realRoot, join(abs, entry.name, sqlName), rel(`${entry.name}/${sqlName}`)));
        else scriptless.push(rel(entry.name));
        const metadata = join(abs, entry.name, DIESEL_METADATA);
        if (isFile(metadata)) files.push(readSource(realRoot, metadata, rel(`${entry.name}/${DIESEL_METADATA}`)));
        // drizzle-kit's journal: which of the folder's files drizzle runs, and their order.
        if (preset === 'drizzle' && entry.name === DRIZZLE_META && isFile(join(abs, DRIZZLE_JOURNAL))) {
          files.push(readSource(realRoot, join(abs, DRIZZLE_JOURNAL), rel(DRIZZLE_JOURNAL)));
        }
      }
    }
  };
  read(folder, realpathSync(join(root, folder)), entries);
  return { folder, files, scriptless };
}

/**
 * A Sqitch project folder: its plan, and every .sql under deploy/ at any depth (a change named `a/b` deploys deploy/a/b.sql).
 * Its revert/ and verify/ scripts are not migrations. A folder without a plan is refused with where to look instead.
 */
function listSqitchProject(root: string, folder: string, entries: Dirent[]): FolderListing {
  const has = (name: string, dir: boolean) => entries.some((e) => e.name === name && e.isDirectory() === dir);
  if (!has(SQITCH_PLAN, false) && !has(SQITCH_DEPLOY, true)) {
    const above = posix.basename(folder) === SQITCH_DEPLOY ? ` (${folder} looks like its deploy folder: give the folder above it)` : '';
    throw new UserError(`${folder} holds no ${SQITCH_PLAN}: under the sqitch preset, give the Sqitch project's folder, the one that holds ${SQITCH_PLAN} and deploy/${above}`);
  }
  const realRoot = realpathSync(root);
  const files: SourceFile[] = [];
  if (has(SQITCH_PLAN, false)) files.push(readSource(realRoot, join(root, folder, SQITCH_PLAN), inFolder(folder, SQITCH_PLAN)));
  const walk = (dir: string) => {
    for (const entry of folderEntries(root, dir).sort(byName)) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory() && isScannedSubfolder(entry.name)) walk(rel);
      else if (!entry.isDirectory() && entry.name.endsWith('.sql')) files.push(readSource(realRoot, join(root, rel), rel));
    }
  };
  if (has(SQITCH_DEPLOY, true)) walk(inFolder(folder, SQITCH_DEPLOY));
  return { folder, files };
}

/**
 * graphile-migrate runs the files of its migrations folder's committed/ only (getAllMigrations); current.sql or current/
 * beside it is the work in progress `graphile-migrate migrate` never runs. Read as a migration folder, that folder would
 * show no migration and call every committed one unread.
 */
function refuseGraphileRoot(folder: string, entries: Dirent[]): void {
  if (!entries.some((e) => e.name === 'committed' && e.isDirectory())) return;
  const committed = inFolder(folder, 'committed');
  throw new UserError(
    `${folder} is graphile-migrate's migrations folder: the migrations it runs are the files in ${committed}, and its current.sql (or current/) is ` +
      `work in progress that \`graphile-migrate migrate\` never runs; check ${committed} (\`migration-gate check ${committed} --preset graphile-migrate\`)`,
  );
}

/** Whether a runner that reads subfolders reads this one: Flyway skips hidden folders, and none is tooling's. */
export function isScannedSubfolder(name: string): boolean {
  return !name.startsWith('.') && !SKIP_DIRS.has(name);
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** A file's bytes, or why they were not read (a symlink out of the repository, or to nothing; permissions). */
export function readSource(realRoot: string, abs: string, path: string, known?: string): SourceFile {
  let real: string;
  try {
    real = known ?? realpathSync(abs);
  } catch {
    return { path, problem: { message: `${path} is a broken symlink`, fix: 'point it at a file inside the repository, or delete it' } };
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    return {
      path,
      problem: {
        message: `${path} is a symlink to ${real}, outside the repository; it was not read`,
        fix: 'commit the migration itself instead of a link to a file outside the repository',
      },
    };
  }
  try {
    return { path, bytes: readFileSync(real) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return { path, problem: { message: `${path} cannot be read (${code})`, fix: 'check the file permissions' } };
  }
}
