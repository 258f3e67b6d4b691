// graphile-migrate's committed migrations sign themselves: `--! Previous:` and `--! Hash:` headers chain
// each file to the one before it, and the runner refuses a file whose body no longer hashes to its Hash,
// or whose Previous is not the Hash of the file before it. Read as graphile-migrate's migration.ts,
// hash.ts and header.ts read them, so the gate says what the runner will refuse before it runs.

import { hexDigest } from '../checksum/digest.js';

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

export type SignatureRead = { signature: Signature } | { problem: string; line: number };

// Headers start with a capital letter (body comments such as `--! no-transaction` do not).
const HEADER = /^--! ([A-Z][a-zA-Z0-9_]*)(?::(.*))?$/;

/** The headers and body of a committed migration's text, or why graphile-migrate refuses to read it. */
export function readSignature(text: string): SignatureRead {
  const lines = text.split('\n');
  const headers = new Map<string, string | null>();
  let count = 0;
  for (const line of lines) {
    const m = HEADER.exec(line);
    if (!m) break;
    if (headers.has(m[1]!)) return { problem: `its header \`--! ${m[1]}\` is given twice`, line: count + 1 };
    headers.set(m[1]!, m[2] ? m[2].trim() : null);
    count++;
  }
  const previous = headers.get('Previous');
  const hash = headers.get('Hash');
  if (!previous) return { problem: 'it has no `--! Previous:` header', line: 1 };
  if (!hash) return { problem: 'it has no `--! Hash:` header', line: 1 };
  if (lines[count] !== '') return { problem: 'its headers are not followed by an empty line', line: count + 1 };
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

/** graphile-migrate's calculateHash: SHA-1 over the previous hash, a newline and the body, trimmed, plus a newline. */
export function graphileHash(body: string, previous: string | null): string {
  return `sha1:${hexDigest('sha1', `${`${previous ?? ''}\n${body}`.trim()}\n`)}`;
}
