// A database of its own for one test file on the real test server, made when asked (not per describe block), under a
// random name so a file may make several; dropped when the test calls drop().

import { randomBytes } from 'node:crypto';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';

export type { ScratchDatabase };

export function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  return createScratchDatabase(`mg_${prefix}_${randomBytes(4).toString('hex')}`);
}
