package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

import org.jboss.logging.Logger;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.shared.job.JobKind;

/**
 * Finds running jobs whose lease expired (their worker stopped heart-beating: crashed, cut off, or hung) and takes
 * them back, in one statement per batch: re-queued with exponential backoff ({@code retry-backoff * 2^(attempt-1)},
 * at most {@code max-retry-backoff}) while attempts remain, otherwise FAILED with code {@code worker.lost}; a job whose
 * cancellation was requested ends CANCELLED. The old lease id stays on the row but the state is no longer RUNNING,
 * so the lost worker's later calls are refused ({@code lease.lost}). Time comes from the injected clock.
 *
 * <p>It also ends attempts that ran past their kind's run-time limit ({@link JobLimits#maxRunTime}) plus one lease TTL
 * (the worker itself stops at the limit and reports {@code job.time-limit}; this is the backstop for a worker that
 * does not): FAILED with {@code job.time-limit}, not retried (the same payload would run as long again), or CANCELLED
 * when a cancellation was pending. A worker still holding such a job learns it at its next heartbeat (409).
 */
@ApplicationScoped
public class JobReaper {

    private static final Logger LOG = Logger.getLogger(JobReaper.class);

    static final String REAP = """
            UPDATE job SET
                state = CASE WHEN cancel_requested THEN 'CANCELLED'
                             WHEN attempts >= max_attempts THEN 'FAILED' ELSE 'QUEUED' END,
                error_code = CASE WHEN cancel_requested THEN 'job.cancelled' ELSE 'worker.lost' END,
                error_message = CASE WHEN cancel_requested THEN 'Cancelled by a user; its worker stopped answering.'
                    ELSE 'Attempt ' || attempts || ' of ' || max_attempts || ' lost its worker: no heartbeat before '
                         || 'the lease expired at ' || to_char(lease_expires_at AT TIME ZONE 'UTC',
                                                               'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                         || CASE WHEN attempts >= max_attempts THEN '; no attempts left.' ELSE '; it will be retried.' END
                    END,
                next_attempt_at = CASE WHEN NOT cancel_requested AND attempts < max_attempts
                    THEN ?::timestamptz + LEAST(?, ? * power(2, attempts - 1)) * interval '1 second'
                    ELSE next_attempt_at END,
                finished_at = CASE WHEN cancel_requested OR attempts >= max_attempts THEN ?::timestamptz END,
                lease_expires_at = NULL, version = version + 1
            WHERE id IN (SELECT id FROM job WHERE state = 'RUNNING' AND lease_expires_at < ?
                         ORDER BY lease_expires_at LIMIT 500 FOR UPDATE SKIP LOCKED)
              AND state = 'RUNNING' AND lease_expires_at < ?
            RETURNING id, state, kind, leased_by, attempts, lab_id
            """;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    @Inject
    JobMetrics metrics;

    @Inject
    JobLimits limits;

    @Inject
    TrackingParts trackingParts;

    /**
     * Parameters: kinds, their limits in seconds plus the lease TTL, their limits as text, their settings (arrays in
     * the same order), now (finished), now (the cut-off).
     */
    static final String OVERDUE = """
            WITH lim AS (SELECT * FROM unnest(?::text[], ?::float8[], ?::text[], ?::text[])
                         AS l(kind, seconds, label, setting))
            UPDATE job SET
                state = CASE WHEN cancel_requested THEN 'CANCELLED' ELSE 'FAILED' END,
                error_code = CASE WHEN cancel_requested THEN 'job.cancelled' ELSE 'job.time-limit' END,
                error_message = CASE WHEN cancel_requested THEN 'Cancelled by a user; it then ran past its time limit.'
                    ELSE 'Attempt ' || attempts || ' ran longer than the ' || lim.label || ' a ' || job.kind
                         || ' job may run (' || lim.setting || '); it is not retried.' END,
                finished_at = ?, lease_expires_at = NULL, version = version + 1
            FROM lim
            WHERE job.id IN (SELECT j.id FROM job j JOIN lim l ON l.kind = j.kind
                             WHERE j.state = 'RUNNING' AND j.leased_at + l.seconds * interval '1 second' < ?
                             ORDER BY j.leased_at LIMIT 500 FOR UPDATE OF j SKIP LOCKED)
              AND lim.kind = job.kind AND job.state = 'RUNNING'
            RETURNING job.id, job.state, job.kind, job.leased_by, job.lab_id, job.leased_at
            """;

