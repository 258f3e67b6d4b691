export const id = 555;
export const ids = [555];
export const modules = {

/***/ 5555:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runDryRun: () => (/* binding */ runDryRun)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/config/presets.ts
var presets = __webpack_require__(914);
// EXTERNAL MODULE: ./src/config/runner-config.ts
var runner_config = __webpack_require__(9041);
// EXTERNAL MODULE: ./src/config/runner-placeholders.ts + 1 modules
var runner_placeholders = __webpack_require__(5024);
// EXTERNAL MODULE: ./src/sql/parser.ts + 1 modules
var parser = __webpack_require__(3082);
// EXTERNAL MODULE: ./src/dryrun/engine.ts
var dryrun_engine = __webpack_require__(7070);
;// CONCATENATED MODULE: ./src/dryrun/catalog.ts
// The catalog the pending migrations run on, and what each one created, altered and dropped. It is read whole once;
// after each migration one scan finds the catalog rows it wrote (their xmin) or deleted, and only their objects are
// read again, so what a migration costs barely grows with the database. A changed signature is an `alter`.

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;
const NOT_EXT = (cls, oid) => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${cls}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
const QUAL = `quote_ident(n.nspname) || '.' || quote_ident(c.relname)`;
/**
 * Every user object with a signature, or (`IN`) those of the entities given: $1 schemas, $2 relations, $3 functions,
 * $4 types, $5 extensions, $6 roles (boolean). The first signature is cast to text: as `name` it would type the union's
 * column and cut every signature to 63 bytes.
 */
const objectsSql = (IN) => `
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
const ENTITY = (cls, obj) => `CASE ${cls}
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
const own = (catalog, column = 'o.oid') => `'${catalog}'::regclass::oid || ':' || ${column}`;
const counted = (catalog, where) => ({ catalog, where, object: own(catalog), key: 'o.oid::text' });
/** No objects themselves, but what uses them (a view, an index) names them: a written row marks their dependents for reading again. */
const SPREAD = ['pg_operator', 'pg_collation', 'pg_opclass', 'pg_opfamily', 'pg_ts_config', 'pg_ts_dict'];
const spread = (catalog) => ({ catalog, where: `o.oid >= ${USER_OID}`, object: `'${catalog}:' || o.oid` });
const WATCHED = [
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
const ENTITY_OF = (key) => ENTITY(`split_part(${key}, ':', 1)::oid`, `split_part(${key}, ':', 2)::oid`);
/**
 * Per watched catalog: its row count and the keys of the rows written since the mark $1 (counted ones), the entities
 * they mark; then the new mark and the search_path. Entities are found after the scans, for the few rows written:
 * costed per row scanned, they would make the server compile the scans (JIT) every time.
 */
const WRITTEN_SQL = `WITH m AS (SELECT age($1) AS age),
w AS (
${WATCHED.map((w) => `  SELECT '${w.catalog}' AS catalog, ${w.key ? 'count(*)::int' : 'NULL::int'} AS count,
    ${w.key ? `array_agg(${w.key}) FILTER (WHERE ${RECENT})` : 'NULL::text[]'} AS written, array_agg(${w.object}) FILTER (WHERE ${RECENT}) AS objects,
    min(age(o.xmin)) FILTER (WHERE ${RECENT}) AS newest
    FROM ${w.catalog} o, m WHERE ${w.where}`).join('\n  UNION ALL\n')}
)
SELECT catalog, count, written,
       ARRAY(SELECT CASE WHEN catalog IN (${SPREAD.map((c) => `'${c}'`).join(', ')}) THEN 'x' || u ELSE ${ENTITY_OF('u')} END FROM unnest(objects) u) AS tokens
  FROM w
UNION ALL
SELECT 'mark', NULL, ARRAY[${NEXT_MARK}, current_setting('search_path')], NULL`;
const WRITTEN = { name: 'migration_gate_catalog_written', types: '(xid)', sql: WRITTEN_SQL };
const OBJECTS = { name: 'migration_gate_catalog_objects', types: '(oid[], oid[], oid[], oid[], oid[], boolean)', sql: SOME_OBJECTS_SQL };
const prepare = (p) => `PREPARE ${p.name}${p.types} AS ${p.sql}`;
const SET_PATH_SQL = `SELECT set_config('search_path', $1, false)`;
const COUNTED = WATCHED.filter((w) => w.key);
/** Every key of the counted `catalogs`. */
const keysSql = (catalogs) => COUNTED.filter((w) => catalogs.includes(w.catalog))
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
const NAMED = {
    r: { catalog: 'pg_class', kinds: new Set(['table', 'view', 'materialized view', 'sequence', 'foreign table', 'column']) },
    t: { catalog: 'pg_type', kinds: new Set(['type']) },
    p: { catalog: 'pg_proc', kinds: new Set(['function']) },
    n: { catalog: 'pg_namespace', kinds: new Set(['schema']) },
};
/** A PostgreSQL array literal of oids or `catalog:oid` keys (no character in them needs quoting). */
const array = (items) => `{${[...items].join(',')}}`;
/** What must be read again: entities, and objects whose dependents must be, renamed (`catalog:oid`). */
class Stale {
    // Roles live in pg_authid, whose rows not every user may read: the few there are are read every time.
    entities = new Set(['a']);
    spread = new Set();
    /** An entity, a composite type (`c`: its type, and what uses it), or `x` and an object whose dependents are. */
    take(token) {
        if (!token)
            return;
        if (token.startsWith('x'))
            this.spread.add(token.slice(1));
        else if (token.startsWith('c')) {
            this.entities.add(`t${token.slice(1)}`);
            this.spread.add(`pg_type:${token.slice(1)}`);
        }
        else
            this.entities.add(token);
    }
}
/** The catalog of one scratch database, kept up to date with what the pending migrations write. */
class CatalogWatch {
    session;
    mark;
    path;
    keys;
    /** oid → qualified name of every table that exists. */
    tables = new Map();
    objects = new Map();
    byEntity = new Map();
    /** `catalog:oid` of a row → the entity its object belongs to, for when the row is deleted. */
    bySrc = new Map();
    constructor(session, 
    /** The transaction id from which rows are new to this copy. */
    mark, 
    /** The search_path objects are read under, the one at start: a file's SET must not make unchanged objects read differently. */
    path, 
    /** The keys of each counted catalog's rows: fewer rows than these plus the new ones means rows were deleted. */
    keys) {
        this.session = session;
        this.mark = mark;
        this.path = path;
        this.keys = keys;
    }
    /** Reads the whole catalog. */
    static async start(session) {
        const [{ mark, path }] = (await session.query(`SELECT ${MARK} AS mark, current_setting('search_path') AS path`));
        const prepared = await session.query(`SELECT name FROM pg_prepared_statements WHERE name IN ($1, $2)`, [WRITTEN.name, OBJECTS.name]);
        for (const p of [WRITTEN, OBJECTS])
            if (!prepared.some((r) => r.name === p.name))
                await session.exec(prepare(p));
        const watch = new CatalogWatch(session, mark, path, await readKeys(session, COUNTED.map((w) => w.catalog)));
        watch.add(await session.query(ALL_OBJECTS_SQL), new Map());
        return watch;
    }
    /** The catalog's objects by `kind name`, as reading it whole would give them. */
    get snapshot() {
        return this.objects;
    }
    /** What was created, altered and dropped since the last call (or start), the catalog brought up to date. */
    async changes(template) {
        const touched = new Map();
        const { stale, path } = await this.stale();
        // The file's own path is put back after: what runs next may depend on it.
        if (path !== this.path)
            await this.session.query(SET_PATH_SQL, [this.path]);
        try {
            await this.catchUp(stale, touched);
        }
        finally {
            if (path !== this.path)
                await this.session.query(SET_PATH_SQL, [path]);
        }
        const before = new Map();
        const after = new Map();
        for (const [key, old] of touched) {
            if (old)
                before.set(key, old);
            const now = this.objects.get(key);
            if (now)
                after.set(key, now);
        }
        return diffObjects(before, after, template);
    }
    /** The entities whose rows were written since the mark, or deleted, and the session's search_path; the mark moved on. */
    async stale() {
        const stale = new Stale();
        let path = this.path;
        const recount = [];
        for (const row of await this.execute(WRITTEN, [`'${this.mark}'`])) {
            if (row.catalog === 'mark') {
                [this.mark, path] = row.written;
                continue;
            }
            row.tokens?.forEach((t) => stale.take(t));
            const keys = this.keys.get(row.catalog);
            if (!keys)
                continue;
            for (const key of row.written ?? [])
                keys.add(key);
            if (keys.size !== row.count)
                recount.push(row.catalog);
        }
        // Deleted rows: the objects they were are gone, or (extension members that left it) come into sight.
        for (const [catalog, now] of recount.length ? await readKeys(this.session, recount) : []) {
            const gone = [...this.keys.get(catalog)].filter((k) => !now.has(k));
            this.keys.set(catalog, now);
            if (catalog === 'pg_depend')
                (await this.session.query(ENTITIES_SQL, [array(gone)])).forEach((r) => stale.take(r.token));
            else
                for (const k of gone)
                    stale.take(this.bySrc.get(`${catalog}:${k}`) ?? null);
        }
        return { stale, path };
    }
    /** Reads the stale entities again, then those naming what they renamed, until none is left. */
    async catchUp(stale, touched) {
        const read = new Set();
        const followed = new Set();
        let owners = [];
        for (;;) {
            const sources = [...stale.spread].filter((s) => !followed.has(s));
            if (sources.length || owners.length) {
                sources.forEach((s) => followed.add(s));
                const rows = await this.session.query(SPREAD_SQL, [array(sources), array(owners)]);
                rows.forEach((r) => stale.take(r.token));
            }
            const batch = [...stale.entities].filter((e) => !read.has(e));
            if (!batch.length)
                return;
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
    async reread(entities, touched) {
        const of = (prefix) => `'${array(entities.filter((e) => e[0] === prefix).map((e) => e.slice(1)))}'`;
        const rows = await this.execute(OBJECTS, [of('n'), of('r'), of('p'), of('t'), of('e'), String(entities.includes('a'))]);
        const old = new Map();
        for (const entity of entities) {
            const had = [];
            for (const key of this.byEntity.get(entity) ?? []) {
                const obj = this.objects.get(key);
                // Another entity took the name meanwhile (dropped and made again): that one stays.
                if (obj?.entity !== entity)
                    continue;
                had.push(obj);
                if (!touched.has(key))
                    touched.set(key, obj);
                this.objects.delete(key);
                if (obj.oid)
                    this.tables.delete(obj.oid);
                if (obj.src && this.bySrc.get(obj.src) === entity)
                    this.bySrc.delete(obj.src);
            }
            this.byEntity.delete(entity);
            old.set(entity, had);
        }
        this.add(rows, touched);
        const sources = [];
        const owners = [];
        for (const [entity, had] of old) {
            const has = this.byEntity.get(entity) ?? new Set();
            if (entity === 'a') {
                // A renamed role: the schemas it owns show its new name.
                const names = new Set(had.map((r) => r.name));
                for (const key of has) {
                    const role = this.objects.get(key);
                    if (!names.has(role.name))
                        owners.push(role.src.split(':')[1]);
                }
                continue;
            }
            const named = NAMED[entity[0]];
            if (named && had.some((r) => named.kinds.has(r.kind) && !has.has(`${r.kind} ${r.name}`)))
                sources.push(`${named.catalog}:${entity.slice(1)}`);
        }
        return { sources, owners };
    }
    /** Runs a prepared query with `args` (literals of numbers only); prepares it again when a migration's DISCARD ALL or DEALLOCATE dropped it. */
    async execute(p, args) {
        const run = () => this.session.query(`EXECUTE ${p.name}(${args.join(', ')})`);
        try {
            return await run();
        }
        catch (e) {
            if ((0,dryrun_engine/* toServerError */.Nn)(e).sqlstate !== '26000')
                throw e;
            await this.session.exec(prepare(p));
            return run();
        }
    }
    add(rows, touched) {
        for (const row of rows) {
            const key = `${row.kind} ${row.name}`;
            if (!touched.has(key))
                touched.set(key, this.objects.get(key));
            this.objects.set(key, row);
            let keys = this.byEntity.get(row.entity);
            if (!keys)
                this.byEntity.set(row.entity, (keys = new Set()));
            keys.add(key);
            if (row.oid)
                this.tables.set(row.oid, row.name);
            if (row.src)
                this.bySrc.set(row.src, row.entity);
        }
    }
}
async function readKeys(session, catalogs) {
    const rows = await session.query(keysSql(catalogs));
    return new Map(rows.map((r) => [r.catalog, new Set(r.keys ?? [])]));
}
const ORDER = { create: 0, alter: 1, drop: 2 };
/** Reading order within an action: containers and tables first (a summary showing the first few names the tables), behaviour last. */
const KIND_ORDER = ['schema', 'extension', 'type', 'table', 'foreign table', 'view', 'materialized view', 'sequence', 'column', 'constraint', 'index', 'function', 'trigger', 'policy', 'role'];
function kindRank(kind) {
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
function diffObjects(before, after, template) {
    const changes = [];
    const created = new Set();
    const dropped = new Set();
    for (const [key, obj] of after) {
        const old = before.get(key);
        if (!old) {
            changes.push({ action: 'create', kind: obj.kind, name: obj.name });
            created.add(obj.name);
        }
        else if (old.sig !== obj.sig)
            changes.push({ action: 'alter', kind: obj.kind, name: obj.name });
    }
    for (const [key, obj] of before) {
        if (after.has(key))
            continue;
        changes.push({ action: 'drop', kind: obj.kind, name: obj.name });
        dropped.add(obj.name);
    }
    const parentOf = (c) => (after.get(`${c.kind} ${c.name}`) ?? before.get(`${c.kind} ${c.name}`))?.parent;
    return changes
        .filter((c) => {
        const parent = parentOf(c);
        if (!parent)
            return true;
        return c.action === 'create' ? !(created.has(parent) && IMPLIED_BY_NEW_TABLE.has(c.kind)) : !dropped.has(parent);
    })
        .map((c) => ({ ...c, name: template.restore(c.name) }))
        .sort((a, b) => ORDER[a.action] - ORDER[b.action] || kindRank(a.kind) - kindRank(b.kind) || a.name.localeCompare(b.name));
}

// EXTERNAL MODULE: ./src/dryrun/execute.ts
var execute = __webpack_require__(8157);
// EXTERNAL MODULE: ./src/discover/graphile-current.ts + 1 modules
var graphile_current = __webpack_require__(6);
// EXTERNAL MODULE: ./src/dryrun/refusal.ts
var dryrun_refusal = __webpack_require__(1554);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(1376);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/dryrun/pglite-assets.ts
// Where the pglite engine's files are: dist/pglite/ beside the bundle (the build copies them there),
// or node_modules when running from source; and the initialised data-directory snapshot it boots from.






const SNAPSHOT_FILE = 'pglite-snapshot.tar.gz';
const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
// Not `new URL('./pglite/', import.meta.url)`: ncc's asset relocator rewrites that pattern into a broken module.
const bundleDir = (0,external_node_path_.join)(here, 'pglite');
function tarballs(dir) {
    return (0,external_node_fs_.readdirSync)(dir)
        .filter((f) => f.endsWith('.tar.gz') && f !== SNAPSHOT_FILE)
        .map((f) => [f.slice(0, -'.tar.gz'.length), (0,external_node_path_.join)(dir, f)]);
}
/** Where caches go: MIGRATION_GATE_CACHE_DIR, else node_modules/.cache from source, else the user's cache dir. */
function cacheDir() {
    if (process.env.MIGRATION_GATE_CACHE_DIR)
        return (0,external_node_path_.resolve)(process.env.MIGRATION_GATE_CACHE_DIR);
    if (!(0,external_node_fs_.existsSync)(bundleDir))
        return (0,external_node_path_.join)(pgliteDist(), '..', '..', '..', '.cache', 'migration-gate');
    return (0,external_node_path_.join)(process.env.XDG_CACHE_HOME ?? (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache'), 'migration-gate');
}
/** node_modules/@electric-sql/pglite/dist when running from source. */
function pgliteDist() {
    return (0,external_node_path_.dirname)((0,external_node_module_.createRequire)(import.meta.url).resolve('@electric-sql/pglite'));
}
/** scripts/pglite-snapshot.mjs, found upwards from this module (src/dryrun or a compiled copy of it). */
function snapshotScript() {
    for (let dir = here; dir !== (0,external_node_path_.dirname)(dir); dir = (0,external_node_path_.dirname)(dir)) {
        const script = (0,external_node_path_.join)(dir, 'scripts', 'pglite-snapshot.mjs');
        if ((0,external_node_fs_.existsSync)(script))
            return script;
    }
    throw new Error('scripts/pglite-snapshot.mjs not found above ' + here);
}
let located = null;
function locatePgliteAssets() {
    if (located)
        return located;
    if ((0,external_node_fs_.existsSync)(bundleDir)) {
        located = {
            // ncc already emits PGlite's own wasm and data beside the bundle; the build adds the rest to pglite/.
            wasm: (0,external_node_path_.join)(here, 'pglite.wasm'),
            initdb: (0,external_node_path_.join)(here, 'initdb.wasm'),
            data: (0,external_node_path_.join)(here, 'pglite.data'),
            extensions: new Map(tarballs(bundleDir)),
            snapshot: (0,external_node_path_.join)(bundleDir, SNAPSHOT_FILE),
            bundled: true,
        };
        return located;
    }
    const require = (0,external_node_module_.createRequire)(import.meta.url);
    const dist = pgliteDist();
    const version = JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dist, '..', 'package.json'), 'utf8')).version;
    const extensions = new Map(tarballs(dist));
    extensions.set('vector', (0,external_node_path_.join)((0,external_node_path_.dirname)(require.resolve('@electric-sql/pglite-pgvector')), 'vector.tar.gz'));
    located = {
        wasm: (0,external_node_path_.join)(dist, 'pglite.wasm'),
        initdb: (0,external_node_path_.join)(dist, 'initdb.wasm'),
        data: (0,external_node_path_.join)(dist, 'pglite.data'),
        extensions,
        snapshot: (0,external_node_path_.join)(cacheDir(), `pglite-${version}-snapshot.tar.gz`),
        bundled: false,
    };
    return located;
}
/** The snapshot's path, creating it first (once, ~6 s) when running from source without one. */
function ensureSnapshot(assets) {
    if ((0,external_node_fs_.existsSync)(assets.snapshot))
        return assets.snapshot;
    if (assets.bundled)
        throw new Error(`The bundle lacks ${assets.snapshot}: rebuild it (the build runs scripts/pglite-snapshot.mjs).`);
    (0,external_node_child_process_.execFileSync)(process.execPath, [snapshotScript(), assets.snapshot], { stdio: 'ignore' });
    return assets.snapshot;
}

// EXTERNAL MODULE: ./src/dryrun/one-transaction.ts
var one_transaction = __webpack_require__(7519);
// EXTERNAL MODULE: ./src/sql/quoted.ts
var quoted = __webpack_require__(5498);
;// CONCATENATED MODULE: ./src/dryrun/outside-roles.ts
// Roles that production has but no migration creates (made by the platform, Terraform or a DBA): a bare
// dry-run database lacks them, so a GRANT or OWNER TO naming one fails there and nowhere else. The user
// lists them under dry-run.roles; the dry-run creates them before the history, and a failure on an
// unlisted one says how to list it.


/** Creates each role that is missing, without the right to log in: only its name matters to the migrations. */
function outsideRolesSql(roles) {
    // Roles are cluster-wide: a concurrent run creating the same one is no error.
    return roles
        .map((r) => `DO $mg$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${r.replace(/'/g, "''")}') THEN CREATE ROLE ${(0,quoted/* quoted */.T)(r)} NOLOGIN; END IF;\n` +
        `EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;\nEND $mg$;`)
        .join('\n');
}
/** The role `error` says does not exist, unless a migration of `history` creates it or it is a placeholder's stand-in. */
function missingRole(error, plan, history) {
    if (error.sqlstate !== '42704')
        return null;
    const role = /^role "(.+)" does not exist$/.exec(error.message)?.[1];
    // Error messages name a stand-in as the placeholder it stands for.
    if (!role || plan.template.unfilled.some((f) => role.includes(f.text)))
        return null;
    let near = null;
    for (const p of history)
        for (const s of p.parsed.statements) {
            if (s.kind !== 'CreateRoleStmt' || typeof s.node.role !== 'string')
                continue;
            if (s.node.role === role)
                return null;
            if (!near && editDistance(s.node.role, role) <= 2)
                near = { name: s.node.role, file: p.migration.file };
        }
    return { role, near };
}
/** Levenshtein distance, for names of a few dozen letters. */
function editDistance(a, b) {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++)
            next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
        row = next;
    }
    return row[b.length];
}
/** For a failure on a role a migration nearly names. */
function typoAdvice(missing) {
    return missing.near ? `Did you mean role ${missing.near.name}, which ${missing.near.file} creates?` : null;
}
/** What to do about `role`, which the dry-run database lacks and no migration creates. */
function outsideRoleAdvice(role) {
    const name = /^[a-z_][a-z0-9_$]*$/.test(role) ? role : JSON.stringify(role);
    return (`No migration creates role ${name}. If production has it (made outside the migrations), list it under dry-run: roles: [${name}] ` +
        `in .migration-gate.yml, or pass --role ${name}: the dry-run then creates it, without login, before the history. ` +
        'If production lacks it too, create it in a migration before this one.');
}
/** A pending migration that stopped on such a role: not the migration's fault as far as the dry-run can tell. */
function outsideRoleFinding(plan, error, role, where) {
    return {
        rule: 'environment',
        ...(0,execute/* errorPlace */.eI)(plan, error),
        message: `Needs role "${role}", which the dry-run database (${where}) lacks and no migration creates; ` +
            'the rest of the file was not checked, nor were the migrations after it.',
        suggestion: outsideRoleAdvice(role),
    };
}

// EXTERNAL MODULE: ./src/dryrun/plan.ts + 1 modules
var dryrun_plan = __webpack_require__(6514);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/dryrun/url-engine.ts + 2 modules
var url_engine = __webpack_require__(9975);
;// CONCATENATED MODULE: ./src/dryrun/cluster-engine.ts
// The cluster engine: when PostgreSQL server binaries are installed (PATH, or Debian/Ubuntu's
// /usr/lib/postgresql/<major>/bin, as on GitHub's runners), a throwaway cluster in a temp dir that
// listens only on a unix socket inside that dir; removed at the end, on failure and on a signal.






const DIR_PREFIX = 'migration-gate-cluster-';
function executable(path) {
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** The folder holding initdb, pg_ctl and postgres, or null when this machine has none. */
function findPostgresBinaries() {
    for (const dir of (process.env.PATH ?? '').split(external_node_path_.delimiter).filter(Boolean)) {
        const initdb = (0,external_node_path_.join)(dir, 'initdb');
        if (!executable(initdb))
            continue;
        // Follow symlinks (/usr/local/bin/initdb → /usr/lib/postgresql/15/bin/initdb) to find postgres beside it.
        const bin = (0,external_node_path_.dirname)((0,external_node_fs_.realpathSync)(initdb));
        if (executable((0,external_node_path_.join)(bin, 'pg_ctl')) && executable((0,external_node_path_.join)(bin, 'postgres')))
            return bin;
    }
    const root = '/usr/lib/postgresql';
    if (!(0,external_node_fs_.existsSync)(root))
        return null;
    const majors = (0,external_node_fs_.readdirSync)(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => parseFloat(b) - parseFloat(a));
    for (const v of majors) {
        const bin = (0,external_node_path_.join)(root, v, 'bin');
        if (['initdb', 'pg_ctl', 'postgres'].every((b) => executable((0,external_node_path_.join)(bin, b))))
            return bin;
    }
    return null;
}
/** initdb and postgres refuse to run as root: as root, run them as `postgres` (or `nobody`). */
function serverUser() {
    if (process.getuid?.() !== 0)
        return null;
    const passwd = (0,external_node_fs_.readFileSync)('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':'));
    const entry = passwd.find((f) => f[0] === 'postgres') ?? passwd.find((f) => f[0] === 'nobody');
    if (!entry)
        throw new Error('Running as root with neither a `postgres` nor a `nobody` user to run the cluster as.');
    return { uid: Number(entry[2]), gid: Number(entry[3]) };
}
function run(bin, args, user) {
    const r = (0,external_node_child_process_.spawnSync)(bin, args, { encoding: 'utf8', ...(user ?? {}), timeout: 120000 });
    if (r.status !== 0)
        throw new Error(`${bin} ${args[0]} failed: ${(r.stderr || r.stdout || String(r.error ?? '')).trim()}`);
}
function ownerAlive(dir) {
    let pid;
    try {
        pid = Number((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, 'owner.pid'), 'utf8'));
    }
    catch {
        return true; // being created right now
    }
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
}
class ClusterEngine {
    bin;
    dir;
    user;
    kind = 'cluster';
    inner = null;
    removed = false;
    onExit = () => this.removeSync();
    onSignal = (signal) => {
        this.removeSync();
        process.kill(process.pid, signal);
    };
    constructor(bin, dir, user) {
        this.bin = bin;
        this.dir = dir;
        this.user = user;
    }
    static async start(bin) {
        removeOrphans(bin);
        const user = serverUser();
        const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), DIR_PREFIX));
        (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'owner.pid'), String(process.pid));
        if (user)
            (0,external_node_fs_.chownSync)(dir, user.uid, user.gid);
        const engine = new ClusterEngine(bin, dir, user);
        process.once('exit', engine.onExit);
        process.once('SIGINT', engine.onSignal);
        process.once('SIGTERM', engine.onSignal);
        try {
            const data = (0,external_node_path_.join)(dir, 'data');
            run((0,external_node_path_.join)(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'], user);
            // No TCP at all: a socket in our own dir cannot clash with another cluster or be reached by anyone else.
            const conf = `-c listen_addresses= -k ${dir} -F -c full_page_writes=off -c max_connections=40`;
            run((0,external_node_path_.join)(bin, 'pg_ctl'), ['start', '-D', data, '-w', '-s', '-l', (0,external_node_path_.join)(dir, 'server.log'), '-o', conf], user);
            engine.inner = await url_engine/* UrlEngine */.Ej.start(`postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`, 'cluster');
            return engine;
        }
        catch (e) {
            await engine.close();
            throw e;
        }
    }
    get serverVersion() {
        return this.inner.serverVersion;
    }
    get serverVersionNum() {
        return this.inner.serverVersionNum;
    }
    get identity() {
        return this.inner.identity;
    }
    availableExtensions() {
        return this.inner.availableExtensions();
    }
    open(baselineKey) {
        return this.inner.open(baselineKey);
    }
    saveBaseline(baselineKey) {
        return this.inner.saveBaseline(baselineKey);
    }
    async close() {
        await this.inner?.close();
        this.removeSync();
        // The whole cluster goes: nothing the run changed in it outlives it.
        return dryrun_engine/* NO_LEFTOVERS */.R6;
    }
    /** Synchronous, so it also works from an exit or signal handler. */
    removeSync() {
        if (this.removed)
            return;
        this.removed = true;
        process.off('exit', this.onExit);
        process.off('SIGINT', this.onSignal);
        process.off('SIGTERM', this.onSignal);
        stopAndRemove(this.bin, this.dir, this.user);
    }
}
function stopAndRemove(bin, dir, user) {
    if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'data', 'postmaster.pid')))
        (0,external_node_child_process_.spawnSync)((0,external_node_path_.join)(bin, 'pg_ctl'), ['stop', '-D', (0,external_node_path_.join)(dir, 'data'), '-m', 'immediate', '-s'], { ...(user ?? {}), timeout: 30000 });
    (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
}
/** Clusters left by runs that were killed outright (SIGKILL skips every handler). */
function removeOrphans(bin) {
    const user = serverUser();
    for (const name of (0,external_node_fs_.readdirSync)((0,external_node_os_.tmpdir)())) {
        if (!name.startsWith(DIR_PREFIX))
            continue;
        const dir = (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), name);
        if (!ownerAlive(dir))
            stopAndRemove(bin, dir, user);
    }
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/@electric-sql/pglite/dist/index.js + 1 modules
var dist = __webpack_require__(1618);
;// CONCATENATED MODULE: ./src/dryrun/pglite-engine.ts
// The pglite engine: embedded WASM PostgreSQL, so a dry-run needs no server. It boots from an
// initialised data-directory snapshot (never initdb per run), and caches the replayed baseline as
// a saved data directory keyed like the url engine's template databases.







