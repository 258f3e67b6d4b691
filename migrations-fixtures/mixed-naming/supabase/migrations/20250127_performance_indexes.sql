-- Migration: 20250127_performance_indexes
-- Created: 2025-01-27
-- Purpose: Indexes for the slowest queries in pg_stat_statements

-- Frequently queried columns
CREATE INDEX idx_scraped_pages_url ON scraped_pages(url);
CREATE INDEX idx_scraped_pages_domain ON scraped_pages(domain);
CREATE INDEX idx_scraped_pages_last_scraped ON scraped_pages(last_scraped_at DESC);
CREATE INDEX idx_scraped_pages_domain_scraped ON scraped_pages(domain, last_scraped_at DESC);

-- Vector search optimization
CREATE INDEX idx_page_embeddings_vector ON page_embeddings
USING ivfflat (embedding vector_cosine_ops);

-- Chat system optimization
CREATE INDEX idx_conversations_customer_id ON conversations(customer_id);
CREATE INDEX idx_conversations_session_id ON conversations(session_id);
CREATE INDEX idx_conversations_created_at ON conversations(created_at DESC);
CREATE INDEX idx_messages_conversation_id ON messages(conversation_id);
CREATE INDEX idx_messages_created_at ON messages(created_at DESC);

-- Customer configuration optimization
CREATE INDEX idx_customer_configs_domain ON customer_configs(domain);
CREATE INDEX idx_customer_configs_active ON customer_configs(active) WHERE active = true;

ANALYZE page_embeddings;
