import { checksumDrift } from '../../src/rules/checksum-drift.js';
import type { Migration } from '../../src/migration.js';
import type { ChecksumAlgorithm, History } from '../../src/history/history.js';
import type { PresetName } from '../../src/options.js';
import { checksum } from '../../src/checksum/index.js';
import { gitBase, migration } from '../support/build-migration.js';
import { testOptions } from '../support/options.js';
import { runCliIn } from '../support/cli.js';
import { makeGitRepo, removeTree } from '../support/repo.js';
import { connectTestServer } from '../support/postgres.js';
import { createHash } from 'node:crypto';

const check = (migrations: Migration[], history: History | null, algorithm: ChecksumAlgorithm = 'sha256', preset: PresetName = 'generic') =>
  checksumDrift.check({ migrations, history, options: testOptions({ checksum: algorithm, preset }) });

const SQL = '-- Migration: unread tracking\nCREATE TABLE message_reads (\n  id uuid PRIMARY KEY,\n  read_at timestamptz\n);\n';
const FILE = 'migrations/003_add_unread_tracking.sql';
const applied = migration(FILE, SQL);
const base = gitBase([migration('migrations/001_migration_tracking.sql'), applied]);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const sha = (s: string | Buffer) => checksum('sha256', Buffer.isBuffer(s) ? s : Buffer.from(s));

describe('checksum-drift against a git base', () => {
  it('an edited applied migration: both checksums, the first changed line, revert or repair', () => {
    const edited = SQL.replace('read_at timestamptz', 'read_at timestamptz NOT NULL');
    const drafts = check([migration('migrations/001_migration_tracking.sql'), migration(FILE, edited)], base);
    expect(drafts).toEqual([
      {
        rule: 'checksum-drift',
        file: FILE,
        line: 4,
        column: 0,
        message:
          `003_add_unread_tracking.sql changed after it was applied: SHA-256 checksum ${sha(SQL)} on origin/main, ${sha(edited)} now. ` +
          'First change at line 4. Databases that already ran version 003 will not run the edit; new databases will.',
        suggestion:
          `Revert the edit (\`git checkout origin/main -- ${FILE}\`) and put the change in a new migration; if the edit is intentional, ` +
          'update the checksum your runner recorded for it, and apply the change by hand where it already ran.',
      },
    ]);
  });

  it('a CRLF-only change is drift under sha256 and none under flyway', () => {
    const crlf = migration(FILE, SQL.replace(/\n/g, '\r\n'));
    const [d] = check([crlf], base, 'sha256');
    expect(d!.line).toBe(0);
    expect(d!.message).toContain('Only the line endings changed.');
    expect(d!.suggestion).toBe(
      `Restore the original line endings (\`git checkout origin/main -- ${FILE}\`) and pin them with \`*.sql -text\` in .gitattributes; ` +
        "Flyway's own checksum (--checksum flyway) ignores line endings and a BOM.",
    );
    expect(check([crlf], base, 'flyway')).toEqual([]);
    const bom = migration(FILE, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SQL)]));
    expect(check([bom], base, 'flyway')).toEqual([]);
    expect(check([bom], base, 'sha256')).toHaveLength(1);
  });

  // Prisma's script_matches_checksum also hashes the file with CRLF made LF and LF made CRLF; a BOM stays part of the text.
  describe('under prisma', () => {
    const PRISMA_FILE = 'prisma/migrations/20240101000000_init/migration.sql';
    const init = { ...migration(`prisma/migrations/20240101000000_init.sql`, SQL), file: PRISMA_FILE, scheme: 'folder' as const };
    const prismaBase = gitBase([init]);
    const as = (bytes: Buffer): Migration => ({ ...init, bytes });
    const crlf = Buffer.from(SQL.replace(/\n/g, '\r\n'));

    it('a change of line endings either way is no drift, as Prisma accepts it', () => {
      expect(check([as(crlf)], prismaBase, 'prisma', 'prisma')).toEqual([]);
      expect(check([init], gitBase([as(crlf)]), 'prisma', 'prisma')).toEqual([]);
      // The same change is drift to a runner that hashes the bytes (sqlx).
      expect(check([as(crlf)], prismaBase, 'sqlx', 'sqlx')).toHaveLength(1);
    });

    it('an added byte-order mark is drift, with advice in Prisma\'s terms and no word of Flyway', () => {
      const bom = as(Buffer.concat([BOM, crlf]));
      const [d] = check([bom], prismaBase, 'prisma', 'prisma');
      expect(d!.line).toBe(0);
      expect(d!.message).toBe(
        `20240101000000_init/migration.sql changed after it was applied: Prisma SHA-256 checksum ${sha(SQL)} on origin/main, ${sha(bom.bytes)} now. ` +
          'Only the line endings and byte-order mark changed. Databases that already ran version 20240101000000 will not run the edit; new databases will.',
      );
      expect(d!.suggestion).toBe(
        `Restore the original line endings and byte-order mark (\`git checkout origin/main -- ${PRISMA_FILE}\`) and pin them with \`*.sql -text\` in .gitattributes; ` +
          'Prisma accepts a file whose line endings alone changed, but not an added or removed byte-order mark.',
      );
      const [onlyBom] = check([as(Buffer.concat([BOM, Buffer.from(SQL)]))], prismaBase, 'prisma', 'prisma');
      expect(onlyBom!.message).toContain('Only the byte-order mark changed.');
      expect(onlyBom!.suggestion).toBe(
        `Restore the original byte-order mark (\`git checkout origin/main -- ${PRISMA_FILE}\`); ` +
          'Prisma accepts a file whose line endings alone changed, but not an added or removed byte-order mark.',
      );
    });

    it('a real edit names what Prisma does with it', () => {
      const [d] = check([as(Buffer.from(SQL.replace('uuid', 'bigint')))], prismaBase, 'prisma', 'prisma');
      expect(d!.suggestion).toContain('`prisma migrate deploy` does not check it, but `prisma migrate dev` wants to reset a database that ran it');
      expect(d!.suggestion).not.toContain('Flyway');
    });
  });

  it('under flyway a real edit is drift, shown as Flyway prints it, with flyway repair', () => {
    const edited = migration(FILE, SQL.replace('uuid', 'bigint'));
    const [d] = check([edited], base, 'flyway', 'flyway');
    expect(d!.message).toContain(`Flyway CRC32 checksum ${checksum('flyway', applied.bytes)} on origin/main, ${checksum('flyway', edited.bytes)} now.`);
    expect(d!.message).toMatch(/checksum -?\d+ on origin\/main, -?\d+ now/);
    expect(d!.suggestion).toContain('run `flyway repair` to record the new checksum');
  });

  it('unchanged files, new files, and an edited repeatable migration are no drift', () => {
    const r = migration('sql/R__views.sql', 'create or replace view v as select 1;\n');
    const history = gitBase([applied, r]);
    const rEdited = migration('sql/R__views.sql', 'create or replace view v as select 2;\n');
    expect(check([applied, migration('migrations/004_new.sql'), rEdited], history)).toEqual([]);
    expect(check([migration(FILE, SQL + '-- more\n')], null)).toEqual([]);
  });
});

