package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.labscale.api.common.ApiException;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.api.image.service.StorageKeys;
import org.labscale.api.model.service.ModelRegistration;
import org.labscale.api.storage.ObjectStore;
import org.labscale.shared.job.CompleteRequest;
import org.labscale.shared.job.FailRequest;
import org.labscale.shared.job.HeartbeatRequest;
import org.labscale.shared.job.HeartbeatResponse;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.LeaseDto;
import org.labscale.shared.job.ReleaseRequest;
import org.labscale.shared.job.WorkerDevice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The worker side of the queue. Every state change is ONE conditional SQL statement, in the manner of db-scheduler:
 * the claim picks and leases a job with {@code FOR UPDATE SKIP LOCKED}; heartbeat, complete, fail and release
 * succeed only for the job's current lease ({@code lease_id}, the fencing token) held by the calling worker. Zero
 * rows updated is an expected race (the lease was lost: 409 {@code lease.lost}); more than one would be a bug.
 */
@ApplicationScoped
public class JobQueue {

    private static final Logger LOG = Logger.getLogger(JobQueue.class);
    /** SQLSTATE raised by the job_running_count trigger when a racing claim would exceed the lab's quota. */
    private static final String QUOTA_RACE = "LS001";
    private static final int MAX_RESULT_CHARS = 64 * 1024;

    /**
     * The claim. Fair share first: labs below their quota are taken in order of running/quota (the least served
     * first; among equals, the one that started a job longest ago); within the first lab that has a job this worker
     * may run, the job of highest priority, then the oldest. Priorities therefore order a lab's own jobs and cannot
     * make one lab jump ahead of another. GPU jobs only go to CUDA workers with enough memory; a lab's own worker
     * only sees that lab.
     *
     * <p>Cost: one index probe ({@code job_queued_idx}) per lab tried, not a sort of the whole queue, so 10,000 queued
     * jobs cost the same as ten. The labs subquery is ordered and, being sorted, is not flattened by the planner; the
     * LATERAL forces a nested loop that walks it in that order, and the outer LIMIT stops at the first lab that yields
     * a job, so only that one row is locked ({@code SKIP LOCKED}: rows other claims hold are passed over).
     */
    public static final String CLAIM = """
            WITH pick AS (
                SELECT c.id
                FROM (SELECT q.lab_id
                      FROM lab_job_quota q
                      WHERE q.running < q.max_running
                        AND (?::uuid IS NULL OR q.lab_id = ?::uuid)
                      ORDER BY q.running::float8 / q.max_running, q.last_started_at NULLS FIRST, q.lab_id) l
                CROSS JOIN LATERAL (
                    SELECT j.id
                    FROM job j
                    WHERE j.lab_id = l.lab_id
                      AND j.state = 'QUEUED'
                      AND j.next_attempt_at <= ?
                      AND j.kind = ANY (?)
                      AND (NOT j.requires_gpu OR ?)
                      AND j.min_gpu_memory_mb <= ?
                    ORDER BY j.priority DESC, j.created_at, j.id
                    LIMIT 1
                    FOR UPDATE OF j SKIP LOCKED) c
                LIMIT 1
            )
            UPDATE job SET state = 'RUNNING', attempts = job.attempts + 1, lease_id = ?, leased_by = ?, leased_at = ?,
                   lease_expires_at = ?, last_heartbeat_at = ?, started_at = COALESCE(job.started_at, ?),
                   version = job.version + 1
            FROM pick
            WHERE job.id = pick.id
            RETURNING job.id, job.lab_id, job.kind, job.payload::text, job.attempts, job.next_attempt_at
            """;

    static final String HEARTBEAT = """
            UPDATE job SET lease_expires_at = ?, last_heartbeat_at = ?,
                   progress_fraction = COALESCE(?, progress_fraction),
                   progress_message = COALESCE(?, progress_message),
                   progress_metrics = COALESCE(?::jsonb, progress_metrics),
                   version = version + 1
            WHERE id = ? AND lease_id = ? AND leased_by = ? AND state = 'RUNNING'
            RETURNING cancel_requested, lease_expires_at
            """;

