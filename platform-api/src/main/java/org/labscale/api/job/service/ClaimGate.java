package org.labscale.api.job.service;

import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.api.config.LabscaleConfig;

import io.quarkus.runtime.Startup;

/**
 * Admission for claims: at most {@code labscale.jobs.claim-concurrency} run at once, the rest wait in arrival order
 * (a fair semaphore). Dozens of workers polling at once otherwise run dozens of claims side by side: they share the
 * processors, so each takes longer, and in PostgreSQL they walk past each other's locked rows ({@code SKIP LOCKED})
 * and queue on the labs' quota rows. A few at a time finish sooner one after the other, which shortens the slow end of
 * lease latency and saves database work per job. Only the claim is gated: completions, heartbeats, uploads and waiting
 * long polls are not held up by it. Created at start-up, so that a bad setting stops the API at once.
 */
@Startup
@ApplicationScoped
public class ClaimGate {

    private final Semaphore permits;

    @Inject
    public ClaimGate(LabscaleConfig config) {
        this(permits(config.jobs().claimConcurrency(), Runtime.getRuntime().availableProcessors()));
    }

    ClaimGate(int permits) {
        this.permits = new Semaphore(permits, true);
    }

    /** Claims at once for a configured value (0: automatic) on a machine with this many processors. */
    static int permits(int configured, int processors) {
        if (configured < 0) {
            throw new IllegalArgumentException("labscale.jobs.claim-concurrency must be 0 (automatic) or more, not "
                    + configured + ".");
        }
        return configured > 0 ? configured : 2 * processors;
    }

    /** Waits for a turn. */
    public void enter() {
        permits.acquireUninterruptibly();
    }

    /** Ends a turn begun with {@link #enter()}. */
    public void leave() {
        permits.release();
    }

    /** Calls waiting for a turn. */
    int waiting() {
        return permits.getQueueLength();
    }
}
