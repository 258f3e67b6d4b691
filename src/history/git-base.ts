// The git base: the migration folders as they are at the base ref, read from git objects (no checkout),
// classified exactly like the working tree so that the two compare file by file.

import { execFileSync, spawnSync } from 'node:child_process';
import { posix } from 'node:path';
import type { FolderOptions, GateOptions, PresetName } from '../options.js';
import { pathIn, type Migration } from '../migration.js';
import { UserError } from '../errors.js';
import { classifyFolder, type SourceFile } from '../discover/classify.js';
import { classifyCurrent, currentPaths, readsName, type Fixtures } from '../discover/graphile-current.js';
import { failsOnOtherFile, folderSqlFiles, readCodeName } from '../discover/naming.js';
import { diskTree, folderPattern, globRoot, isScannedSubfolder, matchFolders, mergeFolders, noFolder, type FolderTree } from '../discover/files.js';
import { PRESET_TABLE } from '../config/presets.js';
import { isScriptConfig } from '../discover/script-config.js';
import { DIESEL_METADATA } from '../discover/diesel-metadata.js';
import { DRIZZLE_JOURNAL } from '../discover/drizzle-journal.js';
import { ATLAS_SUM } from '../discover/atlas-sum.js';
import { isSqitchSource } from '../discover/sqitch-project.js';
import type { History, HistoryEntry } from './history.js';
import { prefixedHexDigest } from '../checksum/digest.js';

export interface GitBase {
  history: History;
  /** The base's migrations in apply order, with their bytes as on the base (what a dry-run replays). */
  migrations: Migration[];
}

/** The repository's top folder and the base commit, in one `git rev-parse`. */
function resolveCommit(root: string, ref: string): { top: string; commit: string } {
  const probe = spawnSync('git', ['rev-parse', '--show-toplevel', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' });
  const [top, commit] = probe.stdout.trim().split('\n');
  if (probe.status === 0 && top && commit) return { top, commit };
  if (probe.error || /not a git repository/i.test(probe.stderr)) {
    throw new UserError(
      `The base ${ref} needs a git repository, but ${root} is not one: run inside the clone (in a workflow, check the repository out ` +
        'at the workspace root, without `path:`), or leave the base out.',
    );
  }
  const shallow = spawnSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: root, encoding: 'utf8' }).stdout.trim() === 'true';
  const fetch = fetchAdvice(root, ref, shallow);
  const how = shallow
    ? `this is a shallow clone: ${fetch ? `fetch the base with ${fetch}, or ` : ''}use actions/checkout with \`fetch-depth: 0\``
    : `fetch it first${fetch ? ` (${fetch})` : ''} or check the name`;
  throw new UserError(`base ${ref} is not in this clone; ${how}`);
}

/**
 * The fetch that brings `ref` into this clone, by its shape, or null where none is sure to: `git fetch origin <ref>` asks the
 * remote for a name of its own, so a remote-tracking ref is fetched into itself by refspec, and an ancestor of HEAD by deepening.
 */
function fetchAdvice(root: string, ref: string, shallow: boolean): string | null {
  const fetch = shallow ? 'git fetch --no-tags --depth=1' : 'git fetch --no-tags';
  // A whole commit id, which the Action passes: servers hand out a commit asked for by its whole id, not by an abbreviation.
  if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref)) return `\`${fetch} origin ${ref}\``;
  const ancestor = /^HEAD((?:~\d*|\^)+)$/.exec(ref);
  if (ancestor) {
    const generations = ancestor[1]!.match(/~\d*|\^/g)!.reduce((sum, step) => sum + (step.length > 1 ? Number(step.slice(1)) : 1), 0);
    return shallow ? `\`git fetch --deepen=${generations}\`` : null;
  }
  // An abbreviated id or an expression (`main~2`, `@{u}`) names nothing a fetch can ask for.
  if (/^[0-9a-f]{7,}$/i.test(ref) || spawnSync('git', ['check-ref-format', `refs/heads/${ref}`], { cwd: root }).status !== 0) return null;
  if (/^refs\/(?:heads|tags)\//.test(ref)) return `\`${fetch} origin +${ref}:${ref}\``;
  const tracking = ref.replace(/^refs\/remotes\//, '');
  const remote = spawnSync('git', ['remote'], { cwd: root, encoding: 'utf8' })
    .stdout.split('\n')
    .find((name) => name && tracking.startsWith(`${name}/`));
  if (remote) return `\`${fetch} ${remote} +refs/heads/${tracking.slice(remote.length + 1)}:refs/remotes/${tracking}\``;
  if (ref.startsWith('refs/')) return null;
  // A bare name is the remote's branch or its tag, and which one only the remote knows: `<name>:<name>` stores either under
  // refs/heads (git's get_local_ref), a tag as a branch, or fails on an annotated tag (no branch holds a tag object).
  const [branch, tag] = ['heads', 'tags'].map((kind) => `\`${fetch} origin +refs/${kind}/${ref}:refs/${kind}/${ref}\``);
  return `${branch} if it is a branch or ${tag} if it is a tag`;
}

/** A file at the base: a symlink (mode `120000`) is a blob that holds the link's text. */
interface Entry {
  mode: string;
  sha: string;
  path: string;
}

const SYMLINK = '120000';

/**
 * Every file under the given paths at the base, as paths from `root`, in one `git ls-tree` run there (git resolves the
 * ref and cuts the paths itself). Only when that fails is the ref probed, to say why.
 */
function listBase(root: string, ref: string, paths: string[]): Entry[] {
  return lsTree(root, ['--literal-pathspecs', 'ls-tree', '-r', '-z', `${ref}^{commit}`, '--', ...paths], () => resolveCommit(root, ref));
}

/** The entries one `git ls-tree -r -z` run lists; where it fails, `probe` first says why if it can. */
function lsTree(root: string, args: string[], probe = (): void => {}): Entry[] {
  const run = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0 || run.error) {
    probe();
    throw new Error(`git ${args.join(' ')} failed: ${run.error?.message ?? run.stderr.trim()}`);
  }
  return run.stdout
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      return { mode: line.slice(0, line.indexOf(' ')), sha: line.slice(line.lastIndexOf(' ', tab) + 1, tab), path: line.slice(tab + 1) };
    });
}

