// Seed 004's migration table, in the team's own chronological order: the order the gate must apply them.

export const SEED_004_TABLE = [
  '000_complete_schema.sql',
  '000_complete_schema_fixed.sql',
  '001_initial_migration.sql',
  '001_remove_redundant_tables.sql',
  '002_add_auth.sql',
  '003_update_customer_configs.sql',
  '004_add_owned_domains.sql',
  '20240101000000_create_chat_tables.sql',
  '20240201_firecrawl_enhancements.sql',
  '20250125_add_ai_optimized_tables.sql',
  '20250125_add_domain_patterns.sql',
  '20250127_performance_indexes.sql',
];
