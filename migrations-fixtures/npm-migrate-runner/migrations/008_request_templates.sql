-- Migration: Request templates
-- Version: 008
-- Date: 2024-11-04
--
-- Predefined request types with a checklist, so new requests start filled in.

CREATE TABLE request_templates (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  checklist JSONB NOT NULL DEFAULT '[]'::jsonb,
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

ALTER TABLE requests ADD COLUMN template_id UUID REFERENCES request_templates(id) ON DELETE SET NULL;

INSERT INTO request_templates (slug, title, category, checklist) VALUES
  ('quote', 'Price quote', 'sales', '["Customer name", "Products", "Quantity", "Delivery date"]'),
  ('discount-approval', 'Discount approval', 'sales', '["Deal value", "Requested discount", "Reason"]'),
  ('it-access', 'IT access', 'support', '["System", "Access level", "Manager approval"]');

ALTER TABLE request_templates ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Team members read templates" ON request_templates
  FOR SELECT TO authenticated USING (is_active);
