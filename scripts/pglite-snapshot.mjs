// Creates an initialised PGlite data directory once (a gzip tarball from dumpDataDir), so the pglite
// engine boots from it with loadDataDir instead of paying initdb (~5 s) on every run.
// Usage: node scripts/pglite-snapshot.mjs [output.tar.gz]   (default: node_modules/.cache/migration-gate/)
// The build runs it into dist/pglite/pglite-snapshot.tar.gz; from source the engine runs it on demand.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = dirname(dirname(require.resolve('@electric-sql/pglite')));
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const out = resolve(
  process.argv[2] ?? join(root, 'node_modules', '.cache', 'migration-gate', `pglite-${version}-snapshot.tar.gz`),
);

const started = Date.now();
const db = new PGlite();
await db.waitReady;
const dump = await db.dumpDataDir('gzip');
await db.close();
mkdirSync(dirname(out), { recursive: true });
// Write then rename, so a concurrent reader never sees half a tarball.
const tmp = `${out}.${process.pid}.tmp`;
writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
renameSync(tmp, out);
console.log(`pglite ${version} snapshot: ${out} (${dump.size} bytes, ${Date.now() - started} ms)`);
