package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

import org.jboss.logging.Logger;
import org.labscale.api.config.LabscaleConfig;

/**
 * Deletes what fenced-out attempts upload after their job ended. A completion deletes the objects of the job's lost
 * attempts at once, but a worker that was presumed dead may still hold a presigned upload URL and PUT to it later
 * (its lease is refused, its upload is not: S3 knows nothing of leases). Such an object lies under the lost lease's
 * prefix, which nothing references. So, every {@code lost-output-sweep-every}, for each ended job that was leased
 * more than once and ended within {@code url-ttl + lost-output-window} (an upload URL of one of its leases can work
 * until at most {@code url-ttl} after the job ended), every object not under the job's last lease is deleted. The
 * last lease's objects are left as they are: a successful attempt's outputs, or a failed job's last attempt, which a
 * retry deletes.
 */
@ApplicationScoped
public class LostOutputSweeper {

    private static final Logger LOG = Logger.getLogger(LostOutputSweeper.class);
    /** Jobs looked at per sweep, oldest first; the rest wait for the next sweep. */
    static final int BATCH = 1000;

    /** Parameters: ended after, batch size. Served by the partial index {@code job_lost_attempts_idx} (V4). */
    public static final String ENDED_WITH_LOST_ATTEMPTS = """
            SELECT id, lab_id, lease_id FROM job
            WHERE state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND finished_at > ? AND started_at < leased_at
            ORDER BY finished_at
            LIMIT ?
            """;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    @Inject
    JobQueue queue;

    @Scheduled(every = "${labscale.jobs.lost-output-sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "job-lost-output-sweeper")
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("Sweeping the outputs of lost attempts failed (will try again): %s", e.getMessage());
        }
    }

    /** One sweep; answers how many objects were deleted. */
    public int sweep() {
        Instant since = clock.instant().minus(config.jobs().urlTtl()).minus(config.jobs().lostOutputWindow());
        int deleted = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(ENDED_WITH_LOST_ATTEMPTS)) {
            s.setObject(1, JobQueue.ts(since));
            s.setInt(2, BATCH);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID job = rs.getObject(1, UUID.class);
                    try {
                        deleted += queue.deleteLostAttemptsOutputs(rs.getObject(2, UUID.class), job,
                                rs.getObject(3, UUID.class));
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Job %s: could not sweep the outputs of lost attempts", job);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look for ended jobs with lost attempts: " + e.getMessage(), e);
        }
        return deleted;
    }
}
