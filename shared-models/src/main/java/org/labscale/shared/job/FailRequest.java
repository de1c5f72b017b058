package org.labscale.shared.job;

import java.util.UUID;

/**
 * The attempt failed ({@code POST /api/v1/worker/jobs/{jobId}/fail}). A retryable failure is retried with
 * exponential backoff while attempts remain; otherwise the job fails with this error. After a cancel request the job
 * ends CANCELLED whatever is sent.
 *
 * @param leaseId   the lease's fencing token
 * @param code      machine-readable, 1 to 100 characters, e.g. {@code training.diverged}
 * @param message   a sentence for people, at most 2,000 characters
 * @param retryable whether another attempt may succeed (e.g. out of GPU memory on this node: yes; bad input: no)
 */
public record FailRequest(UUID leaseId, String code, String message, boolean retryable) {
}
