// syntax-error under node-pg-migrate: its getActions (src/sqlMigration.ts) takes a file's up SQL from its `-- Up Migration`
// marker, and the whole file where there is none. A file with only a `-- Down Migration` marker then runs its down part on
// `up` too, right after the up part (a CREATE, then its DROP), and node-pg-migrate says nothing.

import { decodeSql } from '../discover/decode.js';
import { npmDownWithoutUp } from '../discover/sections.js';
import type { Draft } from '../report/finding.js';
import { LineIndex } from '../sql/lines.js';
import type { FileContext } from './rule.js';

export function npmSectionDrafts(ctx: FileContext): Draft[] {
  const { migration, options } = ctx;
  const decoded = options.preset === 'node-pg-migrate' ? decodeSql(migration.bytes) : null;
  if (!decoded?.ok) return [];
  const down = npmDownWithoutUp(decoded.text);
  if (down === null) return [];
  const { line, column } = new LineIndex(decoded.text).position(down);
  return [
    {
      rule: 'syntax-error',
      severity: 'error',
      file: migration.file,
      line,
      column,
      message:
        'This file has a `-- Down Migration` marker but no `-- Up Migration` one, so node-pg-migrate takes the whole file for its up ' +
        'migration: `node-pg-migrate up` runs the down statements too, right after the up ones.',
      suggestion: 'Write `-- Up Migration` on its own line above the migration\'s statements.',
    },
  ];
}
