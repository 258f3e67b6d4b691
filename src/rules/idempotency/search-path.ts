// The search_path each statement of a migration file runs under, where the file sets its own with constants (`SET
// search_path TO s, public`, `SELECT set_config('search_path', 's', false)`): an unqualified name a statement makes or
// looks up then stands for one schema's object, and the statement is read with that schema written in, so it is
// compared with the file's other names as PostgreSQL resolves them. What the file does to the path that cannot be read
// (a value computed, SET LOCAL, RESET, a DO block or a function body that sets it) leaves every name lenient, as before.

import { asArray, nodeOf, stringOf, withoutComments, type AstNode } from '../../sql/ast.js';
import { constantText } from './analyze.js';
import { pathSchemas } from '../../config/runner-placeholders.js';

/** A statement as non-idempotent reads it: top level (its own `top`), or inside the DO block `top`. */
interface PathSite {
  kind: string;
  node: AstNode;
  text: string;
  top: { node: AstNode };
}

/** How a file's names resolve: the sites' nodes with schemas written in, and the schemas an unqualified name left can stand for (null: any). */
export interface Resolved {
  nodes: AstNode[];
  schemas: ReadonlySet<string> | null;
}

// PostgreSQL searches these even where the path leaves them out.
const IMPLICIT = ['pg_catalog', 'pg_temp'];

/**
 * `runner`: the schemas of the runner's search_path (its configured or default one), which the file starts under.
 * Where the file sets no path, its sites as they are; where it sets one it cannot be read, null schemas (any).
 */
export function resolveNames(sites: PathSite[], runner: string[], sql: string): Resolved {
  const schemas = new Set([...IMPLICIT, ...runner]);
  const asWritten = sites.map((s) => s.node);
  if (!/search_path/i.test(sql)) return { nodes: asWritten, schemas };
  // Schemas an unqualified CREATE can go into: the runner's, and those the file makes.
  const existing = new Set(runner);
  // Read only where the file sets a path.
  let temporaryRead: Set<string> | undefined;
  const temporary = () => (temporaryRead ??= temporaryNames(sites));
  let path: string[] | null = null;
  const nodes: AstNode[] = [];
  for (const site of sites) {
    const set = site.top.node === site.node ? pathSet(site) : undefined;
    if (set === null) return { nodes: asWritten, schemas: null };
    if (site.kind === 'CreateSchemaStmt' && typeof site.node.schemaname === 'string') existing.add(site.node.schemaname);
    nodes.push(path ? qualified(site.kind, site.node, target(path, existing), path.length === 1 ? path[0]! : undefined, temporary) : site.node);
    if (set) {
      path = set;
      for (const s of set) schemas.add(s);
    }
  }
  return { nodes, schemas };
}

/** Where an unqualified CREATE goes: the first schema of the path that exists; undefined when the first may not. */
const target = (path: string[], existing: Set<string>) => (path.length === 1 || existing.has(path[0]!) ? path[0] : undefined);

/**
 * The search_path a top-level statement sets for the statements after it: its schemas in order; undefined when it sets none
 * (a function's SET clause or ALTER ROLE ... SET change no path of this session); null when it may and cannot be read.
 */
function pathSet(site: PathSite): string[] | null | undefined {
  // The plain test first: most statements of a file that mentions search_path do not.
  if (!/search_path/i.test(site.text)) return undefined;
  const node = site.node;
  switch (site.kind) {
    case 'VariableSetStmt':
      if (node.name !== 'search_path') return undefined;
      // SET LOCAL lasts to the end of a transaction the runner may or may not open.
      return node.kind === 'VAR_SET_VALUE' && node.is_local !== true ? listed(asArray(node.args).map(constantText)) : null;
    case 'CreateFunctionStmt': {
      // SET search_path in a function's definition holds while it runs; its body may still set the session's.
      const body = asArray(node.options).map((o) => nodeOf(o, 'DefElem')).find((d) => d?.defname === 'as');
      return asArray(nodeOf(body?.arg, 'List')?.items ?? body?.arg).some((b) => /search_path/i.test(stringOf(b) ?? '')) ? null : undefined;
    }
    case 'AlterFunctionStmt':
    case 'AlterRoleSetStmt':
    case 'AlterDatabaseSetStmt':
      return undefined;
    default:
      // A mention in a comment alone sets nothing.
      return !/search_path/i.test(withoutComments(site.text)) ? undefined : site.kind === 'SelectStmt' ? setConfig(node) : null;
  }
}

/** `SELECT set_config('search_path', '<path>', false)` alone: the path; null for any other use of search_path. */
function setConfig(node: AstNode): string[] | null {
  const targets = asArray(node.targetList);
  const call = targets.length === 1 && !node.fromClause && !node.whereClause ? nodeOf(nodeOf(targets[0], 'ResTarget')?.val, 'FuncCall') : undefined;
  const name = asArray(call?.funcname).map(stringOf).join('.');
  const [setting, value, local] = asArray(call?.args).map(constantText);
  if ((name !== 'set_config' && name !== 'pg_catalog.set_config') || setting !== 'search_path' || local !== 'false' || value === undefined) return null;
  return listed(value.split(','));
}

