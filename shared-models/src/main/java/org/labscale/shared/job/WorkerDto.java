package org.labscale.shared.job;

import java.time.Instant;
import java.util.UUID;

/**
 * A worker credential and what its node declared.
 *
 * @param labId        the lab it serves, or null for a shared worker (made by the platform administrator)
 * @param capabilities null until the worker registers
 * @param tokenPrefix  the first characters of its token, to recognise it
 * @param token        the worker token ({@code lsw_...}); only in the answer that created it
 */
public record WorkerDto(UUID id, UUID labId, String name, WorkerCapabilities capabilities, String host,
                        String softwareVersion, String tokenPrefix, Instant createdAt, Instant registeredAt,
                        Instant lastSeenAt, Instant revokedAt, String token) {

    /** Never prints the secret: records end up in logs. */
    @Override
    public String toString() {
        return "WorkerDto[id=" + id + ", labId=" + labId + ", name=" + name + ", capabilities=" + capabilities
                + ", host=" + host + ", tokenPrefix=" + tokenPrefix + ", lastSeenAt=" + lastSeenAt + ", revokedAt="
                + revokedAt + ", token=" + (token == null ? null : "***") + "]";
    }
}
