-- Migration 008: Recurring broadcasts
-- Scheduled messages sent to a list of contacts on a cron-like schedule.

DO $$
BEGIN
  CREATE TYPE broadcast_frequency AS ENUM ('once', 'daily', 'weekly', 'monthly');
EXCEPTION
  WHEN duplicate_object THEN NULL;
END $$;

CREATE TABLE IF NOT EXISTS recurring_broadcasts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  device_id UUID NOT NULL REFERENCES whatsapp_devices(id) ON DELETE CASCADE,
  template_id UUID REFERENCES message_templates(id) ON DELETE SET NULL,
  name VARCHAR(150) NOT NULL,
  frequency broadcast_frequency NOT NULL DEFAULT 'once',
  send_time TIME NOT NULL DEFAULT '09:00',
  days_of_week SMALLINT[] NOT NULL DEFAULT '{}',
  recipients JSONB NOT NULL DEFAULT '[]'::jsonb,
  next_run_at TIMESTAMPTZ,
  last_run_at TIMESTAMPTZ,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE INDEX IF NOT EXISTS idx_recurring_broadcasts_due ON recurring_broadcasts(next_run_at) WHERE is_active;

CREATE TABLE IF NOT EXISTS broadcast_runs (
  id BIGSERIAL PRIMARY KEY,
  broadcast_id UUID NOT NULL REFERENCES recurring_broadcasts(id) ON DELETE CASCADE,
  started_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  finished_at TIMESTAMPTZ,
  sent_count INTEGER NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0,
  error TEXT
);

CREATE OR REPLACE TRIGGER trg_recurring_broadcasts_updated_at
  BEFORE UPDATE ON recurring_broadcasts
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
