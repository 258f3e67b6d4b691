import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { discover } from '../../src/discover/index.js';
import { resolveFolders } from '../../src/discover/files.js';
import { testOptions } from '../support/options.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { runCliIn } from '../support/cli.js';
import type { SchemeId } from '../../src/migration.js';
import type { PresetName } from '../../src/options.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

function run(files: Tree, folder = 'migrations', scheme?: SchemeId, preset: PresetName = 'generic') {
  const root = makeTree(files);
  roots.push(root);
  return discover(testOptions({ root, folders: [{ path: folder, ...(scheme ? { scheme } : {}) }], preset }));
}

const summary = (r: ReturnType<typeof run>) => r.migrations.map((m) => `${m.version}|${m.name}|${m.scheme}`);

describe('naming schemes', () => {
  test('sequential with any digit count and either separator, ordered numerically', () => {
    const r = run({
      'migrations/0009-ninth.sql': 'select 1;',
      'migrations/00010-tenth.sql': 'select 1;',
      'migrations/001_first.sql': 'select 1;',
    });
    expect(summary(r)).toEqual(['001|first|sequential', '0009|ninth|sequential', '00010|tenth|sequential']);
    expect(r.findings).toEqual([]);
  });

  test('date and timestamp names', () => {
    const r = run({
      'migrations/20240101120000_create_chat_tables.sql': 'select 1;',
      'migrations/20240201_firecrawl.sql': 'select 1;',
    });
    expect(summary(r)).toEqual(['20240101120000|create_chat_tables|timestamp', '20240201|firecrawl|date']);
  });

  test('Flyway versioned, repeatable and undo files', () => {
    const r = run({
      'migrations/V1__init.sql': 'select 1;',
      'migrations/V1.10__later.sql': 'select 1;',
      'migrations/V1.9__earlier.sql': 'select 1;',
      'migrations/U1__init.sql': 'select 1;',
      'migrations/R__views.sql': 'select 1;',
    });
    expect(r.migrations.map((m) => `${m.version}|${m.kind}`)).toEqual(['1|versioned', '1.9|versioned', '1.10|versioned', '|repeatable']);
    expect(r.migrations[0]!.downFile).toBe('migrations/U1__init.sql');
  });

  test('up/down pairs become one migration; an orphan down file is reported', () => {
    const r = run({
      'migrations/000001_users.up.sql': 'create table users(id int);',
      'migrations/000001_users.down.sql': 'drop table users;',
      'migrations/000002_orphan.down.sql': 'drop table x;',
    });
    expect(summary(r)).toEqual(['000001|users|up-down']);
    expect(r.migrations[0]!.downFile).toBe('migrations/000001_users.down.sql');
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'invalid-name', file: 'migrations/000002_orphan.down.sql', message: expect.stringContaining('no migration has that version') }),
    ]);
  });

  test('one folder per migration: Prisma migration.sql and diesel up.sql', () => {
    const r = run({
      'migrations/20240101120000_init/migration.sql': 'create table a(id int);',
      'migrations/2024-02-01-093000_users/up.sql': 'create table u(id int);',
      'migrations/2024-02-01-093000_users/down.sql': 'drop table u;',
      // diesel_cli 2.2+ names a migration with a sub-version, which diesel keeps in the version.
      'migrations/2024-07-25-142459-0000_drop_idx/up.sql': 'drop index if exists i;',
      'migrations/migration_lock.toml': 'provider = "postgresql"',
    });
    expect(summary(r)).toEqual(['20240101120000|init|folder', '20240201093000|users|folder', '202407251424590000|drop_idx|folder']);
    expect(r.migrations[1]!.file).toBe('migrations/2024-02-01-093000_users/up.sql');
    expect(r.findings).toEqual([]);
  });

  test('a file that fits no scheme is invalid-name with the expected forms', () => {
    const r = run({ 'migrations/001_ok.sql': 'select 1;', 'migrations/fix_users.sql': 'select 1;' });
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'invalid-name', file: 'migrations/fix_users.sql', suggestion: expect.stringContaining('NNN_name.sql') }),
    ]);
  });

  test('a bare version is invalid-name under generic, and the advice names the presets whose runners read it', () => {
    const r = run({ 'migrations/2018021600.sql': 'select 1;', 'migrations/fix_users.sql': 'select 1;' });
    const advice = (file: string) => r.findings.find((f) => f.file === file)!.suggestion;
    expect(advice('migrations/2018021600.sql')).toMatch(/rename it to .*; if your runner reads a bare version \(dbmate, node-pg-migrate and graphile-migrate do\), set its preset/);
    expect(advice('migrations/fix_users.sql')).not.toContain('bare version');
  });

  test('a forced scheme rejects names of another scheme', () => {
    const r = run({ 'migrations/V1__a.sql': 'select 1;', 'migrations/002_b.sql': 'select 1;' }, 'migrations', 'flyway');
    expect(summary(r)).toEqual(['1|a|flyway']);
    expect(r.findings[0]).toMatchObject({ rule: 'invalid-name', file: 'migrations/002_b.sql', message: expect.stringContaining('configured as flyway') });
  });
});

