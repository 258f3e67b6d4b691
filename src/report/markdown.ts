// The Markdown renderer: the sticky PR comment, the job summary and `--format markdown`.
// Every name, SQL text and message in a report is untrusted (it comes from the PR), so all of it goes
// through the escapers below: no HTML, no @mentions, code fences that a backtick run cannot close.

import { findingsByFile, type Finding } from './finding.js';
import { CONFLICT_RULES, type DryRunMigration, type Report, type ReportMigration, type SchemaChange } from './report.js';
import { plural } from './plural.js';
import { shellQuote } from '../shell.js';
import type { GateInputs } from '../config/inputs.js';

/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const COMMENT_LIMIT = 65_536;

/** The stages a body is shrunk through until it fits: everything, then as many errors as fit, then counts. */
export type Stage = 'full' | 'errors' | 'counts';
const STAGES: Stage[] = ['full', 'errors', 'counts'];

export interface MarkdownContext {
  /** `https://github.com/owner/repo`: file names link to `<repoUrl>/blob/<sha>/<file>#L<line>`. */
  repoUrl?: string;
  /** The commit the links point at (the PR head; a file the PR deleted links at the base). */
  sha?: string;
  /** The one command that reproduces the result locally; derived from the report when absent. */
  reproduce?: string;
  /** A hidden first line that lets the Action find its own comment again: only a PR comment has one. */
  marker?: string;
  /** Deploy mode: the target database as `host:port/database` (never the URL: it may hold a password). */
  target?: string;
  /** Markdown placed right under the verdict (the Action's apply result); escaped by its author. */
  prelude?: string;
  /** Extra lines for the end (e.g. annotations not shown, a comment that could not be posted). */
  notes?: string[];
  /** Size budget; COMMENT_LIMIT by default. */
  limit?: number;
  /** How the budget is measured: characters by default (comments); bytes for the job summary. */
  measure?: (body: string) => number;
  /** Start shrinking at this stage (tests; a caller that knows the full body will not fit). */
  stage?: Stage;
}

/** Renders the report, shrinking full → errors only → counts until it fits the budget; never fails. */
export function renderMarkdown(report: Report, context: MarkdownContext = {}): string {
  const limit = context.limit ?? COMMENT_LIMIT;
  const measure = context.measure ?? ((s: string) => s.length);
  const fits = (body: string) => measure(body) <= limit;
  let body = '';
  for (const stage of STAGES.slice(STAGES.indexOf(context.stage ?? 'full'))) {
    const rows = stage === 'errors' ? mostRows(report, context, fits) : Infinity;
    if (rows === 0) continue;
    body = renderStage(report, context, stage, rows);
    if (fits(body)) return body;
  }
  // Only reachable with an absurd budget or folder list: cut at a line and say so.
  const note = '\n\n_Report cut to fit the size limit; run the command above locally for all of it._\n';
  let cut = body.slice(0, Math.max(0, limit - note.length - 8));
  while (cut.length > 0 && measure(cut + note) > limit) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return cut.slice(0, cut.lastIndexOf('\n') + 1 || cut.length) + note;
}

/** What a run was given, from either door (the CLI's flags, the Action's inputs), with the CLI's -C as given. */
export type Given = Omit<GateInputs, 'root'> & { dir?: string };

/**
 * `npx migration-gate check <folders> --base <sha>`: what a developer runs to see the same report, with the flags of what
 * else the run was given that changes its result. A database, the target's or the dry-run's server, goes by
 * `$DATABASE_URL`, never by its value; a placeholder's value (it may be a secret) is left out, as is what changes
 * nothing in a check (history-write, the cache, the output).
 */
