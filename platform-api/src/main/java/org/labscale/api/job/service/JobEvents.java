package org.labscale.api.job.service;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;

import org.jboss.logging.Logger;
import org.labscale.api.config.LabscaleConfig;
import org.labscale.shared.job.JobDto;

/**
 * A job's live events for users: the job again whenever its version changed, until its final state. Driven by
 * {@link JobNotifier} (a heartbeat's progress notification for this job, any state-change notification, a reconnect
 * of the listener), so progress shows within milliseconds without polling; each stream also looks at its job every
 * {@link #FALLBACK} in case a notification was lost. A stream reads the job on one worker thread at a time;
 * notifications that arrive while it reads collapse into one more read. Every
 * {@code labscale.jobs.events-access-check} it also asks {@link StreamAccess} whether its caller may still read the job
 * (token not revoked or expired, still a member of the lab), and ends when not.
 */
@ApplicationScoped
public class JobEvents {

    /** How often a stream looks at its job without a notification. */
    static final Duration FALLBACK = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(JobEvents.class);

    @Inject
    JobService jobs;

    @Inject
    JobNotifier notifier;

    @Inject
    StreamAccess access;

    @Inject
    LabscaleConfig config;

    /** The stream that starts with {@code first} (already access-checked), for as long as {@code grant} holds. */
    public Multi<JobDto> follow(JobDto first, StreamAccess.Grant grant) {
        if (first.state().isFinal()) {
            return Multi.createFrom().item(first);
        }
        return Multi.createFrom().emitter(emitter -> {
            emitter.emit(first);
            ScheduledExecutorService pool = Infrastructure.getDefaultWorkerPool();
            Stream stream = new Stream(first.id(), first.version(), emitter, pool);
            AutoCloseable watch = notifier.watch(first.id(), stream::changed);
            ScheduledFuture<?> fallback = pool.scheduleWithFixedDelay(stream::changed, FALLBACK.toMillis(),
                    FALLBACK.toMillis(), TimeUnit.MILLISECONDS);
            long every = config.jobs().eventsAccessCheck().toMillis();
            ScheduledFuture<?> recheck = pool.scheduleWithFixedDelay(() -> stream.recheck(grant), every, every,
                    TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> {
                fallback.cancel(false);
                recheck.cancel(false);
                try {
                    watch.close();
                } catch (Exception e) {
                    LOG.debugf(e, "Could not stop watching job %s", first.id());
                }
            });
            stream.changed(); // what changed between the first read and the watch
        });
    }

    /** One open stream: reads its job after each change signal, emits new versions, ends after the final state. */
    private final class Stream {
        private final UUID jobId;
        private final AtomicLong version;
        private final MultiEmitter<? super JobDto> emitter;
        private final ScheduledExecutorService pool;
        /** Signals not yet handled; 0 when no read is scheduled. */
        private final AtomicInteger pending = new AtomicInteger();

        Stream(UUID jobId, long version, MultiEmitter<? super JobDto> emitter, ScheduledExecutorService pool) {
            this.jobId = jobId;
            this.version = new AtomicLong(version);
            this.emitter = emitter;
            this.pool = pool;
        }

        /** Ends the stream when its caller may no longer read the job. */
        void recheck(StreamAccess.Grant grant) {
            if (emitter.isCancelled()) {
                return;
            }
            try {
                if (!access.stillAllowed(grant)) {
                    LOG.debugf("Ended the live stream of job %s: its caller may no longer read it", jobId);
                    emitter.complete();
                }
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }

        void changed() {
            if (!emitter.isCancelled() && pending.getAndIncrement() == 0) {
                pool.execute(this::read);
            }
        }

        private void read() {
            do {
                pending.set(1);
                if (emitter.isCancelled() || !readOnce()) {
                    return;
                }
            } while (pending.decrementAndGet() > 0);
        }

        /** False when the stream ended. */
        private boolean readOnce() {
            JobDto job;
            try {
                job = jobs.snapshot(jobId);
            } catch (RuntimeException e) {
                emitter.fail(e);
                return false;
            }
            if (job == null) { // deleted with its lab
                emitter.complete();
                return false;
            }
            if (version.getAndSet(job.version()) != job.version()) {
                emitter.emit(job);
            }
            if (job.state().isFinal()) {
                emitter.complete();
                return false;
            }
            return true;
        }
    }
}
