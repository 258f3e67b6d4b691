import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quoteIdent } from '../../src/sql/ast.js';
import { loadParser, pg } from '../../src/sql/parser.js';

beforeAll(loadParser);

/** Every keyword of the parser libpg-query builds: kwlist.h's names, which its WASM binary holds in a row, `abort` to `zone`. */
function parserKeywords(): string[] {
  const wasm = readFileSync(join('node_modules', 'libpg-query', 'wasm', 'libpg-query.wasm'));
  const out: string[] = [];
  for (let at = wasm.indexOf('abort\0absent\0'); at >= 0; ) {
    const end = wasm.indexOf(0, at);
    const word = wasm.toString('latin1', at, end);
    if (!/^[a-z_]+$/.test(word)) break;
    out.push(word);
    at = end + 1;
  }
  return out;
}

test('quoteIdent quotes a keyword as a name exactly where the parser does not take it unquoted', () => {
  const keywords = parserKeywords();
  expect({ first: keywords[0], last: keywords[keywords.length - 1], many: keywords.length > 400 }).toEqual({ first: 'abort', last: 'zone', many: true });
  // The scanner's keyword kinds: 0 no keyword, 1 unreserved, 2 column name, 3 type or function name, 4 reserved.
  const needQuotes = keywords.filter((k) => pg().scanSync(k).tokens[0]!.keywordKind > 1);
  expect(keywords.filter((k) => quoteIdent(k) !== k)).toEqual(needQuotes);
  expect(needQuotes.map(quoteIdent)).toEqual(needQuotes.map((k) => `"${k}"`));
});
