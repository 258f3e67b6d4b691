-- Migration: 20240201_firecrawl_enhancements
-- Created: 2024-02-01
-- Purpose: Firecrawl crawl jobs, page status and fuzzy title search; retention cleanup

ALTER TABLE scraped_pages ADD COLUMN IF NOT EXISTS domain TEXT;
ALTER TABLE scraped_pages ADD COLUMN IF NOT EXISTS status TEXT DEFAULT 'completed';
ALTER TABLE scraped_pages ADD COLUMN IF NOT EXISTS firecrawl_job_id TEXT;
ALTER TABLE scraped_pages ADD COLUMN IF NOT EXISTS word_count INTEGER;

UPDATE scraped_pages SET domain = substring(url from '^https?://([^/]+)') WHERE domain IS NULL;

CREATE TABLE IF NOT EXISTS scrape_jobs (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  customer_id UUID REFERENCES customer_configs(id) ON DELETE CASCADE,
  firecrawl_job_id TEXT UNIQUE,
  start_url TEXT NOT NULL,
  max_pages INTEGER DEFAULT 100,
  status TEXT DEFAULT 'queued' CHECK (status IN ('queued', 'crawling', 'completed', 'failed', 'cancelled')),
  pages_found INTEGER DEFAULT 0,
  error_message TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW(),
  completed_at TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS idx_scrape_jobs_customer_status ON scrape_jobs(customer_id, status);
CREATE INDEX IF NOT EXISTS idx_scraped_pages_title_trgm ON scraped_pages USING GIN (title gin_trgm_ops);

CREATE OR REPLACE FUNCTION cleanup_old_data(retention_days INTEGER DEFAULT 30)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  -- Delete old conversations based on customer retention settings
  DELETE FROM conversations
  WHERE created_at < NOW() - INTERVAL '1 day' * retention_days;

  -- Delete orphaned messages
  DELETE FROM messages
  WHERE conversation_id NOT IN (SELECT id FROM conversations);

  -- Delete old embeddings for removed pages
  DELETE FROM page_embeddings
  WHERE page_id NOT IN (SELECT id FROM scraped_pages);

  -- Log cleanup results
  RAISE NOTICE 'Cleanup completed for data older than % days', retention_days;
END;
$$;
