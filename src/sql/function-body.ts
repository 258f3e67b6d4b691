// The SQL statements a CREATE FUNCTION or CREATE PROCEDURE body runs: a PL/pgSQL body read as a DO block's is
// (doBodyStatements, on the same PL/pgSQL parse of the statement), an SQL body's statements as the parser reads them.

import { asArray, doBodyStatements, nodeOf, stringOf, stringsOf, unwrap, type AstNode, type DoBodyStatement } from './ast.js';
import { pg } from './parser.js';

const read = new WeakMap<AstNode, DoBodyStatement[]>();

/** The statements of a function's body (its text as written, `node` its CreateFunctionStmt); empty for another language, BEGIN ATOMIC, or a body that does not parse. */
export function functionBodyStatements(text: string, node: AstNode): DoBodyStatement[] {
  let out = read.get(node);
  if (!out) read.set(node, (out = readBody(text, node)));
  return out;
}

function readBody(text: string, node: AstNode): DoBodyStatement[] {
  const options = asArray(node.options).map((o) => nodeOf(o, 'DefElem'));
  const body = stringsOf(nodeOf(options.find((o) => o?.defname === 'as')?.arg, 'List')?.items)[0];
  // A function without LANGUAGE is an SQL function.
  const language = (stringOf(options.find((o) => o?.defname === 'language')?.arg) ?? 'sql').toLowerCase();
  if (body === undefined) return [];
  if (language === 'plpgsql') {
    // The DO block's reader takes its body and language from `args`, and parses the statement's whole text as PL/pgSQL.
    const args = [{ DefElem: { defname: 'language', arg: { String: { sval: language } } } }, { DefElem: { defname: 'as', arg: { String: { sval: body } } } }];
    return doBodyStatements(text, { args });
  }
  if (language !== 'sql') return [];
  try {
    const stmts = pg().parseSync(body).stmts ?? [];
    return stmts.map((s) => ({ text: body, offset: -1, handlers: [], conditional: false, never: false, parsed: unwrap(s.stmt) }));
  } catch {
    return [];
  }
}
