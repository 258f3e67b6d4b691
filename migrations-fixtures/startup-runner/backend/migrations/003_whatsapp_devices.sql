-- Migration 003: WhatsApp devices
-- Each tenant links one or more WhatsApp numbers (devices) through the GOWA gateway.

CREATE TABLE IF NOT EXISTS whatsapp_devices (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  device_name VARCHAR(100) NOT NULL,
  phone_number VARCHAR(32),
  jid VARCHAR(128) UNIQUE,
  status VARCHAR(20) NOT NULL DEFAULT 'disconnected',
  webhook_secret VARCHAR(64) NOT NULL DEFAULT encode(gen_random_bytes(24), 'hex'),
  last_seen_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE INDEX IF NOT EXISTS idx_whatsapp_devices_tenant_id ON whatsapp_devices(tenant_id);
CREATE INDEX IF NOT EXISTS idx_whatsapp_devices_status ON whatsapp_devices(status);

DO $$
BEGIN
  ALTER TABLE whatsapp_devices
    ADD CONSTRAINT whatsapp_devices_status_check
    CHECK (status IN ('connected', 'disconnected', 'pairing', 'banned'));
EXCEPTION
  WHEN duplicate_object THEN NULL;
END $$;

CREATE OR REPLACE TRIGGER trg_whatsapp_devices_updated_at
  BEFORE UPDATE ON whatsapp_devices
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
