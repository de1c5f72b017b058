-- The size a presigned upload was asked for (issue 16.7). Its PUT URL signs this Content-Length, so S3 refuses a body
-- of any other size, and completion checks the staged object against it. NULL: the client declared no size (the PUT
-- is then bound only by labscale.upload.max-bytes, checked at completion).
ALTER TABLE upload ADD COLUMN size_bytes BIGINT CHECK (size_bytes > 0);
