package org.labscale.training.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.inference.ModelMember;
import org.labscale.segmentation.inference.TiledInference;
import org.labscale.segmentation.postprocess.CellTypeClassifier;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.shared.net.Normalization;
import org.labscale.training.EnsembleTrainer;
import org.labscale.training.ProgressListener;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.training.export.TrainingProvenance;

/**
 * Issue 20, cell types, without the platform: where does typing NIH-3T3 against MCF10A fail? Trains
 * {@code semantic-net-fast} on the split of it-tests' {@code CellTypeBenchmark} ({@code 3t3_set1}, the upper left
 * quarter of {@code mcf10a_set1}; {@code 3t3_set2} and the lower left quarter held out) for each normalisation of
 * {@code -Dbench.normalizations} (both by default), then types the <em>reference</em> cells (4-connected interior
 * components of at least 200 px, so segmentation errors play no part) with the product's
 * {@link CellTypeClassifier} and counts interior pixels whose own type's probability is the larger, on: the held-out
 * images, the test pixels as single-culture images (left 640 columns of {@code 3t3_set3}, right half of
 * {@code mcf10a_set1}), and the benchmark's checkerboard mosaics A and B of the same pixels (cells by the quadrant seams counted apart). Budget
 * {@code -Dbench.patches} (20,000) x {@code -Dbench.epochs} (3) x {@code -Dbench.members} (1), seed
 * {@code -Dbench.seed} (1); {@code -Dbench.contextMixing} (e.g. {@code 0,0.5}: each normalisation once per fraction
 * of context-mixed patches; empty: the preset's default). Results: {@code target/benchmarks/cell-type-probe.txt}.
 */
@Tag("benchmark")
class CellTypeProbe {

    private static final List<String> CLASSES = List.of("background", "boundary", "interior:NIH-3T3",
            "interior:MCF10A");
    private static final int MIN_AREA = 200;
    /** As it-tests' {@code CellTypeBenchmark}: cells this far from every quadrant seam see one culture only. */
    private static final int SEAM_MARGIN = 30;

