-- Migration: 001_add_bot_tables
-- Adds the tables the Hotel Voice Bot needs: conversation sessions, messages, escalations to human
-- agents, FAQs and analytics. Additive only: existing hotel/restaurant data is not touched.
--
-- Run with: supabase db push --file packages/scripts/migrations/001_add_bot_tables.sql

-- ============================================================================
-- Shared trigger function: keep updated_at current on every UPDATE
-- ============================================================================
CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END;
$$;

-- ============================================================================
-- conversation_sessions: one row per call or chat with a guest
-- ============================================================================
CREATE TABLE IF NOT EXISTS public.conversation_sessions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  session_token TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL DEFAULT 'voice' CHECK (channel IN ('voice', 'whatsapp', 'web', 'sms')),
  guest_phone TEXT,
  guest_name TEXT,
  room_number TEXT,
  language TEXT NOT NULL DEFAULT 'en',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended', 'escalated', 'abandoned')),
  agent_id UUID REFERENCES auth.users(id) ON DELETE SET NULL,
  metadata JSONB NOT NULL DEFAULT '{}'::jsonb,
  started_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  ended_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- ============================================================================
-- bot_messages: every utterance in a session, from the guest, the bot or an agent
-- ============================================================================
CREATE TABLE IF NOT EXISTS public.bot_messages (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id UUID NOT NULL REFERENCES public.conversation_sessions(id) ON DELETE CASCADE,
  sender TEXT NOT NULL CHECK (sender IN ('guest', 'bot', 'agent', 'system')),
  content TEXT NOT NULL,
  intent TEXT,
  confidence NUMERIC(4, 3) CHECK (confidence BETWEEN 0 AND 1),
  audio_url TEXT,
  tokens_used INTEGER NOT NULL DEFAULT 0,
  metadata JSONB NOT NULL DEFAULT '{}'::jsonb,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- ============================================================================
-- escalations: hand-offs from the bot to front-desk staff
-- ============================================================================
CREATE TABLE IF NOT EXISTS public.escalations (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id UUID NOT NULL REFERENCES public.conversation_sessions(id) ON DELETE CASCADE,
  message_id UUID REFERENCES public.bot_messages(id) ON DELETE SET NULL,
  reason TEXT NOT NULL,
  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'resolved', 'dismissed')),
  assigned_to UUID REFERENCES auth.users(id) ON DELETE SET NULL,
  resolution_notes TEXT,
  resolved_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- ============================================================================
-- faqs: answers the bot may give without a human
-- ============================================================================
CREATE TABLE IF NOT EXISTS public.faqs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  category TEXT NOT NULL DEFAULT 'general',
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en',
  keywords TEXT[] NOT NULL DEFAULT '{}',
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  usage_count INTEGER NOT NULL DEFAULT 0,
  created_by UUID REFERENCES auth.users(id) ON DELETE SET NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  UNIQUE (language, question)
);

-- ============================================================================
-- bot_analytics: daily roll-ups per channel
-- ============================================================================
CREATE TABLE IF NOT EXISTS public.bot_analytics (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  day DATE NOT NULL,
  channel TEXT NOT NULL,
  sessions_total INTEGER NOT NULL DEFAULT 0,
  sessions_escalated INTEGER NOT NULL DEFAULT 0,
  messages_total INTEGER NOT NULL DEFAULT 0,
  avg_response_ms INTEGER,
  faq_hits INTEGER NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  UNIQUE (day, channel)
);

-- ============================================================================
-- Indexes
-- ============================================================================
CREATE INDEX IF NOT EXISTS idx_bot_messages_session_id ON public.bot_messages(session_id);
CREATE INDEX IF NOT EXISTS idx_bot_messages_created_at ON public.bot_messages(created_at DESC);
CREATE INDEX IF NOT EXISTS idx_bot_escalations_status ON public.escalations(status) WHERE status IN ('open', 'assigned');
CREATE INDEX IF NOT EXISTS idx_bot_escalations_session_id ON public.escalations(session_id);
CREATE INDEX IF NOT EXISTS idx_bot_faqs_keywords ON public.faqs USING GIN (keywords);
CREATE INDEX IF NOT EXISTS idx_bot_sessions_guest_phone ON public.conversation_sessions(guest_phone);
CREATE INDEX IF NOT EXISTS idx_bot_analytics_day ON public.bot_analytics(day DESC);

