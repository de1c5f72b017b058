package org.labscale.shared.job;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A job a worker may now run, answered by {@code POST /api/v1/worker/lease}.
 *
 * @param attempt               1 for the first attempt, then 2, ...
 * @param leaseId               the fencing token: send it with every heartbeat, complete, fail and release; calls
 *                              with a lease that is no longer current are refused with 409 {@code lease.lost}
 * @param leaseExpiresAt        without a heartbeat before this, the job is taken away and re-queued
 * @param heartbeatEverySeconds how often to heartbeat (a third of the lease time)
 * @param payload               the JSON object of {@code kind.payloadType()}
 * @param inputs                name to presigned GET URL of each input object (e.g. images); empty when none
 * @param outputs               name to presigned PUT URL of each object the job may store (SELF_TEST: {@code result});
 *                              name in {@link CompleteRequest#outputs()} the ones actually written. Each lease gets its
 *                              own object keys, so a worker that lost its lease can never overwrite the winner's
 *                              outputs.
 * @param urlsExpireAt          when the presigned URLs stop working
 */
public record LeaseDto(UUID jobId, UUID labId, int attempt, UUID leaseId, Instant leaseExpiresAt,
                       int heartbeatEverySeconds, JobKind kind, Map<String, Object> payload,
                       Map<String, String> inputs, Map<String, String> outputs, Instant urlsExpireAt) {

    public LeaseDto {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }

    /** Never prints the presigned URLs (whoever holds one may read or write the object): records end up in logs. */
    @Override
    public String toString() {
        return "LeaseDto[jobId=" + jobId + ", labId=" + labId + ", attempt=" + attempt + ", leaseId=" + leaseId
                + ", leaseExpiresAt=" + leaseExpiresAt + ", kind=" + kind + ", inputs=" + inputs.keySet()
                + ", outputs=" + outputs.keySet() + "]";
    }
}
