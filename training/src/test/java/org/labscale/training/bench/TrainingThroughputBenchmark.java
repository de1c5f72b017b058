package org.labscale.training.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.LabelKind;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.shared.net.NetPreset;
import org.labscale.shared.net.NetPresets;
import org.labscale.training.MemberTrainer;
import org.labscale.training.ProgressListener;
import org.labscale.training.SyntheticDiscs;
import org.labscale.training.TrainingException;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.shared.net.Normalization;

import ai.djl.engine.Engine;

/**
 * Training throughput (patches/s: sampling, augmentation, forward, backward and optimiser step) for every preset, and
 * peak memory for two epoch sizes. Run: {@code ./mvnw -B -o -pl training -am test -Pbenchmarks
 * -Dtest=TrainingThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; results are printed and written to
 * {@code training/target/benchmarks/training.txt}. Seconds per preset: {@code -Dbench.seconds=20}.
 */
@Tag("benchmark")
class TrainingThroughputBenchmark {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    /** Comma-separated preset names ({@code -Dbench.presets}); default every preset. */
    private static final String PRESETS = System.getProperty("bench.presets", "");
    /** Comma-separated batch sizes ({@code -Dbench.batches}); default 64. */
    private static final String BATCHES = System.getProperty("bench.batches", "64");
    /** Comma-separated batch sizes for dense sampling ({@code -Dbench.denseBatches}); default 64,256,1024. */
    private static final String DENSE_BATCHES = System.getProperty("bench.denseBatches", "64,256,1024");
    /** Comma-separated modes ({@code -Dbench.sampling=patch,dense}); default both. */
    private static final String SAMPLING = System.getProperty("bench.sampling", "patch,dense");
    /**
     * {@code -Dbench.real=true}: the first two NIH-3T3 images of {@code ../shared/data} with their masks (nuclei,
     * the boundary class rare) instead of synthetic discs; {@code -Dbench.scale=2} shrinks them ({@link RealNuclei}).
     * Only presets with three classes.
     */
    private static final boolean REAL = Boolean.getBoolean("bench.real");
    /**
     * The memory part: {@code -Dbench.memoryPreset} (default bacteria-net-fast), {@code -Dbench.memoryBatch} (64) and
     * the two epoch sizes {@code -Dbench.memoryPatches} (2000,20000).
     */
    private static final String MEMORY_PRESET = System.getProperty("bench.memoryPreset", "bacteria-net-fast");
    private static final int MEMORY_BATCH = Integer.getInteger("bench.memoryBatch", 64);
    private static final String MEMORY_PATCHES = System.getProperty("bench.memoryPatches", "2000,20000");
    /** {@code -Dbench.memory=false} skips the memory part. */
    private static final boolean MEMORY = Boolean.parseBoolean(System.getProperty("bench.memory", "true"));

