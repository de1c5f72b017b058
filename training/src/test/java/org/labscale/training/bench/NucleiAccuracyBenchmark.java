package org.labscale.training.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelKind;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.inference.ModelMember;
import org.labscale.segmentation.inference.TiledInference;
import org.labscale.segmentation.postprocess.PostProcessor;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.segmentation.score.InstanceScoring;
import org.labscale.segmentation.score.ReferenceCells;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.shared.segmentation.PostProcessingMethod;
import org.labscale.training.EnsembleTrainer;
import org.labscale.training.MemberTrainer;
import org.labscale.training.ProgressListener;
import org.labscale.training.data.PixelSplit;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.training.export.TrainingProvenance;
import org.labscale.training.validate.CellAreas;
import org.labscale.training.validate.PostProcessingSelection;
import org.labscale.shared.net.Normalization;

/**
 * Accuracy on real nuclei (issue 5): trains an ensemble ({@code -Dbench.members}, default 5, the product's default)
 * on the first {@code -Dbench.trainImages} images of a data set (by frame number; one of them is held out for
 * validation by the trainer), then segments every other image exactly as a segmentation job does (the exported
 * members as one fused ONNX graph, {@link TiledInference}, the segmentation module's {@link PostProcessor} at each
 * threshold) and scores it with {@link InstanceScoring}: mean per-reference-cell Jaccard and Dice (Van Valen et al.
 * 2016), pooled over the test images' cells.
 *
 * <p>Run: {@code ./mvnw -B -o -pl training -am test -Pbenchmarks -Dtest=NucleiAccuracyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlabscale.data.dir=/work/shared/data} with {@code -Dbench.dataset=nih3t3}
 * (binary references, default) or {@code gowt1} (instance references), {@code -Dbench.preset=nuclear-net-fast
 * -Dbench.members=5 -Dbench.patches=6000 -Dbench.epochs=2 -Dbench.trainImages=3 -Dbench.seed=1
 * -Dbench.thresholds=0.5,0.6,0.75} ({@code -Dbench.lr=4e-3}: RMSprop at that learning rate instead of the
 * default; {@code -Dbench.scale=2}: images and masks shrunk two-fold, see {@link RealNuclei#scale()}). Results:
 * {@code target/benchmarks/accuracy-<dataset>-seed<seed>.txt}.
 * {@code -Dbench.reuse=true} rescores the members a previous run with the same seed left in {@code target/benchmarks};
 * {@code -Dbench.select=true} also chooses the post-processing on the trainer's held-out validation image only, with
 * the product's {@link PostProcessingSelection} ({@link #selectOnHeldOut}), and scores the unseen images with it
 * ({@code ...-select.txt}). The report sorts the false objects of the first threshold and of the selected setting
 * ({@link FalseObjects}: outside the reference, extra pieces, on unmatched reference cells, reference cells split).
 *
 * <p>Cameras (issue 20): {@code -Dbench.normalization=median-local-mean} trains with the paper's normalisation instead
 * of the default {@code robust-local-mean}; {@code -Dbench.trainCamera=0.05,33000} and {@code -Dbench.testCamera=...}
 * turn the training or test images into 16-bit copies {@code round(gain x value + offset)}, as a camera with a large
 * black level and a low gain records them ({@link RealNuclei#camera}).
 */
@Tag("benchmark")
class NucleiAccuracyBenchmark {

    private static final int SCALE = RealNuclei.scale();
    private static final String TRAIN_CAMERA = System.getProperty("bench.trainCamera", "");
    private static final String TEST_CAMERA = System.getProperty("bench.testCamera", "");

