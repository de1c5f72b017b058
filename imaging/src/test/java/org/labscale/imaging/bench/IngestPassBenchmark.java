package org.labscale.imaging.bench;

import org.labscale.imaging.ImageInfo;
import org.labscale.imaging.MinimalTiff;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageValidator;
import org.labscale.imaging.preview.PreviewRenderer;
import org.labscale.imaging.preview.PreviewSpec;
import org.labscale.imaging.preview.ValidateAndPreview;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Manual benchmark, not a test: what an upload costs with three decoding passes (validate, preview, thumbnail) and with
 * one ({@link ValidateAndPreview}), in the same JVM on the same file. Writes a 16-bit uncompressed grey TIFF in 16-row
 * strips (23,170 px square by default: 1 GiB of pixels) unless the file already exists. Run with a small heap to show
 * memory stays bounded, e.g.
 *
 * <pre>
 * java -Xmx128m -cp imaging/target/classes:imaging/target/test-classes:$DEPS \
 *     org.labscale.imaging.bench.IngestPassBenchmark /tmp/big.tif [side] [old,new,validate,...]
 * </pre>
 */
public final class IngestPassBenchmark {

    private IngestPassBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int side = args.length > 1 ? Integer.parseInt(args[1]) : 23_170;
        String[] runs = (args.length > 2 ? args[2] : "old,new").split(",");
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            MinimalTiff.write(file, (page, y, row) -> {
                for (int x = 0; x < side; x++) {
                    // A smooth background with bright discs, like a nuclear stain (as it-tests' LargeTiffWriter).
                    int dx = x % 40 - 20;
                    int dy = y % 40 - 20;
                    boolean nucleus = ((x / 40) + (y / 40)) % 3 == 0 && dx * dx + dy * dy < 200;
                    row.putShort((short) (1000 + (x + y) % 500 + (nucleus ? 30000 : 0)));
                }
            }, MinimalTiff.gray(side, side, 16, 1).stripRows(16));
            System.out.printf("wrote %s (%,d bytes) in %.1f s%n", file, Files.size(file), seconds(t));
        }
        double megabytes = Files.size(file) / 1e6;
        System.out.printf("file %s, %.1f MB, max heap %d MiB, %d processors%n", file, megabytes,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        byte[][] last = null;
        for (String run : runs) {
            long wall = System.nanoTime();
            long cpu = cpuNanos();
            byte[][] pngs;
            ImageInfo info;
            if (run.equals("old")) {
                info = new ImageValidator().validate(file, PageMode.FRAMES);
                report("  old validate", wall, cpu, megabytes);
                long w2 = System.nanoTime();
                long c2 = cpuNanos();
                byte[] preview = new PreviewRenderer().render(file, PageMode.FRAMES, 0, PreviewSpec.PREVIEW);
                report("  old preview", w2, c2, megabytes);
                long w3 = System.nanoTime();
                long c3 = cpuNanos();
                byte[] thumbnail = new PreviewRenderer().render(file, PageMode.FRAMES, 0, PreviewSpec.THUMBNAIL);
                report("  old thumbnail", w3, c3, megabytes);
                pngs = new byte[][]{preview, thumbnail};
            } else if (run.equals("validate")) {
                // The floor for one pass: decoding alone.
                new ImageValidator().validate(file, PageMode.FRAMES);
                report(run, wall, cpu, megabytes);
                continue;
            } else if (run.equals("new")) {
                ValidateAndPreview.Result result = new ValidateAndPreview()
                        .run(file, PageMode.FRAMES, 0, PreviewSpec.PREVIEW, PreviewSpec.THUMBNAIL);
                info = result.info();
                pngs = new byte[][]{result.png(PreviewSpec.PREVIEW), result.png(PreviewSpec.THUMBNAIL)};
            } else {
                throw new IllegalArgumentException("run must be old, new or validate, got " + run);
            }
            report(run + " total (validate + preview + thumbnail)", wall, cpu, megabytes);
            System.out.println("  " + info + ", preview " + pngs[0].length + " B, thumbnail " + pngs[1].length + " B");
            if (last != null) {
                System.out.println("  PNGs identical to the previous run: "
                        + (Arrays.equals(last[0], pngs[0]) && Arrays.equals(last[1], pngs[1])));
            }
            last = pngs;
        }
    }

    private static void report(String what, long wallStart, long cpuStart, double megabytes) {
        double wall = seconds(wallStart);
        double cpu = (cpuNanos() - cpuStart) / 1e9;
        System.out.printf("%s: %.1f s wall (%.1f MB/s of file), %.1f s CPU of this thread%n", what, wall,
                megabytes / wall, cpu);
    }

    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
