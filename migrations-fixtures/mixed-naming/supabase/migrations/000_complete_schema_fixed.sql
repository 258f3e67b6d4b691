-- Migration: 000_complete_schema_fixed
-- Created: 2023-11-22
-- Purpose: Fixed version of the complete schema. Safe on a database that already has
--          000_complete_schema: every table is guarded, and the fixes are applied in place.
-- Fixes: page_embeddings rows now go with their page (ON DELETE CASCADE); one row per customer
--        and URL; search_embeddings() returned the cosine distance instead of the similarity.

BEGIN;

CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS "vector";
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

CREATE TABLE IF NOT EXISTS customers (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  email TEXT UNIQUE NOT NULL,
  name TEXT,
  company_name TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW(),
  updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS customer_configs (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  customer_id UUID REFERENCES customers(id) ON DELETE CASCADE,
  domain TEXT UNIQUE NOT NULL,
  business_name TEXT,
  business_description TEXT,
  primary_color TEXT DEFAULT '#000000',
  welcome_message TEXT,
  suggested_questions JSONB DEFAULT '[]',
  active BOOLEAN DEFAULT true,
  created_at TIMESTAMPTZ DEFAULT NOW(),
  updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS scraped_pages (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  customer_id UUID REFERENCES customer_configs(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  title TEXT,
  content TEXT,
  metadata JSONB,
  last_scraped_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS page_embeddings (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  page_id UUID REFERENCES scraped_pages(id) ON DELETE CASCADE,
  chunk_text TEXT,
  embedding vector(1536),
  metadata JSONB,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS structured_extractions (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  page_id UUID REFERENCES scraped_pages(id) ON DELETE CASCADE,
  extraction_type TEXT NOT NULL,
  extracted_data JSONB NOT NULL,
  confidence_score REAL,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE IF NOT EXISTS content_refresh_jobs (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  customer_id UUID REFERENCES customer_configs(id) ON DELETE CASCADE,
  job_type TEXT NOT NULL,
  status TEXT DEFAULT 'pending',
  pages_processed INTEGER DEFAULT 0,
  pages_total INTEGER,
  started_at TIMESTAMPTZ,
  completed_at TIMESTAMPTZ,
  error_message TEXT
);

CREATE TABLE IF NOT EXISTS support_tickets (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  customer_id UUID REFERENCES customer_configs(id) ON DELETE CASCADE,
  email TEXT,
  subject TEXT,
  message TEXT,
  status TEXT DEFAULT 'open',
  priority TEXT DEFAULT 'medium',
  created_at TIMESTAMPTZ DEFAULT NOW(),
  resolved_at TIMESTAMPTZ
);

-- Fix: embeddings of a deleted page were left behind
ALTER TABLE page_embeddings DROP CONSTRAINT IF EXISTS page_embeddings_page_id_fkey;
ALTER TABLE page_embeddings
  ADD CONSTRAINT page_embeddings_page_id_fkey FOREIGN KEY (page_id) REFERENCES scraped_pages(id) ON DELETE CASCADE;

ALTER TABLE structured_extractions DROP CONSTRAINT IF EXISTS structured_extractions_page_id_fkey;
ALTER TABLE structured_extractions
  ADD CONSTRAINT structured_extractions_page_id_fkey FOREIGN KEY (page_id) REFERENCES scraped_pages(id) ON DELETE CASCADE;

-- Fix: the scraper inserted the same URL again on every refresh
CREATE UNIQUE INDEX IF NOT EXISTS idx_scraped_pages_customer_url ON scraped_pages(customer_id, url);

-- Fix: return the similarity (1 - cosine distance), not the distance
CREATE OR REPLACE FUNCTION search_embeddings(
  query_embedding vector(1536),
  match_count int DEFAULT 5,
  customer_id_param uuid DEFAULT NULL
)
RETURNS TABLE (
  id uuid,
  content text,
  similarity float,
  metadata jsonb
)
LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY
  SELECT
    pe.id,
    pe.chunk_text as content,
    1 - (pe.embedding <=> query_embedding) as similarity,
    pe.metadata
  FROM page_embeddings pe
  JOIN scraped_pages sp ON pe.page_id = sp.id
  WHERE
    (customer_id_param IS NULL OR sp.customer_id = customer_id_param)
  ORDER BY pe.embedding <=> query_embedding
  LIMIT match_count;
END;
$$;

COMMIT;
