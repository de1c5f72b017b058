package org.labscale.shared.job;

import java.time.Instant;

/**
 * The answer to a heartbeat.
 *
 * @param cancelRequested the user cancelled the job: stop, then call {@code fail} (the job ends CANCELLED)
 * @param leaseExpiresAt  the lease's new expiry
 */
public record HeartbeatResponse(boolean cancelRequested, Instant leaseExpiresAt) {
}
