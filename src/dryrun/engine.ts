// The Engine contract: a narrow driver (a Session that runs SQL) behind which a server URL, a
// throwaway local cluster and embedded PGlite all fit, plus the error shape they all report.

export type EngineKind = 'url' | 'cluster' | 'pglite';

/** One connection to the scratch database of a run. */
export interface Session {
  /** One statement, optionally with parameters; returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A script of one or more statements in one round trip (simple protocol), as psql or a runner sends it. */
  exec(sql: string): Promise<void>;
  /** A `COPY ... FROM STDIN` statement, fed its rows as psql feeds it the lines that follow it in a file. */
  copyFrom(copy: CopyIn): Promise<void>;
}

export interface CopyIn {
  /** The COPY statement. */
  sql: string;
  /** Offset of its STDIN keyword in `sql`. */
  stdin: number;
  /** The rows, in the statement's format, each line ending in a line break (the last may lack one). */
  rows: string;
}

export interface OpenedDatabase {
  session: Session;
  /** Whether the database already holds the baseline saved under the key. */
  cached: boolean;
}

export interface Engine {
  readonly kind: EngineKind;
  /** e.g. "15.18"; known once the engine started. */
  readonly serverVersion: string;
  /** e.g. 150018, for comparisons with --postgres-version. */
  readonly serverVersionNum: number;
  /** What the baseline cache key must include besides the SQL (server build, engine kind). */
  readonly identity: string;
  /** Extensions CREATE EXTENSION can install on this engine. */
  availableExtensions(): Promise<Set<string>>;
  /** A fresh scratch database: a copy of the baseline saved under `baselineKey` when there is one. */
  open(baselineKey: string): Promise<OpenedDatabase>;
  /** Keeps the scratch database's current state as the baseline for `baselineKey`; returns the session to go on with. */
  saveBaseline(baselineKey: string): Promise<Session>;
  /**
   * Drops the scratch database / stops the cluster / frees the WASM instance. Safe to call twice. Returns what changed
   * outside its own database during the run and is still so (a shared server's roles and settings), for the report.
   */
  close(): Promise<ServerLeftovers>;
}

/** What changed on a shared server outside the scratch database during a run, and was not put back, as phrases. */
export interface ServerLeftovers {
  /** Changes the run's SQL names that could not be undone. */
  notPutBack: string[];
  /** Changes its SQL does not name (another session's, most likely), left as they are. */
  unnamed: string[];
}

export const NO_LEFTOVERS: ServerLeftovers = { notPutBack: [], unnamed: [] };

/** The fields PostgreSQL reports with an error; `pg` and PGlite errors both carry them. */
export interface ServerError {
  sqlstate: string;
  message: string;
  detail?: string;
  hint?: string;
  /** 1-based character offset into the query text that was sent. */
  position?: number;
  /** The line of COPY data the server stopped at, from its CONTEXT ("COPY t, line 3, column id: ..."). */
  copyLine?: number;
  /** The line of a DO block's body that failed, from its CONTEXT ("PL/pgSQL function inline_code_block line 4 at ..."). */
  blockLine?: number;
  /** The statement inside the block that failed, as PL/pgSQL ran it, and the 1-based offset the server gives in it. */
  internal?: { query: string; position: number };
}

export function toServerError(e: unknown): ServerError {
  const err = e as {
    code?: unknown; message?: unknown; detail?: unknown; hint?: unknown; position?: unknown; where?: unknown; internalQuery?: unknown; internalPosition?: unknown;
  };
  const position = Number(err?.position);
  const where = typeof err?.where === 'string' ? err.where : '';
  const copyLine = Number(/(?:^|\n)COPY .*?, line (\d+)/.exec(where)?.[1]);
  // The DO block itself is the last frame: a function it called failed further up the stack.
  const blockLine = Number([...where.matchAll(/PL\/pgSQL function inline_code_block line (\d+) at/g)].at(-1)?.[1]);
  const internalPosition = Number(err?.internalPosition);
  return {
    sqlstate: typeof err?.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : 'XX000',
    message: typeof err?.message === 'string' ? err.message : String(e),
    ...(typeof err?.detail === 'string' && err.detail ? { detail: err.detail } : {}),
    ...(typeof err?.hint === 'string' && err.hint ? { hint: err.hint } : {}),
    ...(Number.isInteger(position) && position > 0 ? { position } : {}),
    ...(copyLine > 0 ? { copyLine } : {}),
    ...(blockLine > 0 ? { blockLine } : {}),
    ...(typeof err?.internalQuery === 'string' && internalPosition > 0 ? { internal: { query: err.internalQuery, position: internalPosition } } : {}),
  };
}

/** 150018 (server_version_num) → 15. */
export function majorVersion(versionNum: number): number {
  return Math.floor(versionNum / 10000);
}
