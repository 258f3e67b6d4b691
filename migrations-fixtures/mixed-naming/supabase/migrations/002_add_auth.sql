-- Migration: 002_add_auth
-- Created: 2023-12-11
-- Purpose: Link customers to Supabase auth users and isolate each customer's data with RLS
-- Dependencies: 000_complete_schema_fixed

BEGIN;

ALTER TABLE customers ADD COLUMN IF NOT EXISTS auth_user_id UUID REFERENCES auth.users(id) ON DELETE CASCADE;

CREATE UNIQUE INDEX idx_customers_auth_user_id ON customers(auth_user_id);

ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_configs ENABLE ROW LEVEL SECURITY;
ALTER TABLE scraped_pages ENABLE ROW LEVEL SECURITY;
ALTER TABLE page_embeddings ENABLE ROW LEVEL SECURITY;

-- Customers can only access their own data
CREATE POLICY "Customers view own record" ON customers
  FOR SELECT USING (auth_user_id = auth.uid());

CREATE POLICY "Customers access own config" ON customer_configs
  FOR ALL USING (
    customer_id IN (
      SELECT id FROM customers WHERE auth_user_id = auth.uid()
    )
  );

-- Service role has full access
CREATE POLICY "Service role full access" ON customer_configs
  FOR ALL USING (auth.jwt() ->> 'role' = 'service_role');

-- Public read access for specific operations
CREATE POLICY "Public read for widget" ON customer_configs
  FOR SELECT USING (active = true AND domain = current_setting('app.current_domain'));

CREATE POLICY "Customers read own pages" ON scraped_pages
  FOR SELECT USING (
    customer_id IN (
      SELECT cc.id FROM customer_configs cc
      JOIN customers c ON c.id = cc.customer_id
      WHERE c.auth_user_id = auth.uid()
    )
  );

CREATE POLICY "Service role manages embeddings" ON page_embeddings
  FOR ALL USING (auth.jwt() ->> 'role' = 'service_role');

COMMIT;
