-- Migration 016: AI analytics
-- Token usage and cost per AI reply, with a daily roll-up per tenant and provider.

CREATE TABLE IF NOT EXISTS ai_usage_logs (
  id BIGSERIAL PRIMARY KEY,
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  message_id BIGINT REFERENCES messages(id) ON DELETE SET NULL,
  provider VARCHAR(30) NOT NULL REFERENCES ai_providers(code),
  model VARCHAR(100) NOT NULL,
  prompt_tokens INTEGER NOT NULL DEFAULT 0,
  completion_tokens INTEGER NOT NULL DEFAULT 0,
  latency_ms INTEGER,
  cost_usd NUMERIC(10, 6) NOT NULL DEFAULT 0,
  success BOOLEAN NOT NULL DEFAULT TRUE,
  error_message TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE INDEX IF NOT EXISTS idx_ai_usage_logs_tenant_created ON ai_usage_logs(tenant_id, created_at DESC);

CREATE TABLE IF NOT EXISTS ai_daily_stats (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day DATE NOT NULL,
  provider VARCHAR(30) NOT NULL,
  replies INTEGER NOT NULL DEFAULT 0,
  tokens BIGINT NOT NULL DEFAULT 0,
  cost_usd NUMERIC(12, 6) NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, provider)
);

CREATE OR REPLACE FUNCTION refresh_ai_daily_stats(p_day DATE)
RETURNS VOID
LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO ai_daily_stats (tenant_id, day, provider, replies, tokens, cost_usd)
  SELECT tenant_id, p_day, provider, COUNT(*), SUM(prompt_tokens + completion_tokens), SUM(cost_usd)
  FROM ai_usage_logs
  WHERE created_at >= p_day AND created_at < p_day + 1 AND success
  GROUP BY tenant_id, provider
  ON CONFLICT (tenant_id, day, provider) DO UPDATE
    SET replies = EXCLUDED.replies, tokens = EXCLUDED.tokens, cost_usd = EXCLUDED.cost_usd;
END;
$$;
