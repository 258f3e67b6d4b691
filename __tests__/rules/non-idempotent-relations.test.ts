// non-idempotent and the relations a statement needs on a second run: an index, a sequence or a view the file drops
// further down is gone then, as a table is; a trigger or policy dropped on its table takes nothing the statements need.

import { nonIdempotent } from '../../src/rules/non-idempotent.js';
import { lintFile } from '../support/lint-file.js';

const lint = (sql: string) => lintFile(nonIdempotent, sql);

test('a COMMENT ON an index, a sequence or a view that a DROP further down removes: the second run finds no relation (42P01)', async () => {
  const sql = `COMMENT ON INDEX t_a IS 'by a';
COMMENT ON SEQUENCE t_seq IS 'numbers';
COMMENT ON VIEW t_view IS 'a view';
COMMENT ON TABLE t IS 'kept';
DROP TRIGGER IF EXISTS t_touch ON t;
DROP POLICY IF EXISTS t_own ON t;
DROP INDEX IF EXISTS t_a;
DROP SEQUENCE IF EXISTS t_seq;
DROP VIEW IF EXISTS t_view;`;
  const drafts = await lint(sql);
  expect(drafts.map((d) => [d.line, d.message])).toEqual(
    [
      [1, 'COMMENT ON INDEX t_a', 'index', 'DROP INDEX IF EXISTS t_a'],
      [2, 'COMMENT ON SEQUENCE t_seq', 'sequence', 'DROP SEQUENCE IF EXISTS t_seq'],
      [3, 'COMMENT ON VIEW t_view', 'view', 'DROP VIEW IF EXISTS t_view'],
    ].map(([line, what, kind, drop]) => [
      line,
      `${what} fails when the file runs a second time: the ${kind} is already gone: \`${drop}\` further down dropped it on the first run (SQLSTATE 42P01 undefined_table).`,
    ]),
  );
  expect(drafts[0]!.suggestion).toBe("Run it only while t_a is there:\nDO $$ BEGIN\n  IF to_regclass('t_a') IS NOT NULL THEN\n    COMMENT ON INDEX t_a IS 'by a';\n  END IF;\nEND $$;");
});
