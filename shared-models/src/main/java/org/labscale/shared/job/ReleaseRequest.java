package org.labscale.shared.job;

import java.util.UUID;

/**
 * The worker hands a job back unfinished, e.g. when it shuts down ({@code POST /api/v1/worker/jobs/{jobId}/release}):
 * the job is queued again at once and the attempt does not count against {@code maxAttempts}.
 *
 * @param leaseId the lease's fencing token
 * @param reason  for the log, at most 500 characters
 */
public record ReleaseRequest(UUID leaseId, String reason) {
}
