// graphile-migrate's committed migrations sign themselves: `--! Previous:` and `--! Hash:` headers chain
// each file to the one before it, and the runner refuses a file whose body no longer hashes to its Hash,
// or whose Previous is not the Hash of the file before it. Read as graphile-migrate's migration.ts,
// hash.ts and header.ts read them, so the gate says what the runner will refuse before it runs.

import { hexDigest } from '../checksum/digest.js';
import type { Migration } from '../migration.js';
import { decodeSql } from './decode.js';
import { compareText } from './version-order.js';

export interface Signature {
  /** The Hash header: what `graphile-migrate commit` signed. */
  hash: string;
  /** The Previous header: the Hash of the migration committed before this one; null for the first (`-`). */
  previous: string | null;
  /** The hash of the body as it is now, chained to `previous`. */
  computed: string;
  /** `--! AllowInvalidHash`: the runner accepts a body that no longer matches, and refuses one that does. */
  allowInvalidHash: boolean;
  /** `--! no-transaction` as the body's first line: the runner sends the body without BEGIN/COMMIT (header.ts). */
  noTransaction: boolean;
}

/** `said`: graphile-migrate's own error, its file named as it names it. */
export type SignatureRead = { signature: Signature } | { problem: string; said: string; line: number };

// Headers start with a capital letter (body comments such as `--! no-transaction` do not).
const HEADER = /^--! ([A-Z][a-zA-Z0-9_]*)(?::(.*))?$/;

/** A header line: its key, its value (trimmed; null without one) and its index among the text's lines. */
export interface Header {
  key: string;
  value: string | null;
  index: number;
}

/**
 * parseMigrationText's header block: the header lines atop `lines`, up to the first line that is none; `repeated`, the
 * first whose key came before, where graphile-migrate stops reading the text.
 */
export function readHeaders(lines: string[]): { headers: Header[]; repeated: Header | null } {
  const headers: Header[] = [];
  for (const [index, line] of lines.entries()) {
    const m = HEADER.exec(line);
    if (!m) break;
    const header = { key: m[1]!, value: m[2]?.trim() || null, index };
    if (headers.some((h) => h.key === header.key)) return { headers, repeated: header };
    headers.push(header);
  }
  return { headers, repeated: null };
}

/** graphile-migrate's words for a text (at `path`) whose header `key` is given twice. */
export function repeatedHeader(path: string, key: string): string {
  return `Invalid migration '${path}': header '${key}' is specified more than once`;
}

/** The headers and body of a committed migration's text (at `path`), or why graphile-migrate refuses to read it. */
export function readSignature(text: string, path = ''): SignatureRead {
  const lines = text.split('\n');
  const block = readHeaders(lines);
  if (block.repeated) {
    const { key, index } = block.repeated;
    return { problem: `its header \`--! ${key}\` is given twice`, said: repeatedHeader(path, key), line: index + 1 };
  }
  const headers = new Map(block.headers.map((h) => [h.key, h.value]));
  const count = block.headers.length;
  const previous = headers.get('Previous');
  const hash = headers.get('Hash');
  if (!previous) return { problem: 'it has no `--! Previous:` header', said: `Invalid committed migration '${path}': no 'Previous' comment`, line: 1 };
  if (!hash) return { problem: 'it has no `--! Hash:` header', said: `Invalid committed migration '${path}': no 'Hash' comment`, line: 1 };
  if (lines[count] !== '') {
    const said = lines[count] === '\r' ? 'it looks like the line endings have been corrupted' : 'there should be two newlines after the headers section';
    return { problem: 'its headers are not followed by an empty line', said: `Invalid migration '${path}': ${said}`, line: count + 1 };
  }
  const body = `${lines.slice(count).join('\n').trim()}\n`;
  const chained = previous === '-' ? null : previous;
  const signature = {
    hash,
    previous: chained,
    computed: graphileHash(body, chained),
    allowInvalidHash: headers.has('AllowInvalidHash'),
    noTransaction: /^--!\s*no-transaction\b/.test(body),
  };
  return { signature };
}

/** Whether runCommittedMigration refuses the migration: its body no longer matches its Hash, or it allows an invalid hash it does not have. */
export function hashRefused(s: Signature): boolean {
  return (s.computed === s.hash) === s.allowInvalidHash;
}

/** graphile-migrate's calculateHash: SHA-1 over the previous hash, a newline and the body, trimmed, plus a newline. */
export function graphileHash(body: string, previous: string | null): string {
  return `sha1:${hexDigest('sha1', `${`${previous ?? ''}\n${body}`.trim()}\n`)}`;
}

/** A folder's committed migrations (not its current.sql) in graphile-migrate's order: by the number as written (`000010.sql` before `00009.sql`), not by its value. */
export function committedOrder(folder: Migration[]): Migration[] {
  return folder.filter((m) => m.scheme === 'graphile' && m.kind === 'versioned').sort((a, b) => compareText(`${a.version}.sql`, `${b.version}.sql`));
}

/**
 * Why graphile-migrate runs no migration of `folder` (its committed migrations, in its order), in its words: getAllMigrations
 * reads every file's headers, then checks each Previous against the Hash before it, and throws before it runs any; null if it runs them.
 */
export function committedRefusal(folder: Migration[]): string | null {
  const ordered = committedOrder(folder);
  for (const m of ordered) {
    const decoded = m.signature ? null : decodeSql(m.bytes);
    const read = decoded?.ok ? readSignature(decoded.text, m.file) : null;
    if (read && 'said' in read) return read.said;
  }
  const signed = ordered.filter((m) => m.signature);
  for (const [i, m] of signed.entries()) {
    const before = signed[i - 1];
    const previous = m.signature!.previous;
    if (previous === (before?.signature!.hash ?? null)) continue;
    const name = `${m.version}.sql`;
    return before
      ? `Previous migration with hash '${before.signature!.hash}' doesn't match '${name}''s expected previous hash '${previous}'`
      : `Migration '${name}' expected a previous migration ('${previous}'), but no correctly ordered previous migration was found`;
  }
  return null;
}
