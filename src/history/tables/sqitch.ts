// Sqitch: its registry schema (`sqitch` unless engine.<engine>.registry says otherwise; App/Sqitch/Engine/pg.sql) holds
// changes, one row per deployed change of every project deployed to the database, keyed by the change ID Sqitch computes
// from the change's plan line and the ID of the change planned before it; script_hash is the SHA-1 of its deploy script.
// Beside it: projects, dependencies, tags, and events (the log: deploy, revert, fail, merge).
//
// Sqitch writes no changes row for a change whose script failed, only a `fail` event (Engine.pm deploy_change,
// log_fail_change), and its next deploy runs that change again: nothing in the registry stops it, so nothing is read as dirty.

import type { Migration } from '../../migration.js';
import { checksum } from '../../checksum/index.js';
import { quoted } from '../../sql/quoted.js';
import { entriesFor, hasColumns, insertRow, isoTime, onlyColumns, qualified, type Db, type HistoryTable } from './table.js';

const COLUMNS = ['change_id', 'script_hash', 'change', 'project', 'note', 'committed_at', 'committer_name', 'committer_email', 'planned_at', 'planner_name', 'planner_email'];

export const sqitch: HistoryTable = {
  format: 'sqitch',
  // `sqitch status`, `log`, `check` and `upgrade` refuse a database without the registry; only `deploy` makes it, then deploys.
  createOnly: (table) => {
    const registry = table.slice(0, table.lastIndexOf('.'));
    const option = registry === 'sqitch' ? '' : ` --registry ${registry}`;
    return (
      `Sqitch has no command that makes only its registry: let it log its first change without running it, then take that back, ` +
      `\`sqitch deploy --log-only --to @ROOT${option} && sqitch revert -y --log-only${option}\` (the registry stays, with the project's row ` +
      'and those two events in `sqitch log`; no script runs)'
    );
  },
  defaultTable: { schema: 'sqitch', name: 'changes' },
  // A registry older than Sqitch 0.998 has no script_hash, which Sqitch adds when it next deploys (Upgrade/pg-1.0.sql).
  fits: (columns) => hasColumns(columns, ['change_id', 'change', 'project', 'committed_at', 'committer_name', 'planned_at', 'planner_name']) && onlyColumns(columns, COLUMNS),

  async read({ db, table, columns, migrations, folder }) {
    const planned = migrations.filter((m) => m.sqitch && m.kind === 'versioned');
    const projects = [...new Set(planned.map((m) => m.sqitch!.project))];
    // Sqitch reads the changes of its plan's project only, in the order they were deployed (DBIEngine deployed_changes).
    const { rows } = await db.query(
      `SELECT change_id::text AS change_id, change::text AS change, project::text AS project,
              ${columns.has('script_hash') ? 'script_hash::text' : 'NULL'} AS script_hash, committed_at
         FROM ${qualified(table)} WHERE project = ANY ($1) ORDER BY committed_at, change_id`,
      [projects],
    );
    const fileOf = deployedFiles(rows, planned);
    // A project's first folder, as the rows name it (a later entry of a Map wins, so the list goes in reversed).
    const folderOf = new Map(planned.map((m) => [m.sqitch!.project, m.folder] as const).reverse());
    const entries = rows.flatMap((r) => {
      const changeId = String(r.change_id);
      const name = String(r.change);
      // An old registry's script_hash is the change ID until Sqitch next deploys (_sync_plan, _update_script_hashes): no script's hash.
      const hash = r.script_hash === null || r.script_hash === changeId ? undefined : String(r.script_hash);
      const appliedAt = isoTime(r.committed_at);
      const file = fileOf.get(changeId);
      const projectFolder = folderOf.get(String(r.project)) ?? folder;
      return entriesFor(
        { version: '', name, ...(hash && { checksum: { algorithm: 'sqitch' as const, value: hash } }), ...(appliedAt && { appliedAt }), state: 'applied' },
        file ? [file] : [],
        `${projectFolder}/deploy/${name}.sql`,
      ).map((e) => ({ ...e, changeId }));
    });
    return { entries, findings: [] };
  },

  async record(ctx) {
    const { db, migration: m } = ctx;
    if (!m.sqitch) throw new Error(`${m.file} is no change of a Sqitch plan, and the Sqitch registry records only those.`);
    const { project, uri, change } = m.sqitch;
    const registry = quoted(ctx.table.schema);
    // Sqitch's committer is its user.name and user.email, which the gate has not: the role that ran the change, from migration-gate.
    const role = String((await db.query('SELECT current_user AS role')).rows[0].role);
    const committer = { name: role, email: `${role}@migration-gate` };
    // As Engine/pg.pm begin_work: a `sqitch deploy` running meanwhile waits for this change's rows.
    await db.query(`LOCK TABLE ${qualified(ctx.table)} IN EXCLUSIVE MODE`);
    // register_project, which `sqitch deploy` runs before a project's first change.
    await db.query(
      `INSERT INTO ${registry}.projects (project, uri, creator_name, creator_email, created_at)
       SELECT $1, $2, $3, $4, clock_timestamp() WHERE NOT EXISTS (SELECT 1 FROM ${registry}.projects WHERE project = $1)`,
      [project, uri ?? null, committer.name, committer.email],
    );
    // DBIEngine log_deploy_change: the changes row, its dependencies, its tags, then the deploy event (tags as `@name`, dependencies as written).
    await insertRow(
      ctx,
      {
        change_id: change.id,
        script_hash: checksum('sqitch', m.bytes),
        change: change.name,
        project,
        note: change.note,
        committer_name: committer.name,
        committer_email: committer.email,
        planned_at: change.plannedAt,
        planner_name: change.plannerName,
        planner_email: change.plannerEmail,
      },
      { committed_at: 'clock_timestamp()' },
    );
    const depend = (type: 'require' | 'conflict', dependency: string, id: string | null) =>
      db.query(`INSERT INTO ${registry}.dependencies (change_id, type, dependency, dependency_id) VALUES ($1, $2, $3, $4)`, [change.id, type, dependency, id]);
    for (const d of change.requires) await depend('require', d, await requiredId(db, registry, project, d));
    for (const d of change.conflicts) await depend('conflict', d, null);
    // `sqitch revert --to @tag` and a `change@tag` requirement find the tag here (change_id_for).
    for (const t of change.tags) {
      await db.query(
        `INSERT INTO ${registry}.tags (tag_id, tag, project, change_id, note, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp())`,
        [t.id, `@${t.name}`, project, change.id, t.note, committer.name, committer.email, t.plannedAt, t.plannerName, t.plannerEmail],
      );
    }
    await db.query(
      `INSERT INTO ${registry}.events (event, change_id, change, project, note, tags, requires, conflicts, committer_name, committer_email,
                                       planned_at, planner_name, planner_email, committed_at)
       VALUES ('deploy', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, clock_timestamp())`,
      [change.id, change.name, project, change.note, change.tags.map((t) => `@${t.name}`), change.requires, change.conflicts, committer.name, committer.email, change.plannedAt, change.plannerName, change.plannerEmail],
    );
  },
};

