package org.labscale.segmentation.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.postprocess.PostProcessor;
import org.labscale.segmentation.postprocess.SeedVariants;
import org.labscale.segmentation.score.CellScore;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.InstanceScoring;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;

/**
 * Where a cytoplasm segmentation loses per-cell Jaccard, studied offline on the probability maps a segmentation job
 * wrote ({@code it-tests} {@code CytoplasmPaperBenchmark} keeps them: {@code paper-cytoplasm-<line>-probabilities.zip}),
 * so post-processing can be iterated without retraining. For one test image it reports
 * <ul>
 *   <li>the probability maps alone: pixel IoU of the foreground (interior above 0.5, and interior + boundary above
 *       0.5) with the reference cells' union;</li>
 *   <li>each post-processing over a small grid (THRESHOLD, WATERSHED, ACTIVE_CONTOURS with the classical seeds, once
 *       per seeder of {@link SeedVariants} named in {@code -Dstudy.seeders}: names separated by commas, or
 *       {@code all}; the default seeds alone without it);</li>
 *   <li>two oracles on the same maps: ACTIVE_CONTOURS seeded by the reference cells' cores (perfect seeds: what the
 *       nuclear seeds cost), and each seeder's seeds flooding the reference foreground (perfect foreground: what the
 *       maps' foreground costs);</li>
 *   <li>for the best setting, every reference cell sorted into missed (best IoU below 0.1), merged (its best segment
 *       covers more than half of another reference cell too), split (a second segment holds more than 20% of it), or
 *       matched, with the mean Jaccard of each group: which failure the mean pays for.</li>
 * </ul>
 * Run: {@code ./mvnw -o -pl segmentation -Pbenchmarks test -Dtest=CytoplasmPostProcessingStudy
 * -Dstudy.zip=../it-tests/target/benchmarks/paper-cytoplasm-hela-s3-probabilities.zip
 * -Dstudy.image=../../shared/data/cytoplasm/hela-s3/images/set5.tif -Dstudy.mask=.../masks/set5.tif} (and
 * {@code -Dstudy.grid=small} for thresholds 0.4-0.6, regrowth 4 and 6 and 50 contour iterations only, {@code
 * -Dstudy.crop=x,y,w,h} for a tile, e.g. MCF10A's bottom-right quadrant {@code 640,540,640,540}). Skipped
 * without {@code study.zip}; prints Markdown.
 */
@Tag("benchmark")
class CytoplasmPostProcessingStudy {

