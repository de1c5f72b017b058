package org.labscale.api.job.estimate;

import java.util.Map;
import java.util.Optional;

import org.labscale.shared.job.WorkerCapabilities;
import org.labscale.shared.job.WorkerDevice;

/**
 * Training rates (patches per second, validation excluded) per preset, sampling and device, for labs whose workers
 * have not measured their own yet (platform-api/README.md lists them). The CPU figures were measured on the
 * development machine (2 vCPUs, PyTorch CPU natives, two threads; docs/benchmarks.md); the CUDA figures are
 * assumptions (no GPU was lent to measure them), replaced by a CUDA worker's own measurement after its first
 * training job.
 */
public final class RateTable {

    private static final Map<String, Double> CPU = Map.of(
            "nuclear-net/patch", 15.0,
            "nuclear-net-fast/patch", 200.0,
            "cytoplasm-net/patch", 14.0,
            "cytoplasm-net-fast/patch", 180.0,
            "semantic-net/patch", 14.0,
            "semantic-net-fast/patch", 160.0,
            "bacteria-net/patch", 800.0,
            "bacteria-net/dense", 3_500.0,
            "bacteria-net-fast/patch", 2_000.0,
            "bacteria-net-fast/dense", 10_000.0);

    /** Assumed GPU speed-up over two CPU cores for the 61x61 nets (unmeasured). */
    private static final double CUDA_FACTOR = 50;

    private RateTable() {
    }

    /**
     * The table's rate for a preset (null: custom layers) with this sampling on this device; empty for a custom net
     * or a combination without a figure.
     */
    public static Optional<Double> rate(String preset, String sampling, WorkerDevice device) {
        Double cpu = CPU.get(WorkerCapabilities.rateKey(preset, sampling));
        if (cpu == null && preset != null) {
            cpu = CPU.get(WorkerCapabilities.rateKey(preset, "patch")); // dense is never slower than patch
        }
        if (cpu == null) {
            return Optional.empty();
        }
        return Optional.of(device == WorkerDevice.CUDA ? cpu * CUDA_FACTOR : cpu);
    }

    /**
     * The rate for a custom net: the slowest preset's with the same receptive field (custom layers are at least as
     * heavy as the fast presets, often as the paper's), else the slowest of all.
     */
    public static double customRate(int receptiveField, WorkerDevice device) {
        String base = receptiveField <= 31 ? "bacteria-net" : "nuclear-net";
        return rate(base, "patch", device).orElseThrow();
    }
}
