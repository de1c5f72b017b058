package org.labscale.worker.lease;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.labscale.shared.job.HeartbeatRequest;
import org.labscale.shared.job.HeartbeatResponse;
import org.labscale.shared.job.JobPayload;
import org.labscale.shared.job.JobProgress;
import org.labscale.shared.job.LeaseDto;
import org.labscale.worker.cache.ContentCache;
import org.labscale.worker.connection.ApiCallException;
import org.labscale.worker.connection.WorkerApiClient;
import org.labscale.worker.handler.JobCancelledException;
import org.labscale.worker.handler.JobContext;
import org.labscale.worker.handler.OutputWriter;
import org.labscale.worker.metrics.WorkerMetrics;

/**
 * One attempt in progress: its lease, the stop signal, the heartbeats, and the {@link JobContext} its handler sees.
 *
 * <p>Heartbeats run on the shared scheduler, never on the handler's thread: one every
 * {@link LeaseDto#heartbeatEverySeconds()} keeps the lease, and progress a handler reports is sent in an extra one
 * soon after (at most one per {@code progressInterval}). A heartbeat answering {@code cancelRequested} or 409
 * {@code lease.lost} sets the stop signal; the first reason set wins. A heartbeat that cannot reach the API keeps its
 * progress for the next one; if the outage outlasts the lease, the API re-queues the job and the next heartbeat learns
 * it (409).
 */
final class RunningJob implements JobContext {

    private static final Logger LOG = Logger.getLogger(RunningJob.class);

    private final LeaseDto lease;
    private final WorkerApiClient api;
    private final ObjectMapper json;
    private final ContentCache cache;
    private final WorkerMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Duration progressInterval;
    private final Path workDir;
    private final Outputs outputs = new Outputs();

    private final CompletableFuture<StopReason> stop = new CompletableFuture<>();
    private final AtomicReference<JobProgress> unsent = new AtomicReference<>();
    private final AtomicBoolean extraBeatScheduled = new AtomicBoolean();
    private final Object beatLock = new Object();
    private volatile long lastBeatNanos = System.nanoTime();
    private volatile Instant leaseExpiresAt;
    private volatile boolean heartbeating = true;
    private int failedBeats;
    private ScheduledFuture<?> periodic;

    RunningJob(LeaseDto lease, WorkerApiClient api, ObjectMapper json, ContentCache cache, WorkerMetrics metrics,
               ScheduledExecutorService scheduler, Duration progressInterval, Path workDir) {
        this.lease = lease;
        this.api = api;
        this.json = json;
        this.cache = cache;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.progressInterval = progressInterval;
        this.workDir = workDir;
        this.leaseExpiresAt = lease.leaseExpiresAt();
    }

    LeaseDto lease() {
        return lease;
    }

    /** The lease's expiry as the last heartbeat reported it. */
    Instant leaseExpiresAt() {
        return leaseExpiresAt;
    }

    CompletableFuture<StopReason> stopSignal() {
        return stop;
    }

    /** Asks the handler to stop; the first reason wins. Answers whether this call set it. */
    boolean requestStop(StopReason reason) {
        boolean first = stop.complete(reason);
        if (first) {
            LOG.infof("Stopping the handler: %s", reason);
        }
        return first;
    }

    StopReason stopReason() {
        return stop.getNow(null);
    }

