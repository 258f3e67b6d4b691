// The dry-run on a real PostgreSQL server (url engine); fails, never skips, without one.

import { describe } from '@jest/globals';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { dryRunCases } from './cases.js';
import { runnerCases } from './runner-cases.js';

describe('url engine', () => {
  dryRunCases('url', TEST_DATABASE_URL);
  runnerCases('url', TEST_DATABASE_URL);
});
