-- Migration 013: Customer tags and message analytics
-- Agents tag contacts; a daily roll-up feeds the dashboard.

CREATE TABLE IF NOT EXISTS customer_tags (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  chat_jid VARCHAR(128) NOT NULL,
  tag VARCHAR(50) NOT NULL,
  color VARCHAR(7) NOT NULL DEFAULT '#3B82F6',
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  UNIQUE (tenant_id, chat_jid, tag)
);

CREATE TABLE IF NOT EXISTS message_analytics_daily (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day DATE NOT NULL,
  inbound_count INTEGER NOT NULL DEFAULT 0,
  outbound_count INTEGER NOT NULL DEFAULT 0,
  ai_reply_count INTEGER NOT NULL DEFAULT 0,
  unique_contacts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day)
);

CREATE INDEX IF NOT EXISTS idx_customer_tags_tag ON customer_tags(tenant_id, tag);

CREATE OR REPLACE VIEW v_message_stats_30d AS
SELECT tenant_id,
       SUM(inbound_count) AS inbound,
       SUM(outbound_count) AS outbound,
       SUM(ai_reply_count) AS ai_replies
FROM message_analytics_daily
WHERE day > CURRENT_DATE - 30
GROUP BY tenant_id;
