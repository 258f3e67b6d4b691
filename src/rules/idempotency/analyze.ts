// What one statement does to which object, and why it would fail or apply twice on a second run
// of its file. Pure reading of the parse tree; the rule weighs these against the rest of the file.

import {
  asArray,
  formatName,
  nodeOf,
  qualifiedName,
  quoteIdent,
  rangeVarName,
  stringsOf,
  unwrap,
  type AstNode,
  type QualifiedName,
} from '../../sql/ast.js';

export type ObjectKind =
  | 'table'
  | 'view'
  | 'materialized view'
  | 'index'
  | 'sequence'
  | 'schema'
  | 'extension'
  | 'type'
  | 'function'
  | 'trigger'
  | 'policy'
  | 'role'
  | 'column'
  | 'constraint'
  | 'enum value'
  | 'foreign table'
  | 'server'
  | 'aggregate'
  | 'operator'
  | 'collation'
  | 'cast'
  | 'publication'
  | 'statistics'
  | 'event trigger';

/** A database object; `on` is the table (or type) a trigger, policy, column, constraint or enum value belongs to. */
export interface ObjectRef {
  kind: ObjectKind;
  name: QualifiedName;
  on?: QualifiedName;
}

/** A text edit that makes the statement idempotent, checked by re-parsing before it is offered. */
export type Edit =
  /** Insert `words` at the token where the parser then sets `flag` (found by trying token boundaries). */
  | { kind: 'insert'; words: 'IF NOT EXISTS' | 'IF EXISTS' | 'OR REPLACE'; flag: (node: AstNode) => boolean }
  /** Insert a DROP ... IF EXISTS statement before this one. */
  | { kind: 'drop-first'; drop: string }
  /** Append ON CONFLICT DO NOTHING (before RETURNING). */
  | { kind: 'on-conflict' };

export interface Problem {
  /** The clause at fault, e.g. 'CREATE INDEX idx_x', 'ADD COLUMN email'. */
  what: string;
  /** What a second run does. */
  outcome: 'exists' | 'missing' | 'twice';
  /** The object the second run collides with or misses. */
  object: ObjectRef | null;
  /** SQLSTATE the second run raises (null when it silently applies twice). */
  sqlstate: string | null;
  /** The object this statement changes in place (ALTER, INSERT): moot when that object is re-created by this file. */
  changes?: ObjectRef;
  /** The object whose DROP removes this one too (a table for its index, trigger or policy). */
  owner?: ObjectRef;
  edit?: Edit;
  /** The fix in words when no edit is offered (or in addition to it). */
  advice?: string;
  /** A DROP: harmless when the file also creates the object, since each run re-creates it first. */
  dropping?: true;
  /** A RENAME: the object's new name (what collides when the file brings the old name back). */
  renamedTo?: ObjectRef;
}

export interface Analysis {
  /** Objects this statement creates, and whether it guards against them existing. */
  creates: Array<{ ref: ObjectRef; guarded: boolean }>;
  /** Objects this statement drops (with or without IF EXISTS). */
  drops: ObjectRef[];
  /** A table whose rows this statement deletes (DELETE, TRUNCATE): a later INSERT into it is a re-seed. */
  clears?: QualifiedName;
  problems: Problem[];
}

/** SQLSTATEs a second run raises, and the PL/pgSQL condition names for them. */
export const CONDITIONS: Record<string, string> = {
  duplicate_table: '42P07',
  duplicate_object: '42710',
  duplicate_schema: '42P06',
  duplicate_function: '42723',
  duplicate_column: '42701',
  invalid_table_definition: '42P16',
  undefined_table: '42P01',
  undefined_object: '42704',
  undefined_function: '42883',
  undefined_column: '42703',
  invalid_schema_name: '3F000',
  unique_violation: '23505',
  // Class-wide conditions catch every SQLSTATE of their class.
  syntax_error_or_access_rule_violation: '42000',
  integrity_constraint_violation: '23000',
};

export function conditionName(sqlstate: string): string {
  return Object.keys(CONDITIONS).find((k) => CONDITIONS[k] === sqlstate) ?? `SQLSTATE '${sqlstate}'`;
}

