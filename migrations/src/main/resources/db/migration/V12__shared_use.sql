-- How often other labs used a shared (or public) version: one row per segmentation or training job submitted with
-- it, and per fork. The owning lab reads the counts; rows go with either lab.
CREATE TABLE shared_use (
    id           BIGSERIAL PRIMARY KEY,
    resource     VARCHAR(16) NOT NULL CHECK (resource IN ('MODEL', 'TRAINING_SET')),
    version_id   UUID        NOT NULL,
    owner_lab_id UUID        NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    user_lab_id  UUID        NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    use          VARCHAR(16) NOT NULL CHECK (use IN ('SEGMENTATION', 'TRAINING', 'FORK')),
    job_id       UUID,
    used_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX shared_use_version_idx ON shared_use (version_id);
