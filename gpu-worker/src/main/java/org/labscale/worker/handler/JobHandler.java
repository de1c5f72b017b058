package org.labscale.worker.handler;

import java.util.Map;

import org.labscale.shared.job.JobKind;

/**
 * Runs the jobs of one {@link JobKind}. Implementations are CDI beans ({@code @ApplicationScoped}); the worker declares
 * exactly the kinds it has a handler for when it registers, so a kind without a handler is never leased to it.
 *
 * <p>A handler runs on a thread of its own. It reports progress and writes its outputs through the
 * {@link JobContext}, and must stop promptly when asked: call {@link JobContext#checkCancelled()} between units of
 * work, use {@link JobContext#sleep} instead of {@code Thread.sleep}, and let an {@link InterruptedException} escape
 * (the worker interrupts the thread when the user cancels, the lease is lost, or the shutdown grace period is over).
 * The worker, not the handler, talks to the API: it uploads the outputs the handler wrote, then completes or fails
 * the job.
 */
public interface JobHandler {

    /** The kind of job this handler runs. */
    JobKind kind();

    /**
     * Runs one attempt of a job.
     *
     * @return the result object recorded with the job (at most 64 KiB as JSON)
     * @throws JobFailedException     the job cannot succeed (or not on this attempt): its code, message, retryability
     * @throws JobCancelledException  the worker asked the handler to stop ({@link JobContext#checkCancelled()})
     * @throws InterruptedException   the same, noticed while waiting
     * @throws Exception              anything else is reported as a retryable {@code worker.handler-error}
     */
    Map<String, Object> run(JobContext context) throws Exception;
}
