// The Rule contract: a rule has an id, a default severity, a one-line description and a pure check().
// Rules never do I/O; the gate hands them what they need.

import type { Draft, RuleId, Severity } from '../report/finding.js';
import type { Migration } from '../migration.js';
import type { History } from '../history/history.js';
import type { GateOptions } from '../options.js';
import type { ParsedSql } from '../sql/parser.js';
import type { Position } from '../sql/lines.js';
import type { Template } from '../sql/template.js';
import type { Directives } from './directives.js';
import type { EarlierTables } from './idempotency/earlier.js';
import type { Renumbering } from './renumber.js';

interface RuleBase {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line for the docs and `migration-gate rules`. */
  description: string;
}

/** Looks at the migration set as a whole (versions, names, history). */
export interface SetRule extends RuleBase {
  scope: 'set';
  check(ctx: SetContext): Draft[];
  /** The migrations its findings give a new version: renumber.ts plans them together with every other rule's. */
  renumbers?(ctx: SetContext): Migration[];
}

/** Looks at the statements of one migration file. */
export interface FileRule extends RuleBase {
  scope: 'file';
  check(ctx: FileContext): Draft[];
}

export type Rule = SetRule | FileRule;

export interface SetContext {
  /** Every migration in the working tree, in the order the runner applies them. */
  migrations: Migration[];
  /** What is already applied; null when there is no base and no history table. */
  history: History | null;
  options: GateOptions;
  /** Where each migration a set rule renumbers moves, planned once for all of them (renumber.ts newVersions). */
  newVersions?: ReadonlyMap<Migration, Renumbering>;
}

export interface FileContext {
  migration: Migration;
  /** migration.sql with its placeholders filled in (what the parser reads), and the way back to the file. */
  template: Template;
  /** The parse of template.sql. */
  parsed: ParsedSql;
  options: GateOptions;
  /** Maps an offset in template.sql (the parsed text) to a 1-based line and column in the file on disk. */
  position(offset: number): Position;
  /** The tables as the migrations the runner applies before this one leave them. */
  earlier: EarlierTables;
}

/** What the file rules found in one migration: drafts, and the file's inline directives (null: none). */
export interface FileLint {
  file: string;
  drafts: Draft[];
  directives: Directives | null;
  /** Words the rules looked up in the earlier migrations (lower case): the drafts depend on the earlier files that have one. */
  earlierTerms?: string[];
}