    public static final String COMPLETE = """
            UPDATE job SET state = 'SUCCEEDED', result = ?::jsonb, progress_fraction = 1, finished_at = ?,
                   lease_expires_at = NULL, error_code = NULL, error_message = NULL, version = version + 1
            WHERE id = ? AND lease_id = ? AND leased_by = ? AND state = 'RUNNING'
            RETURNING lab_id, kind, leased_at, started_at < leased_at AS leased_before
            """;

    /**
     * A completion with no outputs (the common case of SELF_TEST and of workers that store nothing), in one round trip
     * and auto-commit: {@link #COMPLETE} for any kind but TRAINING (whose outputs make a model version). No row: not
     * the current lease, a repeat, or TRAINING; the caller then takes the full path, which tells them apart. Like
     * every completion it sends no NOTIFY itself (see {@link JobEndAnnouncer}): the {@code job_running_count} trigger
     * wakes long polls when the job freed a slot of a lab at its quota.
     */
    static final String COMPLETE_WITHOUT_OUTPUTS = """
            UPDATE job SET state = 'SUCCEEDED', result = ?::jsonb, progress_fraction = 1, finished_at = ?,
                   lease_expires_at = NULL, error_code = NULL, error_message = NULL, version = version + 1
            WHERE id = ? AND lease_id = ? AND leased_by = ? AND state = 'RUNNING' AND kind <> 'TRAINING'
            RETURNING lab_id, kind, leased_at, started_at < leased_at AS leased_before
            """;

    /** Parameters: retryable x2, code, message, now, backoff base and cap (seconds), now, id, lease, worker. */
    static final String FAIL = """
            UPDATE job SET
                state = CASE WHEN cancel_requested THEN 'CANCELLED'
                             WHEN ? AND attempts < max_attempts THEN 'QUEUED' ELSE 'FAILED' END,
                error_code = CASE WHEN cancel_requested THEN 'job.cancelled' ELSE ? END,
                error_message = CASE WHEN cancel_requested THEN 'Cancelled by a user while it was running.' ELSE ? END,
                next_attempt_at = CASE WHEN NOT cancel_requested AND ? AND attempts < max_attempts
                    THEN ?::timestamptz + LEAST(?, ? * power(2, attempts - 1)) * interval '1 second'
                    ELSE next_attempt_at END,
                finished_at = CASE WHEN NOT cancel_requested AND ? AND attempts < max_attempts THEN NULL ELSE ? END,
                lease_expires_at = NULL, version = version + 1
            WHERE id = ? AND lease_id = ? AND leased_by = ? AND state = 'RUNNING'
            RETURNING state, kind, leased_at, lab_id
            """;

    static final String RELEASE = """
            UPDATE job SET state = CASE WHEN cancel_requested THEN 'CANCELLED' ELSE 'QUEUED' END,
                   attempts = attempts - 1, next_attempt_at = ?,
                   finished_at = CASE WHEN cancel_requested THEN ?::timestamptz END,
                   error_code = CASE WHEN cancel_requested THEN 'job.cancelled' ELSE error_code END,
                   error_message = CASE WHEN cancel_requested THEN 'Cancelled by a user while it was running.'
                                        ELSE error_message END,
                   lease_expires_at = NULL, version = version + 1
            WHERE id = ? AND lease_id = ? AND leased_by = ? AND state = 'RUNNING'
            """;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    JobMetrics metrics;

    @Inject
    JobInputs jobInputs;

    @Inject
    ModelRegistration registration;

    @Inject
    JobEndAnnouncer announcer;

    @Inject
    ClaimGate gate;