/** The folders that hold the listed files (git keeps no empty one), to match globs in as on disk. */
function listedTree(listing: Entry[]): FolderTree {
  const children = new Map<string, Set<string>>([['', new Set()]]);
  for (const { path } of listing) {
    let parent = '';
    for (const name of path.split('/').slice(0, -1)) {
      const dir = parent ? `${parent}/${name}` : name;
      children.get(parent)!.add(name);
      if (!children.has(dir)) children.set(dir, new Set());
      parent = dir;
    }
  }
  return { subdirs: (dir) => [...(children.get(dir) ?? [])], isFolder: (dir) => children.has(dir === '.' ? '' : dir) };
}

/**
 * The folders to read at the base, in the order given: a path names its folder, a glob the folders it matches on disk or
 * at the base, where a folder the change deleted still is; a folder two of them reach is read once, as on disk (mergeFolders).
 * A path or glob that names no folder in either is refused.
 */
function baseFolders(options: GateOptions, ref: string): { folders: FolderOptions[]; listing: Entry[] } {
  const given = (options.configured ?? options.folders).map((folder) => ({ folder, pattern: folderPattern(options.root, folder.path) }));
  // One listing for all: a glob's files are under the folder before its first wildcard.
  const listed = listBase(options.root, ref, [...new Set(given.map((g) => globRoot(g.pattern)))]);
  const [disk, base] = [diskTree(options.root), listedTree(listed)];
  const named = given.map(({ pattern }) =>
    globRoot(pattern) === pattern ? [pattern] : [...new Set([...matchFolders(disk, pattern), ...matchFolders(base, pattern)])].sort(),
  );
  const folders = mergeFolders(
    options.root,
    given.flatMap((g, i) => named[i]!.map((path) => ({ folder: { ...g.folder, path }, entry: g.folder.path, named: g.pattern === path }))),
  );
  const listing = throughFolderLinks(options.root, ref, listed, folders.map((f) => f.path).filter((path) => !base.isFolder(path)));
  const found = listedTree(listing);
  given.forEach((g, i) => {
    if (named[i]!.every((path) => !disk.isFolder(path) && !found.isFolder(path))) throw noFolder(options.root, g.folder.path, g.pattern, ref);
  });
  return { folders, listing };
}

/**
 * A folder that holds nothing at the base may be reached through a symlink there, its own or a parent's (`db/migrations`
 * under a link `db`), which git ls-tree does not follow: as on disk, the folder it leads to is listed instead, under its path.
 */
function throughFolderLinks(root: string, ref: string, listing: Entry[], unlisted: string[]): Entry[] {
  const trees = followLinks(root, ref, unlisted, 'tree');
  return listing.concat(
    ...unlisted.map((folder, i) => {
      const tree = trees[i];
      return tree ? lsTree(root, ['ls-tree', '-r', '-z', '--full-tree', tree]).map((e) => ({ ...e, path: `${folder}/${e.path}` })) : [];
    }),
  );
}

/**
 * The object each symlink at the base leads to, followed as realpath follows it on disk (readSource), in one `git cat-file
 * --follow-symlinks` run; null where that is no `type` object: a link out of `root` (it is followed in root's own tree,
 * so out of the root is out, as on disk), to nothing, or round a loop.
 */
