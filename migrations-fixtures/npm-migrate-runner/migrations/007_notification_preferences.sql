-- Migration: Notification preferences
-- Version: 007
-- Date: 2024-10-21
--
-- Per-user choice of how to be notified about assignments and mentions.

CREATE TYPE notification_channel AS ENUM ('email', 'push', 'in_app', 'none');

CREATE TABLE notification_preferences (
  user_id UUID PRIMARY KEY REFERENCES auth.users(id) ON DELETE CASCADE,
  on_assignment notification_channel NOT NULL DEFAULT 'in_app',
  on_mention notification_channel NOT NULL DEFAULT 'push',
  on_status_change notification_channel NOT NULL DEFAULT 'in_app',
  daily_digest BOOLEAN NOT NULL DEFAULT TRUE,
  quiet_hours INT4RANGE,
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

ALTER TABLE notification_preferences ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Users manage their own preferences" ON notification_preferences
  FOR ALL TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);

COMMENT ON TABLE notification_preferences IS 'How each user wants to be notified';
