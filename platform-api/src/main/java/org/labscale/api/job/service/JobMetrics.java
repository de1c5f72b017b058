package org.labscale.api.job.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
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
 *   <li>{@code labscale_workers_seen{lab,kind,scope}}: registered workers that called within
 *       {@code labscale.jobs.worker-seen-window} (worker liveness), by the kinds they run; {@code lab} is the lab of a
 *       lab's worker, empty for shared workers (scope {@code lab} or {@code shared}).</li>
 *   <li>{@code labscale_lease_latency_seconds{kind,outcome}}: time one claim took in the API (outcome {@code leased}
 *       with the job's kind, or {@code empty} with an empty kind); excludes the long poll's waiting. A histogram, so
 *       it has no {@code lab} label: buckets per lab would multiply the series by the number of labs.</li>
 *   <li>{@code labscale_queue_batch_size{statement}}: how many calls one batched statement served
 *       ({@code claim}: workers' lease calls, {@code completion}: completions without outputs); its mean above 1
 *       says that calls queue for the database and are being combined.</li>
 *   <li>{@code labscale_queue_retries_total{statement,reason}}: batched statements run again because PostgreSQL
 *       broke a {@code deadlock} or a claim lost a lab's last slot to another process ({@code quota}).</li>
 *   <li>{@code labscale_job_wait_seconds{lab,kind}}: from when a job could run (submit, or end of retry backoff)
 *       until a worker leased it.</li>
 *   <li>{@code labscale_job_duration_seconds{lab,kind,outcome}}: from lease to the end of an attempt, by outcome
 *       ({@code succeeded}, {@code failed}, {@code cancelled}, {@code queued} = failed and retried).</li>
 *   <li>{@code labscale_jobs_finished_total{lab,kind,outcome}}: attempts that ended, including those lost with
 *       their worker.</li>
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
    private final Map<MeterKey, Meter> meters = new ConcurrentHashMap<>();

    @jakarta.annotation.PostConstruct
    void init() {
        queueDepth = MultiGauge.builder("labscale.queue.depth").description("Jobs waiting for a worker")
                .register(registry);
        running = MultiGauge.builder("labscale.jobs.running").description("Jobs running now").register(registry);
        workersSeen = MultiGauge.builder("labscale.workers.seen")
                .description("Workers that called recently (liveness)").register(registry);
    }

    /** One claim took {@code nanos}; {@code leased} is the kind of the job it leased, null when it found none. */
    void claimed(long nanos, JobKind leased) {
        meter(new MeterKey("lease", null, leased, leased == null ? "empty" : "leased"),
                k -> Timer.builder("labscale.lease.latency")
                        .description("Time one lease claim took (without long-poll waiting)")
                        .tags("kind", leased == null ? "" : leased.name(), "outcome", k.outcome())
                        .publishPercentileHistogram().register(registry), Timer.class)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One batched statement ({@code claim} or {@code completion}) served {@code calls} calls. */
    void batched(String statement, int calls) {
        meter(new MeterKey("batch", null, null, statement), k -> DistributionSummary.builder("labscale.queue.batch.size")
                .description("Calls one batched queue statement served").tags("statement", statement)
                .register(registry), DistributionSummary.class).record(calls);
    }

    /** A batched statement is run again after a {@code deadlock} or a {@code quota} race. */
    void retried(String statement, String reason) {
        meter(new MeterKey("retry:" + statement, null, null, reason), k -> Counter.builder("labscale.queue.retries")
                .description("Batched queue statements run again after a deadlock or a quota race")
                .tags("statement", statement, "reason", reason).register(registry), Counter.class).increment();
    }

    void waited(UUID lab, JobKind kind, Duration wait) {
        meter(new MeterKey("wait", lab, kind, ""), k -> Timer.builder("labscale.job.wait")
                .description("Time a runnable job waited for a worker")
                .tags("lab", lab.toString(), "kind", kind.name()).register(registry), Timer.class)
                .record(wait.isNegative() ? Duration.ZERO : wait);
    }

    void finished(UUID lab, JobKind kind, String outcome, Duration duration) {
        meter(new MeterKey("finished", lab, kind, outcome), k -> registry.counter("labscale.jobs.finished",
                "lab", lab.toString(), "kind", kind.name(), "outcome", outcome), Counter.class).increment();
        if (duration != null) {
            meter(new MeterKey("duration", lab, kind, outcome), k -> Timer.builder("labscale.job.duration")
                    .description("Time from lease to the end of an attempt")
                    .tags("lab", lab.toString(), "kind", kind.name(), "outcome", outcome).register(registry),
                    Timer.class).record(duration.isNegative() ? Duration.ZERO : duration);
        }
    }

    /**
     * The meter for a key, registered on first use. Registering again would return the same meter, but building its
     * id and tags on every call showed up under lease load; this map is bounded by labs x kinds x outcomes.
     */
    private <M extends Meter> M meter(MeterKey key, Function<MeterKey, M> register, Class<M> type) {
        return type.cast(meters.computeIfAbsent(key, register::apply));
    }

    private record MeterKey(String meter, UUID lab, JobKind kind, String outcome) {
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
                    SELECT w.lab_id, k.kind, count(*) FROM worker w CROSS JOIN unnest(w.kinds) AS k (kind)
                    WHERE w.revoked_at IS NULL AND w.last_seen_at >= ? GROUP BY w.lab_id, k.kind""")) {
                s.setObject(1, JobQueue.ts(clock.instant().minus(config.jobs().workerSeenWindow())));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String lab = rs.getString(1);
                        seen.add(MultiGauge.Row.of(Tags.of("scope", lab == null ? "shared" : "lab", "lab",
                                lab == null ? "" : lab, "kind", rs.getString(2)), rs.getLong(3)));
                    }
                }
            }
            workersSeen.register(seen, true);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not refresh the queue metrics: %s", e.getMessage());
        }
    }
}
