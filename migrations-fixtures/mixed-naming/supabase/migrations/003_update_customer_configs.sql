-- Migration: 003_update_customer_configs
-- Created: 2024-01-15
-- Purpose: WooCommerce connection, per-site rate limits and allowed widget origins

ALTER TABLE customer_configs ADD COLUMN woocommerce_url TEXT;
ALTER TABLE customer_configs ADD COLUMN IF NOT EXISTS encrypted_credentials JSONB;
ALTER TABLE customer_configs ADD COLUMN IF NOT EXISTS rate_limit INTEGER DEFAULT 10;
ALTER TABLE customer_configs ADD COLUMN IF NOT EXISTS allowed_origins TEXT[] DEFAULT ARRAY['*'];

UPDATE customer_configs SET rate_limit = 10 WHERE rate_limit IS NULL;

COMMENT ON COLUMN customer_configs.encrypted_credentials IS 'WooCommerce keys, encrypted by the app before storage';
