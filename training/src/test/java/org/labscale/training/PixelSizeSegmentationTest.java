package org.labscale.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.convnet.onnx.ModelMetadata;
import org.labscale.imaging.FloatPlane;
import org.labscale.segmentation.ImageSegmenter;
import org.labscale.segmentation.inference.EnsembleModel;
import org.labscale.segmentation.inference.InferenceSettings;
import org.labscale.segmentation.inference.ModelMember;
import org.labscale.segmentation.score.ImageScores;
import org.labscale.shared.job.TrainingPayload;
import org.labscale.shared.job.TrainingSetRef;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.training.data.TrainingImage;
import org.labscale.training.data.TrainingImageLoader;
import org.labscale.training.export.TrainingProvenance;

import ai.djl.Device;

/**
 * One net, two magnifications: an ensemble trained on discs at one pixel size (0.2 um) records it in its card and
 * members, and segments the same discs drawn twice as large (pixel size 0.1 um, every cell 4 times the pixels) once
 * the image is resampled to its pixel size: the same cells, scored in the large image's own pixels, within a
 * tolerance of the image at the size it was trained at (the cells come back through nearest-neighbour enlargement,
 * so their outlines are 2-px steps). The scores without resampling are in the message, for comparison.
 */
class PixelSizeSegmentationTest {

    private static final int SIZE = 96;
    private static final int DISCS = SIZE * SIZE / 500;

    @TempDir
    Path dir;

    @Test
    void aNetTrainedAtOnePixelSizeSegmentsAnImageAtAnother() throws Exception {
        TrainingPayload p = new TrainingPayload(List.of(new TrainingSetRef(UUID.randomUUID(), 1)), "discs", null,
                TestPayloads.TINY, null, null, null, null, null, 3000, 2, 32, null, null, 0.3, 2, 5L, null, null)
                .withDefaults().withPixelSizeUm(0.2);
        TrainingImageLoader loader = new TrainingImageLoader(15, 3, p.normalization());
        List<TrainingImage> images = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SyntheticDiscs.Image image = SyntheticDiscs.imageAt(SIZE, SIZE, DISCS, 40 + i, 1);
            images.add(loader.fromPlanes("disc-" + i, List.of(image.plane()), image.classMap()));
        }
        EnsembleTrainer.Result result = new EnsembleTrainer(new TrainingProvenance(null, List.of(), "test"),
                Device.cpu()).train(p, images, List.of(), ProgressListener.NONE, () -> false);
        assertEquals(0.2, result.card().pixelSizeUm());
        List<ModelMember> members = new ArrayList<>();
        for (int m = 0; m < result.members().size(); m++) {
            assertEquals(0.2, ModelMetadata.read(result.members().get(m)).pixelSizeUm());
            Path file = Files.write(dir.resolve("member-" + m + ".onnx"), result.members().get(m));
            members.add(ModelMember.trusting(file));
        }

        SyntheticDiscs.Image small = SyntheticDiscs.imageAt(SIZE, SIZE, DISCS, 77, 1);
        SyntheticDiscs.Image large = SyntheticDiscs.imageAt(SIZE, SIZE, DISCS, 77, 2);
        try (EnsembleModel model = EnsembleModel.open(members, InferenceSettings.cpu())) {
            ImageSegmenter segmenter = new ImageSegmenter(model, null, PostProcessing.defaults());
            ImageSegmenter.Result atOwnSize = segment(segmenter, small, 0.2, "small");
            ImageSegmenter.Result resampled = segment(segmenter, large, 0.1, "large");
            ImageSegmenter.Result asItIs = segment(segmenter, large, null, "large-as-is");
            ImageScores a = atOwnSize.scores();
            ImageScores b = resampled.scores();
            String figures = "trained size: " + brief(a) + "; twice as large, resampled: " + brief(b)
                    + "; not resampled: " + brief(asItIs.scores());
            assertTrue(a.meanJaccard() > 0.6, figures);
            assertEquals(a.meanJaccard(), b.meanJaccard(), 0.08, figures);
            assertEquals(a.segmentedCells(), b.segmentedCells(), 2, figures);
            assertTrue(b.f1() >= a.f1() - 0.1, figures);
        }
    }

    private static String brief(ImageScores s) {
        return String.format(java.util.Locale.ROOT, "Jaccard %.3f, F1 %.3f, %d of %d cells", s.meanJaccard(), s.f1(),
                s.segmentedCells(), s.referenceCells());
    }

    /** @param pixelSizeUm the image's; null: unknown (segmented as it is) */
    private ImageSegmenter.Result segment(ImageSegmenter segmenter, SyntheticDiscs.Image image, Double pixelSizeUm,
                                          String name) throws Exception {
        List<FloatPlane> channels = List.of(image.plane());
        return segmenter.segment(channels, Map.of(), Set.of(), image.instances(), dir.resolve(name), pixelSizeUm);
    }
}