    @Test
    void whereTheJaccardIsLost() throws Exception {
        String zip = System.getProperty("study.zip");
        assumeTrue(zip != null && Files.isRegularFile(Path.of(zip)), "no probability maps: set -Dstudy.zip");
        int[] crop = crop(System.getProperty("study.crop"));
        ProbabilityMaps maps = maps(Path.of(zip));
        FloatPlane nuclear;
        try (ImageFile image = ImageFile.open(Path.of(System.getProperty("study.image")), PageMode.CHANNELS)) {
            nuclear = Crops.cut(image.readPlane(1, 0), crop);
        }
        LabelImage reference = Crops.cut(new LabelImageReader().read(Path.of(System.getProperty("study.mask"))),
                crop);
        if (reference.width() != maps.width() || reference.height() != maps.height()) {
            throw new IllegalStateException("maps " + maps.width() + "x" + maps.height() + ", reference "
                    + reference.width() + "x" + reference.height() + ": give -Dstudy.crop");
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Maps %s, %d reference cells%n%n", zip, reference.maxLabel()));
        out.append(pixels(maps, reference));

        Map<String, LabelImage> seeders = new LinkedHashMap<>();
        List<String> wanted = List.of(System.getProperty("study.seeders", "new (dim pass + peaks)").split(","));
        SeedVariants.all().forEach((name, seeder) -> {
            if (wanted.contains(name) || wanted.contains("all")) {
                seeders.put(name, seeder.apply(nuclear));
            }
        });
        LabelImage cores = cores(reference);
        out.append("\n| post-processing | per-cell Jaccard | object F1 | count ratio | merged pairs |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
        Map<String, LabelImage> results = new LinkedHashMap<>();
        boolean small = "small".equals(System.getProperty("study.grid"));
        for (double t : small ? new double[] {0.4, 0.5, 0.6} : new double[] {0.3, 0.4, 0.5, 0.6, 0.7}) {
            for (int regrowth : small ? new int[] {4, 6} : new int[] {2, 4, 6}) {
                results.put(String.format(Locale.ROOT, "THRESHOLD t=%.1f regrowth %d", t, regrowth),
                        new PostProcessor(setting(PostProcessingMethod.THRESHOLD, t, regrowth, null, null))
                                .cells(maps));
                for (double seed : new double[] {0.7, 0.9}) {
                    if (seed > t) {
                        results.put(String.format(Locale.ROOT, "WATERSHED t=%.1f seed %.1f regrowth %d", t, seed,
                                regrowth), new PostProcessor(setting(PostProcessingMethod.WATERSHED, t, regrowth,
                                seed, null)).cells(maps));
                    }
                }
                for (Map.Entry<String, LabelImage> s : seeders.entrySet()) {
                    for (int iterations : small ? new int[] {50} : new int[] {50, 150}) {
                        results.put(String.format(Locale.ROOT, "ACTIVE_CONTOURS t=%.1f regrowth %d iterations %d,"
                                + " seeds: %s", t, regrowth, iterations, s.getKey()), new PostProcessor(setting(
                                PostProcessingMethod.ACTIVE_CONTOURS, t, regrowth, null, iterations))
                                .cytoplasm(maps, s.getValue()));
                    }
                }
                results.put(String.format(Locale.ROOT, "oracle seeds (reference cores) t=%.1f regrowth %d", t,
                        regrowth), new PostProcessor(setting(PostProcessingMethod.ACTIVE_CONTOURS, t, regrowth, null,
                        null)).cytoplasm(maps, cores));
            }
        }
        for (Map.Entry<String, LabelImage> s : seeders.entrySet()) {
            results.put("oracle foreground (reference union), seeds: " + s.getKey(),
                    new PostProcessor(setting(PostProcessingMethod.ACTIVE_CONTOURS, 0.5, 0, null, null))
                            .cytoplasm(foregroundMaps(reference), s.getValue()));
        }
        String best = null;
        double bestJaccard = -1;
        for (Map.Entry<String, LabelImage> r : results.entrySet()) {
            ImageScores s = InstanceScoring.score(reference, r.getValue());
            out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %.3f |%n", r.getKey(),
                    s.meanJaccard(), s.f1(), s.countRatio(), s.mergedPairFraction()));
            if (!r.getKey().startsWith("oracle") && s.meanJaccard() > bestJaccard) {
                bestJaccard = s.meanJaccard();
                best = r.getKey();
            }
        }
        out.append("\nBest (not an oracle): ").append(best).append('\n');
        out.append(failures(reference, results.get(best)));
        seeders.forEach((name, s) -> out.append("\nSeeds ").append(name).append(": ").append(s.maxLabel())
                .append(" nuclei for ").append(reference.maxLabel()).append(" reference cells"));
        out.append('\n');
        System.out.println(out);
        Path report = Path.of("target/cytoplasm-study-" + Path.of(zip).getFileName() + ".md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());
    }

    private static PostProcessing setting(PostProcessingMethod method, double threshold, int regrowth, Double seed,
                                          Integer iterations) {
        return new PostProcessing(method, threshold, null, null, null, seed, iterations, null, null, null, null, null,
                regrowth).withDefaults();
    }

    /** Pixel IoU of the maps' foreground with the reference cells' union. */
    private static String pixels(ProbabilityMaps maps, LabelImage reference) {
        float[] interior = maps.interior();
        float[] boundary = maps.planes()[maps.classes().indexOf("boundary")];
        int[] ref = reference.toArray();
        int[] inter = new int[2];
        int[] union = new int[2];
        for (int i = 0; i < ref.length; i++) {
            boolean r = ref[i] != 0;
            boolean[] f = {interior[i] > 0.5f, interior[i] + boundary[i] > 0.5f};
            for (int k = 0; k < 2; k++) {
                inter[k] += r && f[k] ? 1 : 0;
                union[k] += r || f[k] ? 1 : 0;
            }
        }
        return String.format(Locale.ROOT, "Foreground pixel IoU with the reference union: interior > 0.5 %.3f,"
                + " interior + boundary > 0.5 %.3f%n", inter[0] / (double) union[0], inter[1] / (double) union[1]);
    }

    /** Reference cells sorted by failure, with each group's mean Jaccard and share of the lost Jaccard. */
    private static String failures(LabelImage reference, LabelImage cells) {
        ImageScores s = InstanceScoring.score(reference, cells);
        int[] ref = reference.toArray();
        int[] seg = cells.toArray();
        Map<Long, Integer> overlap = new HashMap<>();
        int[] refArea = new int[reference.maxLabel() + 1];
        for (int i = 0; i < ref.length; i++) {
            refArea[ref[i]]++;
            if (ref[i] != 0 && seg[i] != 0) {
                overlap.merge((long) ref[i] << 32 | seg[i], 1, Integer::sum);
            }
        }
        Map<Integer, List<int[]>> byRef = new HashMap<>();
        Map<Integer, List<int[]>> bySeg = new HashMap<>();
        overlap.forEach((k, n) -> {
            int r = (int) (k >>> 32);
            int g = (int) (long) k;
            byRef.computeIfAbsent(r, x -> new ArrayList<>()).add(new int[] {g, n});
            bySeg.computeIfAbsent(g, x -> new ArrayList<>()).add(new int[] {r, n});
        });
        String[] groups = {"missed", "merged", "split", "matched"};
        int[] count = new int[4];
        double[] sum = new double[4];
        for (CellScore c : s.cells()) {
            int r = c.referenceLabel();
            int group;
            if (c.jaccard() < 0.1) {
                group = 0;
            } else {
                int g = c.matchedLabel();
                boolean merged = bySeg.getOrDefault(g, List.of()).stream()
                        .anyMatch(o -> o[0] != r && o[1] > refArea[o[0]] / 2);
                boolean split = byRef.getOrDefault(r, List.of()).stream()
                        .anyMatch(o -> o[0] != g && o[1] > refArea[r] / 5);
                group = merged ? 1 : split ? 2 : 3;
            }
            count[group]++;
            sum[group] += c.jaccard();
        }
        StringBuilder out = new StringBuilder("\n| reference cells | count | mean Jaccard | Jaccard lost (share of"
                + " 1 - mean) |\n| --- | ---: | ---: | ---: |\n");
        int n = s.cells().size();
        double lost = n - (sum[0] + sum[1] + sum[2] + sum[3]);
        for (int k = 0; k < 4; k++) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.2f |%n", groups[k], count[k],
                    count[k] == 0 ? 0 : sum[k] / count[k], lost == 0 ? 0 : (count[k] - sum[k]) / lost));
        }
        return out.toString();
    }

    /** Each reference cell eroded to its inner half (pixels at least half its largest inner distance deep). */
    private static LabelImage cores(LabelImage reference) {
        int w = reference.width();
        int h = reference.height();
        int[] ref = reference.toArray();
        int[] depth = new int[ref.length];
        for (int i = 0; i < ref.length; i++) {
            depth[i] = ref[i] == 0 ? 0 : Integer.MAX_VALUE / 2;
        }
        for (int pass = 0; pass < 2; pass++) { // two-pass city-block distance to another label
            for (int k = 0; k < ref.length; k++) {
                int i = pass == 0 ? k : ref.length - 1 - k;
                if (ref[i] == 0) {
                    continue;
                }
                int x = i % w;
                int y = i / w;
                int dx = pass == 0 ? -1 : 1;
                int[] neighbours = {x + dx >= 0 && x + dx < w ? i + dx : -1, y + dx >= 0 && y + dx < h ? i + dx * w
                        : -1};
                for (int q : neighbours) {
                    int d = q < 0 || ref[q] != ref[i] ? 1 : depth[q] + 1;
                    depth[i] = Math.min(depth[i], d);
                }
            }
        }
        int[] deepest = new int[reference.maxLabel() + 1];
        for (int i = 0; i < ref.length; i++) {
            deepest[ref[i]] = Math.max(deepest[ref[i]], depth[i]);
        }
        int[] core = new int[ref.length];
        for (int i = 0; i < ref.length; i++) {
            core[i] = ref[i] != 0 && depth[i] * 2 >= deepest[ref[i]] ? ref[i] : 0;
        }
        return LabelImage.of(w, h, core);
    }

    /** Maps whose interior is exactly the reference cells' union (for the foreground oracle). */
    private static ProbabilityMaps foregroundMaps(LabelImage reference) {
        int[] ref = reference.toArray();
        float[] bg = new float[ref.length];
        float[] boundary = new float[ref.length];
        float[] interior = new float[ref.length];
        for (int i = 0; i < ref.length; i++) {
            interior[i] = ref[i] != 0 ? 1 : 0;
            bg[i] = 1 - interior[i];
        }
        return new ProbabilityMaps(reference.width(), reference.height(),
                List.of("background", "boundary", "interior"), new float[][] {bg, boundary, interior});
    }

    private static ProbabilityMaps maps(Path zip) throws Exception {
        Path tiff = Files.createTempFile("study-maps", ".tif");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith("probabilities.tif")) {
                    Files.copy((InputStream) in, tiff, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    break;
                }
            }
        }
        try (ImageFile image = ImageFile.open(tiff, PageMode.CHANNELS)) {
            int n = image.info().channels();
            float[][] planes = new float[n][];
            FloatPlane first = null;
            for (int c = 0; c < n; c++) {
                FloatPlane p = image.readPlane(c, 0);
                first = first == null ? p : first;
                planes[c] = p.pixels();
            }
            List<String> classes = n == 3 ? List.of("background", "boundary", "interior") : null;
            if (classes == null) {
                throw new IllegalStateException(n + " probability pages; expected 3");
            }
            return new ProbabilityMaps(first.width(), first.height(), classes, planes);
        } finally {
            Files.deleteIfExists(tiff);
        }
    }

    private static int[] crop(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        String[] p = spec.split(",");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                Integer.parseInt(p[3])};
    }

}
