// golang-migrate with x-multi-statement=true cuts each file at every `;` (database/multistmt/parse.go) and sends each
// piece as a query of its own (database/postgres/postgres.go Run): syntax-error reports where a cut splits a statement,
// checked by running the pieces on the real server as golang-migrate sends them, and transaction-unsafe lets
// CONCURRENTLY stand beside other statements, which no longer share an implicit transaction.

import { classifyFolder } from '../../src/discover/classify.js';
import { multiStatementPieces } from '../../src/discover/multi-statement.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { runFileRules } from '../../src/rules/index.js';
import { loadParser, parseSql } from '../../src/sql/parser.js';
import { testOptions } from '../support/options.js';
import { connectTestServer } from '../support/postgres.js';
import { makeTree, removeTree } from '../support/repo.js';

const MULTI = testOptions({ preset: 'golang-migrate', multiStatement: true });

async function lint(text: string, options = MULTI) {
  await loadParser();
  const path = 'migrations/000002_change.up.sql';
  const { migrations } = classifyFolder({ folder: 'migrations', files: [{ path, bytes: Buffer.from(text) }] }, undefined, options.preset);
  return runFileRules(migrations, options)[0]!.drafts;
}

/** Runs `text` as golang-migrate sends it under x-multi-statement (each piece a query of its own), then drops what it made: the server's error, or null. */
async function runAsGolangMigrate(text: string, cleanup: string): Promise<string | null> {
  await loadParser();
  const client = await connectTestServer();
  try {
    for (const p of multiStatementPieces(text, parseSql(text).statements)) await client.query(text.slice(p.start, p.end));
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.query(cleanup);
    await client.end();
  }
}

const FUNCTION = ['CREATE TABLE IF NOT EXISTS ms_t (id int, at timestamptz);', 'CREATE OR REPLACE FUNCTION ms_touch() RETURNS trigger AS $$', 'BEGIN', '  NEW.at = now();', '  RETURN NEW;', 'END;', '$$ LANGUAGE plpgsql;'].join('\n');
const CLEANUP = 'DROP TABLE IF EXISTS ms_t; DROP FUNCTION IF EXISTS ms_touch()';

test('a $$ body holding `;` is a syntax-error at the first cut, naming the multi-statement cut; the server fails there too', async () => {
  expect(await runAsGolangMigrate(FUNCTION, CLEANUP)).toMatch(/unterminated dollar-quoted string/);
  const errors = (await lint(FUNCTION)).filter((d) => d.rule === 'syntax-error');
  expect(errors).toEqual([
    expect.objectContaining({
      line: 4,
      message: expect.stringMatching(
        /^golang-migrate \(x-multi-statement=true in the database URL\) ends a query at every `;`, even in a \$\$ body, a string or a comment: it cuts the statement on lines 2–7 at this `;` and sends lines 2–4 as one query, and PostgreSQL fails on it: unterminated dollar-quoted string.*\. It cuts the statement again at lines 5, 6\.$/,
      ),
      suggestion: expect.stringMatching(/^Take x-multi-statement=true out of the database URL that runs this migration/),
    }),
  ]);
  // Without x-multi-statement golang-migrate sends the file whole: no finding.
  expect((await lint(FUNCTION, testOptions({ preset: 'golang-migrate' }))).filter((d) => d.rule === 'syntax-error')).toEqual([]);
});

test('a `;` in a comment between statements cuts the next statement: the piece that fails is reported once', async () => {
  const text = 'CREATE TABLE IF NOT EXISTS ms_t (id int); -- keep; it matters\nCREATE INDEX IF NOT EXISTS ms_i ON ms_t (id);\n';
  expect(await runAsGolangMigrate(text, CLEANUP)).toMatch(/syntax error at or near "it"/);
  expect((await lint(text)).filter((d) => d.rule === 'syntax-error')).toEqual([
    expect.objectContaining({ line: 1, message: expect.stringContaining('it sends lines 1–2 as one query, and PostgreSQL fails on it: syntax error at or near "it"') }),
  ]);
});

