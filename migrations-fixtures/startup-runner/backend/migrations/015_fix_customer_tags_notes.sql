-- Migration 015: Fix customer tags and notes
-- Tags now point at customers instead of raw JIDs, and notes were too short at 500 characters.

ALTER TABLE customer_tags ADD COLUMN IF NOT EXISTS customer_id UUID REFERENCES customers(id) ON DELETE CASCADE;

UPDATE customer_tags t
SET customer_id = c.id
FROM customers c
WHERE c.tenant_id = t.tenant_id
  AND c.phone_jid = t.chat_jid
  AND t.customer_id IS NULL;

CREATE INDEX IF NOT EXISTS idx_customer_tags_customer_id ON customer_tags(customer_id);

ALTER TABLE customers ALTER COLUMN notes TYPE TEXT;
ALTER TABLE customers ALTER COLUMN stage SET DEFAULT 'new';
