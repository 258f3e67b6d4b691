-- Migration: 001_remove_redundant_tables
-- Created: 2023-12-06
-- Purpose: Drop tables and functions from the first prototype that nothing reads any more

BEGIN;

DROP TABLE IF EXISTS scrape_cache;
DROP TABLE IF EXISTS embeddings_legacy CASCADE;
DROP TABLE IF EXISTS chat_sessions CASCADE;
DROP TABLE IF EXISTS customer_settings;
DROP FUNCTION IF EXISTS match_page_sections(vector, int);
DROP FUNCTION IF EXISTS get_customer_settings(uuid);

COMMIT;
