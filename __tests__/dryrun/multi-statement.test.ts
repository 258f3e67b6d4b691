// Under golang-migrate's x-multi-statement=true the dry-run sends the pieces golang-migrate cuts at every `;`, each a
// query of its own: a $$ body cut apart fails as under golang-migrate, CONCURRENTLY beside other statements applies.

import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeTree, removeTree } from '../support/repo.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

const FUNCTION = 'CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.at = now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n';
const INDEX = 'CREATE TABLE ms_a (id int);\nCREATE INDEX CONCURRENTLY ms_a_i ON ms_a (id);\n';

describe.each([
  ['pglite', undefined],
  ['url', TEST_DATABASE_URL],
] as const)('on %s', (engine, serverUrl) => {
  async function dryRun(up: string, multi: boolean) {
    const root = makeTree({ 'migrations/000001_a.up.sql': up });
    // The URL names the server for the url engine, and carries golang-migrate's setting for both.
    const url = new URL(serverUrl ?? 'postgres://u@localhost/db');
    if (multi) url.searchParams.set('x-multi-statement', 'true');
    try {
      return await runGate(await resolveOptions({ root, preset: 'golang-migrate', engine, databaseUrl: url.toString() }));
    } finally {
      removeTree(root);
    }
  }

  test('a $$ body holding `;` fails at golang-migrate\'s first cut; sent whole without the setting, it applies', async () => {
    const cut = await dryRun(FUNCTION, true);
    expect(cut.dryRun!.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '42601', line: 1 } });
    expect(cut.dryRun!.migrations[0]!.error!.message).toMatch(/unterminated dollar-quoted string/);
    expect((await dryRun(FUNCTION, false)).dryRun!.migrations[0]).toMatchObject({ status: 'applied' });
  });

  test('CREATE INDEX CONCURRENTLY beside another statement applies, each a query of its own; as one query it fails', async () => {
    const multi = await dryRun(INDEX, true);
    expect(multi.dryRun!.migrations[0]).toMatchObject({ status: 'applied' });
    expect(multi.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const whole = await dryRun(INDEX, false);
    expect(whole.dryRun!.migrations[0]).toMatchObject({ status: 'failed', error: { sqlstate: '25001' } });
  });
});
