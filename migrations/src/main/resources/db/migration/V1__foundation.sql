-- Labscale foundation: accounts and labs (tenancy), API tokens, projects, images, annotations, training sets.
-- Every row of lab data carries lab_id so that tenancy checks are one indexed predicate.

CREATE TABLE app_user (
    id             UUID PRIMARY KEY,
    email          VARCHAR(320) NOT NULL,
    display_name   VARCHAR(200) NOT NULL,
    password_hash  VARCHAR(200) NOT NULL,
    platform_admin BOOLEAN      NOT NULL DEFAULT FALSE,
    disabled       BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    version        BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX app_user_email_uk ON app_user (lower(email));

CREATE TABLE lab (
    id          UUID PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    slug        VARCHAR(64)   NOT NULL,
    description VARCHAR(4000),
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    version     BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT lab_slug_uk UNIQUE (slug)
);

CREATE TABLE membership (
    lab_id     UUID        NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    user_id    UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role       VARCHAR(16) NOT NULL CHECK (role IN ('OWNER', 'MEMBER', 'VIEWER')),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lab_id, user_id)
);
CREATE INDEX membership_user_idx ON membership (user_id);

CREATE TABLE invitation (
    id          UUID PRIMARY KEY,
    lab_id      UUID         NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    email       VARCHAR(320) NOT NULL,
    role        VARCHAR(16)  NOT NULL CHECK (role IN ('OWNER', 'MEMBER', 'VIEWER')),
    token_hash  VARCHAR(64)     NOT NULL,
    invited_by  UUID         REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    accepted_at TIMESTAMPTZ,
    accepted_by UUID         REFERENCES app_user (id) ON DELETE SET NULL,
    revoked_at  TIMESTAMPTZ,
    CONSTRAINT invitation_token_uk UNIQUE (token_hash)
);
CREATE INDEX invitation_lab_idx ON invitation (lab_id);

