// non-idempotent over realistic files in the seed projects' style, and proof on the real server
// (on PGlite for what only PostgreSQL 18 has) that the offered fixes make a file run twice cleanly.

import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import type { Draft } from '../../src/report/finding.js';
import { fileContext } from '../../src/rules/index.js';
import { EarlierMigrations } from '../../src/rules/idempotency/earlier.js';
import { loadParser } from '../../src/sql/parser.js';
import { migration } from '../support/build-migration.js';
import { applyFixes, lintFile } from '../support/lint-file.js';
import { testOptions } from '../support/options.js';
import { connectTestServer, scratchDatabase, serverWide } from '../support/postgres.js';

const lint = (sql: string, m = {}) => lintFile(nonIdempotent, sql, m);

/** non-idempotent's drafts for the last of `files`, the ones before it applied first. */
async function lintIn(files: Record<string, string>): Promise<Draft[]> {
  await loadParser();
  const options = testOptions();
  const set = Object.entries(files).map(([file, sql]) => migration(file, sql));
  return nonIdempotent.check(fileContext(set[set.length - 1]!, options, undefined, new EarlierMigrations(set, options)));
}
const at = (d: Draft) => [d.line, d.column];

describe('non-idempotent: findings and fixes', () => {
  test('Supabase RLS file: the unguarded index and policy, each with its exact fix', async () => {
    const sql = [
      '-- Migration: 004_memories.sql',
      'CREATE TABLE IF NOT EXISTS memories (',
      '  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),',
      '  user_id UUID NOT NULL',
      ');',
      '',
      'CREATE INDEX idx_memories_user ON memories (user_id);',
      'ALTER TABLE memories ENABLE ROW LEVEL SECURITY;',
      '',
      '  CREATE POLICY "Users can view own memories"',
      '    ON memories FOR SELECT',
      "    USING (user_id = current_setting('app.user_id')::uuid);",
      "COMMENT ON TABLE memories IS 'Semantic memories';",
      'GRANT SELECT ON memories TO PUBLIC;',
    ].join('\n');
    const [index, policy, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(at(index!)).toEqual([7, 1]);
    expect(index!.message).toBe(
      'CREATE INDEX idx_memories_user fails when the file runs a second time: the index already exists (SQLSTATE 42P07 duplicate_table).',
    );
    expect(index!.suggestion).toBe('Write `CREATE INDEX IF NOT EXISTS idx_memories_user ON memories (user_id)`.');
    expect(index!.fix).toEqual({ line: 7, endLine: 7, replacement: 'CREATE INDEX IF NOT EXISTS idx_memories_user ON memories (user_id);' });
    expect(at(policy!)).toEqual([10, 3]);
    expect(policy!.message).toContain('CREATE POLICY "Users can view own memories" fails');
    expect(policy!.suggestion).toBe('Put `DROP POLICY IF EXISTS "Users can view own memories" ON memories;` before it.');
    expect(policy!.fix).toEqual({
      line: 10,
      endLine: 12,
      replacement: [
        '  DROP POLICY IF EXISTS "Users can view own memories" ON memories;',
        '  CREATE POLICY "Users can view own memories"',
        '    ON memories FOR SELECT',
        "    USING (user_id = current_setting('app.user_id')::uuid);",
      ].join('\n'),
    });
  });

  test('a trigger guarded by DROP TRIGGER IF EXISTS passes; its unguarded twin gets the DROP line', async () => {
    const sql = [
      'DROP TRIGGER IF EXISTS update_faqs_updated_at ON faqs;',
      'CREATE TRIGGER update_faqs_updated_at BEFORE UPDATE ON faqs',
      '  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();',
      'CREATE TRIGGER update_sessions_updated_at BEFORE UPDATE ON public.conversation_sessions',
      '  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();',
    ].join('\n');
    const drafts = await lint(sql);
    expect(drafts).toHaveLength(1);
    expect(at(drafts[0]!)).toEqual([4, 1]);
    expect(drafts[0]!.message).toContain('CREATE TRIGGER update_sessions_updated_at fails');
    expect(drafts[0]!.suggestion).toContain('On PostgreSQL 14 and newer, CREATE OR REPLACE TRIGGER does the same.');
    expect(drafts[0]!.fix!.replacement.split('\n')[0]).toBe('DROP TRIGGER IF EXISTS update_sessions_updated_at ON public.conversation_sessions;');
  });

  test('DO blocks: a handler for the SQLSTATE a rerun raises is a guard, a handler for another one is named', async () => {
    const guarded = `DO $$ BEGIN
  CREATE TYPE escalation_status AS ENUM ('open', 'closed');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'priority') THEN
    CREATE TYPE priority AS ENUM ('low', 'high');
  END IF;
END $$;
DO $$ BEGIN ALTER TABLE faqs ADD COLUMN tags text[]; EXCEPTION WHEN others THEN NULL; END $$;`;
    expect(await lint(guarded)).toEqual([]);

    const wrong = `DO $$
BEGIN
  CREATE TYPE mood AS ENUM ('ok');
EXCEPTION WHEN duplicate_table THEN NULL;
END $$;`;
    const [d] = await lint(wrong);
    expect(at(d!)).toEqual([3, 3]);
    expect(d!.message).toBe(
      "CREATE TYPE mood fails when the file runs a second time: the type already exists (SQLSTATE 42710 duplicate_object). The DO block's handler catches duplicate_table, not duplicate_object.",
    );
  });

  test('types, roles and constraints get a DO block as suggestion and no fix', async () => {
    const sql = `CREATE TYPE ticket_state AS ENUM ('new', 'done');
CREATE ROLE reporting NOLOGIN;
ALTER TABLE bookings ADD CONSTRAINT bookings_dates_check CHECK (ends_at > starts_at);`;
    const [type, role, constraint] = await lint(sql);
    expect(type!.fix).toBeUndefined();
    expect(type!.suggestion).toBe(
      "Wrap it in a block that ignores the object already existing:\nDO $$ BEGIN\n  CREATE TYPE ticket_state AS ENUM ('new', 'done');\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND $$;",
    );
    expect(role!.message).toContain('CREATE ROLE reporting fails');
    expect(role!.fix).toBeUndefined();
    expect(constraint!.message).toContain('ADD CONSTRAINT bookings_dates_check fails');
    expect(constraint!.suggestion).toContain(
      "IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'bookings_dates_check' AND conrelid = 'bookings'::regclass) THEN",
    );
    expect(constraint!.fix).toBeUndefined();
  });

  test('seed data: ON CONFLICT, WHERE NOT EXISTS and DELETE-then-INSERT are guards; a bare INSERT gets ON CONFLICT DO NOTHING', async () => {
    const sql = `INSERT INTO faqs (id, question) VALUES (1, 'Check-in time?') ON CONFLICT (id) DO NOTHING;
INSERT INTO faqs (id, question) SELECT 2, 'Parking?' WHERE NOT EXISTS (SELECT 1 FROM faqs WHERE id = 2);
DELETE FROM settings;
INSERT INTO settings (key, value) VALUES ('greeting', 'Hello');
INSERT INTO faqs (id, question)
VALUES (3, 'Breakfast?'),
       (4, 'Pool?')
RETURNING id;`;
    const drafts = await lint(sql);
    expect(drafts).toHaveLength(1);
    expect(at(drafts[0]!)).toEqual([5, 1]);
    expect(drafts[0]!.message).toContain('INSERT INTO faqs applies twice when the file runs a second time');
    expect(drafts[0]!.fix).toEqual({ line: 5, endLine: 8, replacement: "INSERT INTO faqs (id, question)\nVALUES (3, 'Breakfast?'),\n       (4, 'Pool?') ON CONFLICT DO NOTHING\nRETURNING id;" });
  });

  test('every statement a second run breaks is found at once: fixing the CREATE TABLE leaves no new finding behind', async () => {
    const sql = `CREATE TABLE bot_analytics (id bigint PRIMARY KEY);
ALTER TABLE bot_analytics ADD COLUMN hits int;
INSERT INTO bot_analytics (id) VALUES (1);
CREATE INDEX idx_bot_analytics_hits ON bot_analytics (hits);`;
    const first = await lint(sql);
    expect(first.map((d) => [d.line, d.message.split(' fails')[0]!.split(' applies')[0]])).toEqual([
      [1, 'CREATE TABLE bot_analytics'],
      [2, 'ADD COLUMN hits'],
      [3, 'INSERT INTO bot_analytics'],
      [4, 'CREATE INDEX idx_bot_analytics_hits'],
    ]);
    expect(first[1]!.fix!.replacement).toBe('ALTER TABLE bot_analytics ADD COLUMN IF NOT EXISTS hits int;');
    expect(await lint(applyFixes(sql, first))).toEqual([]);
  });

  test('a guard goes before a comment that templates the name, and comments never reach the one-line summary', async () => {
    const sql = `DROP FUNCTION /* TEMPLATE: schema */river_job_notify;
CREATE UNIQUE INDEX -- one job per kind
  river_job_kind ON river_job (kind);`;
    const [drop, index] = await lint(sql);
    expect(drop!.fix!.replacement).toBe('DROP FUNCTION IF EXISTS /* TEMPLATE: schema */river_job_notify;');
    expect(index!.message).toMatch(/^CREATE UNIQUE INDEX river_job_kind fails /);
    expect(index!.fix!.replacement).toBe('CREATE UNIQUE INDEX IF NOT EXISTS -- one job per kind\n  river_job_kind ON river_job (kind);');
    expect(index!.suggestion).toBe('Write `CREATE UNIQUE INDEX IF NOT EXISTS river_job_kind ON river_job (kind)`.');
  });

  test('ADD CONSTRAINT alone in its ALTER: the suggested block holds the whole statement, ready to paste', async () => {
    const sql = `ALTER TABLE "Team" ADD CONSTRAINT "Team_ownerUserId_fkey" FOREIGN KEY ("ownerUserId")
  REFERENCES "User"("id") ON DELETE CASCADE;`;
    const [fk] = await lint(sql);
    expect(fk!.suggestion).toBe(`Add it only when it is missing:
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Team_ownerUserId_fkey' AND conrelid = '"Team"'::regclass) THEN
    ALTER TABLE "Team" ADD CONSTRAINT "Team_ownerUserId_fkey" FOREIGN KEY ("ownerUserId")
      REFERENCES "User"("id") ON DELETE CASCADE;
  END IF;
END $$;`);
  });

  test('changes to a table the file re-creates from scratch on every run are not findings', async () => {
    const sql = `CREATE TABLE staging_rows (id int);
ALTER TABLE staging_rows ADD COLUMN body text;
INSERT INTO staging_rows (id) VALUES (1);
ALTER TABLE staging_rows RENAME TO import_rows_v1;
DROP TABLE IF EXISTS import_rows_v1;`;
    expect(await lint(sql)).toEqual([]);
  });

  test('an ALTER with some commands guarded: the fix guards the others and leaves the guarded ones alone', async () => {
    const sql = `ALTER TABLE faqs
  ADD COLUMN IF NOT EXISTS hits int,
  ADD COLUMN views int,
  DROP COLUMN IF EXISTS legacy, DROP COLUMN stale;`;
    const [alter, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(alter!.message).toMatch(/^ADD COLUMN views fails .*; DROP COLUMN stale fails /);
    expect(alter!.fix!.replacement).toBe(`ALTER TABLE faqs
  ADD COLUMN IF NOT EXISTS hits int,
  ADD COLUMN IF NOT EXISTS views int,
  DROP COLUMN IF EXISTS legacy, DROP COLUMN IF EXISTS stale;`);
  });

  test('objects the file both creates and drops are idempotent; DROP IF EXISTS before CREATE is a guard', async () => {
    const sql = `CREATE FUNCTION tmp_backfill() RETURNS void LANGUAGE sql AS 'UPDATE faqs SET q = q';
SELECT tmp_backfill();
DROP FUNCTION tmp_backfill();
DROP TABLE IF EXISTS memories;
CREATE TABLE memories (id int);
ALTER TABLE memories ADD COLUMN body text;
CREATE INDEX memories_body ON memories (body);`;
    expect(await lint(sql)).toEqual([]);
  });

  test('DROP, DROP COLUMN, RENAME and ADD VALUE: fixes where IF [NOT] EXISTS exists, a DO block where it does not', async () => {
    const sql = `DROP TABLE legacy_sessions, "LegacyLogs";
ALTER TABLE faqs DROP COLUMN old_answer, DROP CONSTRAINT faqs_old_check;
ALTER TABLE faqs RENAME COLUMN q TO question;
ALTER TABLE escalations RENAME TO handoffs;
ALTER TYPE escalation_status ADD VALUE 'pending' BEFORE 'closed';
CREATE VIEW open_escalations AS SELECT 1 AS id;`;
    const [drop, dropCol, renameCol, renameTable, addValue, view] = await lint(sql);
    expect(drop!.message).toContain('DROP TABLE legacy_sessions fails when the file runs a second time: the table is already gone (SQLSTATE 42P01 undefined_table); DROP TABLE "LegacyLogs" fails');
    expect(drop!.fix!.replacement).toBe('DROP TABLE IF EXISTS legacy_sessions, "LegacyLogs";');
    expect(dropCol!.fix!.replacement).toBe('ALTER TABLE faqs DROP COLUMN IF EXISTS old_answer, DROP CONSTRAINT IF EXISTS faqs_old_check;');
    expect(renameCol!.fix).toBeUndefined();
    expect(renameCol!.suggestion).toContain("attrelid = to_regclass('faqs') AND attname = 'q'");
    expect(renameTable!.fix!.replacement).toBe('ALTER TABLE IF EXISTS escalations RENAME TO handoffs;');
    expect(addValue!.fix!.replacement).toBe("ALTER TYPE escalation_status ADD VALUE IF NOT EXISTS 'pending' BEFORE 'closed';");
    expect(view!.fix!.replacement).toBe('CREATE OR REPLACE VIEW open_escalations AS SELECT 1 AS id;');
  });

  test('an ALTER TABLE of a table the file drops or renames further down: the second run finds no table, and ALTER TABLE IF EXISTS is the fix', async () => {
    const sql = `ALTER TABLE "_OrganizationToUser" DROP CONSTRAINT "_OrganizationToUser_A_fkey";
ALTER TABLE legacy ADD COLUMN IF NOT EXISTS note text, DROP COLUMN old;
ALTER TABLE IF EXISTS archive DROP CONSTRAINT archive_check;
ALTER TABLE staging ADD COLUMN batch int;
DROP TABLE "_OrganizationToUser";
DROP TABLE IF EXISTS legacy, archive;
ALTER TABLE IF EXISTS staging RENAME TO imports;`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => [d.line, d.fix?.replacement])).toEqual([
      [1, 'ALTER TABLE IF EXISTS "_OrganizationToUser" DROP CONSTRAINT "_OrganizationToUser_A_fkey";'],
      [2, 'ALTER TABLE IF EXISTS legacy ADD COLUMN IF NOT EXISTS note text, DROP COLUMN old;'],
      [4, 'ALTER TABLE IF EXISTS staging ADD COLUMN batch int;'],
      [5, 'DROP TABLE IF EXISTS "_OrganizationToUser";'],
    ]);
    expect(drafts[0]!.message).toBe(
      'ALTER TABLE "_OrganizationToUser" fails when the file runs a second time: the table is already gone: `DROP TABLE "_OrganizationToUser"` further down dropped it on the first run (SQLSTATE 42P01 undefined_table).',
    );
    expect(drafts[2]!.message).toContain('`ALTER TABLE IF EXISTS staging RENAME TO imports` further down renamed it away on the first run (SQLSTATE 42P01 undefined_table).');
    // The table is there on the second run: made again before, made new at commit, or brought back after the DROP.
    for (const there of [
      'DROP TABLE IF EXISTS t;\nCREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN note text;\nDROP TABLE t;',
      'CREATE TEMP TABLE id_map (id int) ON COMMIT DROP;\nALTER TABLE id_map ADD COLUMN legacy_id int;',
      'ALTER TABLE IF EXISTS t DROP COLUMN IF EXISTS note;\nDROP TABLE IF EXISTS t;\nCREATE TABLE t (id int);',
    ]) {
      expect([there, await lint(there)]).toEqual([there, []]);
    }
  });

  test('an index, trigger, policy, comment, grant, INSERT, UPDATE or DELETE on a table the file drops or renames further down: the second run finds no table, and a block that checks for it is the fix', async () => {
    const sql = `CREATE INDEX IF NOT EXISTS audit_a ON audit (a);
CREATE TRIGGER audit_touch BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON COLUMN audit.a IS 'a';
INSERT INTO audit (id, a) VALUES (1, 1) ON CONFLICT DO NOTHING;
UPDATE audit SET b = a;
GRANT SELECT ON audit, staging TO PUBLIC;
DELETE FROM staging;
DROP TABLE IF EXISTS audit;
ALTER TABLE IF EXISTS staging RENAME TO imports;`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => [d.line, d.fix])).toEqual([1, 2, 3, 4, 5, 6, 7].map((line) => [line, undefined]));
    expect(drafts[0]!.message).toBe(
      'CREATE INDEX audit_a fails when the file runs a second time: the table is already gone: `DROP TABLE IF EXISTS audit` further down dropped it on the first run (SQLSTATE 42P01 undefined_table).',
    );
    expect(drafts[0]!.suggestion).toBe(
      "Run it only while audit is there:\nDO $$ BEGIN\n  IF to_regclass('audit') IS NOT NULL THEN\n    CREATE INDEX IF NOT EXISTS audit_a ON audit (a);\n  END IF;\nEND $$;",
    );
    // The trigger's own DROP TRIGGER IF EXISTS would not help: the table is what is missing.
    expect(drafts[1]!.message).toMatch(/^CREATE TRIGGER audit_touch fails when the file runs a second time: the table is already gone:/);
    expect(drafts[2]!.message).toMatch(/^COMMENT ON COLUMN audit\.a fails .*: the table is already gone:/);
    // ON CONFLICT does not help either.
    expect(drafts[3]!.message).toMatch(/^INSERT INTO audit fails .*: the table is already gone:/);
    expect(drafts[4]!.message).toMatch(/^UPDATE audit fails /);
    expect(drafts[5]!.message).toBe(
      'GRANT ... ON audit, staging fails when the file runs a second time: the table audit is already gone: `DROP TABLE IF EXISTS audit` further down dropped it on the first run (SQLSTATE 42P01 undefined_table).',
    );
    expect(drafts[5]!.suggestion).toContain("IF to_regclass('audit') IS NOT NULL AND to_regclass('staging') IS NOT NULL THEN\n    GRANT SELECT ON audit, staging TO PUBLIC;");
    expect(drafts[6]!.message).toBe(
      'DELETE FROM staging fails when the file runs a second time: the table is already gone: `ALTER TABLE IF EXISTS staging RENAME TO imports` further down renamed it away on the first run (SQLSTATE 42P01 undefined_table).',
    );
    // CONCURRENTLY cannot go in a DO block: the check comes in words.
    const [concurrent] = await lint('CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_a ON audit (a);\nDROP TABLE IF EXISTS audit;');
    expect(concurrent!.suggestion).toBe("Run it only while audit is there (to_regclass('audit') IS NOT NULL); CREATE INDEX CONCURRENTLY cannot run inside a DO block.");
    // The table is there on the second run: made again before, made new at commit, or brought back after the DROP.
    for (const there of [
      'DROP TABLE IF EXISTS t;\nCREATE TABLE t (id int);\nCREATE INDEX IF NOT EXISTS t_id ON t (id);\nINSERT INTO t VALUES (1);\nDROP TABLE t;',
      'CREATE TEMP TABLE id_map (id int) ON COMMIT DROP;\nCREATE INDEX IF NOT EXISTS id_map_id ON id_map (id);\nINSERT INTO id_map VALUES (1);\nUPDATE id_map SET id = 2;',
      "COMMENT ON TABLE t IS 'old';\nGRANT SELECT ON t TO PUBLIC;\nDROP TABLE IF EXISTS t;\nCREATE TABLE t (id int);",
    ]) {
      expect([there, await lint(there)]).toEqual([there, []]);
    }
  });

  test('a statement that reads a table the file drops further down (a data move): the second run finds no table to read', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, email text);