    /** Starts the periodic heartbeats. */
    void startHeartbeats() {
        long every = Math.max(1, lease.heartbeatEverySeconds()) * 1000L;
        periodic = scheduler.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops heartbeats; a heartbeat in flight finishes first. */
    void stopHeartbeats() {
        heartbeating = false;
        if (periodic != null) {
            periodic.cancel(false);
        }
        synchronized (beatLock) {
            // waits for a beat in progress, so that none is sent after the job's final call
        }
    }

    /**
     * Sends the progress not yet sent at once, on the calling thread: a handler's last report (e.g. "step 3 of 3")
     * would otherwise wait for the progress interval and arrive after the job's result, or never.
     */
    void flushProgress() {
        if (unsent.get() != null) {
            beat();
        }
    }

    /** Sends one heartbeat now with the progress not yet sent. Runs on the scheduler's threads. */
    void beat() {
        synchronized (beatLock) {
            if (!heartbeating) {
                return;
            }
            withMdc(() -> {
                JobProgress progress = unsent.getAndSet(null);
                lastBeatNanos = System.nanoTime();
                try {
                    HeartbeatResponse r = api.heartbeat(lease.jobId(), new HeartbeatRequest(lease.leaseId(), progress));
                    if (failedBeats > 0) {
                        LOG.infof("Heartbeats reach the API again after %d failures", failedBeats);
                    }
                    failedBeats = 0;
                    if (r.leaseExpiresAt() != null) {
                        leaseExpiresAt = r.leaseExpiresAt();
                    }
                    if (r.cancelRequested()) {
                        requestStop(StopReason.CANCEL_REQUESTED);
                    }
                } catch (ApiCallException e) {
                    unsent.compareAndSet(null, progress); // newer progress, if any, wins
                    metrics.apiError("heartbeat");
                    if (e.isLeaseLost()) {
                        LOG.warnf("Lease lost: %s", e.getMessage());
                        requestStop(StopReason.LEASE_LOST);
                    } else if (failedBeats++ == 0) {
                        LOG.warnf("Heartbeat failed, will keep trying every %d s: %s", lease.heartbeatEverySeconds(),
                                e.getMessage());
                    }
                } catch (RuntimeException e) {
                    unsent.compareAndSet(null, progress);
                    LOG.errorf(e, "Heartbeat failed unexpectedly");
                }
            });
        }
    }

    /** Runs {@code action} with this job's logging context (jobId, attempt) on the current thread. */
    void withMdc(Runnable action) {
        JobMdc.set(lease);
        try {
            action.run();
        } finally {
            JobMdc.clear();
        }
    }

    /** Outputs written by the handler, by name, in the order first written. */
    Map<String, Path> writtenOutputs() {
        Map<String, Path> written = new LinkedHashMap<>();
        for (String name : lease.outputs().keySet()) {
            Path f = outputs.file(name);
            if (Files.isRegularFile(f)) {
                written.put(name, f);
            }
        }
        return written;
    }

    // ---- JobContext ---------------------------------------------------------------------------------------------

    @Override
    public UUID jobId() {
        return lease.jobId();
    }

    @Override
    public UUID labId() {
        return lease.labId();
    }

    @Override
    public int attempt() {
        return lease.attempt();
    }

    @Override
    public <P extends JobPayload> P payload(Class<P> type) {
        return json.convertValue(lease.payload() == null ? Map.of() : lease.payload(), type);
    }

    @Override
    public void progress(JobProgress progress) {
        unsent.set(progress);
        if (extraBeatScheduled.compareAndSet(false, true)) {
            long sinceLast = System.nanoTime() - lastBeatNanos;
            long delay = Math.max(0, progressInterval.toNanos() - sinceLast);
            scheduler.schedule(() -> {
                extraBeatScheduled.set(false);
                beat();
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public boolean isCancelled() {
        return stop.isDone();
    }

    @Override
    public void checkCancelled() throws JobCancelledException {
        StopReason reason = stop.getNow(null);
        if (reason != null) {
            throw new JobCancelledException("The worker stopped this attempt: " + reason);
        }
    }

    @Override
    public void sleep(Duration duration) throws JobCancelledException, InterruptedException {
        checkCancelled();
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            stop.get(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slept) {
            return;
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
        checkCancelled();
    }

    @Override
    public OutputWriter outputs() {
        return outputs;
    }

    @Override
    public Map<String, String> inputs() {
        return lease.inputs() == null ? Map.of() : lease.inputs();
    }

    @Override
    public Map<String, String> inputHashes() {
        return lease.inputHashes() == null ? Map.of() : lease.inputHashes();
    }

    @Override
    public Map<String, Object> context() {
        return lease.context() == null ? Map.of() : lease.context();
    }

    @Override
    public Path input(String name, String sha256) throws IOException, InterruptedException {
        String url = inputs().get(name);
        if (url == null) {
            throw new IllegalArgumentException("Job " + lease.jobId() + " has no input '" + name + "'; it has "
                    + inputs().keySet());
        }
        return cache.get(sha256, () -> {
            try {
                return api.download("input " + name, url);
            } catch (ApiCallException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    @Override
    public ContentCache cache() {
        return cache;
    }

    /** Outputs as files in the attempt's work folder. */
    private final class Outputs implements OutputWriter {

        @Override
        public Set<String> allowed() {
            return lease.outputs() == null ? Set.of() : lease.outputs().keySet();
        }

        @Override
        public void write(String name, byte[] content) throws IOException {
            try (OutputStream out = open(name)) {
                out.write(content);
            }
        }

        @Override
        public OutputStream open(String name) throws IOException {
            Path f = file(name);
            Files.createDirectories(f.getParent());
            return Files.newOutputStream(f);
        }

        @Override
        public Path file(String name) {
            if (!allowed().contains(name)) {
                throw new IllegalArgumentException("A " + lease.kind() + " job may store " + List.copyOf(allowed())
                        + ", not '" + name + "'");
            }
            return workDir.resolve("outputs").resolve(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Deletes the attempt's work folder (outputs of an abandoned attempt never leave the machine). */
    void deleteWorkDir() {
        if (!Files.exists(workDir)) {
            return;
        }
        try (var paths = Files.walk(workDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("Could not delete the work folder %s: %s", workDir, e.getMessage());
        }
    }
}
