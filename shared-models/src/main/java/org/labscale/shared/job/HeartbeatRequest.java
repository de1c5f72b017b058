package org.labscale.shared.job;

import java.util.UUID;

/**
 * A worker is still working on a job ({@code POST /api/v1/worker/jobs/{jobId}/heartbeat}).
 *
 * @param leaseId  the lease's fencing token
 * @param progress how far it has come; null keeps the last progress
 */
public record HeartbeatRequest(UUID leaseId, JobProgress progress) {
}
