package org.labscale.ui.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.labscale.ui.api.LabscaleApiClient;

/** Makes the one shared {@link LabscaleApiClient} and the {@link Clock} that session expiry is judged by. */
public class ApiClientProducer {

    @Produces
    @Singleton
    LabscaleApiClient apiClient(ApiConfig config) {
        return new LabscaleApiClient(config.url(), config.connectTimeout(), config.requestTimeout());
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
