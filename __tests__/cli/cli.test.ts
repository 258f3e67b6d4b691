import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import { makeGitRepo, makeTree, removeTree, type Tree } from '../support/repo.js';
import type { Report } from '../../src/report/report.js';
import { PRESETS } from '../../src/options.js';
import { CHECKSUM_ALGORITHMS } from '../../src/checksum/index.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeTree));

async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, cwd, color: false });
  return { code, stdout, stderr };
}

function tree(files: Tree): string {
  const root = makeTree(files);
  roots.push(root);
  return root;
}

test('--help and --version exit 0', async () => {
  const root = tree({});
  expect((await cli(['--help'], root)).stdout).toContain('Usage: migration-gate <command>');
  expect((await cli(['--version'], root)).stdout).toMatch(/^migration-gate \d+\.\d+\.\d+\n$/);
});

test('--help lists every preset and checksum the flags take, wrapped under their column', async () => {
  const help = (await cli(['--help'], tree({}))).stdout;
  // The flag's description, up to the next flag: its choices and their continuation lines.
  const listed = (flag: string) => {
    const from = help.indexOf(`  ${flag} `) + flag.length + 2;
    return help.slice(from, help.indexOf('\n  --', from)).split(',').map((v) => v.trim());
  };
  expect(listed('--preset NAME')).toEqual([...PRESETS]);
  expect(listed('--checksum ALG')).toEqual([...CHECKSUM_ALGORITHMS]);
  expect(help.split('\n').every((l) => l.length <= 120)).toBe(true);
});

test('an unknown flag is a usage error (exit 2) that points at --help, without a stack trace', async () => {
  const r = await cli(['check', '--bogus'], tree({ 'migrations/001_a.sql': 'select 1;' }));
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/Unknown option '--bogus'/);
  expect(r.stderr).toContain('migration-gate --help');
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test('a bad value names the option and the allowed values', async () => {
  const r = await cli(['check', 'migrations', '--preset', 'rails'], tree({ 'migrations/001_a.sql': 'select 1;' }));
  expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('preset must be one of generic, supabase, flyway') });
});

test('a bad config file names the key', async () => {
  const root = tree({ 'migrations/001_a.sql': 'select 1;', '.migration-gate.yml': 'rules:\n  non-idempotnt: off\n' });
  const r = await cli(['check', '--no-dry-run'], root);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('rules.non-idempotnt is not a rule');
});

test('`cache: yes` (or on, no, off) is refused, not taken for a folder named yes; `cache: ./yes` is that folder', async () => {
  for (const word of ['yes', 'on', 'no', 'off']) {
    const root = tree({ '.migration-gate.yml': `cache: ${word}\n`, 'migrations/001_a.sql': 'select 1;' });
    const r = await cli(['check', '--no-dry-run'], root);
    expect(r).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining(`cache is "${word}", a YAML 1.1 boolean that YAML 1.2 reads as a folder name: write true or false, or a folder path (./${word} for a folder of that name)\n`) });
    expect(existsSync(join(root, word))).toBe(false);
  }
  const root = tree({ '.migration-gate.yml': 'cache: ./yes\n', 'migrations/001_a.sql': 'select 1;' });
  expect((await cli(['check', '--no-dry-run'], root)).code).toBe(0);
  expect(existsSync(join(root, 'yes/lint-v1.json'))).toBe(true);
});

test("--cache-dir '' and --output '' are usage errors, as `cache: ''` is", async () => {
  const root = tree({ 'migrations/001_a.sql': 'select 1;' });
  expect(await cli(['check', '--no-dry-run', '--cache-dir', ''], root)).toEqual({
    code: 2,
    stdout: '',
    stderr: 'migration-gate: --cache-dir takes a folder path (e.g. .migration-gate-cache); got ""\n',
  });
  expect(await cli(['check', '--no-dry-run', '--output', ''], root)).toEqual({ code: 2, stdout: '', stderr: 'migration-gate: --output takes a file path (e.g. report.json); got ""\n' });
  expect(readdirSync(root)).toEqual(['migrations']);
});

