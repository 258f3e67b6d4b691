// End to end in a deploy job: the built bundle spawned on a push event with mode deploy against a scratch
// database on the real server, connecting as a role whose password must never show (stdout, stderr,
// summary, outputs). The gate only reads the target; `apply: true` applies after a passing gate only.
// Build first: `node scripts/build.mjs /tmp/mg-dist-deploy` and MIGRATION_GATE_DIST=/tmp/mg-dist-deploy.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';
import { dumpDatabase, serverWide } from '../support/postgres.js';
import { makeTree, type Tree } from '../support/repo.js';
import { ACTION_BUNDLE, requireBundle, runActionStep, type ActionRun } from '../support/run-action.js';

const PASSWORD = `Pw-${randomBytes(6).toString('hex')}-secret`;
const ROLE = `mg_deployer_${randomBytes(3).toString('hex')}`;
const SHA = 'c0ffee'.padEnd(40, '0');

const USERS = 'CREATE TABLE users (\n  id bigint PRIMARY KEY\n);\n';
const ORDERS = 'CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  user_id bigint REFERENCES users (id)\n);\n';

type Run = ActionRun;

const work = mkdtempSync(join(tmpdir(), 'mg-e2e-deploy-'));
/** Every text a run showed, for the password check at the end. */
const shown: string[] = [];
const databases: ScratchDatabase[] = [];
/** The runner's mask commands the runs emitted: the password must be among them. */
const maskCommands: string[] = [];

beforeAll(async () => {
  requireBundle();
  await serverWide(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`);
});

afterAll(async () => {
  for (const db of databases) await db.drop();
  await serverWide(`DROP ROLE IF EXISTS ${ROLE}`);
  rmSync(work, { recursive: true, force: true });
});

/** A scratch database owned by the deploy role, and its URL with that role's password. */
async function target(): Promise<{ db: ScratchDatabase; url: string }> {
  const db = await scratchDatabase('e2e_deploy');
  databases.push(db);
  await db.client.query(`ALTER DATABASE ${db.name} OWNER TO ${ROLE}`);
  const url = new URL(db.url);
  url.username = ROLE;
  url.password = PASSWORD;
  return { db, url: url.toString() };
}

let repoCount = 0;
const makeRepo = (files: Tree): string => makeTree(files, join(work, `repo${++repoCount}`));

const dump = (db: ScratchDatabase) => dumpDatabase(db.url);

async function runDeploy(repo: string, url: string, inputs: Record<string, string> = {}): Promise<Run> {
  const event = { ref: 'refs/heads/main', before: '0'.repeat(40), after: SHA, repository: { full_name: 'acme/shop', default_branch: 'main' } };
  const defaults = {
    migrations: 'db/migrations',
    mode: 'deploy',
    'database-url': url,
    'dry-run': 'true',
    apply: 'false',
    comment: 'update',
    review: 'suggestions',
    'github-token': 'ghs_test_token',
  };
  // A push has no pull request: nothing may be posted, so the API is a closed port.
  const result = await runActionStep({
    bundle: ACTION_BUNDLE,
    work,
    workspace: repo,
    eventName: 'push',
    event,
    sha: SHA,
    apiUrl: 'http://127.0.0.1:9',
    inputs: { ...defaults, ...inputs },
  });
  const { stdout, stderr } = result;
  maskCommands.push(...stdout.split('\n').filter((line) => line.startsWith('::add-mask::')));
  const report = result.outputs['report-path'] ? readFileSync(result.outputs['report-path'], 'utf8') : '';
  shown.push(visible(stdout), visible(stderr), result.summary, JSON.stringify(result.outputs), report);
  return result;
}

/** The log as the runner shows it: `::add-mask::` commands tell it what to hide and are never printed. */
function visible(log: string): string {
  return log
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}


async function recorded(db: ScratchDatabase): Promise<string[]> {
  const { rows } = await db.client.query('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => String(r.version));
}

const migrations = { 'db/migrations/001_users.sql': USERS, 'db/migrations/002_orders.sql': ORDERS };

test('the gate alone reads the target, dry-runs elsewhere and applies nothing', async () => {
  const { db, url } = await target();
  const repo = makeRepo(migrations);
  const before = dump(db);
  const run = await runDeploy(repo, url);

  expect(run.code).toBe(0);
  expect(dump(db)).toBe(before);
  expect(run.outputs).toMatchObject({
    verdict: 'pass',
    pending: '["db/migrations/001_users.sql","db/migrations/002_orders.sql"]',
    'pending-count': '2',
    'applied-count': '0',
  });
  expect(run.summary).toContain('### ✅ migration-gate: pass');
  expect(run.summary).toContain(`deploy to \`127.0.0.1:5432/${db.name}\``);
  expect(run.summary).toMatch(/dry-run on a scratch cluster database, not the target \(PostgreSQL 15/);
  expect(run.summary).toContain('#### Pending on the target (2)');
  // Each pending file ran in the dry-run and created its table there.
  expect(run.summary).toMatch(/\/db\/migrations\/001_users.sql\) \| ✅ ran \| [^|]+ \| \+ table `public.users`/);
  expect(run.summary).toMatch(/\/db\/migrations\/002_orders.sql\) \| ✅ ran \| [^|]+ \| \+ table `public.orders`/);
  expect(run.summary).not.toContain('Apply to the target');
}, 60_000);

