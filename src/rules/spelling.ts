// Findings quote a statement, and name the objects it acts on, as the file writes them: where a
// placeholder's configured value filled the text the parser read, the placeholder as written.
// Stand-ins need none of this: Template.restore turns them back in every finding.

import { quoteIdent, scanTokens, type QualifiedName } from '../sql/ast.js';
import { fileText } from './file-lines.js';
import type { FileContext } from './rule.js';

/** How a finding writes what one statement's parse read. */
export interface Spelling {
  /** The statement as the file writes it; as parsed where a value straddles either end of it. */
  text: string;
  /** A name (or one identifier) as the file writes it where a value fills it, else as SQL quotes it. */
  name(q: QualifiedName | string): string;
  /** One identifier as a catalog holds it, for a string literal (pg_constraint.conname): as the file writes it where a value fills it. */
  raw(name: string): string;
}

/** A statement of the filled text, at `start` there (-1: not located). */
interface Span {
  text: string;
  start: number;
}

/** How the file writes each name a value fills, by the name as parsed (`schema\0name` for a qualified one); null: as parsed. */
type Ways = Map<string, string | null>;

const chain = (schema: string, name: string) => `${schema}\0${name}`;

/** Each statement's Spelling: its own way of writing a name first, else the file's, else as parsed. */
export function spellings(ctx: FileContext, spans: Span[]): Spelling[] {
  const texts = spans.map((s) => (s.start < 0 ? null : fileText(ctx, s.start, s.start + s.text.length)) ?? s.text);
  // Without a configured value, every name reads as the file writes it (stand-ins aside).
  if (!ctx.template.valueIn(0, ctx.template.sql.length)) return texts.map((text) => spelling(text, () => null));
  const own = spans.map((s) => waysIn(ctx, s));
  const file: Ways = new Map();
  for (const ways of own) for (const [name, way] of ways) note(file, name, way);
  return texts.map((text, i) => spelling(text, (key) => (own[i]!.has(key) ? own[i]!.get(key) : file.get(key)) ?? null));
}

/** The Spelling of a statement with `text` that writes a name as `way` has it, else as parsed. */
function spelling(text: string, way: (key: string) => string | null): Spelling {
  const part = (name: string) => way(name) ?? quoteIdent(name);
  return {
    text,
    name: (q) => (typeof q === 'string' ? part(q) : q.schema === undefined ? part(q.name) : (way(chain(q.schema, q.name)) ?? `${part(q.schema)}.${part(q.name)}`)),
    raw: (name) => unquoted(way(name)) ?? name,
  };
}

/** Records that the file writes `name` as `way`; written two ways, it is named as parsed. */
function note(ways: Ways, name: string, way: string | null): void {
  ways.set(name, ways.has(name) && ways.get(name) !== way ? null : way);
}

/** How one statement writes each identifier, and each `schema.name`, that it holds. */
function waysIn(ctx: FileContext, span: Span): Ways {
  const ways: Ways = new Map();
  if (span.start < 0) return ways;
  const tokens = scanTokens(span.text);
  const written = (from: number, to: number) => {
    const [start, end] = [tokens[from]!.start, tokens[to]!.end];
    return writtenWay(ctx, span.start + start, span.start + end, span.text.slice(start, end));
  };
  tokens.forEach((t, i) => {
    const name = identifier(t.text);
    if (name === null) return;
    note(ways, name, written(i, i));
    const next = identifier(tokens[i + 2]?.text ?? '');
    if (tokens[i + 1]?.text === '.' && next !== null) note(ways, chain(name, next), written(i, i + 2));
  });
  return ways;
}

/** `filled`, at [start, end) of the filled text, as the file writes it where a value fills some of it and none straddles its ends; else null. */
function writtenWay(ctx: FileContext, start: number, end: number, filled: string): string | null {
  const written = fileText(ctx, start, end);
  // Words the same as in the file, or that differ by stand-ins alone (restored in every finding), hold no value.
  return written === null || written === filled || ctx.template.restore(filled) === written ? null : written;
}

/** An identifier as written without its double quotes, if it has them. */
function unquoted(written: string | null): string | null {
  return written && /^".*"$/s.test(written) ? written.slice(1, -1).replace(/""/g, '"') : written;
}

/** The name an identifier token reads as (unquoted, its ASCII letters folded to lower case, as PostgreSQL does); null for other tokens. */
function identifier(text: string): string | null {
  if (/^"(?:[^"]|"")+"$/.test(text)) return text.slice(1, -1).replace(/""/g, '"');
  return /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*$/.test(text) ? text.replace(/[A-Z]+/g, (c) => c.toLowerCase()) : null;
}
