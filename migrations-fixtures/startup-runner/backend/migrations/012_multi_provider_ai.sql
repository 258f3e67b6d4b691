-- Migration 012: Multiple AI providers
-- Tenants choose OpenAI, Anthropic, Gemini or a self-hosted model.

CREATE TABLE IF NOT EXISTS ai_providers (
  code VARCHAR(30) PRIMARY KEY,
  display_name VARCHAR(100) NOT NULL,
  default_model VARCHAR(100) NOT NULL,
  supports_tools BOOLEAN NOT NULL DEFAULT FALSE
);

INSERT INTO ai_providers (code, display_name, default_model, supports_tools) VALUES
  ('openai', 'OpenAI', 'gpt-4o-mini', TRUE),
  ('anthropic', 'Anthropic', 'claude-3-5-haiku-latest', TRUE),
  ('gemini', 'Google Gemini', 'gemini-1.5-flash', TRUE),
  ('ollama', 'Self-hosted (Ollama)', 'llama3.1', FALSE)
ON CONFLICT (code) DO UPDATE SET display_name = EXCLUDED.display_name, default_model = EXCLUDED.default_model;

ALTER TABLE ai_configs ADD COLUMN IF NOT EXISTS provider VARCHAR(30) NOT NULL DEFAULT 'openai';
ALTER TABLE ai_configs ADD COLUMN IF NOT EXISTS api_key_encrypted TEXT;
ALTER TABLE ai_configs ADD COLUMN IF NOT EXISTS base_url TEXT;

DO $$
BEGIN
  ALTER TABLE ai_configs
    ADD CONSTRAINT ai_configs_provider_fkey FOREIGN KEY (provider) REFERENCES ai_providers(code);
EXCEPTION
  WHEN duplicate_object THEN NULL;
END $$;