/** Saved baselines kept in the cache folder (each ~40 MB), newest first. */
const KEEP_BASELINES = 4;
const BASELINE_PREFIX = 'pglite-baseline-';
// The project's lib has no DOM types, where WebAssembly is declared.
const wasmApi = globalThis.WebAssembly;
let modules = null;
/** Compiled once per process: passed explicitly so a bundled build never resolves them by import.meta.url. */
function compiledModules(assets) {
    modules ??= Promise.all([
        wasmApi.compile((0,external_node_fs_.readFileSync)(assets.wasm)),
        wasmApi.compile((0,external_node_fs_.readFileSync)(assets.initdb)),
    ]).then(([wasm, initdb]) => ({ wasm, initdb }));
    return modules;
}
let fsBundle = null;
let pristine = null;
/** The initialised data directory, decompressed once per process (faster than PGlite's gunzip during boot). */
function pristineDataDir(assets) {
    pristine ??= (0,external_node_zlib_.gunzipSync)((0,external_node_fs_.readFileSync)(ensureSnapshot(assets)));
    return pristine;
}
function pgliteSession(db) {
    return {
        async query(sql, params) {
            return (await db.query(sql, params)).rows;
        },
        async exec(sql) {
            await db.exec(sql);
        },
        // PGlite has no copy-in sub-protocol (COPY ... FROM STDIN never returns): it reads the rows as the file /dev/blob.
        async copyFrom(copy) {
            const sql = `${copy.sql.slice(0, copy.stdin)}'/dev/blob'${copy.sql.slice(copy.stdin + 'STDIN'.length)}`;
            try {
                await db.exec(sql, { blob: new Blob([copy.rows]) });
            }
            catch (e) {
                // A position past STDIN is the statement's again: '/dev/blob' is longer by this much.
                const err = e;
                const shift = "'/dev/blob'".length - 'STDIN'.length;
                if (Number(err.position) > copy.stdin + 'STDIN'.length)
                    err.position = String(Number(err.position) - shift);
                throw e;
            }
        },
    };
}
class PgliteEngine {
    assets;
    extensions;
    kind = 'pglite';
    serverVersion = '';
    serverVersionNum = 0;
    db = null;
    constructor(assets, extensions) {
        this.assets = assets;
        this.extensions = extensions;
    }
    /** `extensions`: the ones the migrations create; their bundles must be loaded at boot. */
    static start(extensions) {
        const assets = locatePgliteAssets();
        const wanted = [...new Set(extensions)].filter((e) => assets.extensions.has(e)).sort();
        return new PgliteEngine(assets, wanted);
    }
    get identity() {
        // A saved data directory is only valid for the PGlite build that wrote it.
        return `pglite:${(0,external_node_fs_.statSync)(this.assets.wasm).size}`;
    }
    async availableExtensions() {
        return new Set(['plpgsql', ...this.assets.extensions.keys()]);
    }
    async open(baselineKey) {
        const saved = this.baselinePath(baselineKey);
        const cached = (0,external_node_fs_.existsSync)(saved);
        const dataDir = cached ? (0,external_node_fs_.readFileSync)(saved) : pristineDataDir(this.assets);
        const { wasm, initdb } = await compiledModules(this.assets);
        const db = new dist/* PGlite */.Eb({
            pgliteWasmModule: wasm,
            initdbWasmModule: initdb,
            fsBundle: (fsBundle ??= new Blob([(0,external_node_fs_.readFileSync)(this.assets.data)])),
            loadDataDir: new Blob([dataDir]),
            extensions: Object.fromEntries(this.extensions.map((e) => [e, (0,external_node_url_.pathToFileURL)(this.assets.extensions.get(e))])),
        });
        await db.waitReady;
        this.db = db;
        const { rows } = await db.query(`SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n`);
        this.serverVersion = rows[0].v.split(' ')[0];
        this.serverVersionNum = rows[0].n;
        return { session: pgliteSession(db), cached };
    }
    async saveBaseline(baselineKey) {
        if (!this.db)
            throw new Error('saveBaseline before open');
        const dump = await this.db.dumpDataDir('none');
        const path = this.baselinePath(baselineKey);
        (0,external_node_fs_.mkdirSync)(cacheDir(), { recursive: true });
        const tmp = `${path}.${process.pid}.tmp`;
        (0,external_node_fs_.writeFileSync)(tmp, Buffer.from(await dump.arrayBuffer()));
        (0,external_node_fs_.renameSync)(tmp, path);
        pruneBaselines();
        return pgliteSession(this.db);
    }
    async close() {
        const db = this.db;
        this.db = null;
        await db?.close();
        return dryrun_engine/* NO_LEFTOVERS */.R6;
    }
    baselinePath(key) {
        return (0,external_node_path_.join)(cacheDir(), `${BASELINE_PREFIX}${key.slice(0, 40)}.tar`);
    }
}
function pruneBaselines() {
    const dir = cacheDir();
    const files = (0,external_node_fs_.readdirSync)(dir)
        .filter((f) => f.startsWith(BASELINE_PREFIX) && f.endsWith('.tar'))
        .map((f) => ({ path: (0,external_node_path_.join)(dir, f), mtime: (0,external_node_fs_.statSync)((0,external_node_path_.join)(dir, f)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime);
    for (const old of files.slice(KEEP_BASELINES)) {
        try {
            (0,external_node_fs_.unlinkSync)(old.path);
        }
        catch {
            // Another run pruned it first.
        }
    }
}

;// CONCATENATED MODULE: ./src/dryrun/select.ts
// Which engine a run uses: the one asked for, or for `auto` the url if given, else a local cluster
// when server binaries exist (unless it lacks an extension or version that pglite has), else pglite.






/** PGlite 0.5 embeds PostgreSQL 18. */
const PGLITE_MAJOR = 18;
const NO_BINARIES = 'PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH nor in /usr/lib/postgresql/<version>/bin. ' +
    'Install the postgresql server package, or use --engine pglite (no server needed).';
async function startEngine(dry, extensions) {
    switch (dry.engine) {
        case 'url':
            if (!dry.databaseUrl)
                throw new errors/* UserError */.y('--engine url needs --database-url (or DATABASE_URL).');
            return url_engine/* UrlEngine */.Ej.start(dry.databaseUrl);
        case 'cluster': {
            const bin = findPostgresBinaries();
            if (!bin)
                throw new errors/* UserError */.y(`--engine cluster: ${NO_BINARIES}`);
            return ClusterEngine.start(bin);
        }
        case 'pglite':
            return PgliteEngine.start(extensions);
        case 'auto': {
            if (dry.databaseUrl)
                return url_engine/* UrlEngine */.Ej.start(dry.databaseUrl);
            const bin = findPostgresBinaries();
            if (!bin)
                return PgliteEngine.start(extensions);
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
async function pgliteFitsBetter(cluster, extensions, postgresVersion) {
    const have = await cluster.availableExtensions();
    const pglite = locatePgliteAssets().extensions;
    const missing = [...extensions].filter((e) => !have.has(e));
    if (missing.length > 0 && missing.every((e) => pglite.has(e)))
        return true;
    const wanted = postgresVersion ?? 0;
    return (0,dryrun_engine/* majorVersion */.iR)(cluster.serverVersionNum) < wanted && wanted <= PGLITE_MAJOR;
}

// EXTERNAL MODULE: ./src/sql/ast.ts + 1 modules
var ast = __webpack_require__(5811);
// EXTERNAL MODULE: ./src/sql/walk.ts
var walk = __webpack_require__(4023);
// EXTERNAL MODULE: ./src/rules/transaction-unsafe.ts + 1 modules
var transaction_unsafe = __webpack_require__(6832);
;// CONCATENATED MODULE: ./src/dryrun/server-wide.ts
// Statements whose effect reaches past the scratch database: on the user's own server (url engine) they would create,
// drop or reconfigure what is not the run's, and on any engine leave what outlives it (a tablespace's folder, a
// publisher's replication slot, a prepared transaction), or reach another connection (dblink). The dry-run runs none of
// them, on every engine alike, so a report does not depend on where it ran; a DO block is read for them too. ALTER
// DATABASE ... SET is not one: cluster-state.ts puts database settings back after the run.





/** Statements outside the scratch database whatever they name. */
const ALWAYS = {
    CreatedbStmt: 'CREATE DATABASE',
    DropdbStmt: 'DROP DATABASE',
    AlterSystemStmt: 'ALTER SYSTEM',
    CreateTableSpaceStmt: 'CREATE TABLESPACE',
    DropTableSpaceStmt: 'DROP TABLESPACE',
    AlterTableSpaceOptionsStmt: 'ALTER TABLESPACE',
    // They connect to the publisher, and create or drop replication slots there.
    CreateSubscriptionStmt: 'CREATE SUBSCRIPTION',
    AlterSubscriptionStmt: 'ALTER SUBSCRIPTION',
    DropSubscriptionStmt: 'DROP SUBSCRIPTION',
};
/** Transaction commands that act past the session: a prepared transaction outlives it, and holds its locks until someone ends it. */
const PREPARED = {
    TRANS_STMT_PREPARE: {
        label: 'PREPARE TRANSACTION',
        how: 'on the server itself, where the prepared transaction outlives the run and holds its locks until someone ends it',
    },
    TRANS_STMT_COMMIT_PREPARED: { label: 'COMMIT PREPARED', how: 'on the server itself, where it ends a transaction another session prepared' },
    TRANS_STMT_ROLLBACK_PREPARED: { label: 'ROLLBACK PREPARED', how: 'on the server itself, where it ends a transaction another session prepared' },
};
/** dblink's functions that open a connection of their own, to whatever server their connection string names. */
const DBLINK = new Set(['dblink', 'dblink_exec', 'dblink_connect', 'dblink_connect_u']);
const SERVER = 'on the server itself';
// What reaches past the scratch database names one of these words, EXECUTEd strings too: a DO block without any (most)
// is not read, which costs a parse of each of its expressions.
const server_wide_NAMED = /\b(?:database|tablespace|system|subscription|copy|prepared?|dblink\w*)\b/i;
/** The roles the plans create: the run drops them at its end with the privileges they hold (cluster-state.ts). */
function createdRoles(plans) {
    const roles = (plan) => (plan.statements ?? []).flatMap((s) => (s.kind === 'CreateRoleStmt' ? [String(s.node.role)] : []));
    return new Set(plans.flatMap(roles));
}
/** The plan's statements that act outside the scratch database `scratch`, in order; `created`: the roles the run creates. */
function serverWideStatements(plan, scratch, created) {
    const out = [];
    const outlives = (grantee) => {
        const role = (0,ast/* nodeOf */.E7)(grantee, 'RoleSpec');
        return role?.roletype !== 'ROLESPEC_CSTRING' || !created.has(String(role.rolename));
    };
    // Null when the parser failed: the server then refuses the text whole, before it runs any of it.
    for (const s of plan.statements ?? []) {
        // Only the runner's placeholder for the database it is connected to (graphile-migrate's :DATABASE_NAME) names the
        // scratch one: a name the file writes is production's, whatever the engine calls its own database.
        const other = (name) => name !== scratch || !plan.template.valueIn(s.start, s.end);
        const reach = reachOf(s.kind, s.node, s.text, { other, outlives }, false);
        if (!reach)
            continue;
        const { label, how, offset } = reach;
        out.push({ statement: s, label: s.kind === 'DoStmt' ? `${label} in a DO block` : label, how, at: s.start + (offset ?? 0) });
    }
    return out;
}
/**
 * The first of them that would act, run as the runner runs the file. One PostgreSQL refuses in the transaction the runner
 * puts it in fails there before it acts: that one runs, and the report gives the runner's failure. A file sent as one
 * query is not cut: alone in it, the statement runs outside a transaction.
 */
function actingServerWide(plan, scratch, created) {
    const inTransaction = new Set(plan.runAs === 'query' ? [] : (0,dryrun_plan/* stretches */.YA)(plan).flatMap((p) => (p.transaction ? p.statements : [])));
    return serverWideStatements(plan, scratch, created).find((w) => !(inTransaction.has(w.statement) && (0,dryrun_plan/* cannotRunInTransaction */.c1)(w.statement)));
}
/**
 * How a statement (`kind`, `node`, its `text`) reaches past the scratch database, or null. `inBlock`: a DO block runs
 * it, where PostgreSQL refuses what cannot run in a transaction before it acts ("cannot be executed from a function").
 */
function reachOf(kind, node, text, scope, inBlock) {
    if (inBlock && (0,transaction_unsafe/* needsOwnTransaction */.i7)(kind, node))
        return null;
    const label = labelOf(kind, node, scope);
    if (label)
        return { label, how: SERVER };
    if (kind === 'TransactionStmt')
        return PREPARED[String(node.kind)] ?? null;
    if (kind === 'DoStmt')
        return server_wide_NAMED.test(text) ? inDoBlock(text, node, scope) : null;
    const dblink = /dblink/i.test(text) ? dblinkCall(node) : undefined;
    return dblink
        ? { label: `${dblink}()`, how: "through a connection of its own (dblink), to whatever server its connection string names, past the dry-run's transaction" }
        : null;
}
/**
 * What a DO block runs that reaches past the scratch database: its SQL statements, and a constant string it EXECUTEs,
 * read as the statements it holds. A string built as it runs (format(), ||, a variable) cannot be known: it is not read.
 */
function inDoBlock(text, node, scope) {
    for (const q of (0,ast/* doBodyQueries */.oZ)(text, node)) {
        if (q.never || !q.parsed)
            continue;
        const executed = constantText(q.parsed);
        const statements = executed === undefined ? [{ kind: q.parsed[0], node: q.parsed[1], text: q.text }] : (0,parser/* parseSql */.eg)(executed).statements;
        for (const s of statements) {
            const reach = reachOf(s.kind, s.node, s.text, scope, true);
            // An expression's place is not known (-1): its text is, in the block's.
            if (reach)
                return { ...reach, offset: Math.max(0, q.offset >= 0 ? q.offset : text.indexOf(q.text)) };
        }
    }
    return null;
}
/** The text of `SELECT '<constant>'`: how PL/pgSQL evaluates EXECUTE's string. */
function constantText([kind, node]) {
    const targets = (0,ast/* asArray */._j)(node.targetList);
    if (kind !== 'SelectStmt' || node.fromClause || targets.length !== 1)
        return undefined;
    const value = targets[0].ResTarget?.val?.A_Const?.sval?.sval;
    return typeof value === 'string' ? value : undefined;
}
/** The dblink function the statement calls that opens a connection, or undefined. */
function dblinkCall(node) {
    let found;
    (0,walk/* someInTree */._j)(node, (n, key) => {
        const name = key === 'FuncCall' ? (0,ast/* stringsOf */.iw)(n.funcname).pop() : undefined;
        if (name === undefined || !DBLINK.has(name))
            return false;
        found = name;
        return true;
    });
    return found;
}
function labelOf(kind, n, { other, outlives }) {
    switch (kind) {
        case 'AlterDatabaseStmt':
        case 'AlterDatabaseRefreshCollStmt':
            return other(n.dbname) ? 'ALTER DATABASE' : null;
        case 'RenameStmt':
            if (n.renameType === 'OBJECT_TABLESPACE')
                return 'ALTER TABLESPACE';
            return n.renameType === 'OBJECT_DATABASE' && other(n.subname) ? 'ALTER DATABASE' : null;
        case 'AlterOwnerStmt':
            if (n.objectType === 'OBJECT_TABLESPACE')
                return 'ALTER TABLESPACE';
            return n.objectType === 'OBJECT_DATABASE' && other((0,ast/* stringOf */.Je)(n.object)) ? 'ALTER DATABASE' : null;
        // A database's or tablespace's privileges, comment and label are the server's: nothing puts them back after the run,
        // but for the privileges of a role the run creates, which go with it.
        case 'GrantStmt': {
            const verb = n.is_grant ? 'GRANT' : 'REVOKE';
            if (!(0,ast/* asArray */._j)(n.grantees).some(outlives))
                return null;
            if (n.objtype === 'OBJECT_TABLESPACE')
                return `${verb} ... ON TABLESPACE`;
            return n.objtype === 'OBJECT_DATABASE' && (0,ast/* asArray */._j)(n.objects).some((o) => other((0,ast/* stringOf */.Je)(o))) ? `${verb} ... ON DATABASE` : null;
        }
        case 'CommentStmt':
        case 'SecLabelStmt': {
            const verb = kind === 'CommentStmt' ? 'COMMENT' : 'SECURITY LABEL';
            if (n.objtype === 'OBJECT_TABLESPACE')
                return `${verb} ON TABLESPACE`;
            return n.objtype === 'OBJECT_DATABASE' && other((0,ast/* stringOf */.Je)(n.object)) ? `${verb} ON DATABASE` : null;
        }
        case 'CopyStmt':
            // No file name: STDIN or STDOUT, which go through the connection.
            if (n.filename === undefined)
                return null;
            return `COPY ... ${n.is_from ? 'FROM' : 'TO'} ${n.is_program ? 'PROGRAM' : 'a server file'}`;
        default:
            return ALWAYS[kind] ?? null;
    }
}
/**
 * The plan with `statements` left out: blanked in its SQL (newlines kept, so positions still map to the file), and
 * out of the statements it runs one by one.
 */
function without(plan, statements) {
    if (statements.length === 0)
        return plan;
    let sql = plan.sql;
    for (const s of statements)
        sql = sql.slice(0, s.start) + sql.slice(s.start, s.end).replace(/[^\n]/g, ' ') + sql.slice(s.end);
    return { ...plan, sql, statements: plan.statements?.filter((s) => !statements.includes(s)) ?? null };
}

// EXTERNAL MODULE: ./src/dryrun/supabase-preset.ts
var supabase_preset = __webpack_require__(6736);
// EXTERNAL MODULE: ./src/deploy/search-path.ts
var search_path = __webpack_require__(8375);
;// CONCATENATED MODULE: ./src/dryrun/index.ts
// The dry-run: replay the merged (baseline) migrations on a scratch database, then apply each pending
// migration for real, recording status, timing, mapped errors, schema changes, locks and a re-run proof.


















/** Bump when what a saved baseline contains changes shape (the preset's SQL is part of the key itself). */
const CACHE_FORMAT = 3;
/** Errors that mean "something this migration expects is not there": after an environment skip, likely a consequence of it. */
const MISSING_OBJECT = new Set(['42704', '42883', '42P01', '3F000', '42703']);
/** Schemas Supabase's own services and extensions fill: what a migration misses there, the preset does not model. */
const SUPABASE_SCHEMAS = new Set([
    'auth', 'storage', 'realtime', 'extensions', 'graphql', 'graphql_public', 'vault', 'supabase_functions',
    'supabase_migrations', 'net', 'pgsodium', 'pgsodium_masks', 'cron', 'pgbouncer', '_realtime', '_analytics',
]);
/** Where to dry-run a file needing `names`: with PGlite when it bundles them all and another engine ran, else on a server that ships them. */
function extensionHint(names, engine) {
    const server = `a server that ships ${names.join(', ')}${names.includes('vector') ? ' (e.g. the pgvector/pgvector image)' : ''}`;
    if (engine === 'pglite')
        return `Dry-run on ${server} (--database-url): PGlite does not bundle ${names.length > 1 ? 'them all' : 'it'}.`;
    const bundled = names.every((n) => locatePgliteAssets().extensions.has(n));
    return bundled ? `Dry-run with --engine pglite, which bundles ${names.join(', ')}, or on ${server}.` : `Dry-run on ${server}.`;
}
/** Errors that mean "this already exists": on a platform object, Supabase gained it after the file was written. */
const DUPLICATE_OBJECT = new Set(['42701', '42P07', '42710', '42723']);
// no_active_sql_transaction: what PostgreSQL says of LOCK, SAVEPOINT and AND CHAIN sent outside a transaction block.
const NO_ACTIVE_TRANSACTION = '25P01';
/**
 * The Supabase-owned object (column, relation, constraint, type, function, schema) an error says is missing or already
 * there; null when it is not one, or is a policy or trigger (the project's own). A name the message leaves unqualified
 * takes its schema from where the failing statement qualifies it, or the relation the message names.
 */
function platformObject(error) {
    const exists = DUPLICATE_OBJECT.has(error.sqlstate);
    if (!exists && !MISSING_OBJECT.has(error.sqlstate))
        return null;
    const named = /^(column|constraint|relation|type|function|schema) "?([\w$.]+)"?(?:\(.*?\))?(?: (?:of|for) relation "([^"]+)")? (?:does|already)/
        .exec(error.message);
    if (!named)
        return null;
    const [kind, object, relation] = [named[1], named[2], named[3]];
    const dot = object.indexOf('.');
    if (dot > 0)
        return SUPABASE_SCHEMAS.has(object.slice(0, dot)) ? { name: `${kind} ${object}`, exists } : null;
    if (kind === 'schema')
        return SUPABASE_SCHEMAS.has(object) ? { name: `schema ${object}`, exists } : null;
    const target = relation ?? object;
    const qualified = [...(error.statement ?? '').matchAll(/"?([\w$]+)"?\s*\.\s*"?([\w$]+)"?/g)];
    const schema = qualified.find((m) => m[2].toLowerCase() === target && SUPABASE_SCHEMAS.has(m[1].toLowerCase()))?.[1]?.toLowerCase();
    if (!schema)
        return null;
    return { name: relation ? `${kind} ${schema}.${relation}.${object}` : `${kind} ${schema}.${object}`, exists };
}
/** Where a bare database lacks one of Supabase's own objects: the way to dry-run on Supabase's model (a drizzle or Prisma project on Supabase). */
function supabaseHint(error) {
    const object = platformObject(error);
    if (!object || object.exists)
        return null;
    return `${object.name} is one of Supabase's own objects: if these migrations run on Supabase, dry-run them on its model with --platform supabase (\`dry-run: platform: supabase\` in .migration-gate.yml).`;
}
async function runDryRun(input) {
    const { options } = input;
    await (0,parser/* loadParser */.qd)();
    const baseline = input.baseline.map((m) => (0,dryrun_plan/* planMigration */.Eu)(m, options));
    const pending = input.pending.map((m) => (0,dryrun_plan/* planMigration */.Eu)(m, options));
    const wanted = new Set([
        ...(options.dryRun.platform === 'supabase' ? supabase_preset/* SUPABASE_EXTENSIONS */.Qc : []),
        ...[...baseline, ...pending].flatMap((p) => p.extensions),
    ]);
    const engine = await startEngine(options.dryRun, wanted);
    let output;
    try {
        output = await dryRunOn(engine, options, baseline, pending, input.refusedNames ?? []);
    }
    catch (e) {
        await engine.close();
        throw e;
    }
    const { notPutBack, unnamed } = await engine.close();
    const first = pending[0] ?? baseline[0];
    if (notPutBack.length)
        output.findings.push(leftBehind(notPutBack, engine, first));
    if (unnamed.length)
        output.findings.push(changedMeanwhile(unnamed, engine, first));
    return output;
}
/** What the run changed on a shared server outside its scratch database and could not undo. */
function leftBehind(left, engine, first) {
    return serverWarning(first, `The dry-run could not put back what the migrations changed on the ${engine.kind} server (PostgreSQL ${engine.serverVersion}) ` +
        `outside its scratch database: ${left.join('; ')}.`, 'Undo it on that server by hand, and dry-run such migrations with --engine cluster or pglite, whose database goes away with the run.');
}
/** What changed on a shared server outside the scratch database during the run, where the run's SQL names none of it. */
function changedMeanwhile(unnamed, engine, first) {
    return serverWarning(first, `While the dry-run ran, the ${engine.kind} server (PostgreSQL ${engine.serverVersion}) changed outside its scratch database in ways ` +
        `the migrations' SQL does not name, so the dry-run left them as they are: ${unnamed.join('; ')}.`, 'Most likely another session on that server made these changes. If a migration did (through EXECUTE or a function), undo them by hand, ' +
        'and dry-run such migrations with --engine cluster or pglite, whose database goes away with the run.');
}
/** An environment warning about the server outside the scratch database: it belongs to no line, and is put on the run's first migration. */
function serverWarning(first, message, suggestion) {
    return { rule: 'environment', file: first?.migration.file ?? '', line: 0, column: 0, message, suggestion };
}
function baselineKey(engine, options, baseline) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    hash.update(`${CACHE_FORMAT}\0${engine.identity}\0${options.preset}\0${options.dryRun.searchPath ?? ''}\0`);
    // A saved baseline holds the preset's model: a newer model must not reuse it.
    if (options.dryRun.platform === 'supabase')
        hash.update(`${supabase_preset/* SUPABASE_PRESET_SQL */.cF}\0`);
    hash.update(`${options.dryRun.roles.join(',')}\0${options.runnerSchemas?.join(',') ?? ''}\0`);
    for (const p of baseline)
        hash.update(`${p.migration.file}\0${p.sql}\0`);
    return hash.digest('hex');
}
async function configure(session, options) {
    const searchPath = options.dryRun.searchPath ?? (options.dryRun.platform === 'supabase' ? supabase_preset/* SUPABASE_SEARCH_PATH */.sc : null);
    await session.exec(`SET statement_timeout = ${Math.max(0, Math.floor(options.dryRun.statementTimeoutMs))}; ` +
        `SET lock_timeout = ${Math.max(0, Math.floor(options.dryRun.lockTimeoutMs))}; ` +
        `SET application_name = 'migration-gate'; SET client_min_messages = warning`);
    if (searchPath)
        await session.query(`SELECT set_config('search_path', $1, false)`, [searchPath]);
}
function missingExtensions(plan, available) {
    return plan.extensions.filter((e) => !available.has(e));
}
/** Names read from the plan's SQL as the file writes them, for messages: a stand-in is its placeholder. */
function shownNames(plan, names) {
    return names.map((n) => plan.template.restore(n));
}
function extensionLine(plan, name) {
    const s = plan.parsed.statements.find((st) => st.kind === 'CreateExtensionStmt' && st.node.extname === name);
    return s ? plan.template.position(s.start) : { line: 0, column: 0 };
}
async function dryRunOn(engine, options, baseline, pending, refusedNames) {
    const findings = [];
    const available = await engine.availableExtensions();
    const key = baselineKey(engine, options, baseline);
    const started = performance.now();
    const opened = await engine.open(key);
    let session = opened.session;
    await configure(session, options);
    // Flyway puts its path back before each migration: one's own SET does not move where the next one's objects land.
    const resetPath = await (0,search_path/* dryRunPathReset */.N)(session, options);
    const scratch = (await session.query('SELECT current_database() AS name'))[0].name;
    // What the runner fills from the database it is connected to (graphile-migrate's :DATABASE_NAME) is the scratch one's.
    const onScratch = await (0,runner_placeholders/* withDatabaseName */.tV)(options, async () => scratch);
    if (onScratch !== options) {
        baseline = baseline.map((p) => (0,dryrun_plan/* planMigration */.Eu)(p.migration, onScratch));
        pending = pending.map((p) => (0,dryrun_plan/* planMigration */.Eu)(p.migration, onScratch));
    }
    const where = `${engine.kind} engine, PostgreSQL ${engine.serverVersion}`;
    const created = createdRoles([...baseline, ...pending]);
    const extensionFinding = (plan, missing, role) => {
        const at = extensionLine(plan, missing[0]);
        const names = shownNames(plan, missing);
        findings.push({
            rule: 'environment',
            file: plan.migration.file,
            ...at,
            message: `${role} needs extension${names.length > 1 ? 's' : ''} ${names.map((m) => `"${m}"`).join(', ')}, ` +
                `which the dry-run database (${where}) does not have, so it was not run.`,
            suggestion: extensionHint(names, engine.kind),
        });
    };
    const target = options.dryRun.postgresVersion;
    if (target && (0,dryrun_engine/* majorVersion */.iR)(engine.serverVersionNum) < target)
        findings.push({
            rule: 'environment',
            file: pending[0]?.migration.file ?? baseline[0]?.migration.file ?? '',
            line: 0,
            column: 0,
            message: `The dry-run database (${where}) is older than the targeted PostgreSQL ${target}: newer syntax may fail here that works in production.`,
            suggestion: `Use a PostgreSQL ${target} server for --database-url, or --engine pglite (PostgreSQL 18).`,
        });
    let blocked = null;
    if (!opened.cached) {
        let clean = true;
        if (options.dryRun.platform === 'supabase')
            await session.exec(supabase_preset/* SUPABASE_PRESET_SQL */.cF);
        if (options.dryRun.roles.length)
            await session.exec(outsideRolesSql(options.dryRun.roles));
        if (options.runnerSchemas)
            await (0,runner_config/* createRunnerSchemas */.Xv)(session, options.runnerSchemas);
        for (const [i, plan] of baseline.entries()) {
            // Applied code migrations are skipped: the base's SQL after them still runs.
            if (plan.migration.language)
                continue;
            const missing = missingExtensions(plan, available);
            if (missing.length > 0) {
                extensionFinding(plan, missing, `Baseline (already merged) file ${plan.migration.file}`);
                clean = false;
                continue;
            }
            await resetPath?.(session);
            // Merged, it ran on production long ago: its server-wide statements are left out, as they would act on this server.
            const error = await (0,execute/* replayFile */.CO)(session, without(plan, serverWideStatements(plan, scratch, created).map((w) => w.statement)));
            if (error) {
                findings.push(baselineFailure(plan, error, where, missingRole(error, plan, baseline), codeIn(baseline.slice(0, i))));
                blocked = `the baseline (already merged) file ${plan.migration.file} does not apply`;
                clean = false;
                break;
            }
        }
        // A baseline with findings is not cached: the next run must report them again.
        if (clean) {
            session = await engine.saveBaseline(key);
            await configure(session, options);
        }
    }
    const baselineMs = Math.round(performance.now() - started);
    const migrations = [];
    const envSkipped = new Map();
    // The code migrations that ran before the next pending one and that the dry-run skipped.
    const skippedCode = codeIn(baseline);
    const skip = (file, reason, durationMs = 0) => migrations.push({ file, status: 'skipped', durationMs: Math.round(durationMs), reason, changes: [], locks: [] });
    const refusedSets = (0,dryrun_refusal/* setRefusals */.Wz)([...baseline, ...pending].map((p) => p.migration), options);
    const taken = (0,dryrun_refusal/* takenVersions */.zX)(baseline.map((p) => p.migration), pending.map((p) => p.migration), options);
    let catalog = null;
    const run = (0,one_transaction/* runsPendingAsOne */.I)(options) ? new one_transaction/* OneTransaction */.h((0,presets/* runnerOf */.mv)(options).name) : null;
    // graphile-migrate's current migration comes last, as `watch` runs it after the committed ones.
    for (const plan of pending) {
        const file = plan.migration.file;
        // The runner stops while it lists the folder, before it applies any of its migrations, or at an earlier folder it cannot read.
        const listing = (0,dryrun_refusal/* folderRefusal */.pr)(plan.migration, refusedNames, options) ?? refusedSets.get(plan.migration.folder) ?? (0,dryrun_refusal/* stoppedBefore */.Dn)(plan.migration, refusedNames, options);
        if (listing) {
            skip(file, `not run: ${listing}`);
            continue;
        }
        if (blocked) {
            skip(file, `not run: ${blocked}`);
            continue;
        }
        const code = (0,dryrun_plan/* codeSkip */.TU)(plan.migration, options.preset);
        if (code) {
            skippedCode.push(plan.migration);
            skip(file, code);
            continue;
        }
        // Its syntax-error says why, in the runner's words: the runner stops there, before any SQL.
        const refusal = (0,dryrun_refusal/* runnerRefusal */.fB)(plan, options);
        if (refusal) {
            blocked = `${refusal.runner} refuses the earlier migration ${file}`;
            const reason = `${refusal.runner} refuses the file at line ${refusal.line} (${refusal.message}), so it runs none of it`;
            skip(file, reason);
            continue;
        }
        // An earlier migration holds its version: the runner fails on its history row, or takes it for applied.
        const twin = taken.get(plan.migration);
        if (twin) {
            blocked = twin.stops;
            skip(file, twin.reason);
            continue;
        }
        const missing = missingExtensions(plan, available);
        if (missing.length > 0) {
            extensionFinding(plan, missing, `This migration`);
            envSkipped.set(file, 'missing extension');
            skip(file, `extension ${shownNames(plan, missing).join(', ')} is not available on the ${engine.kind} engine`);
            continue;
        }
        const outside = actingServerWide(plan, scratch, created);
        if (outside) {
            const { line } = plan.template.position(outside.at);
            findings.push(serverWideFinding(plan, outside, where));
            envSkipped.set(file, 'server-wide statement');
            skip(file, `${outside.label} at line ${line} acts outside the scratch database, and the dry-run does not run server-wide statements`);
            continue;
        }
        await resetPath?.(session);
        // The catalog is read whole before the first file that runs, then caught up with what each file wrote: what it changed.
        catalog ??= await CatalogWatch.start(session);
        const inRun = await run?.join(session, plan, catalog.tables);
        const result = await (0,execute/* runPending */.Zo)(session, plan, catalog.tables, inRun);
        // Its failure rolled back the run's transaction, and what ran in it before this file.
        const discarded = result.error ? run?.end() : undefined;
        // Also after a failure: a file run in parts keeps what its committed parts did.
        const changes = await catalog.changes(plan.template);
        if (result.error) {
            const platform = options.dryRun.platform === 'supabase' ? platformObject(result.error) : null;
            if (platform) {
                // Not the migration's fault: the dry-run's Supabase model lacks a platform object, or has one the platform gained
                // after the file ran there; what follows may need the file.
                findings.push(platformFinding(plan, result.error, platform, where));
                blocked = `the earlier migration ${file} could not be checked past ${platform.exists ? 're-adding' : 'its use of'} ${platform.name}`;
                const reason = `${platform.exists ? 're-adds' : 'uses'} ${platform.name}, which the dry-run's Supabase model ${platform.exists ? 'already has' : 'lacks'}`;
                skip(file, reason, result.durationMs);
                continue;
            }
            const role = missingRole(result.error, plan, [...baseline, ...pending]);
            if (role && !role.near) {
                findings.push(outsideRoleFinding(plan, result.error, role.role, where));
                blocked = `the earlier migration ${file} could not be checked past its use of role ${role.role}`;
                const reason = `needs role ${role.role}, which the dry-run database lacks (list it under dry-run.roles)`;
                skip(file, reason, result.durationMs);
                continue;
            }
            const inOne = discarded ? run.where(discarded) : '';
            const advice = [discarded && run.advice(result.error, discarded), options.dryRun.platform !== 'supabase' && supabaseHint(result.error)].filter((a) => a).join(' ');
            const finding = pendingFailure(plan, result.error, `${where}${inOne}${asRun(plan, options, result.failedIn, result.error)}`, envSkipped, (0,dryrun_engine/* majorVersion */.iR)(engine.serverVersionNum), role, options, skippedCode, advice);
            findings.push(finding);
            if (finding.rule === 'environment') {
                // Not the migration's fault: it needs what the skipped ones create, so it is skipped too.
                blocked = `an earlier migration was not run (${whys(envSkipped)})`;
                const reason = `needs objects from ${[...envSkipped.keys()].join(', ')}, which the dry-run did not run (${whys(envSkipped)})`;
                skip(file, reason, result.durationMs);
                continue;
            }
            blocked = `the earlier migration ${file} failed`;
            for (const { entry } of discarded?.ran ?? [])
                migrations[entry] = run.rolledBack(migrations[entry], file);
            migrations.push({ file, status: 'failed', durationMs: Math.round(result.durationMs), error: result.error, changes: [], locks: [] });
            continue;
        }
        for (const lock of result.locks) {
            // A table the migration drops is going away: locking it is no hazard (a rename keeps its oid, so it still counts).
            if (lock.mode !== 'AccessExclusiveLock' || !catalog.tables.has(lock.oid))
                continue;
            findings.push({
                rule: 'dangerous-lock',
                file,
                line: lock.line ?? 0,
                column: 0,
                message: `${commandOf(plan, lock.statement)} takes an ACCESS EXCLUSIVE lock on the existing table ${lock.relation}: ` +
                    // In drizzle's one transaction the lock outlives the file: it is held until the last pending migration commits.
                    `every read and write on it waits until ${inRun ? `${(0,presets/* runnerOf */.mv)(options).name}'s run of every pending migration commits` : 'this migration commits'}.`,
                suggestion: `Keep such statements short and in their own migration with a lock_timeout${inRun ? ', deployed in a run of its own' : ''}; build indexes with CREATE INDEX ` +
                    'CONCURRENTLY, add constraints NOT VALID then VALIDATE CONSTRAINT, and avoid rewrites (type changes) on large tables.',
            });
        }
        if (result.rerunError)
            findings.push(rerunFinding(plan, result.rerunError));
        if (inRun)
            run.applied(plan, migrations.length);
        migrations.push({
            file,
            status: 'applied',
            durationMs: Math.round(result.durationMs),
            // The current migration's row tells how watch's second run went, also where its finding is folded into the lint's.
            ...(plan.migration.kind === 'current' ? { rerun: result.rerunError ? 'failed' : 'applied' } : {}),
            changes,
            locks: result.locks.map(({ relation, mode, line }) => ({ relation, mode, ...(line ? { line } : {}) })),
        });
    }
    await run?.commit(session);
    return {
        dryRun: {
            engine: engine.kind,
            serverVersion: engine.serverVersion,
            baselineCached: opened.cached,
            baselineMs,
            migrations,
        },
        findings,
    };
}
function commandOf(plan, statement) {
    // Restored after upper-casing: restore ignores case and gives back the placeholder as written.
    return plan.template.restore(statement.trim().split(/\s+/).slice(0, 2).join(' ').toUpperCase());
}
/**
 * How the dry-run ran the failing statement where its runner's way makes it fail: a file that holds CONCURRENTLY and
 * the like, or opts out of a transaction, sent as one query or in the runner's transaction; or any file in a
 * transaction the file itself opened (`failedIn`), by its BEGIN or by a COMMIT in a file sent as one query; a statement
 * that needs a transaction block (LOCK, SAVEPOINT) sent outside one; or a file whose inline COPY rows its runner sends as SQL.
 */
function asRun(plan, options, failedIn, error) {
    const { name, part, unless } = (0,presets/* runnerOf */.mv)(options);
    if (plan.copyRowsAsSql)
        return `, its COPY rows sent as SQL as ${name} sends them`;
    const sent = `as ${name} sends the ${part ?? 'file'}${unless ? ` (unless ${unless} is on)` : ''}`;
    if (plan.runAs === 'query')
        return `, sent as one query ${sent}`;
    if (failedIn === 'query')
        return `, in one implicit transaction after the file's COMMIT, sent as one query ${sent}`;
    if (failedIn === 'file')
        return `, in the file's own BEGIN ... COMMIT block as ${name} runs this file`;
    if (failedIn === null && error.sqlstate === NO_ACTIVE_TRANSACTION)
        return `, outside any transaction block as ${name} runs it`;
    return plan.runAs === 'transaction' && failedIn === 'runner' && plan.outsideTransaction ? `, in one transaction as ${name} runs this file` : '';
}
function whys(notRun) {
    return [...new Set(notRun.values())].join(', ');
}
function serverWideFinding(plan, { label, how, at }, where) {
    return {
        rule: 'environment',
        file: plan.migration.file,
        ...plan.template.position(at),
        message: `${label} acts outside the dry-run's scratch database (${where}), ${how}: the dry-run does not run ` +
            'server-wide statements, so it did not run this migration, and what the migration creates is missing for those after it.',
        suggestion: 'Check this statement by hand. Databases, tablespaces, ALTER SYSTEM, subscriptions, COPY with a server file or program, ' +
            "prepared transactions and dblink belong to the server's setup rather than to a migration: moved there, the rest of the file can be dry-run.",
    };
}
function describe(error) {
    return [`${error.sqlstate}: ${error.message}`, error.detail ? `(${error.detail})` : ''].filter(Boolean).join(' ');
}
/** The migrations written in code among `plans`. */
function codeIn(plans) {
    return plans.filter((p) => p.migration.language).map((p) => p.migration);
}
function baselineFailure(plan, error, where, role, skippedCode) {
    return {
        rule: 'environment',
        ...(0,execute/* errorPlace */.eI)(plan, error),
        message: `Baseline (already merged) file ${plan.migration.file} does not apply on the dry-run database (${where}): ` +
            `${describe(error)}. The pending migrations were not dry-run.${(0,dryrun_plan/* skippedCodeNote */.ed)(skippedCode)}`,
        suggestion: (role && (typoAdvice(role) ?? outsideRoleAdvice(role.role))) ??
            error.hint ??
            'The merged history needs something this database lacks: set the runner preset (--preset), --search-path or placeholder values, or use a database that matches production.',
    };
}
function pendingFailure(plan, error, where, envSkipped, major, role, options, skippedCode, extraAdvice) {
    const skipped = [...envSkipped.keys()].join(', ');
    if (skipped && MISSING_OBJECT.has(error.sqlstate))
        return {
            rule: 'environment',
            ...(0,execute/* errorPlace */.eI)(plan, error),
            message: `Could not be dry-run: ${describe(error)}, probably because the dry-run did not run ${skipped} (${whys(envSkipped)}).`,
            suggestion: `See the finding for ${skipped}: this failure follows from it.`,
        };
    const advice = [unfilledAdvice(plan, error, options), role && typoAdvice(role), newerBuiltIn(error, major), error.hint, extraAdvice].filter((a) => a).join(' ');
    return {
        rule: 'dry-run-failed',
        ...(0,execute/* errorPlace */.eI)(plan, error),
        message: `Fails on ${where}: ${describe(error)}.${(0,dryrun_plan/* skippedCodeNote */.ed)(skippedCode)}`,
        ...(advice ? { suggestion: advice } : {}),
    };
}
/** Built-in functions of newer PostgreSQL releases that migrations use, and the major release that added them. */
const BUILT_IN_SINCE = { uuidv7: 18, uuidv4: 18, casefold: 18, array_sort: 18, array_reverse: 18, any_value: 16, random_normal: 16 };
/** A function the dry-run's server lacks but a newer PostgreSQL has built in: the failure may be the server's age, not the file's. */
function newerBuiltIn(error, major) {
    const name = error.sqlstate === '42883' ? /^function (?:pg_catalog\.)?(\w+)\(/.exec(error.message)?.[1] : undefined;
    const since = name ? BUILT_IN_SINCE[name] : undefined;
    if (!since || major >= since)
        return null;
    return (`${name}() is built into PostgreSQL ${since} and later, and this dry-run ran on ${major}: if production runs ${since} or later, ` +
        `dry-run on it (--engine pglite is PostgreSQL 18, or a PostgreSQL ${since} server) with --postgres-version ${since}; if not, the migration fails there too.`);
}
/** The placeholders without a value in the failing statement: the dry-run ran stand-in names there, which no database has. */
function unfilledAdvice(plan, error, options) {
    const named = [...new Map(plan.template.unfilled.filter((f) => f.kind === 'stand-in' && error.statement?.includes(f.text)).map((f) => [f.key, f])).values()];
    if (!named.length)
        return null;
    const [first] = named;
    const many = named.length > 1;
    return (`${named.map((f) => f.text).join(', ')} ${many ? 'have' : 'has'} no value, so the dry-run ran ${many ? 'them' : 'it'} as a stand-in name: ` +
        `give ${many ? 'each' : 'it'} one under placeholders in .migration-gate.yml (${first.key}: VALUE) or with --placeholder ${first.key}=VALUE.` +
        named.map((f) => (0,runner_config/* unsetVariableAdvice */.qD)(options, f)).join(''));
}
/** Extensions whose objects migrations use from Supabase's `extensions` schema, by object name. */
const EXTENSION_OF = {
    vector: 'vector', halfvec: 'vector', sparsevec: 'vector', citext: 'citext', hstore: 'hstore', ltree: 'ltree', cube: 'cube',
    earth: 'earthdistance', similarity: 'pg_trgm', gin_trgm_ops: 'pg_trgm', gist_trgm_ops: 'pg_trgm', unaccent: 'unaccent',
    http: 'http', http_get: 'http', http_post: 'http', moddatetime: 'moddatetime',
};
/**
 * What lives in Supabase's `extensions` schema comes from the extensions a project enables: the model enables only those
 * a new project has. One enabled from the dashboard is in no migration, so a fresh database (db reset, a branch) lacks it too.
 */
function extensionAdvice(platform) {
    const object = /^\w+ extensions\.(\w+)/.exec(platform.name)?.[1];
    if (platform.exists || !object)
        return null;
    const extension = EXTENSION_OF[object];
    const enable = extension ? `create extension if not exists ${extension} with schema extensions` : 'create extension ... with schema extensions';
    return (`No migration before it enables the extension that makes ${platform.name}${extension ? ` (${extension})` : ''}, and a new Supabase project does not ` +
        `have it. If it was enabled from the dashboard, a fresh database (supabase db reset, a preview branch) lacks it too: enable it in a migration (${enable}).`);
}
function platformFinding(plan, error, platform, where) {
    const rest = 'the rest of the file was not checked, nor were the migrations after it.';
    return {
        rule: 'environment',
        ...(0,execute/* errorPlace */.eI)(plan, error),
        message: platform.exists
            ? `Adds ${platform.name}, which the dry-run's Supabase model (${where}) already has (${describe(error)}): the model is ` +
                `today's platform, newer than this file, which the platform ran before it had that object; ${rest}`
            : `Uses ${platform.name}, which the dry-run's Supabase model (${where}) lacks (${describe(error)}): ${rest}`,
        suggestion: extensionAdvice(platform) ?? (platform.exists
            ? 'Supabase now creates this object itself; if the platform ran this file before it did, nothing is wrong here. ' +
                'On a new project the statement fails: make it conditional (ADD COLUMN IF NOT EXISTS, CREATE ... IF NOT EXISTS) or drop it.'
            : 'Supabase creates this object itself; if the platform has it, nothing is wrong here. To dry-run the whole file, ' +
                'use --database-url with a database that has it, such as a local Supabase one (supabase start).'),
    };
}
function rerunFinding(plan, error) {
    // `graphile-migrate watch` runs the current migration again on every save: graphile-migrate requires it to be idempotent.
    if (plan.migration.kind === 'current') {
        return {
            rule: 'not-rerunnable',
            severity: 'error',
            ...(0,execute/* errorPlace */.eI)(plan, error),
            message: `Not idempotent: fails when \`graphile-migrate watch\` runs ${(0,graphile_current/* currentName */.TH)(plan.migration.file)} again: ${describe(error)}${error.statement ? `, at \`${error.statement}\`` : ''}.`,
            suggestion: 'graphile-migrate runs the current migration again on every save: make each statement idempotent (CREATE ... IF NOT EXISTS, ' +
                'CREATE OR REPLACE, DROP ... IF EXISTS first), so the second run leaves the database as the first did.',
        };
    }
    return {
        rule: 'not-rerunnable',
        ...(0,execute/* errorPlace */.eI)(plan, error),
        message: `Applies once but fails when run a second time: ${describe(error)}.`,
        // COPY has no guard of its own: its rows go through a table that takes them again.
        suggestion: /^\s*copy\b/i.test(error.statement ?? '')
            ? 'COPY loads its rows again on every run: COPY them into a temporary table (CREATE TEMP TABLE ... ON COMMIT DROP) and ' +
                'INSERT ... SELECT ... ON CONFLICT DO NOTHING from it, or load them with INSERT ... ON CONFLICT DO NOTHING.'
            : 'Make the statement idempotent (CREATE ... IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, DROP ... IF EXISTS, CREATE OR REPLACE), ' +
                'so a retried or re-applied migration does not break the deploy.',
    };
}


/***/ })

};
