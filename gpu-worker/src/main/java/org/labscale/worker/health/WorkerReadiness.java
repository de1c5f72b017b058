package org.labscale.worker.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.labscale.worker.lease.Registration;
import org.labscale.worker.lease.WorkerRuntime;

/**
 * Ready to take jobs: registered with the API (together with {@code platform-api}, which checks the API answers). A
 * worker without a token (or without handlers) leases nothing; it reports that in the check's data and counts as
 * ready as long as the API answers, so that a platform can run before its workers have credentials.
 */
@Readiness
@ApplicationScoped
public class WorkerReadiness implements HealthCheck {

    @Inject
    WorkerRuntime runtime;

    @Inject
    Registration registration;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("worker-registration").withData("leasing",
                runtime.leasing());
        runtime.device().ifPresent(d -> b.withData("device", d.device().name()).withData("gpuMemoryMb", d.gpuMemoryMb()));
        if (!runtime.leasing()) {
            return b.up().withData("detail", "no worker token (LABSCALE_WORKER_TOKEN) or no handlers: takes no jobs")
                    .build();
        }
        Registration.State s = registration.state();
        b.withData("detail", s.detail());
        if (registration.worker() != null) {
            b.withData("workerId", registration.worker().id().toString());
        }
        return b.status(s.registered() && !runtime.stopping()).build();
    }
}
