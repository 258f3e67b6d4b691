// The git base: the migration folders as they are at the base ref, read from git objects (no checkout),
// classified exactly like the working tree so that the two compare file by file.

import { execFileSync, spawnSync } from 'node:child_process';
import type { GateOptions, PresetName } from '../options.js';
import type { Migration } from '../migration.js';
import { UserError } from '../errors.js';
import { classifyFolder, type SourceFile } from '../discover/classify.js';
import { folderSqlFiles } from '../discover/naming.js';
import { isScannedSubfolder } from '../discover/files.js';
import { PRESET_TABLE } from '../config/presets.js';
import { isScriptConfig } from '../discover/script-config.js';
import { DIESEL_METADATA } from '../discover/diesel-metadata.js';
import type { History } from './history.js';
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
  const how = shallow
    ? `this is a shallow clone: fetch the base with \`git fetch --no-tags --depth=1 origin ${ref}\`, or use actions/checkout with \`fetch-depth: 0\``
    : `fetch it first (\`git fetch origin ${ref}\`) or check the name`;
  throw new UserError(`base ${ref} is not in this clone; ${how}`);
}

/**
 * Every file under the folders at the base, as paths from `root`, in one `git ls-tree` run there (git resolves the
 * ref and cuts the paths itself). Only when that fails is the ref probed, to say why.
 */
function listBase(root: string, ref: string, folders: string[]): Array<{ sha: string; path: string }> {
  const run = spawnSync('git', ['--literal-pathspecs', 'ls-tree', '-r', '-z', `${ref}^{commit}`, '--', ...folders], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0 || run.error) {
    resolveCommit(root, ref);
    throw new Error(`git ls-tree ${ref} failed: ${run.error?.message ?? run.stderr.trim()}`);
  }
  return run.stdout
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      return { sha: line.slice(line.lastIndexOf(' ', tab) + 1, tab), path: line.slice(tab + 1) };
    });
}

/**
 * Reads the base's migrations. `head` are the working tree's: a base file whose blob id equals a head
 * file's hash has those very bytes, so only the blobs that differ are read from git.
 */
export function readGitBase(options: GateOptions, head: Migration[] = []): GitBase {
  const ref = options.base!;
  const listing = listBase(options.root, ref, options.folders.map((f) => f.path));
  const headBytes = new Map<string, Buffer>();
  for (const m of head) if (!headBytes.has(m.file)) headBytes.set(m.file, m.bytes);
  const migrations: Migration[] = [];
  for (const folder of options.folders) {
    const inFolder = folder.path === '.' ? '' : `${folder.path}/`;
    const listed = listing.filter((e) => e.path.startsWith(inFolder) && isMigrationCandidate(folder.path, e.path, options.preset));
    const same = listed.map((e) => {
      const bytes = headBytes.get(e.path);
      return bytes !== undefined && blobId(bytes, e.sha.length) === e.sha ? bytes : null;
    });
    const read = readBlobs(options.root, listed.filter((_, i) => same[i] === null).map((e) => e.sha));
    let next = 0;
    const files: SourceFile[] = listed.map((e, i) => ({ path: e.path, bytes: same[i] ?? read[next++]! }));
    migrations.push(...classifyFolder({ folder: folder.path, files }, folder.scheme, options.preset).migrations);
  }
  const history: History = {
    source: `git:${ref}`,
    matchBy: 'file',
    entries: migrations.map((m) => ({ version: m.version, file: m.file, name: m.name, bytes: m.bytes, state: 'applied' })),
  };
  return { history, migrations };
}

/**
 * The same files listFolder picks up on disk: direct .sql and .sql.conf children, the folder-per-migration SQL files the
 * preset's runner runs and diesel's metadata.toml; under a runner that reads subfolders, the .sql and .sql.conf files at any depth.
 */
function isMigrationCandidate(folder: string, path: string, preset: PresetName): boolean {
  // ls-tree lists paths under the folder only, so its prefix is cut rather than resolved.
  const rel = folder === '.' ? path : path.slice(folder.length + 1);
  const parts = rel.split('/');
  const name = parts.pop()!;
  if (parts.length === 0 || PRESET_TABLE[preset].nested) return (name.endsWith('.sql') || isScriptConfig(name)) && parts.every(isScannedSubfolder);
  return parts.length === 1 && (folderSqlFiles(preset).includes(name) || name === DIESEL_METADATA);
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
