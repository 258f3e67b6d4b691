// --fix: the findings' mechanical fixes written into the migration files that are new against the base. A file the
// base has is left as it is: databases already ran it, and any edit is checksum drift to the runners that check.
// graphile-migrate's current migration, which no database records, is fixed wherever the branch changes it.
// Each file is written whole or not at all, with its line breaks, BOM and mode as they were.

import { accessSync, constants, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { writeAtomically } from './atomic-file.js';
import { currentPaths } from './discover/graphile-current.js';
import { findingsByFile, type Fix } from './report/finding.js';
import type { Report } from './report/report.js';
import { plural } from './report/plural.js';

/** What --fix did to one new file: all of its fixes that fit written, or, with `error`, nothing. */
export interface FileFixes {
  file: string;
  /** The findings whose fix was written. */
  fixed: number;
  /** Fixes left out because their lines overlap a fix written before them. */
  skipped: Fix[];
  /** Why the file could not be written (it is unchanged); unset when it was. */
  error?: string;
}

/** What --fix does: the new files it writes, with their fixes, and the files it leaves as they are. */
export interface FixPlan {
  files: Array<{ file: string; fixes: Fix[] }>;
  left: Array<{ file: string; why: string }>;
}

/** The files of `report`'s findings with a fix (repo-relative, under `root`), each with its fixes in report order. */
export function planFixes(root: string, report: Report): FixPlan {
  const byFile = new Map([...findingsByFile(report.findings.filter((f) => f.fix))].map(([file, found]) => [file, found.map((f) => f.fix!)]));
  const plan: FixPlan = { files: [], left: [] };
  for (const [file, fixes] of byFile) {
    const why = notOurs(file, report) ?? linkTarget(root, file);
    if (why) plan.left.push({ file, why });
    else plan.files.push({ file, fixes });
  }
  // A fixture's findings come without a fix (atWrittenLines): said once a file, so that none is taken for one --fix missed.
  const fixtures = new Set(report.findings.map((f) => f.file).filter((file) => !byFile.has(file) && fixtureOf(file, report)));
  for (const file of fixtures) plan.left.push({ file, why: SHARED_FIXTURE });
  return plan;
}

const SHARED_FIXTURE = 'it is a fixture that `--!include` shares with every migration that includes it: fix it by hand';

/** Whether `file` is in the fixtures folder of graphile-migrate's current migration, beside a checked `committed/`. */
function fixtureOf(file: string, report: Report): boolean {
  return report.folders.some((folder) => {
    const fixtures = currentPaths(folder)?.fixtures;
    return fixtures !== undefined && file.startsWith(`${fixtures}/`);
  });
}

/**
 * Why `file` is not --fix's to edit: on the base already (unchanged, or a migration databases ran), or no migration's
 * own. graphile-migrate's current migration (current.sql, or a file of current/, one row) is work in progress that
 * `migrate` never runs: any change to it leaves no checksum behind.
 */
function notOurs(file: string, report: Report): string | null {
  const row = report.migrations.find((m) => m.file === file || file.startsWith(`${m.file}/`));
  if (!row) return fixtureOf(file, report) ? SHARED_FIXTURE : 'it is not one of the migrations checked';
  if (row.change === 'added' || (row.status === 'current' && row.change === 'modified')) return null;
  if (row.status === 'current') return `it is on ${report.base} already, and this branch leaves it unchanged`;
  return `it is on ${report.base} already, and an edit would be checksum drift`;
}

/** A new migration that is a link shares its target with whatever else links there, maybe a migration that ran. */
function linkTarget(root: string, file: string): string | null {
  const path = join(root, file);
  if (!lstatSync(path).isSymbolicLink()) return null;
  return `it is a link to ${relative(root, realpathSync(path)).split(sep).join('/')}, which other migrations may read too: fix that file itself`;
}

/** Writes each file's fixes, under `root`: the file whole, or not at all. */
export function writeFixes(root: string, files: FixPlan['files']): FileFixes[] {
  return files.map(({ file, fixes }) => fixFile(root, file, fixes));
}

const BOM = '\uFEFF';

function fixFile(root: string, file: string, fixes: Fix[]): FileFixes {
  try {
    const path = join(root, file);
    const { mode } = statSync(path);
    // Renaming over a file replaces it whatever its mode: a file nobody may write is refused, as an editor refuses it.
    if ((mode & 0o222) === 0) return { file, fixed: 0, skipped: [], error: 'it is read-only' };
    accessSync(path, constants.W_OK);
    const text = readFileSync(path, 'utf8');
    const bom = text.startsWith(BOM) ? BOM : '';
    const { fixed, applied, skipped } = applyFixes(text.slice(bom.length), fixes);
    writeAtomically(path, bom + fixed);
    return { file, fixed: applied, skipped };
  } catch (e) {
    return { file, fixed: 0, skipped: [], error: (e as Error).message };
  }
}

/**
 * `text` with `fixes` applied: where two overlap, the one starting higher in the file wins and the other is skipped.
 * Replacements are written with the file's line break (a fix's lines are joined by LF), and a file that ends
 * without one still does.
 */
export function applyFixes(text: string, fixes: Fix[]): { fixed: string; applied: number; skipped: Fix[] } {
  const chosen: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of [...fixes].sort((a, b) => a.line - b.line || a.endLine - b.endLine)) {
    (chosen.length && fix.line <= chosen[chosen.length - 1]!.endLine ? skipped : chosen).push(fix);
  }
  const crlf = /^[^\n]*\r\n/.test(text);
  const lines = text.split('\n');
  // Bottom-up, so the line numbers of the fixes above still hold.
  for (const fix of chosen.reverse()) {
    const cr = lines[fix.endLine - 1]!.endsWith('\r') ? '\r' : '';
    lines.splice(fix.line - 1, fix.endLine - fix.line + 1, fix.replacement.split('\n').join(crlf ? '\r\n' : '\n') + cr);
  }
  return { fixed: lines.join('\n'), applied: chosen.length, skipped };
}

/** The line --fix prints for a file it wrote: `fixed 3 findings in migrations/0012_add_orders.sql`, and what it left. */
export function describeFixes({ file, fixed, skipped }: FileFixes): string {
  const head = `fixed ${plural(fixed, 'finding')} in ${file}`;
  const at = skipped.map((f) => f.line).join(', ');
  if (skipped.length === 0) return head;
  return skipped.length === 1
    ? `${head}; the fix at line ${at} overlaps another: run --fix again for it`
    : `${head}; the fixes at lines ${at} overlap others: run --fix again for them`;
}
