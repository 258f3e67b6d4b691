// A database of its own for one test file on the real test server, dropped afterwards.

import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { connectTestServer, TEST_DATABASE_URL } from '../support/postgres.js';

export interface ScratchDatabase {
  name: string;
  url: string;
  client: pg.Client;
  drop(): Promise<void>;
}

export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `mg_${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = await connectTestServer();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const client = await connectTestServer(name);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    client,
    async drop() {
      await client.end().catch(() => undefined);
      const a = await connectTestServer();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
