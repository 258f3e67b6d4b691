// A Sqitch project folder: sqitch.plan, and the deploy scripts under deploy/ that its changes name. `sqitch deploy` runs
// the plan's changes in the plan's order, each by its deploy script, and knows nothing of a script no change names.

import { posix } from 'node:path';
import { checksum } from '../checksum/index.js';
import type { Draft } from '../report/finding.js';
import { inFolder, pathIn } from '../migration.js';
import type { FolderListing } from './classify.js';
import type { ParsedName, RefusedName } from './naming.js';
import { readPlan, SQITCH_PLAN, type Plan, type PlanChange } from './sqitch-plan.js';

/** The folder of deploy scripts inside the project folder (core.deploy_dir, by default). */
export const SQITCH_DEPLOY = 'deploy';

/** Whether a listed path is the plan of project folder `folder`. */
export function isSqitchPlan(folder: string, path: string): boolean {
  return path === inFolder(folder, SQITCH_PLAN);
}

/** Whether a path inside the project folder is one Sqitch reads: the plan, or a deploy script at any depth. */
export function isSqitchSource(rel: string): boolean {
  return rel === SQITCH_PLAN || (rel.startsWith(`${SQITCH_DEPLOY}/`) && rel.endsWith('.sql'));
}

/** A planned change as a migration: its place in the plan is its version, its name the change's. */
function planName(change: PlanChange): ParsedName {
  return { scheme: 'sequential', kind: 'versioned', version: String(change.index + 1), name: change.name };
}

/** What the plan makes of the folder's deploy scripts: each one's change, and findings for the rest. */
export interface PlanReading {
  /** The plan as Sqitch reads it; null when it cannot (then Sqitch deploys nothing, and the scripts are read by path alone). */
  plan: Plan | null;
  /** The change of each deploy script the plan names, by path. */
  changeOf: Map<string, PlanChange>;
  /** Each deploy script that is a migration, by path, as named: the plan's changes, or every script in path order where Sqitch cannot read the plan. */
  nameOf: Map<string, ParsedName>;
  findings: Draft[];
  refusedNames: RefusedName[];
}

/** The plan in a project folder's listing, read and matched with its deploy scripts; null where there is neither. */
export function planOf(listing: FolderListing): PlanReading | null {
  const source = listing.files.find((f) => isSqitchPlan(listing.folder, f.path));
  const deployDir = inFolder(listing.folder, SQITCH_DEPLOY);
  const scripts = new Set(listing.files.map((f) => pathIn(deployDir, f.path)).filter((rel): rel is string => rel !== null && rel.endsWith('.sql')));
  const out: PlanReading = { plan: null, changeOf: new Map(), nameOf: new Map(), findings: [], refusedNames: [] };
  // Lint still reads the scripts of a plan Sqitch refuses, in path order, which is all there is to go by.
  const byPath = () => [...scripts].sort().forEach((rel, i) => out.nameOf.set(inFolder(deployDir, rel), { scheme: 'sequential', kind: 'versioned', version: String(i + 1), name: rel.slice(0, -4) }));
  const planPath = inFolder(listing.folder, SQITCH_PLAN);
  const refuse = (file: string, line: number, message: string, refused: string, fix: string) => {
    out.findings.push({ rule: 'unreadable-file', file, line, column: 0, message, suggestion: fix });
    out.refusedNames.push({ folder: listing.folder, file, refused, fix, reason: message });
  };
  if (!source) {
    if (scripts.size === 0) return null;
    refuse(
      planPath,
      0,
      `${listing.folder} has deploy scripts but no ${SQITCH_PLAN}: Sqitch deploys only the changes its plan lists, so \`sqitch deploy\` fails with nothing to deploy`,
      `no ${SQITCH_PLAN}`,
      `restore ${SQITCH_PLAN}, or give migration-gate the folder that holds it (Sqitch's top_dir)`,
    );
    byPath();
    return out;
  }
  const reading = source.bytes ? readPlan(source.bytes.toString('utf8'), (rel) => scripts.has(rel)) : { problem: source.problem!.message, line: 0 };
  if ('problem' in reading) {
    refuse(
      source.path,
      reading.line,
      `Sqitch cannot read ${source.path}: ${reading.problem}; \`sqitch deploy\` (and every other command) fails before it deploys any change`,
      `cannot read ${SQITCH_PLAN}: ${reading.problem}`,
      'fix the plan as the message says (after a merge: keep every change line of both sides, each once, in the order they were deployed), then run `sqitch plan` to check it',
    );
    byPath();
    return out;
  }
  out.plan = reading.plan;
  const named = new Set<string>();
  for (const change of reading.plan.changes) {
    const rel = `${change.script}.sql`;
    const file = inFolder(deployDir, rel);
    named.add(rel);
    if (!scripts.has(rel)) {
      refuse(
        source.path,
        change.line,
        `${source.path} plans ${change.name}, but its deploy script ${file} is missing: \`sqitch deploy\` fails when it reaches it, and reverts every change it deployed before it in that run`,
        `no deploy script ${file}`,
        `restore ${file}, or remove ${change.name} from the plan (\`sqitch remove ${change.name}\` where no database deployed it)`,
      );
      continue;
    }
    out.changeOf.set(file, change);
    out.nameOf.set(file, planName(change));
  }
  const bytesOf = new Map(listing.files.map((f) => [f.path, f.bytes]));
  out.findings.push(...sameScripts(bytesOf, out.changeOf));
  const included = includedScripts(listing.folder, bytesOf, out.changeOf);
  for (const rel of scripts) {
    if (named.has(rel) || included.has(inFolder(deployDir, rel))) continue;
    out.findings.push({
      rule: 'invalid-name',
      file: inFolder(deployDir, rel),
      line: 0,
      column: 0,
      message: `${posix.basename(rel)} is a deploy script no change in ${source.path} names: Sqitch deploys only the changes its plan lists, so it never runs this file`,
      suggestion: `plan it with \`sqitch add ${rel.slice(0, -'.sql'.length)}\` (which writes its plan line and keeps this script), or move it out of ${SQITCH_DEPLOY}/`,
    });
  }
  return out;
}