INSERT INTO users (id, email) SELECT id, email FROM legacy.old_users ON CONFLICT DO NOTHING;
UPDATE users u SET email = o.email FROM legacy.old_users o WHERE o.id = u.id;
DELETE FROM users WHERE id IN (SELECT id FROM legacy.old_users WHERE email IS NULL);
CREATE OR REPLACE VIEW user_emails AS SELECT email FROM legacy.old_users;
CREATE TABLE IF NOT EXISTS users_snapshot AS SELECT * FROM legacy.old_users;
SELECT count(*) FROM legacy.old_users;
WITH old_users AS (SELECT 1 AS id) SELECT id FROM old_users;
DROP TABLE IF EXISTS legacy.old_users CASCADE;`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => [d.line, d.fix])).toEqual([2, 3, 4, 5, 6, 7].map((line) => [line, undefined]));
    const by = '`DROP TABLE IF EXISTS legacy.old_users CASCADE` further down dropped it on the first run (SQLSTATE 42P01 undefined_table).';
    expect(drafts.map((d) => d.message)).toEqual(
      ['INSERT INTO users', 'UPDATE users', 'DELETE FROM users', 'CREATE VIEW user_emails', 'CREATE TABLE users_snapshot', 'SELECT'].map(
        (what) => `${what} fails when the file runs a second time: the table legacy.old_users is already gone: ${by}`,
      ),
    );
    // The block checks for the table that goes, not for the one the statement writes.
    expect(drafts[0]!.suggestion).toBe(
      "Run it only while legacy.old_users is there:\nDO $$ BEGIN\n  IF to_regclass('legacy.old_users') IS NOT NULL THEN\n    INSERT INTO users (id, email) SELECT id, email FROM legacy.old_users ON CONFLICT DO NOTHING;\n  END IF;\nEND $$;",
    );
    // A bare SELECT goes in the block as PERFORM, which runs a query and throws its rows away.
    expect(drafts[5]!.suggestion).toContain('    PERFORM count(*) FROM legacy.old_users;\n');
    // SELECT ... INTO fills variables in a DO block: the check comes in words.
    const [into] = await lint('SELECT * INTO archive FROM staging;\nDROP TABLE staging;');
    expect(into!.message).toBe(
      'SELECT ... INTO archive fails when the file runs a second time: the table staging is already gone: `DROP TABLE staging` further down dropped it on the first run (SQLSTATE 42P01 undefined_table).',
    );
    expect(into!.suggestion).toBe(
      "Run it only while staging is there (to_regclass('staging') IS NOT NULL); write it as CREATE TABLE ... AS SELECT in a DO block, where SELECT ... INTO fills variables.",
    );
    // The table is there on the second run: made again before the read, or the read is guarded.
    for (const there of [
      'CREATE TABLE IF NOT EXISTS t (id int);\nDELETE FROM u WHERE id IN (SELECT id FROM t);\nDROP TABLE t;',
      "DO $$ BEGIN\n  IF to_regclass('t') IS NOT NULL THEN\n    DELETE FROM u WHERE id IN (SELECT id FROM t);\n  END IF;\nEND $$;\nDROP TABLE IF EXISTS t;",
      'DELETE FROM u WHERE id IN (SELECT id FROM t);\nDROP TABLE IF EXISTS t;\nCREATE TABLE t (id int);',
    ]) {
      expect([there, await lint(there)]).toEqual([there, []]);
    }
  });

  test('a DROP of a name a later RENAME moves a table into empties it on a second run: one finding on the DROP, with a block that guards both', async () => {
    for (const [sql, rename] of [
      ['DROP TABLE IF EXISTS queues;\nDROP TYPE IF EXISTS queue_type;\nALTER TABLE IF EXISTS queue RENAME TO queues;', 'ALTER TABLE IF EXISTS queue RENAME TO queues'],
      // An unguarded RENAME fails there too; its IF EXISTS would only make the loss silent, so the DROP's finding covers it.
      ['DROP TABLE queues;\nDROP TYPE IF EXISTS queue_type;\nALTER TABLE queue RENAME TO queues;', 'ALTER TABLE queue RENAME TO queues'],
    ] as const) {
      const drafts = await lint(sql);
      expect(drafts.map((d) => [d.line, d.fix])).toEqual([[1, undefined]]);
      expect(drafts[0]!.message).toBe(
        `DROP TABLE queues applies twice when the file runs a second time: it drops the table queues that the first run's \`${rename}\` made of queue, with everything in it, and the rename then finds no queue.`,
      );
      const drop = sql.split('\n')[0]!;
      expect(drafts[0]!.suggestion).toBe(`Drop and rename only while queue is there:\nDO $$ BEGIN\n  IF to_regclass('queue') IS NOT NULL THEN\n    ${drop}\n    ${rename};\n  END IF;\nEND $$;`);
    }
    // The renamed table is made again before the RENAME (DROP then re-create, as CREATE after DROP is), or the file drops what the RENAME made.
    for (const fine of [
      'DROP TABLE IF EXISTS queues;\nCREATE TABLE queue (id int);\nALTER TABLE queue RENAME TO queues;',
      'DROP TABLE IF EXISTS queues;\nALTER TABLE IF EXISTS queue RENAME TO queues;\nDROP TABLE IF EXISTS queues;',
    ]) {
      expect([fine, await lint(fine)]).toEqual([fine, []]);
    }
  });

  test('DROP ROLE, USER and GROUP get IF EXISTS in their own words; DROP ROLE IF EXISTS before CREATE ROLE is a guard', async () => {
    const sql = 'DROP ROLE IF EXISTS app_reader;\nCREATE ROLE app_reader NOLOGIN;\nDROP USER old_app, old_batch;\n-- the group too\nDROP GROUP old_staff;\nCREATE USER app_writer;';
    const drafts = await lint(sql);
    expect(drafts.map((d) => [d.line, d.fix?.replacement])).toEqual([
      [3, 'DROP USER IF EXISTS old_app, old_batch;'],
      [5, 'DROP GROUP IF EXISTS old_staff;'],
      [6, undefined],
    ]);
    expect(drafts[0]!.message).toBe(
      'DROP USER old_app fails when the file runs a second time: the role is already gone (SQLSTATE 42704 undefined_object); DROP USER old_batch fails when the file runs a second time: the role is already gone (SQLSTATE 42704 undefined_object).',
    );
    expect(drafts[2]!.message).toBe('CREATE USER app_writer fails when the file runs a second time: the role already exists (SQLSTATE 42710 duplicate_object).');
  });

  test('the last statement without a `;`: its fix covers its own lines, not the comments after it', async () => {
    const sql = 'CREATE TABLE IF NOT EXISTS t (id int);\nCREATE INDEX t_id ON t (id) -- lookups by id\n-- TODO: drop the old index\n/* end\n   of file */\n';
    const [index, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(index!.fix).toEqual({ line: 2, endLine: 2, replacement: 'CREATE INDEX IF NOT EXISTS t_id ON t (id) -- lookups by id' });
    expect(applyFixes(sql, [index!])).toBe(sql.replace('CREATE INDEX', 'CREATE INDEX IF NOT EXISTS'));
  });

  test('idempotent statements are not findings', async () => {
    const sql = `CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';
COMMENT ON COLUMN faqs.q IS 'question';
GRANT SELECT ON faqs TO PUBLIC;
REVOKE ALL ON faqs FROM PUBLIC;
SET search_path = public;
ALTER TABLE faqs ENABLE ROW LEVEL SECURITY, ALTER COLUMN q SET NOT NULL, ALTER COLUMN q SET DEFAULT '', ALTER COLUMN q TYPE text;
UPDATE faqs SET q = trim(q);
DELETE FROM faqs WHERE q = '';
SELECT 1;
CREATE INDEX IF NOT EXISTS idx_faqs_q ON faqs (q);
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
ALTER TABLE faqs ADD COLUMN IF NOT EXISTS a text;`;
    expect(await lint(sql)).toEqual([]);
  });

  test('positions: non-ASCII text before the statement, dbmate line offset, and a fix over a placeholder', async () => {
    const sql = `COMMENT ON TABLE faqs IS 'Réponses fréquentes — 常见问题';\nCREATE INDEX "idx_café" ON faqs (q);\nCREATE INDEX idx_x ON \${schema}.faqs (q);`;
    const [cafe, placeholder] = await lint(sql, { lineOffset: 2 });
    expect(at(cafe!)).toEqual([4, 1]);
    expect(cafe!.fix).toEqual({ line: 4, endLine: 4, replacement: 'CREATE INDEX IF NOT EXISTS "idx_café" ON faqs (q);' });
    expect(at(placeholder!)).toEqual([5, 1]);
    // Made from the file's own text: the placeholder as written (more in templated-fixes.test.ts).
    expect(placeholder!.fix).toEqual({ line: 5, endLine: 5, replacement: 'CREATE INDEX IF NOT EXISTS idx_x ON ${schema}.faqs (q);' });
    expect(placeholder!.message).toContain('CREATE INDEX idx_x fails');
  });

  test('an unnamed index applies twice and has no mechanical fix', async () => {
    const [d] = await lint('CREATE INDEX ON faqs (q);');
    expect(d!.message).toBe('CREATE INDEX on faqs without a name applies twice when the file runs a second time: PostgreSQL picks a new name and creates a duplicate.');
    expect(d!.fix).toBeUndefined();
  });

  test('renames and moves of indexes, sequences, views, types, functions and enum labels; partitions, parents and identities', async () => {
    const sql = `ALTER INDEX idx_faqs_q RENAME TO faqs_q_idx;
ALTER MATERIALIZED VIEW faq_counts RENAME TO faq_totals;
ALTER TYPE mood RENAME TO feeling;
ALTER TRIGGER faqs_touch ON faqs RENAME TO faqs_touched;
ALTER TYPE feeling RENAME VALUE 'meh' TO 'so-so';
ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;
ALTER TABLE faqs SET SCHEMA archive;
ALTER TABLE faqs_new SET SCHEMA public;
SELECT id INTO faq_copy FROM faqs;`;
    const [index, matview, type, trigger, label, detach, move, into, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(index!.message).toBe(
      'RENAME INDEX idx_faqs_q TO faqs_q_idx fails when the file runs a second time: the index is already gone (SQLSTATE 42P01 undefined_table).',
    );
    expect(index!.fix!.replacement).toBe('ALTER INDEX IF EXISTS idx_faqs_q RENAME TO faqs_q_idx;');
    expect(matview!.fix!.replacement).toBe('ALTER MATERIALIZED VIEW IF EXISTS faq_counts RENAME TO faq_totals;');
    expect(type!.message).toContain('RENAME TYPE mood TO feeling fails when the file runs a second time: the type is already gone (SQLSTATE 42704 undefined_object)');
    expect(type!.suggestion).toContain('EXCEPTION WHEN undefined_object THEN NULL;');
    expect(trigger!.message).toContain('RENAME TRIGGER faqs_touch ON faqs TO faqs_touched fails');
    expect(label!.message).toContain('(SQLSTATE 22023 invalid_parameter_value)');
    expect(label!.suggestion).toContain("IF EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = to_regtype('feeling') AND enumlabel = 'meh') THEN");
    expect(detach!.message).toBe(
      'DETACH PARTITION events_2023 fails when the file runs a second time: the partition is already detached (SQLSTATE 42P01 undefined_table).',
    );
    expect(detach!.suggestion).toBe(
      'Run it only while events_2023 is still a partition of events (pg_inherits); DETACH ... CONCURRENTLY cannot run inside a DO block.',
    );
    expect(move!.fix!.replacement).toBe('ALTER TABLE IF EXISTS faqs SET SCHEMA archive;');
    expect(into!.message).toContain('SELECT ... INTO faq_copy fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table)');
    expect(into!.suggestion).toBe('Write it as CREATE TABLE IF NOT EXISTS faq_copy AS SELECT ..., which skips the table once it exists.');
  });

  test('a RENAME of an index the file creates with IF NOT EXISTS collides; one it drops and creates does not', async () => {
    const [collision, ...rest] = await lint(`CREATE INDEX IF NOT EXISTS idx_a ON faqs (q);\nALTER INDEX idx_a RENAME TO idx_b;`);
    expect(rest).toEqual([]);
    expect(collision!.message).toBe('RENAME INDEX idx_a TO idx_b fails when the file runs a second time: the index already exists (SQLSTATE 42P07 duplicate_table).');
    expect(collision!.fix).toBeUndefined();
  });

  test('languages, rules, transforms, casts, operator classes and text search objects', async () => {
    const sql = `CREATE LANGUAGE plperl;
CREATE RULE keep_faqs AS ON DELETE TO faqs DO INSTEAD NOTHING;
CREATE TEXT SEARCH CONFIGURATION french_plain (COPY = french);
DROP CAST (celsius AS fahrenheit);
DROP OPERATOR CLASS int_ops USING btree;
DROP TEXT SEARCH DICTIONARY old_dict;
DROP USER MAPPING FOR CURRENT_USER SERVER archive;
CREATE TEXT SEARCH DICTIONARY made_here (TEMPLATE = simple);
DROP TEXT SEARCH DICTIONARY made_here;`;
    const [language, rule, config, cast, opclass, dict, mapping, ...rest] = await lint(sql);
    // The dictionary made and dropped in the same file pairs up: each run makes it afresh.
    expect(rest).toEqual([]);
    expect(language!.fix!.replacement).toBe('CREATE OR REPLACE LANGUAGE plperl;');
    expect(rule!.fix!.replacement).toBe('CREATE OR REPLACE RULE keep_faqs AS ON DELETE TO faqs DO INSTEAD NOTHING;');
    expect(config!.message).toBe(
      'CREATE TEXT SEARCH CONFIGURATION french_plain fails when the file runs a second time: the text search configuration already exists (SQLSTATE 23505 unique_violation).',
    );
    expect(config!.suggestion).toContain('EXCEPTION WHEN unique_violation THEN NULL;');
    expect(cast!.message).toContain('DROP CAST (celsius AS fahrenheit) fails');
    expect(cast!.fix!.replacement).toBe('DROP CAST IF EXISTS (celsius AS fahrenheit);');
    expect(opclass!.message).toContain('DROP OPERATOR CLASS int_ops USING btree fails');
    expect(opclass!.fix!.replacement).toBe('DROP OPERATOR CLASS IF EXISTS int_ops USING btree;');
    expect(dict!.fix!.replacement).toBe('DROP TEXT SEARCH DICTIONARY IF EXISTS old_dict;');
    expect(mapping!.fix!.replacement).toBe('DROP USER MAPPING IF EXISTS FOR CURRENT_USER SERVER archive;');
  });
  test('an INSERT into a table the file creates with a generated key, or none: no ON CONFLICT fix, and the advice says why', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS memories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  body text NOT NULL
);
INSERT INTO memories (body) VALUES ('Check-in is at 3 pm');
CREATE TABLE IF NOT EXISTS rooms (id serial PRIMARY KEY, name text);
INSERT INTO rooms VALUES (DEFAULT, 'Suite');
CREATE SEQUENCE IF NOT EXISTS bookings_id_seq;
CREATE TABLE IF NOT EXISTS bookings (id bigint NOT NULL, room text, PRIMARY KEY (id));
ALTER TABLE bookings ALTER COLUMN id SET DEFAULT nextval('bookings_id_seq');
INSERT INTO bookings (room) SELECT name FROM rooms;
CREATE TABLE IF NOT EXISTS audit_log (at timestamptz DEFAULT now(), note text);
INSERT INTO audit_log (note) VALUES ('seeded');`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => [d.line, d.message, d.fix])).toEqual([
      [5, 'INSERT INTO memories applies twice when the file runs a second time: the rows are inserted again.', undefined],
      [7, 'INSERT INTO rooms applies twice when the file runs a second time: the rows are inserted again.', undefined],
      [11, 'INSERT INTO bookings applies twice when the file runs a second time: the rows are inserted again.', undefined],
      [13, 'INSERT INTO audit_log applies twice when the file runs a second time: the rows are inserted again.', undefined],
    ]);
    expect(drafts[0]!.suggestion).toBe(
      'ON CONFLICT DO NOTHING would not stop it: the key id of memories, as this file creates it, is generated by its default, so every run inserts new keys. ' +
        'Insert only the rows that are missing, INSERT INTO memories (...) SELECT ... WHERE NOT EXISTS (SELECT 1 FROM memories WHERE <natural key columns match>), ' +
        'or add a unique constraint on the natural key and write ON CONFLICT (<its columns>) DO NOTHING.',
    );
    // VALUES (DEFAULT, ...) leaves the key to its default as surely as leaving the column out.
    expect(drafts[1]!.suggestion).toMatch(/^ON CONFLICT DO NOTHING would not stop it: the key id of rooms, as this file creates it, is generated by its default, /);
    expect(drafts[2]!.suggestion).toMatch(/^ON CONFLICT DO NOTHING would not stop it: the key id of bookings, as this file creates it, is generated by its default, /);
    expect(drafts[3]!.suggestion).toMatch(/^ON CONFLICT DO NOTHING would not stop it: audit_log, as this file creates it, has no primary key or unique constraint, so nothing conflicts\. /);
    // A handler for unique_violation is no guard where nothing can be unique.
    const handled = await lint(`${sql.split('\n').slice(0, 4).join('\n')}
DO $$ BEGIN INSERT INTO memories (body) VALUES ('Pool opens at 7'); EXCEPTION WHEN unique_violation THEN NULL; END $$;`);
    expect(handled.map((d) => d.message)).toEqual(['INSERT INTO memories applies twice when the file runs a second time: the rows are inserted again.']);
  });

  test('ON CONFLICT DO NOTHING stays where a key sees the rows: the key listed, a natural key, a later unique index, a table made elsewhere', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS memories (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text);
INSERT INTO memories (id, body) VALUES ('7d1c1a4e-0b7e-4d7a-9a53-2f0f3c1d5e01', 'Check-in is at 3 pm');
CREATE TABLE IF NOT EXISTS tags (id serial PRIMARY KEY, slug text NOT NULL UNIQUE);
INSERT INTO tags (slug) VALUES ('pool');
CREATE TABLE IF NOT EXISTS rooms (id serial PRIMARY KEY, name text NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS rooms_name ON rooms (name);
INSERT INTO rooms (name) VALUES ('Suite');
CREATE TABLE IF NOT EXISTS rooms_copy (LIKE rooms INCLUDING ALL);
INSERT INTO rooms_copy (name) VALUES ('Suite');
INSERT INTO faqs (question) VALUES ('Parking?');`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => [d.line, d.fix?.replacement])).toEqual([
      [2, "INSERT INTO memories (id, body) VALUES ('7d1c1a4e-0b7e-4d7a-9a53-2f0f3c1d5e01', 'Check-in is at 3 pm') ON CONFLICT DO NOTHING;"],
      [4, "INSERT INTO tags (slug) VALUES ('pool') ON CONFLICT DO NOTHING;"],
      [7, "INSERT INTO rooms (name) VALUES ('Suite') ON CONFLICT DO NOTHING;"],
      // LIKE ... INCLUDING ALL copies keys this file does not show, and faqs is made elsewhere: as before.
      [9, "INSERT INTO rooms_copy (name) VALUES ('Suite') ON CONFLICT DO NOTHING;"],
      [10, "INSERT INTO faqs (question) VALUES ('Parking?') ON CONFLICT DO NOTHING;"],
    ]);
    expect(drafts.every((d) => d.message.endsWith('or the run fails on a unique key (SQLSTATE 23505 unique_violation).'))).toBe(true);
  });

  test('ADD CONSTRAINT ... USING INDEX under another name renames the index: its CREATE builds a duplicate on every later run', async () => {
    const sql = `CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON users (email);
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'users_email_key' AND conrelid = 'users'::regclass) THEN
    ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
  END IF;
END $$;
CREATE UNIQUE INDEX orders_id_idx ON orders (id);
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_idx;`;
    const [users, orders, constraint, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(at(users!)).toEqual([1, 1]);
    expect(users!.message).toBe(
      'CREATE UNIQUE INDEX users_email_idx applies twice when the file runs a second time: ADD CONSTRAINT users_email_key renamed the index to users_email_key, ' +
        'so the second run finds no index users_email_idx and builds a duplicate index.',
    );
    expect(users!.suggestion).toBe(
      'Name the index users_email_key, like the constraint: CREATE UNIQUE INDEX IF NOT EXISTS users_email_key then finds it on a second run. ' +
        'Or create the index inside the same guard as the ADD CONSTRAINT (its DO block, or its IF NOT EXISTS check on pg_constraint).',
    );
    expect(users!.fix).toBeUndefined();
    // Without IF NOT EXISTS the second run does not fail either: the name is free again, so IF NOT EXISTS is no fix.
    expect(at(orders!)).toEqual([7, 1]);
    expect(orders!.message).toMatch(/^CREATE UNIQUE INDEX orders_id_idx applies twice .*: ADD CONSTRAINT orders_pkey renamed the index to orders_pkey, /);
    expect(orders!.fix).toBeUndefined();
    expect(constraint!.message).toMatch(/^ADD CONSTRAINT orders_pkey fails /);
  });

  test('an index named like the constraint it becomes, or created inside the same guard, is not a finding', async () => {
    const sql = `CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email);
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'users_email_key' AND conrelid = 'users'::regclass) THEN
    ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
  END IF;
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_pkey' AND conrelid = 'orders'::regclass) THEN
    CREATE UNIQUE INDEX orders_id_idx ON orders (id);
    ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_idx;
  END IF;
END $$;`;
    expect(await lint(sql)).toEqual([]);
  });

  test('an INSERT that already says ON CONFLICT DO NOTHING is reported where no key can fire; a conflict target or DO UPDATE on a key it fills, a natural key or a table made elsewhere are not', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS memories (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text NOT NULL);
INSERT INTO memories (body) VALUES ('Check-in is at 3 pm') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS audit_log (note text);
INSERT INTO audit_log VALUES ('seeded') ON CONFLICT DO NOTHING;
INSERT INTO memories (body) SELECT note FROM audit_log ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS tags (id serial PRIMARY KEY, slug text NOT NULL UNIQUE);
INSERT INTO tags (slug) VALUES ('pool') ON CONFLICT DO NOTHING;
INSERT INTO tags (slug) VALUES ('spa') ON CONFLICT (slug) DO NOTHING;
INSERT INTO tags (slug) VALUES ('gym') ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug;
INSERT INTO faqs (question) VALUES ('Parking?') ON CONFLICT DO NOTHING;
INSERT INTO audit_log SELECT * FROM audit_log ON CONFLICT DO NOTHING;`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => [d.line, d.message, d.fix])).toEqual([
      [2, 'INSERT INTO memories applies twice when the file runs a second time: the rows are inserted again.', undefined],
      [4, 'INSERT INTO audit_log applies twice when the file runs a second time: the rows are inserted again.', undefined],
      [5, 'INSERT INTO memories applies twice when the file runs a second time: the rows are inserted again.', undefined],
      // SELECT * without a column list: which columns it fills is not known here, so it is left alone.
    ]);
    expect(drafts[0]!.suggestion).toBe(
      'ON CONFLICT DO NOTHING cannot fire: the key id of memories, as this file creates it, is generated by its default, so every run inserts new keys. ' +
        'Insert only the rows that are missing, INSERT INTO memories (...) SELECT ... WHERE NOT EXISTS (SELECT 1 FROM memories WHERE <natural key columns match>), ' +
        'or add a unique constraint on the natural key and write ON CONFLICT (<its columns>) DO NOTHING.',
    );
    expect(drafts[1]!.suggestion).toMatch(/^ON CONFLICT DO NOTHING cannot fire: audit_log, as this file creates it, has no primary key or unique constraint, so nothing conflicts\. /);
    // DELETE first re-seeds the table, and a DO block's IF decides itself: neither is reported.
    const guarded = `${sql.split('\n').slice(0, 1).join('\n')}
DELETE FROM memories;
INSERT INTO memories (body) VALUES ('Pool opens at 7') ON CONFLICT DO NOTHING;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM memories) THEN INSERT INTO memories (body) VALUES ('Spa') ON CONFLICT DO NOTHING; END IF;
END $$;`;
    expect(await lint(guarded)).toEqual([]);
  });

  test('a key VALUES fills by a volatile call gets a new value on every run, like a generated key: no ON CONFLICT fix', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS notes (id uuid PRIMARY KEY, body text);
INSERT INTO notes (id, body) VALUES (gen_random_uuid(), 'Check-in is at 3 pm');
INSERT INTO notes VALUES (extensions.uuid_generate_v4(), 'Pool') ON CONFLICT DO NOTHING;
INSERT INTO notes (id, body) VALUES ('7d1c1a4e-0b7e-4d7a-9a53-2f0f3c1d5e01', 'Spa'), (uuid_generate_v1(), 'Gym');
CREATE TABLE IF NOT EXISTS tickets (no bigint PRIMARY KEY, title text);
INSERT INTO tickets VALUES (nextval('ticket_no'), 'Leaking tap');
CREATE TABLE IF NOT EXISTS readings (id serial PRIMARY KEY, at timestamptz UNIQUE, v float8);
INSERT INTO readings (at, v) VALUES (now(), random());
INSERT INTO notes (id, body) VALUES (md5('spa')::uuid, 'Spa');
CREATE TABLE IF NOT EXISTS rooms (id uuid PRIMARY KEY, name text UNIQUE);
INSERT INTO rooms (id, name) VALUES (gen_random_uuid(), 'Suite');`;
    const drafts = await lint(sql);
    // The fix where ON CONFLICT DO NOTHING holds, else why it would not.
    expect(drafts.map((d) => [d.line, d.fix?.replacement ?? d.suggestion!.split('. Insert only')[0]])).toEqual([
      [2, 'ON CONFLICT DO NOTHING would not stop it: the key id of notes, as this file creates it, is filled by gen_random_uuid(), so every run inserts new keys'],
      [3, 'ON CONFLICT DO NOTHING cannot fire: the key id of notes, as this file creates it, is filled by uuid_generate_v4(), so every run inserts new keys'],
      // One row with a fresh key is enough: that row goes in again.
      [4, 'ON CONFLICT DO NOTHING would not stop it: the key id of notes, as this file creates it, is filled by uuid_generate_v1(), so every run inserts new keys'],
      [6, 'ON CONFLICT DO NOTHING would not stop it: the key no of tickets, as this file creates it, is filled by nextval(), so every run inserts new keys'],
      [8, 'ON CONFLICT DO NOTHING would not stop it: the keys of readings, as this file creates it, get new values on every run (id generated by its default, at filled by now()), so every run inserts new keys'],
      // md5() gives the same key on every run, and rooms' name is a key the INSERT fills: ON CONFLICT DO NOTHING holds.
      [9, "INSERT INTO notes (id, body) VALUES (md5('spa')::uuid, 'Spa') ON CONFLICT DO NOTHING;"],
      [11, "INSERT INTO rooms (id, name) VALUES (gen_random_uuid(), 'Suite') ON CONFLICT DO NOTHING;"],
    ]);
  });

  test('ADD ... USING INDEX: the constraint takes the index name when it has none, and a second run raises what the server raises', async () => {
    const sql = `ALTER TABLE users ADD UNIQUE USING INDEX users_email_idx;
ALTER TABLE orders ADD PRIMARY KEY USING INDEX orders_id_idx;
ALTER TABLE carts ADD CONSTRAINT carts_pkey PRIMARY KEY USING INDEX carts_pkey;
ALTER TABLE tickets ADD CONSTRAINT tickets_pkey PRIMARY KEY USING INDEX tickets_no_idx;
CREATE UNIQUE INDEX IF NOT EXISTS rooms_name_idx ON rooms (name);
ALTER TABLE rooms ADD CONSTRAINT rooms_name_key UNIQUE USING INDEX rooms_name_idx;`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => [d.line, d.message])).toEqual([
      [1, 'ADD UNIQUE USING INDEX users_email_idx fails when the file runs a second time: the index users_email_idx is already associated with a constraint (SQLSTATE 55000 object_not_in_prerequisite_state).'],
      [2, 'ADD PRIMARY KEY USING INDEX orders_id_idx fails when the file runs a second time: the index orders_id_idx is already associated with a constraint (SQLSTATE 55000 object_not_in_prerequisite_state).'],
      [3, 'ADD CONSTRAINT carts_pkey fails when the file runs a second time: the index carts_pkey is already associated with a constraint (SQLSTATE 55000 object_not_in_prerequisite_state).'],
      [4, 'ADD CONSTRAINT tickets_pkey fails when the file runs a second time: the first run renamed the index tickets_no_idx to tickets_pkey, so there is no index tickets_no_idx to use (SQLSTATE 42704 undefined_object).'],
      [5, expect.stringMatching(/^CREATE UNIQUE INDEX rooms_name_idx applies twice /)],
      [6, 'ADD CONSTRAINT rooms_name_key fails when the file runs a second time: the index rooms_name_key already exists: the first run renamed rooms_name_idx to it, and the new rooms_name_idx cannot take its name (SQLSTATE 42P07 duplicate_table).'],
    ]);
    expect(drafts[0]!.suggestion).toBe(`Without a constraint name the constraint takes the index's name, users_email_idx. Add it only when it is missing:
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'users_email_idx' AND conrelid = 'users'::regclass) THEN
    ALTER TABLE users ADD UNIQUE USING INDEX users_email_idx;
  END IF;
END $$;`);
    expect(drafts.every((d) => d.fix === undefined)).toBe(true);
  });

  test('ADD CONSTRAINT ... USING INDEX in a DO block: a handler for the SQLSTATE the second run raises is a guard, one for another is named', async () => {
    const block = (statement: string, condition: string) => `DO $$ BEGIN ${statement}; EXCEPTION WHEN ${condition} THEN NULL; END $$;`;
    const remade = (condition: string) =>
      `CREATE UNIQUE INDEX IF NOT EXISTS orders_id_idx ON orders (id);\n${block('ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_idx', condition)}`;
    // The CREATE INDEX before it still builds a duplicate index (its own finding); the ADD itself is guarded.
    expect((await lint(remade('duplicate_table'))).map((d) => d.line)).toEqual([1]);
    const [, wrong] = await lint(remade('invalid_table_definition'));
    expect(wrong!.message).toMatch(/\(SQLSTATE 42P07 duplicate_table\)\. The DO block's handler catches invalid_table_definition, not duplicate_table\.$/);
    const alone = (condition: string) => block('ALTER TABLE orders ADD CONSTRAINT orders_pkey UNIQUE USING INDEX orders_id_idx', condition);
    expect(await lint(alone('undefined_object'))).toEqual([]);
    expect((await lint(alone('duplicate_table')))[0]!.message).toMatch(/The DO block's handler catches duplicate_table, not undefined_object\.$/);
    expect(await lint(block('ALTER TABLE users ADD UNIQUE USING INDEX users_email_idx', 'object_not_in_prerequisite_state'))).toEqual([]);
  });
});

