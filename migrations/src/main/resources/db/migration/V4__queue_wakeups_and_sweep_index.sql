-- Job queue, fourth round: fewer NOTIFYs on the hot path, and an index for the lost-output sweep.

-- Waking long polls when a running job ends. PostgreSQL serialises the commits of all transactions that NOTIFY (a
-- cluster-wide lock held from before the commit record until after its WAL flush), so a NOTIFY in every completion
-- made completions commit one at a time, one WAL flush each, and made every listening API process handle one
-- notification per completion. A job ending only lets a waiting poller claim something new when it frees a slot of a lab that was at its
-- quota (a lab below its quota had a free slot already, so a poller that could run its jobs was not waiting for
-- this one). So the decrement notifies exactly then: when it leaves `running` at max_running - 1. Jobs that become
-- QUEUED (submit, retry, a retryable failure, a release, a reaped lease) are still announced by the code that queues
-- them, and every poller also re-checks on its own every `labscale.jobs.poll-fallback`.
CREATE OR REPLACE FUNCTION job_running_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    now_running INTEGER;
    quota       INTEGER;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'RUNNING'
            AND (TG_OP = 'DELETE' OR NEW.state <> 'RUNNING') THEN
        UPDATE lab_job_quota SET running = running - 1 WHERE lab_id = OLD.lab_id
        RETURNING running, max_running INTO now_running, quota;
        IF now_running = quota - 1 THEN
            PERFORM pg_notify('labscale_jobs', ''); -- the lab was full: a poller may now claim one of its jobs
        END IF;
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

-- LostOutputSweeper: ended jobs that were leased more than once, by the time they ended. Partial, so it holds only
-- those few jobs (most jobs are leased once) and costs nothing on the common completion.
CREATE INDEX job_lost_attempts_idx ON job (finished_at)
    WHERE state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND started_at < leased_at;
