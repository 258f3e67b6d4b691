// The cluster engine: when PostgreSQL server binaries are installed (PATH, or Debian/Ubuntu's
// /usr/lib/postgresql/<major>/bin, as on GitHub's runners), a throwaway cluster in a temp dir that
// listens only on a unix socket inside that dir; removed at the end, on failure and on a signal.

import { spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { NO_LEFTOVERS, type Engine, type OpenedDatabase, type ServerLeftovers, type Session } from './engine.js';
import { UrlEngine } from './url-engine.js';

const DIR_PREFIX = 'migration-gate-cluster-';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folder holding initdb, pg_ctl and postgres, or null when this machine has none. */
export function findPostgresBinaries(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const initdb = join(dir, 'initdb');
    if (!executable(initdb)) continue;
    // Follow symlinks (/usr/local/bin/initdb → /usr/lib/postgresql/15/bin/initdb) to find postgres beside it.
    const bin = dirname(realpathSync(initdb));
    if (executable(join(bin, 'pg_ctl')) && executable(join(bin, 'postgres'))) return bin;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => parseFloat(b) - parseFloat(a));
  for (const v of majors) {
    const bin = join(root, v, 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((b) => executable(join(bin, b)))) return bin;
  }
  return null;
}

/** initdb and postgres refuse to run as root: as root, run them as `postgres` (or `nobody`). */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':'));
  const entry = passwd.find((f) => f[0] === 'postgres') ?? passwd.find((f) => f[0] === 'nobody');
  if (!entry) throw new Error('Running as root with neither a `postgres` nor a `nobody` user to run the cluster as.');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

function run(bin: string, args: string[], user: { uid: number; gid: number } | null): void {
  const r = spawnSync(bin, args, { encoding: 'utf8', ...(user ?? {}), timeout: 120000 });
  if (r.status !== 0) throw new Error(`${bin} ${args[0]} failed: ${(r.stderr || r.stdout || String(r.error ?? '')).trim()}`);
}

function ownerAlive(dir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
  } catch {
    return true; // being created right now
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class ClusterEngine implements Engine {
  readonly kind = 'cluster' as const;
  private inner: UrlEngine | null = null;
  private removed = false;
  private readonly onExit = () => this.removeSync();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.removeSync();
    process.kill(process.pid, signal);
  };

  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly user: { uid: number; gid: number } | null,
  ) {}

  static async start(bin: string): Promise<ClusterEngine> {
    removeOrphans(bin);
    const user = serverUser();
    const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
    writeFileSync(join(dir, 'owner.pid'), String(process.pid));
    if (user) chownSync(dir, user.uid, user.gid);
    const engine = new ClusterEngine(bin, dir, user);
    process.once('exit', engine.onExit);
    process.once('SIGINT', engine.onSignal);
    process.once('SIGTERM', engine.onSignal);
    try {
      const data = join(dir, 'data');
      run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'], user);
      // No TCP at all: a socket in our own dir cannot clash with another cluster or be reached by anyone else.
      const conf = `-c listen_addresses= -k ${dir} -F -c full_page_writes=off -c max_connections=40`;
      run(join(bin, 'pg_ctl'), ['start', '-D', data, '-w', '-s', '-l', join(dir, 'server.log'), '-o', conf], user);
      engine.inner = await UrlEngine.start(`postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`, 'cluster');
      return engine;
    } catch (e) {
      await engine.close();
      throw e;
    }
  }

  get serverVersion(): string {
    return this.inner!.serverVersion;
  }
  get serverVersionNum(): number {
    return this.inner!.serverVersionNum;
  }
  get identity(): string {
    return this.inner!.identity;
  }
  availableExtensions(): Promise<Set<string>> {
    return this.inner!.availableExtensions();
  }
  open(baselineKey: string): Promise<OpenedDatabase> {
    return this.inner!.open(baselineKey);
  }
  saveBaseline(baselineKey: string): Promise<Session> {
    return this.inner!.saveBaseline(baselineKey);
  }

  async close(): Promise<ServerLeftovers> {
    await this.inner?.close();
    this.removeSync();
    // The whole cluster goes: nothing the run changed in it outlives it.
    return NO_LEFTOVERS;
  }

  /** Synchronous, so it also works from an exit or signal handler. */
  private removeSync(): void {
    if (this.removed) return;
    this.removed = true;
    process.off('exit', this.onExit);
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    stopAndRemove(this.bin, this.dir, this.user);
  }
}

function stopAndRemove(bin: string, dir: string, user: { uid: number; gid: number } | null): void {
  if (existsSync(join(dir, 'data', 'postmaster.pid')))
    spawnSync(join(bin, 'pg_ctl'), ['stop', '-D', join(dir, 'data'), '-m', 'immediate', '-s'], { ...(user ?? {}), timeout: 30000 });
  rmSync(dir, { recursive: true, force: true });
}

/** Clusters left by runs that were killed outright (SIGKILL skips every handler). */
function removeOrphans(bin: string): void {
  const user = serverUser();
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    if (!ownerAlive(dir)) stopAndRemove(bin, dir, user);
  }
}
