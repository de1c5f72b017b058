package org.labscale.training.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.imaging.labels.LabelKind;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.inference.ModelMember;
import org.labscale.segmentation.inference.TiledInference;
import org.labscale.segmentation.postprocess.PostProcessor;
import org.labscale.segmentation.score.CellScore;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.InstanceScoring;
import org.labscale.segmentation.score.ReferenceCells;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.training.EnsembleTrainer;
import org.labscale.training.export.TrainingProvenance;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;

/**
 * Where bacteria lose per-cell Jaccard (issue 20): the split of it-tests' {@code BacteriaBenchmark} (each E. coli
 * image cut in three column strips, left two trained on, the large image's left strip held out by the trainer, the
 * right strips tested), trained once directly with {@link EnsembleTrainer} ({@code -Dbench.patches} 100,000,
 * {@code -Dbench.epochs} 2, {@code -Dbench.members} 5, {@code -Dbench.seed} 1; {@code -Dbench.reuse=true} reuses the
 * members in {@code target/benchmarks/bacteria-seedN}), then many post-processings of the same probability maps scored
 * per image: Jaccard, object F1, count ratio, merged pairs, and the matched cells' area ratio (segmented/reference,
 * which tells outlines too small or too large from merges and misses). {@code -Dbench.trainOn=ecoli_set1} trains on
 * that image's two strips only (one magnification; the large image's left strip stays the trainer's held-out image).
 * {@code -Dbench.upscale=2} enlarges the small image (each pixel a 2 x 2 block) for training and segmentation and
 * scores its cells shrunk back against the original reference. Training settings: {@code -Dbench.batch},
 * {@code -Dbench.sampling}, {@code -Dbench.lr} (RMSprop), {@code -Dbench.unbalanced=true} (no class balancing),
 * {@code -Dbench.preset}; {@code -Dbench.tag} names the variant. {@code -Dbench.upscaleLarge=2} enlarges the large
 * image too (finer magnification for both); {@code -Dbench.cells=0.33} trains on that share of each training strip's
 * cells (the strip's top rows that hold them; the held-out strip stays whole): a learning curve over annotated cells.
 * Also written: the reference against itself eroded, dilated or with every cell-to-cell contact moved by one pixel
 * (what a one-pixel outline shift costs), and, for two fixed post-processings, the anatomy of the cells below
 * Jaccard 0.5 ({@link CellErrorAnatomy}) with overlay PNGs in the members' folder. Writes
 * {@code target/benchmarks/bacteria-study-seedN[trainOn][-xU][-LU][-cellsF][tag].txt}.
 */
@Tag("benchmark")
class BacteriaPostProcessingStudy {

