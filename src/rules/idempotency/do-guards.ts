// What in a DO block looks like a guard and is none: an exception handler that raises the error again (`RAISE;`, or
// RAISE EXCEPTION of its own), and an IF that looks up in the catalogs a name other than the one its statement makes
// (another column of the table, say).

import { asArray, doBlockAction, nodeOf, type AstNode } from '../../sql/ast.js';

/** A DO block's handlers and IFs, as they guard its statements. */
export interface DoGuards {
  /** Conditions the block catches only in handlers that raise an error again: catching them keeps no run going. */
  reraised: Set<string>;
  /** By a statement's text: the names the catalog lookups of the IFs around it look for; absent where any of those IFs tests something else. */
  lookups: Map<string, string[]>;
  /** The statements (by text) whose IFs all look up relations by name (pg_tables, to_regclass): only making or dropping one changes them. */
  relationLookups: Set<string>;
}

// elog.h's ERROR: the level of RAISE EXCEPTION, of a RAISE with no level and of a re-raise.
const ERROR_LEVEL = 21;

// A condition that reads the catalogs (pg_type, information_schema.columns, to_regclass('t')) names objects in its string literals.
const CATALOGS = /\b(?:pg_[a-z_]+|information_schema\s*\.\s*[a-z_]+|to_reg[a-z]+\s*(?=\())/gi;
// Catalogs where a name is a relation's, whatever the relation holds: an ADD COLUMN or CREATE INDEX on it leaves them as they were.
const RELATION_CATALOGS = new Set(['pg_tables', 'pg_views', 'pg_matviews', 'pg_class', 'pg_namespace', 'information_schema.tables', 'information_schema.views', 'to_regclass']);

export function doGuards(doText: string, doNode: AstNode): DoGuards {
  const raising = new Set<string>();
  const keeping = new Set<string>();
  const lookups = new Map<string, string[]>();
  const relationLookups = new Set<string>();
  /**
   * `tests`: the names the IFs around the list look for; null where one of them is not a catalog lookup of names written
   * out. `relations`: whether every one of those IFs looks up relations only.
   */
  const visit = (stmts: unknown[], tests: string[] | null, relations: boolean): void => {
    for (const s of stmts) {
      const [kind, fields] = Object.entries((s ?? {}) as AstNode)[0] ?? [];
      if (!kind || !fields || typeof fields !== 'object') continue;
      const f = fields as AstNode;
      if (kind === 'PLpgSQL_stmt_execsql') {
        const text = nodeOf(f.sqlstmt, 'PLpgSQL_expr')?.query;
        if (typeof text === 'string' && tests?.length && !lookups.has(text)) {
          lookups.set(text, tests);
          if (relations) relationLookups.add(text);
        }
      } else if (kind === 'PLpgSQL_stmt_if') {
        // An arm runs where the conditions before it fail too: ELSIF and ELSE look at every one of them.
        const arms = [{ cond: f.cond, stmts: f.then_body }, ...asArray(f.elsif_list).map((a) => nodeOf(a, 'PLpgSQL_if_elsif') ?? {}), { cond: undefined, stmts: f.else_body }];
        let seen = tests;
        let onRelations = relations;
        for (const arm of arms) {
          const query = nodeOf(arm.cond, 'PLpgSQL_expr')?.query;
          const read = typeof query === 'string' ? (query.match(CATALOGS) ?? []) : [];
          const names = read.length ? lookedFor(query as string) : [];
          if (arm.cond !== undefined) {
            seen = seen && names.length ? [...seen, ...names] : null;
            onRelations &&= read.length > 0 && read.every((c) => RELATION_CATALOGS.has(c.toLowerCase().replace(/\s+/g, '')));
          }
          visit(asArray(arm.stmts), seen, onRelations);
        }
      } else if (kind === 'PLpgSQL_stmt_block') {
        visit(asArray(f.body), tests, relations);
        for (const e of asArray(nodeOf(f.exceptions, 'PLpgSQL_exception_block')?.exc_list)) {
          const handler = nodeOf(e, 'PLpgSQL_exception');
          const raises = asArray(handler?.action).some((a) => nodeOf(a, 'PLpgSQL_stmt_raise')?.elog_level === ERROR_LEVEL);
          for (const c of asArray(handler?.conditions)) (raises ? raising : keeping).add(String(nodeOf(c, 'PLpgSQL_condition')?.condname ?? '').toLowerCase());
        }
      } else if (Array.isArray(f.body)) visit(f.body, tests, relations);
    }
  };
  visit([doBlockAction(doText, doNode)], [], true);
  return { reraised: new Set([...raising].filter((c) => !keeping.has(c))), lookups, relationLookups };
}

// Catalog columns that name an object of a table (a column, an index, a trigger, a policy, a constraint): a condition
// that compares one with a name looks for that object, and the table's name beside it only says where.
const MEMBER = /\b(?:column_name|attname|indexname|tgname|trigger_name|policyname|polname|conname|constraint_name)\s*=\s*('(?:[^']|'')*')/gi;

/**
 * The names a condition looks for: the members it compares by name where it does (`column_name = 'email'` looks for
 * email, not for the table users it names too), else every name its string literals hold.
 */
function lookedFor(query: string): string[] {
  const members = [...query.matchAll(MEMBER)].map((m) => m[1]!);
  return members.length ? namesIn(members.join(' ')) : namesIn(query);
}

/** The names a condition's string literals hold: `'public.t_idx'` holds public and t_idx. */
function namesIn(query: string): string[] {
  return [...query.matchAll(/'((?:[^']|'')*)'/g)].flatMap((m) => m[1]!.replace(/''/g, "'").split('.').map((n) => n.replace(/^"|"$/g, '').toLowerCase()));
}
