// Roles, role memberships, passwords and per-database/per-role settings belong to the whole server, not to a database:
// a migration's CREATE ROLE or ALTER DATABASE ... SET outlives the scratch database. A run snapshots them before it
// starts and puts back what it changed when it ends, so the server is left as found and the next run meets no leftovers.
// Others may change the server meanwhile: only what the run's SQL names is the run's to put back.

import type pg from 'pg';
import { quoted } from '../sql/quoted.js';
import type { ServerLeftovers } from './engine.js';
import { withoutComments } from '../sql/ast.js';

/** From PostgreSQL 16 a membership has one row per grantor, with INHERIT and SET options of its own. */
const GRANTOR_ROWS = 160000;

/** Settings whose value is a list of quoted elements: pg_dump's variable_is_guc_list_quote (dumputils.c). */
const LIST_SETTINGS = new Set([
  'local_preload_libraries', 'search_path', 'session_preload_libraries', 'shared_preload_libraries', 'temp_tablespaces',
  'unix_socket_directories',
]);

interface Role {
  oid: number;
  name: string;
  /** Its attributes as one text, to notice an ALTER ROLE. */
  attributes: string;
}

interface Membership {
  role: number;
  member: number;
  grantor: number;
  admin: boolean;
  /** PostgreSQL 16+; null before. */
  inherit: boolean | null;
  set: boolean | null;
}

interface Setting {
  database: number;
  role: number;
  config: string[];
}

/** A role's stored password hash (pg_authid.rolpassword): pg_roles shows none, so an ALTER ROLE ... PASSWORD is seen only here. */
interface Password {
  oid: number;
  hash: string | null;
}

export interface ClusterState {
  roles: Role[];
  memberships: Membership[];
  settings: Setting[];
  /** Null where the connecting role is no superuser, so cannot read pg_authid. Never printed. */
  passwords: Password[] | null;
}

