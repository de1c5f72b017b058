-- Job queue, batched claims and completions: lab_job_quota.running is kept once per statement, in lab order.
--
-- Until now a row trigger updated the lab's quota row for every job that started or stopped RUNNING, in the order the
-- statement changed the jobs, which its plan decides. A statement that leases or completes the jobs of several labs
-- at once (JobClaims, JobCompletions, JobReaper) then locks several quota rows in an order of its own, and two such
-- statements could each hold a row the other needs: a deadlock, broken by PostgreSQL only after deadlock_timeout (1 s).
-- Statement triggers with transition tables see all the statement's changes at its end: they update each lab's row
-- once, by the net change, in lab_id order. Every statement thus takes quota rows in the same order and after its job
-- rows, so no two statements can wait for each other in a cycle, whatever runs at once (several API processes too).
-- The rules are those of V2 and V4: the quota is strict (LS001 instead of exceeding max_running; the claim retries),
-- and a statement that frees a slot of a lab that was at its quota wakes long polls.

DROP TRIGGER job_running_count ON job;
DROP FUNCTION job_running_count();

-- Applies per-lab changes (labs in ascending order, no repeats): running += change; last_started_at when jobs started.
CREATE FUNCTION job_running_apply(labs UUID[], changes INTEGER[], starts INTEGER[]) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    now_running INTEGER;
    quota       INTEGER;
BEGIN
    FOR i IN 1 .. coalesce(array_length(labs, 1), 0) LOOP
        UPDATE lab_job_quota
        SET running = running + changes[i],
            last_started_at = CASE WHEN starts[i] > 0 THEN clock_timestamp() ELSE last_started_at END
        WHERE lab_id = labs[i] AND (changes[i] <= 0 OR running + changes[i] <= max_running)
        RETURNING running, max_running INTO now_running, quota;
        IF NOT FOUND THEN
            IF changes[i] > 0 THEN
                RAISE EXCEPTION 'lab % is at its job quota', labs[i] USING ERRCODE = 'LS001';
            END IF;
        ELSIF changes[i] < 0 AND now_running < quota AND now_running - changes[i] >= quota THEN
            PERFORM pg_notify('labscale_jobs', ''); -- the lab was full: a poller may now claim one of its jobs
        END IF;
    END LOOP;
END;
$$;

CREATE FUNCTION job_running_count_update() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    labs    UUID[];
    changes INTEGER[];
    starts  INTEGER[];
BEGIN
    SELECT array_agg(c.lab_id ORDER BY c.lab_id), array_agg(c.change ORDER BY c.lab_id),
           array_agg(c.started ORDER BY c.lab_id)
    INTO labs, changes, starts
    FROM (SELECT n.lab_id, sum(CASE WHEN n.state = 'RUNNING' THEN 1 ELSE -1 END)::INTEGER AS change,
                 count(*) FILTER (WHERE n.state = 'RUNNING')::INTEGER AS started
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE (n.state = 'RUNNING') <> (o.state = 'RUNNING')
          GROUP BY n.lab_id) c;
    PERFORM job_running_apply(labs, changes, starts);
    RETURN NULL;
END;
$$;

CREATE FUNCTION job_running_count_insert() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    labs    UUID[];
    changes INTEGER[];
BEGIN
    SELECT array_agg(c.lab_id ORDER BY c.lab_id), array_agg(c.change ORDER BY c.lab_id)
    INTO labs, changes
    FROM (SELECT lab_id, count(*)::INTEGER AS change FROM new_rows WHERE state = 'RUNNING' GROUP BY lab_id) c;
    IF labs IS NOT NULL THEN
        INSERT INTO lab_job_quota (lab_id) SELECT unnest(labs) ORDER BY 1 ON CONFLICT (lab_id) DO NOTHING;
        PERFORM job_running_apply(labs, changes, changes);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION job_running_count_delete() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    labs    UUID[];
    changes INTEGER[];
BEGIN
    SELECT array_agg(c.lab_id ORDER BY c.lab_id), array_agg(-c.stopped ORDER BY c.lab_id)
    INTO labs, changes
    FROM (SELECT lab_id, count(*)::INTEGER AS stopped FROM old_rows WHERE state = 'RUNNING' GROUP BY lab_id) c;
    PERFORM job_running_apply(labs, changes, array_fill(0, ARRAY[coalesce(array_length(labs, 1), 0)]));
    RETURN NULL;
END;
$$;

CREATE TRIGGER job_running_count_update AFTER UPDATE ON job
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION job_running_count_update();
CREATE TRIGGER job_running_count_insert AFTER INSERT ON job
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION job_running_count_insert();
CREATE TRIGGER job_running_count_delete AFTER DELETE ON job
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION job_running_count_delete();
