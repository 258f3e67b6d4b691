-- Migration 004: AI configuration
-- One AI auto-reply configuration per tenant.

CREATE TABLE IF NOT EXISTS ai_configs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL UNIQUE REFERENCES tenants(id) ON DELETE CASCADE,
  enabled BOOLEAN NOT NULL DEFAULT FALSE,
  model VARCHAR(100) NOT NULL DEFAULT 'gpt-3.5-turbo',
  system_prompt TEXT NOT NULL DEFAULT 'You are a helpful customer service assistant.',
  temperature NUMERIC(3, 2) NOT NULL DEFAULT 0.7,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

DROP TRIGGER IF EXISTS trg_ai_configs_updated_at ON ai_configs;
CREATE TRIGGER trg_ai_configs_updated_at
  BEFORE UPDATE ON ai_configs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

INSERT INTO ai_configs (tenant_id)
SELECT id FROM tenants
ON CONFLICT (tenant_id) DO NOTHING;
