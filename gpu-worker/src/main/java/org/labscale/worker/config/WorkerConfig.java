package org.labscale.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code labscale.*} setting of a worker (environment: {@code LABSCALE_API_URL} and so on). */
@ConfigMapping(prefix = "labscale")
public interface WorkerConfig {

    /** The platform API this worker serves. */
    Api api();

    /** This worker node. */
    Worker worker();

    interface Api {
        /** Base URL of the platform API, e.g. {@code http://127.0.0.1:8180}. Workers talk to nothing else. */
        @WithDefault("http://127.0.0.1:8180")
        String url();
    }

    interface Worker {
        /** The worker's own credential (issued by a lab owner or the platform administrator). */
        Optional<String> token();

        /** Local cache of downloaded models and images. */
        @WithDefault("${java.io.tmpdir}/labscale-worker-cache")
        Path cacheDir();

        /** How often the worker checks it still reaches the API while idle. */
        @WithDefault("PT10S")
        Duration pingInterval();
    }
}
