package org.labscale.bioimageio.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labscale.bioimageio.check.TestTensorComparison;
import org.labscale.bioimageio.npy.Npy;
import org.labscale.bioimageio.run.GraphRunner;
import org.labscale.convnet.onnx.DilatedNetExporter;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.convnet.onnx.OnnxModels;
import org.labscale.imaging.FloatPlane;
import org.labscale.shared.net.NetPresets;
import org.labscale.shared.net.NetSpec;
import org.labscale.shared.net.Normalization;

/**
 * The baked graph on raw pixels gives what the platform's tiled ensemble gives (normalisation in Java, members in
 * their own sessions), within bioimage.io's tolerance and in fact within 1e-4, for both normalisations, two channels
 * with a camera black level, and an odd, non-square image the platform runs in several tiles.
 */
class BakedEnsembleTest {

    static final List<String> CHANNELS = List.of("phase", "nuclear");
    static final List<String> CLASSES = List.of("background", "boundary", "interior");

    static List<byte[]> members(String method, int count) {
        NetSpec net = NetPresets.find("bacteria-net-fast").orElseThrow().net();
        List<byte[]> members = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            ModelMetadata meta = new ModelMetadata(net.receptiveField(), CHANNELS, CLASSES,
                    new Normalization(method, net.receptiveField()), net, Map.of("random", m));
            members.add(new DilatedNetExporter().export(meta, OnnxModels.randomWeights(net, CHANNELS.size(),
                    CLASSES.size(), 11 + m)));
        }
        return members;
    }

    /** Two channels with a black level and blobs, as a 16-bit camera records them. */
    static List<FloatPlane> image(int w, int h) {
        SplittableRandom random = new SplittableRandom(5);
        List<FloatPlane> planes = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            float[] p = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double blob = Math.max(0, 1 - (Math.pow(x % 23 - 11, 2) + Math.pow(y % 19 - 9, 2)) / 60.0);
                    p[y * w + x] = (float) Math.rint(33000 * c + 800 + 3000 * blob + 40 * random.nextGaussian());
                }
            }
            planes.add(new FloatPlane(w, h, p));
        }
        return planes;
    }

    static Npy.Tensor tensor(List<FloatPlane> planes) {
        int w = planes.get(0).width();
        int h = planes.get(0).height();
        float[] data = new float[planes.size() * w * h];
        for (int c = 0; c < planes.size(); c++) {
            System.arraycopy(planes.get(c).pixels(), 0, data, c * w * h, w * h);
        }
        return new Npy.Tensor(new long[] {1, planes.size(), h, w}, data);
    }

    /** The platform's own prediction: TiledInference over separate member sessions, in 48 px tiles. */
    static float[] platform(List<byte[]> members, List<FloatPlane> planes, Path dir) throws Exception {
        return PlatformPrediction.of(members, planes, 48);
    }

    @ParameterizedTest
    @ValueSource(strings = {Normalization.ROBUST_LOCAL_MEAN, Normalization.MEDIAN_LOCAL_MEAN})
    void theBakedGraphOnRawPixelsEqualsThePlatformsEnsemble(String method, @TempDir Path dir) throws Exception {
        List<byte[]> members = members(method, 2);
        List<FloatPlane> planes = image(97, 83);
        float[] expected = platform(members, planes, dir);
        Npy.Tensor out;
        try (GraphRunner runner = new GraphRunner(BakedEnsemble.build(members), 2)) {
            out = runner.run(tensor(planes));
        }
        assertArrayEquals(new long[] {1, 3, 83, 97}, out.shape());
        TestTensorComparison c = TestTensorComparison.compare(out.data(), expected);
        assertTrue(c.passes(), c.describe());
        assertTrue(c.maxAbsolute() < 1e-4, c.describe());
        System.out.println("baked " + method + " vs platform: " + c.describe());
    }
}
