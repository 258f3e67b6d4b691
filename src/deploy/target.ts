// The deploy target: one pg connection to the database the migrations are for, with a bounded
// connect timeout and errors a user can act on (never carrying the password).

import pg from 'pg';
import type { GateOptions } from '../options.js';
import { UserError } from '../errors.js';
import { maskedUrl, safeDecode, secretRedactor } from '../redact.js';
import { databaseClient } from './database-url.js';

/** libpq's default is to wait forever; a deploy job should fail within seconds instead. */
export const DEFAULT_CONNECT_TIMEOUT_S = 10;

export interface Target {
  client: pg.Client;
  /** The URL with the password replaced, for messages. */
  display: string;
  /** Removes the password (and the full URL) from any text before it is shown. */
  redact(text: string): string;
}

/** The target URL from the options, or a UserError saying how to give one. */
export function targetUrl(options: GateOptions): string {
  const url = options.dryRun.databaseUrl;
  if (!url) throw new UserError('Deploy mode needs the target database: pass --database-url (or the database-url input).');
  return url;
}

/** Opens a connection to the target; every failure a user can cause becomes a UserError. */
export async function connectTarget(rawUrl: string, applicationName = 'migration-gate'): Promise<Target> {
  const { url, display, redact } = parseTargetUrl(rawUrl);
  const seconds = Number(url.searchParams.get('connect_timeout') ?? DEFAULT_CONNECT_TIMEOUT_S);
  const client = databaseClient(url, {
    connectionTimeoutMillis: Math.max(1, Number.isFinite(seconds) ? seconds : DEFAULT_CONNECT_TIMEOUT_S) * 1000,
    application_name: applicationName,
  });
  // A connection that drops later (server restart, killed backend) must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new UserError(`Cannot connect to the target database ${display}: ${redact(connectReason(e, url))}`);
  }
  return { client, display, redact };
}

function parseTargetUrl(rawUrl: string): { url: URL; display: string; redact(text: string): string } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UserError('The database URL is not a valid URL: expected postgres://user:password@host:5432/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UserError(`The database URL must start with postgres:// or postgresql://, not ${url.protocol}//.`);
  }
  return { url, display: maskedUrl(url), redact: secretRedactor(rawUrl) };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET']);

/** What went wrong while connecting, in words that say what to fix. */
function connectReason(e: unknown, url: URL): string {
  const err = e as { code?: string; message?: string };
  const where = `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  const user = safeDecode(url.username || 'the default user');
  const message = err.message ?? String(e);
  switch (err.code) {
    case '28P01':
      return `password authentication failed for user ${user}; check the password in the URL (or the secret it comes from).`;
    case '28000':
      return `the server does not accept user ${user} from this host (${message}).`;
    case '3D000':
      return `${message}; check the database name in the URL.`;
    case '53300':
      return 'the server has no free connection slots; try again later.';
  }
  if (err.code && UNREACHABLE.has(err.code)) return `cannot reach ${where} (${err.code}); check the host and port, and that the server accepts connections from here.`;
  if (/timeout/i.test(message)) return `no answer from ${where} within the connect timeout; check the host and port (or raise connect_timeout in the URL).`;
  return message;
}
