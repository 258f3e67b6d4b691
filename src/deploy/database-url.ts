// A pg client for the deploy target as the migration runners read its URL. pg drops query parameters it does
// not know, where the Go drivers (lib/pq, pgx: golang-migrate, goose, dbmate) send `search_path` to the server
// and Prisma reads `schema`: both put the migrations, and the runner's history table, in that schema.

import pg from 'pg';
import { UserError } from '../errors.js';

/** URL parameters that name the session's search path, as the runners' drivers take them. */
const SEARCH_PATH_PARAMS = ['search_path', 'schema'];
/** URL parameters pg reads a file for when it builds the client. */
const FILE_PARAMS = ['sslrootcert', 'sslcert', 'sslkey'];

export function databaseClient(url: URL, config: Omit<pg.ClientConfig, 'connectionString'> = {}): pg.Client {
  const sent = new URL(url.toString());
  const path = SEARCH_PATH_PARAMS.map((p) => sent.searchParams.get(p)).find((v) => v);
  // golang-migrate's own settings (x-migrations-table, x-multi-statement, ...) are the runner's, never the server's (FilterCustomQuery).
  const runners = [...sent.searchParams.keys()].filter((p) => p.startsWith('x-'));
  for (const p of [...SEARCH_PATH_PARAMS, ...runners]) sent.searchParams.delete(p);
  // libpq's options string takes `-c name=value`, with a backslash before any space in the value.
  if (path) sent.searchParams.set('options', [sent.searchParams.get('options'), `-c search_path=${path.replace(/[\\ ]/g, '\\$&')}`].filter(Boolean).join(' '));
  try {
    return new pg.Client({ ...config, connectionString: sent.toString() });
  } catch (e) {
    const { code, message } = e as { code?: string; message?: string };
    const param = FILE_PARAMS.find((p) => sent.searchParams.has(p) && message?.includes(sent.searchParams.get(p)!));
    if (param) throw new UserError(`Cannot read ${sent.searchParams.get(param)}, the ${param} file the database URL names (${code ?? message}): check the path.`);
    throw e;
  }
}
