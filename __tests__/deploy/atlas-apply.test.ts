// apply in Atlas's place when a file fails, on a real server: under `-- atlas:txmode none` the revision stays as Atlas's
// Execute leaves it (the statements that ran, the error, the statement that raised it, their partial hashes), which the
// deploy-mode check reads back as dirty-history; under txmode file the file and its row roll back together.

import { createHash } from 'node:crypto';
import { sumFileText, sumLines } from '../../src/discover/atlas-sum.js';
import { runCli } from '../../src/cli.js';
import { scratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { makeTree, removeTree } from '../support/repo.js';
import { ATLAS_REVISIONS_SCHEMA, ATLAS_REVISIONS_TABLE } from '../support/atlas-revisions.js';

const USERS = 'CREATE TABLE users (id bigint PRIMARY KEY);\n';
const FIRST = 'CREATE TABLE audit (id bigint);';
const FAILING = 'INSERT INTO missing VALUES (1);';
const failingFile = (header: string) => `${header}${FIRST}\n${FAILING}\nCREATE TABLE audit_log (id bigint);\n`;

let db: ScratchDatabase;
beforeEach(async () => {
  db = await scratchDatabase('atlas_apply');
  await db.client.query(`${ATLAS_REVISIONS_SCHEMA}; ${ATLAS_REVISIONS_TABLE}`);
});
afterEach(async () => db.drop());

/** Applies the folder with its atlas.sum as Atlas's would be, then runs the deploy-mode check; both outputs, and the sum lines. */
async function applyThenCheck(files: Record<string, string>) {
  const lines = sumLines(Object.entries(files).map(([name, text]) => ({ name, bytes: Buffer.from(text) })));
  const root = makeTree({ ...Object.fromEntries(Object.entries(files).map(([n, t]) => [`migrations/${n}`, t])), 'migrations/atlas.sum': sumFileText(lines) });
  const cli = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), env: {}, cwd: root, color: false };
    const code = await runCli([...argv, 'migrations', '--preset', 'atlas', '--database-url', db.url], io);
    return { code, stdout, stderr };
  };
  try {
    const applied = await cli('apply', '--history-write');
    const report = JSON.parse((await cli('check', '--mode', 'deploy', '--no-dry-run', '--format', 'json')).stdout);
    return { applied, report, lines };
  } finally {
    removeTree(root);
  }
}

async function revisions() {
  const { rows } = await db.client.query(
    'SELECT version, description, type, applied, total, error, error_stmt, hash, partial_hashes FROM atlas_schema_revisions.atlas_schema_revisions ORDER BY version',
  );
  return rows;
}

const tableExists = async (name: string) => (await db.client.query('SELECT to_regclass($1) IS NOT NULL AS ok', [name])).rows[0].ok;

describe('apply under the atlas preset, a file that fails at its 2nd of 3 statements', () => {
  it('under txmode none leaves the revision Atlas leaves, and the first statement applied; the check finds it dirty', async () => {
    const { applied, report, lines } = await applyThenCheck({
      '20240101000000_users.sql': USERS,
      '20240102000000_audit.sql': failingFile('-- atlas:txmode none\n\n'),
    });
    expect(applied.code).not.toBe(0);
    expect(applied.stdout + applied.stderr).toContain('`atlas migrate apply` resumes it at the statement that failed');
    // Execute's partial hash of statement 1: the SHA-256 of its text, as Atlas's lexer gives it.
    const first = `h1:${createHash('sha256').update(FIRST).digest('base64')}`;
    expect(await revisions()).toEqual([
      expect.objectContaining({ version: '20240101000000', applied: '1', total: '1', error: null }),
      {
        version: '20240102000000',
        description: 'audit',
        type: '2',
        applied: '1',
        total: '3',
        error: 'pq: relation "missing" does not exist',
        error_stmt: FAILING,
        hash: lines[1]!.hash,
        partial_hashes: [first],
      },
    ]);
    expect([await tableExists('audit'), await tableExists('audit_log')]).toEqual([true, false]);
    const dirty = report.findings.filter((f: { rule: string }) => f.rule === 'dirty-history');
    expect(dirty.map((f: { rule: string; file: string; message: string }) => [f.rule, f.file, f.message])).toEqual([
      [
        'dirty-history',
        'migrations/20240102000000_audit.sql',
        'Atlas recorded version 20240102000000 (audit) as partially applied, 1 of its 3 statements: statement 2 failed (pq: relation "missing" does not exist). ' +
          '`atlas migrate apply` resumes it at statement 2, once it has checked the 1 before it are unchanged, and applies nothing after it until then.',
      ],
    ]);
  });

  it('under txmode file rolls the file back with its row: no revision for it, nothing of it applied', async () => {
    const { applied, report } = await applyThenCheck({ '20240101000000_users.sql': USERS, '20240102000000_audit.sql': failingFile('') });
    expect(applied.code).not.toBe(0);
    expect((await revisions()).map((r) => r.version)).toEqual(['20240101000000']);
    expect(await tableExists('audit')).toBe(false);
    expect(report.findings.filter((f: { rule: string }) => f.rule === 'dirty-history')).toEqual([]);
  });
});
