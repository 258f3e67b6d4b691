-- Migration 017: Update AI configs schema
-- The per-provider model replaces the old free-text model column; prompts get a language.

ALTER TABLE ai_configs ADD COLUMN IF NOT EXISTS model_name VARCHAR(100);
ALTER TABLE ai_configs ADD COLUMN IF NOT EXISTS prompt_language VARCHAR(10) NOT NULL DEFAULT 'id';

DO $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'ai_configs' AND column_name = 'model'
  ) THEN
    UPDATE ai_configs SET model_name = model WHERE model_name IS NULL;
  END IF;
END $$;

ALTER TABLE ai_configs DROP COLUMN IF EXISTS model;

UPDATE ai_configs c
SET model_name = p.default_model
FROM ai_providers p
WHERE p.code = c.provider AND c.model_name IS NULL;

COMMENT ON COLUMN ai_configs.model_name IS 'Model id at the chosen provider; NULL uses the provider default';