// dbmate, goose and node-pg-migrate record no checksum, and `up` runs a file's up section alone: an edit below it is no drift.
describe('checksum-drift in a file with up and down sections', () => {
  const DBMATE = 'db/migrations/20240101000000_a.sql';
  const file = (up: string, down: string, marks = ['-- migrate:up', '-- migrate:down']) => `${marks[0]}\n${up}\n\n${marks[1]}\n${down}\n`;
  const drift = (preset: PresetName, before: string, after: string, path = DBMATE) =>
    check([migration(path, after)], gitBase([migration(path, before)]), 'sha256', preset);
  const UP = 'CREATE TABLE IF NOT EXISTS a (id int);';

  it('an edit to the down section only is no drift under dbmate, goose and node-pg-migrate', () => {
    expect(drift('dbmate', file(UP, 'DROP TABLE a;'), file(UP, 'DROP TABLE IF EXISTS a;'))).toEqual([]);
    const goose = ['-- +goose Up', '-- +goose Down'];
    expect(drift('goose', file(UP, 'DROP TABLE a;', goose), file(UP, 'DROP TABLE IF EXISTS a;', goose), 'db/migrations/00001_a.sql')).toEqual([]);
    const npm = ['-- Up Migration', '-- Down Migration'];
    expect(drift('node-pg-migrate', file(UP, 'DROP TABLE a;', npm), file(UP, 'DROP TABLE IF EXISTS a;', npm), 'migrations/1700000000000_a.sql')).toEqual([]);
  });

  it('an edit to the up section is drift as for any file, at its line, with the whole file\'s checksums', () => {
    const before = file(UP, 'DROP TABLE a;');
    const after = file('CREATE TABLE IF NOT EXISTS a (id bigint);', 'DROP TABLE a;');
    expect(drift('dbmate', before, after)).toEqual([
      {
        rule: 'checksum-drift',
        file: DBMATE,
        line: 2,
        column: 0,
        message:
          `20240101000000_a.sql changed after it was applied: SHA-256 checksum ${sha(before)} on origin/main, ${sha(after)} now. ` +
          'First change at line 2. Databases that already ran version 20240101000000 will not run the edit; new databases will.',
        suggestion:
          `Revert the edit (\`git checkout origin/main -- ${DBMATE}\`) and put the change in a new migration; if the edit is intentional, ` +
          'note that dbmate records no checksum and will not run it again: apply the change by hand where it already ran.',
      },
    ]);
  });

  it('an up option, goose\'s NO TRANSACTION written in the down section, or the generic preset still count the edit', () => {
    const before = file(UP, 'DROP TABLE a;');
    expect(drift('dbmate', before, file(UP, 'DROP TABLE a;', ['-- migrate:up transaction:false', '-- migrate:down']))).toHaveLength(1);
    const goose = ['-- +goose Up', '-- +goose Down'];
    const noTx = file(UP, '-- +goose NO TRANSACTION\nDROP TABLE a;', goose);
    expect(drift('goose', file(UP, 'DROP TABLE a;', goose), noTx, 'db/migrations/00001_a.sql')).toHaveLength(1);
    // The generic preset does not know the runner, which may checksum the whole file.
    expect(drift('generic', before, file(UP, 'DROP TABLE IF EXISTS a;'))).toHaveLength(1);
  });
});