describe('sections in one file', () => {
  test('dbmate: only the up part is the migration, positions map back to the file', () => {
    const r = run({
      'migrations/20240101000000_users.sql': '-- migrate:up\ncreate table users (id int);\n\n-- migrate:down\ndrop table users;\n',
    });
    const m = r.migrations[0]!;
    expect(m.scheme).toBe('dbmate');
    expect(m.sql).toBe('create table users (id int);\n\n');
    expect(m.lineOffset).toBe(1);
    expect(m).toMatchObject({ transactional: true, runnerWraps: false });
  });

  test('goose Up/Down with NO TRANSACTION', () => {
    const r = run(
      {
        'migrations/00002_idx.sql':
          '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t(a);\n-- +goose Down\nDROP INDEX i;\n',
      },
      'migrations',
      undefined,
      'goose',
    );
    const m = r.migrations[0]!;
    expect(m).toMatchObject({ scheme: 'goose', sql: 'CREATE INDEX CONCURRENTLY i ON t(a);\n', lineOffset: 2, transactional: false });
  });

  test('dbmate transaction:false opts out of the runner transaction', () => {
    const r = run({ 'migrations/20240101000000_i.sql': '-- migrate:up transaction:false\ncreate index concurrently i on t(a);\n' }, 'migrations', undefined, 'dbmate');
    expect(r.migrations[0]!.transactional).toBe(false);
  });

  test('sqlx -- no-transaction first line', () => {
    const r = run({ 'migrations/20240101000000_i.sql': '-- no-transaction\ncreate index concurrently i on t(a);\n' }, 'migrations', undefined, 'sqlx');
    expect(r.migrations[0]!.transactional).toBe(false);
  });
});

