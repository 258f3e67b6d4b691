// Action inputs (validated in one place, messages naming the input) and the base commit from the event
// payload with the git fallback, on real git repositories including a shallow clone.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getInputs, resolveMode, toGateInputs } from '../../src/github/inputs.js';
import { beforeMerge, readContext, resolveBase, type GitHubContext } from '../../src/github/event.js';
import { UserError } from '../../src/errors.js';

describe('getInputs', () => {
  test('reads INPUT_* the way the runner passes them, with defaults', () => {
    const inputs = getInputs({
      INPUT_MIGRATIONS: ' db/migrations\n\n# comment\nservices/*/migrations \n',
      'INPUT_DRY-RUN': 'False',
      'INPUT_FAIL-ON': 'warning',
      'INPUT_GITHUB-TOKEN': 'tok',
    });
    expect(inputs).toMatchObject({
      migrations: ['db/migrations', 'services/*/migrations'],
      dryRun: false,
      failOn: 'warning',
      mode: 'auto',
      comment: 'update',
      review: 'suggestions',
      githubToken: 'tok',
    });
    expect(toGateInputs(inputs, '/repo', 'pr', 'abc')).toEqual({
      root: '/repo',
      mode: 'pr',
      base: 'abc',
      paths: ['db/migrations', 'services/*/migrations'],
      dryRun: false,
      failOn: 'warning',
    });
  });

  test.each([
    ['true', true],
    ['FALSE', false],
    ['.cache/migration-gate', '.cache/migration-gate'],
  ])('cache: %s reaches the gate as %p; absent, the config file decides', (value, cache) => {
    expect(toGateInputs(getInputs({ INPUT_CACHE: value }), '/repo', 'pr', null).cache).toEqual(cache);
    expect(toGateInputs(getInputs({}), '/repo', 'pr', null)).not.toHaveProperty('cache');
  });

  test.each([
    ['INPUT_COMMENT', 'sometimes', "Input 'comment' must be one of: update, recreate, off"],
    ['INPUT_DRY-RUN', 'yes', "Input 'dry-run' must be true or false"],
    ['INPUT_ENGINE', 'docker', "Input 'engine' must be one of: auto, url, cluster, pglite"],
    ['INPUT_MODE', 'merge', "Input 'mode' must be one of: auto, pr, deploy"],
    ['INPUT_DATABASE-URL', 'mysql://root:hunter2@db/x', "Input 'database-url' must be a postgres://"],
  ])('%s=%s fails naming the input', (name, value, message) => {
    const error = (() => {
      try {
        getInputs({ [name]: value });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toContain(message);
    expect(error!.message).not.toContain('hunter2');
  });
});

describe('deploy inputs', () => {
  const url = { 'INPUT_DATABASE-URL': 'postgres://deploy:hunter2@db/shop' };

  test('apply, history, history-table and history-write reach the gate in deploy mode', () => {
    const inputs = getInputs({ ...url, INPUT_APPLY: 'true', INPUT_HISTORY: 'flyway', 'INPUT_HISTORY-TABLE': 'ops.flyway_schema_history', 'INPUT_HISTORY-WRITE': 'true' });
    expect(inputs.apply).toBe(true);
    expect(resolveMode(inputs, false)).toBe('deploy');
    expect(toGateInputs(inputs, '/repo', 'deploy', null)).toMatchObject({ history: 'flyway', historyTable: 'ops.flyway_schema_history', historyWrite: true });
    expect(getInputs({}).apply).toBe(false);
  });

  test.each([
    [{ INPUT_APPLY: 'true', INPUT_MODE: 'pr', ...url }, false, 'mode is pr'],
    [{ INPUT_APPLY: 'true', ...url }, true, 'mode auto is pr on a pull-request or merge-queue event'],
    [{ INPUT_APPLY: 'true' }, false, 'mode auto is pr without a database-url'],
  ])('apply: true outside deploy mode is an error naming the input (%#)', (env, pullRequest, why) => {
    expect(() => resolveMode(getInputs(env), pullRequest)).toThrow(new UserError(
      `Input 'apply' is true, but ${why}: apply runs only in deploy mode. ` +
        'Set mode: deploy and database-url in a job that runs after the merge (e.g. on push), or remove apply.',
    ));
  });

  test.each([
    ['INPUT_APPLY', 'yes', "Input 'apply' must be true or false"],
    ['INPUT_HISTORY', 'liquibase', "Input 'history' must be one of: auto, seed-runner,"],
    ['INPUT_HISTORY-WRITE', '1', "Input 'history-write' must be true or false"],
  ])('%s=%s fails naming the input', (name, value, message) => {
    expect(() => getInputs({ [name]: value })).toThrow(message);
  });
});

describe('the base commit', () => {
  const work = mkdtempSync(join(tmpdir(), 'mg-base-'));
  const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' }).trim();
  const origin = join(work, 'origin');
  let base = '';
  let head = '';
  beforeAll(() => {
    mkdirSync(origin);
    git(origin, 'init', '-q', '-b', 'main');
    git(origin, 'config', 'user.email', 'd@e.f');
    git(origin, 'config', 'user.name', 'd');
    for (const n of [1, 2, 3]) {
      writeFileSync(join(origin, `f${n}`), `${n}`);
      git(origin, 'add', '-A');
      git(origin, 'commit', '-q', '-m', `c${n}`);
      if (n === 1) base = git(origin, 'rev-parse', 'HEAD');
    }
    head = git(origin, 'rev-parse', 'HEAD');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const context = (event: object, env: Record<string, string> = {}): GitHubContext => {
    const path = join(work, `event-${Math.random()}.json`);
    writeFileSync(path, JSON.stringify(event));
    return readContext({ GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: head, ...env });
  };
  const prEvent = () => ({
    pull_request: { number: 4, commits: 2, base: { sha: base, ref: 'main', repo: { full_name: 'acme/shop' } }, head: { sha: head, repo: { full_name: 'mallory/shop' } } },
  });

  test('a pull request: the payload base SHA; a fork is recognised', async () => {
    const ctx = context(prEvent(), { GITHUB_EVENT_NAME: 'pull_request' });
    expect(ctx.pullRequest).toMatchObject({ number: 4, baseSha: base, headSha: head, fork: true });
    await expect(resolveBase(ctx, origin)).resolves.toBe(base);
  });

  test('a push: the commit before it; a new branch (zero SHA) falls back to the merge base', async () => {
    await expect(resolveBase(context({ before: base }, { GITHUB_EVENT_NAME: 'push' }), origin)).resolves.toBe(base);
    const clone = join(work, 'full');
    git(work, 'clone', '-q', origin, clone);
    const ctx = context({ before: '0000000000000000000000000000000000000000', repository: { default_branch: 'main' } }, { GITHUB_EVENT_NAME: 'push' });
    await expect(resolveBase(ctx, clone)).resolves.toBe(head);
  });

  test('a shallow clone without the base fetches it from origin', async () => {
    const shallow = join(work, 'shallow-fetch');
    git(work, 'clone', '-q', '--depth=1', `file://${origin}`, shallow);
    await expect(resolveBase(context(prEvent(), { GITHUB_EVENT_NAME: 'pull_request' }), shallow)).resolves.toBe(base);
  });

  test('a shallow clone that cannot fetch the base names the fetch-depth to use', async () => {
    const shallow = join(work, 'shallow-offline');
    git(work, 'clone', '-q', '--depth=1', `file://${origin}`, shallow);
    git(shallow, 'remote', 'remove', 'origin');
    const error = await resolveBase(context(prEvent(), { GITHUB_EVENT_NAME: 'pull_request' }), shallow).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain(`the pull request's base commit ${base} is not in this checkout (a shallow clone)`);
    expect(error.message).toContain('`fetch-depth: 0`');
    expect(error.message).toContain('`fetch-depth: 3` when checking out the PR head');
  });

  test('a workspace that is no clone (actions/checkout with path:) says where to check out, not which fetch depth', async () => {
    const empty = join(work, 'not-a-clone');
    mkdirSync(empty, { recursive: true });
    const error = await resolveBase(context(prEvent(), { GITHUB_EVENT_NAME: 'pull_request' }), empty).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      `The workspace ${empty} is not a git repository, so there is no base to compare the migrations with. ` +
        'Check the repository out at the workspace root (actions/checkout without `path:`), before this step.',
    );
  });

  const mergeGroupEvent = () => ({
    action: 'checks_requested',
    merge_group: { head_sha: head, head_ref: `refs/heads/gh-readonly-queue/main/pr-4-${base}`, base_sha: base, base_ref: 'refs/heads/main' },
    repository: { full_name: 'acme/shop', default_branch: 'main' },
  });

  test("a merge queue's group: its base_sha, fetched into a shallow clone; with a database-url, mode auto is still pr", async () => {
    const ctx = context(mergeGroupEvent(), { GITHUB_EVENT_NAME: 'merge_group' });
    expect(ctx.mergeGroupBase).toBe(base);
    const shallow = join(work, 'shallow-merge-group');
    git(work, 'clone', '-q', '--depth=1', `file://${origin}`, shallow);
    // The queue's branch is all a default checkout fetches: there is no origin/main to take a merge base with.
    git(shallow, 'update-ref', '-d', 'refs/remotes/origin/main');
    await expect(resolveBase(ctx, shallow)).resolves.toBe(base);
    expect(resolveMode(getInputs({ 'INPUT_DATABASE-URL': 'postgres://ci@localhost/ci' }), beforeMerge(ctx))).toBe('pr');
    // merge_group in another event's payload is no merge group.
    expect(context(mergeGroupEvent(), { GITHUB_EVENT_NAME: 'push' }).mergeGroupBase).toBeNull();
  });

  test('a shallow clone that cannot fetch the merge group\'s base names it and the fetch-depth to use', async () => {
    const shallow = join(work, 'shallow-merge-group-offline');
    git(work, 'clone', '-q', '--depth=1', `file://${origin}`, shallow);
    git(shallow, 'remote', 'remove', 'origin');
    const error = await resolveBase(context(mergeGroupEvent(), { GITHUB_EVENT_NAME: 'merge_group' }), shallow).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      `the merge group's base commit ${base} is not in this checkout (a shallow clone), so there is nothing to compare the migrations ` +
        'with. Set `fetch-depth: 0` on actions/checkout, or pass the base with the `base-ref` input.',
    );
  });

  test('no payload and no branch to compare with: no base', async () => {
    await expect(resolveBase(context({}, { GITHUB_EVENT_NAME: 'workflow_dispatch' }), origin)).resolves.toBeNull();
  });
});
