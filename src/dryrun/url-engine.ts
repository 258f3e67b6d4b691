// The url engine: a PostgreSQL server the user points at (e.g. a CI `services: postgres`). Each run
// works only in its own scratch database (fixed prefix, dropped at the end), and keeps the replayed
// baseline as a template database so the next run on the same base copies it instead of replaying.
// What a migration changes server-wide (roles, memberships, database and role settings) is put back at the end.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { UserError } from '../errors.js';
import { restoreClusterState, sameClusterState, snapshotClusterState, type ClusterState } from './cluster-state.js';
import { copyIn } from './copy-in.js';
import { NO_LEFTOVERS, type Engine, type EngineKind, type OpenedDatabase, type ServerLeftovers, type Session } from './engine.js';
import { secretRedactor } from '../redact.js';
import { quoted } from '../sql/quoted.js';

/** Every database this engine creates starts with this; it never touches any other. */
export const SCRATCH_PREFIX = 'migration_gate_';
const RUN_PREFIX = `${SCRATCH_PREFIX}run_`;
const BASE_PREFIX = `${SCRATCH_PREFIX}base_`;
/** Scratch databases of crashed runs older than this are dropped even if their owner looks alive. */
export const STALE_AFTER_MS = 60 * 60 * 1000;
/** Baseline templates kept on a server (newest first); older ones are dropped when a new one is saved. */
const KEEP_TEMPLATES = 8;
/** How long a lost scratch connection waits for the DROP DATABASE that ended it to finish, to tell it apart from other losses. */
const GONE_WAIT_MS = 2000;
/** First key of the advisory lock a run holds on its scratch database's name while it lives. */
const LOCK_CLASS = 0x6d67;

/** migration_gate_run_<created, seconds base36>_<random>: the name carries its age for stale cleanup. */
export function scratchName(now = Date.now()): string {
  return `${RUN_PREFIX}${Math.floor(now / 1000).toString(36)}_${randomBytes(4).toString('hex')}`;
}

function createdAt(name: string): number | null {
  const m = new RegExp(`^${RUN_PREFIX}([0-9a-z]+)_[0-9a-f]+$`).exec(name);
  return m ? parseInt(m[1]!, 36) * 1000 : null;
}

/** The advisory lock a live run holds for its scratch database (other runs look for it before dropping). */
export function ownerLockSql(fn: 'pg_advisory_lock' | 'pg_advisory_unlock'): string {
  return `SELECT ${fn}(${LOCK_CLASS}, hashtext($1)) AS ok`;
}

/**
 * The lock a run holds from its snapshot of the server-wide state to its restore (one bigint key, apart from the
 * per-database ones): runs on one server take turns, so none drops a role another run created and still uses.
 * Advisory locks are per database: runs agree on one by taking it in MAINTENANCE_DATABASE (see connectAdmin).
 */
export function runLockSql(fn: 'pg_advisory_lock' | 'pg_advisory_unlock'): string {
  return `SELECT ${fn}(${LOCK_CLASS})`;
}

function baseName(key: string): string {
  return `${BASE_PREFIX}${key.slice(0, 40)}`;
}


export function clientSession(client: pg.Client): Session {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    copyFrom: (copy) => copyIn(client, copy),
  };
}

/** The URL pointing at another database (pg lets the URL's path win over a `database` option). */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The database every run's admin connection uses, whatever its URL names, so that their run locks meet. */
export const MAINTENANCE_DATABASE = 'postgres';

async function connect(url: string, database?: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: database ? withDatabase(url, database) : url,
    application_name: 'migration-gate',
    connectionTimeoutMillis: 15000,
  });
  // A backend killed under us (server shutdown, DROP ... FORCE) must fail the query, not crash the process.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** The admin connection, in MAINTENANCE_DATABASE; where the server refuses that, in the URL's (its run lock then per database). */
async function connectAdmin(url: string): Promise<pg.Client> {
  try {
    return await connect(url, MAINTENANCE_DATABASE);
  } catch (e) {
    // Only a refusal by the server is worth a second try: an unreachable host would just time out twice.
    if (!(e instanceof pg.DatabaseError)) throw e;
    return connect(url);
  }
}

export class UrlEngine implements Engine {
  serverVersion = '';
  serverVersionNum = 0;
  private scratch: string | null = null;
  private session: pg.Client | null = null;
  private before: ClusterState | null = null;
  /** What the scratch session was sent: which roles the run created is read from it. */
  private readonly sent: string[] = [];
  private closed = false;