const EXISTS_STATE: Partial<Record<ObjectKind, string>> = {
  table: '42P07',
  'foreign table': '42P07',
  aggregate: '42723',
  operator: '42723',
  view: '42P07',
  'materialized view': '42P07',
  index: '42P07',
  sequence: '42P07',
  schema: '42P06',
  function: '42723',
  column: '42701',
};

const MISSING_STATE: Partial<Record<ObjectKind, string>> = {
  table: '42P01',
  'foreign table': '42P01',
  aggregate: '42883',
  operator: '42883',
  view: '42P01',
  'materialized view': '42P01',
  sequence: '42P01',
  schema: '3F000',
  function: '42883',
  column: '42703',
};

/** The SQLSTATE a second CREATE of an object of this kind raises. */
export const existsState = (k: ObjectKind) => EXISTS_STATE[k] ?? '42710';
const missingState = (k: ObjectKind) => MISSING_STATE[k] ?? '42704';

const DROP_KINDS: Record<string, ObjectKind> = {
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_INDEX: 'index',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_SCHEMA: 'schema',
  OBJECT_EXTENSION: 'extension',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'type',
  OBJECT_FUNCTION: 'function',
  OBJECT_PROCEDURE: 'function',
  OBJECT_ROUTINE: 'function',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_POLICY: 'policy',
  OBJECT_FOREIGN_TABLE: 'foreign table',
  OBJECT_FOREIGN_SERVER: 'server',
  OBJECT_AGGREGATE: 'aggregate',
  OBJECT_OPERATOR: 'operator',
  OBJECT_COLLATION: 'collation',
  OBJECT_PUBLICATION: 'publication',
  OBJECT_STATISTIC_EXT: 'statistics',
  OBJECT_EVENT_TRIGGER: 'event trigger',
};

const KEYWORDS: Partial<Record<ObjectKind, string>> = {
  'materialized view': 'MATERIALIZED VIEW',
  'foreign table': 'FOREIGN TABLE',
  'event trigger': 'EVENT TRIGGER',
};

/** DefineStmt kinds: which object, and whether CREATE OR REPLACE exists for it (aggregates, since PostgreSQL 12). */
const DEFINE_KINDS: Record<string, { kind: ObjectKind; replace?: true; ifNotExists?: true }> = {
  OBJECT_AGGREGATE: { kind: 'aggregate', replace: true },
  OBJECT_OPERATOR: { kind: 'operator' },
  OBJECT_COLLATION: { kind: 'collation', ifNotExists: true },
};
const keyword = (k: ObjectKind) => KEYWORDS[k] ?? k.toUpperCase();

const flagged = (key: string) => (node: AstNode) => node[key] === true;
const ifNotExists: Edit = { kind: 'insert', words: 'IF NOT EXISTS', flag: flagged('if_not_exists') };
const ifExists: Edit = { kind: 'insert', words: 'IF EXISTS', flag: flagged('missing_ok') };
const orReplace: Edit = { kind: 'insert', words: 'OR REPLACE', flag: flagged('replace') };

const none = (): Analysis => ({ creates: [], drops: [], problems: [] });

/** Creation of a named object: guarded by `guardKey`, else a problem fixed by `edit` or `advice`. */
function creation(
  ref: ObjectRef,
  node: AstNode,
  guardKey: string,
  what: () => string,
  fix: { edit?: Edit; advice?: string },
  owner?: ObjectRef,
): Analysis {
  const guarded = node[guardKey] === true;
  const problems: Problem[] = guarded
    ? []
    : [{ what: what(), outcome: 'exists', object: ref, sqlstate: existsState(ref.kind), owner, ...fix }];
  return { creates: [{ ref, guarded }], drops: [], problems };
}

