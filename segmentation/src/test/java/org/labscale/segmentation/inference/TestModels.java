package org.labscale.segmentation.inference;

import org.labscale.convnet.onnx.OnnxModels;
import org.labscale.imaging.FloatPlane;
import org.labscale.shared.net.LayerSpec;
import org.labscale.shared.net.NetSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small random-weight models (from convnet's exporter) and synthetic images for inference tests. */
final class TestModels {

    /** 13 px receptive field with two max-pools, so dilations 2 and 4 appear in the graph. */
    static final NetSpec TINY = new NetSpec("tiny-13", 13, List.of(new LayerSpec.Conv(4, 2, true), new LayerSpec.MaxPool(),
            new LayerSpec.Conv(4, 3, true), new LayerSpec.MaxPool(), new LayerSpec.Dense(8, true)));
    static final List<String> THREE = List.of("background", "boundary", "interior");

    private TestModels() {
    }

    static List<ModelMember> write(Path dir, NetSpec net, List<String> channels, List<String> classes, int members,
                                   long seed) throws IOException {
        List<ModelMember> out = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            Path file = dir.resolve(net.name() + "-" + seed + "-member-" + i + ".onnx");
            Files.write(file, OnnxModels.randomModel(net, channels, classes, seed + i));
            out.add(ModelMember.trusting(file));
        }
        return out;
    }

    /** Smooth blobs plus a ramp, different per channel, positive like microscopy counts. */
    static FloatPlane image(int width, int height, int channel) {
        float[] p = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double blobs = Math.sin(x * 0.37 + channel) * Math.cos(y * 0.29 - channel) + 0.01 * (x + 2 * y);
                p[y * width + x] = (float) (100 + 40 * blobs + ((x * 7 + y * 13 + channel) % 5));
            }
        }
        return new FloatPlane(width, height, p);
    }
}
