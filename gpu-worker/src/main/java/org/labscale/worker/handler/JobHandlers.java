package org.labscale.worker.handler;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.labscale.shared.job.JobKind;

/** The handlers this worker has, one per kind; their kinds are what the worker registers for. */
@ApplicationScoped
public class JobHandlers {

    private final Map<JobKind, JobHandler> byKind = new EnumMap<>(JobKind.class);

    @Inject
    public JobHandlers(@Any Instance<JobHandler> handlers) {
        for (JobHandler handler : handlers) {
            JobHandler previous = byKind.put(handler.kind(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for " + handler.kind() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    /** The kinds with a handler, in the enum's order. */
    public List<JobKind> kinds() {
        return List.copyOf(byKind.keySet());
    }

    public Optional<JobHandler> forKind(JobKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }
}