/** A DO block that swallows the error a second run raises: for objects without IF NOT EXISTS. */
function doBlockAdvice(statement: string, sqlstate: string): string {
  const tag = statement.includes('$$') ? '$do$' : '$$';
  return (
    `Wrap it in a block that ignores the object already existing:\n` +
    `DO ${tag} BEGIN\n  ${statement.replace(/\n/g, '\n  ')};\nEXCEPTION WHEN ${conditionName(sqlstate)} THEN NULL;\nEND ${tag};`
  );
}

/** Analyses one statement; `text` is its SQL (used for the DO-block advice). */
export function analyze(kind: string, node: AstNode, text: string): Analysis {
  switch (kind) {
    case 'CreateStmt': {
      const ref: ObjectRef = { kind: 'table', name: rangeVarName(node.relation) };
      return creation(ref, node, 'if_not_exists', () => `CREATE TABLE ${formatName(ref.name)}`, { edit: ifNotExists });
    }
    case 'CreateTableAsStmt': {
      const matview = node.objtype === 'OBJECT_MATVIEW';
      const ref: ObjectRef = { kind: matview ? 'materialized view' : 'table', name: rangeVarName((node.into as AstNode | undefined)?.rel) };
      return creation(ref, node, 'if_not_exists', () => `CREATE ${keyword(ref.kind)} ${formatName(ref.name)}`, { edit: ifNotExists });
    }
    case 'IndexStmt': {
      const table = rangeVarName(node.relation);
      const owner: ObjectRef = { kind: 'table', name: table };
      if (typeof node.idxname !== 'string') {
        const problem: Problem = {
          what: `CREATE INDEX on ${formatName(table)} without a name`,
          outcome: 'twice',
          object: null,
          sqlstate: null,
          owner,
          advice: 'Name the index so IF NOT EXISTS can find it: CREATE INDEX IF NOT EXISTS <name> ON ...',
        };
        return { creates: [], drops: [], problems: [problem] };
      }
      const ref: ObjectRef = { kind: 'index', name: { schema: table.schema, name: node.idxname } };
      // An index lives in its table's schema; CREATE INDEX names it without one.
      return creation(ref, node, 'if_not_exists', () => `CREATE INDEX ${quoteIdent(ref.name.name)}`, { edit: ifNotExists }, owner);
    }
    case 'CreateSeqStmt': {
      const ref: ObjectRef = { kind: 'sequence', name: rangeVarName(node.sequence) };
      return creation(ref, node, 'if_not_exists', () => `CREATE SEQUENCE ${formatName(ref.name)}`, { edit: ifNotExists });
    }
    case 'CreateSchemaStmt': {
      const name = typeof node.schemaname === 'string' ? node.schemaname : String((node.authrole as AstNode | undefined)?.rolename ?? '');
      const ref: ObjectRef = { kind: 'schema', name: { name } };
      return creation(ref, node, 'if_not_exists', () => `CREATE SCHEMA ${quoteIdent(name)}`, { edit: ifNotExists });
    }
    case 'CreateExtensionStmt': {
      const ref: ObjectRef = { kind: 'extension', name: { name: String(node.extname) } };
      return creation(ref, node, 'if_not_exists', () => `CREATE EXTENSION ${quoteIdent(ref.name.name)}`, { edit: ifNotExists });
    }
    case 'ViewStmt': {
      const ref: ObjectRef = { kind: 'view', name: rangeVarName(node.view) };
      return creation(ref, node, 'replace', () => `CREATE VIEW ${formatName(ref.name)}`, { edit: orReplace });
    }
    case 'CreateFunctionStmt': {
      const ref: ObjectRef = { kind: 'function', name: qualifiedName(stringsOf(node.funcname)) };
      const what = () => `CREATE ${node.is_procedure ? 'PROCEDURE' : 'FUNCTION'} ${formatName(ref.name)}`;
      return creation(ref, node, 'replace', what, { edit: orReplace });
    }
    case 'CreateTrigStmt': {
      const table = rangeVarName(node.relation);
      const ref: ObjectRef = { kind: 'trigger', name: { name: String(node.trigname) }, on: table };
      const drop = `DROP TRIGGER IF EXISTS ${quoteIdent(ref.name.name)} ON ${formatName(table)};`;
      const advice = node.isconstraint ? undefined : 'On PostgreSQL 14 and newer, CREATE OR REPLACE TRIGGER does the same.';
      return creation(ref, node, 'replace', () => `CREATE TRIGGER ${quoteIdent(ref.name.name)}`, { edit: { kind: 'drop-first', drop }, advice }, { kind: 'table', name: table });
    }
    case 'CreatePolicyStmt': {
      const table = rangeVarName(node.table);
      const ref: ObjectRef = { kind: 'policy', name: { name: String(node.policy_name) }, on: table };
      const drop = `DROP POLICY IF EXISTS ${quoteIdent(ref.name.name)} ON ${formatName(table)};`;
      return creation(ref, node, '-', () => `CREATE POLICY ${quoteIdent(ref.name.name)}`, { edit: { kind: 'drop-first', drop } }, { kind: 'table', name: table });
    }
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
    case 'CreateDomainStmt':
    case 'CompositeTypeStmt': {
      const parts = kind === 'CompositeTypeStmt' ? rangeVarName(node.typevar) : qualifiedName(stringsOf(node.typeName ?? node.domainname));
      const ref: ObjectRef = { kind: 'type', name: parts };
      const what = () => `CREATE ${kind === 'CreateDomainStmt' ? 'DOMAIN' : 'TYPE'} ${formatName(parts)}`;
      // No IF NOT EXISTS for types, and DROP TYPE would fail (or CASCADE away columns) once a table uses it.
      return creation(ref, node, '-', what, { advice: doBlockAdvice(text, '42710') });
    }
    case 'CreateForeignTableStmt': {
      // CREATE FOREIGN TABLE wraps a CreateStmt: the guard lives in `base`.
      const base = (node.base ?? {}) as AstNode;
      const ref: ObjectRef = { kind: 'foreign table', name: rangeVarName(base.relation) };
      const edit: Edit = { kind: 'insert', words: 'IF NOT EXISTS', flag: (n) => (n.base as AstNode | undefined)?.if_not_exists === true };
      return creation(ref, base, 'if_not_exists', () => `CREATE FOREIGN TABLE ${formatName(ref.name)}`, { edit });
    }
    case 'CreateForeignServerStmt': {
      const ref: ObjectRef = { kind: 'server', name: { name: String(node.servername) } };
      return creation(ref, node, 'if_not_exists', () => `CREATE SERVER ${quoteIdent(ref.name.name)}`, { edit: ifNotExists });
    }
    case 'CreateStatsStmt': {
      const ref: ObjectRef = { kind: 'statistics', name: qualifiedName(stringsOf(node.defnames)) };
      return creation(ref, node, 'if_not_exists', () => `CREATE STATISTICS ${formatName(ref.name)}`, { edit: ifNotExists });
    }
    case 'DefineStmt': {
      const define = DEFINE_KINDS[String(node.kind)];
      if (!define) return none();
      const ref: ObjectRef = { kind: define.kind, name: qualifiedName(stringsOf(node.defnames)) };
      // An operator's name is symbols, not an identifier: shown as written, never quoted.
      const shown = () => (define.kind === 'operator' ? stringsOf(node.defnames).join('.') : formatName(ref.name));
      const what = () => `CREATE ${keyword(define.kind)} ${shown()}`;
      if (define.replace) return creation(ref, node, 'replace', what, { edit: orReplace });
      if (define.ifNotExists) return creation(ref, node, 'if_not_exists', what, { edit: ifNotExists });
      return creation(ref, node, '-', what, { advice: doBlockAdvice(text, existsState(define.kind)) });
    }
    case 'CreateCastStmt': {
      const source = formatName(qualifiedName(stringsOf((node.sourcetype as AstNode | undefined)?.names)));
      const target = formatName(qualifiedName(stringsOf((node.targettype as AstNode | undefined)?.names)));
      const ref: ObjectRef = { kind: 'cast', name: { name: `${source} AS ${target}` } };
      return creation(ref, node, '-', () => `CREATE CAST (${source} AS ${target})`, { advice: doBlockAdvice(text, '42710') });
    }
    case 'CreatePublicationStmt':
    case 'CreateEventTrigStmt': {
      const publication = kind === 'CreatePublicationStmt';
      const ref: ObjectRef = { kind: publication ? 'publication' : 'event trigger', name: { name: String(publication ? node.pubname : node.trigname) } };
      return creation(ref, node, '-', () => `CREATE ${keyword(ref.kind)} ${quoteIdent(ref.name.name)}`, { advice: doBlockAdvice(text, '42710') });
    }
    case 'CreateRoleStmt': {
      const ref: ObjectRef = { kind: 'role', name: { name: String(node.role) } };
      return creation(ref, node, '-', () => `CREATE ROLE ${quoteIdent(ref.name.name)}`, { advice: doBlockAdvice(text, '42710') });
    }
    case 'AlterTableStmt':
      return alterTable(node);
    case 'RenameStmt':
      return rename(node);
    case 'AlterEnumStmt': {
      if (typeof node.newVal !== 'string' || node.oldVal !== undefined) return none();
      const type = qualifiedName(stringsOf(node.typeName));
      const literal = `'${node.newVal.replace(/'/g, "''")}'`;
      if (node.skipIfNewValExists) return none();
      const problem: Problem = {
        what: `ALTER TYPE ${formatName(type)} ADD VALUE ${literal}`,
        outcome: 'exists',
        object: { kind: 'enum value', name: { name: node.newVal }, on: type },
        sqlstate: '42710',
        changes: { kind: 'type', name: type },
        edit: { kind: 'insert', words: 'IF NOT EXISTS', flag: flagged('skipIfNewValExists') },
      };
      return { creates: [], drops: [], problems: [problem] };
    }
    case 'DropStmt':
      return drop(node);
    case 'InsertStmt':
      return insert(node);
    case 'DeleteStmt':
      return { creates: [], drops: [], problems: [], clears: rangeVarName(node.relation) };
    case 'TruncateStmt': {
      const first = asArray(node.relations)[0];
      return { creates: [], drops: [], problems: [], clears: rangeVarName(nodeOf(first, 'RangeVar')) };
    }
    default:
      return none();
  }
}

