-- Job queue: jobs leased by worker nodes over HTTP, fenced by a lease id, fair between labs under per-lab quotas.

-- A worker credential. lab_id NULL: a shared worker made by the platform administrator, serving every lab.
-- Capabilities are NULL until the node registers.
CREATE TABLE worker (
    id               UUID PRIMARY KEY,
    lab_id           UUID         REFERENCES lab (id) ON DELETE CASCADE,
    name             VARCHAR(200) NOT NULL,
    token_hash       VARCHAR(64)  NOT NULL,
    token_prefix     VARCHAR(16)  NOT NULL,
    device           VARCHAR(8)   CHECK (device IN ('CUDA', 'CPU')),
    gpu_memory_mb    INTEGER      NOT NULL DEFAULT 0 CHECK (gpu_memory_mb >= 0),
    kinds            TEXT[]       NOT NULL DEFAULT '{}',
    slots            INTEGER      NOT NULL DEFAULT 1 CHECK (slots BETWEEN 1 AND 64),
    host             VARCHAR(200),
    software_version VARCHAR(100),
    created_by       UUID         REFERENCES app_user (id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    registered_at    TIMESTAMPTZ,
    last_seen_at     TIMESTAMPTZ,
    revoked_at       TIMESTAMPTZ,
    CONSTRAINT worker_token_uk UNIQUE (token_hash)
);
CREATE INDEX worker_lab_idx ON worker (lab_id);

-- Per-lab concurrency quota and the number of the lab's jobs running now. `running` and `last_started_at` are kept
-- by the trigger below, never by application code, and the trigger refuses to go above max_running: that makes the
-- quota strict even when several claims of one lab race (they serialise on this row; the loser's claim fails and is
-- retried). A row exists for every lab that ever submitted a job.
CREATE TABLE lab_job_quota (
    lab_id          UUID    PRIMARY KEY REFERENCES lab (id) ON DELETE CASCADE,
    max_running     INTEGER NOT NULL DEFAULT 4 CHECK (max_running BETWEEN 1 AND 10000),
    running         INTEGER NOT NULL DEFAULT 0 CHECK (running >= 0),
    last_started_at TIMESTAMPTZ
);

CREATE TABLE job (
    id                UUID PRIMARY KEY,
    lab_id            UUID          NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    kind              VARCHAR(32)   NOT NULL,
    payload           JSONB         NOT NULL,
    priority          INTEGER       NOT NULL DEFAULT 0 CHECK (priority BETWEEN -10 AND 10),
    state             VARCHAR(16)   NOT NULL
        CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    cancel_requested  BOOLEAN       NOT NULL DEFAULT FALSE,
    attempts          INTEGER       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts      INTEGER       NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
    requires_gpu      BOOLEAN       NOT NULL DEFAULT FALSE,
    min_gpu_memory_mb INTEGER       NOT NULL DEFAULT 0 CHECK (min_gpu_memory_mb >= 0),
    idempotency_key   VARCHAR(200),
    request_hash      VARCHAR(64)   NOT NULL,
    progress_fraction DOUBLE PRECISION CHECK (progress_fraction BETWEEN 0 AND 1),
    progress_message  VARCHAR(500),
    progress_metrics  JSONB,
    result            JSONB,
    error_code        VARCHAR(100),
    error_message     VARCHAR(2000),
    created_by        UUID          REFERENCES app_user (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    next_attempt_at   TIMESTAMPTZ   NOT NULL,
    -- The fencing token of the current (or last) attempt; kept after the job ends so a repeated complete/fail of
    -- the same lease is recognised.
    lease_id          UUID,
    leased_by         UUID          REFERENCES worker (id) ON DELETE SET NULL,
    leased_at         TIMESTAMPTZ,
    lease_expires_at  TIMESTAMPTZ,
    last_heartbeat_at TIMESTAMPTZ,
    version           BIGINT        NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX job_idempotency_uk ON job (lab_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- The claim: queued jobs of a lab in the order they are picked.
CREATE INDEX job_queued_idx ON job (lab_id, priority DESC, created_at, id) WHERE state = 'QUEUED';
-- The reaper: running jobs by lease expiry.
CREATE INDEX job_running_idx ON job (lease_expires_at) WHERE state = 'RUNNING';
-- Users' lists.
CREATE INDEX job_lab_created_idx ON job (lab_id, created_at DESC);
CREATE INDEX job_worker_idx ON job (leased_by);

-- The objects a successful attempt registered (only that attempt's: lost attempts' objects are deleted).
CREATE TABLE job_output (
    job_id     UUID         NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    name       VARCHAR(100) NOT NULL,
    lease_id   UUID         NOT NULL,
    object_key VARCHAR(500) NOT NULL,
    size_bytes BIGINT       NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (job_id, name)
);

-- Keeps lab_job_quota.running equal to the number of the lab's RUNNING jobs, and makes the quota strict.
CREATE FUNCTION job_running_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'RUNNING'
            AND (TG_OP = 'DELETE' OR NEW.state <> 'RUNNING') THEN
        UPDATE lab_job_quota SET running = running - 1 WHERE lab_id = OLD.lab_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.state = 'RUNNING'
            AND (TG_OP = 'INSERT' OR OLD.state <> 'RUNNING') THEN
        INSERT INTO lab_job_quota (lab_id) VALUES (NEW.lab_id) ON CONFLICT (lab_id) DO NOTHING;
        UPDATE lab_job_quota SET running = running + 1, last_started_at = clock_timestamp()
        WHERE lab_id = NEW.lab_id AND running < max_running;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'lab % is at its job quota', NEW.lab_id USING ERRCODE = 'LS001';
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER job_running_count AFTER INSERT OR UPDATE OF state OR DELETE ON job
    FOR EACH ROW EXECUTE FUNCTION job_running_count();
