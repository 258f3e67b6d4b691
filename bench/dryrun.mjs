// Benchmark of the dry-run (not a timed test): one generated corpus of real-shaped migration files
// replayed three ways on the same server — the dry-run cold, a `psql -v ON_ERROR_STOP=1 -f FILE`
// loop, and the dry-run with a warm baseline cache — plus pglite cold start, its dry-run and peak RSS,
// and pglite with every file pending (the catalog caught up after each one).
// Usage: node bench/dryrun.mjs [--files 150] [--pending 5]   (DATABASE_URL or the local test server)
// It compiles the TypeScript sources with tsc into build/ first (the bundle is the lead's job).

import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const FILES = arg('files', 150);
const PENDING = arg('pending', 5);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/** A schema that grows like a real product's: tables, FKs, indexes, enums, triggers, views, RLS, seed rows. */
function corpus(count, tag) {
  const files = [];
  const tables = [];
  const add = (sql) => files.push({ name: `${String(files.length + 1).padStart(4, '0')}_step.sql`, sql });
  add(`-- bench ${tag}\nCREATE TYPE status AS ENUM ('new', 'active', 'archived');\n` +
    `CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at = now();\n  RETURN NEW;\nEND $$;\n`);
  while (files.length < count) {
    const i = files.length;
    const kind = i % 6;
    if (kind === 0 || tables.length < 3) {
      const t = `entity_${tables.length}`;
      const parent = tables.length ? tables[tables.length - 1] : null;
      tables.push(t);
      add(`-- Migration: create ${t}\nCREATE TABLE ${t} (\n  id bigserial PRIMARY KEY,\n` +
        (parent ? `  ${parent}_id bigint NOT NULL REFERENCES ${parent}(id) ON DELETE CASCADE,\n` : '') +
        `  name text NOT NULL,\n  status status NOT NULL DEFAULT 'new',\n  metadata jsonb NOT NULL DEFAULT '{}',\n` +
        `  created_at timestamptz NOT NULL DEFAULT now(),\n  updated_at timestamptz NOT NULL DEFAULT now()\n);\n` +
        `CREATE INDEX ${t}_created_at_idx ON ${t} (created_at DESC);\n` +
        (parent ? `CREATE INDEX ${t}_${parent}_id_idx ON ${t} (${parent}_id);\n` : '') +
        `CREATE TRIGGER ${t}_touch BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION touch_updated_at();\n` +
        `COMMENT ON TABLE ${t} IS 'Rows of ${t}';\n`);
    } else {
      const t = tables[i % tables.length];
      if (kind === 1) add(`ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS note_${i} text;\nCREATE INDEX IF NOT EXISTS ${t}_note_${i}_idx ON ${t} (note_${i}) WHERE note_${i} IS NOT NULL;\n`);
      else if (kind === 2) add(`CREATE OR REPLACE VIEW ${t}_active_${i} AS\n  SELECT id, name, created_at FROM ${t} WHERE status = 'active';\n`);
      else if (kind === 3) add(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;\nDROP POLICY IF EXISTS ${t}_read ON ${t};\nCREATE POLICY ${t}_read ON ${t} FOR SELECT USING (status <> 'archived');\n`);
      else if (kind === 4) add(`INSERT INTO ${t} (name${t === tables[0] ? '' : `, ${tables[tables.indexOf(t) - 1]}_id`})\n` +
        `SELECT 'seed ' || g${t === tables[0] ? '' : ', 1'} FROM generate_series(1, 20) g\n  WHERE EXISTS (SELECT 1 ${t === tables[0] ? '' : `FROM ${tables[tables.indexOf(t) - 1]} WHERE id = 1`});\n`);
      else add(`CREATE OR REPLACE FUNCTION ${t}_count_${i}() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM ${t} $$;\n` +
        `ALTER TABLE ${t} ADD CONSTRAINT ${t}_name_len_${i} CHECK (char_length(name) < ${1000 + i}) NOT VALID;\n`);
    }
  }
  return files;
}

const ms = (t0) => Math.round(performance.now() - t0);
const psqlRun = (args) => {
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${args.join(' ')}: ${r.stderr}`);
};

function buildSources() {
  const t0 = performance.now();
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--noEmit', 'false', '--outDir', join(root, 'build')], { stdio: 'inherit' });
  console.log(`(compiled sources in ${ms(t0)} ms)`);
}

function migrationsFrom(files) {
  return files.map((f) => ({
    file: `db/${f.name}`, folder: 'db', version: f.name.slice(0, 4), name: 'step', scheme: 'sequential', kind: 'versioned',
    bytes: Buffer.from(f.sql), sql: f.sql, lineOffset: 0, transactional: true,
  }));
}

function options(engine) {
  return {
    root, folders: [], base: null, mode: 'pr', preset: 'generic', checksum: 'sha256', all: false, placeholders: {},
    placeholderPatterns: ['${name}', '{{ name }}'], rules: {}, failOn: 'error', history: { format: 'auto', write: false },
    dryRun: { enabled: true, engine, databaseUrl: engine === 'url' ? DATABASE_URL : undefined, roles: [], statementTimeoutMs: 300000, lockTimeoutMs: 10000 },
  };
}

async function child(mode) {
  // Runs in a fresh process so cold start and peak RSS are this engine's alone.
  const { runDryRun } = await import(pathToFileURL(join(root, 'build/src/dryrun/index.js')).href);
  const { PgliteEngine } = await import(pathToFileURL(join(root, 'build/src/dryrun/pglite-engine.js')).href);
  const result = {};
  if (mode === 'pglite-start') {
    const t0 = performance.now();
    const engine = PgliteEngine.start([]);
    const { session } = await engine.open(`bench-${randomBytes(4).toString('hex')}`);
    await session.query('SELECT 1');
    result.readyMs = ms(t0);
    await engine.close();
  } else if (mode === 'pglite-all') {
    const all = migrationsFrom(corpus(FILES, randomBytes(4).toString('hex')));
    const t0 = performance.now();
    const out = await runDryRun({ options: options('pglite'), baseline: [], pending: all });
    result.allPendingMs = ms(t0);
    result.ok = out.dryRun.migrations.every((m) => m.status === 'applied');
  } else {
    const files = corpus(FILES, randomBytes(4).toString('hex'));
    const all = migrationsFrom(files);
    const input = { options: options('pglite'), baseline: all.slice(0, -PENDING), pending: all.slice(-PENDING) };
    let t0 = performance.now();
    const cold = await runDryRun(input);
    result.coldMs = ms(t0);
    t0 = performance.now();
    const warm = await runDryRun(input);
    result.warmMs = ms(t0);
    result.ok = [...cold.dryRun.migrations, ...warm.dryRun.migrations].every((m) => m.status === 'applied') && warm.dryRun.baselineCached;
  }
  result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify(result));
}

function inChild(mode) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, '--files', String(FILES), '--pending', String(PENDING)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

async function main() {
  buildSources();
  const { runDryRun } = await import(pathToFileURL(join(root, 'build/src/dryrun/index.js')).href);
  const files = corpus(FILES, randomBytes(4).toString('hex'));
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-'));
  for (const f of files) writeFileSync(join(dir, f.name), f.sql);
  const all = migrationsFrom(files);
  console.log(`corpus: ${files.length} files, ${files.reduce((n, f) => n + f.sql.length, 0)} bytes; ${PENDING} pending on top of ${files.length - PENDING} merged`);

  // psql loop: what a hand-written runner does, one process per file, on a fresh database.
  const db = `bench_psql_${randomBytes(4).toString('hex')}`;
  psqlRun([DATABASE_URL, '-c', `CREATE DATABASE ${db}`]);
  const target = new URL(DATABASE_URL);
  target.pathname = `/${db}`;
  let t0 = performance.now();
  for (const f of files) psqlRun([target.toString(), '-f', join(dir, f.name)]);
  const psqlMs = ms(t0);
  psqlRun([DATABASE_URL, '-c', `DROP DATABASE ${db}`]);
  rmSync(dir, { recursive: true, force: true });

  const input = { options: options('url'), baseline: all.slice(0, -PENDING), pending: all.slice(-PENDING) };
  t0 = performance.now();
  const cold = await runDryRun(input);
  const coldMs = ms(t0);
  t0 = performance.now();
  const warm = await runDryRun(input);
  const warmMs = ms(t0);
  t0 = performance.now();
  const allPending = await runDryRun({ ...input, baseline: [], pending: all });
  const allPendingMs = ms(t0);
  for (const out of [cold, warm, allPending]) {
    const bad = out.dryRun.migrations.filter((m) => m.status !== 'applied');
    if (bad.length) throw new Error(`corpus did not apply: ${JSON.stringify(bad[0])}`);
  }

  const start = inChild('pglite-start');
  const pglite = inChild('pglite-run');
  const pgliteAll = inChild('pglite-all');
  const ratio = (x) => (x / psqlMs).toFixed(2);
  console.log(`psql -f loop (${files.length} processes):        ${psqlMs} ms`);
  console.log(`dry-run url, cold baseline:             ${coldMs} ms  (${ratio(coldMs)}× psql; target ≤ 0.5×; baseline ${cold.dryRun.baselineMs} ms)`);
  console.log(`dry-run url, warm baseline cache:       ${warmMs} ms  (${ratio(warmMs)}× psql; target ≤ 0.1×; cached=${warm.dryRun.baselineCached})`);
  console.log(`dry-run url, all ${files.length} files pending:     ${allPendingMs} ms  (${ratio(allPendingMs)}× psql; locks, catalog diff and re-run proof per file)`);
  console.log(`pglite cold start to ready:             ${start.readyMs} ms  (target ≤ 1500 ms; peak RSS ${start.peakRssMb} MB)`);
  console.log(`dry-run pglite, cold / warm:            ${pglite.coldMs} / ${pglite.warmMs} ms  (peak RSS ${pglite.peakRssMb} MB; ok=${pglite.ok})`);
  console.log(`dry-run pglite, all ${files.length} files pending:  ${pgliteAll.allPendingMs} ms  (peak RSS ${pgliteAll.peakRssMb} MB; ok=${pgliteAll.ok})`);
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else await main();