test('CREATE INDEX CONCURRENTLY beside other statements runs as a query of its own: no transaction-unsafe finding, and it applies', async () => {
  const text = 'CREATE TABLE IF NOT EXISTS ms_t (id int);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ms_i ON ms_t (id);\n';
  expect(await runAsGolangMigrate(text, CLEANUP)).toBeNull();
  expect((await lint(text)).filter((d) => d.rule === 'transaction-unsafe' || d.rule === 'syntax-error')).toEqual([]);
  // Sent as one query, without the setting, it fails.
  expect((await lint(text, testOptions({ preset: 'golang-migrate' }))).map((d) => d.rule)).toContain('transaction-unsafe');
});

test('an enum value added by one statement can be used by the next: each commits on its own', async () => {
  const text = "CREATE TYPE ms_mood AS ENUM ('a');\nALTER TYPE ms_mood ADD VALUE 'b';\nSELECT 'b'::ms_mood;\n";
  expect(await runAsGolangMigrate(text, 'DROP TYPE IF EXISTS ms_mood')).toBeNull();
  expect((await lint(text)).filter((d) => d.rule === 'transaction-unsafe')).toEqual([]);
  expect((await lint(text, testOptions({ preset: 'golang-migrate' }))).map((d) => d.rule)).toContain('transaction-unsafe');
});

test('x-multi-statement is read from the database URL as golang-migrate reads it (Go ParseBool), only under its preset', async () => {
  const root = makeTree({ 'migrations/000001_a.up.sql': 'SELECT 1;\n' });
  const resolve = (preset: string, query: string) => resolveOptions({ root, preset, databaseUrl: `postgres://u@localhost/db?${query}` });
  try {
    for (const on of ['true', 'T', '1', 'TRUE']) expect((await resolve('golang-migrate', `x-multi-statement=${on}`)).multiStatement).toBe(true);
    for (const off of ['false', '0', 'F', '']) expect((await resolve('golang-migrate', `x-multi-statement=${off}`)).multiStatement).toBeUndefined();
    expect((await resolve('generic', 'x-multi-statement=true')).multiStatement).toBeUndefined();
    await expect(resolve('golang-migrate', 'x-multi-statement=yes')).rejects.toThrow(
      `The database URL's x-multi-statement must be true or false, as golang-migrate requires; got "yes"`,
    );
  } finally {
    removeTree(root);
  }
});