-- ============================================================================
-- updated_at triggers
-- ============================================================================
DROP TRIGGER IF EXISTS update_conversation_sessions_updated_at ON public.conversation_sessions;
CREATE TRIGGER update_conversation_sessions_updated_at
  BEFORE UPDATE ON public.conversation_sessions
  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

DROP TRIGGER IF EXISTS update_escalations_updated_at ON public.escalations;
CREATE TRIGGER update_escalations_updated_at
  BEFORE UPDATE ON public.escalations
  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

DROP TRIGGER IF EXISTS update_faqs_updated_at ON public.faqs;
CREATE TRIGGER update_faqs_updated_at
  BEFORE UPDATE ON public.faqs
  FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- ============================================================================
-- Row Level Security: staff read, the bot backend (service_role) writes
-- ============================================================================
ALTER TABLE public.conversation_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.bot_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.escalations ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.faqs ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.bot_analytics ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Service role manages sessions" ON public.conversation_sessions
  FOR ALL TO service_role USING (true) WITH CHECK (true);

CREATE POLICY "Staff read sessions" ON public.conversation_sessions
  FOR SELECT TO authenticated USING (auth.uid() IS NOT NULL);

CREATE POLICY "Service role manages bot messages" ON public.bot_messages
  FOR ALL TO service_role USING (true) WITH CHECK (true);

CREATE POLICY "Staff read bot messages" ON public.bot_messages
  FOR SELECT TO authenticated USING (auth.uid() IS NOT NULL);

CREATE POLICY "Assigned staff update escalations" ON public.escalations
  FOR UPDATE TO authenticated
  USING (assigned_to = auth.uid() OR assigned_to IS NULL)
  WITH CHECK (assigned_to = auth.uid());

CREATE POLICY "Service role manages escalations" ON public.escalations
  FOR ALL TO service_role USING (true) WITH CHECK (true);

CREATE POLICY "Anyone reads active FAQs" ON public.faqs
  FOR SELECT TO anon, authenticated USING (is_active);

CREATE POLICY "Staff manage FAQs" ON public.faqs
  FOR ALL TO authenticated USING (auth.uid() IS NOT NULL) WITH CHECK (created_by = auth.uid());

CREATE POLICY "Service role reads analytics" ON public.bot_analytics
  FOR ALL TO service_role USING (true) WITH CHECK (true);

-- ============================================================================
-- Seed FAQs (skipped when already present)
-- ============================================================================
INSERT INTO public.faqs (category, question, answer, keywords) VALUES
  ('front_desk', 'What time is check-out?', 'Check-out is at 11:00. Late check-out until 14:00 can be requested at the front desk.', '{checkout,late}'),
  ('dining', 'When is breakfast served?', 'Breakfast is served in the restaurant from 06:30 to 10:30 every day.', '{breakfast,restaurant}'),
  ('amenities', 'What is the Wi-Fi password?', 'Connect to "Hotel-Guest" and enter your room number and last name.', '{wifi,internet}')
ON CONFLICT (language, question) DO NOTHING;

COMMENT ON TABLE public.conversation_sessions IS 'One voice or chat conversation between a guest and the bot';
COMMENT ON TABLE public.bot_messages IS 'Messages exchanged in a conversation session';
COMMENT ON TABLE public.escalations IS 'Conversations handed off from the bot to hotel staff';
COMMENT ON TABLE public.faqs IS 'Answers the bot can give without a human';
COMMENT ON TABLE public.bot_analytics IS 'Daily bot usage per channel';
