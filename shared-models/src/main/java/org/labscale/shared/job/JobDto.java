package org.labscale.shared.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job as users see it.
 *
 * @param payload         the validated payload with its defaults filled in; binds to {@code kind.payloadType()}
 * @param priority        higher runs first within the lab (-10 to 10)
 * @param cancelRequested a user asked to cancel while the job was running; its worker learns it on its next heartbeat
 * @param attempts        how many attempts have started (a lease is an attempt)
 * @param result          what the successful attempt reported (free JSON object), null until then
 * @param outputs         names of the objects the successful attempt stored (e.g. {@code result})
 * @param error           why the last attempt failed; kept while a retry waits, cleared on success
 * @param nextAttemptAt   a queued job is not leased before this (retry backoff)
 * @param workerId        the worker of the current or last attempt
 * @param version         changes with every change of the job; the ETag
 * @param estimate        what the job will cost, estimated at submit (training jobs; null for other kinds and for
 *                        jobs submitted before estimates existed)
 */
public record JobDto(UUID id, UUID labId, JobKind kind, Map<String, Object> payload, int priority, JobState state,
                     boolean cancelRequested, int attempts, int maxAttempts, boolean requiresGpu, int minGpuMemoryMb,
                     JobProgress progress, Map<String, Object> result, List<String> outputs, JobError error,
                     String idempotencyKey, UUID createdBy, Instant createdAt, Instant startedAt, Instant finishedAt,
                     Instant nextAttemptAt, UUID workerId, long version, JobEstimate estimate) {

    /** Without an estimate. */
    public JobDto(UUID id, UUID labId, JobKind kind, Map<String, Object> payload, int priority, JobState state,
                  boolean cancelRequested, int attempts, int maxAttempts, boolean requiresGpu, int minGpuMemoryMb,
                  JobProgress progress, Map<String, Object> result, List<String> outputs, JobError error,
                  String idempotencyKey, UUID createdBy, Instant createdAt, Instant startedAt, Instant finishedAt,
                  Instant nextAttemptAt, UUID workerId, long version) {
        this(id, labId, kind, payload, priority, state, cancelRequested, attempts, maxAttempts, requiresGpu,
                minGpuMemoryMb, progress, result, outputs, error, idempotencyKey, createdBy, createdAt, startedAt,
                finishedAt, nextAttemptAt, workerId, version, null);
    }
}
