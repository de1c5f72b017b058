-- Sharing of model versions and training-set versions across labs. A version is PRIVATE (only its lab), PUBLIC
-- (every signed-in user), and independently shared with the labs that hold a grant. SHARED is not stored: it is a
-- PRIVATE version with at least one grant.

ALTER TABLE model_version ADD COLUMN visibility VARCHAR(16) NOT NULL DEFAULT 'PRIVATE'
    CHECK (visibility IN ('PRIVATE', 'PUBLIC'));
ALTER TABLE training_set_version ADD COLUMN visibility VARCHAR(16) NOT NULL DEFAULT 'PRIVATE'
    CHECK (visibility IN ('PRIVATE', 'PUBLIC'));

CREATE TABLE model_version_grant (
    model_version_id UUID        NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    grantee_lab_id   UUID        NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    granted_by       UUID        REFERENCES app_user (id) ON DELETE SET NULL,
    granted_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (model_version_id, grantee_lab_id)
);
-- What a lab was granted (submit checks, lease inputs).
CREATE INDEX model_version_grant_grantee_idx ON model_version_grant (grantee_lab_id);

CREATE TABLE training_set_version_grant (
    training_set_version_id UUID        NOT NULL REFERENCES training_set_version (id) ON DELETE CASCADE,
    grantee_lab_id          UUID        NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    granted_by              UUID        REFERENCES app_user (id) ON DELETE SET NULL,
    granted_at              TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (training_set_version_id, grantee_lab_id)
);
CREATE INDEX training_set_version_grant_grantee_idx ON training_set_version_grant (grantee_lab_id);
