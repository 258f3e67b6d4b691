// Builds dist/: the Action (dist/index.js) and the CLI (dist/cli.js) as ncc bundles that run from a
// folder holding dist/ alone, plus the WASM and data files those bundles load at run time.
// Usage: node scripts/build.mjs [out-dir]   (default dist/; the freshness test builds elsewhere and compares)

import ncc from '@vercel/ncc';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');
const require = createRequire(import.meta.url);

const entries = [
  { input: 'src/action.ts', output: 'index.js' },
  { input: 'src/bin.ts', output: 'cli.js' },
];

/** What the pglite engine loads at run time (src/dryrun/pglite-assets.ts looks for them in dist/pglite/). */
const pgliteDir = dirname(require.resolve('@electric-sql/pglite'));
const pgliteVersion = JSON.parse(readFileSync(join(pgliteDir, '..', 'package.json'), 'utf8')).version;
const pgliteFiles = [
  // pglite.wasm, initdb.wasm and pglite.data need no copy: ncc emits them beside the bundle.
  ...['pg_trgm.tar.gz', 'uuid-ossp.tar.gz', 'pgcrypto.tar.gz', 'citext.tar.gz'].map(
    (f) => join(pgliteDir, f),
  ),
  join(dirname(require.resolve('@electric-sql/pglite-pgvector')), 'vector.tar.gz'),
];
const SNAPSHOT = 'pglite-snapshot.tar.gz';
const STAMP = 'pglite-snapshot.version';

// initdb output differs run to run (system identifier, timestamps): keep the committed snapshot while
// PGlite's version is the same, so rebuilding does not churn a multi-megabyte binary.
const committedSnapshot = join(root, 'dist', 'pglite', SNAPSHOT);
const committedStamp = join(root, 'dist', 'pglite', STAMP);
const reusable =
  existsSync(committedSnapshot) && existsSync(committedStamp) && readFileSync(committedStamp, 'utf8').trim() === pgliteVersion
    ? readFileSync(committedSnapshot)
    : null;

/**
 * webpack's namespace interop (`import()` of a CommonJS module) copies the properties of objects only,
 * and node:module exports a function: PGlite's `await import('module')` then has no createRequire.
 * Letting the copy loop walk functions too is the whole fix; the build fails if the helper changes.
 */
function patchNamespaceInterop(code, input) {
  const loop = "typeof current == 'object' && !~leafPrototypes.indexOf(current)";
  if (!code.includes(loop)) throw new Error(`${input}: webpack's namespace interop helper changed; review the createRequire patch`);
  return code.replace(loop, "(typeof current == 'object' || typeof current == 'function') && !~leafPrototypes.indexOf(current)");
}

/** The bundles' code, as a hash of its sources and the locked dependencies: the lint cache's key (src/rules/lint-cache.ts). */
function buildId() {
  const hash = createHash('sha256');
  const files = readdirSync(join(root, 'src'), { recursive: true }).filter((f) => f.endsWith('.ts')).sort();
  for (const f of [...files.map((f) => join('src', f)), 'package-lock.json']) hash.update(`${f}\0`).update(readFileSync(join(root, f))).update('\0');
  return hash.digest('hex').slice(0, 16);
}
const BUILD_ID_MARK = '@@migration-gate-build-id@@';
const BUILD_ID = buildId();

/** Writes one emitted file, with the build id in place of its mark; returns how many marks it held. */
function emit(target, source) {
  const text = typeof source === 'string' ? source : null;
  if (text === null || !text.includes(BUILD_ID_MARK)) return writeFileSync(target, source), 0;
  writeFileSync(target, text.replaceAll(BUILD_ID_MARK, BUILD_ID));
  return text.split(BUILD_ID_MARK).length - 1;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'pglite'), { recursive: true });
for (const entry of entries) {
  // `filename` also names the chunks of lazy imports (<id>.cli.js, <id>.index.js): the two builds share dist/.
  const { code, assets } = await ncc(join(root, entry.input), { quiet: true, minify: false, sourceMap: false, target: 'es2022', cache: false, filename: entry.output });
  let marks = emit(join(out, entry.output), patchNamespaceInterop(code, entry.input));
  for (const [name, asset] of Object.entries(assets ?? {})) {
    const target = join(out, name);
    mkdirSync(dirname(target), { recursive: true });
    marks += emit(target, name.endsWith('.js') ? asset.source.toString() : asset.source);
  }
  if (marks !== 1) throw new Error(`${entry.input}: expected the build-id mark once in the bundle, found it ${marks} times`);
}

// libpg-query reads its .wasm beside the running script; ncc does not copy it.
copyFileSync(require.resolve('libpg-query/wasm/libpg-query.wasm'), join(out, 'libpg-query.wasm'));
for (const file of pgliteFiles) copyFileSync(file, join(out, 'pglite', file.split('/').pop()));
if (reusable) writeFileSync(join(out, 'pglite', SNAPSHOT), reusable);
else execFileSync(process.execPath, [join(root, 'scripts', 'pglite-snapshot.mjs'), join(out, 'pglite', SNAPSHOT)], { stdio: 'ignore' });
writeFileSync(join(out, 'pglite', STAMP), `${pgliteVersion}\n`);
console.log(`built ${out}: ${readdirSync(out).join(', ')}`);
