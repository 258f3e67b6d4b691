// graphile-migrate's signed committed migrations, through the whole gate: what the runner refuses
// (an edited body, a broken Previous chain, bad headers) is found without a database, and its
// `:NAME` placeholders and `--! no-transaction` are read as the runner reads them.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { readSignature } from '../../src/discover/graphile.js';
import { commit } from '../support/graphile.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';

/** A chain of committed files under migrations/committed, each signed on top of the one before. */
function chain(files: Array<[string, string]>): { tree: Tree; hashes: string[] } {
  const tree: Tree = {};
  const hashes: string[] = [];
  for (const [name, body] of files) {
    const signed = commit(body, hashes.at(-1) ?? null);
    tree[`migrations/committed/${name}`] = signed.text;
    hashes.push(signed.hash);
  }
  return { tree, hashes };
}

const BODIES: Array<[string, string]> = [
  ['000001.sql', 'create schema if not exists app_public;\ngrant usage on schema app_public to :DATABASE_VISITOR;\nselect 1::TEXT, (array[1,2,3])[1:2];\n'],
  ['000002-add-index.sql', '--! no-transaction\ncreate index concurrently if not exists i on app_public.t (id);\n'],
  ['000003.sql', 'alter table app_public.t add column if not exists email text;\n'],
];

const gate = async (root: string, extra: { base?: string } = {}) =>
  runGate(await resolveOptions({ root, paths: ['migrations/committed'], preset: 'graphile-migrate', dryRun: false, all: true, ...extra }));

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

