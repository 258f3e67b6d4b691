// syntax-error under node-pg-migrate: its getActions (src/sqlMigration.ts) takes a file's up SQL from its `-- Up Migration`
// marker, and the whole file where there is none. A file with only a `-- Down Migration` marker then runs its down part on
// `up` too, right after the up part (a CREATE, then its DROP), and node-pg-migrate says nothing.

import { npmDownWithoutUp } from '../discover/sections.js';
import type { Draft } from '../report/finding.js';
import { LineIndex } from '../sql/lines.js';
import type { FileContext } from './rule.js';

export function npmSectionDrafts(ctx: FileContext): Draft[] {
  const { migration, options } = ctx;
  if (options.preset !== 'node-pg-migrate') return [];
  // Without an up marker there is no up section: the migration's decoded text is the whole file, from its first line.
  const down = npmDownWithoutUp(migration.sql);
  if (down === null) return [];
  const { line, column } = new LineIndex(migration.sql).position(down);
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