-- Personal API tokens and UI/CLI session tokens. Only the SHA-256 of the random token is stored.
CREATE TABLE api_token (
    id           UUID PRIMARY KEY,
    user_id      UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    kind         VARCHAR(16)  NOT NULL CHECK (kind IN ('PERSONAL', 'SESSION')),
    name         VARCHAR(200) NOT NULL,
    token_hash   VARCHAR(64)     NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    scope        VARCHAR(16)  NOT NULL CHECK (scope IN ('READ', 'READ_WRITE')),
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    CONSTRAINT api_token_hash_uk UNIQUE (token_hash)
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

CREATE TABLE project (
    id          UUID PRIMARY KEY,
    lab_id      UUID          NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(4000),
    tags        TEXT[]        NOT NULL DEFAULT '{}',
    created_by  UUID          REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    version     BIGINT        NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX project_lab_name_uk ON project (lab_id, lower(name));

CREATE TABLE image (
    id              UUID PRIMARY KEY,
    lab_id          UUID          NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    project_id      UUID          NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    name            VARCHAR(500)  NOT NULL,
    format          VARCHAR(16)   NOT NULL,
    width           INTEGER       NOT NULL CHECK (width > 0),
    height          INTEGER       NOT NULL CHECK (height > 0),
    channels        INTEGER       NOT NULL CHECK (channels > 0),
    frames          INTEGER       NOT NULL CHECK (frames > 0),
    bits_per_sample INTEGER       NOT NULL,
    sample_type     VARCHAR(16)   NOT NULL,
    compression     VARCHAR(32)   NOT NULL,
    page_mode       VARCHAR(16)   NOT NULL CHECK (page_mode IN ('CHANNELS', 'FRAMES')),
    channel_names   TEXT[]        NOT NULL DEFAULT '{}',
    pixel_size_um   DOUBLE PRECISION,
    sha256          VARCHAR(64)      NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    object_key      VARCHAR(500)  NOT NULL,
    preview_key     VARCHAR(500)  NOT NULL,
    thumbnail_key   VARCHAR(500)  NOT NULL,
    created_by      UUID          REFERENCES app_user (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    version         BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX image_project_idx ON image (project_id, created_at);
CREATE INDEX image_lab_sha_idx ON image (lab_id, sha256);

-- A presigned upload in flight: the object waits under staging_key until the client confirms it.
CREATE TABLE upload (
    id          UUID PRIMARY KEY,
    lab_id      UUID          NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    project_id  UUID          NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    file_name   VARCHAR(500)  NOT NULL,
    staging_key VARCHAR(500)  NOT NULL,
    created_by  UUID          REFERENCES app_user (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    expires_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX upload_expires_idx ON upload (expires_at);

CREATE TABLE annotation (
    id             UUID PRIMARY KEY,
    lab_id         UUID         NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    image_id       UUID         NOT NULL REFERENCES image (id) ON DELETE CASCADE,
    name           VARCHAR(200) NOT NULL,
    kind           VARCHAR(16)  NOT NULL CHECK (kind IN ('CLASS_MAP', 'INSTANCE_MASK', 'BINARY_MASK')),
    latest_version INTEGER      NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    version        BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX annotation_image_name_uk ON annotation (image_id, lower(name));

CREATE TABLE annotation_version (
    id                 UUID PRIMARY KEY,
    annotation_id      UUID         NOT NULL REFERENCES annotation (id) ON DELETE CASCADE,
    lab_id             UUID         NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    version_number     INTEGER      NOT NULL CHECK (version_number > 0),
    kind               VARCHAR(16)  NOT NULL CHECK (kind IN ('CLASS_MAP', 'INSTANCE_MASK', 'BINARY_MASK')),
    sha256             VARCHAR(64)     NOT NULL,
    size_bytes         BIGINT       NOT NULL,
    object_key         VARCHAR(500) NOT NULL,
    class_pixel_counts BIGINT[]     NOT NULL,
    cell_count         INTEGER      NOT NULL,
    created_by         UUID         REFERENCES app_user (id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT annotation_version_uk UNIQUE (annotation_id, version_number)
);

CREATE TABLE training_set (
    id             UUID PRIMARY KEY,
    lab_id         UUID          NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    name           VARCHAR(200)  NOT NULL,
    description    VARCHAR(4000),
    visibility     VARCHAR(16)   NOT NULL DEFAULT 'PRIVATE' CHECK (visibility IN ('PRIVATE')),
    latest_version INTEGER       NOT NULL DEFAULT 0,
    created_by     UUID          REFERENCES app_user (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    version        BIGINT        NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX training_set_lab_name_uk ON training_set (lab_id, lower(name));

-- Immutable: rows are only ever inserted. Items reference images and annotation versions with NO ACTION (checked at statement end, so a lab delete still cascades), so
-- data a frozen version points to cannot disappear under it.
CREATE TABLE training_set_version (
    id              UUID PRIMARY KEY,
    training_set_id UUID          NOT NULL REFERENCES training_set (id) ON DELETE CASCADE,
    lab_id          UUID          NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    version_number  INTEGER       NOT NULL CHECK (version_number > 0),
    content_hash    VARCHAR(64)      NOT NULL,
    notes           VARCHAR(4000),
    created_by      UUID          REFERENCES app_user (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    CONSTRAINT training_set_version_uk UNIQUE (training_set_id, version_number)
);

CREATE TABLE training_set_item (
    id                      UUID PRIMARY KEY,
    training_set_version_id UUID    NOT NULL REFERENCES training_set_version (id) ON DELETE CASCADE,
    position                INTEGER NOT NULL,
    image_id                UUID    NOT NULL REFERENCES image (id) ON DELETE NO ACTION,
    annotation_version_id   UUID    NOT NULL REFERENCES annotation_version (id) ON DELETE NO ACTION,
    channel_roles           JSONB   NOT NULL,
    CONSTRAINT training_set_item_uk UNIQUE (training_set_version_id, position)
);
CREATE INDEX training_set_item_image_idx ON training_set_item (image_id);
CREATE INDEX training_set_item_annotation_idx ON training_set_item (annotation_version_id);
