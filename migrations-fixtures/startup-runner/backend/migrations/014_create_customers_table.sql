-- Migration 014: Customers
-- Contacts become first-class customers with a name, notes and a lifecycle stage.

CREATE TABLE IF NOT EXISTS customers (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  phone_jid VARCHAR(128) NOT NULL,
  display_name VARCHAR(255),
  email VARCHAR(255),
  stage VARCHAR(20) NOT NULL DEFAULT 'lead',
  notes VARCHAR(500),
  first_contact_at TIMESTAMPTZ,
  last_contact_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  UNIQUE (tenant_id, phone_jid)
);

CREATE INDEX IF NOT EXISTS idx_customers_tenant_stage ON customers(tenant_id, stage);
CREATE INDEX IF NOT EXISTS idx_customers_last_contact ON customers(tenant_id, last_contact_at DESC);

INSERT INTO customers (tenant_id, phone_jid, first_contact_at, last_contact_at)
SELECT tenant_id, chat_jid, MIN(sent_at), MAX(sent_at)
FROM messages
WHERE chat_jid NOT LIKE '%@g.us'
GROUP BY tenant_id, chat_jid
ON CONFLICT (tenant_id, phone_jid) DO NOTHING;

DROP TRIGGER IF EXISTS trg_customers_updated_at ON customers;
CREATE TRIGGER trg_customers_updated_at
  BEFORE UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
