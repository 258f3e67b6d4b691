// Prisma projects: a migration is its folder, known by the folder's whole name (there is no version), and the
// folders apply in name order; a stored checksum holds for the file with its line endings converted.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';

async function report(root: string, base?: string) {
  return runGate(await resolveOptions({ root, paths: ['prisma/migrations'], preset: 'prisma', dryRun: false, ...(base ? { base } : { all: true }) }));
}

const INIT = 'CREATE TABLE users (\n  id int PRIMARY KEY,\n  name text\n);\n';

describe('prisma', () => {
  it('two folders that share a number are two migrations, in name order (umami: 15_add_share, 15_boards)', async () => {
    const root = makeTree({
      'prisma/migrations/15_boards/migration.sql': 'CREATE TABLE IF NOT EXISTS boards (id int);\n',
      'prisma/migrations/15_add_share/migration.sql': 'CREATE TABLE IF NOT EXISTS shares (id int);\n',
      'prisma/migrations/2_users/migration.sql': 'CREATE TABLE IF NOT EXISTS users (id int);\n',
    });
    try {
      const r = await report(root);
      expect(r.findings.map((f) => f.rule)).not.toContain('duplicate-version');
      // Prisma's order: by name, so 15_* before 2_users, where a numeric order puts 2_users first (and name-order says so).
      expect(r.migrations.map((m) => m.file.split('/')[2])).toEqual(['15_add_share', '15_boards', '2_users']);
      expect(r.findings.map((f) => [f.rule, f.file])).toEqual([['name-order', 'prisma/migrations/15_add_share/migration.sql']]);
    } finally {
      removeTree(root);
    }
  });

  it('a change of line endings is no checksum-drift, a byte-order mark is, with Prisma advice', async () => {
    const file = 'prisma/migrations/20240101000000_init/migration.sql';
    const head = async (bytes: Buffer) => {
      const { root, baseSha } = makeGitRepo({ [file]: INIT } as Tree, { [file]: bytes });
      try {
        return (await report(root, baseSha)).findings.filter((f) => f.rule === 'checksum-drift');
      } finally {
        removeTree(root);
      }
    };
    expect(await head(Buffer.from(INIT.replace(/\n/g, '\r\n')))).toEqual([]);
    const [drift, ...more] = await head(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(INIT)]));
    expect(more).toEqual([]);
    expect(drift!.severity).toBe('error');
    expect(drift!.message).toContain('Only the byte-order mark changed.');
    expect(drift!.suggestion).toMatch(/^Restore the original byte-order mark \(`git checkout \w+ -- prisma\/migrations\/20240101000000_init\/migration.sql`\); Prisma accepts/);
    expect(drift!.suggestion).not.toContain('Flyway');
  });
});
