// graphile-migrate's committed files for tests, signed as `graphile-migrate commit` signs them (its hash.ts),
// computed here on their own rather than by the code under test.

import { createHash } from 'node:crypto';

/** A committed file's text on top of `previous` (null: the first), and its Hash. */
export function commit(body: string, previous: string | null): { text: string; hash: string } {
  const hash = `sha1:${createHash('sha1').update(`${`${previous ?? ''}\n${body}`.trim()}\n`).digest('hex')}`;
  return { text: `--! Previous: ${previous ?? '-'}\n--! Hash: ${hash}\n\n${body}`, hash };
}
