package org.labscale.shared.job;

/**
 * Where a job is in its life. QUEUED jobs wait for a worker (perhaps until a retry's backoff has passed); a RUNNING
 * job is held by one lease; the last three are final.
 */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** Whether the job can no longer change by itself (only a user's retry re-queues it). */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
