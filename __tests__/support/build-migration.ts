// Builds Migration and History objects the way discovery and the git base reader would, for rule tests.

import { posix } from 'node:path';
import type { Migration, SchemeId } from '../../src/migration.js';
import type { History, HistoryEntry } from '../../src/history/history.js';
import { parseFileName, parseFolderName } from '../../src/discover/naming.js';

/** A migration from a repo path such as `migrations/003_add_x.sql`; the scheme is read from its name. */
export function migration(file: string, content: string | Buffer = `-- ${file}\nselect 1;\n`, scheme?: SchemeId): Migration {
  const folder = posix.dirname(file);
  const parsed = parseFileName(posix.basename(file));
  if (!parsed) throw new Error(`test fixture ${file} fits no naming scheme`);
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return {
    file,
    folder,
    version: parsed.version,
    name: parsed.name,
    scheme: scheme ?? parsed.scheme,
    kind: parsed.kind,
    bytes,
    sql: bytes.toString('utf8').replace(/^\uFEFF/, ''),
    lineOffset: 0,
    transactional: true,
    runnerWraps: true,
  };
}

/** A folder-per-migration one (`prisma/migrations/15_boards/migration.sql`, `migrations/2024-01-01-120000_x/up.sql`), read as discovery reads it. */
export function folderMigration(file: string, content = `-- ${file}\nselect 1;\n`): Migration {
  const dir = posix.dirname(file);
  const parsed = parseFolderName(posix.basename(dir));
  if (!parsed) throw new Error(`test fixture ${file} fits no folder naming`);
  return { ...migration(`${posix.dirname(dir)}/${parsed.version}_x.sql`, content), file, version: parsed.version, name: parsed.name, scheme: 'folder' };
}

/** Several migrations in one folder, each with distinct content. */
export function folder(path: string, names: string[]): Migration[] {
  return names.map((n) => migration(`${path}/${n}`));
}

/** The git base as the base reader gives it: one entry per file, with the bytes as they were. */
export function gitBase(ms: Migration[], ref = 'origin/main'): History {
  return {
    source: `git:${ref}`,
    matchBy: 'file',
    entries: ms.map((m): HistoryEntry => ({ version: m.version, file: m.file, name: m.name, bytes: m.bytes, state: 'applied' })),
  };
}
