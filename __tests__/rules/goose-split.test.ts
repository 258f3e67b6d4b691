// goose sends a file as its own splitter cuts it (pressly/goose internal/sqlparser/parser.go, v3.19.1+): syntax-error
// reports where that cut splits a statement, checked by running the pieces on the real server as goose sends them,
// and why goose refuses a file, in goose's words.

import { classifyFolder } from '../../src/discover/classify.js';
import { splitGoose } from '../../src/discover/goose-split.js';
import { upSection as cut } from '../../src/discover/sections.js';
import type { PresetName } from '../../src/options.js';
import { runFileRules } from '../../src/rules/index.js';
import { templateOf } from '../../src/config/runner-placeholders.js';
import { loadParser } from '../../src/sql/parser.js';
import { testOptions } from '../support/options.js';
import { connectTestServer } from '../support/postgres.js';

/** The up section as the generic preset cuts it: by whichever tool's markers the file has. */
const upSection = (text: string) => cut(text, 'generic');

/** The migration as discovery reads `text` under `preset`. */
function discovered(text: string, preset: PresetName) {
  const path = 'migrations/00002_change.sql';
  const { migrations } = classifyFolder({ folder: 'migrations', files: [{ path, bytes: Buffer.from(text) }] }, undefined, preset);
  return migrations[0]!;
}

/** syntax-error's findings for `text` as the rule engine reports them. */
async function lint(text: string, preset: PresetName = 'goose') {
  await loadParser();
  const [lint] = runFileRules([discovered(text, preset)], testOptions({ preset }));
  return lint!.drafts.filter((d) => d.rule === 'syntax-error');
}

