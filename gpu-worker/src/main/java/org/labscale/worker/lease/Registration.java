package org.labscale.worker.lease;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.labscale.shared.job.WorkerCapabilities;
import org.labscale.shared.job.WorkerDto;
import org.labscale.shared.job.WorkerRegistration;
import org.labscale.worker.config.WorkerConfig;
import org.labscale.worker.connection.ApiCallException;
import org.labscale.worker.connection.WorkerApiClient;
import org.labscale.worker.device.TrainingRates;
import org.labscale.worker.metrics.WorkerMetrics;

/**
 * Whether this process is registered with the API, and (re-)registering when it is not: at start, after the API
 * could not be reached (it may have restarted), when a lease request answers 409 {@code worker.not-registered}, and
 * when this node measured new training rates ({@link TrainingRates}), which every registration reports.
 * Slots share it; one registers while the others wait.
 */
@ApplicationScoped
public class Registration {

    private static final Logger LOG = Logger.getLogger(Registration.class);

    /** The latest state, for health checks. */
    public record State(boolean registered, Instant at, String detail) {
    }

    @Inject
    WorkerApiClient api;

    @Inject
    WorkerConfig config;

    @Inject
    WorkerMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    TrainingRates rates;

    private volatile State state = new State(false, null, "not registered yet");
    private volatile WorkerRegistration registration;
    private volatile WorkerDto worker;
    private volatile int reportedRates = -1;

    void declare(WorkerRegistration registration) {
        this.registration = registration;
    }

    public State state() {
        return state;
    }

    /** What the API answered to the last registration (the worker's id, lab, name), or null. */
    public WorkerDto worker() {
        return worker;
    }

    /** Forget the registration, so that the next lease request registers first. */
    void invalidate(String why) {
        if (state.registered()) {
            LOG.infof("Will register again: %s", why);
        }
        state = new State(false, clock.instant(), why);
    }

    /**
     * Registers unless registered, retrying with backoff. Answers false when the worker started stopping meanwhile.
     */
    synchronized boolean ensure(WorkerRuntime runtime) {
        Backoff backoff = new Backoff(config.worker().backoffInitial(), config.worker().backoffMax(),
                ThreadLocalRandom.current());
        if (state.registered() && reportedRates != rates.version()) {
            state = new State(false, clock.instant(), "new training rates to report");
        }
        while (!state.registered()) {
            if (runtime.stopping()) {
                return false;
            }
            try {
                int version = rates.version();
                WorkerCapabilities c = registration.capabilities();
                TrainingRates.Measured measured = rates.snapshot();
                worker = api.register(new WorkerRegistration(new WorkerCapabilities(c.device(), c.gpuMemoryMb(),
                        c.kinds(), c.slots(), measured.patchesPerSecond(), measured.fixedSeconds()),
                        registration.host(), registration.softwareVersion()));
                reportedRates = version;
                state = new State(true, clock.instant(), "registered as worker " + worker.id());
                LOG.infof("Registered with %s as worker %s (%s%s): %s, %d slot(s)", config.api().url(), worker.id(),
                        worker.name(), worker.labId() == null ? ", shared" : ", lab " + worker.labId(),
                        registration.capabilities().kinds(), registration.capabilities().slots());
                return true;
            } catch (ApiCallException e) {
                metrics.apiError("register");
                String detail = e.isAuthProblem() ? "the API refuses this worker's token (" + e.getMessage()
                        + "); a lab owner or the administrator must issue a new one" : e.getMessage();
                if (backoff.failures() == 0 || e.isAuthProblem() != state.detail().startsWith("the API refuses")) {
                    if (e.isTransient()) {
                        LOG.warnf("Cannot register: %s; retrying with backoff", detail);
                    } else {
                        LOG.errorf("Cannot register: %s; retrying with backoff", detail);
                    }
                }
                state = new State(false, clock.instant(), detail);
                if (!runtime.pause(backoff.nextDelay())) {
                    return false;
                }
            }
        }
        return true;
    }
}