export function reproduceCommand(report: Report, given: Given = {}): string {
  const parts = ['npx', 'migration-gate', 'check', ...report.folders.map(shellQuote)];
  const base = report.base?.startsWith('git:') ? report.base.slice(4) : null;
  if (report.mode === 'pr' && base) parts.push('--base', shellQuote(base));
  if (report.mode === 'deploy') parts.push('--mode', 'deploy');
  if (report.mode === 'deploy' || report.dryRun?.engine === 'url') parts.push('--database-url', '"$DATABASE_URL"');
  const flags: [string, string | boolean | undefined][] = [
    ['dir', given.dir],
    ['config', given.config],
    ['preset', given.preset],
    ['checksum', given.checksum],
    ['all', given.all],
    ['engine', given.engine],
    ['dry-run', given.dryRun === true],
    ['no-dry-run', given.dryRun === false],
    ['fail-on', given.failOn],
    ['search-path', given.searchPath],
    ['platform', given.platform],
    ...(given.roles ?? []).map((r): [string, string] => ['role', r]),
    ['postgres-version', given.postgresVersion],
    ['history', given.history],
    ['history-table', given.historyTable],
  ];
  for (const [flag, value] of flags) if (value) parts.push(`--${flag}`, ...(value === true ? [] : [shellQuote(value)]));
  return parts.join(' ');
}

/** The most error rows (and half as many pending files and conflicts) whose errors-only body fits; 0 if none does. */
function mostRows(report: Report, ctx: MarkdownContext, fits: (body: string) => boolean): number {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const pending = report.migrations.filter((m) => m.status === 'pending').length;
  let [low, high] = [0, 2 * Math.max(1, errors, pending)];
  while (low < high) {
    const rows = Math.ceil((low + high) / 2);
    if (fits(renderStage(report, ctx, 'errors', rows))) low = rows;
    else high = rows - 1;
  }
  return low;
}

/** One stage's body; the errors-only stage shows at most `rows` errors and half as many pending files and conflicts. */
function renderStage(report: Report, ctx: MarkdownContext, stage: Stage, rows: number): string {
  let out: string[] = [];
  if (ctx.marker) out.push(ctx.marker);
  out.push(verdictLine(report), '', contextLine(report, ctx), '');
  if (ctx.prelude) out.push(ctx.prelude, '');
  const links = new Links(ctx, report);
  const conflicts = report.findings.filter((f) => CONFLICT_RULES.has(f.rule));
  const others = report.findings.filter((f) => !CONFLICT_RULES.has(f.rule));
  const half = Math.floor(rows / 2);
  let omitted = stage === 'counts' ? report.findings.length : stage === 'errors' ? report.summary.warnings : 0;
  if (stage === 'full') {
    // concat, not push(...): the full stage lists every finding, more on a pg_dump baseline than a call takes arguments.
    out = out.concat(
      pendingSection(report, links, Infinity),
      conflictSection(conflicts, links, Infinity),
      dryRunFailures(report, links, 4000),
      findingSection(others, links),
    );
  } else if (stage === 'errors') {
    const errors = others.filter((f) => f.severity === 'error');
    out.push(...pendingSection(report, links, half));
    out.push(...conflictSection(conflicts.filter((f) => f.severity === 'error'), links, half));
    out.push(...dryRunFailures(report, links, 600));
    out.push(...compactFindings(errors, links, rows));
    omitted += Math.max(0, errors.length - rows) + Math.max(0, conflicts.filter((f) => f.severity === 'error').length - half);
  }
  if (omitted > 0) {
    // Reviewers cannot open files on the runner; a comment's readers can open the run's summary (up to 1 MiB).
    const elsewhere = ctx.marker ? 'see the job summary of this workflow run (up to 1 MiB of the report), or run' : 'run';
    out.push(
      `> [!NOTE]`,
      `> ${plural(omitted, 'finding')} not shown here, to stay within GitHub's size limit; ${elsewhere} the command below for all of them.`,
      '',
    );
  }
  out.push('**Reproduce locally**', '', fence(ctx.reproduce ?? reproduceCommand(report), 'sh'), '');
  for (const note of ctx.notes ?? []) out.push(`> ${message(note)}`, '');
  out.push(`<sub>${text(`${report.tool.name} ${report.tool.version}`)}</sub>`, '');
  return out.join('\n');
}

function verdictLine(report: Report): string {
  const { errors, warnings, pending, conflicts } = report.summary;
  const icon = report.verdict === 'pass' ? '✅' : '❌';
  const counts = [
    errors ? `**${plural(errors, 'error')}**` : plural(0, 'error'),
    plural(warnings, 'warning'),
    `${plural(pending, 'pending migration')}`,
    plural(conflicts, 'conflict'),
  ];
  return `### ${icon} migration-gate: ${report.verdict} · ${counts.join(' · ')}`;
}