describe('--output', () => {
  const project = () => tree({ 'migrations/001_a.sql': 'create table if not exists a (id int);\n', 'adir/.keep': '' });

  test('a path it cannot write is exit 2 naming the path and the reason, after the report on stdout; no stack, no temporary file left', async () => {
    const root = project();
    for (const [output, reason] of [
      ['missing/dir/report.json', 'ENOENT: no such file or directory'],
      ['adir', 'EISDIR: illegal operation on a directory'],
      ['/dev/full', 'ENOSPC: no space left on device'],
    ] as const) {
      const r = await cli(['check', '--no-dry-run', '--format', 'json', '--output', output], root);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).verdict).toBe('pass');
      expect(r.stderr).toBe(`migration-gate: cannot write the report to ${output} (${reason}); it went to stdout only\n`);
    }
    expect(readdirSync(root).sort()).toEqual(['adir', 'migrations']);
    expect(readdirSync(join(root, 'adir'))).toEqual(['.keep']);
  });

  test('a relative path is read from -C DIR, as every path is; a migration is never overwritten by the report', async () => {
    const root = project();
    const elsewhere = tree({});
    const r = await cli(['check', '-C', root, '--no-dry-run', '--output', 'out/report.json'], elsewhere);
    expect(r.stderr).toBe('migration-gate: cannot write the report to out/report.json (ENOENT: no such file or directory); it went to stdout only\n');
    mkdirSync(join(root, 'out'));
    expect((await cli(['check', '-C', root, '--no-dry-run', '--output', 'out/report.json'], elsewhere)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'out/report.json'), 'utf8')).folders).toEqual(['migrations']);
    expect(readdirSync(elsewhere)).toEqual([]);

    const refused = await cli(['check', '--no-dry-run', '--output', 'migrations/001_a.sql'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'migration-gate: --output migrations/001_a.sql is the migration migrations/001_a.sql: give the report a file of its own, e.g. migration-gate-report.json\n',
    );
    expect(readFileSync(join(root, 'migrations/001_a.sql'), 'utf8')).toBe('create table if not exists a (id int);\n');
  });
});

test('malformed YAML says where', async () => {
  const root = tree({ 'migrations/001_a.sql': 'select 1;', '.migration-gate.yml': 'folders: [a\npreset: x: y\n' });
  const r = await cli(['check'], root);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/not valid YAML at line \d+/);
});

test('-C runs as if started in another folder', async () => {
  const root = tree({ 'app/db/migrations/001_a.sql': 'select 1;', 'app/db/migrations/001_b.sql': 'select 2;' });
  const r = await cli(['check', '-C', 'app', '--no-dry-run'], root);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('db/migrations/001_b.sql');
});

test('markdown output ends with a command that reproduces the run: the flags that change its result, -C included', async () => {
  const root = tree({
    'app/migrations/committed/000001.sql':
      '--! Previous: -\n--! Hash: sha1:1d3ee2d5483ad2e15aeedac9d75a90835eff6e93\n\ncreate table if not exists t(id int);\n',
  });
  const args = ['-C', 'app', 'migrations/committed', '--preset', 'graphile-migrate', '--no-dry-run', '--all'];
  const run = await cli(['check', ...args, '--format', 'markdown'], root);
  expect(run.code).toBe(0);
  const command = run.stdout.match(/```sh\n(.*)\n```/)![1]!;
  expect(command).toBe('npx migration-gate check migrations/committed --dir app --preset graphile-migrate --all --no-dry-run');
  // Run as printed, it gives the same result; without --preset, graphile-migrate's names are invalid-name errors.
  const again = await cli(command.split(' ').slice(2), root);
  expect(again.code).toBe(0);
  const dropped = await cli(['check', '-C', 'app', 'migrations/committed', '--no-dry-run'], root);
  expect([dropped.code, dropped.stdout]).toEqual([1, expect.stringContaining('invalid-name')]);
});

