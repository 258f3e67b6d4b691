// What `graphile-migrate commit` (2.0.0-rc.3, src/commands/commit.ts) refuses in a current migration that `watch` runs
// without complaint is a syntax error at the line it was written at, in graphile-migrate's words: a message it will not
// name a file after, a body its pg-minify cannot read, and `--! AllowInvalidHash`, which the file it commits then fails
// on. The words and positions quoted here are what graphile-migrate printed when run on these texts.

import { runCliIn } from '../support/cli.js';
import { commit } from '../support/graphile.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

const first = commit('CREATE TABLE IF NOT EXISTS people (id int PRIMARY KEY);\n', null);

/** The findings of a static check of the project, as [rule, file, line, column, message, suggestion]. */
async function said(files: Tree) {
  const root = makeTree({ 'migrations/committed/000001.sql': first.text, ...files });
  roots.push(root);
  const { code, report } = await runCliIn(root, ['check', 'migrations/committed', '--preset', 'graphile-migrate', '--no-dry-run', '--format', 'json']);
  expect(code).not.toBe(2);
  return report!.findings.map((f) => [f.rule, f.file, f.line, f.column, f.message, f.suggestion]);
}

const refuses = (name: string, words: string, why: string) => `\`graphile-migrate commit\` refuses ${name}, which \`watch\` still runs: "${words}"${why}.`;

