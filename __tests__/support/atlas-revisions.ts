// Atlas's revisions table as ent creates it on PostgreSQL (cmd/atlas/internal/migrate/ent/migrate/schema.go,
// EntRevisions.Migrate), in the schema NewEntRevisions creates first: the table tests read, and apply writes into.

export const ATLAS_REVISIONS_SCHEMA = 'CREATE SCHEMA IF NOT EXISTS "atlas_schema_revisions"';

export const ATLAS_REVISIONS_TABLE =
  'CREATE TABLE "atlas_schema_revisions"."atlas_schema_revisions" ("version" character varying NOT NULL, "description" character varying NOT NULL, ' +
  '"type" bigint NOT NULL DEFAULT 2, "applied" bigint NOT NULL DEFAULT 0, "total" bigint NOT NULL DEFAULT 0, "executed_at" timestamp with time zone NOT NULL, ' +
  '"execution_time" bigint NOT NULL, "error" text NULL, "error_stmt" text NULL, "hash" character varying NOT NULL, "partial_hashes" jsonb NULL, ' +
  '"operator_version" character varying NOT NULL, PRIMARY KEY ("version"))';
