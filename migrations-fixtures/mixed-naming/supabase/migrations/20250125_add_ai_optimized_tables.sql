-- Migration: 20250125_add_ai_optimized_tables
-- Created: 2025-01-25
-- Purpose: AI-optimized versions of scraped content (summaries, key points, SEO fields)
-- Dependencies: 001_initial_migration (domains, website_content)

BEGIN;

-- =====================================================
-- AI CONTENT OPTIMIZATION
-- =====================================================

CREATE TABLE IF NOT EXISTS ai_optimized_content (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  domain_id UUID REFERENCES domains(id) ON DELETE CASCADE,
  source_content_id UUID REFERENCES website_content(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  content_type TEXT NOT NULL CHECK (content_type IN ('product', 'category', 'article', 'faq', 'support')),

  -- Original content
  raw_content TEXT,
  raw_html TEXT,

  -- AI-optimized content
  optimized_title TEXT,
  optimized_summary TEXT,
  optimized_content TEXT,
  key_points JSONB,
  topics JSONB,

  -- SEO optimization
  meta_title TEXT,
  meta_description TEXT,
  keywords TEXT[],

  -- Structured data
  structured_data JSONB,

  -- Performance metadata
  readability_score REAL,
  content_quality_score REAL,

  created_at TIMESTAMPTZ DEFAULT NOW(),
  updated_at TIMESTAMPTZ DEFAULT NOW()
);

-- Add indexes for performance
CREATE INDEX idx_ai_optimized_content_domain_id ON ai_optimized_content(domain_id);
CREATE INDEX idx_ai_optimized_content_type ON ai_optimized_content(content_type);
CREATE INDEX idx_ai_optimized_content_created_at ON ai_optimized_content(created_at DESC);

-- Enable Row Level Security
ALTER TABLE ai_optimized_content ENABLE ROW LEVEL SECURITY;

-- Create RLS policies
CREATE POLICY "Service role has full access" ON ai_optimized_content
  FOR ALL USING (auth.jwt() ->> 'role' = 'service_role');

CREATE POLICY "Customers read own optimized content" ON ai_optimized_content
  FOR SELECT USING (
    domain_id IN (
      SELECT d.id FROM domains d
      JOIN customer_configs cc ON cc.id = d.customer_config_id
      JOIN customers c ON c.id = cc.customer_id
      WHERE c.auth_user_id = auth.uid()
    )
  );

CREATE TRIGGER update_ai_optimized_content_updated_at
  BEFORE UPDATE ON ai_optimized_content
  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- Add comments for documentation
COMMENT ON TABLE ai_optimized_content IS 'AI-processed page content: summaries, key points and SEO fields';
COMMENT ON COLUMN ai_optimized_content.key_points IS 'JSONB array of key points';

COMMIT;
