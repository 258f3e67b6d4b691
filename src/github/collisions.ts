// Version collisions with other open pull requests: two PRs that each add migration 042 both pass
// alone and break the second to merge. Lists the open PRs' added files through the API and flags a
// version this PR shares with one of them, naming that PR, before either merges. "Shares" as the
// preset's runner reads versions: Prisma knows a migration by its whole folder name, diesel matches text.
// node-pg-migrate knows a migration by its file name and runs two of one number, but stops on its order
// check at a new file that sorts before one already run: there the hazard is a file another PR adds that
// sorts after this PR's, which runs first wherever that PR merges first.

import type { Draft, Finding } from '../report/finding.js';
import { compareFindings } from '../report/finding.js';
import { CONFLICT_RULES, type Report, type ReportMigration } from '../report/report.js';
import { verdictOf } from '../report/build.js';
import type { FailOn, PresetName } from '../options.js';
import { parseRelative } from '../discover/classify.js';
import { PRESET_TABLE } from '../config/presets.js';
import { versioning } from '../discover/version-order.js';
import { versionAllocator } from '../rules/renumber.js';
import { pathIn } from '../migration.js';
import type { GitHubApi } from './api.js';
import type { Repo } from './comment.js';
import type { PullFile } from './review.js';

/** The pulls/files entry with the git blob id of the file's content. */
interface PullBlob extends PullFile {
  sha?: string;
}

interface OpenPull {
  number: number;
  title?: string;
  draft?: boolean;
}

/** At most this many other open PRs are looked at (one request each), most recently updated first. */
export const MAX_OPEN_PULLS = 50;

/**
 * The version a file adds as the preset's runner reads it (Prisma: its folder's name), when it is a migration file inside one
 * of `folders` as discovery reads it: none for a file the runner never applies (a loose .sql file under Prisma or diesel).
 */
export function versionOf(file: string, folders: string[], preset: PresetName = 'generic'): string | null {
  return placeOf(file, folders, preset)?.version ?? null;
}

/** A migration file inside one of the report's folders: that folder, its version as written, and the runner's version of it. */
interface Place {
  folder: string;
  written: string;
  version: string;
}

function placeOf(file: string, folders: string[], preset: PresetName): Place | null {
  for (const folder of folders.map((f) => f.replace(/\/+$/, '') || '.')) {
    const rel = pathIn(folder, file);
    if (rel === null) continue;
    const parsed = parseRelative(rel, file, PRESET_TABLE[preset].scheme, preset);
    if (!parsed || !('kind' in parsed) || parsed.kind !== 'versioned') return null;
    return { folder, written: parsed.version, version: versioning(preset).of({ version: parsed.version, file }, folder) };
  }
  return null;
}

/**
 * Drafts of `duplicate-version` for each of this PR's new migrations that another open PR also adds; under node-pg-migrate,
 * warnings of `out-of-order` for each one that sorts before a migration another open PR adds to its folder.
 */
export async function findCollisions(api: GitHubApi, repo: Repo, pr: number, report: Report, preset: PresetName): Promise<Draft[]> {
  const ours = report.migrations.filter((m) => m.version && (m.change === 'added' || (m.change === null && m.status === 'pending')));
  if (ours.length === 0) return [];
  const runner = versioning(preset);
  const own = (m: ReportMigration) => versionOf(m.file, report.folders, preset) ?? m.version;
  // One key per version as the runner matches them: 042 and 42 collide for most, as do Flyway's 1_1 and 1.1.
  const byVersion = new Map<string, ReportMigration[]>();
  for (const m of ours) byVersion.set(runner.key(own(m)), [...(byVersion.get(runner.key(own(m))) ?? []), m]);

  const base = `/repos/${repo.owner}/${repo.repo}/pulls`;
  const open = (await api.request<OpenPull[]>('GET', `${base}?state=open&sort=updated&direction=desc&per_page=${MAX_OPEN_PULLS + 1}`))
    .filter((p) => p.number !== pr)
    .slice(0, MAX_OPEN_PULLS);
  // A PR stacked on this one's branch lists this PR's files too: the same path with the same blob is
  // this very migration, not a second one (the same path with other content still collides).
  const filesOf = (n: number) => api.paginate<PullBlob>(`${base}/${n}/files`);
  const blob = (f: PullBlob) => `${f.filename}\0${f.sha}`;
  const mine = new Set(open.length ? (await filesOf(pr)).filter((f) => f.sha).map(blob) : []);
  const drafts: Draft[] = [];
  const theirs: Place[] = [];
  const compare = runner.comparator(report.migrations.map(own));
  for (const other of open) {
    const files = await filesOf(other.number);
    const added: Array<Place & { file: string }> = [];
    for (const f of files) {
      if (f.status !== 'added' && f.status !== 'renamed' && f.status !== 'copied') continue;
      if (mine.has(blob(f))) continue;
      const place = placeOf(f.filename, report.folders, preset);
      if (place === null) continue;
      added.push({ ...place, file: f.filename });
      for (const m of byVersion.get(runner.key(place.version)) ?? []) {
        drafts.push({
          rule: 'duplicate-version',
          file: m.file,
          line: 0,
          column: 0,
          message: `${runner.noun} ${own(m)} is also added by open pull request #${other.number} (${f.filename}); whichever merges second breaks the migration order`,
          suggestion: '',
        });
      }
    }
    theirs.push(...added);
    if (runner.noun !== 'name') continue;
    for (const m of ours) {
      // A PR stacked on this one carries this migration: it cannot merge without it, and runs it first.
      if (files.some((f) => f.filename === m.file && mine.has(blob(f)))) continue;
      const folder = placeOf(m.file, report.folders, preset)?.folder;
      // node-pg-migrate names the migration already run at this one's place in its order: the first that sorts after it.
      const [first] = added.filter((a) => a.folder === folder && compare(own(m), a.version) < 0).sort((a, b) => compare(a.version, b.version));
      if (!first) continue;
      drafts.push({
        rule: 'out-of-order',
        // Which PR merges first decides it, and a rename here only moves the hazard to the other PR.
        severity: 'warning',
        file: m.file,
        line: 0,
        column: 0,
        message:
          `name ${own(m)} sorts before ${first.version}, which open pull request #${other.number} adds (${first.file}); ` +
          `if #${other.number} merges and deploys first, node-pg-migrate stops on its order check: "Not run migration ${own(m)} is preceding already run migration ${first.version}"`,
        suggestion: '',
      });
    }
  }
  // Suggest a free version once every open PR's versions are known, in the order this PR's files run.
  const colliding = ours.filter((m) => drafts.some((d) => d.file === m.file)).sort((a, b) => compare(own(a), own(b)));
  const renamed = runner.noun === 'folder name' ? new Map<string, string>() : newVersions(report, colliding, theirs, preset);
  for (const d of drafts) {
    const m = ours.find((o) => o.file === d.file)!;
    d.suggestion =
      runner.noun === 'folder name'
        ? 'give its folder a name no other pull request uses'
        : runner.noun === 'name'
          ? `rename it to ${withVersion(m, renamed.get(m.file)!)}, after every migration the open pull requests add` +
            (d.rule === 'out-of-order' ? '; or, if it does not depend on the order, run node-pg-migrate with --no-check-order' : '')
          : `rename to version ${renamed.get(m.file)!}`;
  }
  return drafts;
}

