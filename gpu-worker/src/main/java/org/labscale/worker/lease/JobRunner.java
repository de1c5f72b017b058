package org.labscale.worker.lease;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.labscale.shared.job.CompleteRequest;
import org.labscale.shared.job.FailRequest;
import org.labscale.shared.job.LeaseDto;
import org.labscale.shared.job.LeaseRequest;
import org.labscale.shared.job.ReleaseRequest;
import org.labscale.worker.cache.ContentCache;
import org.labscale.worker.config.WorkerConfig;
import org.labscale.worker.connection.ApiCallException;
import org.labscale.worker.connection.WorkerApiClient;
import org.labscale.worker.handler.JobCancelledException;
import org.labscale.worker.handler.JobFailedException;
import org.labscale.worker.handler.JobHandler;
import org.labscale.worker.handler.JobHandlers;
import org.labscale.worker.metrics.WorkerMetrics;
import org.labscale.worker.metrics.WorkerMetrics.Outcome;

/**
 * Runs one leased attempt from start to its final call, on the calling slot thread: starts heartbeats, runs the
 * kind's handler on a thread of its own, waits for it or for a stop signal, uploads the outputs it wrote to the
 * lease's presigned URLs, and completes, fails, or releases the job. What it does when asked to stop:
 * <ul>
 *   <li>the user cancelled (heartbeat {@code cancelRequested}): interrupt the handler, then {@code fail} with
 *       {@code job.cancelled} (the API ends the job CANCELLED);</li>
 *   <li>the lease was lost (409 {@code lease.lost} on any call): interrupt the handler, delete its outputs, and tell
 *       the API nothing more about this attempt;</li>
 *   <li>the attempt ran for the lease's {@code maxRunSeconds}: interrupt the handler, then {@code fail} with
 *       {@code job.time-limit}, not retryable;</li>
 *   <li>shutdown grace period over: interrupt the handler and {@code release} the job (queued again at once, the
 *       attempt not counted).</li>
 * </ul>
 * Final calls that cannot reach the API are retried with backoff until the lease, as last extended, has expired
 * (plus {@code backoff-max}); after that the API has re-queued the job, and the attempt is given up with an error in
 * the log. So a job is never lost silently: either the API hears the outcome, or it takes the job back.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    /** How long a handler asked to stop may take to notice before the worker moves on without it. */
    static final Duration HANDLER_STOP_WAIT = Duration.ofSeconds(10);

    @Inject
    WorkerApiClient api;

    @Inject
    JobHandlers handlers;

    @Inject
    ContentCache cache;

    @Inject
    WorkerMetrics metrics;

    @Inject
    WorkerConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final Set<RunningJob> running = ConcurrentHashMap.newKeySet();
    private ScheduledThreadPoolExecutor heartbeats;

    @PostConstruct
    void init() {
        AtomicInteger n = new AtomicInteger();
        heartbeats = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "labscale-heartbeat-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        heartbeats.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void close() {
        heartbeats.shutdownNow();
    }

    /** Attempts running now. */
    public int runningCount() {
        return running.size();
    }

    /** Asks every running handler to stop for {@code reason}. */
    public void stopAll(StopReason reason) {
        running.forEach(job -> job.withMdc(() -> job.requestStop(reason)));
    }

    /**
     * Runs the attempt to its end; never throws. When it succeeds and {@code next} then answers a request (not null:
     * the worker is not stopping), the completion also asks for the next job.
     *
     * @return the job the completion leased, if it asked and one was ready
     */
    public Optional<LeaseDto> run(LeaseDto lease, Supplier<LeaseRequest> next) {
        Path workDir = config.worker().workDir().resolve(lease.jobId() + "-" + lease.attempt() + "-" + lease.leaseId());
        RunningJob job = new RunningJob(lease, api, json, cache, metrics, heartbeats, config.worker().progressInterval(),
                workDir);
        Instant started = clock.instant();
        JobMdc.set(lease);
        running.add(job);
        metrics.jobStarted();
        Outcome outcome = Outcome.FAILED;
        AtomicReference<LeaseDto> following = new AtomicReference<>();
        try {
            outcome = execute(job, next, following);
            return Optional.ofNullable(following.get());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected error while running the job; the API re-queues it when its lease expires");
            return Optional.ofNullable(following.get());
        } finally {
            job.stopHeartbeats();
            job.deleteWorkDir();
            running.remove(job);
            metrics.jobEnded(lease.kind(), outcome, Duration.between(started, clock.instant()));
            LOG.infof("Attempt ended: %s after %s", outcome.name().toLowerCase(), Duration.between(started,
                    clock.instant()));
            JobMdc.clear();
        }
    }

    /** Hands a lease straight back, unstarted (it arrived while the worker shuts down). */
    public void handBack(LeaseDto lease, String reason) {
        JobMdc.set(lease);
        try {
            LOG.infof("Handing back %s job leased during shutdown", lease.kind());
            RunningJob job = new RunningJob(lease, api, json, cache, metrics, heartbeats,
                    config.worker().progressInterval(), config.worker().workDir());
            finalCall(job, "release", () -> api.release(lease.jobId(), new ReleaseRequest(lease.leaseId(), reason)));
        } finally {
            JobMdc.clear();
        }
    }

    private Outcome execute(RunningJob job, Supplier<LeaseRequest> next, AtomicReference<LeaseDto> following) {
        LeaseDto lease = job.lease();
        LOG.infof("Running %s job for lab %s (lease %s until %s)", lease.kind(), lease.labId(), lease.leaseId(),
                lease.leaseExpiresAt());
        Optional<JobHandler> handler = handlers.forKind(lease.kind());
        job.startHeartbeats();
        ScheduledFuture<?> timeLimit = lease.maxRunSeconds() == null ? null : heartbeats.schedule(
                () -> job.withMdc(() -> job.requestStop(StopReason.TIME_LIMIT)), lease.maxRunSeconds(),
                TimeUnit.SECONDS);
        try {
            return execute(job, handler, next, following);
        } finally {
            if (timeLimit != null) {
                timeLimit.cancel(false);
            }
        }
    }

    private Outcome execute(RunningJob job, Optional<JobHandler> handler, Supplier<LeaseRequest> next,
                            AtomicReference<LeaseDto> following) {
        LeaseDto lease = job.lease();
        if (handler.isEmpty()) { // the worker registers only its handlers' kinds; an API bug or an old registration
            return fail(job, "worker.unsupported-kind", "This worker has no handler for " + lease.kind()
                    + " jobs; it runs " + handlers.kinds() + ".", true);
        }
        CompletableFuture<Map<String, Object>> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> job.withMdc(() -> {
            try {
                Map<String, Object> result = handler.get().run(job);
                done.complete(result == null ? Map.of() : result);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }), "labscale-job-" + lease.jobId().toString().substring(0, 8));
        thread.setDaemon(true);
        thread.start();

        try {
            CompletableFuture.anyOf(done, job.stopSignal()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.requestStop(StopReason.SHUTDOWN);
        } catch (ExecutionException handlerThrew) {
            // read below from `done`
        }
        if (!done.isDone()) {
            thread.interrupt();
            try {
                done.get(HANDLER_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warnf("The %s handler did not stop within %s of being asked; leaving its thread behind",
                        lease.kind(), HANDLER_STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException expected) {
                // it stopped by throwing, as asked
            }
            return afterStop(job, job.stopReason());
        }
        StopReason reason = job.stopReason();
        if (reason == StopReason.LEASE_LOST || reason == StopReason.CANCEL_REQUESTED) {
            return afterStop(job, reason); // the handler ended, but the job is no longer ours to finish
        }
        Throwable error = null;
        Map<String, Object> result = null;
        try {
            result = done.get();
        } catch (ExecutionException e) {
            error = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = e;
        }
        if (error == null) {
            return succeed(job, result, next, following);
        }
        if (error instanceof JobFailedException f) {
            LOG.infof("The handler failed: %s (%s, retryable %s)", f.getMessage(), f.code(), f.retryable());
            return fail(job, f.code(), f.getMessage(), f.retryable());
        }
        if (error instanceof JobCancelledException || error instanceof InterruptedException) {
            if (job.stopReason() != null) {
                // asked to stop (e.g. shutdown) and the handler obeyed before the wait above noticed: not an error
                return afterStop(job, job.stopReason());
            }
            return fail(job, "worker.handler-error", "The handler stopped without being asked to: " + error, true);
        }
        LOG.errorf(error, "The %s handler threw", lease.kind());
        return fail(job, "worker.handler-error", "The worker's " + lease.kind() + " handler failed: " + error, true);
    }

    private Outcome afterStop(RunningJob job, StopReason reason) {
        switch (reason) {
            case LEASE_LOST -> {
                LOG.warnf("Abandoned the attempt: its lease is no longer current (outputs discarded)");
                return Outcome.LOST;
            }
            case CANCEL_REQUESTED -> {
                return fail(job, "job.cancelled", "Cancelled by a user while it was running.", false);
            }
            case TIME_LIMIT -> {
                return fail(job, "job.time-limit", "The attempt ran for " + job.lease().maxRunSeconds() + " s, the "
                        + "longest a " + job.lease().kind() + " job may run; it was stopped and is not retried.", false);
            }
            default -> {
                CallResult r = finalCall(job, "release", () -> api.release(job.jobId(),
                        new ReleaseRequest(job.lease().leaseId(), "The worker shut down before the job finished.")));
                return r == CallResult.DONE ? Outcome.RELEASED : Outcome.LOST;
            }
        }
    }

    private Outcome succeed(RunningJob job, Map<String, Object> result, Supplier<LeaseRequest> next,
                            AtomicReference<LeaseDto> following) {
        LeaseDto lease = job.lease();
        job.flushProgress();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Path> output : job.writtenOutputs().entrySet()) {
            String name = output.getKey();
            CallResult r = finalCall(job, "upload of output " + name,
                    () -> api.upload("output " + name, lease.outputs().get(name), output.getValue()));
            if (r == CallResult.REFUSED) {
                return fail(job, "worker.upload-failed", "The worker could not store output '" + name
                        + "' (" + lastRefusal.get() + ").", true);
            }
            if (r != CallResult.DONE) {
                return Outcome.LOST;
            }
            names.add(name);
        }
        StopReason reason = job.stopReason();
        if (reason == StopReason.LEASE_LOST || reason == StopReason.CANCEL_REQUESTED) {
            return afterStop(job, reason);
        }
        LeaseRequest nextRequest = next.get();
        CallResult r = finalCall(job, "completion", () -> following.set(api.complete(lease.jobId(),
                new CompleteRequest(lease.leaseId(), result, names, nextRequest)).orElse(null)));
        if (r == CallResult.REFUSED) {
            return fail(job, "worker.complete-refused", "The API refused the result: " + lastRefusal.get(), true);
        }
        if (r == CallResult.DONE) {
            LOG.infof("Completed with outputs %s", names);
            return Outcome.SUCCEEDED;
        }
        return Outcome.LOST;
    }

    private Outcome fail(RunningJob job, String code, String message, boolean retryable) {
        String text = message == null || message.isBlank() ? code : message;
        CallResult r = finalCall(job, "failure report", () -> api.fail(job.jobId(),
                new FailRequest(job.lease().leaseId(), code, text.length() > 2000 ? text.substring(0, 2000) : text,
                        retryable)));
        if (r == CallResult.REFUSED) {
            LOG.errorf("The API refused the failure report (%s); it re-queues the job when the lease expires",
                    lastRefusal.get());
            return Outcome.LOST;
        }
        return r == CallResult.DONE ? ("job.cancelled".equals(code) ? Outcome.CANCELLED : Outcome.FAILED)
                : Outcome.LOST;
    }

    enum CallResult {
        DONE, LEASE_LOST, REFUSED, GAVE_UP
    }

    @FunctionalInterface
    interface Call {
        void run() throws ApiCallException;
    }

    /** The last refusal's message on this slot thread, for the failure reports built from it. */
    private final ThreadLocal<String> lastRefusal = new ThreadLocal<>();

    /**
     * Makes a call that must reach the API, retrying transient failures with backoff while the lease can still be
     * current. Heartbeats go on meanwhile, so the lease stays extended while the API answers them.
     */
    CallResult finalCall(RunningJob job, String what, Call call) {
        Backoff backoff = new Backoff(config.worker().backoffInitial(), config.worker().backoffMax(),
                ThreadLocalRandom.current());
        while (true) {
            if (job.stopReason() == StopReason.LEASE_LOST) {
                return CallResult.LEASE_LOST;
            }
            try {
                call.run();
                if (backoff.failures() > 0) {
                    LOG.infof("The %s went through after %d failed tries", what, backoff.failures());
                }
                return CallResult.DONE;
            } catch (ApiCallException e) {
                metrics.apiError(what.startsWith("upload") ? "upload" : what);
                if (e.isLeaseLost()) {
                    LOG.warnf("The %s was refused: lease lost; abandoning the attempt", what);
                    job.requestStop(StopReason.LEASE_LOST);
                    return CallResult.LEASE_LOST;
                }
                if (!e.isTransient()) {
                    lastRefusal.set(e.getMessage());
                    LOG.warnf("The %s was refused: %s", what, e.getMessage());
                    return CallResult.REFUSED;
                }
                Instant giveUpAt = job.leaseExpiresAt().plus(config.worker().backoffMax());
                if (clock.instant().isAfter(giveUpAt)) {
                    LOG.errorf("Giving up the %s: the API has been unreachable past the lease's expiry (%s); it "
                            + "re-queues the job. Last error: %s", what, job.leaseExpiresAt(), e.getMessage());
                    return CallResult.GAVE_UP;
                }
                Duration delay = backoff.nextDelay();
                if (backoff.failures() == 1) {
                    LOG.warnf("The %s failed (%s); retrying with backoff until %s", what, e.getMessage(), giveUpAt);
                }
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    LOG.errorf("Interrupted while retrying the %s; the API re-queues the job when its lease expires",
                            what);
                    return CallResult.GAVE_UP;
                }
            }
        }
    }
}
