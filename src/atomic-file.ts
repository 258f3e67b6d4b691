// Files the tool writes over (fixed migrations, the lint cache, --output's report): written whole or not at all.

import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Puts `text` in place of the file at `path` in one rename, through a hidden file beside it that no runner reads: a
 * reader sees the old file or the new one, never half, and a failed write leaves the old one. A file keeps its mode.
 * A device or pipe (/dev/stdout) is written as it is: renaming would replace it.
 */
export function writeAtomically(path: string, text: string): void {
  const found = statSync(path, { throwIfNoEntry: false });
  if (found && !found.isFile() && !found.isDirectory()) return writeFileSync(path, text);
  // Through a link, to the file it names: the link stays.
  const target = found ? realpathSync(path) : path;
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'wx');
  try {
    try {
      writeFileSync(fd, text);
      if (found) fchmodSync(fd, found.mode & 0o7777);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}