describe('checksum-drift against a history table', () => {
  const table = (algorithm: ChecksumAlgorithm, value: string, state: 'applied' | 'failed' = 'applied'): History => ({
    source: 'table:public.flyway_schema_history',
    matchBy: 'version',
    entries: [{ version: '003', checksum: { algorithm, value }, state }],
  });

  it('compares the file with the recorded checksum in the recorded algorithm', () => {
    const file = migration(FILE, SQL);
    expect(check([file], table('flyway', checksum('flyway', file.bytes)))).toEqual([]);
    const [d] = check([file], table('flyway', '123456'), 'sha256', 'flyway');
    expect(d!.message).toBe(
      `003_add_unread_tracking.sql changed after it was applied: Flyway CRC32 checksum 123456 recorded in public.flyway_schema_history, ` +
        `${checksum('flyway', file.bytes)} now. Databases that already ran version 003 will not run the edit; new databases will.`,
    );
    expect(d!.suggestion).toContain('Revert the edit and put the change in a new migration; if the edit is intentional, run `flyway repair`');
  });

  it('sqlx SHA-384 in upper-case hex matches; a failed row is not drift', () => {
    const file = migration(FILE, SQL);
    expect(check([file], table('sqlx', checksum('sqlx', file.bytes).toUpperCase()))).toEqual([]);
    expect(check([file], table('sqlx', 'ab'.repeat(48), 'failed'))).toEqual([]);
  });
});

describe('a migration written in code', () => {
  it('a merged Go migration edited is drift, every byte of it: goose will not run it again', async () => {
    const go = 'package migrations\n\nfunc up() { /* fill t.n */ }\n';
    const { root, baseSha } = makeGitRepo(
      { 'migrations/00001_init.sql': '-- +goose Up\nCREATE TABLE IF NOT EXISTS t (id int);\n', 'migrations/00002_backfill.go': go },
      { 'migrations/00002_backfill.go': go.replace('fill t.n', 'fill t.n and t.m') },
    );
    try {
      const { report } = await runCliIn(root, ['check', 'migrations', '--base', baseSha, '--preset', 'goose', '--no-dry-run', '--format', 'json']);
      expect(report!.findings.map((f) => [f.rule, f.file, f.line, f.message.split(': ')[0], f.suggestion!.split('intentional, ')[1]])).toEqual([
        [
          'checksum-drift',
          'migrations/00002_backfill.go',
          3,
          '00002_backfill.go changed after it was applied',
          'note that goose records no checksum and will not run it again: apply the change by hand where it already ran.',
        ],
      ]);
    } finally {
      removeTree(root);
    }
  });
});

describe('checksum-drift advice a user can paste', () => {
  // The QA repro (hunt-s12a sqlx-drift-advice-bytea): sqlx binds the SHA-384's 48 bytes to _sqlx_migrations.checksum, a
  // BYTEA (sqlx-core postgres migrate.rs apply); the hex pasted as text would store its 96 characters and still mismatch.
  it("under sqlx, gives the UPDATE that records the edited file's SHA-384 as sqlx itself records it (run on PostgreSQL)", async () => {
    const file = 'migrations/20240101000000_a.sql';
    const edited = migration(file, 'CREATE TABLE a (id bigint);\n');
    const [draft] = check([edited], gitBase([migration(file, 'CREATE TABLE a (id int);\n')]), 'sqlx', 'sqlx');
    const update = /`(UPDATE _sqlx_migrations SET checksum = decode\('[0-9a-f]{96}', 'hex'\) WHERE version = 20240101000000;)`/.exec(draft!.suggestion!)?.[1];
    expect(update).toBeDefined();
    const client = await connectTestServer();
    try {
      await client.query(
        'CREATE TEMP TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL)',
      );
      const sha384 = (b: Buffer) => createHash('sha384').update(b).digest();
      await client.query("INSERT INTO _sqlx_migrations VALUES (20240101000000, 'a', now(), TRUE, $1, -1)", [sha384(Buffer.from('CREATE TABLE a (id int);\n'))]);
      await client.query(update!);
      const { rows } = await client.query('SELECT checksum = $1 AS matches, octet_length(checksum) AS bytes FROM _sqlx_migrations', [sha384(edited.bytes)]);
      expect(rows).toEqual([{ matches: true, bytes: 48 }]);
    } finally {
      await client.end();
    }
  });
});
