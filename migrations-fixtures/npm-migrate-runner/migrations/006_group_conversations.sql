-- Migration: Group conversations
-- Version: 006
-- Date: 2024-10-09
--
-- Conversations with more than two participants, with a name and admins.

ALTER TABLE conversations ADD COLUMN is_group BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE conversations ADD COLUMN title TEXT;
ALTER TABLE conversations ADD COLUMN created_by UUID REFERENCES auth.users(id);
ALTER TABLE conversation_participants ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
ALTER TABLE conversation_participants ADD CONSTRAINT conversation_participants_role_check
  CHECK (role IN ('member', 'admin'));

CREATE INDEX idx_conversations_is_group ON conversations(is_group) WHERE is_group;

CREATE POLICY "Group admins rename groups" ON conversations
  FOR UPDATE TO authenticated
  USING (EXISTS (
    SELECT 1 FROM conversation_participants p
    WHERE p.conversation_id = id AND p.user_id = auth.uid() AND p.role = 'admin'
  ));
