-- Migration: Direct messaging system
-- Version: 004
-- Date: 2024-09-20
--
-- One-to-one chat between team members.

CREATE TABLE conversations (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  last_message_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE conversation_participants (
  conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  user_id UUID NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  joined_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  last_read_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (conversation_id, user_id)
);

CREATE TABLE messages (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  sender_id UUID NOT NULL REFERENCES auth.users(id),
  body TEXT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE INDEX idx_messages_conversation_created ON messages(conversation_id, created_at DESC);
CREATE INDEX idx_conversation_participants_user ON conversation_participants(user_id);

CREATE OR REPLACE FUNCTION touch_conversation()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE conversations SET last_message_at = NEW.created_at WHERE id = NEW.conversation_id;
  RETURN NEW;
END;
$$;

CREATE TRIGGER messages_touch_conversation
  AFTER INSERT ON messages
  FOR EACH ROW EXECUTE FUNCTION touch_conversation();

ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Participants read conversations" ON conversations
  FOR SELECT TO authenticated
  USING (EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = id AND p.user_id = auth.uid()));

CREATE POLICY "Participants read membership" ON conversation_participants
  FOR SELECT TO authenticated USING (user_id = auth.uid());

CREATE POLICY "Participants read messages" ON messages
  FOR SELECT TO authenticated
  USING (EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = messages.conversation_id AND p.user_id = auth.uid()));

CREATE POLICY "Participants send messages" ON messages
  FOR INSERT TO authenticated WITH CHECK (sender_id = auth.uid());

COMMENT ON TABLE messages IS 'Direct messages between team members';
