package org.labscale.worker.lease;

/** Why the worker asked a running handler to stop, which decides what it tells the API. */
public enum StopReason {
    /** A heartbeat answered {@code cancelRequested}: the worker calls {@code fail} and the job ends CANCELLED. */
    CANCEL_REQUESTED,
    /** A call answered 409 {@code lease.lost}: the job is someone else's now; abandon it, tell the API nothing. */
    LEASE_LOST,
    /**
     * The attempt ran for the lease's {@code maxRunSeconds}: the worker calls {@code fail} with {@code job.time-limit},
     * not retryable (the same payload would run as long again).
     */
    TIME_LIMIT,
    /** The worker shuts down and the grace period is over: {@code release} the job so it is queued again at once. */
    SHUTDOWN
}
