// Where the pglite engine's files are: dist/pglite/ beside the bundle (the build copies them there),
// or node_modules when running from source; and the initialised data-directory snapshot it boots from.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SNAPSHOT_FILE = 'pglite-snapshot.tar.gz';

export interface PgliteAssets {
  wasm: string;
  initdb: string;
  data: string;
  /** Extension name → its tarball. */
  extensions: Map<string, string>;
  /** The initialised data directory (gzip tarball), created on demand from source. */
  snapshot: string;
  /** True when running from the bundle (dist/pglite/). */
  bundled: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));
// Not `new URL('./pglite/', import.meta.url)`: ncc's asset relocator rewrites that pattern into a broken module.
const bundleDir = join(here, 'pglite');

function tarballs(dir: string): Array<[string, string]> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tar.gz') && f !== SNAPSHOT_FILE)
    .map((f) => [f.slice(0, -'.tar.gz'.length), join(dir, f)]);
}

/** Where caches go: MIGRATION_GATE_CACHE_DIR, else node_modules/.cache from source, else the user's cache dir. */
export function cacheDir(): string {
  if (process.env.MIGRATION_GATE_CACHE_DIR) return resolve(process.env.MIGRATION_GATE_CACHE_DIR);
  if (!existsSync(bundleDir)) return join(pgliteDist(), '..', '..', '..', '.cache', 'migration-gate');
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'migration-gate');
}

/** node_modules/@electric-sql/pglite/dist when running from source. */
function pgliteDist(): string {
  return dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
}

/** scripts/pglite-snapshot.mjs, found upwards from this module (src/dryrun or a compiled copy of it). */
function snapshotScript(): string {
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const script = join(dir, 'scripts', 'pglite-snapshot.mjs');
    if (existsSync(script)) return script;
  }
  throw new Error('scripts/pglite-snapshot.mjs not found above ' + here);
}

let located: PgliteAssets | null = null;

export function locatePgliteAssets(): PgliteAssets {
  if (located) return located;
  if (existsSync(bundleDir)) {
    located = {
      // ncc already emits PGlite's own wasm and data beside the bundle; the build adds the rest to pglite/.
      wasm: join(here, 'pglite.wasm'),
      initdb: join(here, 'initdb.wasm'),
      data: join(here, 'pglite.data'),
      extensions: new Map(tarballs(bundleDir)),
      snapshot: join(bundleDir, SNAPSHOT_FILE),
      bundled: true,
    };
    return located;
  }
  const require = createRequire(import.meta.url);
  const dist = pgliteDist();
  const version = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')).version as string;
  const extensions = new Map(tarballs(dist));
  extensions.set('vector', join(dirname(require.resolve('@electric-sql/pglite-pgvector')), 'vector.tar.gz'));
  located = {
    wasm: join(dist, 'pglite.wasm'),
    initdb: join(dist, 'initdb.wasm'),
    data: join(dist, 'pglite.data'),
    extensions,
    snapshot: join(cacheDir(), `pglite-${version}-snapshot.tar.gz`),
    bundled: false,
  };
  return located;
}

/** The snapshot's path, creating it first (once, ~6 s) when running from source without one. */
export function ensureSnapshot(assets: PgliteAssets): string {
  if (existsSync(assets.snapshot)) return assets.snapshot;
  if (assets.bundled) throw new Error(`The bundle lacks ${assets.snapshot}: rebuild it (the build runs scripts/pglite-snapshot.mjs).`);
  execFileSync(process.execPath, [snapshotScript(), assets.snapshot], { stdio: 'ignore' });
  return assets.snapshot;
}
