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
}

// elog.h's ERROR: the level of RAISE EXCEPTION, of a RAISE with no level and of a re-raise.
const ERROR_LEVEL = 21;

// A condition that reads the catalogs (pg_type, information_schema.columns, to_regclass('t')) names objects in its string literals.
const CATALOG = /\b(pg_[a-z_]+|information_schema\s*\.|to_reg[a-z]+\s*\()/i;

export function doGuards(doText: string, doNode: AstNode): DoGuards {
  const raising = new Set<string>();
  const keeping = new Set<string>();
  const lookups = new Map<string, string[]>();
  /** `tests`: the names the IFs around the list look for; null where one of them is not a catalog lookup of names written out. */
  const visit = (stmts: unknown[], tests: string[] | null): void => {
    for (const s of stmts) {
      const [kind, fields] = Object.entries((s ?? {}) as AstNode)[0] ?? [];
      if (!kind || !fields || typeof fields !== 'object') continue;
      const f = fields as AstNode;
      if (kind === 'PLpgSQL_stmt_execsql') {
        const text = nodeOf(f.sqlstmt, 'PLpgSQL_expr')?.query;
        if (typeof text === 'string' && tests?.length && !lookups.has(text)) lookups.set(text, tests);
      } else if (kind === 'PLpgSQL_stmt_if') {
        // An arm runs where the conditions before it fail too: ELSIF and ELSE look at every one of them.
        const arms = [{ cond: f.cond, stmts: f.then_body }, ...asArray(f.elsif_list).map((a) => nodeOf(a, 'PLpgSQL_if_elsif') ?? {}), { cond: undefined, stmts: f.else_body }];
        let seen = tests;
        for (const arm of arms) {
          const query = nodeOf(arm.cond, 'PLpgSQL_expr')?.query;
          const names = typeof query === 'string' && CATALOG.test(query) ? lookedFor(query) : [];
          if (arm.cond !== undefined) seen = seen && names.length ? [...seen, ...names] : null;
          visit(asArray(arm.stmts), seen);
        }
      } else if (kind === 'PLpgSQL_stmt_block') {
        visit(asArray(f.body), tests);
        for (const e of asArray(nodeOf(f.exceptions, 'PLpgSQL_exception_block')?.exc_list)) {
          const handler = nodeOf(e, 'PLpgSQL_exception');
          const raises = asArray(handler?.action).some((a) => nodeOf(a, 'PLpgSQL_stmt_raise')?.elog_level === ERROR_LEVEL);
          for (const c of asArray(handler?.conditions)) (raises ? raising : keeping).add(String(nodeOf(c, 'PLpgSQL_condition')?.condname ?? '').toLowerCase());
        }
      } else if (Array.isArray(f.body)) visit(f.body, tests);
    }
  };
  visit([doBlockAction(doText, doNode)], []);
  return { reraised: new Set([...raising].filter((c) => !keeping.has(c))), lookups };
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
