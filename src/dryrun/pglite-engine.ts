// The pglite engine: embedded WASM PostgreSQL, so a dry-run needs no server. It boots from an
// initialised data-directory snapshot (never initdb per run), and caches the replayed baseline as
// a saved data directory keyed like the url engine's template databases.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NO_LEFTOVERS, type Engine, type OpenedDatabase, type ServerLeftovers, type Session } from './engine.js';
import { cacheDir, ensureSnapshot, locatePgliteAssets, type PgliteAssets } from './pglite-assets.js';

/** Saved baselines kept in the cache folder (each ~40 MB), newest first. */
const KEEP_BASELINES = 4;
const BASELINE_PREFIX = 'pglite-baseline-';

type WasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;
// The project's lib has no DOM types, where WebAssembly is declared.
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

let modules: Promise<{ wasm: WasmModule; initdb: WasmModule }> | null = null;

/** Compiled once per process: passed explicitly so a bundled build never resolves them by import.meta.url. */
function compiledModules(assets: PgliteAssets) {
  modules ??= Promise.all([
    wasmApi.compile(readFileSync(assets.wasm)),
    wasmApi.compile(readFileSync(assets.initdb)),
  ]).then(([wasm, initdb]) => ({ wasm, initdb }));
  return modules;
}

let fsBundle: Blob | null = null;
let pristine: Buffer | null = null;

/** The initialised data directory, decompressed once per process (faster than PGlite's gunzip during boot). */
function pristineDataDir(assets: PgliteAssets): Buffer {
  pristine ??= gunzipSync(readFileSync(ensureSnapshot(assets)));
  return pristine;
}

export function pgliteSession(db: PGlite): Session {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    // PGlite has no copy-in sub-protocol (COPY ... FROM STDIN never returns): it reads the rows as the file /dev/blob.
    async copyFrom(copy) {
      const sql = `${copy.sql.slice(0, copy.stdin)}'/dev/blob'${copy.sql.slice(copy.stdin + 'STDIN'.length)}`;
      try {
        await db.exec(sql, { blob: new Blob([copy.rows]) });
      } catch (e) {
        // A position past STDIN is the statement's again: '/dev/blob' is longer by this much.
        const err = e as { position?: unknown };
        const shift = "'/dev/blob'".length - 'STDIN'.length;
        if (Number(err.position) > copy.stdin + 'STDIN'.length) err.position = String(Number(err.position) - shift);
        throw e;
      }
    },
  };
}

export class PgliteEngine implements Engine {
  readonly kind = 'pglite' as const;
  serverVersion = '';
  serverVersionNum = 0;
  private db: PGlite | null = null;

  private constructor(
    private readonly assets: PgliteAssets,
    private readonly extensions: string[],
  ) {}

  /** `extensions`: the ones the migrations create; their bundles must be loaded at boot. */
  static start(extensions: Iterable<string>): PgliteEngine {
    const assets = locatePgliteAssets();
    const wanted = [...new Set(extensions)].filter((e) => assets.extensions.has(e)).sort();
    return new PgliteEngine(assets, wanted);
  }

  get identity(): string {
    // A saved data directory is only valid for the PGlite build that wrote it.
    return `pglite:${statSync(this.assets.wasm).size}`;
  }

  async availableExtensions(): Promise<Set<string>> {
    return new Set(['plpgsql', ...this.assets.extensions.keys()]);
  }

  async open(baselineKey: string): Promise<OpenedDatabase> {
    const saved = this.baselinePath(baselineKey);
    const cached = existsSync(saved);
    const dataDir = cached ? readFileSync(saved) : pristineDataDir(this.assets);
    const { wasm, initdb } = await compiledModules(this.assets);
    const db = new PGlite({
      pgliteWasmModule: wasm,
      initdbWasmModule: initdb,
      fsBundle: (fsBundle ??= new Blob([readFileSync(this.assets.data)])),
      loadDataDir: new Blob([dataDir]),
      extensions: Object.fromEntries(this.extensions.map((e) => [e, pathToFileURL(this.assets.extensions.get(e)!)])),
    });
    await db.waitReady;
    this.db = db;
    const { rows } = await db.query<{ v: string; n: number }>(
      `SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n`,
    );
    this.serverVersion = rows[0]!.v.split(' ')[0]!;
    this.serverVersionNum = rows[0]!.n;
    return { session: pgliteSession(db), cached };
  }

  async saveBaseline(baselineKey: string): Promise<Session> {
    if (!this.db) throw new Error('saveBaseline before open');
    const dump = await this.db.dumpDataDir('none');
    const path = this.baselinePath(baselineKey);
    mkdirSync(cacheDir(), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, path);
    pruneBaselines();
    return pgliteSession(this.db);
  }

  async close(): Promise<ServerLeftovers> {
    const db = this.db;
    this.db = null;
    await db?.close();
    return NO_LEFTOVERS;
  }

  private baselinePath(key: string): string {
    return join(cacheDir(), `${BASELINE_PREFIX}${key.slice(0, 40)}.tar`);
  }
}

function pruneBaselines(): void {
  const dir = cacheDir();
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(BASELINE_PREFIX) && f.endsWith('.tar'))
    .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of files.slice(KEEP_BASELINES)) {
    try {
      unlinkSync(old.path);
    } catch {
      // Another run pruned it first.
    }
  }
}