describe('non-idempotent: the fixes hold on the real server', () => {
  const scratch = scratchDatabase('gate_idem');
  const db = scratch.name;

  // What earlier migrations left behind, so the DROP/RENAME statements have something to act on once.
  const history = `CREATE TABLE faqs (id int PRIMARY KEY, q text, old_answer text);
CREATE TABLE legacy_sessions (id int);
CREATE TABLE escalations (id int);
CREATE TYPE escalation_status AS ENUM ('open', 'closed');
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`;

  const migrationSql = `CREATE SCHEMA bot;
CREATE EXTENSION pg_trgm;
CREATE SEQUENCE bot.ticket_no;
CREATE TABLE bot.messages (
  id bigint PRIMARY KEY,
  body text
);
CREATE INDEX idx_messages_body ON bot.messages USING gin (body gin_trgm_ops);
CREATE VIEW bot.recent AS SELECT id FROM bot.messages;
CREATE MATERIALIZED VIEW bot.counts AS SELECT count(*) AS n FROM bot.messages;
CREATE FUNCTION bot.greet() RETURNS text LANGUAGE sql AS $$ SELECT 'hi' $$;
CREATE PROCEDURE bot.noop() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TRIGGER faqs_touch BEFORE UPDATE ON faqs FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE faqs ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Anyone reads faqs" ON faqs FOR SELECT USING (true);
ALTER TABLE faqs ADD COLUMN answer text, DROP COLUMN old_answer;
ALTER TYPE escalation_status ADD VALUE 'pending';
ALTER TABLE escalations RENAME TO handoffs;
DROP TABLE legacy_sessions;
INSERT INTO faqs (id, q) VALUES (1, 'Check-in?'), (2, 'Parking?');
`;

  /** Runs `setup` once, then `sql` twice, on `database`, then `after`: its result, or what `failed` reads from the server's error. */
  async function twoRuns<T>(
    database: string,
    setup: string,
    sql: string,
    after: (client: pg.Client) => Promise<T>,
    failed = (e: Error & { code?: string }): string => e.message,
  ): Promise<T | string> {
    const client = await connectTestServer(database);
    try {
      await client.query(setup);
      await client.query(sql);
      await client.query(sql);
      return await after(client);
    } catch (e) {
      return failed(e as Error & { code?: string });
    } finally {
      await client.end();
    }
  }

  /** Runs `setup` once, then `sql` twice, on `database`; the server's error message, or null. */
  const runTwiceOn = (database: string, setup: string, sql: string) => twoRuns(database, setup, sql, async () => null);

  const reset = 'DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS bot CASCADE; DROP EXTENSION IF EXISTS pg_trgm; CREATE SCHEMA public;';
  const runTwice = (sql: string) => runTwiceOn(db, `${reset}\n${history}`, sql);

  // Objects that live in the database, not a schema: each attempt gets a database of its own.
  let attempt = 0;
  async function runTwiceFresh(setup: string, sql: string): Promise<string | null> {
    const name = `${db}_more_${attempt++}`;
    await scratch.admin().query(`CREATE DATABASE ${name}`);
    try {
      return await runTwiceOn(name, setup, sql);
    } finally {
      await scratch.admin().query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
  }

  /** Each finding's fix, or else the DO block its suggestion gives, applied to `sql`. */
  const applyFixesOrBlocks = (sql: string, drafts: Draft[]) =>
    applyFixes(sql, drafts.map((d) => ({ ...d, fix: d.fix ?? { line: d.line, endLine: d.line, replacement: d.suggestion!.slice(d.suggestion!.indexOf('DO $')) } })));

  test('foreign tables, servers, aggregates, operators, collations, casts, publications, statistics, event triggers', async () => {
    const setup = `CREATE FOREIGN DATA WRAPPER gate_fdw;
CREATE TABLE readings (id int, a int, b int);
CREATE TYPE celsius AS (v numeric);
CREATE TYPE fahrenheit AS (v numeric);
CREATE FUNCTION quiet() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;`;
    const sql = `CREATE SERVER archive FOREIGN DATA WRAPPER gate_fdw;
CREATE FOREIGN TABLE archived_readings (id int) SERVER archive;
CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int);
CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);
CREATE COLLATION plain FROM "C";
CREATE CAST (celsius AS fahrenheit) WITH INOUT;
CREATE PUBLICATION readings_pub FOR TABLE readings;
CREATE STATISTICS readings_ab ON a, b FROM readings;
CREATE EVENT TRIGGER log_ddl ON ddl_command_start EXECUTE FUNCTION quiet();
DROP FOREIGN TABLE archived_readings;
DROP SERVER archive CASCADE;
`;
    expect(await runTwiceFresh(setup, sql)).toBe('function "total" already exists with same argument types');
    const drafts = await lint(sql);
    expect(drafts.map((d) => [d.line, d.message.split(' fails')[0]])).toEqual([
      [3, 'CREATE AGGREGATE total'],
      [4, 'CREATE OPERATOR ==='],
      [5, 'CREATE COLLATION plain'],
      [6, 'CREATE CAST (celsius AS fahrenheit)'],
      [7, 'CREATE PUBLICATION readings_pub'],
      [8, 'CREATE STATISTICS readings_ab'],
      [9, 'CREATE EVENT TRIGGER log_ddl'],
    ]);
    expect(drafts[1]!.message).toContain('(SQLSTATE 42723 duplicate_function)');
    // Server and foreign table are dropped at the end of the file, so each run makes them afresh; no finding.
    // The fix where there is one, the DO block the suggestion gives where there is none: the file then runs twice.
    const fixed = applyFixesOrBlocks(sql, drafts);
    expect(fixed).toContain('CREATE OR REPLACE AGGREGATE total(int)');
    expect(fixed).toContain('CREATE COLLATION IF NOT EXISTS plain FROM "C"');
    expect(fixed).toContain('CREATE STATISTICS IF NOT EXISTS readings_ab');
    expect(await runTwiceFresh(setup, fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);

    // Without the DROPs at the end, the server and foreign table need their guards too.
    const kept = sql.split('\n').slice(0, 2).join('\n');
    const [server, foreign] = await lint(kept);
    expect(server!.fix!.replacement).toBe('CREATE SERVER IF NOT EXISTS archive FOREIGN DATA WRAPPER gate_fdw;');
    expect(foreign!.fix!.replacement).toBe('CREATE FOREIGN TABLE IF NOT EXISTS archived_readings (id int) SERVER archive;');
    expect(await runTwiceFresh(setup, applyFixes(kept, [server!, foreign!]))).toBeNull();
  });

  test('renames, moves, partitions, parents, identities, SELECT INTO, wrappers, mappings, conversions, text search, access methods, rules', async () => {
    const setup = `CREATE TABLE events (id int, kind int) PARTITION BY LIST (kind);
CREATE TABLE events_a (id int, kind int);
CREATE TABLE events_b PARTITION OF events FOR VALUES IN (2);
CREATE TABLE base_log (id int);
CREATE TABLE audit_log (id int);
CREATE TABLE tickets (id int NOT NULL);
CREATE INDEX tickets_id ON tickets (id);
CREATE SEQUENCE ticket_seq;
CREATE VIEW open_tickets AS SELECT id FROM tickets;
CREATE TYPE mood AS ENUM ('ok', 'meh');
CREATE TYPE address AS (street text);
CREATE FUNCTION old_fn() RETURNS int LANGUAGE sql AS 'select 1';
CREATE SCHEMA archive;
CREATE TABLE moved (id int);`;
    const sql = `ALTER INDEX tickets_id RENAME TO tickets_id_idx;
ALTER SEQUENCE ticket_seq RENAME TO ticket_no;
ALTER VIEW open_tickets RENAME TO pending_tickets;
ALTER TYPE mood RENAME TO feeling;
ALTER FUNCTION old_fn() RENAME TO new_fn;
ALTER TYPE feeling RENAME VALUE 'meh' TO 'so-so';
ALTER TYPE address ADD ATTRIBUTE city text;
ALTER TABLE events ATTACH PARTITION events_a FOR VALUES IN (1);
ALTER TABLE events DETACH PARTITION events_b;
ALTER TABLE audit_log INHERIT base_log;
ALTER TABLE tickets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
ALTER TABLE moved SET SCHEMA archive;
SELECT id INTO ticket_copy FROM tickets;
CREATE FOREIGN DATA WRAPPER gate_fdw;
CREATE SERVER gate_srv FOREIGN DATA WRAPPER gate_fdw;
CREATE USER MAPPING FOR CURRENT_USER SERVER gate_srv;
CREATE CONVERSION latin_to_utf FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE TEXT SEARCH CONFIGURATION french_plain (COPY = french);
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE OPERATOR FAMILY int_family USING btree;
CREATE RULE keep_audit AS ON DELETE TO audit_log DO INSTEAD NOTHING;
`;
    expect(await runTwiceFresh(setup, sql)).toBe('relation "tickets_id" does not exist');
    const drafts = await lint(sql);
    // One finding per statement, each with the SQLSTATE the server raised for it on a second run.
    expect(drafts.map((d) => [d.line, /SQLSTATE (\w+)/.exec(d.message)![1]])).toEqual([
      [1, '42P01'], [2, '42P01'], [3, '42P01'], [4, '42704'], [5, '42883'], [6, '22023'], [7, '42701'], [8, '42809'], [9, '42P01'],
      [10, '42P07'], [11, '55000'], [12, '42P01'], [13, '42P07'], [14, '42710'], [15, '42710'], [16, '42710'], [17, '42710'],
      [18, '23505'], [19, '42710'], [20, '42710'], [21, '42710'],
    ]);
    // SELECT INTO has advice in words only: written the way it says.
    const into = drafts.find((d) => d.line === 13)!;
    const fixed = applyFixesOrBlocks(sql, drafts.filter((d) => d !== into)).replace(
      'SELECT id INTO ticket_copy FROM tickets;',
      'CREATE TABLE IF NOT EXISTS ticket_copy AS SELECT id FROM tickets;',
    );
    expect(fixed).toContain('CREATE USER MAPPING IF NOT EXISTS FOR CURRENT_USER SERVER gate_srv;');
    expect(fixed).toContain('CREATE OR REPLACE RULE keep_audit');
    expect(await runTwiceFresh(setup, fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test('a data move that reads the table it drops further down: the server fails the second run, and the blocks the suggestions give run twice', async () => {
    const setup = 'CREATE TABLE old_users (id int PRIMARY KEY, email text); INSERT INTO old_users VALUES (1, \'a@example.com\');';
    const sql = `CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, email text);
INSERT INTO users (id, email) SELECT id, email FROM old_users ON CONFLICT DO NOTHING;
CREATE OR REPLACE VIEW user_emails AS SELECT email FROM old_users;
SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM old_users)) WHERE false;
DROP TABLE IF EXISTS old_users CASCADE;
`;
    expect(await runTwiceFresh(setup, sql)).toBe('relation "old_users" does not exist');
    const drafts = await lint(sql);
    expect(drafts.map((d) => d.line)).toEqual([2, 3, 4]);
    const fixed = applyFixesOrBlocks(sql, drafts);
    expect(await runTwiceFresh(setup, fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test('IF NOT EXISTS goes right before the name in every spelling of CREATE TABLE and CREATE INDEX, and the fixed file runs twice', async () => {
    const sql = `CREATE UNLOGGED TABLE cache_entries (key text PRIMARY KEY, body jsonb);
create global temporary table scratch (id int);
CREATE TABLE measurements (at date, index int) PARTITION BY RANGE (at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE /* audit */ TABLE /* TEMPLATE: schema */events (id int);
CREATE UNIQUE INDEX CONCURRENTLY
  cache_entries_body ON cache_entries ((body->>'id'));
CREATE INDEX measurements_at ON measurements (at);
`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => d.fix?.replacement)).toEqual([
      'CREATE UNLOGGED TABLE IF NOT EXISTS cache_entries (key text PRIMARY KEY, body jsonb);',
      // A temporary table is new in each session, and each run is one (see non-idempotent-hunt2): no finding.
      'CREATE TABLE IF NOT EXISTS measurements (at date, index int) PARTITION BY RANGE (at);',
      "CREATE TABLE IF NOT EXISTS measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
      'CREATE /* audit */ TABLE IF NOT EXISTS /* TEMPLATE: schema */events (id int);',
      "CREATE UNIQUE INDEX CONCURRENTLY\n  IF NOT EXISTS cache_entries_body ON cache_entries ((body->>'id'));",
      'CREATE INDEX IF NOT EXISTS measurements_at ON measurements (at);',
    ]);
    // CONCURRENTLY runs outside a transaction: each statement on its own, as psql -f sends them.
    const fixed = applyFixes(sql, drafts);
    const name = `${db}_spellings`;
    await scratch.admin().query(`CREATE DATABASE ${name}`);
    try {
      // Each run in a session of its own, as a retry or `psql -f` again runs it.
      for (let run = 0; run < 2; run++) {
        const client = await connectTestServer(name);
        for (const statement of fixed.split(';\n').filter((s) => s.trim())) await client.query(statement);
        await client.end();
      }
    } finally {
      await scratch.admin().query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    expect(await lint(fixed)).toEqual([]);
  });

  test('IF NOT EXISTS goes right before the name of each column an ALTER adds, in any spelling of the ALTER, and the fixed file runs twice', async () => {
    const setup = `CREATE SCHEMA "Billing";
CREATE TABLE "Billing"."Orders" (id int);
CREATE TABLE café (id int);
CREATE TABLE orders_log (id int);`;
    const sql = `ALTER TABLE "Billing"."Orders" ADD COLUMN "Note" text, ADD shipped_at timestamptz;
alter table if exists only café
  add column ünits int,
  ADD COLUMN IF NOT EXISTS kept int,
  ADD\tcolumn "say ""hi""" text;
DO $$ BEGIN ALTER TABLE orders_log ADD COLUMN reason text; END $$;
`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => d.fix?.replacement)).toEqual([
      'ALTER TABLE "Billing"."Orders" ADD COLUMN IF NOT EXISTS "Note" text, ADD IF NOT EXISTS shipped_at timestamptz;',
      'alter table if exists only café\n  add column IF NOT EXISTS ünits int,\n  ADD COLUMN IF NOT EXISTS kept int,\n  ADD\tcolumn IF NOT EXISTS "say ""hi""" text;',
      'DO $$ BEGIN ALTER TABLE orders_log ADD COLUMN IF NOT EXISTS reason text; END $$;',
    ]);
    expect(drafts[0]!.suggestion).toBe('Write `ALTER TABLE "Billing"."Orders" ADD COLUMN IF NOT EXISTS "Note" text, ADD IF NOT EXISTS shipped_at timestamptz`.');
    expect(await runTwiceFresh(setup, sql)).toBe('column "Note" of relation "Orders" already exists');
    const fixed = applyFixes(sql, drafts);
    expect(await runTwiceFresh(setup, fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test('a comment before the column name keeps the guard before the comment, which may template the name; the fixed file runs twice', async () => {
    const sql = `ALTER TABLE river_job ADD COLUMN /* TEMPLATE: column */ queue text;
ALTER TABLE river_job ADD -- when it last ran
  attempted_at timestamptz;
ALTER TABLE river_job ADD COLUMN -- column
  tags text[];
`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => d.fix?.replacement)).toEqual([
      'ALTER TABLE river_job ADD COLUMN IF NOT EXISTS /* TEMPLATE: column */ queue text;',
      'ALTER TABLE river_job ADD IF NOT EXISTS -- when it last ran\n  attempted_at timestamptz;',
      'ALTER TABLE river_job ADD COLUMN IF NOT EXISTS -- column\n  tags text[];',
    ]);
    const fixed = applyFixes(sql, drafts);
    expect(await runTwiceFresh('CREATE TABLE river_job (id int);', fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test('the DROP ... IF EXISTS put before a trigger or policy names it as SQL reads it back, whatever its name; the fixed file runs twice', async () => {
    const setup = `CREATE SCHEMA "Billing";
CREATE TABLE "Billing"."Invoices" (id int);
CREATE TABLE "user" (id int);
CREATE TABLE café (id int);
CREATE TABLE billing_mirror$1 (id int);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`;
    const sql = `CREATE TRIGGER "AuditTrig" BEFORE UPDATE ON "Billing"."Invoices" FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER "say ""hi""" BEFORE UPDATE ON "user" FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER "select" BEFORE UPDATE ON café FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER action BEFORE UPDATE ON Billing_Mirror$1 FOR EACH ROW EXECUTE FUNCTION touch();
CREATE POLICY "naïve read" ON "Billing"."Invoices" FOR SELECT USING (true);
CREATE POLICY ünique ON "user" USING (true);
`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => d.fix?.replacement.split('\n')[0])).toEqual([
      'DROP TRIGGER IF EXISTS "AuditTrig" ON "Billing"."Invoices";',
      'DROP TRIGGER IF EXISTS "say ""hi""" ON "user";',
      'DROP TRIGGER IF EXISTS "select" ON "café";',
      'DROP TRIGGER IF EXISTS action ON billing_mirror$1;',
      'DROP POLICY IF EXISTS "naïve read" ON "Billing"."Invoices";',
      'DROP POLICY IF EXISTS "ünique" ON "user";',
    ]);
    const fixed = applyFixes(sql, drafts);
    expect(await runTwiceFresh(setup, fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test('ON CONFLICT DO NOTHING ends an INSERT of any shape (joins, UNION, a comment after it), and the fixed file runs twice', async () => {
    const setup = `CREATE TABLE plans (id int PRIMARY KEY, name text DEFAULT 'basic');
CREATE TABLE legacy_plans (id int, name text);
CREATE TABLE legacy_names (id int, name text);
INSERT INTO legacy_plans VALUES (1, 'a'), (2, 'b');
INSERT INTO legacy_names VALUES (1, 'x');`;
    const sql = `INSERT INTO plans (id) VALUES (10);
INSERT INTO plans SELECT p.id, n.name FROM legacy_plans p NATURAL JOIN legacy_names n;
INSERT INTO plans SELECT p.id + 100, n.name FROM legacy_plans p CROSS JOIN legacy_names n;
INSERT INTO plans SELECT p.id + 200, n.name FROM legacy_plans p LEFT JOIN legacy_names n USING (id);
INSERT INTO plans (id) SELECT 300 UNION SELECT 301 ORDER BY 1 LIMIT 2;
INSERT INTO plans (id) VALUES (400) -- the default plan
  ;
`;
    const drafts = await lint(sql);
    expect(drafts.map((d) => d.fix?.replacement)).toEqual([
      'INSERT INTO plans (id) VALUES (10) ON CONFLICT DO NOTHING;',
      'INSERT INTO plans SELECT p.id, n.name FROM legacy_plans p NATURAL JOIN legacy_names n ON CONFLICT DO NOTHING;',
      'INSERT INTO plans SELECT p.id + 100, n.name FROM legacy_plans p CROSS JOIN legacy_names n ON CONFLICT DO NOTHING;',
      'INSERT INTO plans SELECT p.id + 200, n.name FROM legacy_plans p LEFT JOIN legacy_names n USING (id) ON CONFLICT DO NOTHING;',
      'INSERT INTO plans (id) SELECT 300 UNION SELECT 301 ORDER BY 1 LIMIT 2 ON CONFLICT DO NOTHING;',
      'INSERT INTO plans (id) VALUES (400) ON CONFLICT DO NOTHING -- the default plan',
    ]);
    const fixed = applyFixes(sql, drafts);
    expect(await runTwiceFresh(setup, fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test('a RENAME of what the file creates with IF NOT EXISTS collides with its own result; IF EXISTS would not help', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS accounts (id int);
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS nick text;
ALTER TABLE accounts RENAME COLUMN nick TO display_name;
ALTER TABLE accounts RENAME TO customers;
`;
    // The server's word on the second run: the guarded CREATE made a fresh accounts, and customers is taken.
    expect(await runTwice(sql)).toBe('relation "customers" already exists');
    expect(await runTwice(sql.replace('ALTER TABLE accounts RENAME TO', 'ALTER TABLE IF EXISTS accounts RENAME TO'))).toBe(
      'relation "customers" already exists',
    );
    const [column, table, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(column!.message).toBe(
      'RENAME COLUMN nick TO display_name fails when the file runs a second time: the column already exists (SQLSTATE 42701 duplicate_column).',
    );
    expect(table!.message).toBe(
      'RENAME TABLE accounts TO customers fails when the file runs a second time: the table already exists (SQLSTATE 42P07 duplicate_table).',
    );
    expect(table!.suggestion).toBe(
      'On a second run `CREATE TABLE IF NOT EXISTS accounts (id int)` finds no table accounts (this statement renamed it) and creates it again, so the rename then collides with the table it renamed last time. ' +
        'Create the table under its final name customers and remove the rename; in a migration already applied somewhere, guard the rename on the new name not existing yet.',
    );
    expect([column!.fix, table!.fix]).toEqual([undefined, undefined]);
    // What the advice says to write runs twice.
    expect(await runTwice('CREATE TABLE IF NOT EXISTS customers (id int);\nALTER TABLE customers ADD COLUMN IF NOT EXISTS display_name text;\n')).toBeNull();
  });

  test('the file as written fails on its second run; with every fix applied it runs twice and lints clean', async () => {
    expect(await runTwice(migrationSql)).toBe('schema "bot" already exists');
    const drafts = await lint(migrationSql);
    expect(drafts.every((d) => d.fix)).toBe(true);
    expect(drafts.map((d) => d.line)).toEqual([1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20]);
    const fixed = applyFixes(migrationSql, drafts);
    expect(await runTwice(fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test("Prisma's enum swap, a domain behind its DROP and a matview's index after a CASCADE drop run twice: no findings", async () => {
    const setup = `CREATE TYPE "PromptType" AS ENUM ('CHAT', 'COMPLETION', 'TYPO');
CREATE TABLE "Prompt" (id int PRIMARY KEY, type "PromptType" NOT NULL);
CREATE TABLE wallets (member int, identity int);`;
    const sql = `CREATE TYPE "PromptType_new" AS ENUM ('CHAT', 'COMPLETION');
ALTER TABLE "Prompt" ALTER COLUMN "type" TYPE "PromptType_new" USING ("type"::text::"PromptType_new");
ALTER TYPE "PromptType" RENAME TO "PromptType_old";
ALTER TYPE "PromptType_new" RENAME TO "PromptType";
DROP TYPE "PromptType_old";
DROP DOMAIN IF EXISTS email CASCADE;
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
DROP MATERIALIZED VIEW IF EXISTS wallet_members CASCADE;
CREATE MATERIALIZED VIEW IF NOT EXISTS wallet_members AS SELECT DISTINCT member, identity FROM wallets;
CREATE UNIQUE INDEX uidx_wallet_member_identity ON wallet_members (member, identity);`;
    expect(await runTwiceFresh(setup, sql)).toBeNull();
    expect(await lint(sql)).toEqual([]);
  });

  test('a temporary table made ON COMMIT DROP is new on every run, and so are its rows and index; a plain temporary one is new in every session', async () => {
    const setup = 'CREATE TABLE accounts (id int PRIMARY KEY, legacy_id int);';
    const sql = `CREATE TEMP TABLE id_map (legacy_id int, id int) ON COMMIT DROP;
INSERT INTO id_map SELECT legacy_id, id FROM accounts;
CREATE INDEX id_map_legacy ON id_map (legacy_id);
CREATE TEMPORARY TABLE totals ON COMMIT DROP AS SELECT count(*) AS n FROM id_map;`;
    expect(await runTwiceFresh(setup, sql)).toBeNull();
    expect(await lint(sql)).toEqual([]);
    // It outlives the run in its session, but a second run (a retry, `psql -f` again) is a session of its own: see non-idempotent-hunt2.
    const plain = 'CREATE TEMP TABLE id_map (legacy_id int, id int);';
    expect(await runTwiceFresh(setup, plain)).toBe('relation "id_map" already exists');
    expect(await lint(plain)).toEqual([]);
  });

  test('a CREATE then RENAME of the same name: the CREATE runs again, the RENAME collides, and the finding says so', async () => {
    const sql = `CREATE TYPE mood AS ENUM ('ok');
ALTER TYPE mood RENAME TO feeling;
CREATE DOMAIN handle AS text;`;
    expect(await runTwiceFresh('', sql)).toBe('type "feeling" already exists');
    const [rename, domain, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(rename!.line).toBe(2);
    expect(rename!.message).toBe('RENAME TYPE mood TO feeling fails when the file runs a second time: the type already exists (SQLSTATE 42710 duplicate_object).');
    expect(rename!.suggestion).toContain('On a second run `CREATE TYPE mood AS ENUM (\'ok\')` finds no type mood (this statement renamed it) and creates it again');
    expect(domain!.message).toMatch(/^CREATE DOMAIN handle fails when the file runs a second time: the type already exists/);
  });

  test("Hasura's archive pattern: RENAME then SET SCHEMA of a qualified view and function collides at the move, not the rename; a trigger on the new view is new", async () => {
    const setup = `CREATE SCHEMA route;
CREATE SCHEMA deleted;
CREATE TABLE route.base (id int);
CREATE VIEW route.route AS SELECT id FROM route.base;
CREATE FUNCTION route.insert_route() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;`;
    const sql = `ALTER VIEW route.route RENAME TO route_old;
ALTER VIEW route.route_old SET SCHEMA deleted;
CREATE VIEW route.route AS SELECT id FROM route.base;
ALTER FUNCTION route.insert_route() RENAME TO insert_route_old;
ALTER FUNCTION route.insert_route_old() SET SCHEMA deleted;
CREATE FUNCTION route.insert_route() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER route_insert INSTEAD OF INSERT ON route.route FOR EACH ROW EXECUTE FUNCTION route.insert_route();
`;
    expect(await runTwiceFresh(setup, sql)).toBe('relation "route_old" already exists in schema "deleted"');
    const [view, fn, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    expect(view!.line).toBe(2);
    expect(view!.message).toBe(
      'ALTER VIEW route.route_old SET SCHEMA deleted fails when the file runs a second time: the view already exists (SQLSTATE 42P07 duplicate_table).',
    );
    expect(view!.suggestion).toBe(
      'On a second run view route.route_old is there again, so the move then collides with the view it moved last time. ' +
        'Drop deleted.route_old before the move if the copy moved last time may go, or move only while deleted.route_old does not exist yet.',
    );
    expect(view!.fix).toBeUndefined();
    expect(fn!.line).toBe(5);
    expect(fn!.message).toContain('(SQLSTATE 42723 duplicate_function)');
    // What the advice says to write runs twice and lints clean.
    const advised = sql
      .replace('ALTER VIEW route.route_old SET', 'DROP VIEW IF EXISTS deleted.route_old;\nALTER VIEW route.route_old SET')
      .replace('ALTER FUNCTION route.insert_route_old() SET', 'DROP FUNCTION IF EXISTS deleted.insert_route_old();\nALTER FUNCTION route.insert_route_old() SET');
    expect(await runTwiceFresh(setup, advised)).toBeNull();
    expect(await lint(advised)).toEqual([]);
  });

  test("RENAME COLUMN's guard looks at the table it renames in, not a namesake in another schema (Supabase's auth.users has an id)", async () => {
    const setup = 'CREATE SCHEMA auth;\nCREATE TABLE auth.users (id uuid);\nCREATE TABLE public.users (id int);';
    const sql = 'alter table "public"."users" rename column "id" to "user_id";\n';
    const [finding, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    const advised = finding!.suggestion!.replace('Rename only while the old name is there:\n', '');
    expect(advised).toContain("attrelid = to_regclass('public.users') AND attname = 'id' AND NOT attisdropped");
    // The guard it used to offer, on information_schema.columns by table name, sees auth.users.id and renames again.
    expect(await runTwiceFresh(setup, advised.replace(/pg_attribute WHERE .* AND NOT attisdropped/, "information_schema.columns WHERE table_name = 'users' AND column_name = 'id'"))).toBe(
      'column "id" does not exist',
    );
    expect(await runTwiceFresh(setup, advised)).toBeNull();
  });

  /** What two runs of `sql` on a clean schema leave behind: the rows `query` returns. */
  const afterTwoRuns = (sql: string, query: string) => twoRuns(db, reset, sql, async (client) => (await client.query(query)).rows);

  test('ON CONFLICT DO NOTHING lets a second run insert again when the default makes the key; the advised INSERT ... WHERE NOT EXISTS does not', async () => {
    const table = 'CREATE TABLE IF NOT EXISTS memories (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text NOT NULL);\n';
    const bare = `${table}INSERT INTO memories (body) VALUES ('Check-in is at 3 pm'), ('Pool opens at 7');`;
    const count = 'SELECT count(*)::int AS n FROM memories';
    // What the rule used to offer, on the server: every run adds both rows again.
    expect(await afterTwoRuns(`${bare.slice(0, -1)} ON CONFLICT DO NOTHING;`, count)).toEqual([{ n: 4 }]);
    const [finding, ...rest] = await lint(bare);
    expect(rest).toEqual([]);
    expect(finding!.fix).toBeUndefined();
    const advised = `${table}INSERT INTO memories (body)
SELECT body FROM (VALUES ('Check-in is at 3 pm'), ('Pool opens at 7')) AS seed (body)
WHERE NOT EXISTS (SELECT 1 FROM memories WHERE memories.body = seed.body);`;
    expect(await afterTwoRuns(advised, count)).toEqual([{ n: 2 }]);
    expect(await lint(advised)).toEqual([]);

    // A natural key the INSERT fills: the ON CONFLICT fix the rule keeps offering holds.
    const tags = `CREATE TABLE IF NOT EXISTS tags (id serial PRIMARY KEY, slug text NOT NULL UNIQUE);\nINSERT INTO tags (slug) VALUES ('pool'), ('spa');`;
    const fixed = applyFixes(tags, await lint(tags));
    expect(fixed).toContain("INSERT INTO tags (slug) VALUES ('pool'), ('spa') ON CONFLICT DO NOTHING;");
    expect(await afterTwoRuns(fixed, 'SELECT count(*)::int AS n FROM tags')).toEqual([{ n: 2 }]);
  });

  test('CREATE UNIQUE INDEX IF NOT EXISTS before a guarded ADD CONSTRAINT ... USING INDEX leaves a duplicate index; both advised forms do not', async () => {
    const table = 'CREATE TABLE IF NOT EXISTS users (id int NOT NULL, email text);\n';
    const guarded = (body: string) => `DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'users_email_key' AND conrelid = 'users'::regclass) THEN
${body}
  END IF;
END $$;`;
    const indexes = "SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'users'::regclass ORDER BY 1";
    const sql = `${table}CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON users (email);
${guarded('    ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;')}`;
    // The first run renamed users_email_idx to users_email_key; the second built users_email_idx again.
    expect(await afterTwoRuns(sql, indexes)).toEqual([{ name: 'users_email_idx' }, { name: 'users_email_key' }]);
    expect((await lint(sql)).map((d) => [d.line, d.message.split(' applies')[0]])).toEqual([[2, 'CREATE UNIQUE INDEX users_email_idx']]);

    const named = sql.replaceAll('users_email_idx', 'users_email_key');
    const inside = `${table}${guarded(
      '    CREATE UNIQUE INDEX users_email_idx ON users (email);\n    ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;',
    )}`;
    for (const advised of [named, inside]) {
      expect(await afterTwoRuns(advised, indexes)).toEqual([{ name: 'users_email_key' }]);
      expect(await lint(advised)).toEqual([]);
    }
  });
  test('an INSERT whose key no run repeats goes in again on the server, ON CONFLICT DO NOTHING or not: the rule reports each, and only those', async () => {
    const sql = `CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE SEQUENCE IF NOT EXISTS ticket_no;
CREATE TABLE IF NOT EXISTS memories (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text NOT NULL);
INSERT INTO memories (body) VALUES ('Check-in is at 3 pm') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS audit_log (note text);
INSERT INTO audit_log VALUES ('seeded') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS notes (id uuid PRIMARY KEY, body text);
INSERT INTO notes VALUES (gen_random_uuid(), 'a'), (uuid_generate_v4(), 'b'), (uuid_generate_v1(), 'c') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS tickets (no bigint PRIMARY KEY, title text);
INSERT INTO tickets VALUES (nextval('ticket_no'), 'Leaking tap') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS stamps (at timestamptz PRIMARY KEY);
INSERT INTO stamps VALUES (now()) ON CONFLICT DO NOTHING;
INSERT INTO stamps VALUES (clock_timestamp());
CREATE TABLE IF NOT EXISTS draws (x float8 PRIMARY KEY);
INSERT INTO draws VALUES (random()) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS tags (id serial PRIMARY KEY, slug text NOT NULL UNIQUE);
INSERT INTO tags (slug) VALUES ('pool') ON CONFLICT DO NOTHING;`;
    const counts = `SELECT (SELECT count(*) FROM memories)::int AS memories, (SELECT count(*) FROM audit_log)::int AS audit_log,
  (SELECT count(*) FROM notes)::int AS notes, (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM stamps)::int AS stamps,
  (SELECT count(*) FROM draws)::int AS draws, (SELECT count(*) FROM tags)::int AS tags`;
    // Every table but tags holds each row twice after two runs: no ON CONFLICT fired.
    expect(await afterTwoRuns(sql, counts)).toEqual([{ memories: 2, audit_log: 2, notes: 6, tickets: 2, stamps: 4, draws: 2, tags: 1 }]);
    const drafts = await lint(sql);
    expect(drafts.map((d) => d.line)).toEqual([4, 6, 8, 10, 12, 13, 15]);
    expect(drafts.every((d) => d.message.endsWith('applies twice when the file runs a second time: the rows are inserted again.') && !d.fix)).toBe(true);

    // The advised form: only the rows that are missing, whatever fills the key.
    const advised = `CREATE TABLE IF NOT EXISTS notes (id uuid PRIMARY KEY, body text);
INSERT INTO notes (id, body)
SELECT gen_random_uuid(), body FROM (VALUES ('a'), ('b')) AS seed (body)
WHERE NOT EXISTS (SELECT 1 FROM notes WHERE notes.body = seed.body);`;
    expect(await afterTwoRuns(advised, 'SELECT count(*)::int AS n FROM notes')).toEqual([{ n: 2 }]);
    expect(await lint(advised)).toEqual([]);
  });

  test('ADD ... USING INDEX: the SQLSTATE the rule names is the one the server raises on the second run, and the advised guards hold', async () => {
    const table = 'CREATE TABLE IF NOT EXISTS orders (id int NOT NULL, ref text);\n';
    const made = (index: string, column: string) => `${table}CREATE UNIQUE INDEX IF NOT EXISTS ${index} ON orders (${column});\n`;
    /** The SQLSTATE two runs of `sql` raise after `setup`, and the one the rule names for its last statement. */
    const states = async (setup: string, sql: string) => {
      const server = await twoRuns(db, `${reset}\n${setup}`, sql, async () => null, (e) => e.code ?? e.message);
      const drafts = await lint(sql);
      return [server, /SQLSTATE (\w+)/.exec(drafts[drafts.length - 1]!.message)?.[1]];
    };
    // Unnamed, or named like its index: the constraint has the index's name, and the index is taken.
    expect(await states('', `${made('orders_ref_idx', 'ref')}ALTER TABLE orders ADD UNIQUE USING INDEX orders_ref_idx;`)).toEqual(['55000', '55000']);
    expect(await states('', `${made('orders_id_idx', 'id')}ALTER TABLE orders ADD PRIMARY KEY USING INDEX orders_id_idx;`)).toEqual(['55000', '55000']);
    expect(await states('', `${made('orders_pkey', 'id')}ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey;`)).toEqual(['55000', '55000']);
    // Named otherwise, with the index made again first: renaming it onto the constraint's index fails.
    const renamed = (words: string) => `ALTER TABLE orders ADD CONSTRAINT orders_pkey ${words} USING INDEX orders_id_idx`;
    expect(await states('', `${made('orders_id_idx', 'id')}${renamed('PRIMARY KEY')};`)).toEqual(['42P07', '42P07']);
    expect(await states('', `${made('orders_id_idx', 'id')}${renamed('UNIQUE')};`)).toEqual(['42P07', '42P07']);
    // Named otherwise, the index made by an earlier migration: the second run finds no index of that name.
    const earlier = `${table}CREATE UNIQUE INDEX orders_id_idx ON orders (id);`;
    expect(await states(earlier, `${renamed('PRIMARY KEY')};`)).toEqual(['42704', '42704']);
    expect(await states(earlier, `${renamed('UNIQUE')};`)).toEqual(['42704', '42704']);

    // The suggested pg_constraint guard on the index's name runs twice and lints clean.
    const unnamed = `${made('orders_ref_idx', 'ref')}ALTER TABLE orders ADD UNIQUE USING INDEX orders_ref_idx;`;
    const guarded = applyFixesOrBlocks(unnamed, await lint(unnamed));
    expect(guarded).toContain("IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_ref_idx' AND conrelid = 'orders'::regclass) THEN");
    expect(await runTwice(guarded)).toBeNull();
    expect(await lint(guarded)).toEqual([]);
    // A DO block's handler for duplicate_table guards the renaming ADD; one for invalid_table_definition does not.
    const handled = (condition: string) =>
      `${made('orders_id_idx', 'id')}DO $$ BEGIN ${renamed('PRIMARY KEY')}; EXCEPTION WHEN ${condition} THEN NULL; END $$;`;
    expect(await runTwice(handled('duplicate_table'))).toBeNull();
    expect((await lint(handled('duplicate_table'))).map((d) => d.message.split(' applies')[0])).toEqual(['CREATE UNIQUE INDEX orders_id_idx']);
    expect(await runTwice(handled('invalid_table_definition'))).toBe('relation "orders_pkey" already exists');
    expect((await lint(handled('invalid_table_definition')))[1]!.message).toMatch(/^ADD CONSTRAINT orders_pkey fails .*\(SQLSTATE 42P07 duplicate_table\)\./);
  });

  /** Each finding's line and the reason its suggestion gives for ON CONFLICT DO NOTHING, or its fix. */
  const reasons = (drafts: Draft[]) => drafts.map((d) => [d.line, d.fix?.replacement ?? d.suggestion!.split('. Insert only')[0]]);

  test('a UNIQUE key an INSERT leaves NULL stops nothing, NULLS NOT DISTINCT and a constant default do: the rule says so where the server does', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS tags (name text, slug text UNIQUE);
INSERT INTO tags (name) VALUES ('pool');
INSERT INTO tags (name) VALUES ('spa') ON CONFLICT DO NOTHING;
INSERT INTO tags (name, slug) VALUES ('gym', NULL) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS rooms (id serial PRIMARY KEY, name text, code text UNIQUE);
INSERT INTO rooms (name) VALUES ('Suite') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS labels (name text, slug text UNIQUE NULLS NOT DISTINCT);
INSERT INTO labels (name) VALUES ('pool') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS kinds (name text, slug text UNIQUE DEFAULT 'none');
INSERT INTO kinds (name) VALUES ('pool') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS sizes (name text, slug text);
ALTER TABLE sizes ALTER COLUMN slug SET DEFAULT 'm';
CREATE UNIQUE INDEX IF NOT EXISTS sizes_slug ON sizes (slug);
INSERT INTO sizes (name) VALUES ('medium') ON CONFLICT DO NOTHING;`;
    const counts = `SELECT (SELECT count(*) FROM tags)::int AS tags, (SELECT count(*) FROM rooms)::int AS rooms,
  (SELECT count(*) FROM labels)::int AS labels, (SELECT count(*) FROM kinds)::int AS kinds, (SELECT count(*) FROM sizes)::int AS sizes`;
    // Every INSERT into tags and rooms went in twice; a NULL that conflicts, and a default that repeats, stopped the others.
    expect(await afterTwoRuns(sql, counts)).toEqual([{ tags: 6, rooms: 2, labels: 1, kinds: 1, sizes: 1 }]);
    const drafts = await lint(sql);
    // The bare INSERT is offered no ON CONFLICT DO NOTHING it could not use.
    expect(reasons(drafts)).toEqual([
      [2, 'ON CONFLICT DO NOTHING would not stop it: the key slug of tags, as this file creates it, is left NULL by this INSERT, and NULLs never conflict, so every run inserts the rows again'],
      [3, 'ON CONFLICT DO NOTHING cannot fire: the key slug of tags, as this file creates it, is left NULL by this INSERT, and NULLs never conflict, so every run inserts the rows again'],
      [4, 'ON CONFLICT DO NOTHING cannot fire: the key slug of tags, as this file creates it, is left NULL by this INSERT, and NULLs never conflict, so every run inserts the rows again'],
      [6, 'ON CONFLICT DO NOTHING cannot fire: the keys of rooms, as this file creates it, never repeat (id generated by its default, code left NULL by this INSERT), and NULLs never conflict, so every run inserts the rows again'],
    ]);
    expect(drafts.every((d) => d.fix === undefined)).toBe(true);
  });

  test('a volatile call in INSERT ... SELECT, uuid_generate_v1mc() and CURRENT_TIMESTAMP give new keys on the server, CURRENT_DATE does not: the rule agrees', async () => {
    const sql = `CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TABLE IF NOT EXISTS notes (id uuid PRIMARY KEY, body text);
INSERT INTO notes (id, body) SELECT gen_random_uuid(), 'a' ON CONFLICT DO NOTHING;
INSERT INTO notes SELECT uuid_generate_v1mc(), 'b' ON CONFLICT DO NOTHING;
INSERT INTO notes (id, body) SELECT md5('c')::uuid, 'c' UNION ALL SELECT gen_random_uuid(), 'd' ON CONFLICT DO NOTHING;
INSERT INTO notes (id, body) SELECT md5('e')::uuid, 'e' ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS stamps (at timestamptz PRIMARY KEY, note text);
INSERT INTO stamps VALUES (CURRENT_TIMESTAMP, 'a') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS moments (at timestamp PRIMARY KEY, note text);
INSERT INTO moments (at, note) SELECT LOCALTIMESTAMP, 'b';
CREATE TABLE IF NOT EXISTS days (d date PRIMARY KEY);
INSERT INTO days VALUES (CURRENT_DATE) ON CONFLICT DO NOTHING;`;
    const counts = `SELECT (SELECT count(*) FROM notes)::int AS notes, (SELECT count(*) FROM stamps)::int AS stamps,
  (SELECT count(*) FROM moments)::int AS moments, (SELECT count(*) FROM days)::int AS days`;
    // notes: a, b and d twice, c and e once. The clocks tell a run's start, so each run's row is new.
    expect(await afterTwoRuns(sql, counts)).toEqual([{ notes: 8, stamps: 2, moments: 2, days: 1 }]);
    expect(reasons(await lint(sql))).toEqual([
      [3, 'ON CONFLICT DO NOTHING cannot fire: the key id of notes, as this file creates it, is filled by gen_random_uuid(), so every run inserts new keys'],
      // Without a column list, the SELECT fills the columns in order.
      [4, 'ON CONFLICT DO NOTHING cannot fire: the key id of notes, as this file creates it, is filled by uuid_generate_v1mc(), so every run inserts new keys'],
      // One side of the UNION with a fresh key is enough: that row goes in again.
      [5, 'ON CONFLICT DO NOTHING cannot fire: the key id of notes, as this file creates it, is filled by gen_random_uuid(), so every run inserts new keys'],
      [8, 'ON CONFLICT DO NOTHING cannot fire: the key at of stamps, as this file creates it, is filled by CURRENT_TIMESTAMP, so every run inserts new keys'],
      [10, 'ON CONFLICT DO NOTHING would not stop it: the key at of moments, as this file creates it, is filled by LOCALTIMESTAMP, so every run inserts new keys'],
    ]);
  });

  test('a volatile call behind a prefix, a constant shift, concat() or md5() still gives new keys on the server, date_trunc() and a rounded random() repeat: the rule agrees', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS events (id text PRIMARY KEY);
INSERT INTO events VALUES ('evt-' || gen_random_uuid()) ON CONFLICT DO NOTHING;
INSERT INTO events VALUES (concat('k-', gen_random_uuid())) ON CONFLICT DO NOTHING;
INSERT INTO events VALUES (md5(random()::text)) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS slots (at timestamptz PRIMARY KEY);
INSERT INTO slots VALUES (now() + interval '1 day') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS hours (at timestamptz PRIMARY KEY);
INSERT INTO hours VALUES (date_trunc('day', now())) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS dice (n int PRIMARY KEY);
INSERT INTO dice VALUES ((random() * 0)::int) ON CONFLICT DO NOTHING;`;
    const counts = 'SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM slots)::int AS slots, (SELECT count(*) FROM hours)::int AS hours, (SELECT count(*) FROM dice)::int AS dice';
    // events and slots get a row more on each run; hours repeats all day (two runs either side of midnight aside), dice always.
    expect(await afterTwoRuns(sql, counts)).toEqual([{ events: 6, slots: 2, hours: 1, dice: 1 }]);
    expect(reasons(await lint(sql))).toEqual([
      [2, 'ON CONFLICT DO NOTHING cannot fire: the key id of events, as this file creates it, is filled by gen_random_uuid(), so every run inserts new keys'],
      [3, 'ON CONFLICT DO NOTHING cannot fire: the key id of events, as this file creates it, is filled by gen_random_uuid(), so every run inserts new keys'],
      [4, 'ON CONFLICT DO NOTHING cannot fire: the key id of events, as this file creates it, is filled by random(), so every run inserts new keys'],
      [6, 'ON CONFLICT DO NOTHING cannot fire: the key at of slots, as this file creates it, is filled by now(), so every run inserts new keys'],
    ]);
    // Without ON CONFLICT, the advice is WHERE NOT EXISTS, not the ON CONFLICT that would not stop it.
    const [bare] = await lint("CREATE TABLE IF NOT EXISTS events (id text PRIMARY KEY);\nINSERT INTO events VALUES ('evt-' || gen_random_uuid());");
    expect(bare!.fix).toBeUndefined();
    expect(bare!.suggestion).toMatch(/^ON CONFLICT DO NOTHING would not stop it: .*filled by gen_random_uuid\(\), so every run inserts new keys\. Insert only the rows that are missing, INSERT INTO events \(\.\.\.\) SELECT \.\.\. WHERE NOT EXISTS/);
  });

  test('DROP CONSTRAINT IF EXISTS before or after ADD ... USING INDEX drops the index too: the second run fails with 42704, and the advised CREATE holds', async () => {
    const setup = 'CREATE TABLE orders (id int NOT NULL, ref text);\nCREATE UNIQUE INDEX orders_ref_idx ON orders (ref);';
    const drop = (name: string) => `ALTER TABLE orders DROP CONSTRAINT IF EXISTS ${name};`;
    const add = 'ALTER TABLE orders ADD UNIQUE USING INDEX orders_ref_idx;';
    const addNamed = 'ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_idx;';
    const remake = 'CREATE UNIQUE INDEX IF NOT EXISTS orders_ref_idx ON orders (ref);';
    /** The SQLSTATE two runs of `sql` raise after `setup`, and each finding's line and SQLSTATE. */
    const judged = async (sql: string) => [
      await twoRuns(db, `${reset}\n${setup}`, sql, async () => null, (e) => e.code ?? e.message),
      (await lint(sql)).map((d) => [d.line, /SQLSTATE (\w+)/.exec(d.message)?.[1]]),
    ];
    expect(await judged(`${drop('orders_ref_idx')}\n${add}`)).toEqual(['42704', [[2, '42704']]]);
    expect(await judged(`${add}\n${drop('orders_ref_idx')}`)).toEqual(['42704', [[1, '42704']]]);
    expect(await judged(`${remake}\n${drop('orders_ref_idx')}\n${add}`)).toEqual(['42704', [[3, '42704']]]);
    expect(await judged(`${drop('orders_ref_key')}\n${addNamed}`)).toEqual(['42704', [[2, '42704']]]);

    const [finding] = await lint(`${drop('orders_ref_idx')}\n${add}`);
    expect(finding!.message).toBe(
      'ADD UNIQUE USING INDEX orders_ref_idx fails when the file runs a second time: the index orders_ref_idx became part of the constraint orders_ref_idx, ' +
        'and dropping the constraint dropped the index too, so there is no index orders_ref_idx to use (SQLSTATE 42704 undefined_object).',
    );
    expect(finding!.suggestion).toBe(
      'Make the index again right before this statement, CREATE UNIQUE INDEX IF NOT EXISTS orders_ref_idx ON orders (...): dropping the constraint orders_ref_idx takes its index with it.',
    );
    // As advised, each runs twice and lints clean; the named ADD renames the index again, with no duplicate left behind.
    for (const advised of [`${drop('orders_ref_idx')}\n${remake}\n${add}`, `${remake}\n${add}\n${drop('orders_ref_idx')}`, `${drop('orders_ref_key')}\n${remake}\n${addNamed}`]) {
      expect(await judged(advised)).toEqual([null, []]);
    }
    const indexes = "SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'orders'::regclass";
    expect(await twoRuns(db, `${reset}\n${setup}`, `${drop('orders_ref_key')}\n${remake}\n${addNamed}`, async (c) => (await c.query(indexes)).rows)).toEqual([{ name: 'orders_ref_key' }]);
  });

  test('a guarded CREATE TABLE may meet a table made before the file, with keys of its own: the reason says it read the keys this file gives', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS memories (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text);
INSERT INTO memories (body) VALUES ('Check-in is at 3 pm') ON CONFLICT DO NOTHING;`;
    const count = async (setup: string) => twoRuns(db, `${reset}\n${setup}`, sql, async (c) => (await c.query('SELECT count(*)::int AS n FROM memories')).rows);
    // Made by this file, the table lets every run insert again; made before with a natural key, it does not.
    expect(await count('')).toEqual([{ n: 2 }]);
    expect(await count('CREATE TABLE memories (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text UNIQUE);')).toEqual([{ n: 1 }]);
    expect(reasons(await lint(sql))).toEqual([
      [2, 'ON CONFLICT DO NOTHING cannot fire: the key id of memories, as this file creates it, is generated by its default, so every run inserts new keys'],
    ]);
    // A plain CREATE TABLE leaves no doubt whose keys they are (it fails itself on a second run).
    const [, insert] = await lint(sql.replace('IF NOT EXISTS ', ''));
    expect(insert!.suggestion).toMatch(/^ON CONFLICT DO NOTHING cannot fire: the key id of memories is generated by its default, /);
  });

  test('uuidv4(), uuidv7() and casts that keep a volatile call new give new keys on every run; now()::date does not: the rule agrees', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS codes (code text PRIMARY KEY);
INSERT INTO codes VALUES (gen_random_uuid()::text) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS stamps (at text PRIMARY KEY);
INSERT INTO stamps VALUES (CAST(now() AS text)) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS notes (id uuid PRIMARY KEY, body text);
INSERT INTO notes VALUES (gen_random_uuid()::text::uuid, 'a') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS days (d date PRIMARY KEY);
INSERT INTO days VALUES (now()::date) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS years (y text PRIMARY KEY);
INSERT INTO years VALUES (CAST(now() AS varchar(4))) ON CONFLICT DO NOTHING;`;
    const counts = `SELECT (SELECT count(*) FROM codes)::int AS codes, (SELECT count(*) FROM stamps)::int AS stamps,
  (SELECT count(*) FROM notes)::int AS notes, (SELECT count(*) FROM days)::int AS days, (SELECT count(*) FROM years)::int AS years`;
    // The day, and the year a length cuts the time to, repeat between the runs: ON CONFLICT fires for those.
    expect(await afterTwoRuns(sql, counts)).toEqual([{ codes: 2, stamps: 2, notes: 2, days: 1, years: 1 }]);
    expect(reasons(await lint(sql))).toEqual([
      [2, 'ON CONFLICT DO NOTHING cannot fire: the key code of codes, as this file creates it, is filled by gen_random_uuid(), so every run inserts new keys'],
      [4, 'ON CONFLICT DO NOTHING cannot fire: the key at of stamps, as this file creates it, is filled by now(), so every run inserts new keys'],
      [6, 'ON CONFLICT DO NOTHING cannot fire: the key id of notes, as this file creates it, is filled by gen_random_uuid(), so every run inserts new keys'],
    ]);

    // PostgreSQL 18's own uuidv4() and uuidv7() are volatile (the local server predates them; PGlite runs 18).
    const uuids = `CREATE TABLE IF NOT EXISTS notes (id uuid PRIMARY KEY, body text);
INSERT INTO notes VALUES (uuidv4(), 'a') ON CONFLICT DO NOTHING;
INSERT INTO notes (body, id) VALUES ('b', uuidv7()) ON CONFLICT DO NOTHING;
INSERT INTO notes VALUES (uuidv7()::text::uuid, 'c') ON CONFLICT DO NOTHING;`;
    const pglite = new PGlite();
    try {
      const volatility = await pglite.query("SELECT DISTINCT provolatile FROM pg_proc WHERE proname IN ('uuidv4', 'uuidv7')");
      expect(volatility.rows).toEqual([{ provolatile: 'v' }]);
      await pglite.exec(uuids);
      await pglite.exec(uuids);
      expect((await pglite.query('SELECT count(*)::int AS n FROM notes')).rows).toEqual([{ n: 6 }]);
    } finally {
      await pglite.close();
    }
    expect(reasons(await lint(uuids))).toEqual([
      [2, 'ON CONFLICT DO NOTHING cannot fire: the key id of notes, as this file creates it, is filled by uuidv4(), so every run inserts new keys'],
      [3, 'ON CONFLICT DO NOTHING cannot fire: the key id of notes, as this file creates it, is filled by uuidv7(), so every run inserts new keys'],
      [4, 'ON CONFLICT DO NOTHING cannot fire: the key id of notes, as this file creates it, is filled by uuidv7(), so every run inserts new keys'],
    ]);
  });

  test('a conflict target whose key the INSERT leaves NULL fires on nothing: the rows go in again, or another key fails the run, where the server says so', async () => {
    const sql = `CREATE TABLE IF NOT EXISTS tags (name text, slug text UNIQUE);
INSERT INTO tags (name) VALUES ('pool') ON CONFLICT (slug) DO NOTHING;
INSERT INTO tags (name) VALUES ('spa') ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name;
INSERT INTO tags (name, slug) VALUES ('gym', 'gym') ON CONFLICT (slug) DO NOTHING;
CREATE TABLE IF NOT EXISTS labels (name text, slug text UNIQUE NULLS NOT DISTINCT);
INSERT INTO labels (name) VALUES ('pool') ON CONFLICT (slug) DO NOTHING;
CREATE TABLE IF NOT EXISTS kinds (id serial PRIMARY KEY, name text, slug text, UNIQUE (name, slug));
INSERT INTO kinds (name) VALUES ('pool') ON CONFLICT (slug, name) DO NOTHING;
INSERT INTO kinds (name, slug) VALUES ('spa', 'spa') ON CONFLICT (slug, name) DO NOTHING;`;
    const counts = `SELECT (SELECT count(*) FROM tags)::int AS tags, (SELECT count(*) FROM labels)::int AS labels, (SELECT count(*) FROM kinds)::int AS kinds`;
    // pool and spa went into tags twice, gym once; a NULL that conflicts stopped labels; kinds' spa has both key columns.
    expect(await afterTwoRuns(sql, counts)).toEqual([{ tags: 5, labels: 1, kinds: 3 }]);
    const drafts = await lint(sql);
    expect(reasons(drafts)).toEqual([
      [2, 'ON CONFLICT (slug) DO NOTHING cannot fire: the key slug of tags, as this file creates it, is left NULL by this INSERT, and NULLs never conflict, so every run inserts the rows again'],
      [3, 'ON CONFLICT (slug) DO UPDATE cannot fire: the key slug of tags, as this file creates it, is left NULL by this INSERT, and NULLs never conflict, so every run inserts the rows again'],
      [8, 'ON CONFLICT (slug, name) DO NOTHING cannot fire: the key slug of kinds, as this file creates it, is left NULL by this INSERT, and NULLs never conflict, so every run inserts the rows again'],
    ]);
    expect(drafts.map((d) => d.message)).toEqual(Array(3).fill(expect.stringMatching(/^INSERT INTO (tags|kinds) applies twice when the file runs a second time: the rows are inserted again\.$/)));

    // A key the target does not name sees the rows: no DO NOTHING for it, the second run fails.
    const rooms = `CREATE TABLE IF NOT EXISTS rooms (id int PRIMARY KEY, code text UNIQUE);
INSERT INTO rooms (id) VALUES (1) ON CONFLICT (code) DO NOTHING;`;
    expect(await twoRuns(db, reset, rooms, async () => null, (e) => e.code ?? e.message)).toBe('23505');
    const [blocked, ...rest] = await lint(rooms);
    expect(rest).toEqual([]);
    expect(blocked!.message).toBe(
      'INSERT INTO rooms fails when the file runs a second time: a unique key the conflict target does not name already holds the rows (SQLSTATE 23505 unique_violation).',
    );
    expect(blocked!.suggestion).toBe(
      'ON CONFLICT (code) DO NOTHING cannot fire: the key code of rooms, as this file creates it, is left NULL by this INSERT, and NULLs never conflict. ' +
        'Name a key this INSERT fills in the conflict target, or leave the target out: ON CONFLICT DO NOTHING skips the rows whatever key holds them.',
    );
    // As advised, it runs twice and lints clean.
    const advised = rooms.replace(' (code) DO', ' DO');
    expect(await afterTwoRuns(advised, 'SELECT count(*)::int AS n FROM rooms')).toEqual([{ n: 1 }]);
    expect(await lint(advised)).toEqual([]);
    // Where the file does not show the key the target names (a table made elsewhere, ON CONSTRAINT), the INSERT is left alone.
    const unknown = `INSERT INTO rooms (id) VALUES (2) ON CONFLICT (name) DO NOTHING;
INSERT INTO faqs (q) VALUES ('x') ON CONFLICT (q) DO NOTHING;
INSERT INTO rooms (id) VALUES (3) ON CONFLICT ON CONSTRAINT rooms_code_key DO NOTHING;`;
    expect((await lint(`${rooms}\n${unknown}`)).map((d) => d.line)).toEqual([2]);
  });

  test('DROP CONSTRAINT IF EXISTS, then ADD ... USING INDEX under an IF on pg_constraint: the IF runs it and it fails with 42704; an IF the constraint answers still guards', async () => {
    const setup = 'CREATE TABLE orders (id int NOT NULL, ref text);\nCREATE UNIQUE INDEX orders_ref_idx ON orders (ref);';
    const guarded = (before: string) => `${before}DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_ref_idx' AND conrelid = 'orders'::regclass) THEN
    ALTER TABLE orders ADD UNIQUE USING INDEX orders_ref_idx;
  END IF;
END $$;`;
    const dropped = guarded('ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_ref_idx;\n');
    const server = (sql: string) => twoRuns(db, `${reset}\n${setup}`, sql, async () => null, (e) => e.code ?? e.message);
    expect(await server(dropped)).toBe('42704');
    const [finding, ...rest] = await lint(dropped);
    expect(rest).toEqual([]);
    expect(at(finding!)).toEqual([4, 5]);
    expect(finding!.message).toBe(
      'ADD UNIQUE USING INDEX orders_ref_idx fails when the file runs a second time: the index orders_ref_idx became part of the constraint orders_ref_idx, ' +
        'and dropping the constraint dropped the index too, so there is no index orders_ref_idx to use (SQLSTATE 42704 undefined_object). ' +
        'An IF that looks for the constraint runs it all the same: the constraint is gone too.',
    );
    // A handler for undefined_object does guard it.
    expect(await lint(dropped.replace('END IF;', 'END IF;\nEXCEPTION WHEN undefined_object THEN NULL;'))).toEqual([]);
    // As advised, and without the DROP, the IF holds: two runs, no finding.
    for (const fine of [guarded('ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_ref_idx;\nCREATE UNIQUE INDEX IF NOT EXISTS orders_ref_idx ON orders (ref);\n'), guarded('')]) {
      expect(await server(fine)).toBeNull();
      expect(await lint(fine)).toEqual([]);
    }
  });

  test('ALTER PUBLICATION ... ADD TABLE / TABLES IN SCHEMA fails with 42710 on a second run, DROP with 42704; SET is fine; the advised guards hold', async () => {
    const setup = 'DROP PUBLICATION IF EXISTS supabase_realtime;\nCREATE PUBLICATION supabase_realtime;\nCREATE TABLE public.messages (id int);\nCREATE TABLE public.rooms (id int);\nCREATE SCHEMA bot;';
    const server = (sql: string) => twoRuns(db, `${reset}\n${setup}`, sql, async () => null, (e) => e.code ?? e.message);
    const single = 'alter publication supabase_realtime add table public.messages;';
    const several = 'ALTER PUBLICATION supabase_realtime ADD TABLE messages, ONLY rooms (id);';
    const schema = 'ALTER PUBLICATION supabase_realtime ADD TABLES IN SCHEMA bot;';
    const dropRooms = 'ALTER PUBLICATION supabase_realtime DROP TABLE rooms;';
    // The server's SQLSTATE on the second run (the first, for a DROP of a table that is no member), and the rule's per member.
    const cases: Array<[string, string | null, string[]]> = [
      [single, '42710', ['42710']],
      [several, '42710', ['42710', '42710']],
      [schema, '42710', ['42710']],
      [dropRooms, '42704', ['42704']],
      ['ALTER PUBLICATION supabase_realtime SET TABLE messages;', null, []],
      ['ALTER PUBLICATION supabase_realtime ADD TABLE messages;\nALTER PUBLICATION supabase_realtime DROP TABLE messages;', null, []],
    ];
    for (const [sql, state, named] of cases) {
      expect(await server(sql)).toBe(state);
      expect((await lint(sql)).flatMap((d) => [...d.message.matchAll(/SQLSTATE (\w+)/g)].map((m) => m[1]))).toEqual(named);
    }

    const [finding, ...rest] = await lint(single);
    expect(rest).toEqual([]);
    expect(finding!.message).toBe(
      'ADD TABLE public.messages fails when the file runs a second time: table public.messages is already a member of publication supabase_realtime (SQLSTATE 42710 duplicate_object).',
    );
    expect(finding!.suggestion).toBe(`Add it only while it is not a member:
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_publication_tables WHERE pubname = 'supabase_realtime' AND schemaname = 'public' AND tablename = 'messages') THEN
    alter publication supabase_realtime add table public.messages;
  END IF;
END $$;`);
    // The advised blocks, one per table or schema, run twice and lint clean (the DROP's after the table was added).
    for (const [before, sql] of [['', single], ['', several], ['', schema], ['ALTER PUBLICATION supabase_realtime ADD TABLE rooms;\n', dropRooms]] as const) {
      const guarded = applyFixesOrBlocks(sql, await lint(sql)).replace(/ (Add|Drop) it only while it is (not )?a member:\n/g, '\n');
      expect(await twoRuns(db, `${reset}\n${setup}\n${before}`, guarded, async () => null, (e) => e.code ?? e.message)).toBeNull();
      expect(await lint(guarded)).toEqual([]);
    }
    // A handler for duplicate_object guards it too; one for undefined_object does not.
    const handled = (condition: string) => `DO $$ BEGIN\n  ${single}\nEXCEPTION WHEN ${condition} THEN NULL;\nEND $$;`;
    expect(await server(handled('duplicate_object'))).toBeNull();
    expect(await lint(handled('duplicate_object'))).toEqual([]);
    expect((await lint(handled('undefined_object')))[0]!.message).toContain("The DO block's handler catches undefined_object, not duplicate_object.");
  });

  /** The SQLSTATE the server raises, for twoRuns. */
  const sqlstate = (e: Error & { code?: string }) => e.code ?? e.message;

  test("Prisma's DropForeignKey then DropTable: the second run fails on the ALTER TABLE itself (42P01), its sub-commands' guards do not help, ALTER TABLE IF EXISTS does", async () => {
    const setup = `${reset}
CREATE TABLE orgs (id int PRIMARY KEY);
CREATE TABLE "_OrganizationToUser" ("A" int CONSTRAINT "_OrganizationToUser_A_fkey" REFERENCES orgs (id));
CREATE TABLE legacy (old int);
CREATE TABLE staging (id int);`;
    const sql = `ALTER TABLE "_OrganizationToUser" DROP CONSTRAINT "_OrganizationToUser_A_fkey";
ALTER TABLE legacy ADD COLUMN IF NOT EXISTS note text, DROP COLUMN IF EXISTS old;
ALTER TABLE staging ADD COLUMN batch int;
DROP TABLE "_OrganizationToUser";
DROP TABLE IF EXISTS legacy;
ALTER TABLE staging RENAME TO imports;
`;
    const secondRun = (file: string) => twoRuns(db, setup, file, async () => null, sqlstate);
    expect(await secondRun(sql)).toBe('42P01');
    // Guards on the sub-commands alone: the table is what is missing.
    expect(await secondRun('ALTER TABLE "_OrganizationToUser" DROP CONSTRAINT IF EXISTS "_OrganizationToUser_A_fkey";\nDROP TABLE IF EXISTS "_OrganizationToUser";')).toBe('42P01');
    expect(await secondRun('ALTER TABLE legacy ADD COLUMN IF NOT EXISTS note text, DROP COLUMN IF EXISTS old;\nDROP TABLE IF EXISTS legacy;')).toBe('42P01');
    expect(await secondRun('ALTER TABLE staging ADD COLUMN IF NOT EXISTS batch int;\nALTER TABLE IF EXISTS staging RENAME TO imports;')).toBe('42P01');
    const drafts = await lint(sql);
    expect(drafts.map((d) => d.line)).toEqual([1, 2, 3, 4, 6]);
    expect(drafts.every((d) => d.fix)).toBe(true);
    const fixed = applyFixes(sql, drafts);
    expect(fixed).toContain('ALTER TABLE IF EXISTS legacy ADD COLUMN IF NOT EXISTS note text, DROP COLUMN IF EXISTS old;');
    expect(await secondRun(fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test('statements on a table the file drops or renames further down fail with 42P01 on the server; the advised blocks run twice and lint clean', async () => {
    const setup = `${reset}
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE audit (id int PRIMARY KEY, a int, b int);
CREATE TABLE staging (id int);`;
    const statements = [
      'CREATE INDEX audit_a ON audit (a);',
      'CREATE INDEX IF NOT EXISTS audit_b ON audit (b);',
      'CREATE TRIGGER audit_touch BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION touch();',
      'CREATE POLICY audit_read ON audit USING (true);',
      'CREATE RULE staging_quiet AS ON INSERT TO staging DO ALSO NOTHING;',
      'CREATE STATISTICS IF NOT EXISTS audit_ab ON a, b FROM audit;',
      "COMMENT ON TABLE audit IS 'old';",
      "COMMENT ON COLUMN audit.a IS 'a';",
      'INSERT INTO audit (id, a) VALUES (1, 1) ON CONFLICT DO NOTHING;',
      'UPDATE audit SET b = a;',
      'DELETE FROM audit WHERE a IS NULL;',
      'GRANT SELECT ON audit, staging TO PUBLIC;',
      'REVOKE SELECT ON staging FROM PUBLIC;',
      'LOCK TABLE staging IN SHARE MODE;',
      'TRUNCATE staging;',
    ];
    const sql = `${statements.join('\n')}\nDROP TABLE IF EXISTS audit;\nALTER TABLE IF EXISTS staging RENAME TO imports;\n`;
    const secondRun = (file: string) => twoRuns(db, setup, file, async () => null, sqlstate);
    // Each statement alone before the DROP or RENAME fails on the second run.
    for (const statement of statements) {
      const alone = `${statement}\nDROP TABLE IF EXISTS audit;\nALTER TABLE IF EXISTS staging RENAME TO imports;\n`;
      expect([statement, await secondRun(alone)]).toEqual([statement, '42P01']);
    }
    const drafts = await lint(sql);
    expect(drafts.map((d) => d.line)).toEqual(statements.map((_, i) => i + 1));
    expect(drafts.every((d) => d.message.includes('further down') && d.message.endsWith('(SQLSTATE 42P01 undefined_table).'))).toBe(true);
    const fixed = applyFixesOrBlocks(sql, drafts).replace(/^Run it only while .* there:\n/gm, '');
    expect(await secondRun(fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test("kestra's queue swap: DROP TABLE IF EXISTS, then a guarded RENAME into its name, drops the live table on a second run; the advised block keeps it", async () => {
    const setup = `${reset}\nCREATE TABLE queue (id bigint);\nINSERT INTO queue VALUES (1), (2);`;
    const sql = 'DROP TABLE IF EXISTS queues;\nDROP TYPE IF EXISTS queue_type;\nALTER TABLE IF EXISTS queue RENAME TO queues;\n';
    const queues = (file: string) =>
      twoRuns(db, setup, file, async (c) => (await c.query("SELECT to_regclass('queues') IS NOT NULL AS there, (SELECT count(*)::int FROM pg_class WHERE relname = 'queue') AS old")).rows[0]);
    expect(await queues(sql)).toEqual({ there: false, old: 0 });
    const [drop, ...rest] = await lint(sql);
    expect(rest).toEqual([]);
    const block = drop!.suggestion!.slice(drop!.suggestion!.indexOf('DO $'));
    // The block in place of the DROP and the RENAME it names.
    const fixed = `DROP TYPE IF EXISTS queue_type;\n${block}\n`;
    expect(await queues(fixed)).toEqual({ there: true, old: 0 });
    expect(await twoRuns(db, setup, fixed, async (c) => (await c.query('SELECT count(*)::int AS n FROM queues')).rows[0].n)).toBe(2);
    expect(await lint(fixed)).toEqual([]);
  });

  test('DROP USER fails with 42704 on a second run and its IF EXISTS fix holds; DROP ROLE IF EXISTS then CREATE ROLE runs twice and is no finding', async () => {
    const role = `gate_idem_role_${process.pid}`;
    // Roles are the cluster's: made and dropped under the dry-run's lock, like every test that touches them.
    const twice = async (setup: string, sql: string): Promise<string | null> => {
      try {
        await serverWide(setup, sql, sql);
        return null;
      } catch (e) {
        return sqlstate(e as Error & { code?: string });
      } finally {
        await serverWide(`DROP ROLE IF EXISTS ${role}`);
      }
    };
    const bare = `DROP USER ${role};`;
    expect(await twice(`CREATE ROLE ${role}`, bare)).toBe('42704');
    const drafts = await lint(bare);
    expect(drafts.map((d) => d.message)).toEqual([`DROP USER ${role} fails when the file runs a second time: the role is already gone (SQLSTATE 42704 undefined_object).`]);
    const fixed = applyFixes(bare, drafts);
    expect(fixed).toBe(`DROP USER IF EXISTS ${role};`);
    expect(await twice(`CREATE ROLE ${role}`, fixed)).toBeNull();
    const recreate = `DROP ROLE IF EXISTS ${role};\nCREATE ROLE ${role} NOLOGIN;`;
    expect(await twice('SELECT 1', recreate)).toBeNull();
    expect(await lint(recreate)).toEqual([]);
  });
});

describe('non-idempotent: a backfill UPDATE that computes a column from itself', () => {
  test('applies again on a second run, unless its WHERE reads a column it sets; idempotent functions are no finding', async () => {
    const [again] = await lint('UPDATE products SET price = price * 100;\n');
    expect(again).toMatchObject({
      line: 1,
      message: 'UPDATE products applies twice when the file runs a second time: price is computed from itself, so a second run changes every row again.',
      suggestion: expect.stringMatching(/^Make a second run find nothing to change: add a WHERE/),
    });
    expect(again!.fix).toBeUndefined();
    expect((await lint("UPDATE counters SET n = n + 1 WHERE id = 1;\nUPDATE users SET tag = -tag, note = note || '!';\n")).map((d) => d.line)).toEqual([1, 2]);
    for (const guarded of [
      'UPDATE products SET price = price * 100, migrated = true WHERE NOT migrated;',
      "UPDATE t SET label = label || '_old' WHERE label NOT LIKE '%_old';",
      'UPDATE users SET name = lower(trim(name));',
      'UPDATE users SET score = 0;',
      'DROP TABLE IF EXISTS tmp;\nCREATE TABLE tmp (n int);\nUPDATE tmp SET n = n + 1;',
    ]) {
      expect([guarded, await lint(`${guarded}\n`)]).toEqual([guarded, []]);
    }
  });

  test('a jsonb merge of an object, or a removal of keys, is no finding: jsonb as the migrations before declare the column, else as the statement casts it', async () => {
    const updates = `UPDATE module_templates
SET props = props || '{"ctaText": "Get Started", "ctaLink": "#"}'
WHERE type = 'hero';
UPDATE module_templates SET props = props - 'legacy';
UPDATE module_templates SET props = props - 0, n = n - '1';
`;
    // QA's case: the earlier file declares props jsonb; an index into a jsonb array, or an integer counting down, moves again.
    const earlier = await lintIn({
      'migrations/001_templates.sql': 'CREATE TABLE IF NOT EXISTS module_templates (id int PRIMARY KEY, type text, props jsonb, n int);',
      'migrations/002_add_cta.sql': updates,
    });
    expect(earlier.map((d) => [d.line, d.message])).toEqual([
      [5, 'UPDATE module_templates applies twice when the file runs a second time: props is computed from itself, so a second run changes every row again.'],
    ]);
    // Declared text, a merge concatenates text.
    const text = "CREATE TABLE IF NOT EXISTS notes (body text);\nUPDATE notes SET body = body || '{\"k\": 1}'::jsonb;";
    expect((await lint(text)).map((d) => d.line)).toEqual([2]);
    // Types not declared where the rule reads them: a cast or a jsonb-only operand tells; a bare literal does not (n - '1' counts down on an integer).
    const told = `UPDATE t SET props = props || '{"k": 1}'::jsonb;
UPDATE t SET props = jsonb_build_object('k', 1) || props;
UPDATE t SET props = props - ARRAY['a', 'b'];
UPDATE t SET props = props::jsonb - 'legacy';
UPDATE t SET props = props - 'legacy';
UPDATE t SET props = props || '{"k": 1}';
`;
    expect((await lint(told)).map((d) => d.line)).toEqual([5, 6]);
  });

  test('on the server, the second run multiplies again', async () => {
    const client = await connectTestServer();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE products (price numeric); INSERT INTO products VALUES (1.5)');
      for (let run = 0; run < 2; run++) await client.query('UPDATE products SET price = price * 100');
      expect((await client.query('SELECT price::text AS price FROM products')).rows).toEqual([{ price: '15000.0' }]);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  test('on the server, the jsonb merge and key removals change nothing the second time; the index removal and the integer count down', async () => {
    const client = await connectTestServer();
    try {
      await client.query('BEGIN');
      await client.query(`CREATE TEMP TABLE module_templates (id int PRIMARY KEY, type text, props jsonb, n int);
INSERT INTO module_templates VALUES (1, 'hero', '{"legacy": 1, "a": 2}', 10), (2, 'x', '[1, 2, 3]', 10)`);
      const rows = async () => (await client.query('SELECT id, props, n FROM module_templates ORDER BY id')).rows;
      const twice = async (sql: string) => {
        await client.query(sql);
        const first = await rows();
        await client.query(sql);
        return [first, await rows()];
      };
      for (const idempotent of [
        `UPDATE module_templates SET props = props || '{"ctaText": "Get Started", "ctaLink": "#"}' WHERE type = 'hero'`,
        "UPDATE module_templates SET props = props - 'legacy'",
        "UPDATE module_templates SET props = props - ARRAY['a', 'b']",
        "UPDATE module_templates SET props = jsonb_build_object('k', 1) || props WHERE type = 'hero'",
      ]) {
        const [first, second] = await twice(idempotent);
        expect([idempotent, second]).toEqual([idempotent, first]);
      }
      const [first, second] = await twice("UPDATE module_templates SET props = props - 0, n = n - '1' WHERE type = 'x'");
      expect([first![1], second![1]]).toEqual([
        { id: 2, props: [2, 3], n: 9 },
        { id: 2, props: [3], n: 8 },
      ]);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
