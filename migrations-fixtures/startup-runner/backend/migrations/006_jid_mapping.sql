-- Migration 006: JID mapping
-- WhatsApp now sends LIDs (@lid) for some contacts; map them to phone-number JIDs.

CREATE TABLE IF NOT EXISTS jid_mappings (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  lid VARCHAR(128) NOT NULL,
  phone_jid VARCHAR(128) NOT NULL,
  first_seen_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  PRIMARY KEY (tenant_id, lid)
);

CREATE INDEX IF NOT EXISTS idx_jid_mappings_phone_jid ON jid_mappings(tenant_id, phone_jid);

CREATE OR REPLACE FUNCTION resolve_jid(p_tenant UUID, p_jid VARCHAR)
RETURNS VARCHAR
LANGUAGE sql
STABLE
AS $$
  SELECT COALESCE(
    (SELECT phone_jid FROM jid_mappings WHERE tenant_id = p_tenant AND lid = p_jid),
    p_jid
  );
$$;
