package org.labscale.bioimageio.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.labscale.imaging.FloatPlane;
import org.labscale.segmentation.ProbabilityMaps;
import org.labscale.segmentation.SegmentationException;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.inference.ModelMember;
import org.labscale.segmentation.inference.TiledInference;

/**
 * What the platform itself predicts for raw image channels: the members in ONNX Runtime sessions of their own, the
 * normalisation in Java, in tiles ({@link TiledInference}), as a segmentation job does. Exports compare their baked
 * graph's test output with it.
 */
public final class PlatformPrediction {

    private PlatformPrediction() {
    }

    /** The averaged class probabilities {@code [class][y * width + x]} flattened class after class. */
    public static float[] of(List<byte[]> members, List<FloatPlane> channels, int tileSize)
            throws IOException, SegmentationException {
        Path dir = Files.createTempDirectory("labscale-export-");
        try {
            List<ModelMember> files = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                files.add(ModelMember.trusting(Files.write(dir.resolve("member-" + m + ".onnx"), members.get(m))));
            }
            try (EnsembleModel model = EnsembleModel.open(files, InferenceSettings.cpu().withTileSize(tileSize)
                    .withFusedMembers(false))) {
                ProbabilityMaps maps = new TiledInference(model).run(channels);
                int n = maps.width() * maps.height();
                float[] out = new float[maps.planes().length * n];
                for (int k = 0; k < maps.planes().length; k++) {
                    System.arraycopy(maps.planes()[k], 0, out, k * n, n);
                }
                return out;
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
