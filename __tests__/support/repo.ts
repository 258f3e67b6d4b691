// Temporary repositories for tests: a folder tree written from a map of paths, optionally a git repo.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';

export type Tree = Record<string, string | Buffer>;

export function makeTree(files: Tree, root = mkdtempSync(join(tmpdir(), 'mg-repo-'))): string {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
  });
}

/** A git repo whose first commit holds `base`; `head` changes are written on top and committed. Returns the base SHA. */
export function makeGitRepo(base: Tree, head: Tree = {}, remove: string[] = []): { root: string; baseSha: string } {
  const root = makeTree(base);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  const baseSha = git(root, 'rev-parse', 'HEAD').trim();
  makeTree(head, root);
  for (const path of remove) rmSync(join(root, path));
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'head', '--allow-empty');
  return { root, baseSha };
}

export function removeTree(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
