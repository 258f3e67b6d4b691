// Which engine a run uses: the one asked for, or for `auto` the url if given, else a local cluster
// when server binaries exist (unless it lacks an extension or version that pglite has), else pglite.

import { UserError } from '../errors.js';
import type { DryRunOptions } from '../options.js';
import { ClusterEngine, findPostgresBinaries } from './cluster-engine.js';
import { majorVersion, type Engine } from './engine.js';
import { PgliteEngine } from './pglite-engine.js';
import { locatePgliteAssets } from './pglite-assets.js';
import { UrlEngine } from './url-engine.js';

/** PGlite 0.5 embeds PostgreSQL 18. */
const PGLITE_MAJOR = 18;

const NO_BINARIES =
  'PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH nor in /usr/lib/postgresql/<version>/bin. ' +
  'Install the postgresql server package, or use --engine pglite (no server needed).';

export async function startEngine(dry: DryRunOptions, extensions: Set<string>): Promise<Engine> {
  switch (dry.engine) {
    case 'url':
      if (!dry.databaseUrl) throw new UserError('--engine url needs --database-url (or DATABASE_URL).');
      return UrlEngine.start(dry.databaseUrl);
    case 'cluster': {
      const bin = findPostgresBinaries();
      if (!bin) throw new UserError(`--engine cluster: ${NO_BINARIES}`);
      return ClusterEngine.start(bin);
    }
    case 'pglite':
      return PgliteEngine.start(extensions);
    case 'auto': {
      if (dry.databaseUrl) return UrlEngine.start(dry.databaseUrl);
      const bin = findPostgresBinaries();
      if (!bin) return PgliteEngine.start(extensions);
      const cluster = await ClusterEngine.start(bin);
      if (await pgliteFitsBetter(cluster, extensions, dry.postgresVersion)) {
        await cluster.close();
        return PgliteEngine.start(extensions);
      }
      return cluster;
    }
  }
}

/** The local server lacks an extension (or the version) the migrations need, and pglite has it. */
async function pgliteFitsBetter(cluster: Engine, extensions: Set<string>, postgresVersion?: number): Promise<boolean> {
  const have = await cluster.availableExtensions();
  const pglite = locatePgliteAssets().extensions;
  const missing = [...extensions].filter((e) => !have.has(e));
  if (missing.length > 0 && missing.every((e) => pglite.has(e))) return true;
  const wanted = postgresVersion ?? 0;
  return majorVersion(cluster.serverVersionNum) < wanted && wanted <= PGLITE_MAJOR;
}