describe('Flyway script config files (<migration>.sql.conf)', () => {
  const flyway = (conf: string | Buffer, preset: PresetName = 'flyway') =>
    run({ 'migrations/V3__add_index.sql': 'CREATE INDEX CONCURRENTLY i ON t (a);\n', 'migrations/V3__add_index.sql.conf': conf }, 'migrations', undefined, preset);
  const flags = (r: ReturnType<typeof run>) => r.migrations.map((m) => ({ file: m.file, transactional: m.transactional, runnerWraps: m.runnerWraps }));

  test('executeInTransaction=false takes the migration out of a transaction; the file itself is no migration and no finding', () => {
    const r = flyway('executeInTransaction=false\n');
    expect(flags(r)).toEqual([{ file: 'migrations/V3__add_index.sql', transactional: false, runnerWraps: false }]);
    expect(r.findings).toEqual([]);
    // The checksum stays over the .sql alone, as Flyway's does.
    expect(r.migrations[0]!.bytes.toString()).toBe('CREATE INDEX CONCURRENTLY i ON t (a);\n');
  });

  test('read as Java properties, as Flyway reads them: comments, blanks around = or :, any case, CRLF, a BOM, the last setting wins', () => {
    const off = { transactional: false, runnerWraps: false };
    for (const conf of [
      '# built concurrently\n! so no transaction\n\n  executeInTransaction = FALSE  \n',
      'executeInTransaction:false',
      'executeInTransaction false',
      'encoding=UTF-8\r\nexecuteInTransaction=False\r\n',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('executeInTransaction=false\n')]),
      'executeInTransaction=true\nexecuteInTransaction=false\n',
    ]) {
      const r = flyway(conf);
      expect([conf.toString(), r.findings, flags(r)[0]]).toEqual([conf.toString(), [], expect.objectContaining(off)]);
    }
  });

  test('executeInTransaction=true makes Flyway wrap the file whatever it holds; no file, or no such key, leaves Flyway to decide', () => {
    expect(flags(flyway('executeInTransaction=true'))[0]).toMatchObject({ transactional: true, runnerWraps: true });
    expect(flags(flyway('placeholderReplacement=false\n'))[0]).toMatchObject({ transactional: true, runnerWraps: false });
    expect(flags(run({ 'migrations/V3__add_index.sql': 'select 1;' }, 'migrations', undefined, 'flyway'))[0]).toMatchObject({ transactional: true, runnerWraps: false });
    // A value Flyway fills in from the environment or a placeholder when it runs: not judged here.
    const filled = flyway('executeInTransaction=${FLYWAY_TX}\n');
    expect(filled.findings).toEqual([]);
    expect(flags(filled)[0]).toMatchObject({ transactional: true, runnerWraps: false });
  });

  test('a value or key Flyway refuses is an unreadable-file finding at its line, and the migration keeps the default', () => {
    const bad = flyway('# index\nexecuteInTransaction=no\n');
    expect(bad.findings).toEqual([
      {
        rule: 'unreadable-file',
        file: 'migrations/V3__add_index.sql.conf',
        line: 2,
        column: 0,
        message:
          'V3__add_index.sql.conf sets executeInTransaction to "no": Flyway accepts only true or false (in any case), stops with "Invalid value for executeInTransaction" and runs none of V3__add_index.sql.',
        suggestion: 'Write executeInTransaction=false to run V3__add_index.sql outside a transaction, or remove the line to let Flyway decide.',
      },
    ]);
    expect(flags(bad)[0]).toMatchObject({ transactional: true, runnerWraps: false });
    // A key alone has the empty value, which Flyway refuses too.
    expect(flyway('executeInTransaction\n').findings[0]!.message).toMatch(/^V3__add_index\.sql\.conf sets executeInTransaction to "": Flyway accepts only true or false/);

    const unknown = flyway('executeInTransaction=false\nExecuteInTransaction=false\n');
    expect(unknown.findings).toEqual([
      expect.objectContaining({
        rule: 'unreadable-file',
        file: 'migrations/V3__add_index.sql.conf',
        line: 2,
        message:
          'V3__add_index.sql.conf sets ExecuteInTransaction, which Flyway does not know in a script config file: Flyway stops with "Unknown configuration property: ExecuteInTransaction" and runs none of V3__add_index.sql.',
        suggestion: 'Keys are case-sensitive, and a script config file knows only executeInTransaction, encoding, placeholderReplacement, shouldExecute: fix the spelling, or remove the line.',
      }),
    ]);
  });

  test('a script config file that cannot be read says so, like a migration that cannot', () => {
    const outside = join(tmpdir(), `mg-outside-${process.pid}.sql.conf`);
    writeFileSync(outside, 'executeInTransaction=false');
    const root = makeTree({ 'migrations/V3__add_index.sql': 'select 1;' });
    roots.push(root, outside);
    symlinkSync(outside, join(root, 'migrations/V3__add_index.sql.conf'));
    const r = discover(testOptions({ root, folders: [{ path: 'migrations' }], preset: 'flyway' }));
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'unreadable-file', file: 'migrations/V3__add_index.sql.conf', message: expect.stringContaining('outside the repository') }),
    ]);
    expect(r.migrations[0]!.transactional).toBe(true);
  });

  test('only the flyway preset reads it; a file beside no migration is left alone; either way it is no invalid name', () => {
    const other = flyway('executeInTransaction=nope\n', 'generic');
    expect(other.findings).toEqual([]);
    expect(flags(other)[0]).toMatchObject({ transactional: true });
    const orphan = run({ 'migrations/V1__a.sql': 'select 1;', 'migrations/V2__gone.sql.conf': 'executeInTransaction=false' }, 'migrations', undefined, 'flyway');
    expect(orphan.findings).toEqual([]);
    expect(orphan.migrations.map((m) => m.file)).toEqual(['migrations/V1__a.sql']);
  });
});