test('the default folder is found by convention, and a missing one says what to pass', async () => {
  const ok = await cli(['check', '--no-dry-run'], tree({ 'db/migrations/001_a.sql': 'select 1;' }));
  expect(ok.code).toBe(0);
  const missing = await cli(['check', '--no-dry-run'], tree({ 'src/x.ts': '' }));
  expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('no migration folder given') });
});

test('a password in a database URL never appears in an error', async () => {
  const r = await cli(['check', 'migrations', '--database-url', 'mysql://u:s3cret@h/db'], tree({ 'migrations/001_a.sql': 'select 1;' }));
  expect(r.code).toBe(2);
  expect(r.stderr + r.stdout).not.toContain('s3cret');
});

describe('against a git base', () => {
  let root: string;
  let baseSha: string;
  beforeAll(() => {
    ({ root, baseSha } = makeGitRepo(
      { 'migrations/001_users.sql': 'create table if not exists users (id int);\n' },
      { 'migrations/002_orders.sql': 'create table if not exists orders (id int);\n' },
    ));
    roots.push(root);
  });

  test('JSON report: pending migration, versioned shape, written to --output too', async () => {
    const out = join(root, 'report.json');
    const r = await cli(['check', 'migrations', '--base', baseSha, '--format', 'json', '--no-dry-run', '--output', out], root);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report).toMatchObject({ schemaVersion: 1, verdict: 'pass', mode: 'pr', base: `git:${baseSha}`, folders: ['migrations'], dryRun: null });
    expect(report.migrations.map((m) => [m.file, m.status, m.change])).toEqual([
      ['migrations/001_users.sql', 'applied', 'unchanged'],
      ['migrations/002_orders.sql', 'pending', 'added'],
    ]);
    expect(report.migrations[0]!.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(report);
  });

  test('text output lists the pending migration and a summary line', async () => {
    const r = await cli(['check', 'migrations', '--base', baseSha, '--no-dry-run'], root);
    expect(r.stdout).toContain('Pending against git:' + baseSha + ': 1 migration\n  migrations/002_orders.sql');
    expect(r.stdout).toMatch(/✔ gate passes · 0 errors, 0 warnings in 2 migrations\n$/);
  });
});

test('text output: a finding without a column shows its line alone; a multi-line suggestion stays indented', async () => {
  const { renderText } = await import('../../src/report/text.js');
  const { testOptions } = await import('../support/options.js');
  const { buildReport } = await import('../../src/report/build.js');
  const report = buildReport({
    options: testOptions(),
    migrations: [],
    history: null,
    dryRun: null,
    findings: [
      { rule: 'dangerous-lock', severity: 'warning', file: 'm/001_a.sql', line: 8, column: 0, message: 'lock', suggestion: 'keep it short' },
      { rule: 'non-idempotent', severity: 'warning', file: 'm/001_a.sql', line: 12, column: 1, message: 'twice', suggestion: 'Wrap it:\nDO $$\nBEGIN\nEND $$;' },
    ],
  });
  expect(renderText(report)).toContain(
    'm/001_a.sql\n' +
      '  8     warning  lock  dangerous-lock\n' +
      '                 → keep it short\n' +
      '  12:1  warning  twice  non-idempotent\n' +
      '                 → Wrap it:\n' +
      '                   DO $$\n' +
      '                   BEGIN\n' +
      '                   END $$;\n',
  );
});

test('--role declares a role production has: without it the dry-run warns and says to pass it; with it the grant applies', async () => {
  const root = tree({ 'migrations/001_reports.sql': 'CREATE TABLE IF NOT EXISTS reports (id int);\nGRANT SELECT ON reports TO reporting;\n' });
  const without = await cli(['check', 'migrations', '--engine', 'pglite'], root);
  expect(without.code).toBe(0);
  expect(without.stdout).toMatch(/warning\s+Needs role "reporting"/);
  expect(without.stdout).toContain('pass --role reporting');
  const declared = await cli(['check', 'migrations', '--engine', 'pglite', '--role', 'reporting', '--format', 'json'], root);
  expect(declared.code).toBe(0);
  const report = JSON.parse(declared.stdout) as Report;
  expect(report.findings).toEqual([]);
  expect(report.dryRun?.migrations.map((m) => m.status)).toEqual(['applied']);
  expect(await cli(['check', 'migrations', '--role', 'pg_read_all_data'], root)).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('--role takes a role name (at most 63 bytes, not pg_..., public or none); got "pg_read_all_data"'),
  });
});

