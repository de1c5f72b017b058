-- Parallel segmentation of a TRACKING job's frames: the API splits each TRACKING job into TRACKING_FRAMES jobs (its
-- children, parent_id), which any worker may lease like other jobs (their own leases, attempts, quota and lab
-- isolation). The parent is leased only once every child has succeeded (JobClaims); it then tracks the masks its
-- children stored. The trigger below keeps a family consistent whatever statement changes a member's state (a
-- worker's fail, the reaper, a user's cancel):
--   * a child that fails for good fails its waiting parent with the child's code and message (which name the frame),
--     and cancels its siblings; a child cancelled on its own cancels its parent likewise;
--   * a parent that ends without success cancels its unfinished children (queued at once, running ones at their
--     next heartbeat);
--   * each child that succeeds advances the parent's progress by its frames and wakes the claim when it was the last.
ALTER TABLE job ADD COLUMN parent_id UUID REFERENCES job (id) ON DELETE CASCADE;
CREATE INDEX job_parent_idx ON job (parent_id) WHERE parent_id IS NOT NULL;

CREATE FUNCTION job_family_state() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    total INTEGER;
    done  INTEGER;
BEGIN
    IF NEW.parent_id IS NOT NULL THEN
        IF NEW.state = 'FAILED' THEN
            UPDATE job SET state = 'FAILED', error_code = NEW.error_code, error_message = NEW.error_message,
                   finished_at = NEW.finished_at, version = version + 1
            WHERE id = NEW.parent_id AND state = 'QUEUED';
            PERFORM pg_notify('labscale_job_progress', NEW.parent_id::text); -- users following the job see it end
        ELSIF NEW.state = 'CANCELLED' THEN
            UPDATE job SET state = 'CANCELLED', error_code = 'job.cancelled',
                   error_message = 'A part of it (frames ' || ((NEW.payload->>'firstFrame')::INTEGER + 1) || ' to '
                       || ((NEW.payload->>'firstFrame')::INTEGER + (NEW.payload->>'frameCount')::INTEGER)
                       || ') was cancelled.',
                   finished_at = NEW.finished_at, version = version + 1
            WHERE id = NEW.parent_id AND state = 'QUEUED';
            PERFORM pg_notify('labscale_job_progress', NEW.parent_id::text);
        ELSIF NEW.state = 'SUCCEEDED' THEN
            SELECT sum((payload->>'frameCount')::INTEGER),
                   sum((payload->>'frameCount')::INTEGER) FILTER (WHERE state = 'SUCCEEDED')
            INTO total, done
            FROM job WHERE parent_id = NEW.parent_id;
            UPDATE job SET progress_fraction = 0.9 * done / total, -- the tracking step goes on from 0.9
                   progress_message = 'segmented ' || done || ' of ' || total || ' frames',
                   progress_metrics = jsonb_build_object('frames', done),
                   version = version + 1
            WHERE id = NEW.parent_id AND state = 'QUEUED';
            PERFORM pg_notify('labscale_job_progress', NEW.parent_id::text);
            IF done = total THEN
                PERFORM pg_notify('labscale_jobs', ''); -- the parent may now be leased
            END IF;
        END IF;
    ELSIF NEW.state IN ('FAILED', 'CANCELLED') THEN
        UPDATE job SET state = 'CANCELLED', finished_at = NEW.finished_at, error_code = 'job.cancelled',
               error_message = 'Its tracking job ended before this part of it started.', version = version + 1
        WHERE parent_id = NEW.id AND state = 'QUEUED';
        UPDATE job SET cancel_requested = TRUE, version = version + 1
        WHERE parent_id = NEW.id AND state = 'RUNNING' AND NOT cancel_requested;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER job_family_state AFTER UPDATE OF state ON job
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state AND NEW.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED'))
    EXECUTE FUNCTION job_family_state();