/**
 * The version each of this PR's `colliding` migrations takes (as written), in their order: one allocator per folder hands
 * them out after every version there, here, in the open PRs and in the renames this report already suggests. A file the
 * report already renames keeps that version where it sorts after every one the open PRs add to its folder, and no file of
 * this PR before it took a new one (which would now run after it).
 */
function newVersions(report: Report, colliding: ReportMigration[], theirs: Place[], preset: PresetName): Map<string, string> {
  const runner = versioning(preset);
  const renames = plannedPlaces(report, preset);
  const compare = runner.comparator([...report.migrations.map((m) => m.version), ...theirs.map((t) => t.version), ...[...renames.values()].map((r) => r.version)]);
  const allocators = new Map<string, () => string>();
  const versions = new Map<string, string>();
  for (const m of colliding) {
    const folder = placeOf(m.file, report.folders, preset)!.folder;
    const others = theirs.filter((t) => t.folder === folder);
    const planned = renames.get(m.file);
    if (planned && !allocators.has(folder) && others.every((t) => compare(planned.version, t.version) > 0)) {
      versions.set(m.file, planned.written);
      continue;
    }
    let allocate = allocators.get(folder);
    if (!allocate) {
      const written = [
        ...report.migrations.filter((o) => pathIn(folder, o.file) !== null).map((o) => o.version),
        ...[...others, ...[...renames.values()].filter((r) => r.folder === folder)].map((p) => p.written),
      ];
      allocators.set(folder, (allocate = versionAllocator(written.map((version) => ({ kind: 'versioned' as const, version })), preset)));
    }
    versions.set(m.file, allocate());
  }
  return versions;
}

/** `m`'s path with `version` written in place of its own. */
function withVersion(m: ReportMigration, version: string): string {
  const name = m.file.slice(m.file.lastIndexOf('/') + 1);
  return m.file.slice(0, m.file.length - name.length) + version + name.slice(m.version.length);
}

/** Where the report's renumbering plan moves each migration it renames (ReportMigration.renumberTo), by its path. */
function plannedPlaces(report: Report, preset: PresetName): Map<string, Place> {
  const runner = versioning(preset);
  const places = new Map<string, Place>();
  for (const m of report.migrations) {
    const folder = m.renumberTo && placeOf(m.file, report.folders, preset)?.folder;
    if (!m.renumberTo || !folder) continue;
    // node-pg-migrate's version is the renamed file's name.
    places.set(m.file, { folder, written: m.renumberTo, version: runner.of({ version: m.renumberTo, file: withVersion(m, m.renumberTo) }, folder) });
  }
  return places;
}

/** The report with more findings: counts and verdict recomputed the way the gate computes them. */
export function withFindings(report: Report, extra: Finding[], failOn: FailOn): Report {
  if (extra.length === 0) return report;
  const findings = [...report.findings, ...extra].sort(compareFindings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return {
    ...report,
    findings,
    verdict: report.verdict === 'fail' ? 'fail' : verdictOf(failOn, errors, warnings),
    summary: { ...report.summary, errors, warnings, conflicts: findings.filter((f) => CONFLICT_RULES.has(f.rule)).length },
  };
}
