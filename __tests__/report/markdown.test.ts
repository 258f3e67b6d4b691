// The PR comment and job summary renderer: golden files, untrusted text, and shrinking to GitHub's limit.

import { COMMENT_LIMIT, code, fence, message, renderMarkdown, reproduceCommand, text } from '../../src/report/markdown.js';
import { summaryBody, SUMMARY_LIMIT_BYTES } from '../../src/github/summary.js';
import { commentMarker } from '../../src/github/comment.js';
import { BASE, CONTEXT, cleanReport, failingReport, hugeReport, manyErrorsReport } from '../github/report-fixtures.js';
import type { Finding } from '../../src/report/finding.js';
import { expectGolden } from '../github/golden.js';
import { runGate } from '../../src/gate.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { makeTree, removeTree, type Tree } from '../support/repo.js';
import { commit } from '../support/graphile.js';

const marker = commentMarker('abc123');

describe('the PR comment', () => {
  test('matches the golden file for a failing pull request', () => {
    expectGolden('comment-failing.md', renderMarkdown(failingReport(), { ...CONTEXT, marker }));
  });

  test('matches the golden file for a clean pull request', () => {
    expectGolden('comment-clean.md', renderMarkdown(cleanReport(), { ...CONTEXT, marker }));
  });

  test('starts with the hidden marker and ends with the command that reproduces it locally', () => {
    const body = renderMarkdown(failingReport(), { ...CONTEXT, marker });
    expect(body.startsWith(`${marker}\n### ❌ migration-gate: fail`)).toBe(true);
    expect(body).toContain(`npx migration-gate check supabase/migrations --base ${BASE}`);
  });

  test('links every pending file and finding at the head SHA, lines included', () => {
    const body = renderMarkdown(failingReport(), CONTEXT);
    expect(body).toContain(`(${CONTEXT.repoUrl}/blob/${CONTEXT.sha}/supabase/migrations/003_messages.sql)`);
    expect(body).toContain(`(${CONTEXT.repoUrl}/blob/${CONTEXT.sha}/supabase/migrations/003_messages.sql#L12)`);
  });

  test('links a migration the PR deleted at the base, where it still exists, and not at all without a git base', () => {
    const gone: Finding = {
      rule: 'missing-migration',
      severity: 'error',
      file: 'supabase/migrations/000_legacy.sql',
      line: 0,
      column: 0,
      message: `supabase/migrations/000_legacy.sql is on ${BASE} but no longer exists.`,
    };
    const report = { ...failingReport(), findings: [gone, ...failingReport().findings] };
    const links = (body: string) => body.match(/\(https:[^)]*000_legacy\.sql[^)]*\)/g) ?? [];
    const pr = links(renderMarkdown(report, CONTEXT));
    expect(pr.length).toBeGreaterThan(0);
    for (const link of pr) expect(link).toBe(`(${CONTEXT.repoUrl}/blob/${BASE}/supabase/migrations/000_legacy.sql)`);
    // Files that still exist keep linking at the head.
    expect(renderMarkdown(report, CONTEXT)).toContain(`(${CONTEXT.repoUrl}/blob/${CONTEXT.sha}/supabase/migrations/003_messages.sql#L12)`);
    expect(links(renderMarkdown({ ...report, mode: 'deploy', base: 'table:public.schema_migrations' }, CONTEXT))).toEqual([]);
  });

  test('renders without links when there is no repository context (the CLI)', () => {
    const body = renderMarkdown(failingReport());
    expect(body).not.toContain('](http');
    expect(body).toContain('`supabase/migrations/003_messages.sql:12`');
  });
});

