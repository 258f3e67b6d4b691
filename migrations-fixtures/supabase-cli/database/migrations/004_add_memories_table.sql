-- ============================================================================
-- Migration: 004_memories.sql
-- Purpose: Store semantic memories for personalized AI responses
-- ============================================================================

CREATE TABLE memories (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL REFERENCES public.profiles(id) ON DELETE CASCADE,
  conversation_id UUID REFERENCES public.conversations(id) ON DELETE SET NULL,
  content TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT 'fact',
  importance SMALLINT NOT NULL DEFAULT 5 CHECK (importance BETWEEN 1 AND 10),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX memories_user_id_idx ON memories (user_id, importance DESC);

-- Enable RLS on new tables
ALTER TABLE memories ENABLE ROW LEVEL SECURITY;

-- Add policies for each operation
CREATE POLICY "Users can view own memories"
  ON memories FOR SELECT
  USING (auth.uid() = user_id);

CREATE POLICY "Users can delete own memories"
  ON memories FOR DELETE
  USING (auth.uid() = user_id);