describe('graphile-migrate commit refuses, in its words', () => {
  it('a message holding a tab or another control character, at its `--! Message` line', async () => {
    expect(await said({ 'migrations/current.sql': '--! Message: add\tpets\nCREATE TABLE IF NOT EXISTS pets (id int);\n' })).toEqual([
      [
        'syntax-error',
        'migrations/current.sql',
        1,
        1,
        refuses('current.sql', 'Invalid commit message: contains disallowed characters', ' (the `--! Message` holds a tab)'),
        'write the message without tabs or other control characters: commit names the committed file after it',
      ],
    ]);
    // In current/, at the line of the file that gives it; a tab at either end is trimmed off, and so taken.
    const folder = await said({
      'migrations/current/1-pets.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-toys.sql': '--! Message: \ttoys\x0band more\t\nCREATE TABLE IF NOT EXISTS toys (id int);\n',
    });
    expect(folder.map((f) => f.slice(0, 5))).toEqual([
      ['syntax-error', 'migrations/current/2-toys.sql', 1, 1, refuses('current/', 'Invalid commit message: contains disallowed characters', ' (the `--! Message` holds the control character U+000B)')],
    ]);
    expect(await said({ 'migrations/current.sql': '--! Message: add pets\t\nCREATE TABLE IF NOT EXISTS pets (id int);\n' })).toEqual([]);
  });

  it('a message longer than 512 characters; one of 512 it takes', async () => {
    const body = 'CREATE TABLE IF NOT EXISTS pets (id int);\n';
    expect(await said({ 'migrations/current.sql': `-- pets\n--! Message: ${'x'.repeat(513)}\n${body}` })).toEqual([]);
    const long = await said({ 'migrations/current.sql': `--! Message: ${'x'.repeat(513)}\n${body}` });
    expect(long).toEqual([
      [
        'syntax-error',
        'migrations/current.sql',
        1,
        1,
        refuses('current.sql', 'Invalid commit message: message is too long (max: 512 chars)', ' (this one is 513)'),
        'shorten the message to 512 characters or fewer',
      ],
    ]);
    expect(await said({ 'migrations/current.sql': `--! Message: ${'x'.repeat(512)}\n${body}` })).toEqual([]);
  });

  it("a text pg-minify cannot read though PostgreSQL does: a `'` in dollar quotes, a backslash before a closing quote", async () => {
    // graphile-migrate said {line:2,col:30}: pg-minify counts from the body's first line, after the headers.
    const dollar = await said({ 'migrations/current.sql': "--! Message: pets\n\nCREATE TABLE IF NOT EXISTS pets (id int);\nCOMMENT ON TABLE pets IS $$It's a pet$$;\n" });
    const why = " (commit reads the body with pg-minify first, which knows no dollar quotes and reads `\\'` as an escaped quote in any text; its line counts from the body's first)";
    expect(dollar).toEqual([
      [
        'syntax-error',
        'migrations/current.sql',
        4,
        'COMMENT ON TABLE pets IS $$It'.length + 1,
        refuses('current.sql', 'Error parsing SQL at {line:2,col:30}: Unclosed text block.', why),
        "pg-minify takes this `'` to open a text that never closes: write a text holding a lone `'` as a quoted literal (`'it''s'`, not `$$it's$$`), and one ending in a backslash as `E'…\\\\'`",
      ],
    ]);
    const backslash = await said({ 'migrations/current.sql': "CREATE TABLE IF NOT EXISTS pets (id int);\nSELECT 'C:\\';\n" });
    expect(backslash.map((f) => f.slice(0, 5))).toEqual([
      ['syntax-error', 'migrations/current.sql', 2, 8, refuses('current.sql', 'Error parsing SQL at {line:2,col:8}: Unclosed text block.', why)],
    ]);
    // PostgreSQL takes a quoted name over two lines; pg-minify does not.
    const name = await said({ 'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS "pet\ns" (id int);\n' });
    expect(name.map((f) => f.slice(0, 5))).toEqual([
      ['syntax-error', 'migrations/current.sql', 1, 28, refuses('current.sql', 'Error parsing SQL at {line:1,col:28}: Multi-line quoted identifiers are not supported.', why)],
    ]);
    // A lone `"` or `/*` in dollar quotes; where pg-minify names no place in the comment, the finding is at its `/*`.
    const quote = await said({ 'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\nCOMMENT ON TABLE pets IS $$a 5" screen$$;\n' });
    expect(quote.map((f) => f.slice(2, 5))).toEqual([[2, 31, refuses('current.sql', 'Error parsing SQL at {line:2,col:31}: Unclosed quoted identifier.', why)]]);
    const comment = await said({ 'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\nCOMMENT ON TABLE pets IS $$see /* here$$;\n' });
    expect(comment.map((f) => f.slice(2, 5))).toEqual([[2, 32, refuses('current.sql', 'Error parsing SQL at {line:2,col:NaN}: Unclosed multi-line comment.', why)]]);
    // Read as pg-minify reads them: a doubled quote, an escaped one in E'', a `'` in a comment.
    expect(await said({ 'migrations/current.sql': "-- it's\nSELECT 'it''s', E'it\\'s', $$ SELECT 'a' $$;\n" })).toEqual([]);
  });

  it("a text pg-minify cannot read is at its own file's line in current/, and at a fixture's, naming the include", async () => {
    const folder = await said({
      'migrations/current/1-pets.sql': '--! Message: pets\nCREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-note.sql': "\n\n  COMMENT ON TABLE pets IS $$It's a pet$$;\n",
    });
    expect(folder.map((f) => f.slice(0, 4))).toEqual([['syntax-error', 'migrations/current/2-note.sql', 3, '  COMMENT ON TABLE pets IS $$It'.length + 1]]);
    // graphile-migrate counts in the body it joins: each file after a `--! split` line, a blank line between two.
    expect(folder[0]![4]).toContain('"Error parsing SQL at {line:5,col:30}: Unclosed text block."');
    const fixture = await said({
      'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n--!include note.sql\n',
      'migrations/fixtures/note.sql': "-- the note\nCOMMENT ON TABLE pets IS $$It's a pet$$;\n",
    });
    expect(fixture.map((f) => f.slice(0, 4))).toEqual([['syntax-error', 'migrations/fixtures/note.sql', 2, 30]]);
    expect(fixture[0]![4]).toMatch(/"Error parsing SQL at {line:4,col:30}: Unclosed text block\." .*\(migrations\/fixtures\/note\.sql is included by the `--!include` at migrations\/current\.sql:2\)$/);
  });

  it('no text PostgreSQL cannot read either: there the syntax error is the parser’s alone', async () => {
    const unclosed = await said({ 'migrations/current.sql': "CREATE TABLE IF NOT EXISTS pets (id int);\nSELECT 'open;\n" });
    expect(unclosed.map((f) => [f[0], f[2]])).toEqual([['syntax-error', 2]]);
    expect(unclosed[0]![4]).not.toContain('graphile-migrate commit');
  });

  it('`--! AllowInvalidHash`, which it writes into the file it commits, whose Hash matches; naming that file', async () => {
    const folder = await said({
      'migrations/current/1-pets.sql': '--! Message: Add pets!\nCREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-toys.sql': '--! AllowInvalidHash\n-- toys\nCREATE TABLE IF NOT EXISTS toys (id int);\n',
    });
    expect(folder).toEqual([
      [
        'syntax-error',
        'migrations/current/2-toys.sql',
        1,
        1,
        refuses(
          'current/',
          'Invalid hash allowed for 000002-add-pets.sql; but hash matches.',
          ' (commit writes the headers into the file it commits, 000002-add-pets.sql, whose Hash always matches, and its `migrate` refuses it; it then puts the body back in current/ without them)',
        ),
        'remove `--! AllowInvalidHash`: it is for a committed file edited after commit',
      ],
    ]);
    // Numbered after the last committed file; without a message, the number alone.
    const after = await said({
      'migrations/committed/000002-more.sql': commit('SELECT 2;\n', first.hash).text,
      'migrations/current.sql': '--! AllowInvalidHash\nSELECT 1;\n',
    });
    expect(after.map((f) => [f[1], f[2], f[4]])).toEqual([['migrations/current.sql', 1, expect.stringContaining('"Invalid hash allowed for 000003.sql; but hash matches."')]]);
  });

  it('nothing for a blank current migration: commit refuses it ("Current migration is blank."), but that is how commit leaves it', async () => {
    expect(await said({ 'migrations/current.sql': '-- Enter migration here\n' })).toEqual([]);
    expect(await said({ 'migrations/current/1.sql': '--! AllowInvalidHash\n-- nothing yet\n/* still nothing */\n' })).toEqual([]);
  });
});