function contextLine(report: Report, ctx: MarkdownContext): string {
  const parts = [`Folders ${report.folders.slice(0, 10).map((f) => code(f)).join(', ')}${report.folders.length > 10 ? ', …' : ''}`];
  const deploy = report.mode === 'deploy';
  if (deploy) {
    parts.push(ctx.target ? `deploy to ${code(ctx.target)}` : 'deploy mode');
    const table = report.base?.startsWith('table:') ? report.base.slice(6) : report.base;
    parts.push(table ? `history ${code(table)}` : 'no history table yet');
  } else if (report.base) {
    parts.push(`base ${code(shortRef(report.base))}`);
  }
  const dr = report.dryRun;
  // In deploy mode say where the dry-run ran: readers must not fear it touched the target.
  const where = deploy ? `a scratch ${text(dr?.engine ?? '')} database, not the target` : text(dr?.engine ?? '');
  parts.push(
    dr
      ? `dry-run on ${where} (PostgreSQL ${text(dr.serverVersion)}), baseline ${ms(dr.baselineMs)}${dr.baselineCached ? ' (cached)' : ''}`
      : 'no dry-run',
  );
  return parts.join(' · ');
}

function pendingSection(report: Report, links: Links, maxRows: number): string[] {
  const pending = report.migrations.filter((m) => m.status === 'pending');
  // graphile-migrate's work in progress, which `watch` runs after them: always shown, last.
  const current = report.migrations.filter((m) => m.status === 'current');
  const deploy = report.mode === 'deploy';
  if (pending.length + current.length === 0) return [deploy ? 'No pending migrations: the target has every file applied.' : 'No pending migrations.', ''];
  const runs = new Map((report.dryRun?.migrations ?? []).map((r) => [r.file, r]));
  const out = [
    `#### ${deploy ? 'Pending on the target' : 'Pending migrations'} (${pending.length})${current.length ? ' and the current migration' : ''}`,
    '',
    '| Version | Name | File | Dry-run | Time | Objects changed |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const m of pending.slice(0, maxRows)) out.push(pendingRow(m, runs.get(m.file), links, deploy));
  if (pending.length > maxRows) out.push(`| … | ${pending.length - maxRows} more | | | | |`);
  for (const m of current) out.push(pendingRow(m, runs.get(m.file), links, deploy));
  out.push('');
  return out;
}

/** A pending migration's row; a current one's says it is graphile-migrate's work in progress, which the dry-run ran twice as `watch` does. */
function pendingRow(m: ReportMigration, run: DryRunMigration | undefined, links: Links, deploy: boolean): string {
  // "applied" next to a deploy's pending file would read as applied to the target.
  const ok = deploy ? '✅ ran' : m.status !== 'current' ? '✅ applied' : run?.rerun === 'failed' ? '❌ failed when run again, as watch does' : '✅ applied twice, as watch runs it';
  const status = !run ? '—' : run.status === 'applied' ? ok : run.status === 'failed' ? '❌ failed' : `⏭️ skipped${run.reason ? `: ${text(run.reason)}` : ''}`;
  const cells = [
    m.status === 'current' ? 'current (graphile watch)' : code(m.version || 'repeatable', true),
    text(m.name),
    links.file(m.file, 0, true),
    status,
    run ? ms(run.durationMs) : '—',
    run ? changesCell(run.changes) : '—',
  ];
  return `| ${cells.join(' | ')} |`;
}

const ACTION_SIGN: Record<SchemaChange['action'], string> = { create: '+', alter: '~', drop: '−' };

function changesCell(changes: SchemaChange[]): string {
  if (changes.length === 0) return 'none';
  const shown = changes.slice(0, 3).map((c) => `${ACTION_SIGN[c.action]} ${text(c.kind)} ${code(c.name, true)}`);
  if (changes.length > 3) shown.push(`+${changes.length - 3} more`);
  return shown.join('<br>');
}

function conflictSection(conflicts: Finding[], links: Links, max: number): string[] {
  if (conflicts.length === 0) return [];
  return [`#### Conflicts (${conflicts.length})`, '', ...findingList(conflicts, links, max), ''];
}

/** Errors only, one line each: what the errors-only stage shows instead of the per-file tables. */
function compactFindings(errors: Finding[], links: Links, max: number): string[] {
  if (errors.length === 0) return [];
  return [`#### Errors (${errors.length})`, '', ...findingList(errors, links, max), ''];
}

function findingList(findings: Finding[], links: Links, max: number): string[] {
  const out = findings.slice(0, max).map((f) => {
    const fix = f.suggestion ? ` — ${message(f.suggestion)}` : '';
    return `- ${icon(f)} ${code(f.rule)} ${links.file(f.file, f.line)}: ${message(f.message)}${fix}`;
  });
  if (findings.length > max) out.push(`- … and ${findings.length - max} more`);
  return out;
}

function dryRunFailures(report: Report, links: Links, maxStatement: number): string[] {
  const failed = (report.dryRun?.migrations ?? []).filter((r) => r.status === 'failed' && r.error);
  if (failed.length === 0) return [];
  const out = [`#### Dry-run failures (${failed.length})`, ''];
  for (const r of failed) {
    const e = r.error!;
    out.push(`- ❌ ${links.file(e.file ?? r.file, e.line)}: ${code(e.sqlstate)} ${message(e.message)}`);
    if (e.detail) out.push(`  - Detail: ${message(e.detail)}`);
    if (e.hint) out.push(`  - Hint: ${message(e.hint)}`);
    if (e.statement) {
      const sql = e.statement.length > maxStatement ? `${e.statement.slice(0, maxStatement)}\n-- … cut` : e.statement;
      out.push('', '<details><summary>Failing statement</summary>', '', fence(sql, 'sql'), '', '</details>', '');
    }
  }
  out.push('');
  return out;
}

function findingSection(findings: Finding[], links: Links): string[] {
  if (findings.length === 0) return [];
  const byFile = findingsByFile(findings);
  const out = [`#### Findings (${findings.length})`, ''];
  for (const [file, list] of byFile) {
    const errors = list.filter((f) => f.severity === 'error').length;
    const counts = [errors && plural(errors, 'error'), list.length - errors && plural(list.length - errors, 'warning')];
    // Files with errors open by default so the reason for a red check is one glance away.
    out.push(
      `<details${errors ? ' open' : ''}><summary>${html(file)} · ${counts.filter(Boolean).join(', ')}</summary>`,
      '',
      '| Line | | Rule | Message |',
      '| --- | --- | --- | --- |',
    );
    for (const f of list) {
      const cell = f.suggestion ? `${message(f.message, true)}<br>↳ ${message(f.suggestion, true)}` : message(f.message, true);
      out.push(`| ${links.line(f.file, f.line)} | ${icon(f)} | ${code(f.rule, true)} | ${cell} |`);
    }
    out.push('', '</details>', '');
  }
  return out;
}

class Links {
  /** Files the PR deleted (a missing migration): they exist only on the base. */
  private readonly deleted: Set<string>;
  private readonly base: string | null;

  constructor(
    private readonly ctx: MarkdownContext,
    report: Report,
  ) {
    const files = new Set(report.migrations.map((m) => m.file));
    this.deleted = new Set(report.findings.filter((f) => f.rule === 'missing-migration' && !files.has(f.file)).map((f) => f.file));
    this.base = report.base?.startsWith('git:') ? report.base.slice(4) : null;
  }

  private url(file: string, line: number): string | null {
    // Without a git base (a deploy's history table) a deleted file has no commit to link to.
    const sha = this.deleted.has(file) ? this.base : this.ctx.sha;
    if (!this.ctx.repoUrl || !sha) return null;
    const path = file.split('/').map(encodeUrlPart).join('/');
    return `${this.ctx.repoUrl}/blob/${encodeUrlPart(sha)}/${path}${line > 0 ? `#L${line}` : ''}`;
  }

  /** `file:line` as code, linked at the head SHA (a deleted file at the base) when the context allows. */
  file(file: string, line: number, inTable = false): string {
    const label = code(line > 0 ? `${file}:${line}` : file, inTable);
    const url = this.url(file, line);
    return url ? `[${label}](${url})` : label;
  }

  line(file: string, line: number): string {
    const url = this.url(file, line);
    const label = line > 0 ? String(line) : 'file';
    return url ? `[${label}](${url})` : label;
  }
}

/** Percent-encodes everything but unreserved characters, so `)` or a space cannot end a Markdown link. */
function encodeUrlPart(part: string): string {
  return encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// ---- escaping untrusted text ----

/** Breaks `@user` and `@org/team` so a name or message in the PR cannot notify anyone. */
function noMentions(s: string): string {
  return s.replace(/@/g, '@\u2060');
}

/** Inline Markdown text: HTML as entities, Markdown punctuation escaped, one line. */
export function text(s: string): string {
  return noMentions(
    s
      .replace(/\r?\n|\r/g, ' ')
      .replace(/[\\`*_[\]()#|~!{}]/g, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;'),
  );
}

/** A message: `quoted` parts as code spans (rules quote SQL that way), the rest as inline text. */
export function message(s: string, inTable = false): string {
  let out = '';
  let at = 0;
  for (let open = s.indexOf('`'); open >= 0; open = s.indexOf('`', Math.max(at, open + 1))) {
    const close = spanEnd(s, open);
    if (close < 0) continue;
    out += text(s.slice(at, open)) + code(s.slice(open + 1, close), inTable);
    at = close + 1;
  }
  return out + text(s.slice(at));
}

/**
 * Where the quote opened at `open` ends: the next backtick on the line outside SQL's '…' and "…" (a
 * quoted SQL default may hold backticks), else the next backtick; -1 when there is none or the span is empty.
 */
function spanEnd(s: string, open: number): number {
  let plain = -1;
  let quote = '';
  for (let i = open + 1; i < s.length && s[i] !== '\n' && s[i] !== '\r'; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote && s[i + 1] === quote) i++;
      else if (c === quote) quote = '';
    } else if (c === '`') {
      return i > open + 1 ? i : -1;
    } else if (c === '"' || (c === "'" && /(?:^|[^\p{L}\p{N}_])[EeNnBbXx]?$/u.test(s.slice(Math.max(open + 1, i - 2), i)))) {
      // An apostrophe inside a word (it's) is English; one after a space, `(`, `=` or E/N/B/X opens a literal.
      quote = c;
    }
    if (c === '`' && plain < 0) plain = i;
  }
  return plain > open + 1 ? plain : -1;
}

/** Text inside an HTML element (a <summary>), where Markdown escapes would show literally. */
export function html(s: string): string {
  return noMentions(
    s
      .replace(/\r?\n|\r/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;'),
  );
}

function longestRun(s: string, ch: string): number {
  let max = 0;
  for (const m of s.matchAll(new RegExp(`\\${ch}+`, 'g'))) max = Math.max(max, m[0].length);
  return max;
}

/** An inline code span whose backtick fence is longer than any run inside. */
export function code(s: string, inTable = false): string {
  const flat = s.replace(/\r?\n|\r/g, ' ');
  // GFM splits table cells at `|` even inside code spans; elsewhere a backslash there would show.
  const one = inTable ? flat.replace(/\|/g, '\\|') : flat;
  const ticks = '`'.repeat(longestRun(one, '`') + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || one.startsWith(' ') ? ' ' : '';
  // GitHub does not link mentions inside code, but a name is broken anyway in case a renderer does.
  return `${ticks}${pad}${noMentions(one)}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run in the content. */
export function fence(s: string, lang = ''): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(s, '`') + 1));
  return `${ticks}${lang}\n${s.replace(/\n$/, '')}\n${ticks}`;
}

function shortRef(base: string): string {
  const ref = base.startsWith('git:') ? base.slice(4) : base;
  return /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref;
}

function icon(f: Finding): string {
  return f.severity === 'error' ? '❌' : '⚠️';
}

function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;
}
