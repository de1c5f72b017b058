package org.labscale.worker.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the platform API answers: a worker that cannot reach it can take no job. */
@Readiness
@ApplicationScoped
public class ApiConnectionHealthCheck implements HealthCheck {

    @Inject
    ApiConnection connection;

    @Override
    public HealthCheckResponse call() {
        ApiConnection.Status status = connection.status();
        if (status.checkedAt() == null) {
            status = connection.check();
        }
        return HealthCheckResponse.named("platform-api").status(status.connected())
                .withData("url", connection.apiUrl()).withData("detail", status.detail()).build();
    }
}
