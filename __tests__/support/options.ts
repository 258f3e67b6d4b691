// Generic GateOptions for tests: what the CLI would build with no config file and no flags.

import type { GateOptions } from '../../src/options.js';
import { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS } from '../../src/options.js';
import { DEFAULT_PLACEHOLDER_PATTERNS } from '../../src/sql/placeholders.js';

export function testOptions(overrides: Partial<GateOptions> = {}): GateOptions {
  return {
    root: process.cwd(),
    folders: [],
    base: null,
    mode: 'pr',
    preset: 'generic',
    checksum: 'sha256',
    all: false,
    placeholders: {},
    placeholderPatterns: [...DEFAULT_PLACEHOLDER_PATTERNS],
    rules: {},
    failOn: 'error',
    dryRun: {
      enabled: false,
      engine: 'auto',
      // As resolveOptions defaults it: a Supabase CLI project runs on Supabase.
      platform: overrides.preset === 'supabase' ? 'supabase' : 'postgres',
      roles: [],
      statementTimeoutMs: DEFAULT_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS,
    },
    history: { format: 'auto', write: false },
    apply: {},
    cache: null,
    ...overrides,
  };
}
