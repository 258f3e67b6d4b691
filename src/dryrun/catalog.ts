// Catalog snapshots and their diff: which objects a migration created, altered and dropped.
// One query reads every user object with a signature; a changed signature is an `alter`.

import type { SchemaChange } from '../report/report.js';
import type { Template } from '../sql/template.js';
import type { Session } from './engine.js';

export interface CatalogObject {
  kind: string;
  name: string;
  /** The table it belongs to (columns, indexes, constraints, triggers, policies), so a new table's parts are not listed one by one. */
  parent: string | null;
  sig: string;
  /** Tables only: the oid, to tell which tables existed before a migration (locks). */
  oid: string | null;
}

export interface Catalog {
  objects: Map<string, CatalogObject>;
  /** oid → qualified name of every table that exists. */
  tables: Map<string, string>;
}

const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;
const NOT_EXT = (cls: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${cls}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
const QUAL = `quote_ident(n.nspname) || '.' || quote_ident(c.relname)`;

const SNAPSHOT_SQL = `
SELECT 'schema' AS kind, quote_ident(n.nspname) AS name, NULL AS parent, pg_get_userbyid(n.nspowner) AS sig, NULL AS oid
  FROM pg_namespace n WHERE ${USER_NS} AND ${NOT_EXT('pg_namespace', 'n.oid')}
UNION ALL
SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                      WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' ELSE 'index' END,
       ${QUAL},
       CASE WHEN c.relkind IN ('i', 'I') THEN (SELECT quote_ident(tn.nspname) || '.' || quote_ident(t.relname)
         FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE x.indexrelid = c.oid) END,
       concat_ws('|', c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions::text,
         CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) WHEN c.relkind IN ('i', 'I') THEN pg_get_indexdef(c.oid) END),
       CASE WHEN c.relkind IN ('r', 'p', 'm') THEN c.oid::text END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i', 'I') AND ${USER_NS} AND ${NOT_EXT('pg_class', 'c.oid')}
UNION ALL
SELECT 'column', ${QUAL} || '.' || quote_ident(a.attname), ${QUAL},
       concat_ws('|', format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated),
       NULL
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${USER_NS} AND ${NOT_EXT('pg_class', 'c.oid')}
UNION ALL
SELECT 'constraint', ${QUAL} || '.' || quote_ident(k.conname), ${QUAL}, pg_get_constraintdef(k.oid), NULL
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_NS} AND ${NOT_EXT('pg_class', 'c.oid')}
UNION ALL
SELECT 'trigger', ${QUAL} || '.' || quote_ident(g.tgname), ${QUAL}, concat_ws('|', pg_get_triggerdef(g.oid), g.tgenabled), NULL
  FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT g.tgisinternal AND ${USER_NS}
UNION ALL
SELECT 'policy', ${QUAL} || '.' || quote_ident(p.polname), ${QUAL},
       concat_ws('|', p.polcmd, p.polpermissive, p.polroles::text, pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)), NULL
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
UNION ALL
SELECT 'function', quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL,
       md5(concat_ws('|', p.prokind, p.prosrc, pg_get_function_result(p.oid), p.provolatile, p.prosecdef, p.proconfig::text)), NULL
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE ${USER_NS} AND ${NOT_EXT('pg_proc', 'p.oid')}
UNION ALL
SELECT 'type', quote_ident(n.nspname) || '.' || quote_ident(t.typname), NULL,
       concat_ws('|', t.typtype, (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
         format_type(t.typbasetype, t.typtypmod), t.typnotnull), NULL
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_class c ON c.oid = t.typrelid
  WHERE (t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND c.relkind = 'c')) AND ${USER_NS} AND ${NOT_EXT('pg_type', 't.oid')}
UNION ALL
SELECT 'extension', quote_ident(x.extname), NULL, x.extversion, NULL FROM pg_extension x
UNION ALL
SELECT 'role', quote_ident(r.rolname), NULL,
       concat_ws('|', r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin, r.rolbypassrls), NULL
  FROM pg_roles r WHERE r.rolname NOT LIKE 'pg\\_%'
`;

export async function snapshotCatalog(session: Session): Promise<Catalog> {
  const rows = await session.query<CatalogObject>(SNAPSHOT_SQL);
  const objects = new Map<string, CatalogObject>();
  const tables = new Map<string, string>();
  for (const row of rows) {
    objects.set(`${row.kind} ${row.name}`, row);
    if (row.oid) tables.set(row.oid, row.name);
  }
  return { objects, tables };
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
 * Creates, alters and drops from `before` to `after`; the structure of a created table and everything on a dropped one are
 * implied by it. Names are the migration's `template`'s words: a stand-in's object is named by its placeholder.
 */
export function diffCatalogs(before: Catalog, after: Catalog, template: Template): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const created = new Set<string>();
  const dropped = new Set<string>();
  for (const [key, obj] of after.objects) {
    const old = before.objects.get(key);
    if (!old) {
      changes.push({ action: 'create', kind: obj.kind, name: obj.name });
      created.add(obj.name);
    } else if (old.sig !== obj.sig) changes.push({ action: 'alter', kind: obj.kind, name: obj.name });
  }
  for (const [key, obj] of before.objects) {
    if (after.objects.has(key)) continue;
    changes.push({ action: 'drop', kind: obj.kind, name: obj.name });
    dropped.add(obj.name);
  }
  const parentOf = (c: SchemaChange) => (after.objects.get(`${c.kind} ${c.name}`) ?? before.objects.get(`${c.kind} ${c.name}`))?.parent;
  return changes
    .filter((c) => {
      const parent = parentOf(c);
      if (!parent) return true;
      return c.action === 'create' ? !(created.has(parent) && IMPLIED_BY_NEW_TABLE.has(c.kind)) : !dropped.has(parent);
    })
    .map((c) => ({ ...c, name: template.restore(c.name) }))
    .sort((a, b) => ORDER[a.action] - ORDER[b.action] || kindRank(a.kind) - kindRank(b.kind) || a.name.localeCompare(b.name));
}
