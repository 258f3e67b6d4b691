-- Migration: Sales team roles
-- Version: 010
-- Date: 2024-12-02
--
-- Team roles for the sales coach features; priorities become a closed list.

CREATE TABLE team_members (
  user_id UUID PRIMARY KEY REFERENCES auth.users(id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'rep' CHECK (role IN ('rep', 'lead', 'manager', 'admin')),
  manager_id UUID REFERENCES team_members(user_id),
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE INDEX idx_team_members_manager ON team_members(manager_id);

UPDATE requests SET priority = 'normal' WHERE priority NOT IN ('low', 'normal', 'high', 'urgent');

ALTER TABLE requests ADD CONSTRAINT requests_priority_check
  CHECK (priority IN ('low', 'normal', 'high', 'urgent'));

ALTER TABLE team_members ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Team members read the team" ON team_members
  FOR SELECT TO authenticated USING (true);

CREATE POLICY "Managers manage their reports" ON team_members
  FOR UPDATE TO authenticated USING (manager_id = auth.uid());

COMMENT ON TABLE team_members IS 'Sales team structure: who reports to whom';
