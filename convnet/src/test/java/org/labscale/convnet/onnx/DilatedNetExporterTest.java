package org.labscale.convnet.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.labscale.convnet.normalize.LocalMeanNormalizer;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetPreset;
import org.labscale.shared.net.NetPresets;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.net.Normalization;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

class DilatedNetExporterTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void everyPresetKeepsTheImageSizeAndItsProbabilitiesSumToOne() throws Exception {
        for (NetPreset preset : NetPresets.all()) {
            int channels = preset.channels().size();
            int classes = preset.classes().size();
            byte[] model = OnnxModels.randomModel(preset.net(), preset.channels(), preset.classes(), 3);
            int width = 45;
            int height = 37;
            float[][][][] out = run(model, randomImage(channels, width, height, 5), channels, width, height);
            assertEquals(classes, out[0].length, preset.name());
            assertEquals(height, out[0][0].length, preset.name());
            assertEquals(width, out[0][0][0].length, preset.name());
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double sum = 0;
                    for (int k = 0; k < classes; k++) {
                        sum += out[0][k][y][x];
                    }
                    assertEquals(1.0, sum, 1e-5, preset.name() + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void equalsThePatchClassifierAtCornersEdgesAndInside() throws Exception {
        NetSpec noDense = new NetSpec("no-dense", 11, List.of(new LayerSpec.Conv(4, 4, true), new LayerSpec.MaxPool(),
                new LayerSpec.Conv(5, 2, false)));
        NetSpec twoPools = new NetSpec("two-pools", 15, List.of(new LayerSpec.Conv(3, 4, false), new LayerSpec.MaxPool(),
                new LayerSpec.Conv(4, 3, true), new LayerSpec.MaxPool(), new LayerSpec.Dense(6, true),
                new LayerSpec.Dense(5, false)));
        assertParity(noDense, 1, 3, 23, 19);
        assertParity(twoPools, 2, 4, 20, 26);
        assertParity(NetPresets.find("bacteria-net").orElseThrow().net(), 1, 3, 40, 33);
        assertParity(NetPresets.find("nuclear-net-fast").orElseThrow().net(), 2, 3, 64, 62);
    }

    private static void assertParity(NetSpec net, int channels, int classes, int width, int height) throws Exception {
        NetWeights weights = OnnxModels.randomWeights(net, channels, classes, 11);
        ModelMetadata metadata = metadata(net, channels, classes);
        byte[] model = new DilatedNetExporter().export(metadata, weights);
        float[] image = randomImage(channels, width, height, 9);
        float[][][][] out = run(model, image, channels, width, height);
        List<int[]> pixels = new ArrayList<>(List.of(new int[] {0, 0}, new int[] {width - 1, 0},
                new int[] {0, height - 1}, new int[] {width - 1, height - 1}, new int[] {width / 2, 0},
                new int[] {0, height / 2}, new int[] {width - 1, height / 3}, new int[] {width / 3, height - 1},
                new int[] {width / 2, height / 2}));
        Random random = new Random(1);
        for (int i = 0; i < 6; i++) {
            pixels.add(new int[] {random.nextInt(width), random.nextInt(height)});
        }
        double maxDifference = 0;
        for (int[] p : pixels) {
            double[] expected = ReferencePatchClassifier.predict(net, weights,
                    patch(image, channels, width, height, p[0], p[1], net.receptiveField()));
            for (int k = 0; k < classes; k++) {
                maxDifference = Math.max(maxDifference, Math.abs(expected[k] - out[0][k][p[1]][p[0]]));
                assertEquals(expected[k], out[0][k][p[1]][p[0]], 1e-4,
                        net.name() + " class " + k + " at " + p[0] + "," + p[1]);
            }
        }
        assertTrue(maxDifference < 1e-4);
    }

    @Test
    void metadataRoundTripsThroughTheModelFile() {
        NetPreset preset = NetPresets.find("semantic-net-fast").orElseThrow();
        ModelMetadata metadata = new ModelMetadata(61, preset.channels(), preset.classes(),
                Normalization.paper(61), preset.net(), Map.of("jobId", "j-1", "seed", 42, "member", 3,
                "trainingSets", List.of(Map.of("id", "ts", "version", 2, "contentHash", "abc"))));
        byte[] model = new DilatedNetExporter().export(metadata,
                OnnxModels.randomWeights(preset.net(), 2, 4, 1));
        ModelMetadata read = ModelMetadata.read(model);
        assertEquals(metadata, read);
        assertEquals("[\"phase\",\"nuclear\"]", metadata.toProperties().get(ModelMetadata.KEY_CHANNELS));
        assertEquals("{\"method\":\"median-local-mean\",\"window\":61}",
                metadata.toProperties().get(ModelMetadata.KEY_NORMALIZATION));
        assertEquals("1", metadata.toProperties().get(ModelMetadata.KEY_FORMAT));
        assertEquals(Normalization.MEDIAN_LOCAL_MEAN, read.normalization().method());
        assertNull(read.pixelSizeUm());
        assertFalse(metadata.toProperties().containsKey(ModelMetadata.KEY_PIXEL_SIZE));
    }

    @Test
    void thePixelSizeTrainedAtRoundTripsThroughTheModelFile() {
        NetPreset preset = NetPresets.find("bacteria-net-fast").orElseThrow();
        ModelMetadata metadata = new ModelMetadata(preset.net().receptiveField(), preset.channels(), preset.classes(),
                Normalization.paper(31), preset.net(), Map.of("jobId", "j-2"), 0.065);
        ModelMetadata read = ModelMetadata.read(new DilatedNetExporter().export(metadata,
                OnnxModels.randomWeights(preset.net(), 1, 3, 1)));
        assertEquals(0.065, read.pixelSizeUm());
        assertEquals("0.065", metadata.toProperties().get(ModelMetadata.KEY_PIXEL_SIZE));
    }

    @Test
    void aModelWithoutLabscaleMetadataIsNamedAsSuch() {
        byte[] bare = ai.onnx.proto.OnnxMl.ModelProto.newBuilder().setIrVersion(8).build().toByteArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelMetadata.read(bare));
        assertTrue(e.getMessage().contains("labscale.format"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelMetadata.read(new byte[] {1, 2, 3, 4, 5}));
    }

    @Test
    void refusesWeightsOfTheWrongShapeNamingTheLayer() {
        NetSpec net = NetPresets.find("bacteria-net-fast").orElseThrow().net();
        NetWeights good = OnnxModels.randomWeights(net, 1, 3, 1);
        List<NetWeights.Layer> layers = new ArrayList<>(good.layers());
        NetWeights.Layer first = layers.get(0);
        layers.set(0, new NetWeights.Layer(new float[7], first.bias(), first.batchNorm()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DilatedNetExporter().export(metadata(net, 1, 3), new NetWeights(layers)));
        assertEquals("layer0 kernel needs 256 values, not 7.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DilatedNetExporter().export(metadata(net, 2, 3), good));
    }

    private static ModelMetadata metadata(NetSpec net, int channels, int classes) {
        List<String> roles = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            roles.add("channel-" + c);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class-" + k);
        }
        return new ModelMetadata(net.receptiveField(), roles, names, Normalization.paper(net.receptiveField()), net,
                Map.of());
    }

    static double[][][] patch(float[] image, int channels, int width, int height, int cx, int cy, int side) {
        int r = side / 2;
        double[][][] out = new double[channels][side][side];
        for (int c = 0; c < channels; c++) {
            for (int dy = 0; dy < side; dy++) {
                int y = LocalMeanNormalizer.reflect(cy - r + dy, height);
                for (int dx = 0; dx < side; dx++) {
                    int x = LocalMeanNormalizer.reflect(cx - r + dx, width);
                    out[c][dy][dx] = image[(c * height + y) * width + x];
                }
            }
        }
        return out;
    }

    static float[] randomImage(int channels, int width, int height, long seed) {
        Random random = new Random(seed);
        float[] image = new float[channels * width * height];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        return image;
    }

    static float[][][][] run(byte[] model, float[] image, int channels, int width, int height) throws Exception {
        try (OrtSession session = ENV.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(image),
                     new long[] {1, channels, height, width});
             OrtSession.Result result = session.run(Map.of(DilatedNetExporter.INPUT, input))) {
            assertArrayEquals(new String[] {DilatedNetExporter.OUTPUT}, session.getOutputNames().toArray());
            return (float[][][][]) result.get(0).getValue();
        }
    }
}