    @Test
    void typesOfReferenceCells() throws Exception {
        Path dir = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"), "semantic", "mcf10a-3t3");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no semantic data at " + dir.toAbsolutePath());
        List<String> lines = new ArrayList<>();
        FloatPlane[] mcf = planes(dir, "mcf10a_set1");
        LabelImage mcfMap = map(dir, "mcf10a_set1");
        int half = mcf[0].width() / 2;
        int h = mcf[0].height();
        FloatPlane[] t3 = crop(planes(dir, "3t3_set3"), 0, 0, half, h);
        LabelImage t3Map = crop(map(dir, "3t3_set3"), 0, 0, half, h);
        FloatPlane[] mcfTest = crop(mcf, half, 0, half, h);
        LabelImage mcfTestMap = crop(mcfMap, half, 0, half, h);
        Object[][] mosaics = new Object[2][];
        for (int variant = 0; variant < 2; variant++) {
            FloatPlane[] mosaic = new FloatPlane[2];
            int[] mosaicMap = new int[half * h];
            for (int c = 0; c < 2; c++) {
                float[] px = new float[half * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < half; x++) {
                        boolean mcfHere = ((x < half / 2) == (y < h / 2)) == (variant == 0);
                        px[y * half + x] = (mcfHere ? mcfTest : t3)[c].get(x, y);
                        mosaicMap[y * half + x] = (mcfHere ? mcfTestMap : t3Map).get(x, y);
                    }
                }
                mosaic[c] = new FloatPlane(half, h, px);
            }
            mosaics[variant] = new Object[]{mosaic, LabelImage.of(half, h, mosaicMap)};
        }
        Map<String, Object[]> tests = new LinkedHashMap<>();
        tests.put("held-out 3t3_set2", new Object[]{planes(dir, "3t3_set2"), map(dir, "3t3_set2")});
        tests.put("held-out mcf10a lower left", new Object[]{crop(mcf, 0, h / 2, half, h - h / 2),
                crop(mcfMap, 0, h / 2, half, h - h / 2)});
        tests.put("3t3_set3 left 640 alone", new Object[]{t3, t3Map});
        tests.put("mcf10a right half alone", new Object[]{mcfTest, mcfTestMap});
        tests.put("mosaic A", mosaics[0]);
        tests.put("mosaic B", mosaics[1]);

        List<String[]> variants = new ArrayList<>();
        for (String normalization : System.getProperty("bench.normalizations", Normalization.MEDIAN_LOCAL_MEAN
                + "," + Normalization.ROBUST_LOCAL_MEAN).split(",")) {
            for (String mixing : System.getProperty("bench.contextMixing", "").split(",")) {
                variants.add(new String[]{normalization, mixing});
            }
        }
        for (String[] variant : variants) {
            String normalization = variant[0];
            Double mixing = variant[1].isBlank() ? null : Double.valueOf(variant[1]);
            String method = normalization + (mixing == null ? "" : " mixing " + mixing);
            UUID set2 = UUID.randomUUID();
            UUID mcfLow = UUID.randomUUID();
            TrainingPayload p = new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), "probe",
                    System.getProperty("bench.preset", "semantic-net-fast"), null, null, CLASSES,
                    new Normalization(normalization, null), new TrainingPayload.Augmentation(null, null, mixing), true, Integer.getInteger("bench.patches", 20_000),
                    Integer.getInteger("bench.epochs", 3), 64, null, null, null,
                    Integer.getInteger("bench.members", 1), Long.getLong("bench.seed", 1L), null, null, null,
                    List.of(set2, mcfLow)).withDefaults();
            TrainingImageLoader loader = new TrainingImageLoader(p.resolvedNet().receptiveField(), 4,
                    p.normalization(), -1, p.augmentation().contextMixingFraction() > 0);
            List<TrainingImage> training = List.of(
                    loader.fromPlanes("3t3_set1", List.of(planes(dir, "3t3_set1")), map(dir, "3t3_set1")),
                    loader.fromPlanes(set2.toString(), List.of(planes(dir, "3t3_set2")), map(dir, "3t3_set2")),
                    loader.fromPlanes("mcf-upper-left", List.of(crop(mcf, 0, 0, half, h / 2)),
                            crop(mcfMap, 0, 0, half, h / 2)),
                    loader.fromPlanes(mcfLow.toString(), List.of(crop(mcf, 0, h / 2, half, h - h / 2)),
                            crop(mcfMap, 0, h / 2, half, h - h / 2)));
            long t0 = System.nanoTime();
            EnsembleTrainer.Result result = new EnsembleTrainer(new TrainingProvenance(null, List.of(), "probe"),
                    null).train(p, training, List.of(), new ProgressListener() {
                        @Override
                        public void epoch(EpochMetrics m) {
                            String line = String.format(Locale.ROOT, "%s member %d epoch %d: train loss %.3f,"
                                    + " validation loss %.3f, per-class accuracy %s", method, m.member(), m.epoch(),
                                    m.trainLoss(), m.validationLoss(), m.perClassAccuracy());
                            lines.add(line);
                            System.out.println(line);
                        }
                    }, () -> false);
            lines.add(String.format(Locale.ROOT, "%s: %s %d x %d x %d, context mixing %s, trained in %.0f s", method,
                    p.preset(), p.patchesPerEpoch(), p.epochs(), p.ensembleSize(), p.augmentation().contextMixing(),
                    (System.nanoTime() - t0) / 1e9));
            List<ModelMember> members = new ArrayList<>();
            Path out = Files.createDirectories(Path.of("target/benchmarks/cell-type-probe-"
                    + method.replace(' ', '-')));
            for (int m = 0; m < result.members().size(); m++) {
                Path file = out.resolve("member-" + m + ".onnx");
                Files.write(file, result.members().get(m));
                members.add(ModelMember.trusting(file));
            }
            int[] mosaicCounts = new int[6]; // all n, right; away from seams n, right; by the seams n, right
            try (EnsembleModel model = EnsembleModel.open(members, InferenceSettings.cpu())) {
                for (Map.Entry<String, Object[]> test : tests.entrySet()) {
                    FloatPlane[] channels = (FloatPlane[]) test.getValue()[0];
                    ProbabilityMaps maps = new TiledInference(model).run(List.of(channels));
                    String line = method + " | " + test.getKey() + " | " + typed(maps, (LabelImage) test.getValue()[1],
                            test.getKey().startsWith("mosaic") ? mosaicCounts : new int[6], half / 2, h / 2);
                    lines.add(line);
                    System.out.println(line);
                }
            }
            lines.add(String.format(Locale.ROOT, "%s | mosaics A+B | all %d/%d = %.1f%%, >= %d px from the seams"
                    + " %d/%d = %.1f%%, by the seams %d/%d = %.1f%%", method, mosaicCounts[1], mosaicCounts[0],
                    100.0 * mosaicCounts[1] / mosaicCounts[0], SEAM_MARGIN, mosaicCounts[3], mosaicCounts[2],
                    100.0 * mosaicCounts[3] / mosaicCounts[2], mosaicCounts[5], mosaicCounts[4],
                    100.0 * mosaicCounts[5] / mosaicCounts[4]));
        }
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.write(Path.of("target/benchmarks/cell-type-probe.txt"), lines);
        lines.forEach(System.out::println);
    }

    /**
     * Per type: reference cells typed right / cells, mean score of the wrong ones, interior pixels right; adds to
     * {@code counts} (all, away from the seams at {@code seamX}, {@code seamY}, by them: cells, right).
     */
    private static String typed(ProbabilityMaps maps, LabelImage classMap, int[] counts, int seamX, int seamY) {
        StringBuilder s = new StringBuilder();
        int[] values = classMap.toArray();
        for (int type = 2; type <= 3; type++) {
            int[] only = new int[values.length];
            long pixels = 0;
            long pixelsRight = 0;
            for (int i = 0; i < values.length; i++) {
                if (values[i] == type) {
                    only[i] = 1;
                    pixels++;
                    int other = type == 2 ? 3 : 2;
                    pixelsRight += maps.planes()[type][i] > maps.planes()[other][i] ? 1 : 0;
                }
            }
            if (pixels == 0) {
                continue;
            }
            int[] cells = ConnectedComponentLabeling.label(LabelImage.of(classMap.width(), classMap.height(), only),
                    Connectivity.FOUR).toArray();
            int max = 0;
            for (int v : cells) {
                max = Math.max(max, v);
            }
            int[] area = new int[max + 1];
            boolean[] bySeam = new boolean[max + 1];
            for (int i = 0; i < cells.length; i++) {
                area[cells[i]]++;
                int x = i % classMap.width();
                int y = i / classMap.width();
                bySeam[cells[i]] |= Math.abs(x - seamX) < SEAM_MARGIN || Math.abs(y - seamY) < SEAM_MARGIN;
            }
            for (int i = 0; i < cells.length; i++) {
                if (area[cells[i]] < MIN_AREA) {
                    cells[i] = 0;
                }
            }
            List<CellTypeClassifier.CellClass> classes = CellTypeClassifier.classify(LabelImage.of(classMap.width(),
                    classMap.height(), cells), maps);
            String name = CLASSES.get(type).substring("interior:".length());
            int n = 0;
            int right = 0;
            double wrongScore = 0;
            for (CellTypeClassifier.CellClass c : classes) {
                if (c.label() == 0 || area[c.label()] < MIN_AREA) {
                    continue;
                }
                n++;
                boolean ok = c.className().equals(name);
                int side = bySeam[c.label()] ? 4 : 2;
                counts[0]++;
                counts[1] += ok ? 1 : 0;
                counts[side]++;
                counts[side + 1] += ok ? 1 : 0;
                if (ok) {
                    right++;
                } else {
                    wrongScore += c.score();
                }
            }
            s.append(String.format(Locale.ROOT, "%s cells %d/%d right (wrong mean score %.2f), pixels %.1f%% | ",
                    name, right, n, n == right ? Double.NaN : wrongScore / (n - right), 100.0 * pixelsRight / pixels));
        }
        return s.toString();
    }

    private static FloatPlane[] planes(Path dir, String name) throws Exception {
        try (ImageFile image = ImageFile.open(dir.resolve("images/" + name + ".tif"), PageMode.CHANNELS)) {
            return new FloatPlane[]{image.readPlane(0, 0), image.readPlane(1, 0)};
        }
    }

    private static LabelImage map(Path dir, String name) throws Exception {
        return new LabelImageReader().read(dir.resolve("masks/" + name + ".png"));
    }

    private static FloatPlane[] crop(FloatPlane[] planes, int x0, int y0, int w, int h) {
        FloatPlane[] out = new FloatPlane[planes.length];
        for (int c = 0; c < planes.length; c++) {
            float[] px = new float[w * h];
            for (int y = 0; y < h; y++) {
                System.arraycopy(planes[c].pixels(), (y0 + y) * planes[c].width() + x0, px, y * w, w);
            }
            out[c] = new FloatPlane(w, h, px);
        }
        return out;
    }

    private static LabelImage crop(LabelImage map, int x0, int y0, int w, int h) {
        int[] v = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = map.get(x0 + x, y0 + y);
            }
        }
        return LabelImage.of(w, h, v);
    }
}
