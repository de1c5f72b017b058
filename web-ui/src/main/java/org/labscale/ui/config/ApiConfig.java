package org.labscale.ui.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Where the platform API is and how long to wait for it. Environment variables map as usual, e.g. {@code LABSCALE_API_URL}. */
@ConfigMapping(prefix = "labscale.api")
public interface ApiConfig {

    /** Root URL of platform-api; the UI calls {@code <url>/api/v1/...}. */
    @WithDefault("http://127.0.0.1:8180")
    URI url();

    /** How long to wait for a TCP connection to the API. */
    @WithDefault("3s")
    Duration connectTimeout();

    /** How long to wait for one whole API answer. */
    @WithDefault("30s")
    Duration requestTimeout();
}
