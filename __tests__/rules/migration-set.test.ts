import { local } from '../../src/rules/migration-set.js';
import { pathIn } from '../../src/migration.js';
import { migration } from '../support/build-migration.js';
import { runCliIn } from '../support/cli.js';
import { makeTree, removeTree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

describe('names inside a migration folder', () => {
  it('a file of the repository root (folder ".") keeps its whole name', () => {
    expect(local(migration('20240101000000_a.sql'))).toBe('20240101000000_a.sql');
    expect(local(migration('db/migrations/20240101000000_a.sql'))).toBe('20240101000000_a.sql');
    expect(pathIn('.', 'x/20240101000000_a/migration.sql')).toBe('x/20240101000000_a/migration.sql');
    expect(pathIn('db', 'dbx/001_a.sql')).toBeNull();
  });

  it.each([
    ['check .', '', ['check', '.']],
    ['check -C db/migrations .', 'db/migrations/', ['check', '-C', 'db/migrations', '.']],
  ])('%s: messages and advice name the files whole', async (_, dir, argv) => {
    const root = makeTree({
      [`${dir}20240101000000_a.sql`]: 'CREATE TABLE IF NOT EXISTS a (id int);\n',
      [`${dir}20240101000000_b.sql`]: 'CREATE TABLE IF NOT EXISTS b (id int);\n',
    });
    roots.push(root);
    const { code, report } = await runCliIn(root, [...argv, '--all', '--no-dry-run', '--format', 'json']);
    expect(code).toBe(1);
    expect(report!.findings.find((f) => f.rule === 'duplicate-version')).toMatchObject({
      file: '20240101000000_b.sql',
      message:
        'Version 20240101000000 is used by 2 migrations in ./: 20240101000000_a.sql, 20240101000000_b.sql. 20240101000000_b.sql is the newer one (later by file name).',
      suggestion: 'Give 20240101000000_b.sql the next free version 20240101000001: git mv 20240101000000_b.sql 20240101000001_b.sql',
    });
  });
});
