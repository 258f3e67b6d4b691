-- Migration: Add request pins
-- Version: 005
-- Date: 2024-10-01
--
-- Lets a user pin requests to the top of their list.

CREATE TABLE request_pins (
  user_id UUID NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  request_id UUID NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  pinned_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
  position SMALLINT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, request_id)
);

CREATE INDEX idx_request_pins_user_position ON request_pins(user_id, position);

ALTER TABLE request_pins ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Users manage their own pins" ON request_pins
  FOR ALL TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);

COMMENT ON TABLE request_pins IS 'Requests a user pinned to the top of their list';