function followLinks(root: string, ref: string, paths: string[], type: 'blob' | 'tree'): Array<string | null> {
  if (paths.length === 0) return [];
  const tree = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}:./`], { cwd: root, encoding: 'utf8' }).trim();
  // latin1: one character a byte, as the sizes git prints count bytes.
  const out = execFileSync('git', ['cat-file', '--batch-check', '--follow-symlinks'], {
    cwd: root,
    input: paths.map((p) => `${tree}:${p}\n`).join(''),
    encoding: 'latin1',
    maxBuffer: 1 << 30,
  });
  let at = 0;
  return paths.map(() => {
    const eol = out.indexOf('\n', at);
    const [word, second, size] = out.slice(at, eol).split(' ');
    at = eol + 1;
    if (size !== undefined) return second === type ? word! : null;
    // `symlink`, `dangling`, `loop` and `notdir` print a second line of the size given; `<object> missing` none.
    if (word === 'symlink' || word === 'dangling' || word === 'loop' || word === 'notdir') at += Number(second) + 1;
    return null;
  });
}

/**
 * Reads the base's migrations. `head` are the working tree's: a base file whose blob id equals a head
 * file's hash has those very bytes, so only the blobs that differ are read from git; and a current migration is
 * unchanged only where watch runs the same text (asRun).
 */
export function readGitBase(options: GateOptions, head: Migration[] = []): GitBase {
  const ref = options.base!;
  const { folders, listing } = baseFolders(options, ref);
  const headBytes = new Map<string, Buffer>();
  for (const m of head) if (!headBytes.has(m.file)) headBytes.set(m.file, m.bytes);
  const byFolder = folders.map((folder) => {
    return listing.filter((e) => isMigrationCandidate(folder.path, e.path, options.preset));
  });
  const migrations: Migration[] = [];
  sourcesAt(options.root, ref, byFolder, headBytes).forEach((files, f) => {
    migrations.push(...classifyFolder({ folder: folders[f]!.path, files }, folders[f]!.scheme, options.preset).migrations);
  });
  // Sqitch knows a change by its ID, not its script's path: `sqitch rework` moves a deployed change's script to name@tag.sql.
  const byChangeId = new Map(head.flatMap((h) => (h.sqitch ? [[h.sqitch.change.id, h.file] as const] : [])));
  const entry = (m: Migration): HistoryEntry => ({
    version: m.version,
    file: (m.sqitch && byChangeId.get(m.sqitch.change.id)) ?? m.file,
    name: m.name,
    bytes: m.bytes,
    ...(m.sqitch && { changeId: m.sqitch.change.id }),
    state: 'applied',
  });
  const history: History = { source: `git:${ref}`, matchBy: 'file', entries: migrations.map(entry) };
  if (options.preset === 'graphile-migrate') history.current = baseCurrent(options, ref, headBytes).map((m) => entry(asRun(m, head)));
  return { history, migrations };
}

/**
 * The base's current migration `m` as compared with the working tree's: by the text `watch` runs, includes expanded. Where
 * that differs but the file may not (only a fixture changed), its bytes are the text it ran, which are no file's bytes: a
 * file holds `--!include` lines, and the `--! Included` markers of their expansion are refused in one.
 */
function asRun(m: Migration, head: Migration[]): Migration {
  const now = head.find((h) => h.kind === 'current' && h.file === m.file);
  return now && now.sql !== m.sql ? { ...m, bytes: Buffer.from(m.sql) } : m;
}

/**
 * The files of each group of entries: a symlinked one reads as the file it leads to, every group's in one run. A link the
 * disk refuses (out of the repository, broken) is refused here too, so an unchanged one stays unchanged.
 */
function sourcesAt(root: string, ref: string, groups: Entry[][], headBytes: Map<string, Buffer>): SourceFile[][] {
  const links = groups.flat().filter((e) => e.mode === SYMLINK);
  const targets = new Map(followLinks(root, ref, links.map((e) => e.path), 'blob').map((sha, i) => [links[i]!, sha]));
  return groups.map((group) => {
    const listed = group.map((e) => ({ path: e.path, sha: e.mode === SYMLINK ? targets.get(e)! : e.sha }));
    const bytes = entryBytes(root, listed.filter((e): e is { path: string; sha: string } => e.sha !== null), headBytes);
    let next = 0;
    return listed.map((e) =>
      e.sha === null
        ? { path: e.path, problem: { message: `${e.path} is a symlink to no file in the repository at ${ref}`, fix: 'commit the migration itself' } }
        : { path: e.path, bytes: bytes[next++]! },
    );
  });
}

/** graphile-migrate's work in progress beside each checked `committed/` folder at the base, read as on disk, its includes expanded with the base's fixtures. */
function baseCurrent(options: GateOptions, ref: string, headBytes: Map<string, Buffer>): Migration[] {
  return options.folders.flatMap((folder) => {
    const paths = currentPaths(folder.path);
    if (!paths) return [];
    const listed = listBase(options.root, ref, [paths.file, paths.dir]);
    const inDir = listed.filter((e) => posix.dirname(e.path) === paths.dir && readsName(posix.basename(e.path)));
    const file = listed.filter((e) => e.path === paths.file);
    const [[current], dir] = sourcesAt(options.root, ref, [file, inDir], headBytes);
    return classifyCurrent(folder.path, { file: current ?? null, dir: inDir.length ? dir! : null }, gitFixtures(options.root, ref, paths.fixtures)).migrations;
  });
}

/**
 * The base's fixtures folder `dir`, as diskFixtures reads the disk: links in it (or the folder, if it is one) followed in the
 * base's tree. It is listed only when an include asks for it, and a fixture is read only when included.
 */
function gitFixtures(root: string, ref: string, dir: string): Fixtures {
  let listed: Map<string, Entry> | undefined;
  const files = (): Map<string, Entry> => {
    if (listed) return listed;
    const own = listBase(root, ref, [dir]).filter((e) => e.path !== dir);
    listed = new Map((own.length ? own : throughFolderLinks(root, ref, [], [dir])).map((e) => [e.path, e]));
    return listed;
  };
  const readEntry = (e: Entry) => readBlobs(root, [e.sha])[0]!;
  /** Where `path` leads, as realpath leads: null where that is no file listed, and for a link out of the repository (absolute) or round a loop (ELOOP). */
  const follow = (path: string, hops: number): string | null => {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const at = parts.slice(0, i).join('/');
      const link = files().get(at);
      if (link?.mode !== SYMLINK) continue;
      const target = readEntry(link).toString('utf8');
      if (target.startsWith('/') || hops === 40) return null;
      return follow(posix.join(posix.dirname(at), target, ...parts.slice(i)), hops + 1);
    }
    return files().get(path)?.mode.startsWith('100') ? path : null;
  };
  return {
    dir,
    get exists() {
      return files().size > 0;
    },
    resolve: (raw) => follow(posix.normalize(`${dir}/${raw}`), 0),
    read: (path) => readEntry(files().get(path)!),
  };
}

/** The entries' bytes: a head file's own buffer where its blob id is the entry's, the others read from git in one run. */
function entryBytes(root: string, entries: Array<{ path: string; sha: string }>, headBytes: Map<string, Buffer>): Buffer[] {
  const same = entries.map((e) => {
    const bytes = headBytes.get(e.path);
    return bytes !== undefined && blobId(bytes, e.sha.length) === e.sha ? bytes : null;
  });
  const read = readBlobs(root, entries.filter((_, i) => same[i] === null).map((e) => e.sha));
  let next = 0;
  return same.map((bytes) => bytes ?? read[next++]!);
}

/**
 * The same files listFolder picks up on disk: direct .sql and .sql.conf children (and the other files node-pg-migrate fails
 * on, and the migrations goose and node-pg-migrate take written in code), the folder-per-migration SQL files the preset's
 * runner runs, diesel's metadata.toml, drizzle's journal and Atlas's atlas.sum; under a runner that reads subfolders, the .sql and .sql.conf files at any depth;
 * a Sqitch project's plan and deploy scripts.
 */
function isMigrationCandidate(folder: string, path: string, preset: PresetName): boolean {
  const rel = pathIn(folder, path);
  if (rel === null) return false;
  if (preset === 'sqitch') return isSqitchSource(rel);
  const parts = rel.split('/');
  const name = parts.pop()!;
  if (parts.length === 0 && (failsOnOtherFile(name, preset) || readCodeName(name, preset) !== null || (preset === 'atlas' && name === ATLAS_SUM))) return true;
  if (parts.length === 0 || PRESET_TABLE[preset].nested) return (name.endsWith('.sql') || isScriptConfig(name)) && parts.every(isScannedSubfolder);
  return parts.length === 1 && (folderSqlFiles(preset).includes(name) || name === DIESEL_METADATA || (preset === 'drizzle' && rel === DRIZZLE_JOURNAL));
}

/** Git's object id of a blob with these bytes: the hash of `blob <size>\0<bytes>` (SHA-256 repositories have 64-digit ids). */
function blobId(bytes: Buffer, idLength: number): string {
  return prefixedHexDigest(idLength === 64 ? 'sha256' : 'sha1', `blob ${bytes.length}\0`, bytes);
}

/** Reads many blobs in one `git cat-file --batch` call. */
function readBlobs(root: string, shas: string[]): Buffer[] {
  if (shas.length === 0) return [];
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: root, input: shas.join('\n') + '\n', maxBuffer: 1 << 30 });
  const blobs: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < shas.length; i++) {
    const eol = out.indexOf(10, at);
    const size = Number(out.subarray(at, eol).toString('latin1').split(' ')[2]);
    blobs.push(out.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return blobs;
}
