package org.labscale.api.job.estimate;

import java.util.Map;
import java.util.Optional;

import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.WorkerCapabilities;
import org.labscale.shared.job.WorkerDevice;

/**
 * What a training job costs for labs whose workers have not measured their own figures yet (platform-api/README.md
 * lists them): the rate of the optimisation steps (patches per second) per preset, sampling and device, and the fixed
 * part of a job ({@link #fixedSeconds}). The CPU figures were measured on the development machine (2 vCPUs, PyTorch
 * CPU natives, two threads; docs/benchmarks.md): nuclear-net-fast (the CPU default) and the fixed part on a fresh
 * worker with no other build running ("Cost estimate against the real duration"), the other presets earlier under
 * the load of parallel builds (so on the long side; cytoplasm-net-fast dense: HeLa-S3 at batch 1,024 under a load
 * average of 8-12, against 9,600 on a quieter machine). The CUDA figures are assumptions (no GPU was lent to measure
 * them), replaced by a CUDA worker's own measurement after its first training job.
 */
public final class RateTable {

    private static final Map<String, Double> CPU = Map.ofEntries(
            Map.entry("nuclear-net/patch", 15.0),
            Map.entry("nuclear-net-fast/patch", 400.0),
            Map.entry("cytoplasm-net/patch", 14.0),
            Map.entry("cytoplasm-net-fast/patch", 180.0),
            Map.entry("cytoplasm-net-fast/dense", 2_500.0),
            Map.entry("semantic-net/patch", 14.0),
            Map.entry("semantic-net-fast/patch", 160.0),
            Map.entry("bacteria-net/patch", 800.0),
            Map.entry("bacteria-net/dense", 3_500.0),
            Map.entry("bacteria-net-fast/patch", 2_000.0),
            Map.entry("bacteria-net-fast/dense", 10_000.0));

    /**
     * A job's start on a worker that has not trained yet: inputs, PyTorch's natives, the first steps' kernels and the
     * JIT (a worker's later jobs start faster, which its own measurement then says).
     */
    static final double START_SECONDS = 30;
    /** Per member: its engine and net, its first steps' warm-up, its best epoch's snapshot, export, learning check. */
    static final double MEMBER_SECONDS = 6;
    /** Choosing the post-processing on the held-out images (only when whole images are held out). */
    static final double SELECTION_SECONDS = 5;
    /** A validation patch costs a forward pass: about a third of a training patch. */
    private static final double VALIDATION_COST = 1 / 3.0;

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
     * The seconds of a job beside its optimisation steps: {@link #START_SECONDS}, per member {@link #MEMBER_SECONDS}
     * and its validation after every epoch ({@code classes x clamp(patchesPerEpoch / (10 x classes), 100, 1000)}
     * patches at a third of {@code rate}), and {@link #SELECTION_SECONDS} when whole images are held out.
     *
     * @param p         the payload, defaults filled in
     * @param rate      the optimisation steps' patches per second
     * @param selection whole images are held out, so the post-processing is chosen on them
     */
    public static double fixedSeconds(TrainingPayload p, double rate, boolean selection) {
        return fixedSeconds(p, rate, selection, 1);
    }

    /**
     * The same when the training resamples the held-out images to its pixel size: the selection segments
     * {@code heldOutAreaFactor} times their pixels as uploaded (4 for images enlarged 2x), and takes that much longer.
     */
    public static double fixedSeconds(TrainingPayload p, double rate, boolean selection, double heldOutAreaFactor) {
        int classes = p.classes().size();
        int perClass = Math.max(100, Math.min(1000, p.patchesPerEpoch() / (10 * classes)));
        double validation = p.epochs() * classes * perClass * VALIDATION_COST / rate;
        return START_SECONDS + p.ensembleSize() * (MEMBER_SECONDS + validation)
                + (selection ? SELECTION_SECONDS * heldOutAreaFactor : 0);
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
