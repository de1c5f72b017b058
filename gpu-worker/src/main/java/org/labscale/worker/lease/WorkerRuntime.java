package org.labscale.worker.lease;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.LeaseDto;
import org.labscale.shared.job.LeaseRequest;
import org.labscale.shared.job.WorkerCapabilities;
import org.labscale.shared.job.WorkerRegistration;
import org.labscale.worker.config.WorkerConfig;
import org.labscale.worker.connection.ApiCallException;
import org.labscale.worker.connection.WorkerApiClient;
import org.labscale.worker.device.ComputeDevices;
import org.labscale.worker.device.DeviceDetector;
import org.labscale.worker.device.DeviceInfo;
import org.labscale.worker.handler.JobHandlers;
import org.labscale.worker.metrics.WorkerMetrics;

/**
 * The worker's life: on start it detects its device, declares the kinds it has handlers for, and starts one lease
 * loop per slot (each registers first if needed, long-polls for a lease, and runs what it gets through the
 * {@link JobRunner}); on shutdown it stops leasing, lets running jobs finish within {@code shutdown-grace}, then stops
 * and releases the rest. Without a worker token it starts no loop.
 *
 * <p>A lease request in flight at shutdown is allowed to finish rather than aborted: the API's long poll would go on
 * claiming for a client that is gone, and the job would sit leased until its lease expired. A job it brings is
 * released at once. The poll's wait ({@code lease-wait}) therefore bounds how long an idle worker takes to stop.
 */
@ApplicationScoped
public class WorkerRuntime {

    private static final Logger LOG = Logger.getLogger(WorkerRuntime.class);

    @Inject
    WorkerConfig config;

    @Inject
    WorkerApiClient api;

    @Inject
    JobHandlers handlers;

    @Inject
    JobRunner runner;

    @Inject
    Registration registration;

    @Inject
    ComputeDevices computeDevices;

    @Inject
    WorkerMetrics metrics;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> loops = new ArrayList<>();
    private volatile DeviceInfo device;
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        shutdown();
    }

    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        device = DeviceDetector.detect(config.worker().device(), config.worker().gpuMemoryMb(),
                config.worker().nvidiaSmi());
        int slots = config.worker().slots().orElse(Math.max(1, device.gpuCount()));
        if (slots < 1 || slots > 64) {
            throw new IllegalArgumentException("labscale.worker.slots must be between 1 and 64, not " + slots);
        }
        List<JobKind> kinds = handlers.kinds();
        LOG.infof("Device %s (%s); %d slot(s); runs %s", device.device(), device.detail(), slots, kinds);
        computeDevices.detected(device);
        LOG.info(computeDevices.summary());
        metrics.slots(slots);
        if (!api.hasToken()) {
            LOG.warn("No worker token (LABSCALE_WORKER_TOKEN): this worker leases no jobs. A lab owner creates one with "
                    + "POST /api/v1/labs/{labId}/workers, the administrator a shared one with POST /api/v1/admin/workers.");
            return;
        }
        if (kinds.isEmpty()) {
            LOG.warn("This worker has no job handlers: it leases nothing");
            return;
        }
        registration.declare(new WorkerRegistration(new WorkerCapabilities(device.device(), device.gpuMemoryMb(), kinds,
                slots), config.worker().host().orElseGet(WorkerRuntime::hostName), version));
        for (int slot = 1; slot <= slots; slot++) {
            int n = slot;
            Thread t = new Thread(() -> loop(n, kinds), "labscale-slot-" + n);
            loops.add(t);
            t.start();
        }
    }

    /** Whether shutdown has begun. */
    public boolean stopping() {
        return stop.getCount() == 0;
    }

    /** Whether lease loops run (a token is configured and the worker has handlers). */
    public boolean leasing() {
        return !loops.isEmpty();
    }

    /** Lease loops that ended although the worker is not stopping (a bug: liveness reports them). */
    public List<String> deadLoops() {
        return stopping() ? List.of() : loops.stream().filter(t -> !t.isAlive()).map(Thread::getName).toList();
    }

    public Optional<DeviceInfo> device() {
        return Optional.ofNullable(device);
    }

    /** Waits, unless shutdown begins; answers false when it did. */
    boolean pause(Duration duration) {
        try {
            return !stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void loop(int slot, List<JobKind> kinds) {
        Backoff backoff = new Backoff(config.worker().backoffInitial(), config.worker().backoffMax(),
                ThreadLocalRandom.current());
        int waitSeconds = (int) Math.max(0, config.worker().leaseWait().toSeconds());
        while (!stopping()) {
            try {
                if (!registration.ensure(this)) {
                    break;
                }
                long t0 = System.nanoTime();
                Optional<LeaseDto> lease = api.lease(new LeaseRequest(kinds, waitSeconds));
                metrics.leaseWait(lease.isPresent(), Duration.ofNanos(System.nanoTime() - t0));
                if (backoff.failures() > 0) {
                    LOG.infof("Slot %d reaches the API again after %d failed lease requests", slot, backoff.failures());
                    backoff.reset();
                }
                // Each completion asks for the next job without waiting (one round trip between jobs while the
                // queue is busy); when none was ready, the loop long-polls again.
                while (lease.isPresent()) {
                    if (stopping()) {
                        runner.handBack(lease.get(), "The worker is shutting down.");
                        break;
                    }
                    lease = runner.run(lease.get(), () -> stopping() ? null : new LeaseRequest(kinds, 0));
                }
            } catch (ApiCallException e) {
                metrics.apiError("lease");
                if (e.isNotRegistered()) {
                    registration.invalidate("the API does not know this worker's registration");
                    continue;
                }
                registration.invalidate(e.getMessage());
                Duration delay = backoff.nextDelay();
                if (backoff.failures() == 1) {
                    LOG.warnf("Slot %d cannot lease: %s; backing off (%s, growing to %s)", slot, e.getMessage(), delay,
                            config.worker().backoffMax());
                }
                pause(delay);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Slot %d: unexpected error in the lease loop; going on after a pause", slot);
                pause(backoff.nextDelay());
            }
        }
        LOG.debugf("Slot %d stopped leasing", slot);
    }

    /**
     * Stops leasing, lets running jobs finish within {@code shutdown-grace}, then asks the rest to stop and releases
     * them; returns when every loop has ended (or a generous bound has passed).
     */
    void shutdown() {
        if (stopping()) {
            return;
        }
        stop.countDown();
        if (loops.isEmpty()) {
            return;
        }
        Duration grace = config.worker().shutdownGrace();
        int running = runner.runningCount();
        LOG.infof("Shutting down: no new leases; %d running job(s) get %s to finish", running, grace);
        long deadline = System.nanoTime() + grace.toNanos();
        while (runner.runningCount() > 0 && System.nanoTime() < deadline) {
            sleepQuietly(50);
        }
        if (runner.runningCount() > 0) {
            LOG.infof("Grace period over: handing back %d running job(s)", runner.runningCount());
            runner.stopAll(StopReason.SHUTDOWN);
        }
        long bound = JobRunner.HANDLER_STOP_WAIT.plus(config.worker().leaseWait()).plusSeconds(20).toMillis();
        for (Thread t : loops) {
            try {
                t.join(bound);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warnf("%s did not end within %d ms", t.getName(), bound);
            }
        }
        LOG.info("Worker stopped");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostName() {
        String pod = System.getenv("HOSTNAME");
        if (pod != null && !pod.isBlank()) {
            return pod.length() > 200 ? pod.substring(0, 200) : pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
