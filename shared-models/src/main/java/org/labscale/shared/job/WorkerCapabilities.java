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
 * @param patchesPerSecond training rates this worker measured on finished training jobs over the optimisation steps
 *                    alone, keyed by {@link #rateKey(String, String)} ({@code "nuclear-net/patch"}); the API
 *                    estimates jobs with them (at most 100 entries, each above 0)
 * @param trainingFixedSeconds the seconds of a training job that do not grow with its patches (inputs, engine,
 *                    validation, export, post-processing selection), measured with the rate of the same key; a job
 *                    then takes {@code fixed + patches / rate} (at most 100 entries, each 0 or more). A rate without
 *                    one (a worker of an older version) covered the whole job
 */
public record WorkerCapabilities(WorkerDevice device, Integer gpuMemoryMb, List<JobKind> kinds, Integer slots,
                                 Map<String, Double> patchesPerSecond, Map<String, Double> trainingFixedSeconds) {

    public WorkerCapabilities {
        patchesPerSecond = patchesPerSecond == null ? Map.of() : Map.copyOf(patchesPerSecond);
        trainingFixedSeconds = trainingFixedSeconds == null ? Map.of() : Map.copyOf(trainingFixedSeconds);
    }

    /** Without measured rates. */
    public WorkerCapabilities(WorkerDevice device, Integer gpuMemoryMb, List<JobKind> kinds, Integer slots) {
        this(device, gpuMemoryMb, kinds, slots, Map.of(), Map.of());
    }

    /**
     * The key of a training rate: the preset's name (or {@code "custom"} for custom layers) and the sampling.
     */
    public static String rateKey(String preset, String sampling) {
        return (preset == null ? "custom" : preset) + "/" + sampling;
    }
}
