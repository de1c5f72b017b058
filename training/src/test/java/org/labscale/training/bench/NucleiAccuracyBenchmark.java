package org.labscale.training.bench;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labscale.convnet.normalize.MedianLocalMeanNormalizer;
import org.labscale.convnet.onnx.DilatedNetExporter;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.io.ImageFile;
import org.labscale.imaging.labels.BoundaryInteriorMap;
import org.labscale.imaging.labels.ConnectedComponentLabeling;
import org.labscale.imaging.labels.Connectivity;
import org.labscale.imaging.labels.LabelImage;
import org.labscale.imaging.labels.LabelImageReader;
import org.labscale.imaging.labels.LabelKind;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.model.ModelCard.EpochMetrics;
import org.labscale.training.MemberTrainer;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.training.export.MemberExporter;
import org.labscale.training.export.TrainingProvenance;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/**
 * Accuracy on real nuclei (issue 5): train one member on at most 3 NIH-3T3 images (the first 3 by name), segment the
 * other 11 through the exported ONNX model, threshold the interior probability, label 8-connected components, grow
 * each by one pixel into non-background pixels (the boundary ring), and score the mean per-cell Jaccard index against
 * the binary references split into connected components (each reference cell matched with the predicted cell that
 * overlaps it most; 0 when none). A simple stand-in for the segmentation module's post-processing.
 *
 * <p>Run: {@code ./mvnw -B -o -pl training -am test -Pbenchmarks -Dtest=NucleiAccuracyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} with {@code -Dbench.preset=nuclear-net-fast -Dbench.patches=20000
 * -Dbench.epochs=5 -Dbench.thresholds=0.5,0.6,0.75 -Dbench.trainImages=3}; the trained model is kept in
 * {@code target/benchmarks/<preset>-nih3t3.onnx}.
 */
@Tag("benchmark")
class NucleiAccuracyBenchmark {

