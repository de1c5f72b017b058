package org.labscale.segmentation.postprocess;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.segmentation.bench.Crops;

/**
 * How well the classical nuclear seeds of ACTIVE_CONTOURS ({@link ClassicalNuclei}) match the hand-made cells of the
 * paper's phase + nuclear images ({@code ../shared/data/cytoplasm}; skipped without them). Each seed counts for the
 * reference cell it overlaps most (or for none, when most of it lies on the background); per image it reports the
 * cells with no seed, one seed and two or more, the seeds outside every cell, and the missed cells sorted into those a
 * seed touches that was counted for a neighbour (merged with a neighbour's nucleus) and those no seed touches at all
 * (with their nuclear brightness against the image's median cell: dim or absent nuclei). MCF10A is measured on the
 * whole image and on its four 640 x 540 quadrants one by one, as {@code CytoplasmPaperBenchmark} uploads them. For
 * the failures of each image it writes {@code target/seed-crops/<image>-<seeder>.png}: crops of the nuclear channel
 * with the reference cells (green), the failing cell (yellow) and the seeds (red) outlined.
 * Every seeder of {@link SeedVariants} is measured. Run: {@code ./mvnw -o -pl segmentation -Pbenchmarks test
 * -Dtest=SeedQualityStudy} ({@code -Dstudy.crops=true} for the crops, {@code -Dlabscale.data.dir} for another data
 * folder). Prints Markdown, also written to {@code target/seed-quality.md}.
 */
@Tag("benchmark")
class SeedQualityStudy {

    private static final int CROP = 128;
    private static final int CROPS_PER_IMAGE = 25;

    private static final Map<String, Function<FloatPlane, LabelImage>> SEEDERS = SeedVariants.all();