describe('bad input becomes a finding that says what to fix', () => {
  test('a BOM is dropped from the SQL and kept in the bytes; CRLF is read as is', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('create table a (id int);\r\n')]);
    const r = run({ 'migrations/001_a.sql': bytes });
    expect(r.migrations[0]!.sql).toBe('create table a (id int);\r\n');
    expect(r.migrations[0]!.bytes.equals(bytes)).toBe(true);
    expect(r.findings).toEqual([]);
  });

  test('non-UTF-8 bytes name the byte and the line', () => {
    const r = run({ 'migrations/001_a.sql': Buffer.concat([Buffer.from('select 1;\ninsert into t values (\''), Buffer.from([0xe9]), Buffer.from('t\');\n')]) });
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'unreadable-file', line: 2, column: 24, message: expect.stringMatching(/not valid UTF-8 \(byte 33: 0xe9\)/), suggestion: expect.stringContaining('UTF-8') }),
    ]);
  });

  test('NUL bytes', () => {
    const r = run({ 'migrations/001_a.sql': Buffer.from('select 1;\0\0') });
    expect(r.findings[0]).toMatchObject({ rule: 'unreadable-file', message: expect.stringContaining('NUL byte') });
  });

  test('an empty file is a warning, not a crash', () => {
    const r = run({ 'migrations/001_a.sql': '', 'migrations/002_b.sql': '-- only a comment\n' });
    expect(r.findings.map((f) => [f.rule, f.file])).toEqual([
      ['empty-migration', 'migrations/001_a.sql'],
      ['empty-migration', 'migrations/002_b.sql'],
    ]);
  });

  test('a symlink that points outside the repository is refused', () => {
    const outside = join(tmpdir(), `mg-outside-${process.pid}.sql`);
    writeFileSync(outside, 'drop table users;');
    const root = makeTree({ 'migrations/001_a.sql': 'select 1;' });
    roots.push(root);
    symlinkSync(outside, join(root, 'migrations/002_link.sql'));
    const r = discover(testOptions({ root, folders: [{ path: 'migrations' }] }));
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'unreadable-file', file: 'migrations/002_link.sql', message: expect.stringContaining('outside the repository') }),
    ]);
    expect(r.migrations.find((m) => m.file === 'migrations/002_link.sql')!.sql).toBe('');
  });

  test('a missing folder is a user error naming the path', () => {
    const root = makeTree({ 'db/x.txt': '' });
    roots.push(root);
    expect(() => resolveFolders(root, ['db/migrations'])).toThrow(/migration folder db\/migrations does not exist/);
    expect(() => resolveFolders(root, ['db/x.txt'])).toThrow('migration folder db/x.txt is a file, not a folder');
  });
});

test('globs expand to every matching folder, sorted', () => {
  const root = makeTree({
    'services/billing/migrations/001_a.sql': 'select 1;',
    'services/users/migrations/001_a.sql': 'select 1;',
    'services/users/docs/readme.md': '',
  });
  roots.push(root);
  expect(resolveFolders(root, ['services/*/migrations'])).toEqual(['services/billing/migrations', 'services/users/migrations']);
  expect(resolveFolders(root, ['**/migrations'])).toEqual(['services/billing/migrations', 'services/users/migrations']);
  expect(() => resolveFolders(root, ['apps/*/migrations'])).toThrow(/no folder matches/);
});