    /** One claim: a lease on the best job this worker may run now, or empty. */
    public Optional<LeaseDto> claim(WorkerProfile worker, List<JobKind> requested) {
        Set<JobKind> kinds = new LinkedHashSet<>(worker.kinds());
        if (requested != null && !requested.isEmpty()) {
            kinds.retainAll(new HashSet<>(requested));
        }
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        gate.enter();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    Optional<LeaseDto> lease = claimOnce(worker, kinds);
                    metrics.claimed(System.nanoTime() - started, lease.map(LeaseDto::kind).orElse(null));
                    return lease;
                } catch (SQLException e) {
                    if (QUOTA_RACE.equals(e.getSQLState()) && attempt < 5) {
                        continue; // another claim of the same lab took its last free slot first; pick again
                    }
                    throw new IllegalStateException("Could not claim a job: " + e.getMessage(), e);
                }
            }
        } finally {
            gate.leave();
        }
    }

    private Optional<LeaseDto> claimOnce(WorkerProfile worker, Set<JobKind> kinds) throws SQLException {
        Instant now = clock.instant();
        Duration ttl = config.jobs().leaseTtl();
        UUID leaseId = UUID.randomUUID();
        Instant expires = now.plus(ttl);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            int i = 1;
            s.setObject(i++, worker.labId());
            s.setObject(i++, worker.labId());
            s.setObject(i++, ts(now));
            s.setArray(i++, c.createArrayOf("text", kinds.stream().map(Enum::name).toArray()));
            s.setBoolean(i++, worker.device() == WorkerDevice.CUDA);
            s.setInt(i++, worker.device() == WorkerDevice.CUDA ? worker.gpuMemoryMb() : 0);
            s.setObject(i++, leaseId);
            s.setObject(i++, worker.workerId());
            s.setObject(i++, ts(now));
            s.setObject(i++, ts(expires));
            s.setObject(i++, ts(now));
            s.setObject(i, ts(now));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UUID jobId = rs.getObject(1, UUID.class);
                UUID labId = rs.getObject(2, UUID.class);
                JobKind kind = JobKind.valueOf(rs.getString(3));
                Map<String, Object> payload = readMap(rs.getString(4));
                int attempts = rs.getInt(5);
                Instant eligibleSince = rs.getObject(6, OffsetDateTime.class).toInstant();
                if (rs.next()) {
                    throw new IllegalStateException("BUG: one claim leased two jobs");
                }
                metrics.waited(labId, kind, Duration.between(eligibleSince, now));
                Instant urlsExpire = now.plus(config.jobs().urlTtl());
                JobInputs.Resolved inputs = jobInputs.resolve(labId, kind, payload);
                Map<String, String> outputs = new LinkedHashMap<>();
                JobOutputs.names(kind, payload, inputs.imageIds()).forEach(name -> outputs.put(name,
                        store.presignPut(JobOutputs.key(labId, jobId, leaseId, kind, name), config.jobs().urlTtl())));
                // DEBUG, not INFO: at hundreds of leases a second the log line costs more than the claim
                MDC.put("jobId", jobId.toString());
                MDC.put("attempt", Integer.toString(attempts));
                LOG.debugf("Job %s attempt %d leased to worker %s (lease %s)", jobId, attempts, worker.workerId(),
                        leaseId);
                return Optional.of(new LeaseDto(jobId, labId, attempts, leaseId, expires,
                        (int) Math.max(1, ttl.toSeconds() / 3), kind, payload, inputs.urls(), outputs, urlsExpire,
                        inputs.hashes(), inputs.context()));
            }
        }
    }

    public HeartbeatResponse heartbeat(UUID workerId, UUID jobId, HeartbeatRequest request) {
        UUID leaseId = requireLease(request == null ? null : request.leaseId());
        JobProgress progress = request.progress();
        Double fraction = null;
        String message = null;
        String metricsJson = null;
        if (progress != null) {
            fraction = progress.fraction();
            if (fraction != null && (fraction.isNaN() || fraction < 0 || fraction > 1)) {
                throw ApiException.invalidField("progress.fraction", "progress.fraction must be between 0 and 1, not "
                        + fraction + ".");
            }
            message = progress.message() == null ? null : truncate(progress.message(), 500);
            if (progress.metrics().size() > 50) {
                throw ApiException.invalidField("progress.metrics", "At most 50 metrics, not "
                        + progress.metrics().size() + ".");
            }
            if (!progress.metrics().isEmpty()) {
                metricsJson = write(progress.metrics());
            }
        }
        Instant now = clock.instant();
        Instant expires = now.plus(config.jobs().leaseTtl());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(HEARTBEAT)) {
            s.setObject(1, ts(expires));
            s.setObject(2, ts(now));
            s.setObject(3, fraction);
            s.setString(4, message);
            s.setString(5, metricsJson);
            s.setObject(6, jobId);
            s.setObject(7, leaseId);
            s.setObject(8, workerId);
            HeartbeatResponse answer;
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw leaseLost(jobId);
                }
                answer = new HeartbeatResponse(rs.getBoolean(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
            try (PreparedStatement n = c.prepareStatement("SELECT pg_notify('" + JobNotifier.PROGRESS_CHANNEL + "', ?)")) {
                n.setString(1, jobId.toString()); // users following the job live see its progress at once
                n.execute();
            }
            return answer;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record a heartbeat of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records the attempt's success with its outputs, then deletes what lost attempts of the job left in S3. A repeat
     * of an accepted completion (same lease) answers the same.
     */
    public void complete(UUID workerId, UUID jobId, CompleteRequest request) {
        UUID leaseId = requireLease(request == null ? null : request.leaseId());
        String resultJson = write(request.result() == null ? Map.of() : request.result());
        if (resultJson.length() > MAX_RESULT_CHARS) {
            throw ApiException.invalidField("result", "result must be at most " + MAX_RESULT_CHARS
                    + " characters of JSON, not " + resultJson.length() + ".");
        }
        List<String> names = request.outputs() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.outputs()));
        if (names.isEmpty()) {
            Boolean leasedBefore = completeWithoutOutputs(workerId, jobId, leaseId, resultJson);
            if (leasedBefore != null) {
                if (leasedBefore) {
                    deleteLostAttemptsOutputs(jobId, leaseId);
                }
                return;
            }
            // not completed: a repeat, a lost lease, or TRAINING; the full path below tells them apart
        }
        try (Connection c = dataSource.getConnection()) {
            LeaseRow row = leaseRow(c, jobId);
            if (row == null || !leaseId.equals(row.leaseId()) || !workerId.equals(row.leasedBy())) {
                throw leaseLost(jobId);
            }
            if (!row.state().equals("RUNNING")) {
                if (row.state().equals("SUCCEEDED")) {
                    return; // a repeat of the completion that was accepted
                }
                throw leaseLost(jobId);
            }
            Map<String, Object> payload = payload(c, jobId);
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (String name : names) {
                String problem = name == null ? "An output name is null." : JobOutputs.problem(row.kind(), payload, name);
                if (problem != null) {
                    throw new ApiException(400, "job.unknown-output", problem, Map.of("output", String.valueOf(name)));
                }
                long size = store.size(JobOutputs.key(row.labId(), jobId, leaseId, row.kind(), name));
                if (size < 0) {
                    throw new ApiException(400, "job.output-missing", "Output '" + name
                            + "' was not uploaded; PUT it to the lease's presigned URL before completing.",
                            Map.of("output", name));
                }
                sizes.put(name, size);
            }
            ModelRegistration.Prepared model = null;
            if (row.kind() == JobKind.TRAINING) {
                try {
                    model = registration.prepare(row.labId(), jobId, leaseId, payload, sizes);
                } catch (ModelRegistration.Refused refused) {
                    throw refuseRegistration(workerId, jobId, leaseId, row.labId(), refused);
                }
            }
            Instant now = clock.instant();
            c.setAutoCommit(false);
            boolean committed = false;
            try {
                Instant leasedAt;
                boolean leasedBefore;
                try (PreparedStatement s = c.prepareStatement(COMPLETE)) {
                    bindCompletion(s, resultJson, now, jobId, leaseId, workerId);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            throw leaseLost(jobId);
                        }
                        leasedAt = rs.getObject(3, OffsetDateTime.class).toInstant();
                        leasedBefore = rs.getBoolean(4);
                    }
                }
                if (model != null) {
                    // Same transaction: the job succeeds exactly when its model version exists.
                    Map<String, Object> registered = model.insert(c, now);
                    try (PreparedStatement s = c.prepareStatement(
                            "UPDATE job SET result = COALESCE(result, '{}'::jsonb) || ?::jsonb WHERE id = ?")) {
                        s.setString(1, write(registered));
                        s.setObject(2, jobId);
                        s.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO job_output (job_id, name, lease_id, object_key, size_bytes, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (job_id, name) DO UPDATE SET lease_id = EXCLUDED.lease_id,
                            object_key = EXCLUDED.object_key, size_bytes = EXCLUDED.size_bytes,
                            created_at = EXCLUDED.created_at""")) {
                    for (Map.Entry<String, Long> e : sizes.entrySet()) {
                        s.setObject(1, jobId);
                        s.setString(2, e.getKey());
                        s.setObject(3, leaseId);
                        s.setString(4, JobOutputs.key(row.labId(), jobId, leaseId, row.kind(), e.getKey()));
                        s.setLong(5, e.getValue());
                        s.setObject(6, ts(now));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit(); // no NOTIFY: the trigger wakes long polls if a full lab's slot came free
                committed = true;
                announcer.announce(jobId);
                metrics.finished(row.labId(), row.kind(), "succeeded", Duration.between(leasedAt, now));
                if (!leasedBefore) {
                    return; // the first lease since the job was submitted or retried: no lost attempt left objects
                }
            } finally {
                if (!committed) {
                    c.rollback(); // explicitly: turning auto-commit back on would commit a half-done completion
                    if (model != null) {
                        model.discard();
                    }
                }
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not complete job " + jobId + ": " + e.getMessage(), e);
        }
        deleteLostAttemptsOutputs(jobId, leaseId);
    }

    /** The parameters {@link #COMPLETE} and {@link #COMPLETE_WITHOUT_OUTPUTS} share: result, time, job, lease, worker. */
    private static void bindCompletion(PreparedStatement s, String resultJson, Instant now, UUID jobId, UUID leaseId,
            UUID workerId) throws SQLException {
        s.setString(1, resultJson);
        s.setObject(2, ts(now));
        s.setObject(3, jobId);
        s.setObject(4, leaseId);
        s.setObject(5, workerId);
    }

    /** {@link #COMPLETE_WITHOUT_OUTPUTS}: whether the job was leased before (null when no row matched). */
    private Boolean completeWithoutOutputs(UUID workerId, UUID jobId, UUID leaseId, String resultJson) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(COMPLETE_WITHOUT_OUTPUTS)) {
            bindCompletion(s, resultJson, now, jobId, leaseId, workerId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                announcer.announce(jobId);
                Instant leasedAt = rs.getObject(3, OffsetDateTime.class).toInstant();
                metrics.finished(rs.getObject(1, UUID.class), JobKind.valueOf(rs.getString(2)), "succeeded",
                        Duration.between(leasedAt, now));
                return rs.getBoolean(4);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not complete job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A TRAINING attempt whose outputs cannot make a model version: the job fails (not retryable: the same worker
     * code would write the same outputs) with the reason, the attempt's objects are deleted, and the worker gets 422.
     */
    private ApiException refuseRegistration(UUID workerId, UUID jobId, UUID leaseId, UUID labId,
                                            ModelRegistration.Refused refused) {
        String message = "The trained model could not be registered: " + refused.getMessage();
        fail(workerId, jobId, new FailRequest(leaseId, refused.code(), message, false));
        try {
            store.deletePrefix(StorageKeys.jobPrefix(labId, jobId) + leaseId + "/");
        } catch (RuntimeException e) {
            LOG.warnf(e, "Job %s: could not delete the outputs of refused attempt %s", jobId, leaseId);
        }
        return new ApiException(422, refused.code(), message, Map.of("jobId", jobId.toString()));
    }

    private Map<String, Object> payload(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT payload::text FROM job WHERE id = ?")) {
            s.setObject(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? readMap(rs.getString(1)) : Map.of();
            }
        }
    }

    public void fail(UUID workerId, UUID jobId, FailRequest request) {
        UUID leaseId = requireLease(request == null ? null : request.leaseId());
        String code = request.code() == null || request.code().isBlank() ? "worker.failed" : truncate(request.code().trim(), 100);
        String message = request.message() == null || request.message().isBlank()
                ? "The worker reported a failure without a message." : truncate(request.message().trim(), 2000);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(FAIL)) {
                int i = 1;
                s.setBoolean(i++, request.retryable());
                s.setString(i++, code);
                s.setString(i++, message);
                s.setBoolean(i++, request.retryable());
                s.setObject(i++, ts(now));
                s.setDouble(i++, config.jobs().maxRetryBackoff().toMillis() / 1000.0);
                s.setDouble(i++, config.jobs().retryBackoff().toMillis() / 1000.0);
                s.setBoolean(i++, request.retryable());
                s.setObject(i++, ts(now));
                s.setObject(i++, jobId);
                s.setObject(i++, leaseId);
                s.setObject(i, workerId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        LeaseRow row = leaseRow(c, jobId);
                        if (row != null && leaseId.equals(row.leaseId()) && workerId.equals(row.leasedBy())
                                && (row.state().equals("FAILED") || row.state().equals("CANCELLED"))) {
                            return; // a repeat of the failure that was accepted
                        }
                        throw leaseLost(jobId);
                    }
                    String state = rs.getString(1);
                    JobKind kind = JobKind.valueOf(rs.getString(2));
                    Instant leasedAt = rs.getObject(3, OffsetDateTime.class).toInstant();
                    notify(c);
                    c.commit();
                    metrics.finished(rs.getObject(4, UUID.class), kind, state.toLowerCase(),
                            Duration.between(leasedAt, now));
                    LOG.infof("Job %s lease %s failed (%s, retryable %s): now %s", jobId, leaseId, code,
                            request.retryable(), state);
                }
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the failure of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    public void release(UUID workerId, UUID jobId, ReleaseRequest request) {
        UUID leaseId = requireLease(request == null ? null : request.leaseId());
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(RELEASE)) {
                s.setObject(1, ts(now));
                s.setObject(2, ts(now));
                s.setObject(3, jobId);
                s.setObject(4, leaseId);
                s.setObject(5, workerId);
                int rows = s.executeUpdate();
                if (rows == 0) {
                    c.rollback();
                    throw leaseLost(jobId);
                }
                notify(c);
                c.commit();
                LOG.infof("Job %s handed back by worker %s (lease %s): %s", jobId, workerId, leaseId,
                        request.reason() == null ? "no reason given" : truncate(request.reason(), 500));
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the objects of every other lease of the job (lost attempts), or every object of the job when
     * {@code winner} is null; best effort, logged on failure.
     */
    void deleteLostAttemptsOutputs(UUID jobId, UUID winner) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT lab_id FROM job WHERE id = ?")) {
            s.setObject(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    deleteLostAttemptsOutputs(rs.getObject(1, UUID.class), jobId, winner);
                }
            }
        } catch (RuntimeException | SQLException e) {
            LOG.warnf(e, "Job %s: could not delete the outputs of lost attempts", jobId);
        }
    }

    /** As {@link #deleteLostAttemptsOutputs(UUID, UUID)} for a job of a known lab; answers how many were deleted. */
    int deleteLostAttemptsOutputs(UUID labId, UUID jobId, UUID winner) {
        String keep = StorageKeys.jobPrefix(labId, jobId) + winner + "/";
        List<String> lost = new ArrayList<>(store.list(StorageKeys.jobPrefix(labId, jobId)));
        lost.removeIf(k -> winner != null && k.startsWith(keep));
        lost.forEach(store::delete);
        if (!lost.isEmpty()) {
            LOG.infof("Job %s: deleted %d objects of lost attempts", jobId, lost.size());
        }
        return lost.size();
    }

    private record LeaseRow(UUID labId, JobKind kind, String state, UUID leaseId, UUID leasedBy) {
    }

    private static LeaseRow leaseRow(Connection c, UUID jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT lab_id, kind, state, lease_id, leased_by FROM job WHERE id = ?")) {
            s.setObject(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new LeaseRow(rs.getObject(1, UUID.class), JobKind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getObject(4, UUID.class), rs.getObject(5, UUID.class)) : null;
            }
        }
    }

    static void notify(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify('" + JobNotifier.CHANNEL + "', '')")) {
            s.execute();
        }
    }

    private static UUID requireLease(UUID leaseId) {
        if (leaseId == null) {
            throw ApiException.invalidField("leaseId", "leaseId is required: send the leaseId of your lease.");
        }
        return leaseId;
    }

    private static ApiException leaseLost(UUID jobId) {
        return new ApiException(409, "lease.lost", "This lease of job " + jobId + " is no longer current (it expired "
                + "and the job was re-queued or leased again, or the job ended); abandon the job.",
                Map.of("jobId", jobId.toString()));
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request.invalid", "Could not serialise " + value + ": " + e.getOriginalMessage());
        }
    }

    private Map<String, Object> readMap(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored job payload is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