  private constructor(
    readonly kind: EngineKind,
    private readonly url: string,
    private readonly admin: pg.Client,
  ) {}

  /** Connects to the server's maintenance database, checks rights, and drops scratch databases of dead runs. */
  static async start(url: string, kind: EngineKind = 'url'): Promise<UrlEngine> {
    const hide = secretRedactor(url);
    let admin: pg.Client;
    try {
      admin = await connectAdmin(url);
    } catch (e) {
      throw new UserError(
        `Cannot connect to the dry-run database ${hide(url)}: ${hide((e as Error).message)}. ` +
          'Check --database-url (or DATABASE_URL), or use --engine pglite to dry-run without a server.',
      );
    }
    const engine = new UrlEngine(kind, url, admin);
    try {
      const [row] = (
        await admin.query(
          `SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n,
                  (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS can`,
        )
      ).rows as Array<{ v: string; n: number; can: boolean }>;
      engine.serverVersion = row!.v.split(' ')[0]!;
      engine.serverVersionNum = row!.n;
      if (!row!.can)
        throw new UserError(
          `The user in ${hide(url)} cannot create databases, and the dry-run works only in a scratch database ` +
            'it creates. Grant it CREATEDB (ALTER ROLE ... CREATEDB) or use --engine pglite.',
        );
      await engine.dropDeadScratch();
      return engine;
    } catch (e) {
      await admin.end().catch(() => undefined);
      throw e;
    }
  }

  get identity(): string {
    return `${this.kind}:${this.serverVersionNum}`;
  }

  async availableExtensions(): Promise<Set<string>> {
    const rows = (await this.admin.query('SELECT name FROM pg_available_extensions')).rows as Array<{ name: string }>;
    return new Set(rows.map((r) => r.name));
  }

