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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The worker side of the queue. Every state change is ONE conditional SQL statement, in the manner of db-scheduler:
 * the claim picks and leases jobs with {@code FOR UPDATE SKIP LOCKED} ({@link JobClaims}, several workers' claims at
 * once under load); heartbeat, complete, fail and release succeed only for the job's current lease ({@code lease_id},
 * the fencing token) held by the calling worker (completions without outputs several at once: {@link JobCompletions}).
 * Zero rows updated is an expected race (the lease was lost: 409 {@code lease.lost}); more than one would be a bug.
 */
@ApplicationScoped
public class JobQueue {

    private static final Logger LOG = Logger.getLogger(JobQueue.class);
    private static final int MAX_RESULT_CHARS = 64 * 1024;

    static final String HEARTBEAT = """
            UPDATE job SET lease_expires_at = ?, last_heartbeat_at = ?,
                   progress_fraction = COALESCE(?, progress_fraction),
                   progress_message = COALESCE(?, progress_message),
                   progress_metrics = COALESCE(?::jsonb, progress_metrics),
                   progress_curve = CASE WHEN CAST(? AS jsonb) IS NULL
                           OR COALESCE(progress_curve, '[]'::jsonb) @> jsonb_build_array(CAST(? AS jsonb))
                       THEN progress_curve
                       ELSE COALESCE((SELECT jsonb_agg(p) FROM jsonb_array_elements(progress_curve) p
                                      WHERE NOT (p->>'member' = ? AND p->>'epoch' = ?)), '[]'::jsonb)
                            || jsonb_build_array(CAST(? AS jsonb)) END,
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
    JobClaims claims;

    @Inject
    JobCompletions completions;

    @Inject
    JobLimits limits;

    @Inject
    TrackingParts trackingParts;

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
        JobClaims.Claimed claimed = claims.claim(worker, kinds);
        metrics.claimed(System.nanoTime() - started, claimed == null ? null : claimed.kind());
        return claimed == null ? Optional.empty() : Optional.of(lease(worker, claimed));
    }

    /** The lease a claimed job is handed out with: its inputs' and outputs' presigned URLs. */
    private LeaseDto lease(WorkerProfile worker, JobClaims.Claimed job) {
        Instant now = job.leasedAt();
        Duration ttl = config.jobs().leaseTtl();
        Map<String, Object> payload = readMap(job.payloadJson());
        metrics.waited(job.labId(), job.kind(), Duration.between(job.eligibleSince(), now));
        Duration urlTtl = limits.urlTtl(job.kind());
        Instant urlsExpire = now.plus(urlTtl);
        JobInputs.Resolved inputs = jobInputs.resolve(job.jobId(), job.labId(), job.kind(), payload);
        Map<String, String> outputs = new LinkedHashMap<>();
        JobOutputs.names(job.kind(), payload, inputs.imageIds(), inputs.frames()).forEach(name -> outputs.put(name,
                store.presignPut(JobOutputs.key(job.labId(), job.jobId(), job.leaseId(), job.kind(), name), urlTtl)));
        // DEBUG, not INFO: at hundreds of leases a second the log line costs more than the claim
        MDC.put("jobId", job.jobId().toString());
        MDC.put("attempt", Integer.toString(job.attempts()));
        LOG.debugf("Job %s attempt %d leased to worker %s (lease %s)", job.jobId(), job.attempts(), worker.workerId(),
                job.leaseId());
        return new LeaseDto(job.jobId(), job.labId(), job.attempts(), job.leaseId(), job.expires(),
                (int) Math.max(1, ttl.toSeconds() / 3), job.kind(), payload, inputs.urls(), outputs, urlsExpire,
                inputs.hashes(), inputs.context(), limits.maxRunTime(job.kind()).toSeconds());
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
            TrainingCurve.Point point = TrainingCurve.Point.of(progress).orElse(null);
            String pointJson = point == null ? null : write(point.json());
            s.setString(6, pointJson);
            s.setString(7, pointJson);
            s.setString(8, point == null ? null : Integer.toString(point.member()));
            s.setString(9, point == null ? null : Integer.toString(point.epoch()));
            s.setString(10, pointJson);
            s.setObject(11, jobId);
            s.setObject(12, leaseId);
            s.setObject(13, workerId);
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
                trackingParts.ended(jobId, row.kind());
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

    /** The parameters of {@link #COMPLETE}: result, time, job, lease, worker. */
    private static void bindCompletion(PreparedStatement s, String resultJson, Instant now, UUID jobId, UUID leaseId,
            UUID workerId) throws SQLException {
        s.setString(1, resultJson);
        s.setObject(2, ts(now));
        s.setObject(3, jobId);
        s.setObject(4, leaseId);
        s.setObject(5, workerId);
    }

    /** A completion without outputs, batched ({@link JobCompletions}): whether the job was leased before (null: no
     * row matched). */
    private Boolean completeWithoutOutputs(UUID workerId, UUID jobId, UUID leaseId, String resultJson) {
        JobCompletions.Done done = completions.complete(new JobCompletions.Request(workerId, jobId, leaseId,
                resultJson));
        if (done == null) {
            return null;
        }
        announcer.announce(jobId);
        metrics.finished(done.labId(), done.kind(), "succeeded", Duration.between(done.leasedAt(), done.finishedAt()));
        trackingParts.ended(jobId, done.kind());
        return done.leasedBefore();
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
                    if (!state.equals("QUEUED")) {
                        trackingParts.ended(jobId, kind);
                    }
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