test('a folder whose name holds glob characters is named as it is; a path that is no folder is still a glob', async () => {
  const root = makeTree({
    'svc [v2]/migrations/001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\n',
    'svc 2/migrations/001_b.sql': 'select 1;',
    'what?/001_c.sql': 'select 1;',
  });
  roots.push(root);
  expect(resolveFolders(root, ['svc [v2]/migrations'])).toEqual(['svc [v2]/migrations']);
  expect(resolveFolders(root, ['what?'])).toEqual(['what?']);
  expect(resolveFolders(root, ['svc [12]/migrations'])).toEqual(['svc 2/migrations']);
  expect(resolveFolders(root, ['svc */migrations'])).toEqual(['svc 2/migrations', 'svc [v2]/migrations']);
  const { code, report } = await runCliIn(root, ['check', 'svc [v2]/migrations', '--all', '--no-dry-run', '--format', 'json']);
  expect(code).toBe(0);
  expect(report!.folders).toEqual(['svc [v2]/migrations']);
  expect(report!.migrations.map((m) => m.file)).toEqual(['svc [v2]/migrations/001_a.sql']);
});

describe('Flyway reads its folder recursively', () => {
  const nested: Tree = {
    'db/migration/V1__init.sql': 'create table users (id int);',
    'db/migration/2024/V2__orders.sql': 'create table orders (id int);',
    'db/migration/2024/q1/V3__index.sql': 'create index concurrently orders_id on orders (id);',
    'db/migration/2024/q1/V3__index.sql.conf': 'executeInTransaction=false\n',
    'db/migration/2024/R__views.sql': 'create or replace view v as select 1;',
    'db/migration/2024/notes.sql': 'select 1;',
    'db/migration/.archive/V9__old.sql': 'select 1;',
  };

  test('under the flyway preset, .sql files at any depth are one set, with repo-relative paths; hidden folders are skipped', () => {
    const r = run(nested, 'db/migration', undefined, 'flyway');
    expect(r.migrations.map((m) => [m.file, m.folder, m.version, m.kind, m.transactional])).toEqual([
      ['db/migration/V1__init.sql', 'db/migration', '1', 'versioned', true],
      ['db/migration/2024/V2__orders.sql', 'db/migration', '2', 'versioned', true],
      ['db/migration/2024/q1/V3__index.sql', 'db/migration', '3', 'versioned', false],
      ['db/migration/2024/R__views.sql', 'db/migration', '', 'repeatable', true],
    ]);
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'invalid-name', file: 'db/migration/2024/notes.sql', message: expect.stringMatching(/^2024\/notes\.sql is not a migration name to Flyway .*: by default Flyway skips it/) }),
    ]);
  });

  test('other presets read the folder itself only, as their runners do', () => {
    const r = run(nested, 'db/migration', undefined, 'generic');
    expect(r.migrations.map((m) => m.file)).toEqual(['db/migration/V1__init.sql']);
    // golang-migrate reads the folder itself only, and there takes `<version>_<name>.up.sql` names only.
    expect(run(nested, 'db/migration', undefined, 'golang-migrate').findings.map((f) => [f.file, f.message])).toEqual([
      ['db/migration/V1__init.sql', expect.stringMatching(/^V1__init\.sql is not a migration name to golang-migrate .*, so golang-migrate ignores it/)],
    ]);
  });

  test('a symlink in a subfolder that leads out of the repository is not read', () => {
    const outside = join(tmpdir(), `mg-outside-nested-${process.pid}.sql`);
    writeFileSync(outside, 'drop table users;');
    const root = makeTree({ 'db/migration/V1__init.sql': 'select 1;', 'db/migration/2024/V2__x.sql': 'select 2;' });
    roots.push(root, outside);
    symlinkSync(outside, join(root, 'db/migration/2024/V3__link.sql'));
    const r = discover(testOptions({ root, folders: [{ path: 'db/migration' }], preset: 'flyway' }));
    expect(r.findings).toEqual([
      expect.objectContaining({ rule: 'unreadable-file', file: 'db/migration/2024/V3__link.sql', message: expect.stringContaining('outside the repository') }),
    ]);
    expect(r.migrations.find((m) => m.file === 'db/migration/2024/V3__link.sql')!.sql).toBe('');
  });
});

