package org.labscale.imaging.bench;

import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.TestCodecs;
import org.labscale.imaging.io.ImageValidator;
import org.labscale.imaging.preview.PreviewSpec;
import org.labscale.imaging.preview.ValidateAndPreview;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Manual benchmark, not a test: what the worst uploads of issue 16 cost to ingest. Writes, unless present, a
 * 32,768 px square all-zero 8-bit PNG (about 1 MB, the report's file) and a 32,768 px square 8-bit TIFF whose 1 GiB of
 * pixels is one LZW strip (the case a band-by-band decoder re-decodes from the start per band), then times validation
 * alone ({@link ImageValidator}) and the upload's pass ({@link ValidateAndPreview}: validation + preview + thumbnail)
 * and reports wall time, this thread's CPU time and the peak heap in use. An optional third argument sets another side
 * (smaller files, e.g. to compare with an older build). Run the measuring JVM with a small heap to show memory stays
 * bounded:
 *
 * <pre>
 * ./mvnw -pl imaging test-compile
 * java -cp imaging/target/classes:imaging/target/test-classes \
 *     org.labscale.imaging.bench.DecodeCostBenchmark /tmp/decode-bench write
 * ../shared/tools/bench java -Xmx64m -XX:+UseSerialGC -cp imaging/target/classes:imaging/target/test-classes \
 *     org.labscale.imaging.bench.DecodeCostBenchmark /tmp/decode-bench measure
 * </pre>
 */
public final class DecodeCostBenchmark {

    private DecodeCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int side = args.length > 2 ? Integer.parseInt(args[2]) : 32_768;
        Path png = dir.resolve("zeros-" + side + ".png");
        Path tiff = dir.resolve("lzw-single-strip-" + side + ".tif");
        if (args.length > 1 && args[1].equals("write")) {
            long t = System.nanoTime();
            TestCodecs.png(png, side, side, 8, 0, (y, row) -> { }, y -> 0);
            System.out.printf("wrote %s (%,d bytes) in %.1f s%n", png, Files.size(png), seconds(t));
            t = System.nanoTime();
            TestCodecs.singleStripTiff(tiff, side, side, 8, 5, 1, DecodeCostBenchmark::cells);
            System.out.printf("wrote %s (%,d bytes) in %.1f s%n", tiff, Files.size(tiff), seconds(t));
            return;
        }
        System.out.printf("max heap %d MiB, %d processors, load %s%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        for (Path file : new Path[]{png, tiff}) {
            System.out.printf("%s (%,d bytes)%n", file.getFileName(), Files.size(file));
            measure("  validate", () -> new ImageValidator().validate(file, PageMode.FRAMES));
            measure("  validate + preview + thumbnail", () -> new ValidateAndPreview()
                    .run(file, PageMode.FRAMES, 0, PreviewSpec.PREVIEW, PreviewSpec.THUMBNAIL).info());
        }
    }

    /** A smooth background with bright discs, like a nuclear stain, plus low-bit noise: LZW compresses it ~3:1. */
    private static void cells(int y, byte[] row) {
        for (int x = 0; x < row.length; x++) {
            int dx = x % 40 - 20;
            int dy = y % 40 - 20;
            boolean nucleus = ((x / 40) + (y / 40)) % 3 == 0 && dx * dx + dy * dy < 200;
            int noise = (int) (((x * 0x9E3779B1L) ^ (y * 0x85EBCA77L)) >>> 13) & 3;
            row[x] = (byte) (20 + (x + y) % 50 + (nucleus ? 150 : 0) + noise);
        }
    }

    @FunctionalInterface
    private interface Run {
        ImageInfo call() throws Exception;
    }

    private static void measure(String what, Run run) throws Exception {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long wall = System.nanoTime();
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        ImageInfo info = run.call();
        double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s: %.1f s wall, %.1f s CPU, peak heap %.1f MiB (%s x %s, %s)%n", what, seconds(wall),
                cpuSeconds, peak / 1048576.0, info.width(), info.height(), info.compression());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
