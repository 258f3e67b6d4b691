// Runs one file rule over one migration the way the rule engine does (placeholders, parse, positions).

import type { Draft } from '../../src/report/finding.js';
import type { Migration } from '../../src/migration.js';
import type { GateOptions } from '../../src/options.js';
import type { FileContext, FileRule } from '../../src/rules/rule.js';
import { fileContext as contextFor, runFileRules } from '../../src/rules/index.js';
import { loadParser } from '../../src/sql/parser.js';
import { migration } from './build-migration.js';
import { testOptions } from './options.js';

/** The FileContext src/rules/index.ts builds for `m`. */
export async function fileContext(m: Migration, options: GateOptions = testOptions()): Promise<FileContext> {
  await loadParser();
  return contextFor(m, options);
}

/** `rule`'s drafts for a file with `sql` (a transactional `migrations/001_test.sql` unless `m` says otherwise). */
export async function lintFile(
  rule: FileRule,
  sql: string,
  m: Partial<Migration> = {},
  options?: GateOptions,
): Promise<Draft[]> {
  const base = migration(m.file ?? 'migrations/001_test.sql', sql);
  return rule.check(await fileContext({ ...base, ...m, sql: m.sql ?? base.sql }, options));
}

/** Every file rule's drafts for a file with `sql` as the rule engine hands them on: in the file's own words (placeholders as written). */
export async function engineDrafts(sql: string, m: Partial<Migration> = {}, options: GateOptions = testOptions()): Promise<Draft[]> {
  await loadParser();
  const base = migration(m.file ?? 'migrations/001_test.sql', sql);
  return runFileRules([{ ...base, ...m, sql }], options)[0]!.drafts;
}

/** The file text with each fix applied (later lines first, so earlier line numbers stay valid). */
export function applyFixes(sql: string, drafts: Draft[]): string {
  const lines = sql.split('\n');
  const fixes = drafts.flatMap((d) => (d.fix ? [d.fix] : [])).sort((a, b) => b.line - a.line);
  for (const f of fixes) lines.splice(f.line - 1, f.endLine - f.line + 1, ...f.replacement.split('\n'));
  return lines.join('\n');
}
