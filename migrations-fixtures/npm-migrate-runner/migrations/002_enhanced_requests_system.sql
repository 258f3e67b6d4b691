-- Migration: Enhanced requests system
-- Version: 002
-- Date: 2024-09-05
--
-- Team members raise requests (quotes, approvals, support) and discuss them in comments.

CREATE TABLE requests (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  title TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'blocked', 'done', 'cancelled')),
  priority TEXT NOT NULL DEFAULT 'normal',
  created_by UUID NOT NULL REFERENCES auth.users(id),
  assigned_to UUID REFERENCES auth.users(id),
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
  updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE TABLE request_comments (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  request_id UUID NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  author_id UUID NOT NULL REFERENCES auth.users(id),
  body TEXT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

-- Add indexes
CREATE INDEX idx_requests_status ON requests(status);
CREATE INDEX idx_requests_assigned_to ON requests(assigned_to);
CREATE INDEX idx_requests_created_at ON requests(created_at);
CREATE INDEX idx_request_comments_request_id ON request_comments(request_id);

ALTER TABLE requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE request_comments ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Team members read requests" ON requests
  FOR SELECT TO authenticated USING (true);

CREATE POLICY "Creators and assignees update requests" ON requests
  FOR UPDATE TO authenticated USING (auth.uid() IN (created_by, assigned_to));

CREATE POLICY "Team members insert requests" ON requests
  FOR INSERT TO authenticated WITH CHECK (auth.uid() = created_by);

CREATE POLICY "Team members comment" ON request_comments
  FOR ALL TO authenticated USING (true) WITH CHECK (auth.uid() = author_id);

-- Add comments
COMMENT ON TABLE requests IS 'Work requests raised by team members';
COMMENT ON TABLE request_comments IS 'Discussion thread of a request';
