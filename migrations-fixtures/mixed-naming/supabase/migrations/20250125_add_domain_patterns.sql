-- Migration: 20250125_add_domain_patterns
-- Created: 2025-01-25
-- Purpose: URL patterns per domain (product pages, categories, pages to skip)

BEGIN;

CREATE TABLE IF NOT EXISTS domain_patterns (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  domain_id UUID NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
  pattern TEXT NOT NULL,
  pattern_type TEXT NOT NULL CHECK (pattern_type IN ('product', 'category', 'article', 'exclude')),
  priority INTEGER NOT NULL DEFAULT 0,
  is_active BOOLEAN NOT NULL DEFAULT true,
  created_at TIMESTAMPTZ DEFAULT NOW(),
  UNIQUE (domain_id, pattern)
);

CREATE INDEX idx_domain_patterns_domain_priority ON domain_patterns(domain_id, priority DESC) WHERE is_active;

CREATE OR REPLACE FUNCTION match_domain_pattern(p_domain_id uuid, p_url text)
RETURNS text
LANGUAGE sql
STABLE
AS $$
  SELECT pattern_type
  FROM domain_patterns
  WHERE domain_id = p_domain_id AND is_active AND p_url ~ pattern
  ORDER BY priority DESC
  LIMIT 1;
$$;

ALTER TABLE domain_patterns ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Service role manages domain patterns" ON domain_patterns
  FOR ALL USING (auth.jwt() ->> 'role' = 'service_role');

COMMIT;