    @Scheduled(every = "${labscale.jobs.reap-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "job-reaper")
    void scheduled() {
        try {
            reap();
            reapOverdue();
        } catch (RuntimeException e) {
            LOG.warnf("Reaping expired leases failed (will try again): %s", e.getMessage());
        }
    }

    /** Ends every attempt that ran past its kind's limit plus one lease TTL; returns how many. */
    public int reapOverdue() {
        Instant now = clock.instant();
        JobKind[] kinds = JobKind.values();
        String[] names = new String[kinds.length];
        Double[] seconds = new Double[kinds.length];
        String[] labels = new String[kinds.length];
        String[] settings = new String[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            names[i] = kinds[i].name();
            seconds[i] = limits.maxRunTime(kinds[i]).plus(config.jobs().leaseTtl()).toMillis() / 1000.0;
            labels[i] = JobLimits.human(limits.maxRunTime(kinds[i]));
            settings[i] = JobLimits.maxRunTimeSetting(kinds[i]);
        }
        int total = 0;
        Map<UUID, JobKind> ended = new LinkedHashMap<>(); // jobs that ended: their tracking families are tidied
        try (Connection c = dataSource.getConnection()) {
            while (true) {
                int batch = 0;
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement(OVERDUE)) {
                    s.setArray(1, c.createArrayOf("text", names));
                    s.setArray(2, c.createArrayOf("float8", seconds));
                    s.setArray(3, c.createArrayOf("text", labels));
                    s.setArray(4, c.createArrayOf("text", settings));
                    s.setObject(5, JobQueue.ts(now));
                    s.setObject(6, JobQueue.ts(now));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            batch++;
                            String state = rs.getString(2);
                            LOG.warnf("Job %s: worker %s ran it past its time limit; job is now %s",
                                    rs.getObject(1, UUID.class), rs.getObject(4, UUID.class), state);
                            metrics.finished(rs.getObject(5, UUID.class), JobKind.valueOf(rs.getString(3)),
                                    state.toLowerCase(), Duration.between(rs.getObject(6, OffsetDateTime.class)
                                            .toInstant(), now));
                            if (!state.equals("QUEUED")) {
                                ended.put(rs.getObject(1, UUID.class), JobKind.valueOf(rs.getString(3)));
                            }
                        }
                    }
                    if (batch > 0) {
                        JobQueue.notify(c);
                    }
                    c.commit();
                    ended.forEach(trackingParts::ended);
                    ended.clear();
                } finally {
                    c.setAutoCommit(true);
                }
                total += batch;
                if (batch < 500) {
                    return total;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not end jobs past their time limit: " + e.getMessage(), e);
        }
    }

    /** Takes back every job whose lease expired before now; returns how many. */
    public int reap() {
        Instant now = clock.instant();
        int total = 0;
        Map<UUID, JobKind> ended = new LinkedHashMap<>(); // jobs that ended: their tracking families are tidied
        try (Connection c = dataSource.getConnection()) {
            while (true) {
                int batch = 0;
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement(REAP)) {
                    s.setObject(1, JobQueue.ts(now));
                    s.setDouble(2, config.jobs().maxRetryBackoff().toMillis() / 1000.0);
                    s.setDouble(3, config.jobs().retryBackoff().toMillis() / 1000.0);
                    s.setObject(4, JobQueue.ts(now));
                    s.setObject(5, JobQueue.ts(now));
                    s.setObject(6, JobQueue.ts(now));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            batch++;
                            String state = rs.getString(2);
                            LOG.warnf("Job %s attempt %d: worker %s stopped heart-beating; job is now %s",
                                    rs.getObject(1, UUID.class), rs.getInt(5), rs.getObject(4, UUID.class), state);
                            if (!state.equals("QUEUED")) {
                                metrics.finished(rs.getObject(6, UUID.class), JobKind.valueOf(rs.getString(3)),
                                        state.toLowerCase(), null);
                                ended.put(rs.getObject(1, UUID.class), JobKind.valueOf(rs.getString(3)));
                            }
                        }
                    }
                    if (batch > 0) {
                        JobQueue.notify(c);
                    }
                    c.commit();
                    ended.forEach(trackingParts::ended); // a part that failed for good failed its tracking job
                    ended.clear();
                } finally {
                    c.setAutoCommit(true);
                }
                total += batch;
                if (batch < 500) {
                    return total;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reap expired leases: " + e.getMessage(), e);
        }
    }
}
