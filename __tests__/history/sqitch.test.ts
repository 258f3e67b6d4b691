// Sqitch's registry on a real server, made with the DDL `sqitch deploy` runs and filled as it fills it: read back to the
// deploy scripts Sqitch takes its changes for (by change ID, else by name where the plan changed under the database), and
// the rows apply writes in Sqitch's place, read back again.

import type { Migration } from '../../src/migration.js';
import type { GateOptions } from '../../src/options.js';
import type { PlanChange } from '../../src/discover/sqitch-plan.js';
import type { Columns } from '../../src/history/tables/table.js';
import { locateHistoryTable, readHistoryTable } from '../../src/history/read-table.js';
import { HISTORY_TABLES, historyTable } from '../../src/history/tables/index.js';
import { otherTables } from '../support/runner-tables.js';
import { checksum } from '../../src/checksum/index.js';
import { missingMigration } from '../../src/rules/missing-migration.js';
import { checksumDrift } from '../../src/rules/checksum-drift.js';
import { outOfOrder } from '../../src/rules/out-of-order.js';
import { testOptions } from '../support/options.js';
import { scratchDatabase, type ScratchDatabase } from '../deploy/scratch-database.js';
import { logDeploy, makeSqitchRegistry, registerProject } from '../support/sqitch-registry.js';

const sqitch = historyTable('sqitch');

/** A deploy script as discovery gives it: `<top>/deploy/<script>.sql`, its plan entry on it. */
function change(project: string, index: number, name: string, content: string, plan: Partial<PlanChange> = {}, top = 'db'): Migration {
  const entry: PlanChange = {
    name,
    line: index + 5,
    index,
    requires: [],
    conflicts: [],
    plannerName: 'Ann',
    plannerEmail: 'ann@example.com',
    plannedAt: `2024-01-0${index + 1}T10:00:00Z`,
    note: `Add ${name}.`,
    tags: [],
    script: name,
    ...plan,
    id: (plan.id ?? `${project}-${name}-${index}`).padEnd(40, '0'),
  };
  return {
    file: `${top}/deploy/${entry.script}.sql`,
    folder: top,
    version: String(index + 1),
    name,
    scheme: 'sequential',
    kind: 'versioned',
    listed: index,
    bytes: Buffer.from(content),
    sql: content,
    lineOffset: 0,
    transactional: true,
    runnerWraps: false,
    sqitch: { project, change: entry },
  };
}

/** The rows `sqitch deploy` wrote for a planned change (as planned then: its ID and script as they were). */
function deployed(m: Migration, was: { id?: string; script?: string } = {}) {
  const c = m.sqitch!.change;
  return { id: was.id?.padEnd(40, '0') ?? c.id, name: c.name, project: m.sqitch!.project, scriptHash: checksum('sqitch', Buffer.from(was.script ?? m.sql)), note: c.note, plannedAt: c.plannedAt };
}

function deployOptions(db: ScratchDatabase, history: Partial<GateOptions['history']> = {}): GateOptions {
  return testOptions({
    mode: 'deploy',
    preset: 'sqitch',
    checksum: 'sqitch',
    folders: [{ path: 'db' }],
    dryRun: { ...testOptions().dryRun, databaseUrl: db.url },
    history: { format: 'auto', write: false, ...history },
  });
}

const V1_0 = { name: 'v1.0', id: 'flipr-tag-v1.0'.padEnd(40, '0'), note: 'Tag v1.0', plannerName: 'Bob', plannerEmail: 'bob@example.com', plannedAt: '2024-01-01T11:00:00Z' };
const USERS_V1 = change('flipr', 0, 'users', 'CREATE TABLE users (id int);\n', { script: 'users@v1.0', tags: [V1_0] });
const POSTS = change('flipr', 1, 'posts', 'CREATE TABLE posts (id int, body text);\n', { requires: ['users'] });
const USERS = change('flipr', 2, 'users', 'CREATE TABLE users (id int);\nALTER TABLE users ADD name text;\n', { requires: ['users@v1.0'] });
const WIDGETS = change('flipr', 3, 'widgets', 'CREATE TABLE widgets (id int);\n');
const PLAN = [USERS_V1, POSTS, USERS, WIDGETS];

let db: ScratchDatabase;
beforeAll(async () => (db = await scratchDatabase('sqitch')));
afterAll(async () => db.drop());
beforeEach(async () => makeSqitchRegistry(db.client));

