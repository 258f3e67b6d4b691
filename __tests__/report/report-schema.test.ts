// schema/report.schema.json, the contract of the JSON report, against the reports the gate really writes: the CLI run
// in-process on the seed fixtures (static and dry-run on PGlite), in PR mode against a git base, in deploy mode on the
// test server (check and status), plus the golden reports. Every field it declares must occur in one of them, and its
// rule enum is the code's list of rule ids, so neither can change without the other.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { RULE_IDS } from '../../src/report/finding.js';
import type { Report } from '../../src/report/report.js';
import { cleanReport, failingReport } from '../github/report-fixtures.js';
import { runCliIn } from '../support/cli.js';
import { makeGitRepo, makeTree, removeTree } from '../support/repo.js';
import { commit } from '../support/graphile.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';

const schema = JSON.parse(readFileSync(join(process.cwd(), 'schema', 'report.schema.json'), 'utf8'));
// Strict but for strictRequired, Ajv's own lint, which refuses a `then` requiring a property the enclosing schema defines.
const validate = new Ajv2020({ strict: true, strictRequired: false, allErrors: true }).compile(schema);

/** What the schema says is wrong with `report`, one line per error; empty when it is valid. */
function problems(report: unknown): string[] {
  return validate(report) ? [] : validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

const FIXTURES = join(process.cwd(), 'migrations-fixtures');
const GOLDEN = ['hotel-voice-bot', 'npm-migrate-runner', 'startup-runner', 'supabase-cli', 'mixed-naming'];

/** The reports real runs printed, as a user's JSON parser reads them, by what was run. */
const reports = new Map<string, Report>();
const roots: string[] = [];
let db: ScratchDatabase;

async function record(label: string, cwd: string, argv: string[]): Promise<void> {
  const run = await runCliIn(cwd, [...argv, '--format', 'json']);
  if (run.code === 2 || !run.report) throw new Error(`${label}: exit ${run.code}: ${run.stderr}`);
  reports.set(label, run.report);
}

beforeAll(async () => {
  await record('supabase-cli fixture, dry-run on PGlite', join(FIXTURES, 'supabase-cli'), ['check', '--engine', 'pglite']);

  const pr = makeGitRepo(
    {
      'migrations/001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
      'migrations/002_orders.sql': 'CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));\n',
    },
    {
      'migrations/002_orders.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id int REFERENCES users (id));\n',
      'migrations/003_email.sql': '-- a column on a table that exists\nALTER TABLE users ADD COLUMN email text;\n',
      'migrations/004_drop.sql': 'DROP TABLE users;\n',
      'migrations/005_later.sql': 'CREATE TABLE IF NOT EXISTS later (id int);\n',
    },
  );
  roots.push(pr.root);
  await record('PR mode against a git base, dry-run on PGlite', pr.root, ['check', 'migrations', '--base', pr.baseSha, '--engine', 'pglite']);

  const code = makeTree({
    'migrations/1600000000000_init.sql': '-- Up Migration\nCREATE TABLE t (id int);\n',
    'migrations/1600000000001_seed.js': 'exports.up = (pgm) => { pgm.sql("INSERT INTO t VALUES (1)"); };\n',
    'migrations/1600000000002_more.ts': 'export const up = () => {};\n',
  });
  roots.push(code);
  await record('node-pg-migrate with migrations in code, static', code, ['check', 'migrations', '--preset', 'node-pg-migrate', '--no-dry-run']);

  // Three projects: a current.sql that applies twice, one that fails the second time, and a current/ failing in a file.
  const graphile = makeTree({
    'a/migrations/committed/000001.sql': commit('CREATE TABLE IF NOT EXISTS t (id int);\n', null).text,
    'a/migrations/current.sql': 'CREATE TABLE IF NOT EXISTS u (id int);\n--!include note.sql\n',
    // A lock taken in an included fixture names its file.
    'a/migrations/fixtures/note.sql': 'ALTER TABLE t ADD COLUMN IF NOT EXISTS note text;\n',
    'c/migrations/committed/000001.sql': commit('CREATE TABLE IF NOT EXISTS y (id int);\n', null).text,
    'c/migrations/current.sql': "DO $$ BEGIN EXECUTE 'CREATE TABLE z (id int)'; END $$;\n",
    'b/migrations/committed/000001.sql': commit('CREATE TABLE IF NOT EXISTS v (id int);\n', null).text,
    'b/migrations/current/1-w.sql': 'CREATE TABLE IF NOT EXISTS w (id int);\n',
    'b/migrations/current/2-x.sql': 'CREATE OR REPLACE VIEW x AS SELECT * FROM nobody;\n',
  });
  roots.push(graphile);
  await record("graphile-migrate's current.sql and current/, dry-run on PGlite", graphile, [
    'check',
    'a/migrations/committed',
    'c/migrations/committed',
    'b/migrations/committed',
    '--preset',
    'graphile-migrate',
    '--engine',
    'pglite',
  ]);

  db = await scratchDatabase('report_schema');
  const deploy = makeTree({
    'migrations/001_users.sql': 'CREATE TABLE users (id int PRIMARY KEY);\n',
    'migrations/002_orders.sql': 'CREATE TABLE orders (id int PRIMARY KEY);\n',
  });
  roots.push(deploy);
  const applied = await runCliIn(deploy, ['apply', 'migrations', '--database-url', db.url]);
  if (applied.code !== 0) throw new Error(`apply: ${applied.stderr}`);
  makeTree({ 'migrations/003_items.sql': 'CREATE TABLE items (id int PRIMARY KEY);\n' }, deploy);
  await record('deploy mode status on the test server', deploy, ['status', 'migrations', '--database-url', db.url]);
  await record('deploy mode check on the test server, dry-run on PGlite', deploy, ['check', 'migrations', '--mode', 'deploy', '--database-url', db.url, '--engine', 'pglite']);
});

afterAll(async () => {
  await db?.drop();
  roots.forEach(removeTree);
});

const golden = (name: string): Report => JSON.parse(readFileSync(join(FIXTURES, name, 'expected-report.json'), 'utf8'));

test('the schema compiles in strict mode as JSON Schema 2020-12, and its rule ids are the code’s, in order', () => {
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  expect(schema.$defs.finding.properties.rule.enum).toEqual([...RULE_IDS]);
});

test('every report the CLI printed is valid', () => {
  expect([...reports.keys()]).toHaveLength(6);
  for (const [label, report] of reports) expect({ label, problems: problems(report) }).toEqual({ label, problems: [] });
});

test.each(GOLDEN)('the golden report of %s is valid', (name) => {
  expect(problems(golden(name))).toEqual([]);
});

test('the hand-built reports behind the comment, summary and SARIF goldens are valid', () => {
  expect(problems(JSON.parse(JSON.stringify(failingReport())))).toEqual([]);
  expect(problems(JSON.parse(JSON.stringify(cleanReport())))).toEqual([]);
});

/** Every property path the schema declares, `[]` for an array's items: "dryRun.migrations[].error.hint". */
function declared(node: { $ref?: string; properties?: Record<string, object>; items?: object; oneOf?: object[] }, at = ''): string[] {
  if (node.$ref) return declared(schema.$defs[node.$ref.replace('#/$defs/', '')], at);
  const own = Object.entries(node.properties ?? {}).flatMap(([key, sub]) => [`${at}${at && '.'}${key}`, ...declared(sub, `${at}${at && '.'}${key}`)]);
  return [...own, ...(node.items ? declared(node.items, `${at}[]`) : []), ...(node.oneOf ?? []).flatMap((s) => declared(s, at))];
}

/** Every property path that occurs in `value`, in the same notation. */
function present(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => present(v, `${at}[]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => [`${at}${at && '.'}${key}`, ...present(v, `${at}${at && '.'}${key}`)]);
}

test('every field the schema declares occurs in a real report: none is described that the gate never writes', () => {
  const seen = new Set([...reports.values(), ...GOLDEN.map(golden)].flatMap((r) => present(r)));
  expect(declared(schema).filter((path) => !seen.has(path))).toEqual([]);
});

test('the real reports hold each value of the closed fields the schema enumerates', () => {
  const real = [...reports.values(), ...GOLDEN.map(golden)];
  const values = (pick: (r: Report) => unknown[]) => new Set(real.flatMap(pick));
  expect(values((r) => [r.mode])).toEqual(new Set(['pr', 'deploy']));
  expect(values((r) => [r.base?.split(':')[0] ?? null])).toEqual(new Set([null, 'git', 'table']));
  expect(values((r) => r.migrations.map((m) => m.status))).toEqual(new Set(['applied', 'pending', 'current']));
  expect(values((r) => r.migrations.map((m) => m.change))).toEqual(new Set([null, 'added', 'modified', 'unchanged']));
  expect(values((r) => r.migrations.map((m) => m.language ?? 'sql'))).toEqual(new Set(['sql', 'javascript', 'typescript']));
  expect(values((r) => r.dryRun?.migrations.map((m) => m.status) ?? [])).toEqual(new Set(['applied', 'failed', 'skipped']));
  expect(values((r) => r.dryRun?.migrations.flatMap((m) => m.rerun ?? []) ?? [])).toEqual(new Set(['applied', 'failed']));
});

type Node = Record<string | number, unknown>;

/** Where the schema finds fault once the report's value at `path` is `value` (undefined: the key removed). */
function rejectedAt(report: Report, path: Array<string | number>, value: unknown): string[] {
  const copy = structuredClone(report) as unknown as Node;
  const parent = path.slice(0, -1).reduce((node, key) => node[key] as Node, copy);
  const key = path.at(-1)!;
  if (value === undefined) delete parent[key];
  else parent[key] = value;
  return problems(copy).map((p) => p.slice(0, p.indexOf(' ')));
}

test('the schema rejects what the gate never writes', () => {
  const report = reports.get('PR mode against a git base, dry-run on PGlite')!;
  const failed = report.dryRun!.migrations.findIndex((m) => m.status === 'failed');
  expect(problems(report)).toEqual([]);
  expect(rejectedAt(report, ['schemaVersion'], 2)).toContain('/schemaVersion');
  expect(rejectedAt(report, ['findings', 0, 'rule'], 'no-such-rule')).toContain('/findings/0/rule');
  expect(rejectedAt(report, ['findings', 0, 'severity'], 'info')).toContain('/findings/0/severity');
  expect(rejectedAt(report, ['migrations', 0, 'extra'], true)).toContain('/migrations/0');
  expect(rejectedAt(report, ['summary', 'conflicts'], undefined)).toContain('/summary');
  expect(rejectedAt(report, ['base'], 'origin/main')).toContain('/base');
  expect(rejectedAt(report, ['dryRun', 'migrations', failed, 'error'], undefined)).toContain(`/dryRun/migrations/${failed}`);
  // Only an applied current migration had a second run.
  expect(rejectedAt(report, ['dryRun', 'migrations', failed, 'rerun'], 'failed')).toContain(`/dryRun/migrations/${failed}`);
});