function alterTable(node: AstNode): Analysis {
  if (node.objtype !== 'OBJECT_TABLE' && node.objtype !== 'OBJECT_FOREIGN_TABLE') return none();
  const table = rangeVarName(node.relation);
  const changes: ObjectRef = { kind: 'table', name: table };
  const out: Analysis = { creates: [], drops: [], problems: [] };
  asArray(node.cmds).forEach((c, i) => {
    const cmd = nodeOf(c, 'AlterTableCmd');
    if (!cmd) return;
    const cmdFlag = (n: AstNode) => nodeOf(asArray(n.cmds)[i], 'AlterTableCmd')?.missing_ok === true;
    switch (cmd.subtype) {
      case 'AT_AddColumn': {
        const column = String(nodeOf(cmd.def, 'ColumnDef')?.colname ?? '');
        const ref: ObjectRef = { kind: 'column', name: { name: column }, on: table };
        out.creates.push({ ref, guarded: cmd.missing_ok === true });
        if (cmd.missing_ok) return;
        const edit: Edit = { kind: 'insert', words: 'IF NOT EXISTS', flag: cmdFlag };
        out.problems.push({ what: `ADD COLUMN ${quoteIdent(column)}`, outcome: 'exists', object: ref, sqlstate: '42701', changes, edit });
        return;
      }
      case 'AT_DropColumn':
      case 'AT_DropConstraint': {
        const column = cmd.subtype === 'AT_DropColumn';
        const ref: ObjectRef = { kind: column ? 'column' : 'constraint', name: { name: String(cmd.name) }, on: table };
        out.drops.push(ref);
        if (cmd.missing_ok) return;
        const what = `DROP ${column ? 'COLUMN' : 'CONSTRAINT'} ${quoteIdent(ref.name.name)}`;
        const edit: Edit = { kind: 'insert', words: 'IF EXISTS', flag: cmdFlag };
        out.problems.push({ what, outcome: 'missing', object: ref, sqlstate: column ? '42703' : '42704', changes, edit, dropping: true });
        return;
      }
      case 'AT_AddConstraint': {
        const problem = addConstraint(table, nodeOf(cmd.def, 'Constraint') ?? {}, changes);
        out.problems.push(problem);
        if (problem.object) out.creates.push({ ref: problem.object, guarded: false });
        return;
      }
      default:
    }
  });
  return out;
}