describe("graphile-migrate's current migration in the comment", () => {
  // A real gate on the embedded engine: the comment shows what the dry-run did with current.sql, not only the committed files.
  async function comment(current: Tree): Promise<string> {
    const first = commit('CREATE TABLE IF NOT EXISTS people (id int PRIMARY KEY);\n', null);
    const root = makeTree({ 'migrations/committed/000001.sql': first.text, ...current });
    try {
      const report = await runGate(await resolveOptions({ root, all: true, preset: 'graphile-migrate', paths: ['migrations/committed'], engine: 'pglite' }));
      return renderMarkdown(report, { ...CONTEXT, marker });
    } finally {
      removeTree(root);
    }
  }
  const row = (body: string) => body.split('\n').find((l) => l.startsWith('| current (graphile watch) |'));

  test('has its own row after the pending ones, with what the two runs did', async () => {
    const body = await comment({ 'migrations/current.sql': 'CREATE TABLE IF NOT EXISTS pets (id int);\n' });
    expect(body).toContain('#### Pending migrations (1) and the current migration');
    expect(row(body)).toMatch(/^\| current \(graphile watch\) \| current \| \[`migrations\/current\.sql`\]\([^)]*\) \| ✅ applied twice, as watch runs it \| \d+ ms \| \+ table `public\.pets` \|$/);
  });

  test('says when the second run failed, also where the failing statement is in an included fixture', async () => {
    const again = "DO $$ BEGIN EXECUTE 'CREATE TABLE toys (id int)'; END $$;\n";
    expect(row(await comment({ 'migrations/current.sql': again }))).toContain('| ❌ failed when run again, as watch does |');
    const included = await comment({ 'migrations/current.sql': '--!include toys.sql\n', 'migrations/fixtures/toys.sql': again });
    expect(row(included)).toContain('| ❌ failed when run again, as watch does |');
    expect(row(await comment({ 'migrations/current.sql': 'CREATE TABLE pets (id int REFERENCES nobody);\n' }))).toContain('| ❌ failed |');
  });

  test('says the second run failed also where the lint foresaw it and the dry-run only confirms its finding', async () => {
    // One problem, said once: the non-idempotent finding, confirmed; the row still tells what watch's second run did.
    const body = await comment({ 'migrations/current.sql': 'CREATE TABLE pets (id int);\n' });
    expect(body).toMatch(/`non-idempotent`.*The dry-run confirmed it\./);
    expect(row(body)).toContain('| ❌ failed when run again, as watch does |');
  });

  test("lists a dry-run failure in current/ at the file of current/ and its line, linked there", async () => {
    const body = await comment({
      'migrations/current/1-pets.sql': '--! Message: pets\n\nCREATE TABLE IF NOT EXISTS pets (id int);\n',
      'migrations/current/2-toys.sql': '\n\nCREATE OR REPLACE VIEW toys AS SELECT * FROM nobody;\n',
    });
    expect(row(body)).toContain('| ❌ failed |');
    expect(body).toContain(`- ❌ [\`migrations/current/2-toys.sql:3\`](${CONTEXT.repoUrl}/blob/${CONTEXT.sha}/migrations/current/2-toys.sql#L3): \`42P01\` relation "nobody" does not exist`);
  });
});

describe('the deploy-job summary', () => {
  const deploy = () => ({ ...failingReport(), mode: 'deploy' as const, base: 'table:public.schema_migrations' });

  test('matches the golden file: the target, the history table, pending on the target, a dry-run that was not on the target', () => {
    expectGolden('summary-deploy.md', summaryBody(deploy(), null, { ...CONTEXT, target: 'db.internal:5432/shop' }));
  });

  test('never speaks of a base, nor calls a dry-run result applied', () => {
    const body = renderMarkdown(deploy(), { ...CONTEXT, target: 'db.internal:5432/shop' });
    expect(body).toContain('deploy to `db.internal:5432/shop` · history `public.schema_migrations`');
    expect(body).not.toMatch(/\bbase\b/);
    expect(body).not.toContain('✅ applied');
  });
});

