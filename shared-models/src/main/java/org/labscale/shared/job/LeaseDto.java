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
 * @param inputHashes           input name to the SHA-256 (hex) of its content, for every input whose content is
 *                              known (images, masks, class maps, model members): check it before use
 * @param context               facts the API resolved for this kind (TRAINING: {@code trainingSets}, the
 *                              training-set versions with their items; SEGMENTATION: {@code model},
 *                              {@code nuclearModel}, {@code images}, {@code references}; TRACKING: {@code model},
 *                              {@code image}, {@code frames}); empty when none
 * @param maxRunSeconds         the longest this attempt may run, counted from when the worker got the lease: a worker
 *                              stops the job then and fails it with {@code job.time-limit} (not retryable); the API
 *                              fails it itself one lease TTL later. Null: no limit was sent
 */
public record LeaseDto(UUID jobId, UUID labId, int attempt, UUID leaseId, Instant leaseExpiresAt,
                       int heartbeatEverySeconds, JobKind kind, Map<String, Object> payload,
                       Map<String, String> inputs, Map<String, String> outputs, Instant urlsExpireAt,
                       Map<String, String> inputHashes, Map<String, Object> context, Long maxRunSeconds) {

    public LeaseDto {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        inputHashes = inputHashes == null ? Map.of() : Map.copyOf(inputHashes);
        context = context == null ? Map.of() : context;
    }

    /** A lease without a run-time limit (callers written before it existed). */
    public LeaseDto(UUID jobId, UUID labId, int attempt, UUID leaseId, Instant leaseExpiresAt,
                    int heartbeatEverySeconds, JobKind kind, Map<String, Object> payload, Map<String, String> inputs,
                    Map<String, String> outputs, Instant urlsExpireAt, Map<String, String> inputHashes,
                    Map<String, Object> context) {
        this(jobId, labId, attempt, leaseId, leaseExpiresAt, heartbeatEverySeconds, kind, payload, inputs, outputs,
                urlsExpireAt, inputHashes, context, null);
    }

    /** A lease without input hashes or context (SELF_TEST, and callers written before they existed). */
    public LeaseDto(UUID jobId, UUID labId, int attempt, UUID leaseId, Instant leaseExpiresAt,
                    int heartbeatEverySeconds, JobKind kind, Map<String, Object> payload, Map<String, String> inputs,
                    Map<String, String> outputs, Instant urlsExpireAt) {
        this(jobId, labId, attempt, leaseId, leaseExpiresAt, heartbeatEverySeconds, kind, payload, inputs, outputs,
                urlsExpireAt, null, null, null);
    }

    /** Never prints the presigned URLs (whoever holds one may read or write the object): records end up in logs. */
    @Override
    public String toString() {
        return "LeaseDto[jobId=" + jobId + ", labId=" + labId + ", attempt=" + attempt + ", leaseId=" + leaseId
                + ", leaseExpiresAt=" + leaseExpiresAt + ", kind=" + kind + ", inputs=" + inputs.keySet()
                + ", outputs=" + outputs.keySet() + "]";
    }
}