/** The schemas a path names, `"$user"` and the implicit ones left out (pathSchemas); null for an empty one or a part not constant. */
function listed(parts: Array<string | undefined>): string[] | null {
  if (parts.some((p) => p === undefined)) return null;
  const names = pathSchemas(parts as string[]).filter((p) => !IMPLICIT.includes(p));
  return names.length ? names : null;
}

// The field of each CREATE that names what it makes, as a RangeVar or as a list of names.
const MADE_RELATION: Record<string, string> = { CreateStmt: 'relation', ViewStmt: 'view', CreateSeqStmt: 'sequence', CompositeTypeStmt: 'typevar' };
const MADE_NAMES: Record<string, string> = { CreateEnumStmt: 'typeName', CreateDomainStmt: 'domainname', DefineStmt: 'defnames', CreateFunctionStmt: 'funcname' };
// DROPs of objects that live in a schema.
const SCHEMA_OBJECTS = new Set(['TABLE', 'VIEW', 'MATVIEW', 'INDEX', 'SEQUENCE', 'FOREIGN_TABLE', 'TYPE', 'DOMAIN', 'FUNCTION', 'PROCEDURE', 'ROUTINE', 'AGGREGATE']);

/** Names of relations the file makes temporary: they live in pg_temp, which a lookup searches first. */
function temporaryNames(sites: PathSite[]): Set<string> {
  const out = new Set<string>();
  for (const s of sites) {
    const made = s.kind === 'CreateTableAsStmt' ? (s.node.into as AstNode | undefined)?.rel : s.node[MADE_RELATION[s.kind] ?? ''];
    const rv = made as AstNode | undefined;
    if (rv?.relpersistence === 't' && typeof rv.relname === 'string') out.add(rv.relname);
  }
  return out;
}

/**
 * `node` with the unqualified names it makes written in schema `create`, and those of relations it looks up (and of
 * what it drops) in `lookup`, where each is known; the same node where nothing changes.
 */
function qualified(kind: string, node: AstNode, create: string | undefined, lookup: string | undefined, temporaryNames: () => Set<string>): AstNode {
  const temporary = temporaryNames();
  const ctes = new Set<string>();
  collectCtes(node, ctes);
  const inSchema = (names: unknown, schema: string | undefined) => {
    const list = asArray(names);
    return schema !== undefined && list.length === 1 ? [{ String: { sval: schema } }, ...list] : names;
  };
  const relation = (rv: AstNode, schema: string | undefined): AstNode =>
    schema === undefined || typeof rv.schemaname === 'string' || rv.relpersistence === 't' || ctes.has(String(rv.relname)) ? rv : { ...rv, schemaname: schema };
  const walk = (value: unknown, schema: string | undefined): unknown => {
    if (Array.isArray(value)) {
      const out = value.map((v) => walk(v, schema));
      return out.some((v, i) => v !== value[i]) ? out : value;
    }
    if (!value || typeof value !== 'object') return value;
    const v = value as AstNode;
    // A temporary relation of the name is the one a lookup finds.
    if (typeof v.relname === 'string' && 'relpersistence' in v) return temporary.has(v.relname) ? v : relation(v, schema);
    let out: AstNode | null = null;
    for (const [key, field] of Object.entries(v)) {
      const next = walk(field, schema);
      if (next !== field) (out ??= { ...v })[key] = next;
    }
    return out ?? v;
  };
  let out = walk(node, lookup) as AstNode;
  const madeRelation = kind === 'CreateTableAsStmt' ? 'into' : MADE_RELATION[kind];
  if (madeRelation) {
    const field = node[madeRelation] as AstNode | undefined;
    const made = kind === 'CreateTableAsStmt' ? field && { ...field, rel: relation(field.rel as AstNode, create) } : field && relation(field, create);
    out = { ...out, [madeRelation]: made };
  }
  if (MADE_NAMES[kind]) out = { ...out, [MADE_NAMES[kind]]: inSchema(node[MADE_NAMES[kind]], create) };
  if (kind === 'DropStmt' && SCHEMA_OBJECTS.has(String(node.removeType).replace('OBJECT_', ''))) {
    out = { ...out, objects: asArray(node.objects).map((o) => droppedIn(o, lookup, temporary, inSchema)) };
  }
  return out;
}

/** One object of a DROP, its name in `schema`: a list of names, a type's, or a routine's with its arguments. */
function droppedIn(o: unknown, schema: string | undefined, temporary: Set<string>, inSchema: (names: unknown, schema: string | undefined) => unknown): unknown {
  const names = nodeOf(o, 'List');
  if (names) return asArray(names.items).length === 1 && temporary.has(stringOf(asArray(names.items)[0]) ?? '') ? o : { List: { ...names, items: inSchema(names.items, schema) } };
  const type = nodeOf(o, 'TypeName');
  if (type) return { TypeName: { ...type, names: inSchema(type.names, schema) } };
  const routine = nodeOf(o, 'ObjectWithArgs');
  return routine ? { ObjectWithArgs: { ...routine, objname: inSchema(routine.objname, schema) } } : o;
}

/** The names of the common table expressions in a statement: a FROM that names one reads no table. */
function collectCtes(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectCtes(v, out);
  else if (value && typeof value === 'object') {
    const cte = (value as AstNode).CommonTableExpr as AstNode | undefined;
    if (cte && typeof cte.ctename === 'string') out.add(cte.ctename);
    for (const v of Object.values(value)) collectCtes(v, out);
  }
}
