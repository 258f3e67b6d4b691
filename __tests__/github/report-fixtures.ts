// Reports built by hand for the renderer and publisher tests: a Supabase-style PR with a conflict,
// fixable findings, a failed dry-run and hostile names; a clean one; and a huge one.

import { SCHEMA_VERSION, type Report, type ReportMigration } from '../../src/report/report.js';
import { compareFindings, type Finding } from '../../src/report/finding.js';

const HEAD = '3f2a9c1d4b5e6f708192a3b4c5d6e7f801234567';
export const BASE = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const CONTEXT = { repoUrl: 'https://github.com/acme/shop', sha: HEAD };

function migration(file: string, version: string, name: string, status: 'applied' | 'pending'): ReportMigration {
  return {
    file,
    version,
    name,
    status,
    change: status === 'pending' ? 'added' : 'unchanged',
    checksum: `sha256:${version.padStart(64, '0')}`,
  };
}

function counted(report: Omit<Report, 'summary' | 'verdict'>): Report {
  const findings = [...report.findings].sort(compareFindings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    ...report,
    findings,
    verdict: errors > 0 ? 'fail' : 'pass',
    summary: {
      errors,
      warnings: findings.length - errors,
      pending: report.migrations.filter((m) => m.status === 'pending').length,
      conflicts: findings.filter((f) => ['duplicate-version', 'checksum-drift', 'out-of-order', 'missing-migration'].includes(f.rule)).length,
    },
  };
}

const tool = { name: 'migration-gate', version: '0.1.0' } as const;

/** A failing PR: a duplicate version, drift, a non-idempotent CREATE with a fix, a failed dry-run, hostile text. */
export function failingReport(): Report {
  const dir = 'supabase/migrations';
  return counted({
    schemaVersion: SCHEMA_VERSION,
    tool,
    mode: 'pr',
    base: `git:${BASE}`,
    folders: [dir],
    migrations: [
      migration(`${dir}/001_profiles.sql`, '001', 'profiles', 'applied'),
      migration(`${dir}/002_conversations.sql`, '002', 'conversations', 'applied'),
      migration(`${dir}/003_messages.sql`, '003', 'messages', 'pending'),
      migration(`${dir}/003_memories.sql`, '003', 'memories', 'pending'),
      migration(`${dir}/004_<img src=x onerror=alert(1)>@octocat.sql`, '004', '<img src=x onerror=alert(1)>@octocat', 'pending'),
    ],
    findings: [
      {
        rule: 'duplicate-version',
        severity: 'error',
        file: `${dir}/003_memories.sql`,
        line: 0,
        column: 0,
        message: 'version 003 is also used by supabase/migrations/003_messages.sql',
        suggestion: 'git mv supabase/migrations/003_memories.sql supabase/migrations/005_memories.sql',
      },
      {
        rule: 'checksum-drift',
        severity: 'error',
        file: `${dir}/002_conversations.sql`,
        line: 0,
        column: 0,
        message: 'applied migration 002 was edited after it ran; the database will not run it again',
      },
      {
        rule: 'non-idempotent',
        severity: 'warning',
        file: `${dir}/003_messages.sql`,
        line: 3,
        column: 1,
        message: 'CREATE TABLE fails when messages already exists',
        suggestion: 'Use CREATE TABLE IF NOT EXISTS',
        fix: { line: 3, endLine: 3, replacement: 'CREATE TABLE IF NOT EXISTS messages (' },
      },
      {
        rule: 'non-idempotent',
        severity: 'warning',
        file: `${dir}/003_memories.sql`,
        line: 7,
        column: 1,
        message: 'CREATE INDEX fails when memories_user_idx already exists | ping @acme/dba ``` and <script>',
        fix: { line: 7, endLine: 7, replacement: 'CREATE INDEX IF NOT EXISTS memories_user_idx ON memories (user_id);' },
      },
      {
        rule: 'dry-run-failed',
        severity: 'error',
        file: `${dir}/003_messages.sql`,
        line: 12,
        column: 8,
        message: 'relation "conversation" does not exist (42P01)',
      },
    ],
    dryRun: {
      engine: 'pglite',
      serverVersion: '18.0',
      baselineCached: true,
      baselineMs: 840,
      migrations: [
        {
          file: `${dir}/003_messages.sql`,
          status: 'failed',
          durationMs: 41,
          error: {
            sqlstate: '42P01',
            message: 'relation "conversation" does not exist',
            hint: 'Did you mean "conversations"?',
            line: 12,
            column: 8,
            statement: 'ALTER TABLE messages\n  ADD CONSTRAINT fk FOREIGN KEY (conversation_id) REFERENCES conversation (id);\n-- ```` a backtick run that must not close the fence',
          },
          changes: [{ action: 'create', kind: 'table', name: 'public.messages' }],
          locks: [],
        },
        {
          file: `${dir}/003_memories.sql`,
          status: 'applied',
          durationMs: 1530,
          changes: [
            { action: 'create', kind: 'table', name: 'public.memories' },
            { action: 'create', kind: 'index', name: 'public.memories_user_idx' },
            { action: 'alter', kind: 'table', name: 'public.profiles' },
            { action: 'create', kind: 'policy', name: 'public.memories.owner_read' },
          ],
          locks: [{ relation: 'public.profiles', mode: 'AccessExclusiveLock' }],
        },
        {
          file: `${dir}/004_<img src=x onerror=alert(1)>@octocat.sql`,
          status: 'skipped',
          durationMs: 0,
          reason: 'extension vector is not available on the pglite engine | <b>',
          changes: [],
          locks: [],
        },
      ],
    },
  });
}

