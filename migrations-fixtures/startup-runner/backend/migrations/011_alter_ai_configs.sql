-- Migration 011: AI configuration options
-- Reply limits, a delay that feels human, and business hours.

ALTER TABLE ai_configs ADD COLUMN IF NOT EXISTS max_tokens INTEGER NOT NULL DEFAULT 500;
ALTER TABLE ai_configs ADD COLUMN IF NOT EXISTS reply_delay_ms INTEGER NOT NULL DEFAULT 1500;
ALTER TABLE ai_configs ADD COLUMN IF NOT EXISTS business_hours JSONB;
ALTER TABLE ai_configs ADD COLUMN IF NOT EXISTS handoff_keywords TEXT[] NOT NULL DEFAULT '{human,agent,admin}';

ALTER TABLE ai_configs ALTER COLUMN temperature SET DEFAULT 0.5;
