package org.labscale.worker.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.labscale.worker.lease.WorkerRuntime;
import org.labscale.worker.metrics.WorkerMetrics;

/**
 * Alive while every lease loop runs. A loop survives API outages and handler failures by design, so one that ended
 * without a shutdown is a bug; restarting the process is then the right remedy.
 */
@Liveness
@ApplicationScoped
public class WorkerLiveness implements HealthCheck {

    @Inject
    WorkerRuntime runtime;

    @Inject
    WorkerMetrics metrics;

    @Override
    public HealthCheckResponse call() {
        List<String> dead = runtime.deadLoops();
        return HealthCheckResponse.named("lease-loops").status(dead.isEmpty()).withData("busySlots",
                metrics.busySlots()).withData("deadLoops", String.join(",", dead)).build();
    }
}
