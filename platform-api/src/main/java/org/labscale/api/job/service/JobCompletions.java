package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

import org.labscale.api.config.LabscaleConfig;
import org.labscale.shared.job.JobKind;

import io.quarkus.runtime.Startup;

/**
 * Completions without outputs (the common case of SELF_TEST and of workers that store nothing), several workers' in
 * ONE statement and commit: concurrent calls are batched ({@link Batcher}: at most
 * {@code labscale.jobs.completion-concurrency} statements at once, at most {@code labscale.jobs.completion-batch}
 * completions each). Any kind but TRAINING (whose outputs make a model version). A completion that matched no row (not
 * the current lease, a repeat, or TRAINING) answers null; the caller then takes the full path, which tells them apart.
 * Like every completion it sends no NOTIFY itself (see {@link JobEndAnnouncer}): the running-count trigger (V5)
 * wakes long polls when a job freed a slot of a lab at its quota.
 */
@Startup
@ApplicationScoped
public class JobCompletions {

    private static final int ATTEMPTS = 5;
    /** The one batching key: any completions can share a statement, whoever's and whichever lab's. */
    private static final String ANY = "any";

    /** Parameters: finished at; job ids, lease ids, worker ids and results (arrays of equal length). */
    public static final String COMPLETE = """
            UPDATE job SET state = 'SUCCEEDED', result = done.result::jsonb, progress_fraction = 1, finished_at = ?,
                   lease_expires_at = NULL, error_code = NULL, error_message = NULL, version = job.version + 1
            FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[]) AS done(id, lease_id, worker_id, result)
            WHERE job.id = done.id AND job.lease_id = done.lease_id AND job.leased_by = done.worker_id
              AND job.state = 'RUNNING' AND job.kind <> 'TRAINING'
            RETURNING job.id, job.lease_id, job.lab_id, job.kind, job.leased_at, job.started_at < job.leased_at
            """;

    /** A completion to record. */
    public record Request(UUID workerId, UUID jobId, UUID leaseId, String resultJson) {
    }

    /** A recorded completion. */
    public record Done(UUID labId, JobKind kind, Instant leasedAt, Instant finishedAt, boolean leasedBefore) {
    }

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final JobMetrics metrics;
    private final Batcher<String, Request, Done> batcher;

    @Inject
    public JobCompletions(AgroalDataSource dataSource, Clock clock, LabscaleConfig config, JobMetrics metrics) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.metrics = metrics;
        this.batcher = new Batcher<>(Batcher.setting("completion-concurrency", config.jobs().completionConcurrency()),
                Batcher.setting("completion-batch", config.jobs().completionBatch()),
                (key, requests) -> completeAll(requests));
    }

    /** Records the success of the worker's current lease of a job that has no outputs; null when no row matched. */
    public Done complete(Request request) {
        return batcher.submit(ANY, request);
    }

    List<Done> completeAll(List<Request> requests) {
        metrics.batched("completion", requests.size());
        for (int attempt = 1; ; attempt++) {
            try {
                return completeOnce(requests);
            } catch (SQLException e) {
                if (!JobClaims.DEADLOCK.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw new IllegalStateException("Could not complete " + requests.size() + " jobs: "
                            + e.getMessage(), e);
                }
                metrics.retried("completion", "deadlock");
            }
        }
    }

    private List<Done> completeOnce(List<Request> requests) throws SQLException {
        Instant now = clock.instant();
        int n = requests.size();
        Map<List<UUID>, Done> byJobAndLease = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COMPLETE)) {
            s.setObject(1, JobQueue.ts(now));
            s.setArray(2, c.createArrayOf("uuid", requests.stream().map(Request::jobId).toArray()));
            s.setArray(3, c.createArrayOf("uuid", requests.stream().map(Request::leaseId).toArray()));
            s.setArray(4, c.createArrayOf("uuid", requests.stream().map(Request::workerId).toArray()));
            s.setArray(5, c.createArrayOf("text", requests.stream().map(Request::resultJson).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byJobAndLease.put(List.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                            new Done(rs.getObject(3, UUID.class), JobKind.valueOf(rs.getString(4)),
                                    rs.getObject(5, OffsetDateTime.class).toInstant(), now, rs.getBoolean(6)));
                }
            }
        }
        List<Done> answers = new ArrayList<>(n);
        for (Request r : requests) {
            // a job completed twice in one batch (a repeated call) counts once: the repeat takes the full path
            answers.add(byJobAndLease.remove(List.of(r.jobId(), r.leaseId())));
        }
        return answers;
    }
}
