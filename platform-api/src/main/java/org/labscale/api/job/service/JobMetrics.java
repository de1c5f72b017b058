package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

import org.jboss.logging.Logger;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.shared.job.JobKind;

/**
 * The queue's Prometheus metrics (names as exported on {@code /q/metrics}):
 * <ul>
 *   <li>{@code labscale_queue_depth{lab,kind}}: jobs waiting (QUEUED), per lab id and kind; refreshed from the
 *       database every {@code labscale.jobs.metrics-every}. Scale workers on it (see docker/README).</li>
 *   <li>{@code labscale_jobs_running{lab,kind}}: jobs running now, same refresh.</li>
 *   <li>{@code labscale_workers_seen{scope}}: workers (scope {@code lab} or {@code shared}) that called within
 *       {@code labscale.jobs.worker-seen-window}: worker liveness.</li>
 *   <li>{@code labscale_lease_latency_seconds{outcome}}: time one claim took in the API (outcome {@code leased} or
 *       {@code empty}); excludes the long poll's waiting.</li>
 *   <li>{@code labscale_job_wait_seconds{kind}}: from when a job could run (submit, or end of retry backoff) until a
 *       worker leased it.</li>
 *   <li>{@code labscale_job_duration_seconds{kind,outcome}}: from lease to the end of an attempt, by outcome
 *       ({@code succeeded}, {@code failed}, {@code cancelled}, {@code queued} = failed and retried).</li>
 *   <li>{@code labscale_jobs_finished_total{kind,outcome}}: attempts that ended, including those lost with their
 *       worker.</li>
 * </ul>
 */
@ApplicationScoped
@Startup
public class JobMetrics {

    private static final Logger LOG = Logger.getLogger(JobMetrics.class);

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    private MultiGauge queueDepth;
    private MultiGauge running;
    private MultiGauge workersSeen;

    @jakarta.annotation.PostConstruct
    void init() {
        queueDepth = MultiGauge.builder("labscale.queue.depth").description("Jobs waiting for a worker")
                .register(registry);
        running = MultiGauge.builder("labscale.jobs.running").description("Jobs running now").register(registry);
        workersSeen = MultiGauge.builder("labscale.workers.seen")
                .description("Workers that called recently (liveness)").register(registry);
    }

    void claimed(long nanos, boolean leased) {
        Timer.builder("labscale.lease.latency").description("Time one lease claim took (without long-poll waiting)")
                .tag("outcome", leased ? "leased" : "empty").publishPercentileHistogram()
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void waited(JobKind kind, Duration wait) {
        Timer.builder("labscale.job.wait").description("Time a runnable job waited for a worker")
                .tag("kind", kind.name()).register(registry).record(wait.isNegative() ? Duration.ZERO : wait);
    }

    void finished(JobKind kind, String outcome, Duration duration) {
        registry.counter("labscale.jobs.finished", "kind", kind.name(), "outcome", outcome).increment();
        if (duration != null) {
            Timer.builder("labscale.job.duration").description("Time from lease to the end of an attempt")
                    .tags("kind", kind.name(), "outcome", outcome).register(registry)
                    .record(duration.isNegative() ? Duration.ZERO : duration);
        }
    }

    @Scheduled(every = "${labscale.jobs.metrics-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "job-metrics")
    public void refresh() {
        try (Connection c = dataSource.getConnection()) {
            List<MultiGauge.Row<?>> depth = new ArrayList<>();
            List<MultiGauge.Row<?>> run = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT lab_id, kind, state, count(*) FROM job WHERE state IN ('QUEUED', 'RUNNING')
                    GROUP BY lab_id, kind, state""");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Tags tags = Tags.of("lab", rs.getString(1), "kind", rs.getString(2));
                    (rs.getString(3).equals("QUEUED") ? depth : run).add(MultiGauge.Row.of(tags, rs.getLong(4)));
                }
            }
            queueDepth.register(depth, true);
            running.register(run, true);
            List<MultiGauge.Row<?>> seen = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT lab_id IS NULL, count(*) FROM worker
                    WHERE revoked_at IS NULL AND last_seen_at >= ? GROUP BY lab_id IS NULL""")) {
                s.setObject(1, JobQueue.ts(clock.instant().minus(config.jobs().workerSeenWindow())));
                try (ResultSet rs = s.executeQuery()) {
                    long shared = 0;
                    long lab = 0;
                    while (rs.next()) {
                        if (rs.getBoolean(1)) {
                            shared = rs.getLong(2);
                        } else {
                            lab = rs.getLong(2);
                        }
                    }
                    seen.add(MultiGauge.Row.of(Tags.of("scope", "shared"), shared));
                    seen.add(MultiGauge.Row.of(Tags.of("scope", "lab"), lab));
                }
            }
            workersSeen.register(seen, true);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not refresh the queue metrics: %s", e.getMessage());
        }
    }
}