    private static final Path DATA = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"),
            "bacteria", "ecoli-phase");

    @Test
    void postProcessingsOnTheSameMaps() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DATA), "no E. coli data at " + DATA.toAbsolutePath());
        long seed = Long.getLong("bench.seed", 1L);
        Map<String, FloatPlane[]> planes = new LinkedHashMap<>();
        Map<String, LabelImage[]> masks = new LinkedHashMap<>();
        Map<String, LabelImage[]> originalMasks = new LinkedHashMap<>();
        int upscale = Integer.getInteger("bench.upscale", 1);
        int upscaleLarge = Integer.getInteger("bench.upscaleLarge", 1);
        for (String name : List.of("ecoli_kc_set1", "ecoli_set1")) {
            FloatPlane image;
            try (ImageFile file = ImageFile.open(DATA.resolve("images/" + name + ".tif"), PageMode.CHANNELS)) {
                image = file.readPlane(0, 0);
            }
            LabelImage mask = new LabelImageReader().read(DATA.resolve("masks/" + name + ".tif"));
            FloatPlane[] p = new FloatPlane[3];
            LabelImage[] m = new LabelImage[3];
            for (int third = 0; third < 3; third++) {
                int x0 = image.width() * third / 3;
                int w = image.width() * (third + 1) / 3 - x0;
                p[third] = crop(image, x0, w);
                m[third] = crop(mask, x0, w);
            }
            originalMasks.put(name, m.clone());
            int factor = name.equals("ecoli_set1") ? upscale : upscaleLarge;
            if (factor > 1) {
                for (int third = 0; third < 3; third++) {
                    p[third] = enlarge(p[third], factor);
                    m[third] = enlarge(m[third], factor);
                }
            }
            planes.put(name, p);
            masks.put(name, m);
        }
        UUID validation = UUID.nameUUIDFromBytes("ecoli_kc_set1-0".getBytes());
        TrainingPayload payload = new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), "ecoli",
                System.getProperty("bench.preset", "bacteria-net"), null, null, null, null, null,
                !Boolean.getBoolean("bench.unbalanced"), Integer.getInteger("bench.patches", 100_000),
                Integer.getInteger("bench.epochs", 2), Integer.getInteger("bench.batch"), learningRate(), null,
                null, Integer.getInteger("bench.members", 5), seed, null, null, System.getProperty("bench.sampling"),
                List.of(validation)).withDefaults();
        TrainingImageLoader loader = new TrainingImageLoader(payload.resolvedNet().receptiveField(), 3,
                payload.normalization());
        List<TrainingImage> training = new ArrayList<>();
        String trainOn = System.getProperty("bench.trainOn", "");
        double cellShare = Double.parseDouble(System.getProperty("bench.cells", "1"));
        int trainingCells = 0;
        for (String name : planes.keySet()) {
            for (int third = 0; third < 2; third++) {
                if (!trainOn.isEmpty() && !name.equals(trainOn) && third != 0) {
                    continue; // another magnification: only its held-out strip, for the trainer's validation
                }
                String id = UUID.nameUUIDFromBytes((name + "-" + third).getBytes()).toString();
                FloatPlane plane = planes.get(name)[third];
                LabelImage mask = masks.get(name)[third];
                boolean heldOut = name.equals("ecoli_kc_set1") && third == 0;
                if (!heldOut && cellShare < 1) {
                    int rows = rowsHolding(mask, cellShare);
                    plane = cropRows(plane, rows);
                    mask = cropRows(mask, rows);
                }
                if (!heldOut) {
                    trainingCells += (int) Arrays.stream(mask.toArray()).filter(v -> v != 0).distinct().count();
                }
                training.add(loader.fromPlanes(id, List.of(plane),
                        BoundaryInteriorMap.classMap(mask, LabelKind.INSTANCE_MASK)));
            }
        }
        System.out.println("training cells (labels, whole or cut): " + trainingCells);
        String variant = trainOn + (upscale > 1 ? "-x" + upscale : "") + (upscaleLarge > 1 ? "-L" + upscaleLarge : "")
                + (cellShare < 1 ? "-cells" + cellShare : "") + System.getProperty("bench.tag", "");
        Path out = Path.of("target/benchmarks/bacteria-seed" + seed + variant);
        Files.createDirectories(out);
        List<String> lines = new ArrayList<>();
        lines.add("training cells (labels, whole or cut): " + trainingCells);
        List<ModelMember> members = new ArrayList<>();
        if (Boolean.getBoolean("bench.reuse")) {
            for (int m = 0; Files.exists(out.resolve("member-" + m + ".onnx")); m++) {
                members.add(ModelMember.trusting(out.resolve("member-" + m + ".onnx")));
            }
            Assumptions.assumeFalse(members.isEmpty(), "no members to reuse in " + out);
        } else {
            long t0 = System.nanoTime();
            EnsembleTrainer.Result result = new EnsembleTrainer(new TrainingProvenance(null, List.of(), "study"),
                    null).train(payload, training, List.of(), m -> System.out.println("member " + m.member() + " epoch " + m.epoch()
                    + ": validation loss " + m.validationLoss()), () -> false);
            for (int m = 0; m < result.members().size(); m++) {
                Files.write(out.resolve("member-" + m + ".onnx"), result.members().get(m));
                members.add(ModelMember.trusting(out.resolve("member-" + m + ".onnx")));
            }
            lines.add(String.format(Locale.ROOT, "trained %.0f s; card %s; recommended %s",
                    (System.nanoTime() - t0) / 1e9, result.card().validationMetrics(),
                    result.card().recommendedPostProcessing()));
        }
        Map<String, ProbabilityMaps> maps = new LinkedHashMap<>();
        Map<String, LabelImage> refs = new LinkedHashMap<>();
        try (EnsembleModel model = EnsembleModel.open(members, InferenceSettings.cpu())) {
            for (String name : planes.keySet()) {
                for (int third : name.equals("ecoli_kc_set1") ? new int[] {0, 2} : new int[] {2}) {
                    String key = name + "/" + third;
                    maps.put(key, new TiledInference(model).run(List.of(planes.get(name)[third])));
                    refs.put(key, ReferenceCells.of(originalMasks.get(name)[third],
                            ReferenceCells.Kind.INSTANCE_MASK));
                }
            }
        }
        // The ceiling of the post-processing: the reference's own class map as (one-hot) maps, a perfect net.
        for (String key : refs.keySet()) {
            String[] parts = key.split("/");
            ProbabilityMaps perfect = oneHot(BoundaryInteriorMap.classMap(masks.get(parts[0])[Integer.parseInt(
                    parts[1])], LabelKind.INSTANCE_MASK));
            for (int r : new int[] {1, 2}) {
                ImageScores s = InstanceScoring.score(refs.get(key), shrink(new PostProcessor(new PostProcessing(
                        PostProcessingMethod.THRESHOLD, 0.5, null, null, null, null, null, null, null, null, null,
                        null, r)).cells(perfect), refs.get(key)));
                String line = String.format(Locale.ROOT, "perfect maps, THRESHOLD 0.5 r=%d: %s J %.3f F1 %.3f n %.2f"
                        + " merged %d/%d", r, key, s.meanJaccard(), s.f1(), s.countRatio(), s.mergedPairs(),
                        s.neighbourPairs());
                lines.add(line);
                System.out.println(line);
            }
        }
        // How much a one-pixel shift of every outline costs: the reference against itself eroded / dilated by 1 px.
        for (String key : refs.keySet()) {
            for (String shift : List.of("eroded", "dilated", "with contacts moved")) {
                LabelImage moved = switch (shift) {
                    case "eroded" -> CellErrorAnatomy.erode(refs.get(key));
                    case "dilated" -> CellErrorAnatomy.dilate(refs.get(key));
                    default -> CellErrorAnatomy.shiftContacts(refs.get(key));
                };
                ImageScores s = InstanceScoring.score(refs.get(key), moved);
                String line = String.format(Locale.ROOT, "reference vs itself %s by 1 px: %s J %.3f F1 %.3f area %.2f"
                        + " (outside the band: %.3f)", shift, key, s.meanJaccard(), s.f1(),
                        areaRatio(refs.get(key), moved, s), CellErrorAnatomy.outsideBandJaccard(refs.get(key), moved,
                                s)[0]);
                lines.add(line);
                System.out.println(line);
            }
        }
        Map<String, Function<ProbabilityMaps, LabelImage>> all = candidates();
        for (String name : List.of("THRESHOLD t=0.7 r=3", "WATERSHED t=0.5 seed=0.80 r=2")) {
            for (String key : maps.keySet()) {
                LabelImage cells = shrink(all.get(name).apply(maps.get(key)), refs.get(key));
                ImageScores s = InstanceScoring.score(refs.get(key), cells);
                CellErrorAnatomy.Summary a = CellErrorAnatomy.of(refs.get(key), cells, s);
                String line = String.format(Locale.ROOT, "anatomy %s %s: J %.3f, foreground pixel J %.3f; %s; ours"
                        + " eroded 1 px J %.3f, dilated 1 px J %.3f", name, key, s.meanJaccard(),
                        CellErrorAnatomy.foregroundJaccard(refs.get(key), cells), a.line(),
                        InstanceScoring.score(refs.get(key), CellErrorAnatomy.erode(cells)).meanJaccard(),
                        InstanceScoring.score(refs.get(key), CellErrorAnatomy.dilate(cells)).meanJaccard());
                double[] band = CellErrorAnatomy.outsideBandJaccard(refs.get(key), cells, s);
                line += String.format(Locale.ROOT, "; outside the 1-px band of reference outlines: J %.3f, cells"
                        + " >= .5: J %.3f", band[0], band[1]);
                lines.add(line);
                System.out.println(line);
                String[] parts = key.split("/");
                CellErrorAnatomy.writeOverlay(out.resolve(("overlay-" + name + "-" + parts[0] + "-" + parts[1])
                        .replaceAll("[^A-Za-z0-9_.-]+", "_") + ".png"), originalPlane(parts[0], parts[1]),
                        refs.get(key), cells, a.category(), parts[0].equals("ecoli_set1") ? 4 : 2);
            }
        }
        for (Map.Entry<String, Function<ProbabilityMaps, LabelImage>> c : all.entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-44s", c.getKey()));
            for (String key : maps.keySet()) {
                LabelImage cells = shrink(c.getValue().apply(maps.get(key)), refs.get(key));
                ImageScores s = InstanceScoring.score(refs.get(key), cells);
                line.append(String.format(Locale.ROOT, " | %s J %.3f F1 %.3f n %.2f merged %d/%d area %.2f J<.5 %d",
                        key, s.meanJaccard(), s.f1(), s.countRatio(), s.mergedPairs(), s.neighbourPairs(),
                        areaRatio(refs.get(key), cells, s), (int) s.cells().stream().filter(x -> x.jaccard() < 0.5)
                                .count()));
            }
            lines.add(line.toString());
            System.out.println(line);
        }
        Files.write(Path.of("target/benchmarks/bacteria-study-seed" + seed + variant + ".txt"), lines);
    }

    /** The unenlarged test strip {@code third} of image {@code name}, for overlays. */
    private static FloatPlane originalPlane(String name, String third) throws Exception {
        try (ImageFile file = ImageFile.open(DATA.resolve("images/" + name + ".tif"), PageMode.CHANNELS)) {
            FloatPlane image = file.readPlane(0, 0);
            int t = Integer.parseInt(third);
            int x0 = image.width() * t / 3;
            return crop(image, x0, image.width() * (t + 1) / 3 - x0);
        }
    }

    /**
     * The number of top rows that hold the {@code share} of the mask's cells that start highest (each whole; cells
     * starting above the cut but ending below it are cut too).
     */
    private static int rowsHolding(LabelImage mask, double share) {
        int[] top = new int[mask.maxLabel() + 1];
        int[] bottom = new int[mask.maxLabel() + 1];
        Arrays.fill(top, Integer.MAX_VALUE);
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                int v = mask.get(x, y);
                top[v] = Math.min(top[v], y);
                bottom[v] = y;
            }
        }
        List<Integer> labels = new ArrayList<>();
        for (int v = 1; v < top.length; v++) {
            if (top[v] != Integer.MAX_VALUE) {
                labels.add(v);
            }
        }
        labels.sort((a, b) -> Integer.compare(top[a], top[b]));
        int keep = (int) Math.round(share * labels.size());
        int rows = 1;
        for (int i = 0; i < keep; i++) {
            rows = Math.max(rows, bottom[labels.get(i)] + 1);
        }
        return rows;
    }

    private static FloatPlane cropRows(FloatPlane p, int rows) {
        return new FloatPlane(p.width(), rows, Arrays.copyOf(p.pixels(), p.width() * rows));
    }

    private static LabelImage cropRows(LabelImage m, int rows) {
        return LabelImage.of(m.width(), rows, Arrays.copyOf(m.toArray(), m.width() * rows));
    }

    /** {@code -Dbench.lr}: RMSprop at that learning rate; else the payload's default. */
    private static TrainingPayload.OptimizerSpec learningRate() {
        String lr = System.getProperty("bench.lr");
        return lr == null ? null : new TrainingPayload.OptimizerSpec(TrainingPayload.OptimizerSpec.Type.RMSPROP,
                Double.parseDouble(lr), null, null, null).withDefaults();
    }

    /** The post-processings compared, by name. */
    private static Map<String, Function<ProbabilityMaps, LabelImage>> candidates() {
        Map<String, Function<ProbabilityMaps, LabelImage>> out = new LinkedHashMap<>();
        for (double t : new double[] {0.4, 0.5, 0.6, 0.7, 0.8}) {
            for (int r : new int[] {0, 1, 2, 3}) {
                PostProcessing p = new PostProcessing(PostProcessingMethod.THRESHOLD, t, null, null, null, null, null,
                        null, null, null, null, null, r);
                out.put(String.format(Locale.ROOT, "THRESHOLD t=%.1f r=%d", t, r), m -> new PostProcessor(p).cells(m));
            }
        }
        for (double t : new double[] {0.4, 0.5, 0.6, 0.7}) {
            for (double seedT : new double[] {0.8, 0.9, 0.95}) {
                for (int r : new int[] {1, 2, 3}) {
                    PostProcessing p = new PostProcessing(PostProcessingMethod.WATERSHED, t, null, null, null, seedT,
                            null, null, null, null, null, null, r);
                    out.put(String.format(Locale.ROOT, "WATERSHED t=%.1f seed=%.2f r=%d", t, seedT, r),
                            m -> new PostProcessor(p).cells(m));
                }
            }
        }
        return out;
    }

    /** Each pixel as a {@code factor x factor} block. */
    private static FloatPlane enlarge(FloatPlane p, int factor) {
        int w = p.width() * factor;
        float[] out = new float[w * p.height() * factor];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.get(i % w / factor, i / w / factor);
        }
        return new FloatPlane(w, p.height() * factor, out);
    }

    private static LabelImage enlarge(LabelImage m, int factor) {
        int w = m.width() * factor;
        int[] out = new int[w * m.height() * factor];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.get(i % w / factor, i / w / factor);
        }
        return LabelImage.of(w, m.height() * factor, out);
    }

    /** Cells segmented on an enlarged image back at the size of {@code like}: the centre pixel of each block. */
    private static LabelImage shrink(LabelImage cells, LabelImage like) {
        int factor = cells.width() / like.width();
        if (factor == 1) {
            return cells;
        }
        int[] out = new int[like.width() * like.height()];
        for (int i = 0; i < out.length; i++) {
            out[i] = cells.get(i % like.width() * factor + factor / 2, i / like.width() * factor + factor / 2);
        }
        return LabelImage.of(like.width(), like.height(), out);
    }

    /** A class map (0 background, 1 boundary, 2 interior) as certain probability maps. */
    private static ProbabilityMaps oneHot(LabelImage classMap) {
        int[] c = classMap.toArray();
        float[][] planes = new float[3][c.length];
        for (int i = 0; i < c.length; i++) {
            planes[c[i]][i] = 1;
        }
        return new ProbabilityMaps(classMap.width(), classMap.height(), List.of("background", "boundary", "interior"),
                planes);
    }

    /** Mean over reference cells with a match of (matched segmented area / reference area). */
    private static double areaRatio(LabelImage ref, LabelImage seg, ImageScores s) {
        int[] r = ref.toArray();
        int[] g = seg.toArray();
        int[] ra = new int[ref.maxLabel() + 1];
        int[] ga = new int[seg.maxLabel() + 1];
        for (int i = 0; i < r.length; i++) {
            ra[r[i]]++;
            ga[g[i]]++;
        }
        double sum = 0;
        int n = 0;
        for (CellScore c : s.cells()) {
            if (c.matchedLabel() != 0) {
                sum += (double) ga[c.matchedLabel()] / ra[c.referenceLabel()];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static FloatPlane crop(FloatPlane p, int x0, int w) {
        float[] out = new float[w * p.height()];
        for (int y = 0; y < p.height(); y++) {
            System.arraycopy(p.pixels(), y * p.width() + x0, out, y * w, w);
        }
        return new FloatPlane(w, p.height(), out);
    }

    private static LabelImage crop(LabelImage m, int x0, int w) {
        int[] in = m.toArray();
        int[] out = new int[w * m.height()];
        for (int y = 0; y < m.height(); y++) {
            System.arraycopy(in, y * m.width() + x0, out, y * w, w);
        }
        return LabelImage.of(w, m.height(), out);
    }
}
