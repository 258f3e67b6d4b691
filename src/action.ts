// The Action door: inputs → GateOptions → the gate → publish (comment, review, annotations, outputs,
// summary). Publishing never decides the verdict: a comment that cannot be posted is a warning.

import './dirname-shim.js';
import './v8-tiers.js';
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { isUserError } from './errors.js';
import { redactUrl, urlPasswords } from './redact.js';
import { resolveOptions } from './config/resolve.js';
import { runGate } from './gate.js';
import { resolve as resolveSeverities } from './rules/index.js';
import { setWorkerEntry } from './rules/pool.js';
import type { Report } from './report/report.js';
import { renderMarkdown, reproduceCommand, type MarkdownContext } from './report/markdown.js';
import { getInputs, resolveMode, toGateInputs, type ActionInputs } from './github/inputs.js';
import { beforeMerge, headSha, noBaseNote, readContext, resolveBase, type GitHubContext } from './github/event.js';
import { ApiError, GitHubApi } from './github/api.js';
import { commentMarker, setId, upsertComment } from './github/comment.js';
import { listPullFiles, postSuggestions } from './github/review.js';
import { findCollisions, withFindings } from './github/collisions.js';
import { annotate, annotatedNotes } from './github/annotations.js';
import { outputsOf, writeArtifacts } from './github/outputs.js';
import { summaryBody, writeSummary } from './github/summary.js';
import { applyAfterGate, targetLabel, type DeployOutcome } from './github/deploy.js';

async function main(): Promise<void> {
  const notes: string[] = [];
  let report: Report | null = null;
  let failure: string | null = null;
  let context: MarkdownContext = {};
  try {
    const inputs = getInputs();
    maskSecrets(inputs);
    const gh = readContext();
    context = { repoUrl: `${gh.serverUrl}/${gh.owner}/${gh.repo}`, sha: headSha(gh) };
    const mode = resolveMode(inputs, beforeMerge(gh));
    if (mode === 'deploy' && inputs.databaseUrl) context.target = targetLabel(inputs.databaseUrl);
    const base = inputs.baseRef ?? (mode === 'pr' ? await resolveBase(gh, gh.workspace) : null);
    if (mode === 'pr' && base === null) notes.push(noBaseNote(gh));
    const given = toGateInputs(inputs, gh.workspace, mode, base);
    const options = await resolveOptions(given);
    report = await runGate(options);
    const id = setId(report.folders);
    context.reproduce = reproduceCommand(report, given);

    const api = inputs.githubToken && gh.pullRequest ? apiFor(inputs, gh) : null;
    if (api && gh.pullRequest && mode === 'pr') {
      await attempt(notes, 'check other open pull requests for the same versions', async () => {
        const drafts = await findCollisions(api, gh, gh.pullRequest!.number, report!, options.preset);
        report = withFindings(report!, resolveSeverities(drafts, options), options.failOn);
      });
    }

    let deployed: DeployOutcome | null = null;
    if (mode === 'deploy' && inputs.apply) {
      deployed = await applyAfterGate(options, report, (line) => core.info(line));
      context.prelude = deployed.markdown;
      report = deployed.report;
    }

    let commentId: number | null = null;
    if (api && gh.pullRequest && inputs.comment !== 'off') {
      const commentMode = inputs.comment;
      const body = renderMarkdown(report, { ...context, marker: commentMarker(id) });
      await attempt(notes, 'post the pull-request comment', async () => {
        // A PR that touches no migration and has nothing to report gets no comment (every PR would otherwise).
        const relevant = report!.summary.pending > 0 || report!.findings.length > 0;
        const result = await upsertComment(api, gh, gh.pullRequest!.number, commentMarker(id), body, commentMode, relevant);
        commentId = result?.id ?? null;
        if (result) core.info(`Comment ${result.action}: ${context.repoUrl}/pull/${gh.pullRequest!.number}#issuecomment-${result.id}`);
      });
    }
    if (api && gh.pullRequest && inputs.review === 'suggestions' && report.findings.some((f) => f.fix)) {
      const pr = gh.pullRequest;
      await attempt(notes, 'post review suggestions', async () => {
        const files = await listPullFiles(api, gh, pr.number);
        const posted = await postSuggestions(api, gh, pr.number, pr.headSha, report!.findings, files, (f) => readLines(gh, f));
        if (posted) core.info(`Posted ${posted} review suggestion(s).`);
      });
    }
    if (!inputs.githubToken && gh.pullRequest) notes.push('No github-token was given, so no pull-request comment was posted.');

    const dir = join(process.env.RUNNER_TEMP || tmpdir(), 'migration-gate', id);
    const artifacts = writeArtifacts(report, dir);
    for (const [name, value] of Object.entries(outputsOf(report, artifacts, commentId, deployed?.applied))) core.setOutput(name, value);

    if (deployed?.failure) {
      core.setFailed(deployed.failure);
    } else if (report.verdict === 'fail') {
      const { errors, warnings } = report.summary;
      core.setFailed(`migration-gate: ${errors} error(s), ${warnings} warning(s); see the job summary.`);
    }
  } catch (e) {
    failure = redactUrl(isUserError(e) ? e.message : `internal error, please report it: ${(e as Error)?.stack ?? String(e)}`);
    core.setFailed(failure);
  } finally {
    const findings = report?.findings ?? [];
    const failed = process.exitCode === core.ExitCode.Failure;
    // The summary first: that it could not be written is a note too, and takes its slot among the annotations.
    try {
      writeSummary(summaryBody(report, failure, { ...context, notes: annotatedNotes(findings, notes, failed) }));
    } catch (e) {
      notes.push(`Could not write the job summary: ${(e as Error).message}`);
    }
    // Last, once every note and whether the step failed are known: they share GitHub's per-step budget.
    annotate(findings, notes, failed, core);
  }
}

function apiFor(inputs: ActionInputs, gh: GitHubContext): GitHubApi {
  return new GitHubApi({ token: inputs.githubToken, baseUrl: gh.apiUrl, log: (m) => core.info(m) });
}

/** Runs one publishing step; a failure becomes a note (warning + summary), never a failed check. */
async function attempt(notes: string[], what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (e) {
    const why =
      e instanceof ApiError && e.rateLimited
        ? `GitHub's API rate limit for this token is used up${e.retryAt ? ` until ${e.retryAt.toISOString().slice(0, 19).replace('T', ' ')} UTC` : ''} (${e.message})`
        : e instanceof ApiError && e.forbidden
          ? `the token may not (on a pull request from a fork it is read-only; otherwise grant \`pull-requests: write\`): ${e.message}`
          : redactUrl((e as Error).message);
    notes.push(`Could not ${what}; ${why}. The report is in this job summary.`);
  }
}

function readLines(gh: GitHubContext, file: string): string[] | null {
  try {
    return readFileSync(join(gh.workspace, file), 'utf8').split(/\r?\n/);
  } catch {
    return null;
  }
}

function maskSecrets(inputs: ActionInputs): void {
  if (!inputs.databaseUrl) return;
  core.setSecret(inputs.databaseUrl);
  if (!URL.canParse(inputs.databaseUrl)) return;
  for (const password of urlPasswords(new URL(inputs.databaseUrl))) core.setSecret(password);
}

// The file rules' worker threads run the CLI bundle beside this one (dist/cli.js serves batches when it is a worker):
// a large scope (a first run, a push without a base) is linted on every core of the runner, as the CLI does.
setWorkerEntry(join(dirname(fileURLToPath(import.meta.url)), 'cli.js'));
await main();