    @Test
    void patchesPerSecondPerPresetAndMemory() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("device " + Engine.getEngine("PyTorch").defaultDevice() + ", cores "
                + Runtime.getRuntime().availableProcessors() + ", load average at start "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ", torch threads "
                + System.getProperty("ai.djl.pytorch.num_threads", "default") + ", images " + (REAL
                ? "NIH-3T3 dna-0 and dna-1" + (RealNuclei.scale() == 1 ? "" : " shrunk " + RealNuclei.scale()
                + "-fold") : "synthetic discs"));
        lines.add("patches/s = patch-equivalents per second: patches (patch mode) or masked crop pixels with a loss"
                + " (dense mode; batch = masked pixels per step in expectation, 8 crops), each one pixel's softmax"
                + " cross-entropy and its gradient; steps timed: within epochs, after 3 warm-up steps");
        lines.add(String.format("%-20s %-6s %6s %6s %10s %14s %6s", "preset", "mode", "batch", "steps", "patches/s",
                "patches/CPU-s", "load"));
        List<String> wanted = PRESETS.isBlank() ? List.of() : List.of(PRESETS.split(","));
        for (NetPreset preset : NetPresets.all()) {
            if (!wanted.isEmpty() && !wanted.contains(preset.name()) || REAL && preset.classes().size() != 3) {
                continue;
            }
            for (String mode : SAMPLING.split(",")) {
                String m = mode.trim();
                for (String b : (m.equals("dense") ? DENSE_BATCHES : BATCHES).split(",")) {
                    lines.add(rate(preset, m, Integer.parseInt(b.trim())));
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
        }
        if (!MEMORY) {
            write(lines);
            return;
        }
        lines.add("");
        lines.add("memory, " + MEMORY_PRESET + ", batch " + MEMORY_BATCH + ", one epoch each (heap peak after a"
                + " GC-reset of peaks):");
        for (String mode : SAMPLING.split(",")) {
            for (String size : MEMORY_PATCHES.split(",")) {
                int patches = Integer.parseInt(size.trim());
                List<TrainingImage> images = images(NetPresets.find(MEMORY_PRESET).orElseThrow());
                System.gc();
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    pool.resetPeakUsage();
                }
                long start = System.nanoTime();
                try (MemberTrainer trainer = new MemberTrainer(payload(MEMORY_PRESET, patches, 1, MEMORY_BATCH)
                        .withSampling(mode.trim()), 0, null)) {
                    trainer.train(images, ProgressListener.NONE, () -> false);
                }
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                lines.add(String.format("%-6s patchesPerEpoch %,7d: %.1f s, peak heap %.1f MiB, process RSS %s,"
                        + " load %.1f", mode.trim(), patches, (System.nanoTime() - start) / 1e9, peak / 1048576.0,
                        rss(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                System.out.println(lines.get(lines.size() - 1));
            }
        }
        write(lines);
    }

    /**
     * One line: patch-equivalents/s and per CPU-second of training {@code preset} with {@code sampling} at
     * {@code batch}.
     */
    private static String rate(NetPreset preset, String sampling, int batch) throws Exception {
        List<TrainingImage> images = images(preset);
        // Many epochs until the deadline; only time between two steps of one epoch counts (not validation), and
        // not the first epoch's first 3 steps (warm-up).
        TrainingPayload p = payload(preset.name(), 10_000_000, 1000, batch).withSampling(sampling);
        long[] sums = new long[4]; // nanoseconds, CPU nanoseconds, patch-equivalents, steps
        long[] last = new long[3]; // at the previous step: time, CPU, patch-equivalents
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        try (MemberTrainer trainer = new MemberTrainer(p, 0, null)) {
            trainer.train(images, new ProgressListener() {
                @Override
                public void epoch(EpochMetrics metrics) {
                }

                @Override
                public void step(int member, int epoch, int step, int steps) {
                    long now = System.nanoTime();
                    long cpu = cpu();
                    long trained = trainer.patchesTrained();
                    if (step > 1 && (epoch > 1 || step > 3)) {
                        sums[0] += now - last[0];
                        sums[1] += cpu - last[1];
                        sums[2] += trained - last[2];
                        sums[3]++;
                    }
                    last[0] = now;
                    last[1] = cpu;
                    last[2] = trained;
                }
            }, () -> System.nanoTime() > deadline);
        } catch (TrainingException e) {
            if (!"training.cancelled".equals(e.code())) {
                throw e;
            }
        }
        double rate = sums[2] / (sums[0] / 1e9);
        double perCpu = sums[2] / (sums[1] / 1e9);
        return String.format("%-20s %-6s %6d %6d %10.0f %14.0f %6.1f", preset.name(), sampling, batch, sums[3], rate,
                perCpu,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void write(List<String> lines) throws java.io.IOException {
        Path out = Path.of("target/benchmarks/training.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    private static List<TrainingImage> images(NetPreset preset) throws Exception {
        int rf = preset.net().receptiveField();
        TrainingImageLoader loader = new TrainingImageLoader(rf, preset.classes().size(), Normalization.standard(rf));
        List<TrainingImage> out = new ArrayList<>();
        if (REAL) {
            Path dir = RealNuclei.dir("nih3t3");
            for (String name : RealNuclei.names(dir).subList(0, 2)) {
                List<FloatPlane> planes = new ArrayList<>();
                FloatPlane plane = RealNuclei.plane(dir.resolve("images").resolve(name), RealNuclei.scale());
                for (int c = 0; c < preset.channels().size(); c++) {
                    planes.add(plane);
                }
                out.add(loader.fromPlanes(name, planes, BoundaryInteriorMap.classMap(
                        RealNuclei.mask(dir, name, RealNuclei.scale()), LabelKind.BINARY_MASK)));
            }
            return out;
        }
        for (int i = 0; i < 2; i++) {
            SyntheticDiscs.Image image = SyntheticDiscs.image(256, 256, 200, 100 + i);
            List<FloatPlane> planes = new ArrayList<>();
            for (int c = 0; c < preset.channels().size(); c++) {
                planes.add(image.plane());
            }
            int[] classes = image.classMap().toArray();
            if (preset.classes().size() == 4) {
                for (int p = 0; p < classes.length; p++) {
                    if (classes[p] == 2 && (p / 256) % 2 == 0) {
                        classes[p] = 3; // a second interior class for the semantic nets
                    }
                }
            }
            out.add(loader.fromPlanes("bench-" + i, planes,
                    org.labscale.imaging.labels.LabelImage.of(256, 256, classes)));
        }
        return out;
    }

    private static TrainingPayload payload(String preset, int patchesPerEpoch, int epochs, int batch) {
        return new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), "bench", preset, null, null,
                null, null, null, true, patchesPerEpoch, epochs, batch, null, null, null, 1, 1L, null, null)
                .withDefaults();
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:") ) {
                    return line.substring(6).trim();
                }
            }
        } catch (java.io.IOException e) {
            return "?";
        }
        return "?";
    }
}