test('apply: true applies the pending files after the gate passes, and a second run applies nothing', async () => {
  const { db, url } = await target();
  const repo = makeRepo(migrations);
  const run = await runDeploy(repo, url, { apply: 'true' });

  expect(run.code).toBe(0);
  expect(await recorded(db)).toEqual(['001', '002']);
  await db.client.query('INSERT INTO users VALUES (1); INSERT INTO orders VALUES (1, 1)');
  expect(run.outputs).toMatchObject({ verdict: 'pass', 'applied-count': '2', 'pending-count': '0', pending: '[]' });
  expect(run.summary).toContain('#### Apply to the target\n\n✅ 2 applied, 0 skipped, 2 total');
  expect(run.summary).toContain('- `db/migrations/001_users.sql`\n- `db/migrations/002_orders.sql`');
  expect(run.stdout).toContain('2 applied, 0 skipped, 2 total');

  const before = dump(db);
  const again = await runDeploy(repo, url, { apply: 'true', 'dry-run': 'false' });
  expect(again.code).toBe(0);
  expect(again.outputs).toMatchObject({ 'applied-count': '0', 'pending-count': '0' });
  expect(again.summary).toContain('No pending migrations: the target has every file applied.');
  expect(again.summary).toContain('✅ 0 applied, 2 skipped, 2 total');
  expect(dump(db)).toBe(before);
}, 60_000);

test('an applied file edited afterwards fails the step before anything is applied, and the summary names the drift', async () => {
  const { db, url } = await target();
  const repo = makeRepo(migrations);
  expect((await runDeploy(repo, url, { apply: 'true', 'dry-run': 'false' })).code).toBe(0);
  makeTree({
    'db/migrations/001_users.sql': USERS.replace('bigint', 'integer'),
    'db/migrations/003_items.sql': 'CREATE TABLE items (id bigint PRIMARY KEY);\n',
  }, repo);
  const before = dump(db);
  const run = await runDeploy(repo, url, { apply: 'true' });

  expect(run.code).toBe(1);
  expect(dump(db)).toBe(before);
  expect(await recorded(db)).toEqual(['001', '002']);
  expect(run.outputs).toMatchObject({ verdict: 'fail', 'applied-count': '0', 'pending-count': '1', pending: '["db/migrations/003_items.sql"]' });
  expect(run.stdout).toMatch(/::error::migration-gate: 1 error\(s\), \d+ warning\(s\); nothing was applied to the target/);
  expect(run.summary).toContain('❌ Nothing was applied: the gate failed');
  expect(run.summary).toMatch(/- ❌ `checksum-drift` \[`db\/migrations\/001_users.sql`\]\([^)]+\): 001\\_users.sql changed after it was applied/);
  // The pending file was still dry-run, so the summary says whether it would have worked.
  expect(run.summary).toMatch(/\/db\/migrations\/003_items.sql\) \| ✅ ran/);
}, 60_000);

