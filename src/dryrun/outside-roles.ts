// Roles that production has but no migration creates (made by the platform, Terraform or a DBA): a bare
// dry-run database lacks them, so a GRANT or OWNER TO naming one fails there and nowhere else. The user
// lists them under dry-run.roles; the dry-run creates them before the history, and a failure on an
// unlisted one says how to list it.

import type { Draft } from '../report/finding.js';
import type { DryRunError } from '../report/report.js';
import { quoted } from '../sql/quoted.js';
import { errorPlace } from './execute.js';
import type { Plan } from './plan.js';

/** Creates each role that is missing, without the right to log in: only its name matters to the migrations. */
export function outsideRolesSql(roles: string[]): string {
  // Roles are cluster-wide: a concurrent run creating the same one is no error.
  return roles
    .map(
      (r) =>
        `DO $mg$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${r.replace(/'/g, "''")}') THEN CREATE ROLE ${quoted(r)} NOLOGIN; END IF;\n` +
        `EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;\nEND $mg$;`,
    )
    .join('\n');
}

/** A role a 42704 error says does not exist, which no migration creates. */
export interface MissingRole {
  role: string;
  /** A role a migration does create, one or two letters away: the name is more likely a typo than a role from outside. */
  near: { name: string; file: string } | null;
}

/** The role `error` says does not exist, unless a migration of `history` creates it or it is a placeholder's stand-in. */
export function missingRole(error: DryRunError, plan: Plan, history: Plan[]): MissingRole | null {
  if (error.sqlstate !== '42704') return null;
  const role = /^role "(.+)" does not exist$/.exec(error.message)?.[1];
  // Error messages name a stand-in as the placeholder it stands for.
  if (!role || plan.template.unfilled.some((f) => role.includes(f.text))) return null;
  let near: MissingRole['near'] = null;
  for (const p of history)
    for (const s of p.parsed.statements) {
      if (s.kind !== 'CreateRoleStmt' || typeof s.node.role !== 'string') continue;
      if (s.node.role === role) return null;
      if (!near && editDistance(s.node.role, role) <= 2) near = { name: s.node.role, file: p.migration.file };
    }
  return { role, near };
}

/** Levenshtein distance, for names of a few dozen letters. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}

/** For a failure on a role a migration nearly names. */
export function typoAdvice(missing: MissingRole): string | null {
  return missing.near ? `Did you mean role ${missing.near.name}, which ${missing.near.file} creates?` : null;
}

/** What to do about `role`, which the dry-run database lacks and no migration creates. */
export function outsideRoleAdvice(role: string): string {
  const name = /^[a-z_][a-z0-9_$]*$/.test(role) ? role : JSON.stringify(role);
  return (
    `No migration creates role ${name}. If production has it (made outside the migrations), list it under dry-run: roles: [${name}] ` +
    `in .migration-gate.yml, or pass --role ${name}: the dry-run then creates it, without login, before the history. ` +
    'If production lacks it too, create it in a migration before this one.'
  );
}

/** A pending migration that stopped on such a role: not the migration's fault as far as the dry-run can tell. */
export function outsideRoleFinding(plan: Plan, error: DryRunError, role: string, where: string): Draft {
  return {
    rule: 'environment',
    ...errorPlace(plan, error),
    message:
      `Needs role "${role}", which the dry-run database (${where}) lacks and no migration creates; ` +
      'the rest of the file was not checked, nor were the migrations after it.',
    suggestion: outsideRoleAdvice(role),
  };
}
