package org.labscale.api.job.service;

import java.util.List;
import java.util.UUID;

import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.WorkerDevice;

/**
 * What a valid worker token stands for: the worker, the lab it serves (null for a shared worker) and, once its node
 * registered, what the node offers ({@code device} null until then; {@code slots}, the jobs it runs at once, 1 until
 * then). Immutable, so it can be cached.
 */
public record WorkerProfile(UUID workerId, UUID labId, WorkerDevice device, int gpuMemoryMb, List<JobKind> kinds,
                            int slots) {

    public WorkerProfile {
        kinds = List.copyOf(kinds);
    }

    public boolean registered() {
        return device != null;
    }
}
