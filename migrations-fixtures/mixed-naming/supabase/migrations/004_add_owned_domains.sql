-- Migration: 004_add_owned_domains
-- Created: 2024-01-22
-- Purpose: owned_domains lets the scraper skip robots and rate limits on sites the customer
--          owns (20x faster scraping)

BEGIN;

ALTER TABLE customer_configs ADD COLUMN IF NOT EXISTS owned_domains TEXT[] DEFAULT '{}';

CREATE INDEX IF NOT EXISTS idx_customer_configs_owned_domains ON customer_configs USING GIN (owned_domains);

COMMENT ON COLUMN customer_configs.owned_domains IS 'Domains the customer owns; scraped without throttling';

COMMIT;