/**
 * Deploy scripts of one plan with the same bytes: the registry keeps one script_hash per project (sqitch.changes UNIQUE
 * (project, script_hash)), so the later change fails to deploy. `sqitch rework` leaves the reworked script a copy of the old one.
 */
function sameScripts(bytesOf: Map<string, Buffer | undefined>, changeOf: Map<string, PlanChange>): Draft[] {
  const first = new Map<string, string>();
  const drafts: Draft[] = [];
  const byPlan = [...changeOf].sort(([, a], [, b]) => a.index - b.index);
  for (const [file, change] of byPlan) {
    const bytes = bytesOf.get(file);
    if (!bytes) continue;
    const hash = checksum('sqitch', bytes);
    const earlier = first.get(hash);
    if (earlier === undefined) {
      first.set(hash, file);
      continue;
    }
    drafts.push({
      rule: 'duplicate-version',
      file,
      line: 0,
      column: 0,
      message:
        `${file} has the same bytes as ${earlier}: Sqitch records each deploy script's SHA-1 once per project (sqitch.changes' unique script_hash), ` +
        `so \`sqitch deploy\` fails at ${change.name} with a duplicate key error, and reverts every change it deployed in that run`,
      suggestion: `write the change ${change.name} is meant to make into ${file} (\`sqitch rework\` starts it as a copy of the script it reworks)`,
    });
  }
  return drafts;
}

/** psql's include meta-commands: `\i` reads a path from psql's folder (where `sqitch deploy` runs), `\ir` from the script's own. */
const INCLUDE = /^[ \t]*\\(i|include|ir|include_relative)[ \t]+(?:'([^']*)'|(\S+))/gm;

/** The files the planned scripts include with psql's `\i` or `\ir`: parts of those scripts, not changes of their own. */
function includedScripts(folder: string, bytesOf: Map<string, Buffer | undefined>, changeOf: Map<string, PlanChange>): Set<string> {
  const included = new Set<string>();
  for (const file of changeOf.keys()) {
    const text = bytesOf.get(file)?.toString('utf8');
    if (!text?.includes('\\i')) continue;
    for (const [, command, quoted, bare] of text.matchAll(INCLUDE)) {
      const from = command === 'ir' || command === 'include_relative' ? posix.dirname(file) : folder;
      included.add(posix.normalize(inFolder(from, (quoted ?? bare)!)));
    }
  }
  return included;
}