const CONSTRAINT_WORDS: Record<string, string> = {
  CONSTR_PRIMARY: 'PRIMARY KEY',
  CONSTR_UNIQUE: 'UNIQUE',
  CONSTR_CHECK: 'CHECK',
  CONSTR_FOREIGN: 'FOREIGN KEY',
  CONSTR_EXCLUSION: 'EXCLUDE',
};

function addConstraint(table: QualifiedName, con: AstNode, changes: ObjectRef): Problem {
  const words = CONSTRAINT_WORDS[String(con.contype)] ?? 'constraint';
  const primary = con.contype === 'CONSTR_PRIMARY';
  // PostgreSQL names an unnamed primary key <table>_pkey; other unnamed constraints get a new name each run.
  const name = typeof con.conname === 'string' ? con.conname : primary ? `${table.name}_pkey` : null;
  const sqlstate = primary ? '42P16' : con.contype === 'CONSTR_UNIQUE' || con.contype === 'CONSTR_EXCLUSION' ? '42P07' : '42710';
  if (name === null) {
    return {
      what: `ADD ${words} without a constraint name`,
      outcome: 'twice',
      object: null,
      sqlstate: null,
      changes,
      advice: `Name it (ADD CONSTRAINT <name> ${words} ...) and add it only when pg_constraint has no constraint of that name on ${formatName(table)}.`,
    };
  }
  const tableLiteral = `'${formatName(table).replace(/'/g, "''")}'::regclass`;
  const advice =
    `Add it only when it is missing:\nDO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '${name.replace(/'/g, "''")}' ` +
    `AND conrelid = ${tableLiteral}) THEN\n    ALTER TABLE ${formatName(table)} ADD CONSTRAINT ${quoteIdent(name)} ${words} ...;\n  END IF;\nEND $$;`;
  const label = typeof con.conname === 'string' ? `ADD CONSTRAINT ${quoteIdent(name)}` : `ADD ${words} (named ${quoteIdent(name)})`;
  return { what: label, outcome: 'exists', object: { kind: 'constraint', name: { name }, on: table }, sqlstate, changes, advice };
}