describe('x-multi-statement-max-size: the bytes golang-migrate reads of one piece (database/multistmt/parse.go, a bufio.Scanner)', () => {
  const SMALL = testOptions({ preset: 'golang-migrate', multiStatement: true, multiStatementMaxSize: 4096 });
  /** `INSERT INTO ms_t VALUES ('a...');` exactly `bytes` long with its `;`. */
  const insert = (bytes: number) => `INSERT INTO ms_t VALUES ('${'a'.repeat(bytes - "INSERT INTO ms_t VALUES ('');".length)}');`;
  const TABLE = 'CREATE TABLE IF NOT EXISTS ms_t (v text);\n';
  const tooLong = (drafts: Awaited<ReturnType<typeof lint>>) => drafts.filter((d) => d.rule === 'syntax-error' && d.message.includes('token too long'));

  test('a piece longer than the buffer stops golang-migrate with "token too long"; the server takes it, so the size is the only problem', async () => {
    const text = `${TABLE}${insert(5000)}\n`;
    expect(await runAsGolangMigrate(text, CLEANUP)).toBeNull();
    expect(tooLong(await lint(text, SMALL))).toEqual([
      {
        rule: 'syntax-error',
        file: 'migrations/000002_change.up.sql',
        line: 2,
        column: 1,
        message:
          'golang-migrate (x-multi-statement=true in the database URL) reads the file one `;`-ended piece at a time into a buffer of 4096 bytes ' +
          '(x-multi-statement-max-size=4096 in the database URL, 4096 at the least), and the piece on line 2 is 5001 bytes: it stops here with "bufio.Scanner: token too long", after it has run the pieces above (each committed on its own), and leaves the database dirty.',
        suggestion:
          'Set x-multi-statement-max-size=5001 or more in the database URL that runs this migration, or split what line 2 holds into statements of fewer bytes, each ending in `;`.',
      },
    ]);
    // golang-migrate's default, 10 MB, holds it; without x-multi-statement it reads the file whole, with no limit.
    expect(tooLong(await lint(text))).toEqual([]);
    expect(tooLong(await lint(text, testOptions({ preset: 'golang-migrate', multiStatementMaxSize: 4096 })))).toEqual([]);
  });

  test('a piece ending in `;` may fill the buffer; the last piece, without one, needs a byte to spare', async () => {
    // The newline after the `;` is a piece of its own: the INSERT's piece is exactly 4096 bytes.
    expect(tooLong(await lint(`${insert(4096)}\n`, SMALL))).toEqual([]);
    const last = `${TABLE}${insert(4095).slice(0, -1)}`;
    // The last piece runs from the newline after the CREATE's `;` to the end of the file.
    expect(Buffer.byteLength(last.slice(last.indexOf(';') + 1))).toBe(4095);
    expect(tooLong(await lint(last, SMALL))).toEqual([]);
    const [draft] = tooLong(await lint(`${last} `, SMALL));
    expect(draft).toMatchObject({ line: 2, suggestion: expect.stringMatching(/^Set x-multi-statement-max-size=4097 or more/) });
    // Bytes, not characters: `é` is two.
    expect(tooLong(await lint(`${insert(4096).replace('aa', 'é')}\n`, SMALL))).toEqual([]);
    expect(tooLong(await lint(`${insert(4096).replace('a', 'é')}\n`, SMALL))).toHaveLength(1);
  });

  test('the size is read from the database URL as golang-migrate reads it (strconv.Atoi; 0 or less is the default), even without x-multi-statement', async () => {
    const root = makeTree({ 'migrations/000001_a.up.sql': 'SELECT 1;\n' });
    const resolve = (query: string) => resolveOptions({ root, preset: 'golang-migrate', databaseUrl: `postgres://u@localhost/db?${query}` });
    try {
      expect((await resolve('x-multi-statement=true&x-multi-statement-max-size=65536')).multiStatementMaxSize).toBe(65536);
      expect((await resolve('x-multi-statement=true&x-multi-statement-max-size=%2B100')).multiStatementMaxSize).toBe(100);
      for (const unset of ['0', '-5', '']) expect((await resolve(`x-multi-statement=true&x-multi-statement-max-size=${unset}`)).multiStatementMaxSize).toBeUndefined();
      for (const bad of ['10MB', '1e6', '9223372036854775808']) {
        await expect(resolve(`x-multi-statement-max-size=${bad}`)).rejects.toThrow(
          `The database URL's x-multi-statement-max-size must be a whole number of bytes, as golang-migrate requires; got "${bad}"`,
        );
      }
    } finally {
      removeTree(root);
    }
  });
});

test('a file that needs x-multi-statement (CONCURRENTLY beside other statements): the advice keeps it and keeps `;` out of the comments', async () => {
  const text = '-- ms_t; index\nCREATE TABLE IF NOT EXISTS ms_t (id int);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ms_i ON ms_t (id);\n';
  expect(await runAsGolangMigrate(text, CLEANUP)).toMatch(/syntax error at or near "index"/);
  const [cut, ...rest] = (await lint(text)).filter((d) => d.rule === 'syntax-error');
  expect(rest).toEqual([]);
  expect(cut!.suggestion).toBe(
    'Keep `;` out of the comments of this file. This file needs x-multi-statement=true: without it golang-migrate sends the file as one query, which PostgreSQL runs as one implicit transaction, where CREATE INDEX CONCURRENTLY at line 3 fails.',
  );
  // What the suggestion says of each way out, on the server: without the setting the file fails as one query; with the comment mended it applies.
  const client = await connectTestServer();
  try {
    await expect(client.query(text)).rejects.toThrow('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
  } finally {
    await client.query(CLEANUP);
    await client.end();
  }
  expect(await runAsGolangMigrate(text.replace('ms_t; index', 'ms_t, index'), CLEANUP)).toBeNull();
});
