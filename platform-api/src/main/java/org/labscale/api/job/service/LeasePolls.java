package org.labscale.api.job.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

import org.labscale.api.common.ApiException;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.LeaseDto;
import org.labscale.shared.job.ReleaseRequest;

/**
 * The lease long poll, without a thread per waiting worker. A poll claims at once on the caller's thread; when nothing
 * is ready it parks on {@link JobNotifier#next} (no thread held) until a notification or the fallback interval, then
 * claims again on one of {@code labscale.jobs.poll-threads} threads, until a lease comes or the wait is over. So a
 * thousand waiting workers cost a thousand futures, not a thousand request threads, and one lab's workers cannot starve
 * the API's other requests.
 *
 * <p>How many polls may wait at once is bounded in this API process: per worker token by the slots it registered (a
 * node runs one poll per free slot), per lab ({@code labscale.jobs.limits.max-polls-per-lab}) for labs' own workers.
 * A poll beyond either is refused at once with 429 {@code worker.too-many-polls}.
 *
 * <p>A worker that hung up is given nothing: its connection is checked before every claim, and a job claimed while it
 * closed is released at once (a close after that, while the answer is on its way, leaves the job to lease expiry).
 */
@ApplicationScoped
public class LeasePolls {

    @Inject
    JobQueue queue;

    @Inject
    JobNotifier notifier;

    @Inject
    LabscaleConfig config;

    private final Map<UUID, AtomicInteger> perWorker = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> perLab = new ConcurrentHashMap<>();
    private ExecutorService claimers;

    @PostConstruct
    void start() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread t = new Thread(task, "labscale-lease-poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        claimers = Executors.newFixedThreadPool(config.jobs().pollThreads(), threads);
    }

    @PreDestroy
    void stop() {
        claimers.shutdownNow();
    }

    /**
     * Leases the best job for {@code worker} within {@code wait}: completes with the lease, or empty when none came
     * (or the worker hung up). Refused with 429 when the worker or its lab already has as many polls waiting as
     * allowed; {@code hungUp} tells whether the worker closed its connection.
     */
    public CompletionStage<Optional<LeaseDto>> lease(WorkerProfile worker, List<JobKind> kinds, Duration wait,
                                                     BooleanSupplier hungUp) {
        Runnable release = admit(worker);
        CompletableFuture<Optional<LeaseDto>> answer = new CompletableFuture<>();
        answer.whenComplete((lease, error) -> release.run());
        try {
            new Poll(worker, kinds, System.nanoTime() + wait.toNanos(), hungUp, answer).attempt();
        } catch (RuntimeException | Error e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /** Counts the poll against its worker and lab, or refuses it; answers how to give the places back. */
    private Runnable admit(WorkerProfile worker) {
        if (!take(perWorker, worker.workerId(), worker.slots())) {
            throw tooMany("worker", worker.slots(), "This worker token already has " + worker.slots()
                    + " lease requests waiting, one per slot it registered; wait for one to answer before sending "
                    + "another.");
        }
        if (worker.labId() == null) {
            return () -> give(perWorker, worker.workerId());
        }
        int labMax = config.jobs().limits().maxPollsPerLab();
        if (!take(perLab, worker.labId(), labMax)) {
            give(perWorker, worker.workerId());
            throw tooMany("lab", labMax, "This lab's workers already have " + labMax + " lease requests waiting, the"
                    + " most a lab may have (labscale.jobs.limits.max-polls-per-lab); run fewer slots or nodes.");
        }
        return () -> {
            give(perWorker, worker.workerId());
            give(perLab, worker.labId());
        };
    }

    /** Takes one more place in {@code id}'s count if it is below {@code max}; false when full. */
    private static boolean take(Map<UUID, AtomicInteger> counts, UUID id, int max) {
        boolean[] taken = new boolean[1];
        counts.compute(id, (key, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            taken[0] = c.get() < max && c.incrementAndGet() > 0;
            return c;
        });
        return taken[0];
    }

    private static void give(Map<UUID, AtomicInteger> counts, UUID id) {
        counts.computeIfPresent(id, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private static ApiException tooMany(String scope, int limit, String message) {
        return new ApiException(429, "worker.too-many-polls", message, Map.of("scope", scope, "limit", limit));
    }

    /** One poll: claims, then waits for a wake-up and claims again, until a lease, the deadline or a hang-up. */
    private final class Poll {
        private final WorkerProfile worker;
        private final List<JobKind> kinds;
        private final long deadline;
        private final BooleanSupplier hungUp;
        private final CompletableFuture<Optional<LeaseDto>> answer;

        Poll(WorkerProfile worker, List<JobKind> kinds, long deadline, BooleanSupplier hungUp,
             CompletableFuture<Optional<LeaseDto>> answer) {
            this.worker = worker;
            this.kinds = kinds;
            this.deadline = deadline;
            this.hungUp = hungUp;
            this.answer = answer;
        }

        void attempt() {
            if (hungUp.getAsBoolean()) {
                answer.complete(Optional.empty()); // nobody reads it
                return;
            }
            long generation = notifier.generation();
            Optional<LeaseDto> lease = inRequestContext(() -> queue.claim(worker, kinds));
            if (lease.isPresent() && hungUp.getAsBoolean()) {
                LeaseDto gone = lease.get();
                queue.release(worker.workerId(), gone.jobId(), new ReleaseRequest(gone.leaseId(),
                        "the worker hung up while its lease request was answered"));
                answer.complete(Optional.empty());
                return;
            }
            long left = deadline - System.nanoTime();
            if (lease.isPresent() || left <= 0) {
                answer.complete(lease);
                return;
            }
            Duration pause = Duration.ofNanos(Math.min(left, config.jobs().pollFallback().toNanos()));
            notifier.next(generation, pause).thenRunAsync(this::attemptSafely, claimers)
                    .exceptionally(e -> { // the claimers stopped: the API shuts down
                        answer.completeExceptionally(e);
                        return null;
                    });
        }

        private void attemptSafely() {
            try {
                attempt();
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        }
    }

    /** Runs {@code work} with a request context (entities are read while the lease is built), its own if none. */
    private static <T> T inRequestContext(Supplier<T> work) {
        ManagedContext context = Arc.container().requestContext();
        if (context.isActive()) {
            return work.get();
        }
        context.activate();
        try {
            return work.get();
        } finally {
            context.terminate();
        }
    }
}