    @Test
    void meanPerCellJaccardOnUnseenNih3t3Images() throws Exception {
        Path dir = Path.of(System.getProperty("labscale.data.dir", "../../shared/data"), "nuclei", "nih3t3-hoechst");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no real data at " + dir.toAbsolutePath()
                + "; set -Dlabscale.data.dir");
        String preset = System.getProperty("bench.preset", "nuclear-net-fast");
        int trainCount = Integer.getInteger("bench.trainImages", 3);
        double[] thresholds = java.util.Arrays.stream(System.getProperty("bench.thresholds", "0.5,0.6,0.75")
                .split(",")).mapToDouble(Double::parseDouble).toArray();
        List<String> names;
        try (Stream<Path> files = Files.list(dir.resolve("images"))) {
            names = files.map(p -> p.getFileName().toString()).sorted((a, b) -> Integer.compare(number(a),
                    number(b))).toList();
        }
        TrainingPayload p = new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), "nih3t3",
                preset, null, null, null, null, null, true, Integer.getInteger("bench.patches", 20_000),
                Integer.getInteger("bench.epochs", 5), 64, null, null, null, 1, 1L, null, null).withDefaults();
        int rf = p.resolvedNet().receptiveField();
        TrainingImageLoader loader = new TrainingImageLoader(rf, 3, rf);
        List<TrainingImage> training = new ArrayList<>();
        for (String name : names.subList(0, trainCount)) {
            LabelImage mask = new LabelImageReader().read(dir.resolve("masks").resolve(name));
            training.add(loader.fromPlanes(name, List.of(plane(dir.resolve("images").resolve(name))),
                    BoundaryInteriorMap.classMap(mask, LabelKind.BINARY_MASK)));
        }
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        byte[] onnx;
        try (MemberTrainer trainer = new MemberTrainer(p, 0, null)) {
            trainer.train(training, new org.labscale.training.ProgressListener() {
                @Override
                public void epoch(EpochMetrics m) {
                    System.out.printf("epoch %d: train loss %.3f, validation loss %.3f, per-class accuracy %s%n",
                            m.epoch(), m.trainLoss(), m.validationLoss(), m.perClassAccuracy());
                }
            }, () -> false);
            onnx = new MemberExporter(new TrainingProvenance(null, List.of(), "benchmark"))
                    .export(p, 0, trainer.seed(), trainer.weights());
        }
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.write(Path.of("target/benchmarks/" + preset + "-nih3t3.onnx"), onnx);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        double trainCpu = (cpu() - cpu0) / 1e9;
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s, trained on %s: %d patches/epoch x %d epochs, %.0f s wall, %.0f s CPU", preset,
                names.subList(0, trainCount), p.patchesPerEpoch(), p.epochs(), trainSeconds, trainCpu));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double[] sum = new double[thresholds.length];
        int cells = 0;
        long s0 = System.nanoTime();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            for (String name : names.subList(trainCount, names.size())) {
                FloatPlane image = plane(dir.resolve("images").resolve(name));
                float[] normalised = new MedianLocalMeanNormalizer(rf).normalize(image.pixels(), image.width(),
                        image.height(), MedianLocalMeanNormalizer.median(image.pixels()));
                float[][][][] probabilities;
                try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(normalised),
                        new long[] {1, 1, image.height(), image.width()});
                     OrtSession.Result result = session.run(Map.of(DilatedNetExporter.INPUT, input))) {
                    probabilities = (float[][][][]) result.get(0).getValue();
                }
                LabelImage reference = ConnectedComponentLabeling.label(
                        new LabelImageReader().read(dir.resolve("masks").resolve(name)), Connectivity.EIGHT);
                StringBuilder line = new StringBuilder(String.format("  %s: %d reference cells;", name,
                        reference.maxLabel()));
                for (int t = 0; t < thresholds.length; t++) {
                    LabelImage predicted = cells(probabilities[0], image.width(), image.height(),
                            (float) thresholds[t]);
                    double[] scores = jaccard(reference, predicted);
                    double mean = 0;
                    for (double sc : scores) {
                        mean += sc;
                    }
                    sum[t] += mean;
                    if (t == 0) {
                        cells += scores.length;
                    }
                    line.append(String.format(" threshold %.2f: %d predicted, mean Jaccard %.3f;", thresholds[t],
                            predicted.maxLabel(), mean / scores.length));
                }
                lines.add(line.toString());
                System.out.println(lines.get(lines.size() - 1));
            }
        }
        for (int t = 0; t < thresholds.length; t++) {
            lines.add(String.format("mean per-cell Jaccard over %d cells of %d unseen images, threshold %.2f: %.3f",
                    cells, names.size() - trainCount, thresholds[t], sum[t] / cells));
        }
        lines.add(String.format("segmentation (ONNX Runtime, default threads) %.0f s wall; load average %.1f",
                (System.nanoTime() - s0) / 1e9, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        Path out = Path.of("target/benchmarks/accuracy-" + preset + ".txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        lines.forEach(System.out::println);
    }

    /** Components of interior >= threshold, grown by one pixel into pixels that are not most likely background. */
    static LabelImage cells(float[][][] p, int w, int h, float threshold) {
        int[] mask = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mask[y * w + x] = p[2][y][x] >= threshold ? 1 : 0;
            }
        }
        int[] labels = ConnectedComponentLabeling.label(LabelImage.of(w, h, mask), Connectivity.EIGHT).toArray();
        int[] grown = labels.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (labels[y * w + x] != 0 || p[0][y][x] >= 0.5f) {
                    continue;
                }
                for (int dy = -1; dy <= 1 && grown[y * w + x] == 0; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h && labels[ny * w + nx] != 0) {
                            grown[y * w + x] = labels[ny * w + nx];
                            break;
                        }
                    }
                }
            }
        }
        return LabelImage.of(w, h, grown);
    }

    /** Per reference cell: Jaccard with the predicted cell overlapping it most. */
    static double[] jaccard(LabelImage reference, LabelImage predicted) {
        int[] r = reference.toArray();
        int[] s = predicted.toArray();
        int nr = reference.maxLabel();
        int ns = predicted.maxLabel();
        long[] areaR = new long[nr + 1];
        long[] areaS = new long[ns + 1];
        Map<Long, Long> overlap = new java.util.HashMap<>();
        for (int i = 0; i < r.length; i++) {
            areaR[r[i]]++;
            areaS[s[i]]++;
            if (r[i] != 0 && s[i] != 0) {
                overlap.merge((long) r[i] * (ns + 1) + s[i], 1L, Long::sum);
            }
        }
        double[] best = new double[nr + 1];
        for (Map.Entry<Long, Long> e : overlap.entrySet()) {
            int a = (int) (e.getKey() / (ns + 1));
            int b = (int) (e.getKey() % (ns + 1));
            double j = e.getValue() / (double) (areaR[a] + areaS[b] - e.getValue());
            best[a] = Math.max(best[a], j);
        }
        List<Double> out = new ArrayList<>();
        for (int a = 1; a <= nr; a++) {
            if (areaR[a] > 0) {
                out.add(best[a]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static FloatPlane plane(Path file) throws Exception {
        try (ImageFile image = ImageFile.open(file, PageMode.CHANNELS)) {
            return image.readPlane(0, 0);
        }
    }

    private static int number(String name) {
        return Integer.parseInt(name.replaceAll("\\D", ""));
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
