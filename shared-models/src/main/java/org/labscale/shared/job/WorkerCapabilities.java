package org.labscale.shared.job;

import java.util.List;
import java.util.Map;

/**
 * What a worker offers.
 *
 * @param device      CUDA or CPU
 * @param gpuMemoryMb memory of its GPU in MiB (0 for CPU workers)
 * @param kinds       the job kinds it can run (at least one)
 * @param slots       how many jobs it runs at once (1 to 64; one per GPU by default); informative: the worker runs
 *                    one lease loop per slot
 * @param patchesPerSecond training rates this worker measured on finished training jobs, keyed by
 *                    {@link #rateKey(String, String)} ({@code "nuclear-net/patch"}); the API estimates jobs with them
 *                    (at most 100 entries, each above 0)
 */
public record WorkerCapabilities(WorkerDevice device, Integer gpuMemoryMb, List<JobKind> kinds, Integer slots,
                                 Map<String, Double> patchesPerSecond) {

    public WorkerCapabilities {
        patchesPerSecond = patchesPerSecond == null ? Map.of() : Map.copyOf(patchesPerSecond);
    }

    /** Without measured rates. */
    public WorkerCapabilities(WorkerDevice device, Integer gpuMemoryMb, List<JobKind> kinds, Integer slots) {
        this(device, gpuMemoryMb, kinds, slots, Map.of());
    }

    /**
     * The key of a training rate: the preset's name (or {@code "custom"} for custom layers) and the sampling.
     */
    public static String rateKey(String preset, String sampling) {
        return (preset == null ? "custom" : preset) + "/" + sampling;
    }
}
