-- Migration: Migration tracking
-- Version: 001
-- Date: 2024-09-02
--
-- Creates the schema_migrations table the runner (scripts/run-migrations.ts) records every applied
-- migration in, and the migration_status view used by `npm run migrate:status`.

CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

CREATE TABLE IF NOT EXISTS schema_migrations (
  id SERIAL PRIMARY KEY,
  version TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  applied_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
  checksum TEXT NOT NULL,
  execution_time_ms INTEGER,
  applied_by TEXT DEFAULT current_user
);

CREATE INDEX IF NOT EXISTS idx_schema_migrations_applied_at ON schema_migrations(applied_at DESC);

CREATE OR REPLACE VIEW migration_status AS
SELECT
  version,
  name,
  applied_at,
  execution_time_ms,
  applied_by,
  CASE
    WHEN applied_at > NOW() - INTERVAL '1 day' THEN 'recent'
    WHEN applied_at > NOW() - INTERVAL '7 days' THEN 'this_week'
    WHEN applied_at > NOW() - INTERVAL '30 days' THEN 'this_month'
    ELSE 'older'
  END AS age_category
FROM schema_migrations
ORDER BY version DESC;

COMMENT ON TABLE schema_migrations IS 'Migrations applied by scripts/run-migrations.ts, one row per version';
