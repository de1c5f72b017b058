package org.labscale.segmentation.bench;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.labscale.convnet.normalize.LocalMeanNormalizer;
import org.labscale.convnet.onnx.OnnxModels;
import org.labscale.imaging.FloatPlane;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.inference.ModelMember;
import org.labscale.segmentation.inference.TiledInference;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetPresets;
import org.labscale.shared.net.NetSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 benchmark: the paper's 61x61 net (cytoplasm-net: phase + nuclear, 3 classes) as a 5-member ensemble of
 * random weights on a 1024 x 1024 two-channel image, against ONNX Runtime's own MatMul throughput in the same run and
 * against classifying patch by patch. Run with
 * {@code ./mvnw -B -o -pl convnet,segmentation -Pbenchmarks test -Dtest=SegmentationBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; settings by system properties {@code bench.side}, {@code bench.members},
 * {@code bench.threads}, {@code bench.tiles} (comma-separated tile sizes), {@code bench.fused} (true/false/both),
 * {@code bench.batch} (comma-separated tiles per run, default 1).
 * Prints a Markdown table and writes it to {@code target/segmentation-benchmark.md}.
 */
@Tag("benchmark")
class SegmentationBenchmark {

    private final StringBuilder report = new StringBuilder();

    @Test
    void benchmark() throws Exception {
        int side = Integer.getInteger("bench.side", 1024);
        int members = Integer.getInteger("bench.members", 5);
        int threads = Integer.getInteger("bench.threads", 2);
        String fusedMode = System.getProperty("bench.fused", "both");
        List<Integer> tiles = new ArrayList<>();
        for (String t : System.getProperty("bench.tiles", "512").split(",")) {
            tiles.add(Integer.parseInt(t.trim()));
        }
        List<Integer> batches = new ArrayList<>();
        for (String b : System.getProperty("bench.batch", "1").split(",")) {
            batches.add(Integer.parseInt(b.trim()));
        }
        NetSpec net = NetPresets.find("cytoplasm-net").orElseThrow().net();
        List<String> channels = List.of("phase", "nuclear");
        List<String> classes = List.of("background", "boundary", "interior");
        double flopPerPixel = flopsPerPixel(net, channels.size(), classes.size());
        line("| what | value |");
        line("| --- | --- |");
        line("| load average at start | " + loadAverage() + " |");
        line("| cores seen by the JVM / intra-op threads | " + Runtime.getRuntime().availableProcessors() + " / "
                + threads + " |");
        line("| net | cytoplasm-net (61x61, paper layers), " + channels.size() + " channels, " + members
                + " members, " + fmt(flopPerPixel / 1e6) + " MFLOP per pixel per member |");

        // MatMul is measured before and after the net (best of both): on a shared machine the load moves, and the
        // best MatMul makes the ratio conservative.
        double matmul = matMulGflops(threads);
        line("| ONNX Runtime MatMul 2048x2048x2048, best of 5, before | " + fmt(matmul) + " GFLOP/s |");
        List<String> runs = new ArrayList<>();
        List<Double> runGflops = new ArrayList<>();

        Path dir = Files.createTempDirectory("seg-bench");
        List<ModelMember> ensemble = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            Path file = dir.resolve("member-" + m + ".onnx");
            Files.write(file, OnnxModels.randomModel(net, channels, classes, 1000 + m));
            ensemble.add(ModelMember.trusting(file));
        }
        List<FloatPlane> image = List.of(synthetic(side, 0), synthetic(side, 1));
        double usefulGflop = flopPerPixel * side * side * members / 1e9;
        InferenceSettings base = new InferenceSettings(threads, 512, false, 0, 1, false);
        warmUp(ensemble, base);
        double best = Double.MAX_VALUE;
        List<Boolean> variants = fusedMode.equals("both") ? List.of(false, true)
                : List.of(Boolean.parseBoolean(fusedMode));
        for (int tile : tiles) {
            for (int batch : batches) {
                for (boolean fused : variants) {
                    InferenceSettings s = new InferenceSettings(threads, tile, false, 0, batch, fused);
                    try (EnsembleModel model = EnsembleModel.open(ensemble, s)) {
                        long t0 = System.nanoTime();
                        ProbabilityMaps maps = new TiledInference(model).run(image);
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        best = Math.min(best, seconds);
                        double gflops = usefulGflop / seconds;
                        runs.add("| " + side + "x" + side + ", tile " + tile
                                + (batch > 1 ? ", " + batch + " tiles per run" : "")
                                + (fused ? ", one fused graph" : ", one session per member") + " | "
                                + fmt(seconds) + " s per image, " + fmt(gflops)
                                + " GFLOP/s useful (%s of MatMul); interior at centre "
                                + fmt(maps.planes()[2][side * side / 2 + side / 2]) + " |");
                        runGflops.add(gflops);
                    }
                }
            }
        }

        double after = matMulGflops(threads);
        line("| ONNX Runtime MatMul, after | " + fmt(after) + " GFLOP/s |");
        matmul = Math.max(matmul, after);
        for (int i = 0; i < runs.size(); i++) {
            line(String.format(Locale.ROOT, runs.get(i), fmt(runGflops.get(i) / matmul)));
        }
        double patchSeconds = patchByPatchSecondsPerPixelPerMember(net, channels, classes, threads);
        double extrapolated = patchSeconds * side * side * members;
        line("| patch by patch (batches of 128 patches, 1,024 sampled pixels), extrapolated | " + fmt(extrapolated)
                + " s per image |");
        line("| speed-up of the best whole-image run over patch by patch | " + fmt(extrapolated / best) + "x |");
        line("| peak Java heap / peak process RSS | " + (peakHeap() >> 20) + " MiB / " + peakRssMiB() + " MiB |");
        line("| load average at end | " + loadAverage() + " |");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "segmentation-benchmark.md"), report);
        for (ModelMember m : ensemble) {
            Files.delete(m.file());
        }
        Files.delete(dir);
        assertTrue(best > 0);
    }

    private static void warmUp(List<ModelMember> ensemble, InferenceSettings s) throws Exception {
        try (EnsembleModel model = EnsembleModel.open(ensemble.subList(0, 1), s.withTileSize(96))) {
            new TiledInference(model).run(List.of(synthetic(96, 0), synthetic(96, 1)));
        }
    }

    /** Multiply-adds of the dilated net per output pixel (2 FLOP each); BN, ReLU, pooling and softmax left out. */
    static double flopsPerPixel(NetSpec net, int channels, int classes) {
        double flop = 0;
        int side = net.receptiveField();
        int in = channels;
        boolean dense = false;
        for (LayerSpec layer : net.layers()) {
            if (layer instanceof LayerSpec.Conv c) {
                flop += 2.0 * in * c.kernel() * c.kernel() * c.filters();
                side = side - c.kernel() + 1;
                in = c.filters();
            } else if (layer instanceof LayerSpec.MaxPool) {
                side /= 2;
            } else if (layer instanceof LayerSpec.Dense d) {
                int k = dense ? 1 : side;
                flop += 2.0 * in * k * k * d.units();
                in = d.units();
                dense = true;
            }
        }
        int k = dense ? 1 : side;
        return flop + 2.0 * in * k * k * classes;
    }

    private double patchByPatchSecondsPerPixelPerMember(NetSpec net, List<String> channels, List<String> classes,
                                                         int threads) throws Exception {
        byte[] dilated = OnnxModels.randomModel(net, channels, classes, 1000);
        byte[] patchModel = PatchGraph.fromDilated(dilated);
        int rf = net.receptiveField();
        int r = rf / 2;
        int side = 128;
        List<FloatPlane> image = List.of(synthetic(side, 0), synthetic(side, 1));
        // Parity: the patch classifier on a patch equals the dilated whole-image map at its centre.
        Path file = Files.createTempFile("member", ".onnx");
        Files.write(file, dilated);
        ProbabilityMaps maps;
        try (EnsembleModel model = EnsembleModel.open(List.of(ModelMember.trusting(file)),
                new InferenceSettings(threads, 512, false, 0, 1, false))) {
            maps = new TiledInference(model).run(image);
        }
        Files.delete(file);
        LocalMeanNormalizer normalizer = new LocalMeanNormalizer(rf);
        float[][] normalized = new float[2][];
        for (int c = 0; c < 2; c++) {
            float[] p = image.get(c).pixels();
            normalized[c] = normalizer.normalize(p, side, side, LocalMeanNormalizer.median(p));
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setIntraOpNumThreads(threads);
        int batch = 128;
        int samples = 1024;
        SplittableRandom random = new SplittableRandom(5);
        double maxDiff = 0;
        long nanos = 0;
        try (OrtSession session = env.createSession(patchModel, options)) {
            for (int start = -batch; start < samples; start += batch) { // the first batch warms up
                int[] xs = new int[batch];
                int[] ys = new int[batch];
                FloatBuffer in = ByteBuffer.allocateDirect(batch * 2 * rf * rf * 4).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                for (int b = 0; b < batch; b++) {
                    xs[b] = random.nextInt(side);
                    ys[b] = random.nextInt(side);
                    for (int c = 0; c < 2; c++) {
                        for (int dy = -r; dy <= r; dy++) {
                            for (int dx = -r; dx <= r; dx++) {
                                in.put(normalized[c][LocalMeanNormalizer.reflect(ys[b] + dy, side) * side
                                        + LocalMeanNormalizer.reflect(xs[b] + dx, side)]);
                            }
                        }
                    }
                }
                in.rewind();
                long t0 = System.nanoTime();
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, in, new long[]{batch, 2, rf, rf});
                     OrtSession.Result result = session.run(Map.of("image", tensor))) {
                    FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                    if (start >= 0) {
                        nanos += System.nanoTime() - t0;
                    }
                    for (int b = 0; b < batch; b++) {
                        for (int k = 0; k < 3; k++) {
                            maxDiff = Math.max(maxDiff, Math.abs(out.get(b * 3 + k)
                                    - maps.planes()[k][ys[b] * side + xs[b]]));
                        }
                    }
                }
            }
        }
        line("| patch classifier vs dilated whole image, max abs difference at " + samples + " pixels | "
                + String.format(Locale.ROOT, "%.1e", maxDiff) + " |");
        assertTrue(maxDiff < 1e-4, "the patch graph is the same classifier: " + maxDiff);
        return nanos / 1e9 / samples;
    }

    private static double matMulGflops(int threads) throws Exception {
        int n = 2048;
        float[] b = new float[n * n];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextDouble(-1, 1);
        }
        ByteBuffer raw = ByteBuffer.allocate(b.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(b);
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(n))
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(n)))).build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("matmul")
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("B").addDims(n).addDims(n)
                        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setRawData(ByteString.copyFrom(raw.array())))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("MatMul").addInput("A").addInput("B")
                        .addOutput("Y"))
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("A").setType(type))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("Y").setType(type)).build();
        byte[] model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17)).build().toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setIntraOpNumThreads(threads);
        double best = Double.MAX_VALUE;
        FloatBuffer a = ByteBuffer.allocateDirect(n * n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < n * n; i++) {
            a.put((float) random.nextDouble(-1, 1));
        }
        a.rewind();
        try (OrtSession session = env.createSession(model, options);
             OnnxTensor tensor = OnnxTensor.createTensor(env, a, new long[]{n, n})) {
            for (int run = 0; run < 6; run++) {
                long t0 = System.nanoTime();
                try (OrtSession.Result ignored = session.run(Map.of("A", tensor))) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (run > 0) {
                        best = Math.min(best, s);
                    }
                }
            }
        }
        return 2.0 * n * n * n / 1e9 / best;
    }

    static FloatPlane synthetic(int side, int channel) {
        float[] p = new float[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                p[y * side + x] = (float) (200 + 80 * Math.sin(x * 0.11 + channel) * Math.cos(y * 0.07)
                        + (x * 31 + y * 17 + channel) % 23);
            }
        }
        return new FloatPlane(side, side, p);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static String peakRssMiB() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.toString(Long.parseLong(l.replaceAll("\\D", "")) / 1024);
            }
        }
        return "?";
    }

    private static String loadAverage() throws Exception {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private void line(String s) {
        System.out.println(s);
        report.append(s).append('\n');
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.3f", v);
    }
}
