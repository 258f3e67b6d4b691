-- Migration: Add missing request columns
-- Version: 003
-- Date: 2024-09-12
--
-- The requests UI shipped with fields the table did not have yet. Guarded, because some
-- environments had them added by hand in the SQL editor.

ALTER TABLE requests ADD COLUMN IF NOT EXISTS category TEXT;
ALTER TABLE requests ADD COLUMN IF NOT EXISTS due_date DATE;
ALTER TABLE requests ADD COLUMN IF NOT EXISTS customer_name TEXT;
ALTER TABLE requests ADD COLUMN IF NOT EXISTS estimated_value NUMERIC(12, 2);
ALTER TABLE requests ADD COLUMN IF NOT EXISTS closed_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX IF NOT EXISTS idx_requests_due_date ON requests(due_date) WHERE status NOT IN ('done', 'cancelled');
CREATE INDEX IF NOT EXISTS idx_requests_category ON requests(category);

COMMENT ON COLUMN requests.estimated_value IS 'Expected deal value in EUR, filled by sales';
