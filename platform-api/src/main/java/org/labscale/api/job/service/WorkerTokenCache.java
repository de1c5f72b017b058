package org.labscale.api.job.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.labscale.api.config.LabscaleConfig;

/**
 * Resolved worker tokens, kept for {@code labscale.jobs.worker-token-cache-ttl} (5 s by default) so that a worker's
 * lease and completion calls need no database round trip to authenticate. Keyed by the token's SHA-256, never the
 * token. Only tokens that resolved are kept (an unknown token is looked up every time), at most
 * {@value #MAX_ENTRIES}.
 *
 * <p>Consistency: revoking or re-registering a worker through this API process {@link #invalidate invalidates} its
 * entry once the change committed, so it takes effect at once here; another API process (or a change made in SQL)
 * is seen within the TTL. A load that raced with an invalidation is not stored (generation check), so a stale row
 * read before the change committed cannot be cached after it. Time comes from the injected clock; an entry is valid
 * only between its load and load + TTL, so a clock moved backwards does not extend it.
 */
@ApplicationScoped
public class WorkerTokenCache {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(WorkerProfile worker, Instant loadedAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @Inject
    Clock clock;

    @Inject
    LabscaleConfig config;

    /** The cached worker of a token hash, or null when absent or expired. */
    WorkerProfile get(String tokenHash) {
        Entry e = entries.get(tokenHash);
        if (e == null) {
            return null;
        }
        Instant now = clock.instant();
        if (now.isBefore(e.loadedAt()) || !now.isBefore(e.loadedAt().plus(ttl()))) {
            entries.remove(tokenHash, e);
            return null;
        }
        return e.worker();
    }

    /** The generation to pass to {@link #put} for a load that starts now. */
    long generation() {
        return generation.get();
    }

    /** Keeps a worker loaded at {@code loadedAt}, unless an invalidation happened since the load began. */
    void put(String tokenHash, WorkerProfile worker, Instant loadedAt, long loadGeneration) {
        if (ttl().isZero() || ttl().isNegative()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(tokenHash, new Entry(worker, loadedAt));
        if (generation.get() != loadGeneration) {
            entries.remove(tokenHash); // an invalidation ran meanwhile: the row read may predate it
        }
    }

    /** Forgets every entry of the worker; call after the change to it committed. */
    public void invalidate(UUID workerId) {
        generation.incrementAndGet();
        entries.values().removeIf(e -> e.worker().workerId().equals(workerId));
    }

    private Duration ttl() {
        return config.jobs().workerTokenCacheTtl();
    }
}