test('a migration that the dry-run passes but the target refuses fails the step; the files before it stay applied', async () => {
  const { db, url } = await target();
  const repo = makeRepo(migrations);
  expect((await runDeploy(repo, url, { apply: 'true', 'dry-run': 'false' })).code).toBe(0);
  // Production data the dry-run cannot see: a user the new constraint rejects.
  await db.client.query('INSERT INTO users VALUES (-1)');
  makeTree({
    'db/migrations/003_items.sql': 'CREATE TABLE items (id bigint PRIMARY KEY);\n',
    'db/migrations/004_positive_ids.sql': '-- ids are positive\nALTER TABLE users ADD CONSTRAINT users_id_positive CHECK (id > 0);\n',
  }, repo);
  const run = await runDeploy(repo, url, { apply: 'true' });

  expect(run.code).toBe(1);
  expect(await recorded(db)).toEqual(['001', '002', '003']);
  const { rows } = await db.client.query(`SELECT count(*)::int AS n FROM pg_constraint WHERE conname = 'users_id_positive'`);
  expect(rows[0].n).toBe(0);
  expect(run.outputs).toMatchObject({ verdict: 'pass', 'applied-count': '1', pending: '["db/migrations/004_positive_ids.sql"]' });
  expect(run.stdout).toMatch(/::error::migration-gate: applying db\/migrations\/004_positive_ids.sql failed: db\/migrations\/004_positive_ids.sql:2:\d+: check constraint "users_id_positive"/);
  expect(run.summary).toContain('❌ `db/migrations/004_positive_ids.sql` failed; it was not recorded and nothing after it ran');
  expect(run.summary).toContain('1 applied, 2 skipped, 4 total');
  expect(run.summary).toContain('Applied before it:\n- `db/migrations/003_items.sql`');
}, 60_000);

test('a wrong password fails the step with a message naming the problem, and shows neither password', async () => {
  const { url } = await target();
  const wrong = new URL(url);
  const WRONG = `Wr0ng-${randomBytes(4).toString('hex')}`;
  wrong.password = WRONG;
  const run = await runDeploy(makeRepo(migrations), wrong.toString(), { apply: 'true', 'dry-run': 'false' });

  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`password authentication failed for user ${ROLE}`);
  expect(run.summary).toContain('migration-gate could not run');
  expect(run.summary).toContain('password authentication failed');
  expect(shown.join('\n')).not.toContain(WRONG);
}, 60_000);

test('apply: true on a pull request is an input error naming the input, before any database is touched', async () => {
  const { db, url } = await target();
  const before = dump(db);
  const run = await runDeploy(makeRepo(migrations), url, { apply: 'true', mode: 'pr' });

  expect(run.code).toBe(1);
  expect(run.stdout).toContain("Input 'apply' is true, but mode is pr: apply runs only in deploy mode");
  expect(dump(db)).toBe(before);
}, 60_000);

test('the password never appears in stdout, stderr, a summary, the outputs or the report', () => {
  // Runs above used the password in every INPUT_DATABASE-URL; the runner masks only its log, not files.
  expect(shown.length).toBeGreaterThan(20);
  expect(maskCommands).toContain(`::add-mask::${PASSWORD}`);
  const all = shown.join('\n');
  expect(all).not.toContain(PASSWORD);
  expect(all).not.toContain(encodeURIComponent(PASSWORD));
});
