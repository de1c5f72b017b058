package org.labscale.shared.job;

import java.util.List;

/**
 * What a worker offers.
 *
 * @param device      CUDA or CPU
 * @param gpuMemoryMb memory of its GPU in MiB (0 for CPU workers)
 * @param kinds       the job kinds it can run (at least one)
 * @param slots       how many jobs it runs at once (1 to 64; one per GPU by default); informative: the worker runs
 *                    one lease loop per slot
 */
public record WorkerCapabilities(WorkerDevice device, Integer gpuMemoryMb, List<JobKind> kinds, Integer slots) {
}