/** Runs the up statements as goose sends them (each a query of its own, in its transaction), rolled back: the server's error, or null. */
async function runAsGoose(text: string): Promise<string | null> {
  const { chunks, error } = splitGoose(text);
  if (error) throw new Error(`goose refuses the file: ${error.message}`);
  const client = await connectTestServer();
  try {
    await client.query('BEGIN');
    for (const chunk of chunks) await client.query(chunk.text);
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
}

const TRIGGER_FUNCTION = [
  'CREATE OR REPLACE FUNCTION goose_split_touch() RETURNS trigger AS $$',
  'BEGIN',
  '  NEW.x = now();',
  '  RETURN NEW;',
  'END;',
  '$$ LANGUAGE plpgsql;',
].join('\n');

const wrapped = (statement: string) => `-- +goose StatementBegin\n${statement}\n-- +goose StatementEnd`;

describe('a statement goose cuts apart', () => {
  test('a $$ body with `;` at line ends: goose sends its first lines alone and the server fails; wrapped, it runs', async () => {
    const file = `-- +goose Up\n${TRIGGER_FUNCTION}\n`;
    expect(splitGoose(file).chunks.map((c) => [c.lineOffset + 1, c.endLine])).toEqual([[2, 4], [5, 5], [6, 6], [7, 7]]);
    expect(await runAsGoose(file)).toBe('unterminated dollar-quoted string at or near "$$\nBEGIN\n  NEW.x = now();"');
    expect(await lint(file)).toEqual([
      {
        rule: 'syntax-error',
        file: 'migrations/00002_change.sql',
        line: 4,
        column: 16,
        message:
          "goose ends the statement at this line's `;`, inside the statement on lines 2–7: outside `-- +goose StatementBegin` / `-- +goose StatementEnd` it ends one at each line whose last word ends in `;`, even in a $$ body or a string. It sends lines 2–4 as one statement, and PostgreSQL fails on it: unterminated dollar-quoted string. It cuts the statement again at lines 5 and 6.",
        suggestion: `Wrap the statement in \`-- +goose StatementBegin\` and \`-- +goose StatementEnd\`, each on its own line:\n${wrapped(TRIGGER_FUNCTION)}`,
      },
    ]);

    const fixed = `-- +goose Up\n${wrapped(TRIGGER_FUNCTION)}\n\n-- +goose Down\nDROP FUNCTION goose_split_touch();\n`;
    expect(splitGoose(fixed).chunks.map((c) => c.text)).toEqual([TRIGGER_FUNCTION]);
    expect(await runAsGoose(fixed)).toBeNull();
    expect(await lint(fixed)).toEqual([]);
  });

  test('a string literal with a line ending in `;`', async () => {
    const file = "-- +goose Up\nCREATE TABLE goose_split_notes (body text);\nINSERT INTO goose_split_notes VALUES ('first;\nsecond');\n";
    expect(await runAsGoose(file)).toBe('unterminated quoted string at or near "\'first;"');
    const [cut] = await lint(file);
    expect(cut).toMatchObject({ line: 3, column: 45 });
    expect(cut!.message).toContain('It sends line 3 as one statement, and PostgreSQL fails on it: unterminated quoted string at or near "\'first;".');
  });

  test('a StatementEnd before the statement ends: move it below the statement', async () => {
    const lines = TRIGGER_FUNCTION.split('\n');
    const file = `-- +goose Up\n-- +goose StatementBegin\n${lines.slice(0, 5).join('\n')}\n-- +goose StatementEnd\n${lines[5]}\n`;
    expect(await runAsGoose(file)).toMatch(/^unterminated dollar-quoted string/);
    const [cut] = await lint(file);
    expect(cut).toMatchObject({ line: 8, column: 1, suggestion: 'Move this `-- +goose StatementEnd` below line 9, where the statement ends.' });
    expect(cut!.message).toMatch(/^goose ends the statement at this `-- \+goose StatementEnd`, before the statement on lines 3–9 ends\. It sends lines 3–7 as one statement/);
  });

  test('a long statement: where to put the annotations, not the whole text', async () => {
    const body = Array.from({ length: 20 }, (_, i) => `  PERFORM ${i};`).join('\n');
    const file = `-- +goose Up\nCREATE FUNCTION goose_split_long() RETURNS void AS $$\nBEGIN\n${body}\nEND;\n$$ LANGUAGE plpgsql;\n`;
    const [cut] = await lint(file);
    expect(cut!.suggestion).toBe('Put `-- +goose StatementBegin` on its own line above line 2 and `-- +goose StatementEnd` on its own line below line 25.');
  });

  test('a `;` ending a line of a /* comment */: goose sends the comment cut off', async () => {
    const file = '-- +goose Up\n/* users;\n   their names */\nCREATE TABLE goose_split_users (name text);\n';
    expect(await runAsGoose(file)).toMatch(/^unterminated \/\* comment/);
    const [cut] = await lint(file);
    expect(cut).toMatchObject({ line: 2, column: 9 });
    expect(cut!.message).toMatch(/^goose ends a statement at this line's `;`, so it sends line 2 as one statement, and PostgreSQL fails on it: unterminated \/\* comment/);
  });

  test('under generic, a file with goose markers is goose\'s; without them, or under another runner, goose does not read it', async () => {
    const file = `-- +goose Up\n${TRIGGER_FUNCTION}\n`;
    expect(await lint(file, 'generic')).toHaveLength(1);
    expect(await lint(`${TRIGGER_FUNCTION}\n`, 'generic')).toEqual([]);
    expect(await lint(file, 'flyway')).toEqual([]);
  });
});

describe('files goose runs as written', () => {
  test.each([
    ['multi-line statements ending in `;`, comments and blank lines between', '-- +goose Up\n-- the table\nCREATE TABLE goose_split_a (\n  id int,\n  -- a note; with a semicolon\n  name text\n);\n\n\nCREATE INDEX goose_split_a_name ON goose_split_a (name); -- by name\n'],
    ['a function wrapped, the down section unwrapped (goose up never reads it)', `-- +goose Up\n${wrapped(TRIGGER_FUNCTION)}\n-- +goose Down\n${TRIGGER_FUNCTION}\n`],
    ['lower-case annotations, NO TRANSACTION and ENVSUB with a ${placeholder}', '-- +goose no transaction\n-- +goose up\n-- +goose envsub on\nCREATE TABLE ${SCHEMA_NAME}_t (id int);\n-- +goose statementbegin\nSELECT 1;\nSELECT 2;\n-- +goose statementend\n-- +goose down\nDROP TABLE t;\n'],
    ['several statements on one line, sent as one query', '-- +goose Up\nCREATE TABLE goose_split_b (id int); CREATE TABLE goose_split_c (id int);\n'],
    // hatchet 20250519145912_v1_0_21.sql: goose sends the block at its StatementEnd, `;` or not.
    ['a block whose last statement has no `;`', `-- +goose Up\n${wrapped('CREATE TABLE IF NOT EXISTS goose_split_d (id int)')}\n`],
    ['a block without `;`, then the down section', `-- +goose Up\n${wrapped('SELECT 1;\nCREATE TABLE goose_split_e (id int)')}\n-- +goose Down\nDROP TABLE goose_split_e;\n`],
  ])('%s', async (_, file) => {
    expect(splitGoose(file).error).toBeNull();
    expect(await lint(file)).toEqual([]);
    if (!file.includes('${')) expect(await runAsGoose(file)).toBeNull();
  });
});

describe("${...} under goose: filled only in its ENVSUB regions, computed from the whole file", () => {
  const schema = (envsub: string) => `${envsub}-- +goose Up\nCREATE SCHEMA IF NOT EXISTS \${APP_SCHEMA:-app};\n-- +goose Down\nDROP SCHEMA \${APP_SCHEMA:-app};\n`;

  test('without ENVSUB ON goose sends ${APP_SCHEMA:-app} as written: a syntax error, as on the server', async () => {
    expect(await lint(schema(''))).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('syntax error at or near "$"') })]);
    expect(await runAsGoose(schema(''))).toMatch(/syntax error at or near "\$"/);
    // The generic preset does not know goose runs the file: it fills the default everywhere, as before.
    expect(await lint(schema(''), 'generic')).toEqual([]);
  });

  test('ENVSUB ON above `-- +goose Up` fills it below; ENVSUB OFF ends the region', async () => {
    expect(await lint(schema('-- +goose ENVSUB ON\n'))).toEqual([]);
    const off = '-- +goose Up\n-- +goose ENVSUB ON\nCREATE SCHEMA IF NOT EXISTS ${APP_SCHEMA:-app};\n-- +goose ENVSUB OFF\nCREATE TABLE ${APP_SCHEMA:-app}.t (id int);\n';
    expect((await lint(off)).map((d) => d.line)).toEqual([5]);
  });

  test("goose's own testdata (envsub/test02, test03): a $$ body in a region keeps its quotes, a file without ENVSUB is sent as written", () => {
    const options = testOptions({ preset: 'goose', placeholders: { GOOSE_ENV_NAME: 'foo' } });
    const filled = (text: string) => templateOf(discovered(text, 'goose'), options).sql;
    const body = "CREATE OR REPLACE FUNCTION test_func()\nRETURNS void AS $$\nBEGIN\n\tRAISE NOTICE '${GOOSE_ENV_NAME}';\nEND;\n$$ LANGUAGE plpgsql;";
    // 03.up.golden.sql
    expect(filled(`-- +goose ENVSUB ON\n\n-- +goose Up\n-- +goose StatementBegin\n${body}\n-- +goose StatementEnd\n`)).toContain(body.replace('${GOOSE_ENV_NAME}', 'foo'));
    const test03 = 'CREATE TABLE post (\n\tid int NOT NULL,\n\t${NAME}title3 text,\n\t${ANOTHER_VAR:-default}title4 text,\n\t${SET_BUT_EMPTY_VALUE-default}title5 text\n);\n';
    expect(filled(`-- +goose Up\n${test03}`)).toBe(test03);
  });
});