describe('graphile-migrate signatures', () => {
  it('reads the Hash real graphile-migrate commits wrote (a first file and a chained one)', () => {
    const first = readSignature(
      '--! Previous: -\n--! Hash: sha1:2e6f8fdd8d52f5da4d447a30a6e9d246f60563a7\n\n-- Enter migration here\n-- Enable the UUID extension for primary keys\n\n' +
        'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";\n\n-- Enable the citext, or case insensitive text field.\n\nCREATE EXTENSION IF NOT EXISTS "citext";\n',
    );
    const chained = readSignature(
      '--! Previous: sha1:945ca4dc7582db640b09f81ef1b35ddb0439d30a\n--! Hash: sha1:6b51bd9ba07e2e8ede6575a35547cb56782ca28a\n\n' +
        '-- Enter migration here\nalter table projects alter column slug type varchar(24);\n',
    );
    expect(first).toMatchObject({ signature: { previous: null, computed: 'sha1:2e6f8fdd8d52f5da4d447a30a6e9d246f60563a7' } });
    expect(chained).toMatchObject({
      signature: { previous: 'sha1:945ca4dc7582db640b09f81ef1b35ddb0439d30a', computed: 'sha1:6b51bd9ba07e2e8ede6575a35547cb56782ca28a' },
    });
  });

  it('a well-signed chain passes: nameless files, :NAME placeholders, casts and slices, no-transaction CONCURRENTLY', async () => {
    const root = makeTree(chain(BODIES).tree);
    roots.push(root);
    const report = await gate(root);
    expect(report.findings).toEqual([]);
    expect(report.migrations.map((m) => [m.file, m.version])).toEqual([
      ['migrations/committed/000001.sql', '000001'],
      ['migrations/committed/000002-add-index.sql', '000002'],
      ['migrations/committed/000003.sql', '000003'],
    ]);
    // The report carries the Hash graphile-migrate records in graphile_migrate.migrations.
    expect(report.migrations[2]!.checksum).toBe(`graphile:${chain(BODIES).hashes[2]}`);
  });

  it('an edited applied file: the runner refuses it where it has not run; revert, or AllowInvalidHash', async () => {
    const { tree } = chain(BODIES);
    const edited = tree['migrations/committed/000003.sql']!.toString().replace('email text', 'email citext');
    const { root, baseSha } = makeGitRepo(tree, { 'migrations/committed/000003.sql': edited });
    roots.push(root);
    const report = await gate(root, { base: baseSha });
    expect(report.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['checksum-drift', 'migrations/committed/000003.sql', 2]]);
    expect(report.findings[0]!.message).toMatch(/^000003\.sql was edited after `graphile-migrate commit` signed it: its body hashes to sha1:[0-9a-f]{40}, its Hash header says sha1:/);
    expect(report.findings[0]!.suggestion).toContain('add `--! AllowInvalidHash` as its first line');
    // Allowed, as the runner allows it: its checksum is the Hash it recorded, which the edit left as it was.
    const allowed = makeGitRepo(tree, { 'migrations/committed/000003.sql': `--! AllowInvalidHash\n${edited}` });
    roots.push(allowed.root);
    expect((await gate(allowed.root, { base: allowed.baseSha })).findings).toEqual([]);
    // Signed again by hand on the base's file: the Hash graphile-migrate recorded changed, which is drift.
    const resigned = makeGitRepo(tree, { 'migrations/committed/000003.sql': commit(BODIES[2]![1].replace('email text', 'email citext'), chain(BODIES).hashes[1]!).text });
    roots.push(resigned.root);
    const [drift] = (await gate(resigned.root, { base: resigned.baseSha })).findings;
    expect(drift!.message).toContain('000003.sql changed after it was applied: graphile-migrate SHA-1 checksum sha1:');
  });

  it('AllowInvalidHash on a file that matches is refused too', async () => {
    const { tree } = chain(BODIES);
    tree['migrations/committed/000003.sql'] = `--! AllowInvalidHash\n${tree['migrations/committed/000003.sql']}`;
    const root = makeTree(tree);
    roots.push(root);
    const [finding] = (await gate(root)).findings;
    expect(finding).toMatchObject({ rule: 'checksum-drift', line: 1, suggestion: 'Remove the `--! AllowInvalidHash` line.' });
  });

  it('two branches committed on one parent: the later file must be committed again on top of the other', async () => {
    const { tree, hashes } = chain(BODIES.slice(0, 2));
    // Another branch merged 000003 meanwhile; this one committed 000004 on top of 000002.
    tree['migrations/committed/000003.sql'] = commit(BODIES[2]![1], hashes[1]!).text;
    tree['migrations/committed/000004-posts.sql'] = commit('create table app_public.posts (id int);\n', hashes[1]!).text;
    const root = makeTree(tree);
    roots.push(root);
    const findings = (await gate(root)).findings.filter((f) => f.rule === 'out-of-order');
    expect(findings).toEqual([
      expect.objectContaining({
        file: 'migrations/committed/000004-posts.sql',
        line: 1,
        message:
          "000004-posts.sql was committed on top of 000002-add-index.sql, but 000003.sql comes before it now: graphile-migrate refuses to run any migration (\"Previous migration with hash ... doesn't match\").",
        suggestion: 'Commit it again on top of 000003.sql: move its body to current.sql, delete 000004-posts.sql and run `graphile-migrate commit`.',
      }),
    ]);
  });

  it('headers graphile-migrate cannot read, and a name it does not take', async () => {
    const root = makeTree({
      ...chain(BODIES.slice(0, 1)).tree,
      'migrations/committed/000002.sql': '--! Previous: -\n--! Hash: sha1:00\nselect 1;\n',
      'migrations/committed/000003.sql': '--! Hash: sha1:00\n\nselect 1;\n',
      'migrations/committed/current.sql': 'select 1;\n',
    });
    roots.push(root);
    const findings = (await gate(root)).findings.map((f) => [f.rule, f.file, f.line, f.message]);
    expect(findings).toEqual([
      ['unreadable-file', 'migrations/committed/000002.sql', 3, 'graphile-migrate refuses to read 000002.sql, and so runs no migration at all: its headers are not followed by an empty line'],
      ['unreadable-file', 'migrations/committed/000003.sql', 1, 'graphile-migrate refuses to read 000003.sql, and so runs no migration at all: it has no `--! Previous:` header'],
      ['invalid-name', 'migrations/committed/current.sql', 0, 'current.sql is not a migration name to graphile-migrate (NNNNNN.sql or NNNNNN-message.sql), so graphile-migrate ignores it: it is never applied'],
    ]);
  });

  it('a bare number is a migration name under graphile-migrate only', async () => {
    const root = makeTree({ 'migrations/committed/000001.sql': 'select 1;\n' });
    roots.push(root);
    const report = await runGate(await resolveOptions({ root, paths: ['migrations/committed'], dryRun: false }));
    expect(report.findings.map((f) => f.rule)).toEqual(['invalid-name']);
  });
});
