// A file its runner refuses to read runs none of it, nor any migration after it: the dry-run skips it, saying why in the
// runner's words (its syntax-error finding says the same, with the fix).

import { decodeSql } from '../discover/decode.js';
import { gooseFile, runsUnderGoose } from '../discover/goose-split.js';
import { readDbmate, runsUnderDbmate } from '../discover/sections.js';
import type { Migration } from '../migration.js';
import type { GateOptions } from '../options.js';
import { LineIndex } from '../sql/lines.js';

export interface Refusal {
  runner: 'goose' | 'dbmate';
  line: number;
  message: string;
}

/** Why `migration`'s runner refuses it; null when it reads it. */
export function runnerRefusal(migration: Migration, options: GateOptions): Refusal | null {
  if (runsUnderGoose(migration, options.preset)) {
    const error = gooseFile(migration)?.error;
    return error ? { runner: 'goose', line: error.line, message: error.message } : null;
  }
  if (runsUnderDbmate(migration, options.preset) && decodeSql(migration.bytes).ok) {
    // Go's string(bytes): a BOM stays.
    const text = migration.bytes.toString('utf8');
    const error = readDbmate(text).error;
    return error ? { runner: 'dbmate', line: new LineIndex(text).position(error.at).line, message: error.message } : null;
  }
  return null;
}
