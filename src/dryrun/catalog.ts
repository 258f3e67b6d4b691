// The catalog the pending migrations run on, and what each one created, altered and dropped. It is read whole once;
// after each migration one scan finds the catalog rows it wrote (their xmin) or deleted, and only their objects are
// read again, so what a migration costs barely grows with the database. A changed signature is an `alter`.

import type { SchemaChange } from '../report/report.js';
import type { Template } from '../sql/template.js';
import { toServerError, type Session } from './engine.js';

export interface CatalogObject {
  kind: string;
  name: string;
  /** The table it belongs to (columns, indexes, constraints, triggers, policies), so a new table's parts are not listed one by one. */
  parent: string | null;
  sig: string;
  /** Tables only: the oid, to tell which tables existed before a migration (locks). */
  oid: string | null;
}

/**
 * An object with what is read again together with it, its entity: `r<oid>` a relation with its columns, indexes,
 * constraints, triggers and policies; `n` a schema, `p` a function, `t` a type, `e` an extension; `a` all roles.
 */
interface Row extends CatalogObject {
  entity: string;
  /** `catalog:oid` of the row whose deletion drops it. */
  src: string | null;
}

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;
const NOT_EXT = (cls: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${cls}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
const QUAL = `quote_ident(n.nspname) || '.' || quote_ident(c.relname)`;
/** A condition on entity parameter `$n` (an oid array holding `column`, or a boolean), or none. */
type Only = (n: number, column?: string) => string;

/**
 * Every user object with a signature, or (`IN`) those of the entities given: $1 schemas, $2 relations, $3 functions,
 * $4 types, $5 extensions, $6 roles (boolean). The first signature is cast to text: as `name` it would type the union's
 * column and cut every signature to 63 bytes.
 */
const objectsSql = (IN: Only) => `
SELECT 'schema' AS kind, quote_ident(n.nspname) AS name, NULL AS parent, pg_get_userbyid(n.nspowner)::text AS sig, NULL AS oid,
       'n' || n.oid AS entity, 'pg_namespace:' || n.oid AS src
  FROM pg_namespace n WHERE ${USER_NS} AND ${NOT_EXT('pg_namespace', 'n.oid')} AND ${IN(1, 'n.oid')}
UNION ALL
SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                      WHEN 'S' THEN 'sequence' ELSE 'foreign table' END,
       ${QUAL}, NULL,
       concat_ws('|', c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions::text,
         CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END),
       CASE WHEN c.relkind IN ('r', 'p', 'm') THEN c.oid::text END, 'r' || c.oid, 'pg_class:' || c.oid
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_NS} AND ${NOT_EXT('pg_class', 'c.oid')} AND ${IN(2, 'c.oid')}
UNION ALL
SELECT 'index', ${QUAL}, quote_ident(tn.nspname) || '.' || quote_ident(t.relname),
       concat_ws('|', c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions::text, pg_get_indexdef(c.oid)),
       NULL, 'r' || x.indrelid, 'pg_class:' || c.oid
  FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
  WHERE ${USER_NS} AND ${NOT_EXT('pg_class', 'c.oid')} AND ${IN(2, 'x.indrelid')}
UNION ALL
SELECT 'column', ${QUAL} || '.' || quote_ident(a.attname), ${QUAL},
       concat_ws('|', format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated),
       NULL, 'r' || c.oid, NULL
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${USER_NS} AND ${NOT_EXT('pg_class', 'c.oid')}
    AND ${IN(2, 'a.attrelid')}
UNION ALL
SELECT 'constraint', ${QUAL} || '.' || quote_ident(k.conname), ${QUAL}, pg_get_constraintdef(k.oid), NULL, 'r' || c.oid, 'pg_constraint:' || k.oid
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NS} AND ${NOT_EXT('pg_class', 'c.oid')} AND ${IN(2, 'k.conrelid')}
UNION ALL
SELECT 'trigger', ${QUAL} || '.' || quote_ident(g.tgname), ${QUAL}, concat_ws('|', pg_get_triggerdef(g.oid), g.tgenabled), NULL,
       'r' || c.oid, 'pg_trigger:' || g.oid
  FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT g.tgisinternal AND ${USER_NS} AND ${IN(2, 'g.tgrelid')}
UNION ALL
SELECT 'policy', ${QUAL} || '.' || quote_ident(p.polname), ${QUAL},
       concat_ws('|', p.polcmd, p.polpermissive, p.polroles::text, pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)), NULL,
       'r' || c.oid, 'pg_policy:' || p.oid
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${IN(2, 'p.polrelid')}
UNION ALL
SELECT 'function', quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL,
       md5(concat_ws('|', p.prokind, p.prosrc, pg_get_function_result(p.oid), p.provolatile, p.prosecdef, p.proconfig::text)), NULL,
       'p' || p.oid, 'pg_proc:' || p.oid
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE ${USER_NS} AND ${NOT_EXT('pg_proc', 'p.oid')} AND ${IN(3, 'p.oid')}
UNION ALL
SELECT 'type', quote_ident(n.nspname) || '.' || quote_ident(t.typname), NULL,
       concat_ws('|', t.typtype, (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
         format_type(t.typbasetype, t.typtypmod), t.typnotnull), NULL,
       't' || t.oid, 'pg_type:' || t.oid
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_class c ON c.oid = t.typrelid
  WHERE (t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND c.relkind = 'c')) AND ${USER_NS} AND ${NOT_EXT('pg_type', 't.oid')}
    AND ${IN(4, 't.oid')}
UNION ALL
SELECT 'extension', quote_ident(x.extname), NULL, x.extversion, NULL, 'e' || x.oid, 'pg_extension:' || x.oid
  FROM pg_extension x WHERE ${IN(5, 'x.oid')}
UNION ALL
SELECT 'role', quote_ident(r.rolname), NULL,
       concat_ws('|', r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin, r.rolbypassrls), NULL, 'a', 'pg_authid:' || r.oid
  FROM pg_roles r WHERE r.rolname NOT LIKE 'pg\\_%' AND ${IN(6)}
`;
const ALL_OBJECTS_SQL = objectsSql(() => 'true');
// The entities as subqueries: unseen when planning, so the server keeps one plan for all calls (planning costs more than running).
const SOME_OBJECTS_SQL = objectsSql((n, column) => (column ? `${column} = ANY((SELECT $${n})::oid[])` : `(SELECT $${n})`));

/**
 * The entity of the object `obj` of the catalog `cls` (both oid expressions), NULL for none: an index goes with its
 * table; a composite type's relation is `c<type oid>`, its type read again and what uses it too.
 */
const ENTITY = (cls: string, obj: string) => `CASE ${cls}
  WHEN 'pg_class'::regclass THEN (SELECT CASE WHEN ec.relkind IN ('i', 'I') THEN (SELECT 'r' || ex.indrelid FROM pg_index ex WHERE ex.indexrelid = ec.oid)
      WHEN ec.relkind = 'c' THEN 'c' || ec.reltype WHEN ec.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') THEN 'r' || ec.oid END
    FROM pg_class ec WHERE ec.oid = ${obj})
  WHEN 'pg_attrdef'::regclass THEN (SELECT 'r' || ed.adrelid FROM pg_attrdef ed WHERE ed.oid = ${obj})
  WHEN 'pg_constraint'::regclass THEN (SELECT CASE WHEN ek.conrelid <> 0 THEN 'r' || ek.conrelid ELSE 't' || ek.contypid END FROM pg_constraint ek WHERE ek.oid = ${obj})
  WHEN 'pg_trigger'::regclass THEN (SELECT 'r' || eg.tgrelid FROM pg_trigger eg WHERE eg.oid = ${obj})
  WHEN 'pg_policy'::regclass THEN (SELECT 'r' || ep.polrelid FROM pg_policy ep WHERE ep.oid = ${obj})
  WHEN 'pg_rewrite'::regclass THEN (SELECT 'r' || ew.ev_class FROM pg_rewrite ew WHERE ew.oid = ${obj})
  WHEN 'pg_proc'::regclass THEN 'p' || ${obj}
  WHEN 'pg_type'::regclass THEN 't' || ${obj}
  WHEN 'pg_namespace'::regclass THEN 'n' || ${obj}
  WHEN 'pg_extension'::regclass THEN 'e' || ${obj}
END`;

/** First oid of objects made after initdb: where built-in rows are most of a catalog (functions, operator classes), only later ones are scanned. */
const USER_OID = 16384;

interface Watched {
  catalog: string;
  /** Which rows: those a migration's objects can be. */
  where: string;
  /** The object a row is (part of), as `classid:objid`; as `catalog:oid` where its dependents are what is read again (SPREAD). */
  object: string;
  /** Catalogs whose deleted rows drop objects: the row's key, to count rows and tell which are gone. */
  key?: string;
}

const own = (catalog: string, column = 'o.oid') => `'${catalog}'::regclass::oid || ':' || ${column}`;
const counted = (catalog: string, where: string): Watched => ({ catalog, where, object: own(catalog), key: 'o.oid::text' });
/** No objects themselves, but what uses them (a view, an index) names them: a written row marks their dependents for reading again. */
const SPREAD = ['pg_operator', 'pg_collation', 'pg_opclass', 'pg_opfamily', 'pg_ts_config', 'pg_ts_dict'];
const spread = (catalog: string): Watched => ({ catalog, where: `o.oid >= ${USER_OID}`, object: `'${catalog}:' || o.oid` });

const WATCHED: Watched[] = [
  counted('pg_namespace', 'true'),
  counted('pg_class', 'true'),
  { catalog: 'pg_attribute', where: 'true', object: own('pg_class', 'o.attrelid') },
  { catalog: 'pg_attrdef', where: 'true', object: own('pg_attrdef') },
  { catalog: 'pg_index', where: 'true', object: own('pg_class', 'o.indexrelid') },
  counted('pg_constraint', 'true'),
  counted('pg_trigger', 'true'),
  counted('pg_policy', 'true'),
  { catalog: 'pg_rewrite', where: 'true', object: own('pg_rewrite') },
  counted('pg_proc', `o.oid >= ${USER_OID}`),
  counted('pg_type', 'true'),
  { catalog: 'pg_enum', where: 'true', object: own('pg_type', 'o.enumtypid') },
  counted('pg_extension', 'true'),
  // Extension membership hides an object: ALTER EXTENSION ADD/DROP changes no row of the object itself.
  {
    catalog: 'pg_depend',
    where: `o.refclassid = 'pg_extension'::regclass AND o.deptype = 'e'`,
    object: `o.classid || ':' || o.objid`,
    key: `o.classid || ':' || o.objid`,
  },
  ...SPREAD.map(spread),
];

/** The first transaction id not yet started (mod 2^32, as xmin holds it): what is written after this has it or a later one. */
const MARK = `(txid_snapshot_xmax(txid_current_snapshot()) % 4294967296)::text`;
/**
 * Written since the mark $1: age() counts back from now modulo wraparound, so a row written since is at most as old as the
 * mark. In a transaction several migrations share (drizzle's), each runs in a savepoint, whose xid is younger than the
 * transaction's, from which age() counts: such rows have a negative age.
 */
const RECENT = 'age(o.xmin) <= m.age';
/**
 * The next mark: the first xid not yet started, unless the mark or a row written since is younger (a released savepoint's
 * xid has not ended, so the snapshot's xmax stays behind it): then just past the youngest. Ages count back from one xid,
 * so the mark is xmax moved by the difference of ages.
 */
const NEXT_MARK = `(SELECT ((x.xmax::bigint + age(x.xmax::xid) - least(age(x.xmax::xid), m.age, (SELECT min(newest) FROM w) - 1)) % 4294967296)::text
    FROM (SELECT ${MARK} AS xmax) x, m)`;
/** The entity of the object `classid:objid` in `key`. */
const ENTITY_OF = (key: string) => ENTITY(`split_part(${key}, ':', 1)::oid`, `split_part(${key}, ':', 2)::oid`);

/**
 * Per watched catalog: its row count and the keys of the rows written since the mark $1 (counted ones), the entities
 * they mark; then the new mark and the search_path. Entities are found after the scans, for the few rows written:
 * costed per row scanned, they would make the server compile the scans (JIT) every time.
 */
const WRITTEN_SQL = `WITH m AS (SELECT age($1) AS age),
w AS (
${WATCHED.map(
  (w) => `  SELECT '${w.catalog}' AS catalog, ${w.key ? 'count(*)::int' : 'NULL::int'} AS count,
    ${w.key ? `array_agg(${w.key}) FILTER (WHERE ${RECENT})` : 'NULL::text[]'} AS written, array_agg(${w.object}) FILTER (WHERE ${RECENT}) AS objects,
    min(age(o.xmin)) FILTER (WHERE ${RECENT}) AS newest
    FROM ${w.catalog} o, m WHERE ${w.where}`,
).join('\n  UNION ALL\n')}
)
SELECT catalog, count, written,
       ARRAY(SELECT CASE WHEN catalog IN (${SPREAD.map((c) => `'${c}'`).join(', ')}) THEN 'x' || u ELSE ${ENTITY_OF('u')} END FROM unnest(objects) u) AS tokens
  FROM w
UNION ALL
SELECT 'mark', NULL, ARRAY[${NEXT_MARK}, current_setting('search_path')], NULL`;

/** A query run after every migration, planned once per session: planning it costs more than running it. */
interface Prepared {
  name: string;
  types: string;
  sql: string;
}
const WRITTEN: Prepared = { name: 'migration_gate_catalog_written', types: '(xid)', sql: WRITTEN_SQL };
const OBJECTS: Prepared = { name: 'migration_gate_catalog_objects', types: '(oid[], oid[], oid[], oid[], oid[], boolean)', sql: SOME_OBJECTS_SQL };
const prepare = (p: Prepared) => `PREPARE ${p.name}${p.types} AS ${p.sql}`;

const SET_PATH_SQL = `SELECT set_config('search_path', $1, false)`;

const COUNTED = WATCHED.filter((w) => w.key);
/** Every key of the counted `catalogs`. */
const keysSql = (catalogs: string[]) =>
  COUNTED.filter((w) => catalogs.includes(w.catalog))
    .map((w) => `SELECT '${w.catalog}' AS catalog, array_agg(${w.key}) AS keys FROM ${w.catalog} o WHERE ${w.where}`)
    .join('\nUNION ALL\n');

/** The entities of the objects `classid:objid` in $1 (extension members that left it). */
const ENTITIES_SQL = `SELECT ${ENTITY_OF('k')} AS token FROM unnest($1::text[]) k`;

/**
 * The entities whose text names the objects `catalog:oid` in $1, renamed: what depends on them, on a relation's row type,
 * a composite type's relation and their array types; and the schemas the roles $2 own.
 */
const SPREAD_SQL = `WITH src AS (SELECT split_part(s, ':', 1)::regclass::oid AS classid, split_part(s, ':', 2)::oid AS objid FROM unnest($1::text[]) s),
wide AS (
  SELECT classid, objid FROM src
  UNION SELECT 'pg_type'::regclass::oid, c.reltype FROM src JOIN pg_class c ON c.oid = src.objid WHERE src.classid = 'pg_class'::regclass AND c.reltype <> 0
  UNION SELECT 'pg_class'::regclass::oid, t.typrelid FROM src JOIN pg_type t ON t.oid = src.objid WHERE src.classid = 'pg_type'::regclass AND t.typrelid <> 0
),
refs AS (
  SELECT classid, objid FROM wide
  UNION SELECT 'pg_type'::regclass::oid, t.typarray FROM wide JOIN pg_type t ON t.oid = wide.objid WHERE wide.classid = 'pg_type'::regclass AND t.typarray <> 0
)
SELECT ${ENTITY('d.classid', 'd.objid')} AS token FROM refs JOIN pg_depend d ON d.refclassid = refs.classid AND d.refobjid = refs.objid
UNION
SELECT 'n' || s.oid FROM pg_namespace s WHERE s.nspowner = ANY($2::oid[])`;

/** Kinds whose names other objects' text holds (a view's, a column's type, a function's arguments), by the catalog of their entity. */
const NAMED: Record<string, { catalog: string; kinds: Set<string> }> = {
  r: { catalog: 'pg_class', kinds: new Set(['table', 'view', 'materialized view', 'sequence', 'foreign table', 'column']) },
  t: { catalog: 'pg_type', kinds: new Set(['type']) },
  p: { catalog: 'pg_proc', kinds: new Set(['function']) },
  n: { catalog: 'pg_namespace', kinds: new Set(['schema']) },
};

/** A PostgreSQL array literal of oids or `catalog:oid` keys (no character in them needs quoting). */
const array = (items: Iterable<string>) => `{${[...items].join(',')}}`;

/** What must be read again: entities, and objects whose dependents must be, renamed (`catalog:oid`). */
class Stale {
  // Roles live in pg_authid, whose rows not every user may read: the few there are are read every time.
  readonly entities = new Set<string>(['a']);
  readonly spread = new Set<string>();

  /** An entity, a composite type (`c`: its type, and what uses it), or `x` and an object whose dependents are. */
  take(token: string | null): void {
    if (!token) return;
    if (token.startsWith('x')) this.spread.add(token.slice(1));
    else if (token.startsWith('c')) {
      this.entities.add(`t${token.slice(1)}`);
      this.spread.add(`pg_type:${token.slice(1)}`);
    } else this.entities.add(token);
  }
}

/** The catalog of one scratch database, kept up to date with what the pending migrations write. */
export class CatalogWatch {
  /** oid → qualified name of every table that exists. */
  readonly tables = new Map<string, string>();
  private readonly objects = new Map<string, Row>();
  private readonly byEntity = new Map<string, Set<string>>();
  /** `catalog:oid` of a row → the entity its object belongs to, for when the row is deleted. */
  private readonly bySrc = new Map<string, string>();

  private constructor(
    private readonly session: Session,
    /** The transaction id from which rows are new to this copy. */
    private mark: string,
    /** The search_path objects are read under, the one at start: a file's SET must not make unchanged objects read differently. */
    private readonly path: string,
    /** The keys of each counted catalog's rows: fewer rows than these plus the new ones means rows were deleted. */
    private readonly keys: Map<string, Set<string>>,
  ) {}

  /** Reads the whole catalog. */
  static async start(session: Session): Promise<CatalogWatch> {
    const [{ mark, path }] = (await session.query<{ mark: string; path: string }>(
      `SELECT ${MARK} AS mark, current_setting('search_path') AS path`,
    )) as [{ mark: string; path: string }];
    const prepared = await session.query<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE name IN ($1, $2)`, [WRITTEN.name, OBJECTS.name]);
    for (const p of [WRITTEN, OBJECTS]) if (!prepared.some((r) => r.name === p.name)) await session.exec(prepare(p));
    const watch = new CatalogWatch(session, mark, path, await readKeys(session, COUNTED.map((w) => w.catalog)));
    watch.add(await session.query<Row>(ALL_OBJECTS_SQL), new Map());
    return watch;
  }

  /** The catalog's objects by `kind name`, as reading it whole would give them. */
  get snapshot(): ReadonlyMap<string, CatalogObject> {
    return this.objects;
  }

  /** What was created, altered and dropped since the last call (or start), the catalog brought up to date. */
  async changes(template: Template): Promise<SchemaChange[]> {
    const touched = new Map<string, Row | undefined>();
    const { stale, path } = await this.stale();
    // The file's own path is put back after: what runs next may depend on it.
    if (path !== this.path) await this.session.query(SET_PATH_SQL, [this.path]);
    try {
      await this.catchUp(stale, touched);
    } finally {
      if (path !== this.path) await this.session.query(SET_PATH_SQL, [path]);
    }
    const before = new Map<string, CatalogObject>();
    const after = new Map<string, CatalogObject>();
    for (const [key, old] of touched) {
      if (old) before.set(key, old);
      const now = this.objects.get(key);
      if (now) after.set(key, now);
    }
    return diffObjects(before, after, template);
  }

  /** The entities whose rows were written since the mark, or deleted, and the session's search_path; the mark moved on. */
  private async stale(): Promise<{ stale: Stale; path: string }> {
    const stale = new Stale();
    let path = this.path;
    type Written = { catalog: string; count: number | null; written: string[] | null; tokens: Array<string | null> | null };
    const recount: string[] = [];
    for (const row of await this.execute<Written>(WRITTEN, [`'${this.mark}'`])) {
      if (row.catalog === 'mark') {
        [this.mark, path] = row.written as [string, string];
        continue;
      }
      row.tokens?.forEach((t) => stale.take(t));
      const keys = this.keys.get(row.catalog);
      if (!keys) continue;
      for (const key of row.written ?? []) keys.add(key);
      if (keys.size !== row.count) recount.push(row.catalog);
    }
    // Deleted rows: the objects they were are gone, or (extension members that left it) come into sight.
    for (const [catalog, now] of recount.length ? await readKeys(this.session, recount) : []) {
      const gone = [...this.keys.get(catalog)!].filter((k) => !now.has(k));
      this.keys.set(catalog, now);
      if (catalog === 'pg_depend') (await this.session.query<{ token: string | null }>(ENTITIES_SQL, [array(gone)])).forEach((r) => stale.take(r.token));
      else for (const k of gone) stale.take(this.bySrc.get(`${catalog}:${k}`) ?? null);
    }
    return { stale, path };
  }

  /** Reads the stale entities again, then those naming what they renamed, until none is left. */
  private async catchUp(stale: Stale, touched: Map<string, Row | undefined>): Promise<void> {
    const read = new Set<string>();
    const followed = new Set<string>();
    let owners: string[] = [];
    for (;;) {
      const sources = [...stale.spread].filter((s) => !followed.has(s));
      if (sources.length || owners.length) {
        sources.forEach((s) => followed.add(s));
        const rows = await this.session.query<{ token: string | null }>(SPREAD_SQL, [array(sources), array(owners)]);
        rows.forEach((r) => stale.take(r.token));
      }
      const batch = [...stale.entities].filter((e) => !read.has(e));
      if (!batch.length) return;
      batch.forEach((e) => read.add(e));
      const renamed = await this.reread(batch, touched);
      renamed.sources.forEach((s) => stale.spread.add(s));
      owners = renamed.owners;
    }
  }

  /**
   * Reads `entities` again, their objects replacing the ones they had (first old value of each key into `touched`);
   * returns the objects whose names they lost (a rename), as `catalog:oid`, and the roles that are new by name.
   */
  private async reread(entities: string[], touched: Map<string, Row | undefined>): Promise<{ sources: string[]; owners: string[] }> {
    const of = (prefix: string) => `'${array(entities.filter((e) => e[0] === prefix).map((e) => e.slice(1)))}'`;
    const rows = await this.execute<Row>(OBJECTS, [of('n'), of('r'), of('p'), of('t'), of('e'), String(entities.includes('a'))]);
    const old = new Map<string, Row[]>();
    for (const entity of entities) {
      const had: Row[] = [];
      for (const key of this.byEntity.get(entity) ?? []) {
        const obj = this.objects.get(key);
        // Another entity took the name meanwhile (dropped and made again): that one stays.
        if (obj?.entity !== entity) continue;
        had.push(obj);
        if (!touched.has(key)) touched.set(key, obj);
        this.objects.delete(key);
        if (obj.oid) this.tables.delete(obj.oid);
        if (obj.src && this.bySrc.get(obj.src) === entity) this.bySrc.delete(obj.src);
      }
      this.byEntity.delete(entity);
      old.set(entity, had);
    }
    this.add(rows, touched);
    const sources: string[] = [];
    const owners: string[] = [];
    for (const [entity, had] of old) {
      const has = this.byEntity.get(entity) ?? new Set<string>();
      if (entity === 'a') {
        // A renamed role: the schemas it owns show its new name.
        const names = new Set(had.map((r) => r.name));
        for (const key of has) {
          const role = this.objects.get(key)!;
          if (!names.has(role.name)) owners.push(role.src!.split(':')[1]!);
        }
        continue;
      }
      const named = NAMED[entity[0]!];
      if (named && had.some((r) => named.kinds.has(r.kind) && !has.has(`${r.kind} ${r.name}`))) sources.push(`${named.catalog}:${entity.slice(1)}`);
    }
    return { sources, owners };
  }

  /** Runs a prepared query with `args` (literals of numbers only); prepares it again when a migration's DISCARD ALL or DEALLOCATE dropped it. */
  private async execute<T>(p: Prepared, args: string[]): Promise<T[]> {
    const run = () => this.session.query<T>(`EXECUTE ${p.name}(${args.join(', ')})`);
    try {
      return await run();
    } catch (e) {
      if (toServerError(e).sqlstate !== '26000') throw e;
      await this.session.exec(prepare(p));
      return run();
    }
  }

  private add(rows: Row[], touched: Map<string, Row | undefined>): void {
    for (const row of rows) {
      const key = `${row.kind} ${row.name}`;
      if (!touched.has(key)) touched.set(key, this.objects.get(key));
      this.objects.set(key, row);
      let keys = this.byEntity.get(row.entity);
      if (!keys) this.byEntity.set(row.entity, (keys = new Set()));
      keys.add(key);
      if (row.oid) this.tables.set(row.oid, row.name);
      if (row.src) this.bySrc.set(row.src, row.entity);
    }
  }
}

async function readKeys(session: Session, catalogs: string[]): Promise<Map<string, Set<string>>> {
  const rows = await session.query<{ catalog: string; keys: string[] | null }>(keysSql(catalogs));
  return new Map(rows.map((r) => [r.catalog, new Set(r.keys ?? [])]));
}

const ORDER: Record<SchemaChange['action'], number> = { create: 0, alter: 1, drop: 2 };
/** Reading order within an action: containers and tables first (a summary showing the first few names the tables), behaviour last. */
const KIND_ORDER = ['schema', 'extension', 'type', 'table', 'foreign table', 'view', 'materialized view', 'sequence', 'column', 'constraint', 'index', 'function', 'trigger', 'policy', 'role'];
function kindRank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

/** Parts a `CREATE TABLE` implies; its triggers and policies are behaviour a reviewer must see, so they are listed. */
const IMPLIED_BY_NEW_TABLE = new Set(['column', 'constraint', 'index']);

/**
 * Creates, alters and drops from `before` to `after` (objects by `kind name`, those of every key that may differ); the
 * structure of a created table and everything on a dropped one are implied by it. Names are the migration's
 * `template`'s words: a stand-in's object is named by its placeholder.
 */
function diffObjects(before: ReadonlyMap<string, CatalogObject>, after: ReadonlyMap<string, CatalogObject>, template: Template): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const created = new Set<string>();
  const dropped = new Set<string>();
  for (const [key, obj] of after) {
    const old = before.get(key);
    if (!old) {
      changes.push({ action: 'create', kind: obj.kind, name: obj.name });
      created.add(obj.name);
    } else if (old.sig !== obj.sig) changes.push({ action: 'alter', kind: obj.kind, name: obj.name });
  }
  for (const [key, obj] of before) {
    if (after.has(key)) continue;
    changes.push({ action: 'drop', kind: obj.kind, name: obj.name });
    dropped.add(obj.name);
  }
  const parentOf = (c: SchemaChange) => (after.get(`${c.kind} ${c.name}`) ?? before.get(`${c.kind} ${c.name}`))?.parent;
  return changes
    .filter((c) => {
      const parent = parentOf(c);
      if (!parent) return true;
      return c.action === 'create' ? !(created.has(parent) && IMPLIED_BY_NEW_TABLE.has(c.kind)) : !dropped.has(parent);
    })
    .map((c) => ({ ...c, name: template.restore(c.name) }))
    .sort((a, b) => ORDER[a.action] - ORDER[b.action] || kindRank(a.kind) - kindRank(b.kind) || a.name.localeCompare(b.name));
}
