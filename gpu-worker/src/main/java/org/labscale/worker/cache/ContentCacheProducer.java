package org.labscale.worker.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.labscale.worker.config.WorkerConfig;

/** The worker's {@link ContentCache} at {@code labscale.worker.cache-dir}, limited to {@code cache-max-size}. */
public class ContentCacheProducer {

    /** Entries used within this time are never evicted (another process sharing the folder may be opening them). */
    static final Duration IN_USE = Duration.ofMinutes(1);

    @Produces
    @ApplicationScoped
    ContentCache cache(WorkerConfig config, Clock clock) {
        try {
            return new ContentCache(config.worker().cacheDir(), config.worker().cacheMaxSize().asLongValue(), IN_USE,
                    clock).open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the cache folder " + config.worker().cacheDir()
                    + " (LABSCALE_WORKER_CACHE_DIR)", e);
        }
    }
}
