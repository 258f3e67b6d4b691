// Sqitch's registry on PostgreSQL as `sqitch deploy` makes it the first time (App/Sqitch/Engine/pg.sql, registry 1.1, then
// the releases row Role/DBIEngine _register_release writes): the tables tests fill as Sqitch fills them and read back.

import type { Db } from '../../src/history/tables/table.js';
import { quoted } from '../../src/sql/quoted.js';

/** The registry's statements for schema `registry`, in pg.sql's order (each table refers to those before it). */
export function sqitchRegistry(registry = 'sqitch'): string[] {
  const r = quoted(registry);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${r}`,
    `CREATE TABLE ${r}.releases (
       version real PRIMARY KEY, installed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       installer_name text NOT NULL, installer_email text NOT NULL)`,
    `CREATE TABLE ${r}.projects (
       project text PRIMARY KEY, uri text NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       creator_name text NOT NULL, creator_email text NOT NULL)`,
    `CREATE TABLE ${r}.changes (
       change_id text PRIMARY KEY, script_hash text NULL, change text NOT NULL,
       project text NOT NULL REFERENCES ${r}.projects (project) ON UPDATE CASCADE,
       note text NOT NULL DEFAULT '', committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       committer_name text NOT NULL, committer_email text NOT NULL,
       planned_at timestamptz NOT NULL, planner_name text NOT NULL, planner_email text NOT NULL,
       UNIQUE (project, script_hash))`,
    `CREATE TABLE ${r}.tags (
       tag_id text PRIMARY KEY, tag text NOT NULL,
       project text NOT NULL REFERENCES ${r}.projects (project) ON UPDATE CASCADE,
       change_id text NOT NULL REFERENCES ${r}.changes (change_id) ON UPDATE CASCADE,
       note text NOT NULL DEFAULT '', committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       committer_name text NOT NULL, committer_email text NOT NULL,
       planned_at timestamptz NOT NULL, planner_name text NOT NULL, planner_email text NOT NULL,
       UNIQUE (project, tag))`,
    `CREATE TABLE ${r}.dependencies (
       change_id text NOT NULL REFERENCES ${r}.changes (change_id) ON UPDATE CASCADE ON DELETE CASCADE,
       type text NOT NULL, dependency text NOT NULL,
       dependency_id text NULL REFERENCES ${r}.changes (change_id) ON UPDATE CASCADE
         CONSTRAINT dependencies_check CHECK ((type = 'require' AND dependency_id IS NOT NULL) OR (type = 'conflict' AND dependency_id IS NULL)),
       PRIMARY KEY (change_id, dependency))`,
    `CREATE TABLE ${r}.events (
       event text NOT NULL CONSTRAINT events_event_check CHECK (event IN ('deploy', 'revert', 'fail', 'merge')),
       change_id text NOT NULL, change text NOT NULL,
       project text NOT NULL REFERENCES ${r}.projects (project) ON UPDATE CASCADE,
       note text NOT NULL DEFAULT '', requires text[] NOT NULL DEFAULT '{}', conflicts text[] NOT NULL DEFAULT '{}',
       tags text[] NOT NULL DEFAULT '{}', committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       committer_name text NOT NULL, committer_email text NOT NULL,
       planned_at timestamptz NOT NULL, planner_name text NOT NULL, planner_email text NOT NULL,
       PRIMARY KEY (change_id, committed_at))`,
    `INSERT INTO ${r}.releases (version, installed_at, installer_name, installer_email) VALUES (1.1, clock_timestamp(), 'Ann', 'ann@example.com')`,
  ];
}

/** A fresh registry in `registry`: whatever was there is dropped first. */
export async function makeSqitchRegistry(db: Db, registry = 'sqitch'): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${quoted(registry)} CASCADE`);
  for (const sql of sqitchRegistry(registry)) await db.query(sql);
}

/** A change as Sqitch describes it to the registry (the plan's line, its ID, and its deploy script's SHA-1). */
export interface DeployedChange {
  id: string;
  name: string;
  project: string;
  scriptHash: string | null;
  note?: string;
  plannedAt?: string;
  requires?: Array<{ dependency: string; id: string }>;
}

/** The projects row register_project writes, when there is none. */
export async function registerProject(db: Db, project: string, uri: string | null = null, registry = 'sqitch'): Promise<void> {
  await db.query(
    `INSERT INTO ${quoted(registry)}.projects (project, uri, creator_name, creator_email, created_at)
     SELECT $1, $2, 'Ann', 'ann@example.com', clock_timestamp() WHERE NOT EXISTS (SELECT 1 FROM ${quoted(registry)}.projects WHERE project = $1)`,
    [project, uri],
  );
}

/** The rows log_deploy_change writes for an untagged change `sqitch deploy` ran: changes, dependencies, and the deploy event. */
export async function logDeploy(db: Db, c: DeployedChange, registry = 'sqitch'): Promise<void> {
  const r = quoted(registry);
  const plannedAt = c.plannedAt ?? '2024-01-01T00:00:00Z';
  const note = c.note ?? '';
  await registerProject(db, c.project, null, registry);
  await db.query(
    `INSERT INTO ${r}.changes (change_id, script_hash, change, project, note, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at)
     VALUES ($1, $2, $3, $4, $5, 'Ann', 'ann@example.com', $6, 'Ann', 'ann@example.com', clock_timestamp())`,
    [c.id, c.scriptHash, c.name, c.project, note, plannedAt],
  );
  for (const d of c.requires ?? []) {
    await db.query(`INSERT INTO ${r}.dependencies (change_id, type, dependency, dependency_id) VALUES ($1, 'require', $2, $3)`, [c.id, d.dependency, d.id]);
  }
  await db.query(
    `INSERT INTO ${r}.events (event, change_id, change, project, note, tags, requires, conflicts, committer_name, committer_email, planned_at, planner_name, planner_email, committed_at)
     VALUES ('deploy', $1, $2, $3, $4, '{}', $5, '{}', 'Ann', 'ann@example.com', $6, 'Ann', 'ann@example.com', clock_timestamp())`,
    [c.id, c.name, c.project, note, (c.requires ?? []).map((d) => d.dependency), plannedAt],
  );
}