describe('a bare $NAME under goose: expanded in its ENVSUB regions, as ${NAME} is', () => {
  test("goose's own testdata (envsub/test02): `$GOOSE_ENV_NAME text` is sent as `foo text` (01.up.golden.sql)", () => {
    const options = testOptions({ preset: 'goose', placeholders: { GOOSE_ENV_NAME: 'foo' } });
    const input = '-- +goose ENVSUB ON\n\n-- +goose Up\nCREATE TABLE post (\n\tid int NOT NULL,\n\ttitle text,\n\t$GOOSE_ENV_NAME text,\n\t${GOOSE_ENV_NAME}title3 text\n);\n';
    expect(templateOf(discovered(input, 'goose'), options).sql).toContain('CREATE TABLE post (\n\tid int NOT NULL,\n\ttitle text,\n\tfoo text,\n\tfootitle3 text\n);');
  });

  test('no syntax error where goose fills it; where ENVSUB is off goose sends it as written, and PostgreSQL fails, as the gate says', async () => {
    const file = '-- +goose Up\n-- +goose ENVSUB ON\nCREATE SCHEMA IF NOT EXISTS $APP_SCHEMA;\n-- +goose ENVSUB OFF\nCREATE TABLE IF NOT EXISTS $APP_SCHEMA.t (id int);\n';
    expect(await lint(file)).toEqual([
      expect.objectContaining({ rule: 'syntax-error', line: 5, message: 'Syntax error: syntax error at or near "$".' }),
    ]);
    expect(await lint(file.replace('-- +goose ENVSUB OFF\n', ''))).toEqual([]);
  });

  test('a dollar-quote tag in a region is a tag, not a variable: the body is not made a syntax error', async () => {
    const file = '-- +goose ENVSUB ON\n-- +goose Up\n-- +goose StatementBegin\nCREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$ BEGIN RETURN 1; END $fn$;\n-- +goose StatementEnd\n';
    expect(await lint(file)).toEqual([]);
    expect(await lint(file.replace('RETURN 1', 'RETURN $RESULT'))).toEqual([]);
  });
});