    @Test
    void seedsPerReferenceCell() throws Exception {
        Path data = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"), "cytoplasm");
        assumeTrue(Files.isDirectory(data), "no phase + nuclear data at " + data.toAbsolutePath()
                + "; set -Dlabscale.data.dir");
        List<Object[]> images = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            images.add(new Object[] {"hela-s3", "set" + s, null});
        }
        images.add(new Object[] {"mcf10a", "set1", null});
        String[] quadrants = {"top-left", "top-right", "bottom-left", "bottom-right"};
        for (int q = 0; q < 4; q++) {
            images.add(new Object[] {"mcf10a", "set1 " + quadrants[q], new int[] {q % 2 * 640, q / 2 * 540, 640, 540}});
        }
        images.add(new Object[] {"bmdm", "set1", null});
        images.add(new Object[] {"nih3t3", "set1", null});
        StringBuilder out = new StringBuilder("| image | seeder | cells | seeds | cells with 0 / 1 / 2+ seeds | exactly one"
                + " | seeds outside every cell | missed: seed counted for a neighbour / no seed (median brightness"
                + " of these against all cells) |\n| --- | --- | ---: | ---: | --- | ---: | ---: | --- |\n");
        Path crops = Path.of("target/seed-crops");
        Files.createDirectories(crops);
        for (Object[] image : images) {
            String line = (String) image[0];
            String name = ((String) image[1]).split(" ")[0];
            int[] crop = (int[]) image[2];
            FloatPlane nuclear;
            try (ImageFile file = ImageFile.open(data.resolve(line).resolve("images").resolve(name + ".tif"),
                    PageMode.CHANNELS)) {
                nuclear = Crops.cut(file.readPlane(1, 0), crop);
            }
            LabelImage reference = Crops.cut(new LabelImageReader().read(data.resolve(line).resolve("masks")
                    .resolve(name + ".tif")), crop);
            for (Map.Entry<String, Function<FloatPlane, LabelImage>> seeder : SEEDERS.entrySet()) {
                long start = System.nanoTime();
                LabelImage seeds = seeder.getValue().apply(nuclear);
                double seconds = (System.nanoTime() - start) / 1e9;
                Quality q = Quality.of(reference, seeds, nuclear);
                out.append(String.format(Locale.ROOT, "| %s %s | %s | %d | %d | %d / %d / %d | %.3f | %d | %d / %d"
                                + " (%.2f; %d at the edge) | %.2f |%n", line, image[1], seeder.getKey(), reference.maxLabel(),
                        seeds.maxLabel(), q.count(0), q.count(1), q.count(2), q.count(1) / (double) reference.maxLabel(),
                        q.outside, q.missedMerged, q.missedUnseeded, q.unseededBrightness, q.unseededAtEdge, seconds));
                if (Boolean.getBoolean("study.crops")) {
                    writeCrops(crops.resolve((line + "-" + image[1] + "-" + seeder.getKey()).replaceAll("[^a-z0-9.-]+",
                            "-") + ".png"), nuclear, reference, seeds, q.failures());
                }
            }
        }
        System.out.println(out);
        Files.writeString(Path.of("target/seed-quality.md"), out.toString());
    }

    /** Seeds per reference cell, the seeds outside every cell, and why missed cells were missed. */
    record Quality(int[] perCell, int outside, int missedMerged, int missedUnseeded, double unseededBrightness,
                   int unseededAtEdge) {

        static Quality of(LabelImage reference, LabelImage seeds, FloatPlane nuclear) {
            int[] r = reference.toArray();
            int[] s = seeds.toArray();
            boolean[] touched = new boolean[reference.maxLabel() + 1];
            for (int i = 0; i < r.length; i++) {
                touched[r[i]] |= s[i] != 0;
            }
            int[] perCell = SeedAssignment.seedsPerCell(reference, seeds);
            int outside = perCell[0];
            double[] brightness = brightest(reference, nuclear);
            boolean[] atEdge = new boolean[perCell.length];
            int w = reference.width();
            for (int i = 0; i < r.length; i++) {
                int x = i % w;
                int y = i / w;
                atEdge[r[i]] |= x == 0 || y == 0 || x == w - 1 || y == reference.height() - 1;
            }
            int edge = 0;
            int merged = 0;
            List<Double> unseeded = new ArrayList<>();
            for (int c = 1; c < perCell.length; c++) {
                if (perCell[c] == 0 && touched[c]) {
                    merged++;
                } else if (perCell[c] == 0) {
                    unseeded.add(brightness[c]);
                    edge += atEdge[c] ? 1 : 0;
                }
            }
            double[] all = Arrays.copyOfRange(brightness, 1, brightness.length);
            return new Quality(perCell, outside, merged, unseeded.size(), unseeded.isEmpty() ? Double.NaN
                    : median(unseeded.stream().mapToDouble(Double::doubleValue).toArray()) / median(all), edge);
        }

        int count(int seeds) {
            int n = 0;
            for (int c = 1; c < perCell.length; c++) {
                n += Math.min(perCell[c], 2) == seeds ? 1 : 0;
            }
            return n;
        }

        /** Cells with no seed or with two or more. */
        List<Integer> failures() {
            List<Integer> f = new ArrayList<>();
            for (int c = 1; c < perCell.length; c++) {
                if (perCell[c] != 1) {
                    f.add(c);
                }
            }
            return f;
        }
    }

    /** Per reference cell, the 95th percentile of the nuclear channel inside it minus the image's 5th percentile. */
    private static double[] brightest(LabelImage reference, FloatPlane nuclear) {
        int[] r = reference.toArray();
        float[] p = nuclear.pixels();
        float[] sorted = p.clone();
        Arrays.sort(sorted);
        float black = sorted[(int) (0.05 * (sorted.length - 1))];
        List<List<Float>> values = new ArrayList<>();
        for (int c = 0; c <= reference.maxLabel(); c++) {
            values.add(new ArrayList<>());
        }
        for (int i = 0; i < r.length; i++) {
            values.get(r[i]).add(p[i]);
        }
        double[] out = new double[values.size()];
        for (int c = 1; c < out.length; c++) {
            double[] v = values.get(c).stream().mapToDouble(Float::doubleValue).sorted().toArray();
            out[c] = v.length == 0 ? 0 : v[(int) (0.95 * (v.length - 1))] - black;
        }
        return out;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    /** A mosaic of crops around the failing cells: nuclear channel, reference outlines, seed outlines. */
    private static void writeCrops(Path png, FloatPlane nuclear, LabelImage reference, LabelImage seeds,
                                   List<Integer> cells) throws Exception {
        if (cells.isEmpty()) {
            return;
        }
        int w = nuclear.width();
        int h = nuclear.height();
        int[] r = reference.toArray();
        int[] s = seeds.toArray();
        float[] sorted = nuclear.pixels().clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) (0.005 * (sorted.length - 1))];
        double hi = sorted[(int) (0.999 * (sorted.length - 1))];
        long[] sumX = new long[reference.maxLabel() + 1];
        long[] sumY = new long[reference.maxLabel() + 1];
        int[] area = new int[reference.maxLabel() + 1];
        for (int i = 0; i < r.length; i++) {
            sumX[r[i]] += i % w;
            sumY[r[i]] += i / w;
            area[r[i]]++;
        }
        int n = Math.min(cells.size(), CROPS_PER_IMAGE);
        int columns = 5;
        BufferedImage mosaic = new BufferedImage(columns * (CROP + 2), (n + columns - 1) / columns * (CROP + 2),
                BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < n; k++) {
            int c = cells.get(k);
            int cx = (int) (sumX[c] / area[c]) - CROP / 2;
            int cy = (int) (sumY[c] / area[c]) - CROP / 2;
            for (int y = 0; y < CROP; y++) {
                for (int x = 0; x < CROP; x++) {
                    int gx = cx + x;
                    int gy = cy + y;
                    int rgb = 0x202060;
                    if (gx >= 0 && gy >= 0 && gx < w && gy < h) {
                        int i = gy * w + gx;
                        double v = Math.sqrt(Math.max(0, Math.min(1, (nuclear.pixels()[i] - lo) / (hi - lo))));
                        int g = (int) (255 * v);
                        rgb = g << 16 | g << 8 | g;
                        if (edge(s, i, w, h)) {
                            rgb = 0xff3030;
                        } else if (edge(r, i, w, h)) {
                            rgb = r[i] == c ? 0xffff00 : 0x30c030;
                        }
                    }
                    mosaic.setRGB(k % columns * (CROP + 2) + x, k / columns * (CROP + 2) + y, rgb);
                }
            }
        }
        ImageIO.write(mosaic, "png", png.toFile());
    }

    /** A labelled pixel with a 4-neighbour of another label. */
    private static boolean edge(int[] labels, int i, int w, int h) {
        if (labels[i] == 0) {
            return false;
        }
        int x = i % w;
        int y = i / w;
        return x > 0 && labels[i - 1] != labels[i] || x < w - 1 && labels[i + 1] != labels[i]
                || y > 0 && labels[i - w] != labels[i] || y < h - 1 && labels[i + w] != labels[i];
    }

}
