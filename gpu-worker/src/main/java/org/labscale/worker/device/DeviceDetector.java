package org.labscale.worker.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.labscale.shared.job.WorkerDevice;

/**
 * Decides honestly whether this node offers CUDA. An explicit {@code labscale.worker.device}
 * ({@code LABSCALE_WORKER_DEVICE}) wins. Otherwise the node is CUDA only when
 * {@code nvidia-smi --query-gpu=memory.total --format=csv,noheader,nounits} runs, exits 0 and lists at least one GPU
 * with its memory; anything else (no driver, no GPU, a hung or failing tool) means CPU.
 *
 * <p>Limitation: a working {@code nvidia-smi} proves a driver and a GPU, not that the CUDA runtime the job libraries
 * need loads; the training and segmentation handlers, which bring that runtime, are expected to refine this.
 */
public final class DeviceDetector {

    private static final long TIMEOUT_SECONDS = 10;

    private DeviceDetector() {
    }

    /**
     * @param override       the configured device, if any
     * @param memoryOverride the configured GPU memory in MiB, if any
     * @param nvidiaSmi      the program to ask
     */
    public static DeviceInfo detect(Optional<WorkerDevice> override, Optional<Integer> memoryOverride, String nvidiaSmi) {
        if (override.isPresent() && override.get() == WorkerDevice.CPU) {
            return new DeviceInfo(WorkerDevice.CPU, 0, 0, "CPU as configured (LABSCALE_WORKER_DEVICE)");
        }
        Probe probe = probe(nvidiaSmi);
        if (override.isPresent()) { // CUDA, as configured
            int count = Math.max(1, probe.memoriesMb().size());
            int memory = memoryOverride.orElse(probe.memoriesMb().stream().mapToInt(Integer::intValue).min().orElse(0));
            return new DeviceInfo(WorkerDevice.CUDA, count, memory, "CUDA as configured (LABSCALE_WORKER_DEVICE); "
                    + probe.detail());
        }
        if (probe.memoriesMb().isEmpty()) {
            return new DeviceInfo(WorkerDevice.CPU, 0, 0, "CPU: " + probe.detail());
        }
        int memory = memoryOverride.orElse(probe.memoriesMb().stream().mapToInt(Integer::intValue).min().orElseThrow());
        return new DeviceInfo(WorkerDevice.CUDA, probe.memoriesMb().size(), memory, "CUDA: " + probe.detail());
    }

    /** What nvidia-smi said: the memory of each GPU (empty: none usable), and a sentence for the log. */
    record Probe(List<Integer> memoriesMb, String detail) {
    }

    static Probe probe(String nvidiaSmi) {
        Process process;
        try {
            process = new ProcessBuilder(nvidiaSmi, "--query-gpu=memory.total", "--format=csv,noheader,nounits")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Probe(List.of(), nvidiaSmi + " is not available (" + e.getMessage() + ")");
        }
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Probe(List.of(), nvidiaSmi + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                return new Probe(List.of(), nvidiaSmi + " exited with " + process.exitValue() + ": "
                        + firstLine(text));
            }
            List<Integer> memories = parse(text);
            return memories.isEmpty() ? new Probe(List.of(), nvidiaSmi + " listed no GPU")
                    : new Probe(memories, nvidiaSmi + " lists " + memories.size() + " GPU(s) with " + memories + " MiB");
        } catch (IOException e) {
            process.destroyForcibly();
            return new Probe(List.of(), "could not read " + nvidiaSmi + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Probe(List.of(), "interrupted while asking " + nvidiaSmi);
        }
    }

    /** One memory size (MiB) per line; a line that is not a number means the output is not what we asked for. */
    static List<Integer> parse(String text) {
        List<Integer> memories = new ArrayList<>();
        for (String line : text.strip().split("\\R")) {
            String value = line.strip();
            if (value.isEmpty()) {
                continue;
            }
            try {
                memories.add(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return memories;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