function rename(node: AstNode): Analysis {
  const table = rangeVarName(node.relation);
  const changes: ObjectRef = { kind: 'table', name: table };
  const newName = quoteIdent(String(node.newname));
  switch (node.renameType) {
    case 'OBJECT_TABLE': {
      if (node.missing_ok) return none();
      const object: ObjectRef = { kind: 'table', name: table };
      const edit: Edit = { kind: 'insert', words: 'IF EXISTS', flag: flagged('missing_ok') };
      const renamedTo: ObjectRef = { kind: 'table', name: { ...table, name: String(node.newname) } };
      const what = `RENAME TABLE ${formatName(table)} TO ${newName}`;
      return { creates: [], drops: [], problems: [{ what, outcome: 'missing', object, sqlstate: '42P01', changes, edit, renamedTo }] };
    }
    case 'OBJECT_COLUMN':
    case 'OBJECT_TABCONSTRAINT': {
      const column = node.renameType === 'OBJECT_COLUMN';
      const old = quoteIdent(String(node.subname));
      const object: ObjectRef = { kind: column ? 'column' : 'constraint', name: { name: String(node.subname) }, on: table };
      const catalog = column
        ? `information_schema.columns WHERE table_name = '${table.name}' AND column_name = '${node.subname}'`
        : `pg_constraint WHERE conrelid = '${formatName(table)}'::regclass AND conname = '${node.subname}'`;
      const advice =
        `Rename only while the old name is there:\nDO $$ BEGIN\n  IF EXISTS (SELECT 1 FROM ${catalog}) THEN\n` +
        `    ALTER TABLE ${formatName(table)} RENAME ${column ? 'COLUMN' : 'CONSTRAINT'} ${old} TO ${newName};\n  END IF;\nEND $$;`;
      const what = `RENAME ${column ? 'COLUMN' : 'CONSTRAINT'} ${old} TO ${newName}`;
      const renamedTo: ObjectRef = { ...object, name: { name: String(node.newname) } };
      return { creates: [], drops: [], problems: [{ what, outcome: 'missing', object, sqlstate: column ? '42703' : '42704', changes, advice, renamedTo }] };
    }
    default:
      return none();
  }
}