test('--format gitlab writes a GitLab Code Quality report, and --format sarif a SARIF log, of the same findings and exit code', async () => {
  const files = { 'migrations/001_a.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\n', 'migrations/001_b.sql': 'CREATE TABLE b (id int);\n' };
  const args = ['check', 'migrations', '--no-dry-run', '--all'];
  const gitlab = await cli([...args, '--format', 'gitlab'], tree(files));
  expect(gitlab.code).toBe(1);
  const issues = JSON.parse(gitlab.stdout) as Array<Record<string, unknown>>;
  // A whole-file finding (line 0 in the JSON report) sits on line 1, where GitLab can show it.
  expect(issues.map((i) => [i.check_name, i.severity, i.location])).toEqual([
    ['duplicate-version', 'major', { path: 'migrations/001_b.sql', lines: { begin: 1 } }],
    ['non-idempotent', 'minor', { path: 'migrations/001_b.sql', lines: { begin: 1 } }],
  ]);
  expect(issues[1]).toMatchObject({
    description: expect.stringMatching(/^CREATE TABLE b fails when the file runs a second time/),
    content: { body: expect.stringContaining('CREATE TABLE IF NOT EXISTS b') },
  });
  expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(2);
  // GitLab tells new findings from old by fingerprint: a line added above keeps it.
  const moved = await cli([...args, '--format', 'gitlab'], tree({ ...files, 'migrations/001_b.sql': '-- b\nCREATE TABLE b (id int);\n' }));
  const again = (JSON.parse(moved.stdout) as Array<Record<string, unknown>>)[1]!;
  expect([again.fingerprint, again.location]).toEqual([issues[1]!.fingerprint, { path: 'migrations/001_b.sql', lines: { begin: 2 } }]);

  const sarif = await cli([...args, '--format', 'sarif'], tree(files));
  expect([sarif.code, sarif.stderr]).toEqual([1, '']);
  const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string; level: string }> }> };
  expect(log.version).toBe('2.1.0');
  expect(log.runs[0]!.results.map((r) => [r.ruleId, r.level])).toEqual([
    ['duplicate-version', 'error'],
    ['non-idempotent', 'warning'],
  ]);
  expect((await cli([...args, '--format', 'gitlab'], tree({ 'migrations/001_a.sql': 'SELECT 1;\n' }))).stdout).toBe('[]\n');
});

test('a pg_dump-sized baseline of 130,001 bare statements is linted whole in every format: every finding reported, no internal error', async () => {
  // More findings than a JavaScript call takes arguments: collecting, grouping or listing them once overflowed the stack.
  const sql = Array.from({ length: 130_001 }, (_, i) => `CREATE TABLE t${i} (id int);\n`).join('');
  const root = tree({ 'migrations/001_baseline.sql': sql });
  const args = ['check', 'migrations', '--all', '--no-dry-run', '--cache'];
  const json = await cli([...args, '--format', 'json'], root);
  expect(json.stderr).toBe('');
  const report = JSON.parse(json.stdout) as Report;
  expect(report.findings).toHaveLength(130_001);
  expect(report.findings.at(-1)).toMatchObject({ rule: 'non-idempotent', line: 130_001, message: expect.stringContaining('CREATE TABLE t130000 fails') });
  // The other formats render from the lint cache the JSON run filled.
  const text = await cli([...args, '--format', 'text'], root);
  expect(text.stderr).toBe('');
  expect(text.stdout).toMatch(/^  130001:1  warning  CREATE TABLE t130000 fails when the file runs a second time/m);
  expect(text.stdout).toContain('130001 warnings');
  const markdown = await cli([...args, '--format', 'markdown'], root);
  expect(markdown.stderr).toBe('');
  expect(markdown.stdout).toContain("130001 findings not shown here, to stay within GitHub's size limit");
}, 120_000);
