-- Migration 005: Messages and customer insights
-- Every inbound and outbound WhatsApp message, and what the AI learned about each contact.

CREATE TABLE IF NOT EXISTS messages (
  id BIGSERIAL PRIMARY KEY,
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  device_id UUID NOT NULL REFERENCES whatsapp_devices(id) ON DELETE CASCADE,
  wa_message_id VARCHAR(128) NOT NULL,
  chat_jid VARCHAR(128) NOT NULL,
  sender_jid VARCHAR(128),
  from_me BOOLEAN NOT NULL DEFAULT FALSE,
  message_type VARCHAR(20) NOT NULL DEFAULT 'text',
  body TEXT,
  media_url TEXT,
  replied_by_ai BOOLEAN NOT NULL DEFAULT FALSE,
  sent_at TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE UNIQUE INDEX IF NOT EXISTS uq_messages_device_wa_id ON messages(device_id, wa_message_id);
CREATE INDEX IF NOT EXISTS idx_messages_tenant_chat_sent ON messages(tenant_id, chat_jid, sent_at DESC);

CREATE TABLE IF NOT EXISTS customer_insights (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  chat_jid VARCHAR(128) NOT NULL,
  sentiment VARCHAR(20),
  intent VARCHAR(50),
  summary TEXT,
  lead_score SMALLINT CHECK (lead_score BETWEEN 0 AND 100),
  last_analyzed_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  UNIQUE (tenant_id, chat_jid)
);

CREATE OR REPLACE TRIGGER trg_customer_insights_updated_at
  BEFORE UPDATE ON customer_insights
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