describe('untrusted names, SQL and messages', () => {
  const body = renderMarkdown(failingReport(), { ...CONTEXT, marker });

  // Inside code spans and fences GitHub shows text as typed; everywhere else no tag may survive.
  const prose = body.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');

  test('cannot inject HTML', () => {
    expect(prose).not.toMatch(/<img|<script/i);
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
  });

  test('cannot @mention a user or a team', () => {
    expect(body).not.toMatch(/@octocat|@acme\/dba/);
    expect(body).toContain('@\u2060octocat');
  });

  test('a backtick run inside the failing statement cannot close its fence', () => {
    const statementFence = body.match(/^(`{3,})sql$/m)![1]!;
    expect(statementFence.length).toBeGreaterThan(4);
    const closing = body.indexOf(`\n${statementFence}\n`, body.indexOf(`${statementFence}sql`));
    expect(body.slice(body.indexOf(`${statementFence}sql`), closing)).toContain('REFERENCES conversation (id);');
    expect(body.slice(body.indexOf(`${statementFence}sql`), closing)).toContain('a backtick run that must not close the fence');
  });

  test('a link target cannot be ended early by a parenthesis in a file name', () => {
    expect(body).toContain('004_%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%40octocat.sql');
  });

  test('quoted SQL holding backticks stays one code span that copies back to the same SQL', () => {
    const sql = "CREATE TABLE IF NOT EXISTS notes (id int, body text DEFAULT 'Use `markdown` here')";
    expect(message(`Write \`${sql}\`.`)).toBe(`Write \`\`${sql}\`\`.`);
    expect(message('Use `x = "a`b"` or `y = E\'\'\'`\'`.')).toBe('Use ``x = "a`b"`` or ``y = E\'\'\'`\'``.');
    // English apostrophes are not SQL quotes; a lone backtick is text.
    expect(message("`it's` and `they're`, a lone ` tick")).toBe("`it's` and `they're`, a lone \\` tick");
  });

  test('a | in quoted SQL is escaped inside table cells only: elsewhere the backslash would show', () => {
    expect(message('Write `a || b`.')).toBe('Write `a || b`.');
    expect(message('Write `a || b`.', true)).toBe('Write `a \\|\\| b`.');
    const concat: Finding = { rule: 'non-idempotent', severity: 'error', file: 'db/001_v.sql', line: 3, column: 1, message: 'CREATE VIEW v fails.', suggestion: 'Write `CREATE OR REPLACE VIEW v AS SELECT a || b AS ab FROM t`.' };
    const report = { ...cleanReport(), findings: [concat] };
    expect(renderMarkdown(report)).toContain('<br>↳ Write `CREATE OR REPLACE VIEW v AS SELECT a \\|\\| b AS ab FROM t`. |');
    expect(renderMarkdown(report, { stage: 'errors' })).toContain(': CREATE VIEW v fails. — Write `CREATE OR REPLACE VIEW v AS SELECT a || b AS ab FROM t`.\n');
  });

  test('escapers: inline text, code spans and fences', () => {
    expect(text('a *b* [c](d) | <e> @f')).toBe('a \\*b\\* \\[c\\]\\(d\\) \\| &lt;e&gt; @\u2060f');
    expect(code('x `y` z')).toBe('``x `y` z``');
    expect(code('`edge`')).toBe('`` `edge` ``');
    expect(code('a|b', true)).toBe('`a\\|b`');
    expect(fence('x\n```\ny', 'sql')).toBe('````sql\nx\n```\ny\n````');
  });
});