test('an absolute folder path inside the repository works as its path from the root; one outside is refused', () => {
  const root = makeTree({ 'migrations/000001_a.up.sql': 'select 1;' });
  const other = makeTree({ 'migrations/000001_a.up.sql': 'select 1;' });
  roots.push(root, other);
  expect(resolveFolders(root, [join(root, 'migrations')])).toEqual(['migrations']);
  expect(resolveFolders(root, [`${join(root, 'migrations')}/`])).toEqual(['migrations']);
  expect(resolveFolders(root, [root])).toEqual(['.']);
  expect(() => resolveFolders(root, [join(other, 'migrations')])).toThrow(
    `migration folder ${join(other, 'migrations')} is outside the repository (${root}); migration folders must be inside the repository`,
  );
  expect(() => resolveFolders(root, ['../x'])).toThrow(/is outside the repository/);
});

describe('a folder two entries reach is read once', () => {
  const services: Tree = {
    'services/api/migrations/001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\nINSERT INTO a VALUES (1);\n',
    'services/web/migrations/V1__w.sql': 'CREATE TABLE IF NOT EXISTS w (id int);\n',
  };
  const check = async (files: Tree, argv: string[] = []) => {
    const root = makeTree(files);
    roots.push(root);
    return { root, ...(await runCliIn(root, ['check', ...argv, '--all', '--no-dry-run', '--format', 'json'])) };
  };

  test.each([
    ['a glob and then a path', ['services/*/migrations', 'services/api/migrations']],
    ['a path and then a glob', ['services/api/migrations', 'services/*/migrations']],
  ])('%s in the config file: one read, and the scheme of the entry that names the folder wins over the glob’s', async (_, order) => {
    const schemes: Record<string, string> = { 'services/*/migrations': 'flyway', 'services/api/migrations': 'sequential' };
    const config = `folders:\n${order.map((path) => `  - path: ${path}\n    scheme: ${schemes[path]}\n`).join('')}`;
    const { code, report } = await check({ ...services, '.migration-gate.yml': config });
    expect(report!.migrations.map((m) => m.file)).toEqual(['services/api/migrations/001_a.sql', 'services/web/migrations/V1__w.sql']);
    // No duplicate-version of 001_a.sql with itself, no invalid-name from the glob's flyway scheme, and the INSERT's finding once.
    expect(report!.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['non-idempotent', 'services/api/migrations/001_a.sql', 2]]);
    expect(code).toBe(0);
  });

  test('the same folder given twice on the command line, or once through a symlink, is one folder', async () => {
    const files = { 'migrations/000_t.sql': 'CREATE TABLE IF NOT EXISTS t (id int);\n', 'migrations/001_a.sql': 'INSERT INTO t VALUES (1);\n' };
    const twice = await check(files, ['migrations', 'migrations/']);
    expect(twice.report!.migrations.map((m) => m.file)).toEqual(['migrations/000_t.sql', 'migrations/001_a.sql']);
    expect(twice.report!.findings.map((f) => [f.rule, f.file])).toEqual([['non-idempotent', 'migrations/001_a.sql']]);
    symlinkSync('migrations', join(twice.root, 'db'));
    const linked = await runCliIn(twice.root, ['check', 'migrations', 'db', '--all', '--no-dry-run', '--format', 'json']);
    expect(linked.report!.folders).toEqual(['migrations']);
    expect(linked.report!.findings).toEqual(twice.report!.findings);
  });

  test('two entries of one kind that force different schemes on one folder are a usage error naming both', async () => {
    const config = 'folders:\n  - path: migrations\n    scheme: sequential\n  - path: ./migrations/\n    scheme: timestamp\n';
    const { code, stderr } = await check({ 'migrations/001_a.sql': 'select 1;\n', '.migration-gate.yml': config });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'migration folder migrations is given twice with different schemes: migrations (scheme sequential) and ./migrations/ (scheme timestamp); ' +
        'keep one scheme for it, or remove one of the entries',
    );
  });
});
