// Version collisions with other open pull requests: two PRs that each add migration 042 both pass
// alone and break the second to merge. Lists the open PRs' added files through the API and flags a
// version this PR shares with one of them, naming that PR, before either merges. "Shares" as the
// preset's runner reads versions: Prisma knows a migration by its whole folder name, diesel matches text.

import type { Draft, Finding } from '../report/finding.js';
import { compareFindings } from '../report/finding.js';
import { CONFLICT_RULES, type Report, type ReportMigration } from '../report/report.js';
import { verdictOf } from '../report/build.js';
import type { FailOn, PresetName } from '../options.js';
import { parseRelative } from '../discover/classify.js';
import { PRESET_TABLE } from '../config/presets.js';
import { versioning } from '../discover/version-order.js';
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
  for (const folder of folders.map((f) => f.replace(/\/+$/, '') || '.')) {
    const rel = pathIn(folder, file);
    if (rel === null) continue;
    const parsed = parseRelative(rel, file, PRESET_TABLE[preset].scheme, preset);
    return parsed && 'kind' in parsed && parsed.kind === 'versioned' ? versioning(preset).of({ version: parsed.version, file }, folder) : null;
  }
  return null;
}

/** Drafts of `duplicate-version` for each of this PR's new migrations that another open PR also adds. */
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
  const taken = new Set(report.migrations.map((m) => runner.key(own(m))));
  // A PR stacked on this one's branch lists this PR's files too: the same path with the same blob is
  // this very migration, not a second one (the same path with other content still collides).
  const filesOf = (n: number) => api.paginate<PullBlob>(`${base}/${n}/files`);
  const blob = (f: PullBlob) => `${f.filename}\0${f.sha}`;
  const mine = new Set(open.length ? (await filesOf(pr)).filter((f) => f.sha).map(blob) : []);
  const drafts: Draft[] = [];
  for (const other of open) {
    const files = await filesOf(other.number);
    for (const f of files) {
      if (f.status !== 'added' && f.status !== 'renamed' && f.status !== 'copied') continue;
      if (mine.has(blob(f))) continue;
      const version = versionOf(f.filename, report.folders, preset);
      if (version === null) continue;
      taken.add(runner.key(version));
      for (const m of byVersion.get(runner.key(version)) ?? []) {
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
  }
  // Suggest a free version once every open PR's versions are known.
  for (const d of drafts) {
    const m = ours.find((o) => o.file === d.file)!;
    d.suggestion =
      runner.noun === 'folder name'
        ? 'give its folder a name no other pull request uses'
        : (nextFree(m.version, (v) => taken.has(runner.key(v))) ?? 'give this migration a new, unused version');
  }
  return drafts;
}

/** The next unused sequential version with the same width, for sequential versions; null otherwise. */
function nextFree(version: string, isTaken: (version: string) => boolean): string | null {
  if (!/^\d{1,8}$/.test(version)) return null;
  const at = (n: number) => String(n).padStart(version.length, '0');
  let n = Number(version);
  while (isTaken(at(++n)));
  return `rename to version ${at(n)}`;
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
