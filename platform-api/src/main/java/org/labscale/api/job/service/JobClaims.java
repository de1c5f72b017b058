package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

import org.labscale.api.config.LabscaleConfig;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.WorkerDevice;

import io.quarkus.runtime.Startup;

/**
 * The claim: leases the best jobs for the workers asking, several workers' claims in ONE statement. Lease calls of
 * workers that offer the same (lab, kinds, device, GPU memory) are batched ({@link Batcher}: at most
 * {@code labscale.jobs.claim-concurrency} statements at once, 1 by default, at most {@code labscale.jobs.claim-batch}
 * claims each), so under load the database runs one statement per batch instead of one per worker. One at a time, claims
 * of this process never race each other for a lab's last slots or pass over each other's candidates.
 */
@Startup
@ApplicationScoped
public class JobClaims {

    /** SQLSTATE raised by the running-count trigger (V5) when a racing claim would exceed the lab's quota. */
    static final String QUOTA_RACE = "LS001";
    /** SQLSTATE of a deadlock PostgreSQL broke by aborting this statement. */
    static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 5;

    /**
     * The claim of n jobs for n workers, equal to n claims one after the other. Fair share first: labs below their
     * quota are taken in order of running/quota (the least served first; among equals, the one that started a job
     * longest ago); within a lab, the job of highest priority, then the oldest. Priorities therefore order a lab's own
     * jobs and cannot make one lab jump ahead of another. The r-th job a lab would get in the batch counts as if its
     * r - 1 before it were already running: it ranks at (running + r - 1) / quota, behind the first jobs of labs at the
     * same share. GPU jobs only go to CUDA workers with enough memory; a lab's own worker only sees that lab. A job
     * with parts ({@code parent_id}: a TRACKING job's TRACKING_FRAMES jobs) waits until every part succeeded. The
     * slot-th job goes to the slot-th worker (the longest waiting gets the best job).
     *
     * <p>Cost: per lab tried, one index probe ({@code job_queued_idx}) for at most min(n, free slots) jobs, walking
     * the labs in fair order (the sorted labs subquery is not flattened; the LATERAL forces a nested loop in that
     * order) and stopping after n * n candidates: n claims involve at most n labs, the first n labs that yield a job,
     * and those yield at most n * n. So 10,000 queued jobs cost the same as ten. Candidates are locked
     * ({@code SKIP LOCKED}: rows other claims hold are passed over) for the statement; at its end the statement trigger
     * counts the picked ones against their labs' quotas, one update per lab in lab order (migration V5), so that
     * statements changing several labs at once never deadlock.
     *
     * <p>Parameters: lab or null (twice), now, kinds, CUDA, GPU memory, n, n * n, lease ids, worker ids (arrays of
     * n), leased at, lease expiry, heartbeat, started at.
     */
    public static final String CLAIM = """
            WITH candidate AS (
                SELECT c.id, l.lab_id, l.running, l.max_running, l.last_started_at, c.priority, c.created_at
                FROM (SELECT q.lab_id, q.running, q.max_running, q.last_started_at
                      FROM lab_job_quota q
                      WHERE q.running < q.max_running
                        AND (?::uuid IS NULL OR q.lab_id = ?::uuid)
                      ORDER BY q.running::float8 / q.max_running, q.last_started_at NULLS FIRST, q.lab_id) l
                CROSS JOIN LATERAL (
                    SELECT j.id, j.priority, j.created_at
                    FROM job j
                    WHERE j.lab_id = l.lab_id
                      AND j.state = 'QUEUED'
                      AND j.next_attempt_at <= ?
                      AND j.kind = ANY (?)
                      AND (NOT j.requires_gpu OR ?)
                      AND j.min_gpu_memory_mb <= ?
                      AND NOT EXISTS (SELECT 1 FROM job k WHERE k.parent_id = j.id AND k.state <> 'SUCCEEDED')
                    ORDER BY j.priority DESC, j.created_at, j.id
                    LIMIT LEAST(?, l.max_running - l.running)
                    FOR UPDATE OF j SKIP LOCKED) c
                LIMIT ?
            ), ranked AS (
                SELECT id, lab_id, running, max_running, last_started_at,
                       row_number() OVER (PARTITION BY lab_id ORDER BY priority DESC, created_at, id) AS rank
                FROM candidate
            ), pick AS (
                SELECT id, lab_id, row_number() OVER (ORDER BY (running + rank - 1)::float8 / max_running, rank > 1,
                                                      last_started_at NULLS FIRST, lab_id, rank) AS slot
                FROM ranked
            ), lease AS (
                SELECT pick.id, w.lease_id, w.worker_id
                FROM pick
                JOIN unnest(?::uuid[], ?::uuid[]) WITH ORDINALITY AS w(lease_id, worker_id, slot) ON w.slot = pick.slot
            )
            UPDATE job SET state = 'RUNNING', attempts = job.attempts + 1, lease_id = lease.lease_id,
                   leased_by = lease.worker_id, leased_at = ?, lease_expires_at = ?, last_heartbeat_at = ?,
                   started_at = COALESCE(job.started_at, ?), version = job.version + 1
            FROM lease
            WHERE job.id = lease.id
            RETURNING job.lease_id, job.id, job.lab_id, job.kind, job.payload::text, job.attempts, job.next_attempt_at
            """;