/**
 * Which migration each deployed change ID stands for, as Sqitch takes it: the planned change of that ID; else, the plan
 * having changed under the database, a planned change of the same name no row has the ID of (a reworked name's in plan
 * order; where rows outnumber them, the latest rows take them). A row of a change the plan no longer has gets none.
 */
function deployedFiles(rows: Array<Record<string, unknown>>, planned: Migration[]): Map<string, Migration> {
  const key = (project: unknown, id: unknown) => `${String(project)}\0${String(id)}`;
  const byId = new Map(planned.map((m) => [key(m.sqitch!.project, m.sqitch!.change.id), m]));
  const fileOf = new Map<string, Migration>();
  const unmatched = new Map<string, string[]>();
  for (const r of rows) {
    const m = byId.get(key(r.project, r.change_id));
    if (m) fileOf.set(String(r.change_id), m);
    else unmatched.set(key(r.project, r.change), [...(unmatched.get(key(r.project, r.change)) ?? []), String(r.change_id)]);
  }
  const deployed = new Set(fileOf.values());
  for (const [name, ids] of unmatched) {
    const free = planned.filter((m) => key(m.sqitch!.project, m.sqitch!.change.name) === name && !deployed.has(m)).sort((a, b) => a.sqitch!.change.index - b.sqitch!.change.index);
    ids.slice(Math.max(0, ids.length - free.length)).forEach((id, i) => fileOf.set(id, free[i]!));
  }
  return fileOf;
}

/**
 * The change ID a `requires` entry resolves to in the registry, as DBIEngine change_id_for finds it for `sqitch deploy`;
 * Sqitch deploys nothing while one is missing, and says so in these words.
 */
async function requiredId(db: Db, registry: string, project: string, dependency: string): Promise<string> {
  // Depend as_string: `[project:]change`, `[project:]change@tag`, `[project:]@tag` or a change ID.
  const [, other, change, tag] = /^(?:([^:@]+):)?([^@]*)(?:@(.*))?$/s.exec(dependency)!;
  const query = changeIdFor(registry, other ?? project, change || undefined, tag);
  const id: unknown = query && (await db.query(query.sql, query.params)).rows[0]?.change_id;
  if (typeof id !== 'string') throw new Error(`Missing required change: ${dependency}`);
  return id;
}

/** change_id_for's query, with `first` set, as check_deploy_dependencies asks it (null: @ROOT of a change, which is nothing). */
function changeIdFor(registry: string, project: string, change?: string, tag?: string): { sql: string; params: string[] } | null {
  const changes = `SELECT change_id FROM ${registry}.changes WHERE project = $1`;
  if (change === undefined) {
    if (tag === 'HEAD' || tag === 'ROOT') return { sql: `${changes} ORDER BY committed_at ${tag === 'HEAD' ? 'DESC' : 'ASC'} LIMIT 1`, params: [project] };
    return { sql: `SELECT change_id FROM ${registry}.tags WHERE project = $1 AND tag = $2`, params: [project, `@${tag}`] };
  }
  if (tag === undefined) {
    if (/^[0-9a-f]{40}$/.test(change)) return { sql: `SELECT change_id FROM ${registry}.changes WHERE change_id = $1`, params: [change] };
    return { sql: `${changes} AND change = $2 ORDER BY committed_at ASC LIMIT 1`, params: [project, change] };
  }
  if (tag === 'ROOT') return null;
  if (tag === 'HEAD') return { sql: `${changes} AND change = $2 ORDER BY committed_at DESC LIMIT 1`, params: [project, change] };
  return {
    sql: `SELECT c.change_id FROM ${registry}.changes c JOIN ${registry}.tags t ON c.committed_at <= t.committed_at AND c.project = t.project
           WHERE c.project = $1 AND c.change = $2 AND t.tag = $3 ORDER BY c.committed_at DESC LIMIT 1`,
    params: [project, change, `@${tag}`],
  };
}
