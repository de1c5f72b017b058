package org.labscale.training.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;

/**
 * The real nuclei of {@code ../shared/data/nuclei} for the benchmarks ({@code -Dlabscale.data.dir} names the data
 * folder): a data set's folder, its image names in frame order, and images and masks read, optionally shrunk by
 * {@link #scale()}. A benchmark that needs them is skipped when the folder is absent.
 */
final class RealNuclei {

    private RealNuclei() {
    }

    /**
     * {@code -Dbench.scale=2}: every image and mask shrunk by this integer factor (images by the mean of each block,
     * masks by its centre pixel), so that nuclei become the size of the objects a net with a 31 px receptive field
     * (bacteria-net) is made for; 1 (default) leaves them as they are.
     */
    static int scale() {
        return Integer.getInteger("bench.scale", 1);
    }

    /** {@code nih3t3} or {@code gowt1}: its folder; skips the calling benchmark when it is missing. */
    static Path dir(String dataset) {
        Path dir = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"), "nuclei",
                dataset.equals("gowt1") ? "gowt1-gfp" : "nih3t3-hoechst");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no real data at " + dir.toAbsolutePath()
                + "; set -Dlabscale.data.dir");
        return dir;
    }

    /** The image file names, by frame number. */
    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("images"))) {
            return files.map(p -> p.getFileName().toString()).sorted((a, b) -> Integer.compare(number(a),
                    number(b))).toList();
        }
    }

    /** The reference mask of {@code name}, shrunk by {@code scale} (centre pixel of each block). */
    static LabelImage mask(Path dir, String name, int scale) throws Exception {
        LabelImage full = new LabelImageReader().read(dir.resolve("masks").resolve(name));
        if (scale == 1) {
            return full;
        }
        int w = full.width() / scale;
        int h = full.height() / scale;
        int[] labels = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                labels[y * w + x] = full.get(x * scale + scale / 2, y * scale + scale / 2);
            }
        }
        return LabelImage.of(w, h, labels);
    }

    /** The first plane of an image file, shrunk by {@code scale} (mean of each block). */
    static FloatPlane plane(Path file, int scale) throws Exception {
        FloatPlane full;
        try (ImageFile image = ImageFile.open(file, PageMode.CHANNELS)) {
            full = image.readPlane(0, 0);
        }
        if (scale == 1) {
            return full;
        }
        int w = full.width() / scale;
        int h = full.height() / scale;
        float[] pixels = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        sum += full.get(x * scale + dx, y * scale + dy);
                    }
                }
                pixels[y * w + x] = sum / (scale * scale);
            }
        }
        return new FloatPlane(w, h, pixels);
    }

    /**
     * The plane as a 16-bit camera with a black level would record it: {@code round(gain x value + offset)} clamped
     * to 0-65535, for {@code camera} "gain,offset" (e.g. "0.05,33000"); the plane itself when {@code camera} is empty.
     */
    static FloatPlane camera(FloatPlane plane, String camera) {
        if (camera.isBlank()) {
            return plane;
        }
        String[] parts = camera.split(",");
        float gain = Float.parseFloat(parts[0].trim());
        float offset = Float.parseFloat(parts[1].trim());
        float[] src = plane.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = Math.max(0, Math.min(65_535, Math.round(gain * src[i] + offset)));
        }
        return new FloatPlane(plane.width(), plane.height(), out);
    }

    private static int number(String name) {
        return Integer.parseInt(name.replaceAll("\\D", ""));
    }
}