export async function snapshotClusterState(client: pg.Client, versionNum: number): Promise<ClusterState> {
  const rows = async <T>(sql: string) => (await client.query(sql)).rows as T[];
  const options = versionNum >= GRANTOR_ROWS ? 'inherit_option AS inherit, set_option AS set' : 'NULL AS inherit, NULL AS set';
  const [me] = await rows<{ superuser: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS superuser`);
  return {
    roles: await rows<Role>(
      `SELECT oid, rolname AS name, row(rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
              rolbypassrls, rolconnlimit, rolvaliduntil)::text AS attributes
         FROM pg_roles ORDER BY oid`,
    ),
    memberships: await rows<Membership>(
      `SELECT roleid AS role, member, grantor, admin_option AS admin, ${options} FROM pg_auth_members ORDER BY roleid, member, grantor`,
    ),
    settings: await rows<Setting>(
      'SELECT setdatabase AS database, setrole AS role, setconfig AS config FROM pg_db_role_setting ORDER BY setdatabase, setrole',
    ),
    passwords: me!.superuser ? await rows<Password>('SELECT oid, rolpassword AS hash FROM pg_authid ORDER BY oid') : null,
  };
}

export function sameClusterState(a: ClusterState, b: ClusterState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Puts back what changed since `before` where the run's SQL (`sent`, all it sent) names the role or database outside a comment: drops the
 * roles created since, revokes or re-grants memberships between roles that existed, restores passwords and settings
 * rows (skipping those of `scratch`, dropped with it). Returns, as phrases, what it could not undo, and the changes the
 * SQL does not name, which it leaves to whoever made them.
 */
export async function restoreClusterState(
  client: pg.Client,
  before: ClusterState,
  versionNum: number,
  scratch: string,
  sent: string,
): Promise<ServerLeftovers> {
  // A name in a comment is no statement of the run's: what someone else did to that role stays.
  const sql = uncommented(sent);
  const now = await snapshotClusterState(client, versionNum);
  const databases = new Map(
    ((await client.query('SELECT oid, datname FROM pg_database')).rows as Array<{ oid: number; datname: string }>).map((d) => [d.oid, d.datname]),
  );
  const [{ user }] = (await client.query('SELECT current_user AS user')).rows as [{ user: string }];
  const named = namedIn(sql, user);
  const roleNames = new Map(now.roles.map((r) => [r.oid, r.name]));
  const existed = new Map(before.roles.map((r) => [r.oid, r]));
  const problems: string[] = [];
  const unnamed: string[] = [];
  const [created, others] = partition(now.roles.filter((r) => !existed.has(r.oid)), (r) => named(r.name));
  for (const r of others) unnamed.push(`role ${r.name} appeared`);
  const attempt = async (what: string, sql: string) => {
    try {
      await client.query(sql);
    } catch (e) {
      problems.push(`${what} (${failure(e)})`);
    }
  };

  for (const was of before.roles) {
    const is = now.roles.find((r) => r.oid === was.oid);
    const changed = !is ? `role ${was.name} was dropped` : is.name !== was.name || is.attributes !== was.attributes ? `role ${was.name} was altered (ALTER ROLE)` : null;
    if (changed) (named(was.name) ? problems : unnamed).push(changed);
  }

  if (before.passwords && now.passwords) {
    const hashes = new Map(now.passwords.map((p) => [p.oid, p.hash]));
    for (const { oid, hash } of before.passwords) {
      const name = roleNames.get(oid);
      if (name === undefined || hashes.get(oid) === hash) continue;
      if (!named(name)) unnamed.push(`the password of role ${name} changed`);
      // The stored hash goes back verbatim (PostgreSQL stores a SCRAM or md5 hash it is given as is), kept out of the server's log.
      else
        await attempt(
          `the password of role ${name} was changed`,
          'SET LOCAL log_statement = none; SET LOCAL log_min_duration_statement = -1; ' +
            `ALTER ROLE ${quoted(name)} PASSWORD ${hash === null ? 'NULL' : client.escapeLiteral(hash)}`,
        );
    }
  } else {
    for (const r of before.roles)
      if (roleNames.get(r.oid) === r.name && setsPassword(sql, r.name, r.name === user))
        problems.push(`the password of role ${r.name} may have been changed (ALTER ROLE ... PASSWORD); only a superuser can read it back`);
  }

  // Memberships first: one granted by a role the run created would keep that role from being dropped.
  const grantorRows = versionNum >= GRANTOR_ROWS;
  const key = (m: Membership) => `${m.role}:${m.member}${grantorRows ? `:${m.grantor}` : ''}`;
  const wasGranted = new Map(before.memberships.map((m) => [key(m), m]));
  const isGranted = new Map(now.memberships.map((m) => [key(m), m]));
  const membership = (m: Membership) => `membership of ${roleNames.get(m.member)} in ${roleNames.get(m.role)}`;
  const by = (m: Membership) => (grantorRows ? ` GRANTED BY ${quoted(roleNames.get(m.grantor)!)}` : '');
  for (const [k, m] of isGranted) {
    if (wasGranted.has(k) || !existed.has(m.role) || !existed.has(m.member)) continue;
    await attempt(`${membership(m)} was granted`, `REVOKE ${quoted(roleNames.get(m.role)!)} FROM ${quoted(roleNames.get(m.member)!)}${by(m)}`);
  }
  for (const [k, m] of wasGranted) {
    const is = isGranted.get(k);
    if (is && is.admin === m.admin && is.inherit === m.inherit && is.set === m.set) continue;
    if (![m.role, m.member, m.grantor].every((oid) => roleNames.has(oid))) continue;
    const [role, member] = [quoted(roleNames.get(m.role)!), quoted(roleNames.get(m.member)!)];
    const sql = grantorRows
      ? `GRANT ${role} TO ${member} WITH ADMIN ${m.admin}, INHERIT ${m.inherit}, SET ${m.set}${by(m)}`
      : is && !m.admin
        ? `REVOKE ADMIN OPTION FOR ${role} FROM ${member}`
        : `GRANT ${role} TO ${member}${m.admin ? ' WITH ADMIN OPTION' : ''}`;
    await attempt(`${membership(m)} was ${is ? 'changed' : 'revoked'}`, sql);
  }

  const settingKey = (s: Setting) => `${s.database}:${s.role}`;
  const wasSet = new Map(before.settings.map((s) => [settingKey(s), s]));
  const isSet = new Map(now.settings.map((s) => [settingKey(s), s]));
  for (const k of new Set([...wasSet.keys(), ...isSet.keys()])) {
    const { database, role } = (wasSet.get(k) ?? isSet.get(k))!;
    const datname = database === 0 ? null : databases.get(database);
    // Gone with its database or role (the scratch database, a role the run created or dropped): nothing to restore.
    if (datname === undefined || datname === scratch || (role !== 0 && (!roleNames.has(role) || !existed.has(role)))) continue;
    const rolname = role === 0 ? null : roleNames.get(role)!;
    const was = configMap(wasSet.get(k)?.config);
    const is = configMap(isSet.get(k)?.config);
    const changed = [...new Set([...was.keys(), ...is.keys()])].filter((name) => was.get(name) !== is.get(name));
    if (changed.length === 0) continue;
    const ours = datname === null && rolname === null ? ALTER_ALL_ROLES.test(sql) : [datname, rolname].some((n) => n !== null && named(n));
    if (!ours) {
      unnamed.push(`settings of ${settingsOwner(datname, rolname)} (${changed.join(', ')}) changed`);
      continue;
    }
    const target = alterTarget(datname, rolname);
    for (const name of changed) {
      const value = was.get(name);
      await attempt(
        `${target} ${is.has(name) ? 'SET' : 'RESET'} ${name}`,
        value === undefined ? `${target} RESET ${quoted(name)}` : `${target} SET ${quoted(name)} TO ${settingValue(client, name, value)}`,
      );
    }
  }

  // Dropped last, together (one may have granted another a membership). Whatever a role created in the run still
  // holds outside the gone scratch database (CONNECT on a database, SET on a parameter) DROP OWNED revokes.
  // Residual race: a role someone else creates meanwhile under a name the run's SQL also names is dropped as the run's.
  if (created.length > 0) {
    const all = created.map((r) => quoted(r.name)).join(', ');
    const dropped = await client.query(`DROP ROLE ${all}`).then(() => true, () => false);
    if (!dropped)
      for (const r of created)
        await attempt(`role ${r.name} was created`, `DROP OWNED BY ${quoted(r.name)}; DROP ROLE ${quoted(r.name)}`);
  }
  return { notPutBack: problems, unnamed };
}

/** `ALTER ROLE ALL SET ...`: the settings row of no database and no role. */
const ALTER_ALL_ROLES = word('ALTER\\s+(ROLE|USER)\\s+ALL');
/** The words that name, in SQL, the role a run connects as. */
const SELF = 'current_user|current_role|session_user';

/** A regular expression for `pattern` as a whole word of SQL, in any case. */
function word(pattern: string): RegExp {
  return new RegExp(`(^|[^\\w$])(${pattern})($|[^\\w$])`, 'i');
}

function escaped(name: string): string {
  return name.replace(/[^\w]/g, '\\$&');
}

/** `sql` without its comments; as sent where the scanner cannot read it (the names in its comments then count). */
function uncommented(sql: string): string {
  try {
    return withoutComments(sql);
  } catch {
    return sql;
  }
}

/** Whether `sql` names a role or database: by its name, or the role it connects as (`user`) by CURRENT_USER and the like. */
function namedIn(sql: string, user: string): (name: string) => boolean {
  const self = word(SELF).test(sql);
  return (name) => (self && name === user) || word(escaped(name)).test(sql);
}

/** Whether `sql` has an ALTER ROLE (or USER) of `role` that sets a PASSWORD; `self`: `role` is the one the run connects as. */
function setsPassword(sql: string, role: string, self: boolean): boolean {
  return word(`ALTER\\s+(ROLE|USER)\\s+"?(${escaped(role)}${self ? `|${SELF}` : ''})"?([^\\w$][^;]*)?\\bPASSWORD`).test(sql);
}

function settingsOwner(database: string | null, role: string | null): string {
  if (role) return `role ${role}${database ? ` in database ${database}` : ''}`;
  return database ? `database ${database}` : 'all roles';
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

function failure(e: unknown): string {
  const { message, detail } = e as { message?: string; detail?: string };
  return [message ?? String(e), detail?.replace(/\n/g, '; ')].filter(Boolean).join(': ');
}

function alterTarget(database: string | null, role: string | null): string {
  if (role) return `ALTER ROLE ${quoted(role)}${database ? ` IN DATABASE ${quoted(database)}` : ''}`;
  return database ? `ALTER DATABASE ${quoted(database)}` : 'ALTER ROLE ALL';
}

/** `{search_path="$user", public}` → search_path ↦ `"$user", public` (names as stored, lower case for built-in ones). */
function configMap(config: string[] | undefined): Map<string, string> {
  return new Map((config ?? []).map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]));
}

/** The value as ALTER ... SET takes it back: one literal, or for a list setting a literal per element (as pg_dump does). */
function settingValue(client: pg.Client, name: string, value: string): string {
  if (!LIST_SETTINGS.has(name.toLowerCase())) return client.escapeLiteral(value);
  // Stored elements are comma separated, double-quoted where needed (pg_dump's SplitGUCList).
  const elements = [...value.matchAll(/\s*(?:"((?:[^"]|"")*)"|([^\s,]+))\s*(?:,|$)/g)].map((m) => m[1]?.replace(/""/g, '"') ?? m[2]!);
  return elements.length > 0 ? elements.map((e) => client.escapeLiteral(e)).join(', ') : "''";
}