describe('files goose refuses, in its words', () => {
  test('a last statement without `;`: at its first line', async () => {
    const file = '-- +goose Up\nCREATE TABLE goose_split_t (\n  id int\n)\n\n-- +goose Down\nDROP TABLE goose_split_t;\n';
    expect(await lint(file)).toEqual([
      {
        rule: 'syntax-error',
        file: 'migrations/00002_change.sql',
        line: 2,
        column: 1,
        message:
          'goose cannot read this file, so it runs none of it; goose says: failed to parse migration: unexpected unfinished SQL query: "CREATE TABLE goose_split_t (\\n  id int\\n)": missing semicolon?',
        suggestion:
          'End the statement with `;` at the end of its last line: goose ends a statement only at a line whose last word ends in `;` (or at `-- +goose StatementEnd`).',
      },
    ]);
    // A `;` in a comment after the last word does not count.
    expect(splitGoose('-- +goose Up\nSELECT 1 -- done;\n').error).toMatchObject({ kind: 'missing-semicolon', line: 2 });
  });

  test('a StatementBegin with no StatementEnd: at the StatementBegin', async () => {
    const file = `-- +goose Up\nCREATE TABLE goose_split_t (id int);\n${wrapped(TRIGGER_FUNCTION).replace(/\n-- \+goose StatementEnd$/, '')}\n`;
    const [refused] = await lint(file);
    expect(refused).toMatchObject({
      line: 3,
      message: "goose cannot read this file, so it runs none of it; goose says: failed to parse migration: missing '-- +goose StatementEnd' annotation",
    });
  });

  test('annotations: any case, but whole, at the start of the line, and any comment line holding +goose is one', () => {
    const error = (file: string) => splitGoose(file).error;
    expect(error('-- +goose UP\nSELECT 1;\n-- +goose DoWn\n')).toBeNull();
    expect(error('--+goose Up\nSELECT 1;\n')).toBeNull();
    expect(error('-- +goose Upp\nSELECT 1;\n')).toEqual({
      kind: 'annotation',
      line: 1,
      message: 'failed to parse annotation line "-- +goose Upp": "Upp" not supported: invalid annotation',
    });
    expect(error('-- +goose Up\n  -- +goose StatementBegin\n')).toMatchObject({ line: 2, message: expect.stringContaining('contains leading whitespace: invalid annotation') });
    expect(error('-- +goose Up -- the new table\nSELECT 1;\n')).toMatchObject({ message: expect.stringContaining('"Up  the new table" not supported') });
    expect(error('-- +goose Up\n-- run by +goose in CI\nSELECT 1;\n')).toMatchObject({ line: 2 });
    expect(error('-- +goose Up\n-- +goose NO  TRANSACTION\n')).toMatchObject({ message: expect.stringContaining('"NO  TRANSACTION" not supported') });
    // `+GOOSE` is no annotation at all: the file has no Up.
    expect(error('-- +GOOSE Up\nSELECT 1;\n')).toMatchObject({ kind: 'sql-before-up', line: 2 });
    expect(error('SELECT 1;\n')).toMatchObject({ kind: 'sql-before-up', message: 'failed to parse migration: unexpected state 0 on line "SELECT 1;"' });
    expect(error('-- nothing here\n')).toMatchObject({ kind: 'no-up', message: "failed to parse migration: must start with '-- +goose Up' annotation" });
    expect(error('-- +goose Up\nSELECT 1;\n-- +goose Up\n')).toMatchObject({ kind: 'misplaced', line: 3, message: "duplicate '-- +goose Up' annotations" });
  });

  test('a misspelt Down is reported at its line, with the annotations goose knows', async () => {
    const file = '-- +goose Up\nCREATE TABLE goose_split_t (id int);\n-- +goose Dwon\nDROP TABLE goose_split_t;\n';
    const [refused] = await lint(file);
    expect(refused).toMatchObject({ line: 3, suggestion: expect.stringContaining('`NO TRANSACTION`, `ENVSUB ON`, `ENVSUB OFF` (any case)') });
  });
});

describe('goose sections (upSection)', () => {
  test('markers as goose reads them: any case, NO TRANSACTION anywhere, the Down that ends the Up', () => {
    expect(upSection('-- +goose up\nSELECT 1;\n-- +goose DOWN\nSELECT 2;\n-- +goose no transaction\n')).toEqual({
      tool: 'goose',
      sql: 'SELECT 1;\n',
      lineOffset: 1,
      transactional: false,
    });
    // Not goose's Up: an annotation with more words, one indented, +GOOSE.
    for (const up of ['-- +goose Up first', '  -- +goose Up', '-- +GOOSE Up']) expect(upSection(`${up}\nSELECT 1;\n`).tool).toBeNull();
  });

  test('chunks keep the file offsets, with annotation lines inside a statement blanked', () => {
    const file = '-- +goose Up\r\nSELECT\r\n-- +goose NO TRANSACTION\r\n  1;\r\n';
    const [chunk] = splitGoose(file).chunks;
    expect(chunk).toEqual({ text: `SELECT\r\n${' '.repeat(24)}\r\n  1;`, offset: 14, lineOffset: 1, endLine: 4, block: false });
    expect(file.slice(chunk!.offset, chunk!.offset + 6)).toBe('SELECT');
    expect(splitGoose(file).transactional).toBe(false);
  });
});