  async open(baselineKey: string): Promise<OpenedDatabase> {
    const name = scratchName();
    await this.admin.query(ownerLockSql('pg_advisory_lock'), [name]);
    this.scratch = name;
    await this.admin.query(runLockSql('pg_advisory_lock'));
    this.before = await snapshotClusterState(this.admin, this.serverVersionNum);
    const base = baseName(baselineKey);
    const hit = (await this.admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [base])).rowCount === 1;
    let cached = false;
    if (hit) {
      try {
        await this.admin.query(`CREATE DATABASE ${quoted(name)} TEMPLATE ${quoted(base)}`);
        cached = true;
      } catch {
        // The template is being created or dropped by another run right now: replay instead.
      }
    }
    if (!cached) await this.admin.query(`CREATE DATABASE ${quoted(name)} TEMPLATE template0`);
    this.session = await this.connectScratch();
    return { session: this.recording(this.session), cached };
  }

  async saveBaseline(baselineKey: string): Promise<Session> {
    if (!this.scratch || !this.before) throw new Error('saveBaseline before open');
    // A baseline that created roles or changed settings is not kept: close() undoes that, and a copy would lack it.
    if (!sameClusterState(this.before, await snapshotClusterState(this.admin, this.serverVersionNum)))
      return this.recording(this.session!);
    // A template must have no open connections while it is copied.
    await this.session?.end();
    const base = baseName(baselineKey);
    try {
      await this.admin.query(`CREATE DATABASE ${quoted(base)} TEMPLATE ${quoted(this.scratch)}`);
      // The comment records when it was saved, so the oldest templates can be evicted.
      await this.admin.query(`COMMENT ON DATABASE ${quoted(base)} IS 'migration-gate baseline ${Date.now()}'`);
      await this.evictTemplates();
    } catch {
      // 42P04: another run saved the same baseline first; anything else only costs the next run a replay.
    }
    this.session = await this.connectScratch();
    return this.recording(this.session);
  }

  private async connectScratch(): Promise<pg.Client> {
    try {
      return await connect(this.url, this.scratch!);
    } catch (e) {
      throw await this.explained(e);
    }
  }

  private recording(client: pg.Client): Session {
    const session = clientSession(client);
    const send = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
      this.sent.push(sql);
      try {
        return await run();
      } catch (e) {
        throw await this.explained(e);
      }
    };
    return {
      query: <T>(sql: string, params?: unknown[]) => send(sql, () => session.query<T>(sql, params)),
      exec: (sql: string) => send(sql, () => session.exec(sql)),
      copyFrom: (copy) => send(copy.sql, () => session.copyFrom(copy)),
    };
  }

  /**
   * `e`, or a UserError when the scratch database is gone: dropped under the run (DROP DATABASE ... WITH (FORCE) ends
   * its connections first, then drops it), which is no statement's failure, and leaves no report worth writing.
   */
  private async explained(e: unknown): Promise<unknown> {
    // Only a lost connection (57P01 and the like, or none left at all) or a database not found (3D000) may mean that.
    const lost = !(e instanceof pg.DatabaseError) || /^(?:57P|08)/.test(e.code ?? '');
    if (!lost && (e as pg.DatabaseError).code !== '3D000') return e;
    for (let waited = 0; waited <= (lost ? GONE_WAIT_MS : 0); waited += 100) {
      const found = await this.admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.scratch]).then(
        (r) => r.rowCount === 1,
        () => null,
      );
      // The admin connection is lost too: the server is, not the database.
      if (found === null) return e;
      if (!found) {
        return new UserError(
          `The dry-run's scratch database ${this.scratch} was dropped during the run (by another tool, or a clean-up of the ` +
            "server's databases), so the dry-run could not finish, and no report was written. Run it again, and keep what " +
            `drops databases on that server away from those named ${SCRATCH_PREFIX}*.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return e;
  }

  async close(): Promise<ServerLeftovers> {
    if (this.closed) return NO_LEFTOVERS;
    this.closed = true;
    await this.session?.end().catch(() => undefined);
    if (this.scratch) {
      await this.dropDatabase(this.scratch).catch(() => undefined);
      await this.admin.query(ownerLockSql('pg_advisory_unlock'), [this.scratch]).catch(() => undefined);
    }
    const left = this.scratch && this.before ? await this.restore(this.before, this.scratch) : NO_LEFTOVERS;
    // Ending the admin connection also releases the run lock.
    await this.admin.end().catch(() => undefined);
    return left;
  }

  /** Puts back the server-wide state; returns what it could not, and what it left to whoever else changed it. */
  private restore(before: ClusterState, scratch: string): Promise<ServerLeftovers> {
    return restoreClusterState(this.admin, before, this.serverVersionNum, scratch, this.sent.join('\n')).catch((e: Error) => ({
      notPutBack: [`roles and settings could not be read back (${e.message})`],
      unnamed: [],
    }));
  }

  private async evictTemplates(): Promise<void> {
    const rows = (
      await this.admin.query(
        `SELECT d.datname FROM pg_database d LEFT JOIN pg_shdescription s ON s.objoid = d.oid AND s.classoid = 'pg_database'::regclass
          WHERE starts_with(d.datname, $1)
          ORDER BY coalesce(substring(s.description from '([0-9]+)$')::bigint, 0) DESC`,
        [BASE_PREFIX],
      )
    ).rows as Array<{ datname: string }>;
    for (const { datname } of rows.slice(KEEP_TEMPLATES)) await this.dropDatabase(datname).catch(() => undefined);
  }

  /** Drops scratch databases whose run is gone (no session holds its owner lock) or that are older than an hour. */
  private async dropDeadScratch(): Promise<void> {
    // pg_locks spans every database, and a run holds its owner lock from before CREATE DATABASE to after DROP DATABASE.
    const rows = (
      await this.admin.query(
        `SELECT d.datname, EXISTS (SELECT 1 FROM pg_locks l
                  WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.classid = $2
                    AND l.objid = (hashtext(d.datname)::bigint & 4294967295)::oid) AS owned
           FROM pg_database d WHERE starts_with(d.datname, $1)`,
        [RUN_PREFIX, LOCK_CLASS],
      )
    ).rows as Array<{ datname: string; owned: boolean }>;
    for (const { datname, owned } of rows) {
      const born = createdAt(datname);
      if (born === null || (owned && Date.now() - born <= STALE_AFTER_MS)) continue;
      // Someone else dropped it first, or it is still in use: the next run tries again.
      await this.dropDatabase(datname).catch(() => undefined);
    }
  }

  private async dropDatabase(name: string): Promise<void> {
    const force = this.serverVersionNum >= 130000 ? ' WITH (FORCE)' : '';
    await this.admin.query(`DROP DATABASE IF EXISTS ${quoted(name)}${force}`);
  }
}