    @Test
    void meanPerCellJaccardOnUnseenImages() throws Exception {
        String dataset = System.getProperty("bench.dataset", "nih3t3");
        boolean gowt1 = dataset.equals("gowt1");
        Path dir = RealNuclei.dir(dataset);
        LabelKind kind = gowt1 ? LabelKind.INSTANCE_MASK : LabelKind.BINARY_MASK;
        String preset = System.getProperty("bench.preset", "nuclear-net-fast");
        int trainCount = Integer.getInteger("bench.trainImages", 3);
        long seed = Long.getLong("bench.seed", 1L);
        double[] thresholds = java.util.Arrays.stream(System.getProperty("bench.thresholds", "0.5,0.6,0.75")
                .split(",")).mapToDouble(Double::parseDouble).toArray();
        List<String> names = RealNuclei.names(dir);
        TrainingPayload p = new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), dataset, preset,
                null, null, null, new Normalization(System.getProperty("bench.normalization",
                Normalization.DEFAULT_METHOD), null), null, true, Integer.getInteger("bench.patches", 6_000),
                Integer.getInteger("bench.epochs", 2), Integer.getInteger("bench.batch", 64),
                System.getProperty("bench.lr") == null ? null : new TrainingPayload.OptimizerSpec(
                        TrainingPayload.OptimizerSpec.Type.RMSPROP, Double.valueOf(System.getProperty("bench.lr")),
                        null, null, null), null, null,
                Integer.getInteger("bench.members", 5), seed, null, null)
                .withSampling(System.getProperty("bench.sampling")).withDefaults(); // -Dbench.sampling=dense
        int rf = p.resolvedNet().receptiveField();
        TrainingImageLoader loader = new TrainingImageLoader(rf, 3, p.normalization());
        List<TrainingImage> training = new ArrayList<>();
        for (String name : names.subList(0, trainCount)) {
            training.add(loader.fromPlanes(name, List.of(plane(dir.resolve("images").resolve(name), TRAIN_CAMERA)),
                    BoundaryInteriorMap.classMap(mask(dir, name), kind)));
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("load average at start %.1f", load()));
        Path out = Path.of("target/benchmarks/" + dataset + "-seed" + seed);
        Files.createDirectories(out);
        List<ModelMember> members = new ArrayList<>();
        if (Boolean.getBoolean("bench.reuse")) {
            for (int m = 0; Files.exists(out.resolve("member-" + m + ".onnx")); m++) {
                members.add(ModelMember.trusting(out.resolve("member-" + m + ".onnx")));
            }
            Assumptions.assumeFalse(members.isEmpty(), "no trained members in " + out + " to reuse");
            lines.add("reusing the " + members.size() + " members trained earlier in " + out);
        } else {
            members.addAll(train(p, training, lines, out));
            lines.add(String.format("%s x %d members, seed %d, trained on %s: %d patches/epoch x %d epochs",
                    preset, p.ensembleSize(), seed, names.subList(0, trainCount), p.patchesPerEpoch(), p.epochs())
                    + lines.remove(lines.size() - 1));
        }
        System.out.println(lines.get(lines.size() - 1));
        long s0 = System.nanoTime();
        long sCpu0 = cpu();
        List<List<ImageScores>> scores = new ArrayList<>();
        for (int t = 0; t < thresholds.length; t++) {
            scores.add(new ArrayList<>());
        }
        boolean select = Boolean.getBoolean("bench.select");
        List<PostProcessingSelection.Candidate> candidates = List.of();
        List<List<ImageScores>> candidateScores = new ArrayList<>();
        FalseObjects falseAtFirstThreshold = new FalseObjects();
        FalseObjects falseSelected = new FalseObjects();
        try (EnsembleModel model = EnsembleModel.open(members, InferenceSettings.cpu())) {
            if (select) {
                candidates = selectOnHeldOut(model, p, training, dir, gowt1, lines);
                candidates.forEach(c -> candidateScores.add(new ArrayList<>()));
            }
            for (String name : names.subList(trainCount, names.size())) {
                ProbabilityMaps maps = new TiledInference(model).run(List.of(plane(dir.resolve("images")
                        .resolve(name), TEST_CAMERA)));
                LabelImage reference = ReferenceCells.of(mask(dir, name), gowt1 ? ReferenceCells.Kind.INSTANCE_MASK
                        : ReferenceCells.Kind.BINARY_MASK);
                StringBuilder line = new StringBuilder("  " + name + ":");
                for (int t = 0; t < thresholds.length; t++) {
                    LabelImage cells = new PostProcessor(new PostProcessing(PostProcessingMethod.THRESHOLD,
                            thresholds[t], null, null, null, null, null, null, null, null, null, null, null)).cells(maps);
                    ImageScores s = InstanceScoring.score(reference, cells);
                    scores.get(t).add(s);
                    if (t == 0) {
                        falseAtFirstThreshold.add(reference, cells, maps.interior());
                    }
                    line.append(String.format(" t=%.2f %d ref/%d seg, Jaccard %.3f Dice %.3f;", thresholds[t],
                            s.referenceCells(), s.segmentedCells(), s.meanJaccard(), s.meanDice()));
                }
                for (int c = 0; c < candidates.size(); c++) {
                    LabelImage cells = new PostProcessor(candidates.get(c).settings()).cells(maps);
                    ImageScores s = InstanceScoring.score(reference, cells);
                    candidateScores.get(c).add(s);
                    if (c == 0) {
                        falseSelected.add(reference, cells, maps.interior());
                        line.append(String.format(" selected %d ref/%d seg, Jaccard %.3f Dice %.3f;",
                                s.referenceCells(), s.segmentedCells(), s.meanJaccard(), s.meanDice()));
                    }
                }
                lines.add(line.toString());
                System.out.println(line);
            }
        }
        for (int t = 0; t < thresholds.length; t++) {
            ImageScores pooled = ImageScores.pool(scores.get(t));
            lines.add(String.format("threshold %.2f: mean per-cell Jaccard %.3f, Dice %.3f over %d reference cells"
                    + " (%d segmented, count ratio %.2f, F1@0.5 %.3f, SEG %.3f) of %d unseen images", thresholds[t],
                    pooled.meanJaccard(), pooled.meanDice(), pooled.referenceCells(), pooled.segmentedCells(),
                    pooled.countRatio(), pooled.f1(), pooled.seg(), names.size() - trainCount));
        }
        lines.add(String.format("threshold %.2f: %s", thresholds[0], falseAtFirstThreshold));
        if (select) {
            lines.add("selected: " + falseSelected);
        }
        for (int c = 0; c < candidates.size(); c++) {
            PostProcessing settings = candidates.get(c).settings();
            ImageScores pooled = ImageScores.pool(candidateScores.get(c));
            lines.add(String.format("%s (%s t=%.1f regrowth %d minArea %d maxArea %s minCellProbability %s;"
                    + " held-out Jaccard %.3f): mean per-cell Jaccard %.3f, Dice %.3f over %d reference cells (%d"
                    + " segmented, count ratio %.2f, F1@0.5 %.3f, SEG %.3f) of %d unseen images",
                    c == 0 ? "SELECTED" : "held-out candidate " + (c + 1), settings.method(), settings.threshold(),
                    settings.regrowth(), settings.minArea(), settings.maxArea(), settings.minCellProbability(),
                    candidates.get(c).scores().meanJaccard(), pooled.meanJaccard(), pooled.meanDice(),
                    pooled.referenceCells(), pooled.segmentedCells(), pooled.countRatio(), pooled.f1(), pooled.seg(),
                    names.size() - trainCount));
        }
        lines.add(String.format("segmentation (%d-member fused graph, %d threads) %.0f s wall, %.0f s CPU;"
                + " load average at end %.1f", members.size(), Runtime.getRuntime().availableProcessors(),
                (System.nanoTime() - s0) / 1e9, (cpu() - sCpu0) / 1e9, load()));
        Files.write(Path.of("target/benchmarks/accuracy-" + dataset + "-seed" + seed + (select ? "-select" : "")
                + ".txt"), lines);
        lines.forEach(System.out::println);
    }

    /**
     * Chooses the post-processing on the images the trainer held out for validation (the same seeded split as
     * {@link MemberTrainer#split}; no member trained on them, and they are not test images) with the product's
     * {@link PostProcessingSelection}, as a training job does (there on the class map's cells, here on the mask's):
     * each held-out image goes through the ensemble once ({@link TiledInference}), then the selection post-processes
     * its maps with every setting of its grid. Adds the choice and the grid's best settings to {@code lines}.
     *
     * @return the recommended setting first, then the next best on the held-out images (up to 5 in all; only so that
     *         the report can show how far the held-out ranking carries to the test images)
     */
    private static List<PostProcessingSelection.Candidate> selectOnHeldOut(EnsembleModel model, TrainingPayload p,
            List<TrainingImage> training, Path dir, boolean gowt1, List<String> lines) throws Exception {
        PixelSplit split = MemberTrainer.split(p, training);
        Assumptions.assumeTrue(split.byImage(), "the trainer held out pixels, not an image: nothing to select on");
        List<String> heldOut = new ArrayList<>();
        PostProcessingSelection selection = new PostProcessingSelection(CellAreas.of(training));
        for (int i = 0; i < training.size(); i++) {
            if (split.heldOut(i)) {
                String name = training.get(i).name();
                heldOut.add(name);
                selection.add(new TiledInference(model).run(List.of(plane(dir.resolve("images").resolve(name),
                                TRAIN_CAMERA))),
                        ReferenceCells.of(mask(dir, name), gowt1 ? ReferenceCells.Kind.INSTANCE_MASK
                                : ReferenceCells.Kind.BINARY_MASK));
            }
        }
        PostProcessingSelection.Selection chosen = selection.select();
        List<String> report = new ArrayList<>();
        report.add("selection on the held-out " + heldOut + " only, " + chosen.ranked().size() + " settings;"
                + " defaults: " + chosen.defaults() + "; recommended: " + chosen.recommended() + " (" + chosen.reason()
                + "); best:");
        for (PostProcessingSelection.Candidate c : chosen.ranked().subList(0, Math.min(8, chosen.ranked().size()))) {
            report.add("  " + c);
        }
        report.forEach(System.out::println);
        lines.addAll(report);
        List<PostProcessingSelection.Candidate> out = new ArrayList<>(List.of(chosen.recommended()));
        chosen.ranked().stream().filter(c -> c != chosen.recommended()).limit(4).forEach(out::add);
        return out;
    }

    /** Trains the ensemble, writes its members into {@code out}; adds the timing and card metrics to {@code lines}. */
    private static List<ModelMember> train(TrainingPayload p, List<TrainingImage> training, List<String> lines,
                                           Path out) throws Exception {
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        EnsembleTrainer.Result result = new EnsembleTrainer(new TrainingProvenance(null, List.of(), "benchmark"),
                null).train(p, training, List.of(), new ProgressListener() {
                    @Override
                    public void epoch(EpochMetrics m) {
                        String line = String.format("member %d epoch %d: train loss %.3f, validation loss %.3f,"
                                + " per-class accuracy %s", m.member(), m.epoch(), m.trainLoss(),
                                m.validationLoss(), m.perClassAccuracy());
                        lines.add(line);
                        System.out.println(line);
                    }
                }, () -> false);
        List<ModelMember> members = new ArrayList<>();
        for (int m = 0; m < result.members().size(); m++) {
            Path file = out.resolve("member-" + m + ".onnx");
            Files.write(file, result.members().get(m));
            members.add(ModelMember.trusting(file));
        }
        lines.add(String.format(": %.0f s wall, %.0f s CPU; card validation metrics %s; card recommendedPostProcessing"
                + " %s", (System.nanoTime() - t0) / 1e9, (cpu() - cpu0) / 1e9, result.card().validationMetrics(),
                result.card().recommendedPostProcessing()));
        return members;
    }

    private static LabelImage mask(Path dir, String name) throws Exception {
        return RealNuclei.mask(dir, name, SCALE);
    }

    private static FloatPlane plane(Path file, String camera) throws Exception {
        return RealNuclei.camera(RealNuclei.plane(file, SCALE), camera);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