describe("Sqitch's registry", () => {
  const columns = (names: string[]): Columns => new Map(names.map((n) => [n, 'text']));

  it.each(otherTables('sqitch'))("%s's table is not Sqitch's", (_format, names) => {
    expect(sqitch.fits(columns(names))).toBe(false);
  });

  it('sqitch.changes is found by itself, is no other runner\'s, and a registry from before script_hash is Sqitch\'s too', async () => {
    const located = await locateHistoryTable(db.client, deployOptions(db));
    expect(located).toMatchObject({ exists: true, table: { schema: 'sqitch', name: 'changes' } });
    expect(located.format.format).toBe('sqitch');
    expect(HISTORY_TABLES.filter((t) => t.fits(located.columns)).map((t) => t.format)).toEqual(['sqitch']);
    const old = new Map(located.columns);
    old.delete('script_hash');
    expect(HISTORY_TABLES.filter((t) => t.fits(old)).map((t) => t.format)).toEqual(['sqitch']);
  });

  it("reads its project's changes to their deploy scripts by change ID, a reworked change's two rows to its two scripts", async () => {
    await logDeploy(db.client, deployed(USERS_V1));
    await logDeploy(db.client, { ...deployed(change('other', 0, 'users', 'CREATE TABLE other_users (id int);\n')) });
    await logDeploy(db.client, deployed(POSTS));
    await logDeploy(db.client, deployed(USERS));
    const { history, findings } = await readHistoryTable(deployOptions(db), PLAN);
    expect(findings).toEqual([]);
    expect(history.entries.map((e) => [e.file, e.changeId, e.checksum?.value, e.state])).toEqual([
      ['db/deploy/users@v1.0.sql', USERS_V1.sqitch!.change.id, checksum('sqitch', USERS_V1.bytes), 'applied'],
      ['db/deploy/posts.sql', POSTS.sqitch!.change.id, checksum('sqitch', POSTS.bytes), 'applied'],
      ['db/deploy/users.sql', USERS.sqitch!.change.id, checksum('sqitch', USERS.bytes), 'applied'],
    ]);
    expect(history.entries[0]!.appliedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const options = deployOptions(db);
    expect(missingMigration.check({ migrations: PLAN, history, options })).toEqual([]);
    expect(checksumDrift.check({ migrations: PLAN, history, options })).toEqual([]);
  });

  it('a change whose plan line changed is read to its script by name (drift and "Cannot find change" follow); one the plan lost is missing', async () => {
    await logDeploy(db.client, deployed(USERS_V1));
    // Deployed before its plan line changed, and its script since.
    await logDeploy(db.client, deployed(POSTS, { id: 'replanned-posts', script: 'CREATE TABLE posts (id int);\n' }));
    await logDeploy(db.client, { id: 'gone-legacy'.padEnd(40, '0'), name: 'legacy', project: 'flipr', scriptHash: checksum('sqitch', Buffer.from('select 1;\n')) });
    const options = deployOptions(db);
    const { history } = await readHistoryTable(options, PLAN);
    expect(history.entries.map((e) => [e.file, e.changeId])).toEqual([
      ['db/deploy/users@v1.0.sql', USERS_V1.sqitch!.change.id],
      ['db/deploy/posts.sql', 'replanned-posts'.padEnd(40, '0')],
      ['db/deploy/legacy.sql', 'gone-legacy'.padEnd(40, '0')],
    ]);
    const drift = checksumDrift.check({ migrations: PLAN, history, options });
    expect(drift.map((d) => d.file).sort()).toEqual(['db/deploy/posts.sql', 'db/sqitch.plan']);
    expect(drift.find((d) => d.file === 'db/sqitch.plan')!.message).toContain(`Cannot find change ${'replanned-posts'.padEnd(40, '0')} (posts)`);
    const missing = missingMigration.check({ migrations: PLAN, history, options });
    expect(missing.map((d) => d.file)).toEqual(['db/deploy/legacy.sql']);
    expect(missing[0]!.message).toContain('Cannot find change');
    // The changes not deployed come after the deployed ones in the plan: none is out of order.
    expect(outOfOrder.check({ migrations: PLAN, history, options })).toEqual([]);
  });

  it('where every ID changed, a reworked name\'s rows take its scripts in plan order, and the latest of more rows than scripts takes the one there is', async () => {
    await logDeploy(db.client, deployed(USERS_V1, { id: 'old-users-1' }));
    await logDeploy(db.client, deployed(POSTS, { id: 'old-posts' }));
    await logDeploy(db.client, deployed(USERS, { id: 'old-users-2' }));
    const { history } = await readHistoryTable(deployOptions(db), PLAN);
    expect(history.entries.map((e) => [e.file, e.changeId?.replace(/0+$/, '')])).toEqual([
      ['db/deploy/users@v1.0.sql', 'old-users-1'],
      ['db/deploy/posts.sql', 'old-posts'],
      ['db/deploy/users.sql', 'old-users-2'],
    ]);
    // The plan lost the rework: the second users row is the one Sqitch's latest state names.
    const unreworked = [change('flipr', 0, 'users', USERS.sql), POSTS];
    const { history: after } = await readHistoryTable(deployOptions(db), unreworked);
    expect(after.entries.filter((e) => e.name === 'users').map((e) => [e.file, e.changeId?.replace(/0+$/, '')])).toEqual([
      ['db/deploy/users.sql', 'old-users-1'],
      ['db/deploy/users.sql', 'old-users-2'],
    ]);
    expect(after.entries.at(-1)).toMatchObject({ file: 'db/deploy/users.sql', checksum: { value: checksum('sqitch', USERS.bytes) } });
  });

  it('reads a registry kept in another schema (engine.pg.registry) when history-table names it', async () => {
    await makeSqitchRegistry(db.client, 'flipr_registry');
    await logDeploy(db.client, deployed(USERS_V1), 'flipr_registry');
    const { history } = await readHistoryTable(deployOptions(db, { format: 'sqitch', table: 'flipr_registry.changes' }), PLAN);
    expect(history.source).toBe('table:flipr_registry.changes');
    expect(history.entries.map((e) => e.file)).toEqual(['db/deploy/users@v1.0.sql']);
    await db.client.query('DROP SCHEMA flipr_registry CASCADE');
  });
});

describe('recording a change in Sqitch\'s place', () => {
  async function record(m: Migration): Promise<void> {
    const located = await locateHistoryTable(db.client, deployOptions(db));
    await db.client.query('BEGIN');
    try {
      await sqitch.record({ db: db.client, table: located.table, columns: located.columns, migration: m, executionMs: 3, statements: [m.sql] });
      await db.client.query('COMMIT');
    } catch (e) {
      await db.client.query('ROLLBACK');
      throw e;
    }
  }

  it('registers the project, and writes the change, its dependencies and its deploy event as log_deploy_change does', async () => {
    const first = { ...USERS_V1, sqitch: { ...USERS_V1.sqitch!, uri: 'https://example.com/flipr' } };
    const posts = { ...POSTS, sqitch: { ...POSTS.sqitch!, change: { ...POSTS.sqitch!.change, conflicts: ['posts_v0'] } } };
    await record(first);
    await record(posts);
    const role = (await db.client.query('SELECT current_user AS role')).rows[0].role;
    const committer = { committer_name: role, committer_email: `${role}@migration-gate` };
    const { rows: projects } = await db.client.query('SELECT project, uri, creator_name, creator_email FROM sqitch.projects');
    expect(projects).toEqual([{ project: 'flipr', uri: 'https://example.com/flipr', creator_name: role, creator_email: `${role}@migration-gate` }]);
    const { rows: changes } = await db.client.query(
      `SELECT change_id, script_hash, change, project, note, committer_name, committer_email, to_char(planned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS planned_at,
              planner_name, planner_email FROM sqitch.changes ORDER BY committed_at`,
    );
    expect(changes).toEqual([
      { change_id: USERS_V1.sqitch!.change.id, script_hash: checksum('sqitch', USERS_V1.bytes), change: 'users', project: 'flipr', note: 'Add users.', ...committer, planned_at: '2024-01-01T10:00:00Z', planner_name: 'Ann', planner_email: 'ann@example.com' },
      { change_id: POSTS.sqitch!.change.id, script_hash: checksum('sqitch', POSTS.bytes), change: 'posts', project: 'flipr', note: 'Add posts.', ...committer, planned_at: '2024-01-02T10:00:00Z', planner_name: 'Ann', planner_email: 'ann@example.com' },
    ]);
    const { rows: dependencies } = await db.client.query('SELECT change_id, type, dependency, dependency_id FROM sqitch.dependencies ORDER BY type DESC');
    expect(dependencies).toEqual([
      { change_id: POSTS.sqitch!.change.id, type: 'require', dependency: 'users', dependency_id: USERS_V1.sqitch!.change.id },
      { change_id: POSTS.sqitch!.change.id, type: 'conflict', dependency: 'posts_v0', dependency_id: null },
    ]);
    const { rows: events } = await db.client.query('SELECT event, change_id, change, tags, requires, conflicts, committer_name FROM sqitch.events ORDER BY committed_at');
    expect(events).toEqual([
      { event: 'deploy', change_id: USERS_V1.sqitch!.change.id, change: 'users', tags: ['@v1.0'], requires: [], conflicts: [], committer_name: role },
      { event: 'deploy', change_id: POSTS.sqitch!.change.id, change: 'posts', tags: [], requires: ['users'], conflicts: ['posts_v0'], committer_name: role },
    ]);
    const { history } = await readHistoryTable(deployOptions(db), PLAN);
    expect(history.entries.map((e) => [e.file, e.changeId, e.checksum])).toEqual([
      ['db/deploy/users@v1.0.sql', USERS_V1.sqitch!.change.id, { algorithm: 'sqitch', value: checksum('sqitch', USERS_V1.bytes) }],
      ['db/deploy/posts.sql', POSTS.sqitch!.change.id, { algorithm: 'sqitch', value: checksum('sqitch', POSTS.bytes) }],
    ]);
  });

  it('writes the tags rows log_deploy_change writes, where `sqitch revert --to @v1.0` finds the change the tag is on', async () => {
    const v1b = { ...V1_0, name: 'v1.0b', id: 'flipr-tag-v1.0b'.padEnd(40, '0'), note: '' };
    await record({ ...USERS_V1, sqitch: { ...USERS_V1.sqitch!, change: { ...USERS_V1.sqitch!.change, tags: [V1_0, v1b] } } });
    await record(POSTS);
    const role = (await db.client.query('SELECT current_user AS role')).rows[0].role;
    const { rows: tags } = await db.client.query(
      `SELECT tag_id, tag, project, change_id, note, committer_name, committer_email, to_char(planned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS planned_at,
              planner_name, planner_email, committed_at >= (SELECT committed_at FROM sqitch.changes WHERE change_id = t.change_id) AS after_change
         FROM sqitch.tags t ORDER BY tag`,
    );
    const row = { project: 'flipr', change_id: USERS_V1.sqitch!.change.id, committer_name: role, committer_email: `${role}@migration-gate`, planned_at: '2024-01-01T11:00:00Z', planner_name: 'Bob', planner_email: 'bob@example.com', after_change: true };
    expect(tags).toEqual([
      { tag_id: V1_0.id, tag: '@v1.0', note: 'Tag v1.0', ...row },
      { tag_id: v1b.id, tag: '@v1.0b', note: '', ...row },
    ]);
    const { rows: events } = await db.client.query(`SELECT tags FROM sqitch.events WHERE change_id = $1`, [USERS_V1.sqitch!.change.id]);
    expect(events).toEqual([{ tags: ['@v1.0', '@v1.0b'] }]);
  });

  it('resolves a reworked change\'s requirement on users@v1.0 to the users change the gate recorded before the tag', async () => {
    await record(USERS_V1);
    await record(POSTS);
    await record(USERS);
    const { rows } = await db.client.query('SELECT dependency, dependency_id FROM sqitch.dependencies WHERE change_id = $1', [USERS.sqitch!.change.id]);
    expect(rows).toEqual([{ dependency: 'users@v1.0', dependency_id: USERS_V1.sqitch!.change.id }]);
  });

  it('adds no second projects row to a project already registered, and resolves a dependency on another project', async () => {
    await registerProject(db.client, 'flipr');
    const auth = change('auth', 0, 'roles', 'CREATE ROLE x;\n');
    await logDeploy(db.client, deployed(auth));
    await record({ ...USERS_V1, sqitch: { ...USERS_V1.sqitch!, change: { ...USERS_V1.sqitch!.change, requires: ['auth:roles'] } } });
    expect((await db.client.query(`SELECT count(*)::int AS n FROM sqitch.projects WHERE project = 'flipr'`)).rows[0].n).toBe(1);
    const { rows } = await db.client.query(`SELECT dependency, dependency_id FROM sqitch.dependencies`);
    expect(rows).toEqual([{ dependency: 'auth:roles', dependency_id: auth.sqitch!.change.id }]);
  });

  it('refuses a change whose required change is not deployed, in Sqitch\'s words, and writes nothing', async () => {
    await expect(record(POSTS)).rejects.toThrow('Missing required change: users');
    expect((await db.client.query('SELECT count(*)::int AS n FROM sqitch.changes')).rows[0].n).toBe(0);
    expect((await db.client.query('SELECT count(*)::int AS n FROM sqitch.projects')).rows[0].n).toBe(0);
  });

  it('says how to make the registry without deploying a change, in the registry configured', () => {
    expect(sqitch.createOnly!('sqitch.changes')).toContain('`sqitch deploy --log-only --to @ROOT && sqitch revert -y --log-only`');
    expect(sqitch.createOnly!('flipr_registry.changes')).toContain('`sqitch deploy --log-only --to @ROOT --registry flipr_registry && sqitch revert -y --log-only --registry flipr_registry`');
  });
});
