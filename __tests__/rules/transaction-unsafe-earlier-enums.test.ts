// transaction-unsafe over a whole set: the enum values earlier migrations make and add (src/rules/idempotency/earlier.ts
// enumType, read through enum-literals' earlierSchema) decide whether ADD VALUE IF NOT EXISTS adds anything. What the
// gate says of each file is what PostgreSQL 15 does with the files applied in order, each in a transaction of its own.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { connectTestServer, scratchDatabase } from '../support/postgres.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';

const SET: Tree = {
  'migrations/001_mood.sql': "CREATE TYPE mood AS ENUM ('calm');\n",
  'migrations/002_tense.sql': "ALTER TYPE mood ADD VALUE 'tense';\n",
  // 'tense' is there since 002: IF NOT EXISTS adds nothing, and nothing is new.
  'migrations/003_tense_again.sql': "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'tense';\nSELECT 'tense'::mood;\n",
  // 'angry' is in no earlier file: IF NOT EXISTS adds it here, and PostgreSQL refuses its use.
  'migrations/004_angry.sql': "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'angry';\nSELECT 'angry'::mood;\n",
  'migrations/005_sad.sql': "ALTER TYPE mood ADD VALUE 'sad';\nSELECT 'sad'::mood;\n",
  // Prisma's enum swap: the type under its name is the one renamed to it, with its values.
  'migrations/006_role.sql': "CREATE TYPE role_new AS ENUM ('user', 'admin');\nALTER TYPE role_new RENAME TO role;\n",
  'migrations/007_admin.sql': "ALTER TYPE role ADD VALUE IF NOT EXISTS 'admin';\nSELECT 'admin'::role;\n",
  // A value added by an EXECUTEd string, which the gate does not read: it can no longer tell every value.
  'migrations/008_glad.sql': "DO $$ BEGIN EXECUTE 'ALTER TYPE mood ADD VALUE ''glad'''; END $$;\n",
  'migrations/009_glad_again.sql': "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'glad';\nSELECT 'glad'::mood;\n",
};

/** The transaction-unsafe findings of a run with the lint cache on, as `file: line severity`. */
async function cachedRun(root: string): Promise<string[]> {
  const report = await runGate(await resolveOptions({ root, paths: ['migrations'], dryRun: false, all: true, cache: true }));
  return report.findings.filter((f) => f.rule === 'transaction-unsafe').map((f) => `${f.file}: ${f.line} ${f.severity}`);
}

test('with the lint cache on, a change to the values an earlier migration adds lints the file that adds one afresh', async () => {
  const first = ['migrations/001_mood.sql', 'migrations/002_tense.sql', 'migrations/003_tense_again.sql'];
  const root = makeTree(Object.fromEntries(first.map((f) => [f, SET[f]!])));
  try {
    expect(await cachedRun(root)).toEqual([]);
    // 002 no longer adds 'tense': 003's IF NOT EXISTS adds it, and its use fails.
    writeFileSync(join(root, 'migrations/002_tense.sql'), "ALTER TYPE mood ADD VALUE 'relaxed';\n");
    expect(await cachedRun(root)).toEqual(['migrations/003_tense_again.sql: 2 error']);
  } finally {
    removeTree(root);
  }
});

describe('transaction-unsafe: enum values of earlier migrations', () => {
  const db = scratchDatabase('gate_tx_enums').name;

  test('a value an earlier migration added is no finding, one IF NOT EXISTS adds here is an error, and one the gate cannot see stays a warning', async () => {
    const root = makeTree(SET);
    try {
      const report = await runGate(await resolveOptions({ root, paths: ['migrations'], dryRun: false, all: true }));
      const found = report.findings.filter((f) => f.rule === 'transaction-unsafe');
      expect(found.map((f) => [f.file, f.line, f.severity])).toEqual([
        ['migrations/004_angry.sql', 2, 'error'],
        ['migrations/005_sad.sql', 2, 'error'],
        ['migrations/009_glad_again.sql', 2, 'warning'],
      ]);
      expect(found[0]!.message).toBe(
        "'angry' is the mood value that ALTER TYPE ... ADD VALUE at line 1 adds in the same transaction: PostgreSQL refuses a new enum value until the transaction that added it has committed (unsafe use of new value, SQLSTATE 55P04).",
      );
      expect(found[2]!.message).toMatch(/The migrations before this file do not tell every value of mood \(none makes it, or one changes it in a way the gate does not read\): if it already holds 'glad', ADD VALUE IF NOT EXISTS adds nothing and this is fine\.$/);
    } finally {
      removeTree(root);
    }

    // The server: each file in a transaction of its own, in order.
    const client = await connectTestServer(db);
    const errors: Record<string, string | null> = {};
    for (const [file, sql] of Object.entries(SET)) {
      errors[file.replace('migrations/', '')] = await client.query(`BEGIN;\n${sql}COMMIT;`).then(
        () => null,
        async (e: Error) => (await client.query('ROLLBACK'), e.message),
      );
    }
    await client.end();
    expect(errors).toEqual({
      '001_mood.sql': null,
      '002_tense.sql': null,
      '003_tense_again.sql': null,
      '004_angry.sql': 'unsafe use of new value "angry" of enum type mood',
      '005_sad.sql': 'unsafe use of new value "sad" of enum type mood',
      '006_role.sql': null,
      '007_admin.sql': null,
      '008_glad.sql': null,
      '009_glad_again.sql': null,
    });
  });
});