describe('shrinking to fit GitHub', () => {
  test('a report one character over the limit drops warnings and keeps every error', () => {
    const report = failingReport();
    const full = renderMarkdown(report, CONTEXT);
    const shrunk = renderMarkdown(report, { ...CONTEXT, limit: full.length - 1 });
    expect(shrunk.length).toBeLessThan(full.length);
    expect(shrunk).not.toContain('CREATE TABLE fails when messages already exists');
    expect(shrunk).toContain('relation "conversation" does not exist');
    expect(shrunk).toContain('version 003 is also used by');
    expect(shrunk).toContain('2 findings not shown here');
  });

  test('a huge report still becomes one comment under 65,536 characters', () => {
    const report = hugeReport();
    const body = renderMarkdown(report, { ...CONTEXT, marker });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.startsWith(marker)).toBe(true);
    expect(body).toContain(`### ❌ migration-gate: fail · **${report.summary.errors} errors** · 3000 warnings · 3000 pending migrations`);
    expect(body).toContain('npx migration-gate check db/migrations');
    expectGolden('comment-huge.md', body);
  });

  test('the huge comment lists the first errors with links and counts the rest', () => {
    const body = renderMarkdown(hugeReport(), CONTEXT);
    expect(body).toContain('#### Errors (428)');
    expect(body).toContain(`[\`db/migrations/0007_add_column_7.sql:2\`](${CONTEXT.repoUrl}/blob/${CONTEXT.sha}/db/migrations/0007_add_column_7.sql#L2)`);
    expect(body).toMatch(/- … and \d+ more/);
  });

  test.each([80, 86, 300])('a comment over %i files with one error each shows as many errors as fit, and counts the rest', (files) => {
    const report = manyErrorsReport(files);
    const body = renderMarkdown(report, { ...CONTEXT, marker });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const shown = body.split('\n').filter((l) => l.startsWith('- ❌ `transaction-unsafe`')).length;
    const more = Number(body.match(/^- … and (\d+) more$/m)?.[1] ?? 0);
    expect(shown).toBeGreaterThan(40);
    expect(shown + more).toBe(files);
    // As many as fit: one more error row (and half a pending row) would not.
    expect(COMMENT_LIMIT - body.length).toBeLessThan(1000);
    expect(body).toContain(
      `> ${report.findings.length - shown} findings not shown here, to stay within GitHub's size limit; ` +
        'see the job summary of this workflow run (up to 1 MiB of the report), or run the command below for all of them.',
    );
    expect(body).not.toContain('report-path');
  });

  test('the job summary, when it too must shrink, points at the command, not at itself', () => {
    const summary = summaryBody(manyErrorsReport(300), null, CONTEXT);
    expect(summary).toContain("> 3300 findings not shown here, to stay within GitHub's size limit; run the command below for all of them.");
    expect(summary.split('\n').filter((l) => l.startsWith('- ❌ `transaction-unsafe`'))).toHaveLength(300);
  });

  test('the job summary of the huge report keeps every error (1 MiB budget, measured in bytes)', () => {
    const report = hugeReport();
    const summary = summaryBody(report, null, { ...CONTEXT, notes: ['9 more errors are not shown as annotations'] });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    for (const f of report.findings.filter((x) => x.severity === 'error')) expect(summary).toContain(`${f.file}:2\``);
    expect(summary).toContain('9 more errors are not shown as annotations');
    expect(summary).not.toContain('<!-- migration-gate');
  });

  test('a summary for a run that could not start says why', () => {
    const summary = summaryBody(null, 'Input \'fail-on\' must be one of: error, warning, never (got "sometimes")', {});
    expectGolden('summary-failure.md', summary);
  });
});

test('the reproduce command quotes what a shell would misread', () => {
  const report = { ...cleanReport(), folders: ["db/it's here", 'db/plain'] };
  expect(reproduceCommand(report, { preset: 'supabase', config: undefined })).toBe(
    `npx migration-gate check 'db/it'\\''s here' db/plain --base ${BASE} --preset supabase`,
  );
});

test('the reproduce command names a flag without a value as such, and a dry-run server by $DATABASE_URL, never its value', () => {
  const report = failingReport();
  const onServer = { ...report, dryRun: { ...report.dryRun!, engine: 'url' as const } };
  const url = 'postgres://app:s3cret@db.example.com/app';
  expect(reproduceCommand(onServer, { engine: 'url', databaseUrl: url, failOn: 'warning', historyWrite: true, cache: true })).toBe(
    `npx migration-gate check supabase/migrations --base ${BASE} --database-url "$DATABASE_URL" --engine url --fail-on warning`,
  );
  expect(reproduceCommand({ ...report, dryRun: null }, { engine: 'pglite', dryRun: false })).toBe(
    `npx migration-gate check supabase/migrations --base ${BASE} --engine pglite --no-dry-run`,
  );
});

test('the reproduce command carries every option that changes the result, whichever door gave it, and no placeholder value', () => {
  const report = { ...cleanReport(), folders: ['db/migrations'] };
  const given = {
    dir: 'my app',
    config: 'ci/gate.yml',
    preset: 'flyway',
    checksum: 'flyway',
    all: true,
    dryRun: true,
    searchPath: 'app, public',
    roles: ['app_user', 'readonly'],
    postgresVersion: '14',
    placeholders: { password: 'hunter2' },
    history: 'flyway',
    historyTable: 'app.flyway_schema_history',
  };
  expect(reproduceCommand(report, given)).toBe(
    `npx migration-gate check db/migrations --base ${BASE} --dir 'my app' --config ci/gate.yml --preset flyway --checksum flyway --all --dry-run ` +
      "--search-path 'app, public' --role app_user --role readonly --postgres-version 14 --history flyway --history-table app.flyway_schema_history",
  );
});
