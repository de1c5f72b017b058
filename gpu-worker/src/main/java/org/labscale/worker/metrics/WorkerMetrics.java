package org.labscale.worker.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.labscale.shared.job.JobKind;

/**
 * The worker's Prometheus metrics ({@code /q/metrics}):
 * <ul>
 *   <li>{@code labscale_worker_jobs_total{kind,outcome}}: attempts ended, by outcome {@code succeeded},
 *       {@code failed}, {@code cancelled} (by a user), {@code lost} (lease lost, abandoned), {@code released}
 *       (handed back on shutdown);</li>
 *   <li>{@code labscale_worker_job_duration_seconds{kind,outcome}}: from lease to the final call;</li>
 *   <li>{@code labscale_worker_lease_wait_seconds{outcome}}: how long each lease request took, {@code leased} or
 *       {@code empty};</li>
 *   <li>{@code labscale_worker_slots}, {@code labscale_worker_slots_busy}: slots, and slots running a job;</li>
 *   <li>{@code labscale_worker_api_errors_total{call}}: failed calls to the API, by call.</li>
 * </ul>
 */
@ApplicationScoped
public class WorkerMetrics {

    /** How an attempt ended on this worker. */
    public enum Outcome {
        SUCCEEDED, FAILED, CANCELLED, LOST, RELEASED;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final AtomicInteger slots = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();

    @Inject
    MeterRegistry registry;

    @jakarta.annotation.PostConstruct
    void gauges() {
        Gauge.builder("labscale_worker_slots", slots, AtomicInteger::get).description("Job slots of this worker")
                .register(registry);
        Gauge.builder("labscale_worker_slots_busy", busy, AtomicInteger::get)
                .description("Slots running a job now").register(registry);
    }

    public void slots(int n) {
        slots.set(n);
    }

    public void jobStarted() {
        busy.incrementAndGet();
    }

    public void jobEnded(JobKind kind, Outcome outcome, Duration took) {
        busy.decrementAndGet();
        Counter.builder("labscale_worker_jobs").description("Job attempts ended on this worker")
                .tag("kind", kind.name()).tag("outcome", outcome.tag()).register(registry).increment();
        Timer.builder("labscale_worker_job_duration").description("Job attempts from lease to the final call")
                .tag("kind", kind.name()).tag("outcome", outcome.tag()).register(registry).record(took);
    }

    public void leaseWait(boolean leased, Duration took) {
        Timer.builder("labscale_worker_lease_wait").description("Lease requests (long polls), until a job or none")
                .tag("outcome", leased ? "leased" : "empty").register(registry).record(took);
    }

    public void apiError(String call) {
        Counter.builder("labscale_worker_api_errors").description("Calls to the platform API that failed")
                .tag("call", call).register(registry).increment();
    }

    public int busySlots() {
        return busy.get();
    }
}
