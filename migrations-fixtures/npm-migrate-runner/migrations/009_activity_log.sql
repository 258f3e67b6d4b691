-- Migration: Activity log
-- Version: 009
-- Date: 2024-11-18
--
-- Records every status and assignment change on a request for the timeline view.

CREATE TABLE activity_log (
  id BIGSERIAL PRIMARY KEY,
  request_id UUID NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  actor_id UUID REFERENCES auth.users(id),
  action TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

CREATE INDEX idx_activity_log_request_created ON activity_log(request_id, created_at DESC);

CREATE OR REPLACE FUNCTION log_request_activity()
RETURNS TRIGGER
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public
AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    INSERT INTO activity_log (request_id, actor_id, action, old_value, new_value)
    VALUES (NEW.id, auth.uid(), 'status', OLD.status, NEW.status);
  END IF;
  IF NEW.assigned_to IS DISTINCT FROM OLD.assigned_to THEN
    INSERT INTO activity_log (request_id, actor_id, action, old_value, new_value)
    VALUES (NEW.id, auth.uid(), 'assignee', OLD.assigned_to::text, NEW.assigned_to::text);
  END IF;
  NEW.updated_at := NOW();
  RETURN NEW;
END;
$$;

CREATE TRIGGER requests_log_activity
  BEFORE UPDATE ON requests
  FOR EACH ROW EXECUTE FUNCTION log_request_activity();

ALTER TABLE activity_log ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Team members read activity" ON activity_log
  FOR SELECT TO authenticated USING (true);
