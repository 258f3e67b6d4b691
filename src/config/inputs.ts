// GateInputs: what a door (CLI flags or Action inputs) was given, before validation and merging
// with the config file. Every field is optional: absent means "use the config file or the default".

import type { RuleId } from '../report/finding.js';
import type { RuleSetting } from '../options.js';

export interface GateInputs {
  /** Where relative paths and the config file are looked up; the repository root. */
  root: string;
  /** Migration folders: paths or globs. */
  paths?: string[];
  base?: string | null;
  config?: string;
  mode?: string;
  preset?: string;
  checksum?: string;
  all?: boolean;
  dryRun?: boolean;
  engine?: string;
  databaseUrl?: string;
  searchPath?: string;
  /** postgres | supabase: what the dry-run's database holds before the migrations. */
  platform?: string;
  /** Roles the dry-run creates first, added to the config file's. */
  roles?: string[];
  postgresVersion?: string;
  placeholders?: Record<string, string>;
  rules?: Partial<Record<RuleId, RuleSetting>>;
  history?: string;
  historyTable?: string;
  historyWrite?: boolean;
  /** error | warning | never: which findings make the verdict fail. */
  failOn?: string;
  /** The lint cache: true for the default folder, a folder path, or false for none. */
  cache?: boolean | string;
}
