// A new enum value in a DO block's PL/pgSQL (src/rules/enum-literals.ts through transaction-unsafe): what the rule says is
// what PostgreSQL 15 and PGlite do with the same file in one transaction. PL/pgSQL runs every expression as a query, so an
// assignment, a DECLARE default, a condition or a RAISE operand that makes the literal the enum fails like a statement;
// what follows a RETURN or RAISE EXCEPTION that every run meets is never run.

import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { transactionUnsafe } from '../../src/rules/transaction-unsafe.js';
import { lintFile } from '../support/lint-file.js';
import { scratchDatabase } from '../support/postgres.js';

const REFUSED = 'unsafe use of new value "archived" of enum type room_kind';
/** The file: the table, the new value, then `statement` at line 3. */
const file = (statement: string) => `CREATE TABLE rooms (id int PRIMARY KEY, kind room_kind, note text);\nALTER TYPE room_kind ADD VALUE 'archived';\n${statement};\n`;

describe('enum-literals in PL/pgSQL', () => {
  const scratch = scratchDatabase('gate_enum');
  let client: pg.Client;
  let pglite: PGlite;
  beforeAll(async () => {
    client = scratch.client();
    const schema = "CREATE TYPE room_kind AS ENUM ('single')";
    await client.query(schema);
    pglite = new PGlite();
    await pglite.exec(schema);
  });
  afterAll(() => pglite.close());

  /** The error each server gives `sql` run in one transaction that is rolled back, or null. */
  async function servers(sql: string): Promise<{ pg15: string | null; pglite: string | null }> {
    const run = async (query: (q: string) => Promise<unknown>) => {
      await query('BEGIN');
      try {
        await query(sql);
        return null;
      } catch (e) {
        return (e as Error).message;
      } finally {
        await query('ROLLBACK');
      }
    };
    return { pg15: await run((q) => client.query(q)), pglite: await run((q) => pglite.exec(q)) };
  }

  /** What the rule says of the DO block at line 3, and what both servers do with the file. */
  async function judge(statement: string) {
    const sql = file(statement);
    const drafts = await lintFile(transactionUnsafe, sql);
    expect(drafts.every((d) => d.line === 3)).toBe(true);
    const { pg15, pglite: lite } = await servers(sql);
    expect(lite).toBe(pg15);
    return { rule: drafts[0] ? (drafts[0].severity ?? 'error') : null, server: pg15 };
  }

  test.each([
    ['an assignment to a variable of the type', "DO $$ DECLARE v room_kind; BEGIN v := 'archived'; END $$"],
    ['an assignment written with =', "DO $$ DECLARE v room_kind; BEGIN v = 'archived'; END $$"],
    ['an assignment of text: PL/pgSQL converts it with the enum input function', "DO $$ DECLARE v room_kind; BEGIN v := 'archived'::text; END $$"],
    ['an assignment to an element of an array of the type', "DO $$ DECLARE a room_kind[]; BEGIN a[1] := 'archived'; END $$"],
    ['a DECLARE default', "DO $$ DECLARE v room_kind := 'archived'; BEGIN END $$"],
    ['a DEFAULT of a CONSTANT NOT NULL variable', "DO $$ DECLARE v CONSTANT room_kind NOT NULL DEFAULT 'archived'; BEGIN END $$"],
    ['a DECLARE default of an inner block', "DO $$ BEGIN DECLARE v room_kind := 'archived'; BEGIN END; END $$"],
    ['an IF comparing a variable of the type', "DO $$ DECLARE v room_kind; BEGIN IF v = 'archived' THEN NULL; END IF; END $$"],
    ['an IF casting to the type', "DO $$ BEGIN IF 'archived'::room_kind IS NULL THEN NULL; END IF; END $$"],
    ['an IF whose false operand would fold it: the literal is typed before', "DO $$ BEGIN IF false AND 'archived'::room_kind IS NULL THEN NULL; END IF; END $$"],
    ['a WHILE condition', "DO $$ DECLARE v room_kind; BEGIN WHILE v = 'archived' LOOP EXIT; END LOOP; END $$"],
    ['CASE on a variable of the type', "DO $$ DECLARE v room_kind; BEGIN CASE v WHEN 'single', 'archived' THEN NULL; ELSE NULL; END CASE; END $$"],
    ['a RAISE operand cast to the type', "DO $$ BEGIN RAISE NOTICE '%', 'archived'::room_kind; END $$"],
    ['an ASSERT', "DO $$ BEGIN ASSERT 'archived'::room_kind IS NOT NULL; END $$"],
    ['the query of a FOR loop', "DO $$ DECLARE r record; BEGIN FOR r IN SELECT id FROM rooms WHERE kind = 'archived' LOOP END LOOP; END $$"],
    ['a variable of the type compared in a statement', "DO $$ DECLARE v room_kind; BEGIN PERFORM 1 WHERE v = 'archived'; END $$"],
    ['a statement after a loop that EXIT leaves', "DO $$ BEGIN LOOP EXIT; END LOOP; PERFORM 'archived'::room_kind; END $$"],
    ['a statement after a block whose handler catches its RAISE', "DO $$ BEGIN BEGIN RAISE EXCEPTION 'stop'; EXCEPTION WHEN others THEN NULL; END; PERFORM 'archived'::room_kind; END $$"],
    ['a statement after a labelled block that EXIT leaves before its RETURN', "DO $$ BEGIN <<b>> BEGIN IF true THEN EXIT b; END IF; RETURN; END; PERFORM 'archived'::room_kind; END $$"],
  ])('an error where PL/pgSQL makes the literal the enum: %s', async (_, statement) => {
    expect(await judge(statement)).toEqual({ rule: 'error', server: REFUSED });
  });

  test.each([
    ['a RAISE operand, text', "DO $$ BEGIN RAISE NOTICE '%', 'archived'; END $$"],
    ['a text variable', "DO $$ DECLARE v text := 'archived'; BEGIN v := 'archived'; IF v = 'archived' THEN NULL; END IF; END $$"],
    ['a string EXECUTE runs', "DO $$ BEGIN EXECUTE 'SELECT 1 WHERE ''archived'' = $1' USING 'archived'; END $$"],
  ])('nothing where it stays text: %s', async (_, statement) => {
    expect(await judge(statement)).toEqual({ rule: null, server: null });
  });

  test.each([
    ['after RETURN', "DO $$ BEGIN RETURN; PERFORM 'archived'::room_kind; END $$", null],
    ['an assignment after RETURN', "DO $$ DECLARE v room_kind; BEGIN RETURN; v := 'archived'; END $$", null],
    ['after a block that returns', "DO $$ BEGIN BEGIN RETURN; END; UPDATE rooms SET kind = 'archived'; END $$", null],
    ['after RAISE EXCEPTION', "DO $$ BEGIN RAISE EXCEPTION 'stop'; PERFORM 'archived'::room_kind; END $$", 'stop'],
    ['after an IF whose every arm returns or raises', "DO $$ BEGIN IF random() > 2 THEN RETURN; ELSE RAISE 'stop'; END IF; PERFORM 'archived'::room_kind; END $$", 'stop'],
    ['after a CASE with no ELSE whose arms return: no match raises', "DO $$ BEGIN CASE 1 WHEN 2 THEN RETURN; END CASE; PERFORM 'archived'::room_kind; END $$", 'case not found'],
    ['in a block body after its RAISE, the handler going on', "DO $$ BEGIN BEGIN RAISE EXCEPTION 'stop'; PERFORM 'archived'::room_kind; EXCEPTION WHEN others THEN NULL; END; END $$", null],
  ])('no finding for what no run reaches: %s', async (_, statement, server) => {
    expect(await judge(statement)).toEqual({ rule: null, server });
  });

  test('a branch or an exception handler a run may not take is a warning; this one is taken', async () => {
    for (const taken of [
      "DO $$ DECLARE v room_kind; BEGIN IF (SELECT count(*) FROM rooms) > 0 THEN NULL; ELSIF v IS DISTINCT FROM 'archived' THEN NULL; END IF; END $$",
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM rooms) THEN RAISE NOTICE '%', 'archived'::room_kind; END IF; END $$",
      "DO $$ BEGIN PERFORM 1 / 0; EXCEPTION WHEN division_by_zero THEN PERFORM 'archived'::room_kind; END $$",
    ]) {
      expect([taken, await judge(taken)]).toEqual([taken, { rule: 'warning', server: REFUSED }]);
    }
    const [d] = await lintFile(transactionUnsafe, file("DO $$ DECLARE v room_kind; BEGIN IF random() > 2 THEN v := 'archived'; END IF; END $$"));
    expect(d!.message).toBe(
      "If this branch runs, 'archived' in it is the room_kind value that ALTER TYPE ... ADD VALUE at line 2 adds in the same transaction: PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04). PL/pgSQL plans a statement of a DO block only when it runs it: a branch not taken fails nothing.",
    );
    // A variable whose type the file does not spell out (%TYPE) may be of the enum or not: a warning that says if.
    const [maybe] = await lintFile(transactionUnsafe, file("DO $$ DECLARE v rooms.note%TYPE; BEGIN IF v = 'archived' THEN NULL; END IF; END $$"));
    expect(maybe).toMatchObject({ severity: 'warning', message: expect.stringMatching(/^If 'archived' here is a room_kind value, it is the one ALTER TYPE/) });
  });
});