/** The objects a DROP names, in our ObjectRef form. */
function dropTargets(node: AstNode, kind: ObjectKind): ObjectRef[] {
  return asArray(node.objects).map((o): ObjectRef => {
    const u = unwrap(o);
    if (!u) return { kind, name: { name: '' } };
    const [k, f] = u;
    if (k === 'String') return { kind, name: { name: String(f.sval) } };
    if (k === 'TypeName') return { kind, name: qualifiedName(stringsOf(f.names)) };
    if (k === 'ObjectWithArgs') return { kind, name: qualifiedName(stringsOf(f.objname)) };
    const parts = stringsOf(f.items);
    if (kind === 'trigger' || kind === 'policy') {
      return { kind, name: { name: parts[parts.length - 1] ?? '' }, on: qualifiedName(parts.slice(0, -1)) };
    }
    return { kind, name: qualifiedName(parts) };
  });
}

function drop(node: AstNode): Analysis {
  const kind = DROP_KINDS[String(node.removeType)];
  if (!kind) return none();
  const drops = dropTargets(node, kind);
  if (node.missing_ok) return { creates: [], drops, problems: [] };
  const problems = drops.map(
    (ref): Problem => ({
      what: `DROP ${keyword(kind)} ${formatName(ref.name)}${ref.on ? ` ON ${formatName(ref.on)}` : ''}`,
      outcome: 'missing',
      object: ref,
      sqlstate: missingState(kind),
      edit: ifExists,
      dropping: true,
    }),
  );
  return { creates: [], drops, problems };
}

/** INSERT ... SELECT ... WHERE NOT EXISTS (...) (or NOT IN): the author only inserts what is missing. */
function insertsOnlyMissing(select: AstNode | null): boolean {
  const where = select?.whereClause;
  const json = where ? JSON.stringify(where) : '';
  return /"boolop":"NOT_EXPR"/.test(json) && /"SubLink"/.test(json);
}

function insert(node: AstNode): Analysis {
  const table = rangeVarName(node.relation);
  if (node.onConflictClause) return none();
  const select = nodeOf(node.selectStmt, 'SelectStmt');
  if (insertsOnlyMissing(select)) return none();
  const values = Array.isArray(select?.valuesLists);
  const problem: Problem = {
    what: `INSERT INTO ${formatName(table)}`,
    outcome: 'twice',
    object: null,
    sqlstate: '23505',
    changes: { kind: 'table', name: table },
    edit: { kind: 'on-conflict' },
    advice: values
      ? 'ON CONFLICT DO NOTHING skips rows whose primary key or unique key is already there (the table needs one).'
      : 'ON CONFLICT DO NOTHING needs a primary key or unique key on the table; without one, add WHERE NOT EXISTS (SELECT 1 FROM ... WHERE <key matches>) to the SELECT.',
  };
  return { creates: [], drops: [], problems: [problem] };
}

/** Whether `a` names the same object as `b` (schema-lenient, like search_path resolution in one file). */
export function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  if (a.kind !== b.kind || a.name.name !== b.name.name) return false;
  const schemaOk = a.name.schema === undefined || b.name.schema === undefined || a.name.schema === b.name.schema;
  if (!schemaOk) return false;
  if (!a.on || !b.on) return !a.on && !b.on;
  return a.on.name === b.on.name && (a.on.schema === undefined || b.on.schema === undefined || a.on.schema === b.on.schema);
}

