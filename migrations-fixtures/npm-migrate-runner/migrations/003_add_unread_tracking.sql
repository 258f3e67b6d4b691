-- Migration: Add unread tracking
-- Version: 003
-- Date: 2024-09-13
--
-- Remembers when each user last read each request, for the unread badges.

CREATE TABLE request_reads (
  user_id UUID NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  request_id UUID NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  last_read_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
  PRIMARY KEY (user_id, request_id)
);

CREATE INDEX idx_request_reads_request_id ON request_reads(request_id);

CREATE OR REPLACE FUNCTION get_unread_count(p_user_id UUID)
RETURNS INTEGER
LANGUAGE sql
STABLE
AS $$
  SELECT COUNT(*)::INTEGER
  FROM request_comments c
  LEFT JOIN request_reads r ON r.request_id = c.request_id AND r.user_id = p_user_id
  WHERE c.author_id <> p_user_id
    AND (r.last_read_at IS NULL OR c.created_at > r.last_read_at);
$$;

ALTER TABLE request_reads ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Users manage their own read markers" ON request_reads
  FOR ALL TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);

COMMENT ON TABLE request_reads IS 'When each user last opened each request';
