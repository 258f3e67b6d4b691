-- Migration: Add request attachments
-- Version: 006
-- Date: 2024-10-08
--
-- Files attached to requests, stored in the request-attachments storage bucket.

CREATE TABLE request_attachments (
  id UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
  request_id UUID NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
  uploaded_by UUID NOT NULL REFERENCES auth.users(id),
  storage_path TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  mime_type TEXT,
  size_bytes BIGINT CHECK (size_bytes >= 0),
  created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW()
);

CREATE INDEX idx_request_attachments_request_id ON request_attachments(request_id);

INSERT INTO storage.buckets (id, name, public, file_size_limit)
VALUES ('request-attachments', 'request-attachments', false, 26214400)
ON CONFLICT (id) DO NOTHING;

ALTER TABLE request_attachments ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Team members read attachments" ON request_attachments
  FOR SELECT TO authenticated USING (true);

CREATE POLICY "Uploaders add attachments" ON request_attachments
  FOR INSERT TO authenticated WITH CHECK (uploaded_by = auth.uid());

CREATE POLICY "Team members upload request files" ON storage.objects
  FOR INSERT TO authenticated
  WITH CHECK (bucket_id = 'request-attachments' AND (storage.foldername(name))[1] = auth.uid()::text);

COMMENT ON TABLE request_attachments IS 'Files attached to a request; the bytes live in storage';