/** A passing PR with nothing pending and no findings. */
export function cleanReport(): Report {
  return counted({
    schemaVersion: SCHEMA_VERSION,
    tool,
    mode: 'pr',
    base: `git:${BASE}`,
    folders: ['db/migrations'],
    migrations: [migration('db/migrations/001_init.sql', '001', 'init', 'applied')],
    findings: [],
    dryRun: null,
  });
}

/** 3,000 pending migrations each with a warning, and 400 errors: far over one comment. */
export function hugeReport(): Report {
  const dir = 'db/migrations';
  const migrations: ReportMigration[] = [];
  const findings: Finding[] = [];
  for (let i = 1; i <= 3000; i++) {
    const v = String(i).padStart(4, '0');
    const file = `${dir}/${v}_add_column_${i}.sql`;
    migrations.push(migration(file, v, `add_column_${i}`, 'pending'));
    findings.push({ rule: 'non-idempotent', severity: 'warning', file, line: 1, column: 1, message: `ALTER TABLE t ADD COLUMN c${i} fails when c${i} exists` });
    if (i % 7 === 0) findings.push({ rule: 'syntax-error', severity: 'error', file, line: 2, column: 5, message: `syntax error at or near "COLUM" in ${v}` });
  }
  return counted({ schemaVersion: SCHEMA_VERSION, tool, mode: 'pr', base: `git:${BASE}`, folders: [dir], migrations, findings, dryRun: null });
}

/** `files` pending files, each with one error of a real rule's length and eleven warnings (the big-report repro). */
export function manyErrorsReport(files: number): Report {
  const dir = 'db/migrations';
  const migrations: ReportMigration[] = [];
  const findings: Finding[] = [];
  for (let i = 2; i < files + 2; i++) {
    const file = `${dir}/${String(i).padStart(4, '0')}_batch_${i}.sql`;
    migrations.push(migration(file, String(i).padStart(4, '0'), `batch_${i}`, 'pending'));
    for (let j = 1; j <= 10; j++) {
      findings.push({ rule: 'non-idempotent', severity: 'warning', file, line: j, column: 1, message: `CREATE TABLE fails when tbl_${i}_${j} already exists`, suggestion: 'Write `CREATE TABLE IF NOT EXISTS`.' });
    }
    findings.push({ rule: 'non-idempotent', severity: 'warning', file, line: 11, column: 1, message: `CREATE INDEX fails when idx_${i} already exists` });
    findings.push({
      rule: 'transaction-unsafe',
      severity: 'error',
      file,
      line: 11,
      column: 1,
      message:
        'CREATE INDEX CONCURRENTLY cannot run inside a transaction block; this file has 10 other statement(s), and a runner that sends the file as one query ' +
        "(golang-migrate, Prisma, dbmate, sqlx, node-postgres' client.query) runs them all as one implicit transaction, where it fails. " +
        'Only statement-by-statement execution (psql -f, goose NO TRANSACTION) runs it.',
      suggestion: 'Move it to a migration of its own, with no other statements, and make sure the runner does not run the file in a transaction.',
    });
  }
  return counted({ schemaVersion: SCHEMA_VERSION, tool, mode: 'pr', base: `git:${BASE}`, folders: [dir], migrations, findings, dryRun: null });
}