    /** What workers must share to be served by one claim statement. */
    public record Key(UUID labId, List<String> kinds, boolean cuda, int gpuMemoryMb) {

        public Key {
            kinds = kinds.stream().sorted().toList();
        }

        static Key of(WorkerProfile worker, Collection<JobKind> kinds) {
            boolean cuda = worker.device() == WorkerDevice.CUDA;
            return new Key(worker.labId(), kinds.stream().map(Enum::name).toList(), cuda,
                    cuda ? worker.gpuMemoryMb() : 0);
        }
    }

    /** A job leased to a worker: the row as the claim left it. */
    public record Claimed(UUID jobId, UUID labId, JobKind kind, String payloadJson, int attempts, Instant eligibleSince,
                          UUID leaseId, Instant leasedAt, Instant expires) {
    }

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Duration leaseTtl;
    private final JobMetrics metrics;
    private final Batcher<Key, UUID, Claimed> batcher;

    @Inject
    public JobClaims(AgroalDataSource dataSource, Clock clock, LabscaleConfig config, JobMetrics metrics) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.metrics = metrics;
        this.leaseTtl = config.jobs().leaseTtl();
        this.batcher = new Batcher<>(Batcher.setting("claim-concurrency", config.jobs().claimConcurrency()),
                Batcher.setting("claim-batch", config.jobs().claimBatch()), this::claimAll);
    }

    /** Leases the best job the worker may run now (null: none), in a batch with other workers' claims. */
    public Claimed claim(WorkerProfile worker, Collection<JobKind> kinds) {
        return batcher.submit(Key.of(worker, kinds), worker.workerId());
    }

    /** One claim statement for these workers (retried when it lost a race for a lab's last slot or a deadlock). */
    List<Claimed> claimAll(Key key, List<UUID> workers) {
        metrics.batched("claim", workers.size());
        for (int attempt = 1; ; attempt++) {
            try {
                return claimOnce(key, workers);
            } catch (SQLException e) {
                boolean race = QUOTA_RACE.equals(e.getSQLState()) || DEADLOCK.equals(e.getSQLState());
                if (!race || attempt == ATTEMPTS) {
                    throw new IllegalStateException("Could not claim a job: " + e.getMessage(), e);
                }
                metrics.retried("claim", DEADLOCK.equals(e.getSQLState()) ? "deadlock" : "quota");
            }
        }
    }

    private List<Claimed> claimOnce(Key key, List<UUID> workers) throws SQLException {
        int n = workers.size();
        Instant now = clock.instant();
        Instant expires = now.plus(leaseTtl);
        UUID[] leases = new UUID[n];
        for (int i = 0; i < n; i++) {
            leases[i] = UUID.randomUUID();
        }
        Map<UUID, Claimed> byLease = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            int i = 1;
            s.setObject(i++, key.labId());
            s.setObject(i++, key.labId());
            s.setObject(i++, JobQueue.ts(now));
            s.setArray(i++, c.createArrayOf("text", key.kinds().toArray()));
            s.setBoolean(i++, key.cuda());
            s.setInt(i++, key.gpuMemoryMb());
            s.setInt(i++, n);
            s.setInt(i++, n * n);
            s.setArray(i++, c.createArrayOf("uuid", leases));
            s.setArray(i++, c.createArrayOf("uuid", workers.toArray()));
            s.setObject(i++, JobQueue.ts(now));
            s.setObject(i++, JobQueue.ts(expires));
            s.setObject(i++, JobQueue.ts(now));
            s.setObject(i, JobQueue.ts(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID lease = rs.getObject(1, UUID.class);
                    Claimed claimed = new Claimed(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            JobKind.valueOf(rs.getString(4)), rs.getString(5), rs.getInt(6),
                            rs.getObject(7, OffsetDateTime.class).toInstant(), lease, now, expires);
                    if (byLease.put(lease, claimed) != null) {
                        throw new IllegalStateException("BUG: one lease was given to two jobs");
                    }
                }
            }
        }
        List<Claimed> answers = new ArrayList<>(n);
        for (UUID lease : leases) {
            answers.add(byLease.get(lease));
        }
        return answers;
    }
}
