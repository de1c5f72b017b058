-- The model registry: models a lab's TRAINING jobs registered, their immutable versions and ensemble members.
-- Member ONNX files are content-addressed blobs of the lab (labs/{labId}/blobs/sha256/{hex}), shared with images and
-- masks of the same bytes and deleted only when no row of the lab references them any more.

CREATE TABLE model (
    id             UUID PRIMARY KEY,
    lab_id         UUID          NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    name           VARCHAR(200)  NOT NULL,
    description    VARCHAR(4000),
    -- the highest version number that exists; 0 never persists (a model without versions is deleted)
    latest_version INTEGER       NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
    -- the last number handed out: numbers of deleted versions are never reused
    last_number    INTEGER       NOT NULL DEFAULT 0 CHECK (last_number >= latest_version),
    created_by     UUID          REFERENCES app_user (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL
);
CREATE UNIQUE INDEX model_lab_name_uk ON model (lab_id, lower(name));

-- Immutable: rows are only ever inserted (and deleted as a whole).
CREATE TABLE model_version (
    id             UUID PRIMARY KEY,
    model_id       UUID          NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    lab_id         UUID          NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    version_number INTEGER       NOT NULL CHECK (version_number > 0),
    job_id         UUID          REFERENCES job (id) ON DELETE SET NULL,
    card           JSONB         NOT NULL,
    created_by     UUID          REFERENCES app_user (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    CONSTRAINT model_version_uk UNIQUE (model_id, version_number)
);
CREATE INDEX model_version_job_idx ON model_version (job_id);

CREATE TABLE model_member (
    model_version_id UUID         NOT NULL REFERENCES model_version (id) ON DELETE CASCADE,
    member_index     INTEGER      NOT NULL CHECK (member_index >= 0),
    lab_id           UUID         NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    sha256           VARCHAR(64)  NOT NULL,
    size_bytes       BIGINT       NOT NULL CHECK (size_bytes >= 0),
    PRIMARY KEY (model_version_id, member_index)
);
-- Blob reference counting (LabBlobs.references).
CREATE INDEX model_member_lab_sha_idx ON model_member (lab_id, sha256);

-- SHA-256 of the derived class map PNG of an annotation version, computed the first time a lease needs it.
ALTER TABLE annotation_version ADD COLUMN class_map_sha256 VARCHAR(64);
