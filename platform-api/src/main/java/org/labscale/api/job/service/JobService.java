package org.labscale.api.job.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.Hashing;
import org.labscale.api.common.Paging;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.job.estimate.JobEstimates;
import org.labscale.api.job.persistence.JobEntity;
import org.labscale.api.job.persistence.LabJobQuotaEntity;
import org.labscale.api.lab.persistence.LabEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.sharing.service.SharedUse;
import org.labscale.api.account.security.Caller;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobError;
import org.labscale.shared.job.JobEstimate;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.JobQuotaDto;
import org.labscale.shared.job.JobState;
import org.labscale.shared.job.SubmitJobRequest;

/**
 * The users' side of the queue: submit (idempotent per lab and key), list, read, cancel, retry. Members submit and
 * cancel; viewers read; a stranger gets the 404 of a missing job. A job that no registered worker can run yet is
 * accepted and waits: workers come and go, and refusing would make submit depend on which nodes happen to be up.
 */
@ApplicationScoped
public class JobService {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7e]{1,200}$");

    @Inject
    Clock clock;

    @Inject
    LabAccess access;

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    JobPayloads payloads;

    @Inject
    LabscaleConfig config;

    @Inject
    JobQueue queue;

    @Inject
    JobLimits limits;

    @Inject
    JobEstimates estimates;

    @Inject
    SharedUse sharedUse;

    @Inject
    TrackingSplit split;

    @Inject
    TrackingParts parts;

    /** A submitted job, and whether this request created it (false: an earlier request with the same key did). */
    public record Submitted(JobDto job, boolean created) {
    }

    @Transactional
    public Submitted submit(UUID labId, String idempotencyKey, SubmitJobRequest request) {
        access.requireLab(labId, Role.MEMBER);
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send {kind, payload, priority, maxAttempts, "
                    + "requiresGpu, minGpuMemoryMb}.");
        }
        if (request.kind() == null) {
            throw ApiException.invalidField("kind", "kind is required: one of " + Arrays.toString(JobKind.values()) + ".");
        }
        if (request.kind() == JobKind.TRACKING_FRAMES) {
            throw ApiException.invalidField("kind", "TRACKING_FRAMES jobs are made by the platform for each TRACKING"
                    + " job; submit a TRACKING job.");
        }
        int priority = request.priority() == null ? 0 : request.priority();
        if (priority < -10 || priority > 10) {
            throw ApiException.invalidField("priority", "priority must be between -10 and 10, not " + priority + ".");
        }
        int maxAttempts = request.maxAttempts() == null ? 3 : request.maxAttempts();
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw ApiException.invalidField("maxAttempts", "maxAttempts must be between 1 and 10, not " + maxAttempts + ".");
        }
        int minGpu = request.minGpuMemoryMb() == null ? 0 : request.minGpuMemoryMb();
        if (minGpu < 0 || minGpu > 1024 * 1024) {
            throw ApiException.invalidField("minGpuMemoryMb", "minGpuMemoryMb must be between 0 and 1048576, not "
                    + minGpu + ".");
        }
        boolean requiresGpu = Boolean.TRUE.equals(request.requiresGpu()) || minGpu > 0;
        if (Boolean.FALSE.equals(request.requiresGpu()) && minGpu > 0) {
            throw ApiException.invalidField("requiresGpu", "A job that needs " + minGpu
                    + " MiB of GPU memory requires a GPU; leave requiresGpu out or set it true.");
        }
        String key = idempotencyKey == null || idempotencyKey.isEmpty() ? null : idempotencyKey;
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new ApiException(400, "job.invalid-idempotency-key", "The Idempotency-Key header must be 1 to 200 "
                    + "visible ASCII characters.", Map.of("header", "Idempotency-Key"));
        }
        limits.checkCost(request.kind(), request.payload());
        Map<String, Object> payload = payloads.validate(labId, request.kind(), request.payload());
        JobEstimate estimate = estimates.estimate(labId, request.kind(), payload, requiresGpu, minGpu);
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("kind", request.kind());
        canonical.put("payload", payload);
        canonical.put("priority", priority);
        canonical.put("maxAttempts", maxAttempts);
        canonical.put("requiresGpu", requiresGpu);
        canonical.put("minGpuMemoryMb", minGpu);
        String requestHash = Hashing.sha256Hex(payloads.canonical(canonical));

        if (key != null) {
            // Serialises submits with the same key in the same lab, so that exactly one of them inserts.
            em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                    .setParameter(1, labId + "/" + key).getSingleResult();
            var existing = JobEntity.byIdempotencyKey(labId, key);
            if (existing.isPresent()) {
                if (!existing.get().requestHash.equals(requestHash)) {
                    throw new ApiException(422, "job.idempotency-key-reused", "Idempotency-Key '" + key
                            + "' was already used in this lab for a different job (" + existing.get().id
                            + "); use a new key for a new job.", Map.of("jobId", existing.get().id.toString()));
                }
                return new Submitted(toDto(existing.get(), List.of()), false);
            }
        }
        limits.checkQueue(labId);
        em.createNativeQuery("INSERT INTO lab_job_quota (lab_id, max_running) VALUES (?1, ?2) "
                        + "ON CONFLICT (lab_id) DO NOTHING")
                .setParameter(1, labId).setParameter(2, config.jobs().defaultMaxRunning()).executeUpdate();
        Instant now = clock.instant();
        JobEntity job = new JobEntity();
        job.id = UUID.randomUUID();
        job.labId = labId;
        job.kind = request.kind();
        job.payload = payload;
        job.priority = priority;
        job.state = JobState.QUEUED;
        job.maxAttempts = maxAttempts;
        job.requiresGpu = requiresGpu;
        job.minGpuMemoryMb = minGpu;
        job.idempotencyKey = key;
        job.requestHash = requestHash;
        job.estimate = JobEstimates.toMap(estimate);
        job.createdBy = caller.userId();
        job.createdAt = now;
        job.nextAttemptAt = now;
        if (job.kind == JobKind.TRACKING) {
            split.pinModelVersion(job);
        }
        job.persist();
        if (job.kind == JobKind.TRACKING) {
            em.flush(); // the parent row first: its children refer to it
            split.createParts(job);
        }
        sharedUse.recordJob(labId, job.id, job.kind, payload);
        em.flush();
        notifyWorkers();
        return new Submitted(toDto(job, List.of()), true);
    }

    @Transactional
    public PageDto<JobDto> list(UUID labId, String state, String kind, Paging paging) {
        access.requireLab(labId, Role.VIEWER);
        StringBuilder where = new StringBuilder("labId = :lab and parentId is null");
        Map<String, Object> params = new HashMap<>();
        params.put("lab", labId);
        if (state != null && !state.isBlank()) {
            where.append(" and state = :state");
            params.put("state", parse(JobState.class, state, "state"));
        }
        if (kind != null && !kind.isBlank()) {
            where.append(" and kind = :kind");
            params.put("kind", parse(JobKind.class, kind, "kind"));
        }
        var query = JobEntity.<JobEntity>find(where + " order by createdAt desc, id", params);
        List<JobEntity> page = query.page(Page.of(paging.page(), paging.size())).list();
        Map<UUID, List<String>> outputs = outputs(page.stream().map(j -> j.id).toList());
        return new PageDto<>(page.stream().map(j -> toDto(j, outputs.getOrDefault(j.id, List.of()))).toList(),
                paging.page(), paging.size(), query.count());
    }

    @Transactional
    public JobDto get(UUID jobId) {
        JobEntity job = require(jobId, Role.VIEWER);
        return toDto(job, outputs(List.of(jobId)).getOrDefault(jobId, List.of()));
    }

    /** The job as stored now, without an access check: for the event stream after its opening check. */
    @Transactional
    public JobDto snapshot(UUID jobId) {
        JobEntity job = JobEntity.findById(jobId);
        return job == null ? null : toDto(job, outputs(List.of(jobId)).getOrDefault(jobId, List.of()));
    }

    /**
     * Cancels a job: a queued one at once; a running one is marked, and its worker learns it on its next heartbeat
     * (the job ends CANCELLED when the worker gives up, or when its lease expires). Cancelling a cancelled job
     * changes nothing; a job that already succeeded or failed answers 409.
     */
    @Transactional
    public JobDto cancel(UUID jobId) {
        require(jobId, Role.MEMBER);
        Instant now = clock.instant();
        int cancelled = em.createNativeQuery("UPDATE job SET state = 'CANCELLED', finished_at = ?1, "
                        + "error_code = 'job.cancelled', error_message = 'Cancelled by a user before it started.', "
                        + "version = version + 1 WHERE id = ?2 AND state = 'QUEUED'")
                .setParameter(1, JobQueue.ts(now)).setParameter(2, jobId).executeUpdate();
        if (cancelled == 0) {
            em.createNativeQuery("UPDATE job SET cancel_requested = TRUE, version = version + 1 "
                            + "WHERE id = ?1 AND state = 'RUNNING' AND NOT cancel_requested")
                    .setParameter(1, jobId).executeUpdate();
        }
        em.createNativeQuery("SELECT pg_notify('" + JobNotifier.PROGRESS_CHANNEL + "', ?1)")
                .setParameter(1, jobId.toString()).getSingleResult(); // live followers see the cancellation
        em.clear();
        JobEntity job = JobEntity.findById(jobId);
        if (job.kind == JobKind.TRACKING && job.state == JobState.CANCELLED) {
            parts.deleteOutputs(jobId);
        }
        if (job.state == JobState.SUCCEEDED || job.state == JobState.FAILED) {
            throw new ApiException(409, "job.already-finished", "Job " + jobId + " already " + job.state.name()
                    .toLowerCase() + "; there is nothing to cancel.", Map.of("state", job.state.name()));
        }
        return toDto(job, List.of());
    }

    /** Queues a failed or cancelled job again, with a fresh set of attempts. */
    @Transactional
    public JobDto retry(UUID jobId) {
        JobEntity before = require(jobId, Role.MEMBER);
        if (before.parentId != null) {
            throw new ApiException(409, "job.part-of-tracking", "Job " + jobId + " segments frames for tracking job "
                    + before.parentId + "; retry that job.", Map.of("parentId", before.parentId.toString()));
        }
        if (before.state == JobState.FAILED || before.state == JobState.CANCELLED) {
            limits.checkQueue(before.labId);
        }
        int rows = em.createNativeQuery("UPDATE job SET state = 'QUEUED', attempts = 0, cancel_requested = FALSE, "
                        + "error_code = NULL, error_message = NULL, result = NULL, progress_fraction = NULL, "
                        + "progress_message = NULL, progress_metrics = NULL, progress_curve = NULL, started_at = NULL, finished_at = NULL, "
                        + "lease_expires_at = NULL, next_attempt_at = ?1, version = version + 1 "
                        + "WHERE id = ?2 AND state IN ('FAILED', 'CANCELLED')")
                .setParameter(1, JobQueue.ts(clock.instant())).setParameter(2, jobId).executeUpdate();
        em.clear();
        JobEntity job = JobEntity.findById(jobId);
        if (rows == 0) {
            throw new ApiException(409, "job.not-retryable", "Only a failed or cancelled job can be retried; job "
                    + jobId + " is " + job.state + ".", Map.of("state", job.state.name()));
        }
        if (job.kind == JobKind.TRACKING) {
            retryParts(jobId);
        }
        notifyWorkers();
        queue.deleteLostAttemptsOutputs(jobId, null); // what its attempts left: completions clean up only after re-leases
        return toDto(job, List.of());
    }

    /**
     * A retried TRACKING job's parts are queued again too, from scratch: the masks of those that had succeeded were
     * deleted when the job ended ({@link TrackingParts}).
     */
    private void retryParts(UUID parentId) {
        @SuppressWarnings("unchecked")
        List<UUID> parts = em.createNativeQuery("UPDATE job SET state = 'QUEUED', attempts = 0, "
                        + "cancel_requested = FALSE, error_code = NULL, error_message = NULL, result = NULL, "
                        + "progress_fraction = NULL, progress_message = NULL, progress_metrics = NULL, "
                        + "started_at = NULL, finished_at = NULL, lease_expires_at = NULL, next_attempt_at = ?1, "
                        + "version = version + 1 WHERE parent_id = ?2 AND state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') "
                        + "RETURNING id", UUID.class)
                .setParameter(1, JobQueue.ts(clock.instant())).setParameter(2, parentId).getResultList();
        parts.forEach(part -> queue.deleteLostAttemptsOutputs(part, null));
    }

    @Transactional
    public JobQuotaDto quota(UUID labId) {
        caller.requirePlatformAdmin();
        if (LabEntity.findById(labId) == null) {
            throw ApiException.notFound("lab", labId);
        }
        return quotaOf(labId);
    }

    /** The lab's quota and running jobs for its members (any role); another lab answers 404 like a missing one. */
    @Transactional
    public JobQuotaDto labQuota(UUID labId) {
        access.requireLab(labId, Role.VIEWER);
        return quotaOf(labId);
    }

    private JobQuotaDto quotaOf(UUID labId) {
        LabJobQuotaEntity q = LabJobQuotaEntity.findById(labId);
        return q == null ? new JobQuotaDto(labId, config.jobs().defaultMaxRunning(), 0)
                : new JobQuotaDto(labId, q.maxRunning, q.running);
    }

    /** Sets a lab's quota; lowering it below the running count lets those finish and starts no more meanwhile. */
    @Transactional
    public JobQuotaDto setQuota(UUID labId, JobQuotaDto request) {
        caller.requirePlatformAdmin();
        if (LabEntity.findById(labId) == null) {
            throw ApiException.notFound("lab", labId);
        }
        if (request == null || request.maxRunning() < 1 || request.maxRunning() > 10_000) {
            throw ApiException.invalidField("maxRunning", "maxRunning must be between 1 and 10000.");
        }
        em.createNativeQuery("INSERT INTO lab_job_quota (lab_id, max_running) VALUES (?1, ?2) "
                        + "ON CONFLICT (lab_id) DO UPDATE SET max_running = EXCLUDED.max_running")
                .setParameter(1, labId).setParameter(2, request.maxRunning()).executeUpdate();
        notifyWorkers();
        em.clear();
        return quota(labId);
    }

    JobEntity require(UUID jobId, Role minimum) {
        JobEntity job = JobEntity.findById(jobId);
        if (job == null) {
            throw ApiException.notFound("job", jobId);
        }
        access.require(job.labId, minimum, "job", jobId);
        return job;
    }

    private void notifyWorkers() {
        em.createNativeQuery("SELECT pg_notify('" + JobNotifier.CHANNEL + "', '')").getSingleResult();
    }

    private Map<UUID, List<String>> outputs(List<UUID> jobIds) {
        Map<UUID, List<String>> out = new HashMap<>();
        if (jobIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT job_id, name FROM job_output WHERE job_id IN (:ids) "
                + "ORDER BY name").setParameter("ids", jobIds).getResultList();
        rows.forEach(r -> out.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((String) r[1]));
        return out;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, field + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", not '" + value + "'.");
        }
    }

    static JobDto toDto(JobEntity j, List<String> outputs) {
        JobProgress progress = new JobProgress(j.progressFraction, j.progressMessage, j.progressMetrics);
        JobError error = j.errorCode == null ? null : new JobError(j.errorCode, j.errorMessage);
        return new JobDto(j.id, j.labId, j.kind, j.payload, j.priority, j.state, j.cancelRequested, j.attempts,
                j.maxAttempts, j.requiresGpu, j.minGpuMemoryMb, progress, j.result, outputs, error, j.idempotencyKey,
                j.createdBy, j.createdAt, j.startedAt, j.finishedAt, j.nextAttemptAt, j.leasedBy, j.version,
                JobEstimates.fromMap(j.estimate));
    }
}
